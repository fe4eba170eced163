using Dapper;
using PledgeLedger.Core;

namespace PledgeLedger.Storage;

/// <summary>How totals are grouped.</summary>
public enum TotalsGrouping { Donor, Month, Category, System }

/// <summary>One line of totals: money converted to EUR, amounts without a rate kept apart, equipment items.</summary>
public sealed record TotalsRow
{
    public required string Key { get; init; }
    public required string Label { get; init; }
    public int Pledges { get; init; }
    /// <summary>Money converted to EUR, exact (rounded only for display).</summary>
    public decimal Eur { get; init; }
    /// <summary>Original-currency sums that have no rate (or no date): never counted as 0 EUR.</summary>
    public IReadOnlyList<Money> Unconverted { get; init; } = [];
    public int UnconvertedPledges { get; init; }
    public long EquipmentItems { get; init; }
    /// <summary>Equipment pledges with no stated quantity.</summary>
    public int UnquantifiedEquipment { get; init; }
    /// <summary>Estimated (catalog unit value x quantity) or stated value of equipment, EUR. Never mixed into <see cref="Eur"/>.</summary>
    public decimal InKindEur { get; init; }
}

/// <summary>
/// Totals per ally (or month, category, system). Money is summed per (group, currency, date) in SQL, each
/// distinct (currency, date) is converted once with the rate of that date or the last earlier one, then summed.
/// </summary>
public sealed class TotalsStore(LedgerDatabase db)
{
    public static IReadOnlyList<PledgeStatus> DefaultStatuses { get; } = [PledgeStatus.Pledged, PledgeStatus.Allocated, PledgeStatus.Delivered];

    public async Task<IReadOnlyList<TotalsRow>> TotalsAsync(PledgeFilter filter, TotalsGrouping by, CancellationToken ct)
    {
        var f = filter with { IncludeUnreviewed = false, IncludeRetracted = false, Statuses = filter.Statuses ?? DefaultStatuses };
        var (where, args) = PledgeStore.BuildWhere(f);
        var asOf = f.AsOf is not null;
        if (f.AsOf is { } t) args.Add("as_of", t.UtcDateTime);
        var (keyExpr, labelJoin, labelExpr) = by switch
        {
            TotalsGrouping.Donor => ("p.donor_code", "JOIN donors d ON d.code = t.key", "d.name"),
            TotalsGrouping.Month => ("coalesce(to_char(p.announced_on, 'YYYY-MM'), 'undated')", "", "t.key"),
            TotalsGrouping.Category => ("CASE WHEN p.kind = 'money' THEN 'money:' || p.aid_type ELSE coalesce(s.category, p.category) END", "", "t.key"),
            _ => ("coalesce(p.system_id, 'category:' || p.category)", "LEFT JOIN equipment_systems es ON es.id = t.key", "coalesce(es.name, t.key)"),
        };
        if (by == TotalsGrouping.System) where += " AND p.kind = 'equipment'";
        var source = PledgeQueries.Source(asOf);
        var rateAsOf = PledgeQueries.RateAsOf(asOf);
        var money = $"""
            WITH m AS (
                SELECT {keyExpr} AS key, p.currency, p.announced_on, count(*)::int AS n, sum(p.amount) AS amt
                FROM {source} p LEFT JOIN equipment_systems s ON s.id = p.system_id
                WHERE p.kind = 'money' AND {where}
                GROUP BY 1, 2, 3),
            d AS (SELECT DISTINCT currency, announced_on FROM m WHERE currency <> 'EUR' AND announced_on IS NOT NULL),
            r AS (
                SELECT d.currency, d.announced_on, x.units_per_eur FROM d
                CROSS JOIN LATERAL (
                    SELECT f.units_per_eur FROM fx_rates f
                    WHERE f.currency = d.currency AND f.rate_date <= d.announced_on {rateAsOf}
                    ORDER BY f.rate_date DESC LIMIT 1) x),
            t AS (
                SELECT m.key, m.currency,
                       sum(m.n)::int AS pledges,
                       sum(CASE WHEN m.currency = 'EUR' THEN m.amt ELSE m.amt / r.units_per_eur END) AS eur,
                       sum(m.amt) FILTER (WHERE m.currency <> 'EUR' AND r.units_per_eur IS NULL) AS unconverted,
                       coalesce(sum(m.n) FILTER (WHERE m.currency <> 'EUR' AND r.units_per_eur IS NULL), 0)::int AS unconverted_pledges
                FROM m LEFT JOIN r ON r.currency = m.currency AND r.announced_on = m.announced_on
                GROUP BY m.key, m.currency)
            SELECT t.key, {labelExpr} AS label, t.currency, t.pledges, t.eur, t.unconverted, t.unconverted_pledges
            FROM t {labelJoin}
            """;
        var equipment = $"""
            WITH t AS (
                SELECT {keyExpr} AS key, count(*)::int AS pledges, coalesce(sum(p.quantity), 0)::bigint AS items,
                       count(*) FILTER (WHERE p.quantity IS NULL)::int AS unquantified,
                       coalesce(sum(coalesce(p.stated_value_eur, p.quantity * v.unit_value_eur)), 0) AS in_kind
                FROM {source} p
                LEFT JOIN equipment_systems s ON s.id = p.system_id
                LEFT JOIN LATERAL (
                    SELECT sv.unit_value_eur FROM system_valuations sv
                    WHERE sv.system_id = p.system_id {(asOf ? "AND sv.recorded_at <= @as_of" : "")}
                    ORDER BY sv.recorded_at DESC, sv.id DESC LIMIT 1) v ON true
                WHERE p.kind = 'equipment' AND {where}
                GROUP BY 1)
            SELECT t.key, {labelExpr} AS label, t.pledges, t.items, t.unquantified, t.in_kind FROM t {labelJoin}
            """;
        await using var conn = await LedgerDatabase.Guard(db.Location, async () => await db.DataSource.OpenConnectionAsync(ct));
        var rows = new Dictionary<string, TotalsRow>(StringComparer.Ordinal);
        if (f.Kind is null or PledgeKind.Money && by != TotalsGrouping.System)
        {
            foreach (var m in await conn.QueryAsync<MoneyGroup>(new CommandDefinition(money, args, cancellationToken: ct)))
            {
                var row = rows.GetValueOrDefault(m.Key) ?? new TotalsRow { Key = m.Key, Label = m.Label ?? m.Key };
                rows[m.Key] = row with
                {
                    Pledges = row.Pledges + m.Pledges,
                    Eur = row.Eur + (m.Eur ?? 0m),
                    Unconverted = m.Unconverted is { } u ? [.. row.Unconverted, new Money(u, m.Currency)] : row.Unconverted,
                    UnconvertedPledges = row.UnconvertedPledges + m.UnconvertedPledges,
                };
            }
        }
        if (f.Kind is null or PledgeKind.Equipment)
        {
            foreach (var e in await conn.QueryAsync<EquipmentGroup>(new CommandDefinition(equipment, args, cancellationToken: ct)))
            {
                var row = rows.GetValueOrDefault(e.Key) ?? new TotalsRow { Key = e.Key, Label = e.Label ?? e.Key };
                rows[e.Key] = row with
                {
                    Pledges = row.Pledges + e.Pledges,
                    EquipmentItems = row.EquipmentItems + e.Items,
                    UnquantifiedEquipment = row.UnquantifiedEquipment + e.Unquantified,
                    InKindEur = row.InKindEur + e.InKind,
                };
            }
        }
        var ordered = by == TotalsGrouping.Month
            ? rows.Values.OrderBy(r => r.Key == "undated" ? "9999" : r.Key, StringComparer.Ordinal)
            : rows.Values.OrderByDescending(r => r.Eur).ThenByDescending(r => r.EquipmentItems).ThenBy(r => r.Key, StringComparer.Ordinal);
        return ordered.Select(r => r with { Unconverted = r.Unconverted.OrderBy(m => m.Currency, StringComparer.Ordinal).ToList() }).ToList();
    }

    private sealed class MoneyGroup
    {
        public string Key { get; set; } = "";
        public string? Label { get; set; }
        public string Currency { get; set; } = "";
        public int Pledges { get; set; }
        public decimal? Eur { get; set; }
        public decimal? Unconverted { get; set; }
        public int UnconvertedPledges { get; set; }
    }

    private sealed class EquipmentGroup
    {
        public string Key { get; set; } = "";
        public string? Label { get; set; }
        public int Pledges { get; set; }
        public long Items { get; set; }
        public int Unquantified { get; set; }
        public decimal InKind { get; set; }
    }
}
