using Dapper;

namespace PledgeLedger.Storage;

/// <summary>One check of the append-only record itself: what it checks, how many rows it looked at, how many fail.</summary>
public sealed record RecordCheck(string Table, string Rule, long Rows, long Violations);

/// <summary>
/// Checks the record (pledges, versions, documents, evidence) against itself, for <c>pledge db check</c>. The record
/// refuses UPDATE, DELETE and TRUNCATE (migration 0011) and its foreign keys hold, so on an untouched ledger every
/// check finds 0; a violation means rows were removed around the guards (a superuser disabling triggers, a restore of
/// part of a dump). Derived tables can be refilled from the record; a damaged record cannot, so these are reported,
/// never repaired.
/// </summary>
public sealed class RecordCheckStore(LedgerDatabase db)
{
    private static readonly (string Table, string Rule, string Rows, string Violations)[] Checks =
    [
        ("evidence", "each row's document exists",
            "SELECT count(*) FROM evidence",
            "SELECT count(*) FROM evidence e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = e.document_id)"),
        ("evidence", "each row's pledge exists",
            "SELECT count(*) FROM evidence",
            "SELECT count(*) FROM evidence e WHERE NOT EXISTS (SELECT 1 FROM pledges p WHERE p.id = e.pledge_id)"),
        ("pledge_versions", "each version's pledge exists",
            "SELECT count(*) FROM pledge_versions",
            "SELECT count(*) FROM pledge_versions v WHERE NOT EXISTS (SELECT 1 FROM pledges p WHERE p.id = v.pledge_id)"),
        ("pledges", "versions 1..n, none missing",
            "SELECT count(*) FROM pledges",
            """
            SELECT count(*) FROM pledges p
            LEFT JOIN (SELECT pledge_id, count(*) AS n, max(version) AS top FROM pledge_versions GROUP BY pledge_id) v ON v.pledge_id = p.id
            WHERE v.n IS NULL OR v.n <> v.top
            """),
        ("pledges", "pledges from documents have evidence",
            "SELECT count(*) FROM pledges",
            """
            SELECT count(*) FROM pledge_versions v
            JOIN (SELECT DISTINCT coalesce(origin, source) AS src FROM documents WHERE format NOT IN ('manual', 'csv')) d ON d.src = v.source
            WHERE v.version = 1 AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.pledge_id = v.pledge_id)
            """),
        ("documents", "imported CSVs keep their evidence",
            "SELECT count(*) FROM documents",
            """
            SELECT count(*) FROM documents d
            WHERE d.format = 'csv'
              AND EXISTS (SELECT 1 FROM pledge_versions v WHERE v.version = 1 AND left(v.source, length(d.source) + 1) = d.source || ':')
              AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.document_id = d.id)
            """),
    ];

    /// <summary>Runs every check in one snapshot.</summary>
    public async Task<IReadOnlyList<RecordCheck>> CheckAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var result = new List<RecordCheck>();
        foreach (var (table, rule, rowsSql, violationsSql) in Checks)
        {
            var rows = await conn.ExecuteScalarAsync<long>(new CommandDefinition(rowsSql, transaction: tx, cancellationToken: ct, commandTimeout: 0));
            var violations = await conn.ExecuteScalarAsync<long>(new CommandDefinition(violationsSql, transaction: tx, cancellationToken: ct, commandTimeout: 0));
            result.Add(new RecordCheck(table, rule, rows, violations));
        }
        await tx.CommitAsync(ct);
        return result;
    }
}
