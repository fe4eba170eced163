using Dapper;
using Npgsql;

namespace PledgeLedger.Storage;

/// <summary>An equipment system as the ledger holds it, with the estimated unit value in force (newest valuation) and its basis.</summary>
public sealed record CatalogEntry(string Id, string Name, string Category, IReadOnlyList<string> Aliases, decimal? UnitValueEur, string? Basis, DateTimeOffset? ValuedAt);

/// <summary>One estimated unit value of a system: appended, never replaced; the newest is in force.</summary>
public sealed record SystemValuation(long Id, string SystemId, decimal UnitValueEur, string Basis, DateTimeOffset RecordedAt);

/// <summary>The equipment catalog in the ledger and its valuation history (system_valuations, append-only).</summary>
public sealed class CatalogStore(LedgerDatabase db)
{
    public async Task<IReadOnlyList<CatalogEntry>> ListAsync(string? category, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var rows = await conn.QueryAsync<EntryRow>(new CommandDefinition($"""
            {EntrySql}
            WHERE @category::text IS NULL OR s.category = @category
            ORDER BY s.category, s.name
            """, new { category }, cancellationToken: ct));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    public async Task<CatalogEntry?> GetAsync(string systemId, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<EntryRow>(new CommandDefinition($"{EntrySql} WHERE s.id = @systemId", new { systemId }, cancellationToken: ct));
        return row?.ToEntry();
    }

    /// <summary>Every valuation of a system, newest first.</summary>
    public async Task<IReadOnlyList<SystemValuation>> HistoryAsync(string systemId, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var rows = await conn.QueryAsync<ValuationRow>(new CommandDefinition("""
            SELECT id, system_id, unit_value_eur, basis, recorded_at FROM system_valuations
            WHERE system_id = @systemId ORDER BY recorded_at DESC, id DESC
            """, new { systemId }, cancellationToken: ct));
        return rows.Select(r => r.ToValuation()).ToList();
    }

    /// <summary>Appends a valuation; it is in force from now on (earlier reports as of a past time keep theirs).</summary>
    public async Task<SystemValuation> AddValuationAsync(string systemId, decimal unitValueEur, string basis, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        try
        {
            var row = await conn.QuerySingleAsync<ValuationRow>(new CommandDefinition("""
                INSERT INTO system_valuations (system_id, unit_value_eur, basis) VALUES (@systemId, @unitValueEur, @basis)
                RETURNING id, system_id, unit_value_eur, basis, recorded_at
                """, new { systemId, unitValueEur, basis }, cancellationToken: ct));
            return row.ToValuation();
        }
        catch (PostgresException e) when (e.SqlState is "23503" or "23514" or "22003")
        {
            throw new LedgerInputException(e.SqlState == "23503" ? "SYSTEM: not in the equipment catalog" : PledgeStore.DescribeConstraint(e), e);
        }
    }

    private const string EntrySql = """
        SELECT s.id, s.name, s.category, s.aliases, v.unit_value_eur, v.basis, v.recorded_at AS valued_at
        FROM equipment_systems s
        LEFT JOIN LATERAL (
            SELECT sv.unit_value_eur, sv.basis, sv.recorded_at FROM system_valuations sv
            WHERE sv.system_id = s.id ORDER BY sv.recorded_at DESC, sv.id DESC LIMIT 1) v ON true
        """;

    private Task<NpgsqlConnection> OpenAsync(CancellationToken ct) =>
        db.OpenConnectionAsync(ct);

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    private sealed class EntryRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Category { get; set; } = "";
        public string[] Aliases { get; set; } = [];
        public decimal? UnitValueEur { get; set; }
        public string? Basis { get; set; }
        public DateTime? ValuedAt { get; set; }

        public CatalogEntry ToEntry() => new(Id, Name, Category, Aliases, UnitValueEur, Basis, ValuedAt is { } t ? Utc(t) : null);
    }

    private sealed class ValuationRow
    {
        public long Id { get; set; }
        public string SystemId { get; set; } = "";
        public decimal UnitValueEur { get; set; }
        public string Basis { get; set; } = "";
        public DateTime RecordedAt { get; set; }

        public SystemValuation ToValuation() => new(Id, SystemId, UnitValueEur, Basis, Utc(RecordedAt));
    }
}
