using Npgsql;

namespace PledgeLedger.Storage;

/// <summary>
/// The ledger's write lock: a transaction-scoped advisory lock that every check-then-write of pledges takes first
/// (an ingest batch, a CSV import, <c>pledge add</c>'s duplicate check and insert, an amendment, retraction or
/// review), so each decides on the ledger as the previous one left it. Readers never take it. Released at commit
/// or rollback, so a killed writer never leaves it held.
/// </summary>
internal static class LedgerLocks
{
    private const long WriteKey = 0x504c4544474531; // "PLEDGE1"

    /// <summary>Waits for, then holds until the end of <paramref name="tx"/>, the ledger's write lock.</summary>
    public static async Task TakeWriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        // A plain Npgsql command (no Dapper): `pledge add` runs in the Native AOT front (issue 13).
        await using var cmd = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({WriteKey})", conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
