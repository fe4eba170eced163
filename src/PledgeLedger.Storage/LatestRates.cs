using Dapper;

namespace PledgeLedger.Storage;

/// <summary>The newest rate held for each currency: what <c>pledge rates list</c> shows unless asked for the history.</summary>
public static class LatestRates
{
    public static async Task<IReadOnlyList<RateRecord>> ListAsync(LedgerDatabase db, string? currency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition("""
            SELECT DISTINCT ON (currency) rate_date, currency, units_per_eur FROM fx_rates
            WHERE (@currency::text IS NULL OR currency = @currency)
            ORDER BY currency, rate_date DESC
            """, new { currency }, cancellationToken: ct));
        return rows.Select(r => new RateRecord(r.RateDate, r.Currency, r.UnitsPerEur)).ToList();
    }

    private sealed class Row
    {
        public DateOnly RateDate { get; set; }
        public string Currency { get; set; } = "";
        public decimal UnitsPerEur { get; set; }
    }
}
