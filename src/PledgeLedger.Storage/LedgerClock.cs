using Dapper;

namespace PledgeLedger.Storage;

/// <summary>When the ledger last changed: what a report means by "the ledger as of" when no time is given.</summary>
public static class LedgerClock
{
    /// <summary>
    /// The time of the latest recorded change (a pledge version, an evidence row, a rate or a unit value), or null for
    /// an empty ledger. The same ledger gives the same time, so a report made twice is the same byte for byte.
    /// </summary>
    public static async Task<DateTimeOffset?> LatestChangeAsync(LedgerDatabase db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var conn = await db.OpenConnectionAsync(ct);
        var latest = await conn.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            """
            SELECT GREATEST(
                (SELECT max(recorded_at) FROM pledge_versions),
                (SELECT max(recorded_at) FROM evidence),
                (SELECT max(recorded_at) FROM fx_rates),
                (SELECT max(recorded_at) FROM system_valuations))
            """, cancellationToken: ct));
        return latest is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
    }
}
