using Dapper;
using NpgsqlTypes;

namespace PledgeLedger.Storage;

/// <summary>A reference rate: units of <see cref="Currency"/> per EUR on <see cref="Date"/> (the ECB convention).</summary>
public sealed record RateRecord(DateOnly Date, string Currency, decimal UnitsPerEur);

/// <summary>A rate already in the ledger for the same day and currency, with a different value: reported, never replaced.</summary>
public sealed record RateConflict(DateOnly Date, string Currency, decimal Existing, decimal Incoming);

public sealed record RateImportResult(int Inserted, int Identical, IReadOnlyList<RateConflict> Conflicts);

/// <summary>Reference rates, append-only. Re-importing the same file changes nothing.</summary>
public sealed class RateStore(LedgerDatabase db)
{
    /// <summary>
    /// How many days before a date a rate may be and still convert it (weekends, holidays), for messages: the rule
    /// itself is the database's fx_rate_in_force_until (migration 0014), and a test holds the two equal.
    /// </summary>
    public const int MaxRateAgeDays = 7;

    /// <summary>Adds rates in one transaction: new ones are inserted, identical ones skipped, conflicting ones reported.</summary>
    public async Task<RateImportResult> AddAsync(IReadOnlyCollection<RateRecord> rates, string source, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "CREATE TEMP TABLE stage_rates (rate_date date, currency text, units_per_eur numeric) ON COMMIT DROP", transaction: tx, cancellationToken: ct));
        await using (var w = await conn.BeginBinaryImportAsync("COPY stage_rates (rate_date, currency, units_per_eur) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var r in rates.DistinctBy(r => (r.Date, r.Currency)))
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(r.Date, NpgsqlDbType.Date, ct);
                await w.WriteAsync(r.Currency, NpgsqlDbType.Text, ct);
                await w.WriteAsync(r.UnitsPerEur, NpgsqlDbType.Numeric, ct);
            }
            await w.CompleteAsync(ct);
        }
        var conflicts = (await conn.QueryAsync<ConflictRow>(new CommandDefinition("""
            SELECT s.rate_date, s.currency, f.units_per_eur AS existing, s.units_per_eur AS incoming
            FROM stage_rates s JOIN fx_rates f ON f.currency = s.currency AND f.rate_date = s.rate_date
            WHERE f.units_per_eur <> s.units_per_eur ORDER BY s.rate_date, s.currency
            """, transaction: tx, cancellationToken: ct))).Select(c => new RateConflict(c.RateDate, c.Currency, c.Existing, c.Incoming)).ToList();
        var identical = await conn.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT count(*)::int FROM stage_rates s JOIN fx_rates f ON f.currency = s.currency AND f.rate_date = s.rate_date
            WHERE f.units_per_eur = s.units_per_eur
            """, transaction: tx, cancellationToken: ct));
        var inserted = await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO fx_rates (rate_date, currency, units_per_eur, source)
            SELECT rate_date, currency, units_per_eur, @source FROM stage_rates
            ON CONFLICT (currency, rate_date) DO NOTHING
            """, new { source }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new RateImportResult(inserted, identical, conflicts);
    }

    /// <summary>The rate a pledge of that date is converted with (the daily projection of fx_rates, migration 0014's rule). Null when none.</summary>
    public async Task<RateRecord?> RateOnAsync(string currency, DateOnly on, CancellationToken ct)
    {
        if (currency == "EUR") return new RateRecord(on, "EUR", 1m);
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<ConflictRow>(new CommandDefinition("""
            SELECT rate_date, currency, units_per_eur AS existing FROM fx_daily WHERE currency = @currency AND day = @on
            """, new { currency, on }, cancellationToken: ct));
        return row is null ? null : new RateRecord(row.RateDate, row.Currency, row.Existing);
    }

    /// <summary>Rates held, oldest first, optionally for one currency and a date range.</summary>
    public async Task<IReadOnlyList<RateRecord>> ListAsync(string? currency, DateOnly? from, DateOnly? to, int? limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<ConflictRow>(new CommandDefinition($"""
            SELECT rate_date, currency, units_per_eur AS existing FROM fx_rates
            WHERE (@currency::text IS NULL OR currency = @currency)
              AND (@from::date IS NULL OR rate_date >= @from) AND (@to::date IS NULL OR rate_date <= @to)
            ORDER BY rate_date, currency {(limit is { } l ? $"LIMIT {l}" : "")}
            """, new { currency, from, to }, cancellationToken: ct));
        return rows.Select(r => new RateRecord(r.RateDate, r.Currency, r.Existing)).ToList();
    }

    private sealed class ConflictRow
    {
        public DateOnly RateDate { get; set; }
        public string Currency { get; set; } = "";
        public decimal Existing { get; set; }
        public decimal Incoming { get; set; }
    }
}
