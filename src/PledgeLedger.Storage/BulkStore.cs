using Dapper;
using PledgeLedger.Core;

namespace PledgeLedger.Storage;

/// <summary>Writes many new pledges at once (imports, benchmarks): one transaction, ids in one statement, versions by binary COPY.</summary>
public sealed class BulkStore(LedgerDatabase db)
{
    /// <summary>Adds every pledge as a new ledger pledge (version 1) in one transaction. Returns their ids in order.</summary>
    public async Task<IReadOnlyList<long>> AddAllAsync(IReadOnlyList<Pledge> pledges, CancellationToken ct)
    {
        if (pledges.Count == 0) return [];
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var ids = await LedgerWriter.AllocateIdsAsync(conn, tx, pledges.Count, ct);
        await LedgerWriter.CopyVersionsAsync(conn, pledges.Select((p, i) => p with { Id = ids[i], Version = 1 }).ToList(), ct);
        await tx.CommitAsync(ct);
        return ids;
    }

    /// <summary>How many pledges the ledger holds (all, including retracted).</summary>
    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM pledges", cancellationToken: ct));
    }

    /// <summary>Refreshes planner statistics after a large load.</summary>
    public async Task AnalyzeAsync(CancellationToken ct)
    {
        // One statement per command: Npgsql sends several statements of one command as a pipeline (one implicit
        // transaction), and VACUUM refuses to run inside one (25001).
        await using var conn = await db.OpenConnectionAsync(ct);
        foreach (var sql in new[] { "VACUUM ANALYZE pledge_current", "VACUUM ANALYZE pledge_totals", "ANALYZE pledge_versions", "ANALYZE fx_rates" })
        {
            await conn.ExecuteAsync(new CommandDefinition(sql, cancellationToken: ct, commandTimeout: 0));
        }
    }
}
