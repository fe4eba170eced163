using Dapper;

namespace PledgeLedger.Storage;

/// <summary>One derived table and how many of its rows differ from what the record says it should hold.</summary>
public sealed record ProjectionCheck(string Table, string DerivedFrom, long Rows, long Differences);

/// <summary>
/// The derived tables triggers keep beside the append-only record (pledge_current, fx_daily, pledge_totals):
/// compared with what the record says they should hold (the *_expected views of migration 0006), and refilled
/// from it on request. Nothing of the record itself is touched.
/// </summary>
public sealed class ProjectionStore(LedgerDatabase db)
{
    private static readonly (string Table, string DerivedFrom, string Expected)[] Projections =
    [
        ("pledge_current", "pledge_versions (newest version of each pledge)", "pledge_current_expected"),
        ("fx_daily", "fx_rates (the rate in force each day)", "fx_daily_expected"),
        ("pledge_totals", "pledge_current, fx_daily, system_valuations (the roll-up totals read)", "pledge_totals_expected"),
    ];

    /// <summary>Counts, per derived table, the rows it has that it should not and the rows it lacks.</summary>
    public async Task<IReadOnlyList<ProjectionCheck>> CheckAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var result = new List<ProjectionCheck>();
        foreach (var (table, from, expected) in Projections)
        {
            var rows = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM {table}", transaction: tx, cancellationToken: ct, commandTimeout: 0));
            var differences = await conn.ExecuteScalarAsync<long>(new CommandDefinition($"""
                SELECT (SELECT count(*) FROM (TABLE {table} EXCEPT ALL TABLE {expected}) extra)
                     + (SELECT count(*) FROM (TABLE {expected} EXCEPT ALL TABLE {table}) missing)
                """, transaction: tx, cancellationToken: ct, commandTimeout: 0));
            result.Add(new ProjectionCheck(table, from, rows, differences));
        }
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>Refills every derived table from the record, in one transaction (readers see the old or the new state).</summary>
    public async Task RepairAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Writers wait; readers go on with the state before the repair until it commits.
        await conn.ExecuteAsync(new CommandDefinition(
            "LOCK TABLE pledge_versions, fx_rates, system_valuations IN SHARE MODE", transaction: tx, cancellationToken: ct));
        foreach (var (table, _, expected) in Projections)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {table}; INSERT INTO {table} SELECT * FROM {expected};", transaction: tx, cancellationToken: ct, commandTimeout: 0));
        }
        await tx.CommitAsync(ct);
    }
}
