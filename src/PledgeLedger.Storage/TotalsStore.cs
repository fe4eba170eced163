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
    /// <summary>
    /// Money converted to EUR, exact (rounded only for display): one-off plus multi-year pledges (a multi-year
    /// pledge is booked in full when announced, as Kiel does). Annual sums are apart in <see cref="EurAnnualPerYear"/>.
    /// </summary>
    public decimal Eur => EurOnce + EurMultiYear;
    public decimal EurOnce { get; init; }
    public decimal EurMultiYear { get; init; }
    /// <summary>Sums pledged per year ("EUR 40 bn a year"): never added into a total.</summary>
    public decimal EurAnnualPerYear { get; init; }
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
        var sql = BuildSql(asOf, where, by, f.Kind);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = new Dictionary<string, TotalsRow>(StringComparer.Ordinal);
        foreach (var g in await conn.QueryAsync<Group>(new CommandDefinition(sql, args, cancellationToken: ct)))
        {
            var row = rows.GetValueOrDefault(g.Key) ?? new TotalsRow { Key = g.Key, Label = g.Label ?? g.Key };
            rows[g.Key] = row with
            {
                Pledges = row.Pledges + g.Pledges,
                EurOnce = row.EurOnce + (g.Period == "once" ? g.Eur ?? 0m : 0m),
                EurMultiYear = row.EurMultiYear + (g.Period == "multi_year" ? g.Eur ?? 0m : 0m),
                EurAnnualPerYear = row.EurAnnualPerYear + (g.Period == "annual" ? g.Eur ?? 0m : 0m),
                Unconverted = g.Unconverted is { } u && g.Currency is { } c ? [.. row.Unconverted, new Money(u, c)] : row.Unconverted,
                UnconvertedPledges = row.UnconvertedPledges + g.UnconvertedPledges,
                EquipmentItems = row.EquipmentItems + g.Items,
                UnquantifiedEquipment = row.UnquantifiedEquipment + g.Unquantified,
                InKindEur = row.InKindEur + g.InKind,
            };
        }
        var ordered = by == TotalsGrouping.Month
            ? rows.Values.OrderBy(r => r.Key == "undated" ? "9999" : r.Key, StringComparer.Ordinal)
            : rows.Values.OrderByDescending(r => r.Eur).ThenByDescending(r => r.EquipmentItems).ThenBy(r => r.Key, StringComparer.Ordinal);
        return ordered.Select(r => r with { Unconverted = r.Unconverted.OrderBy(m => m.Currency, StringComparer.Ordinal).ToList() }).ToList();
    }

    /// <summary>The totals SQL with the default filter written out, for comparing with psql (benchmark).</summary>
    public static string SqlForDefaultTotals()
    {
        var (where, _) = PledgeStore.BuildWhere(new PledgeFilter { IncludeUnreviewed = false, Statuses = DefaultStatuses });
        return BuildSql(false, where, TotalsGrouping.Donor, null)
            .Replace("@statuses", "ARRAY['pledged','allocated','delivered']", StringComparison.Ordinal)
            .Replace("@recipient", "'UA'", StringComparison.Ordinal) + ";";
    }

    /// <summary>
    /// One scan over the pledges: money and equipment aggregated together per (group, currency); equipment rows
    /// have no currency. The current ledger joins the daily rate projection (one hash join); a past state joins the
    /// raw rates recorded by then.
    /// </summary>
    private static string BuildSql(bool asOf, string where, TotalsGrouping by, PledgeKind? kind)
    {
        var (keyExpr, labelJoin, labelExpr) = by switch
        {
            TotalsGrouping.Donor => ("p.donor_code", "JOIN donors d ON d.code = t.key", "d.name"),
            TotalsGrouping.Month => ("coalesce(to_char(p.announced_on, 'YYYY-MM'), 'undated')", "", "t.key"),
            TotalsGrouping.Category => ("CASE WHEN p.kind = 'money' THEN 'money:' || p.aid_type ELSE coalesce(s.category, p.category) END", "", "t.key"),
            _ => ("coalesce(p.system_id, 'category:' || p.category)", "LEFT JOIN equipment_systems es ON es.id = t.key", "coalesce(es.name, t.key)"),
        };
        if (by == TotalsGrouping.System || kind == PledgeKind.Equipment) where += " AND p.kind = 'equipment'";
        else if (kind == PledgeKind.Money) where += " AND p.kind = 'money'";
        var systemJoin = by == TotalsGrouping.Category ? "LEFT JOIN equipment_systems s ON s.id = p.system_id" : "";
        return $"""
            WITH t AS (
                SELECT {keyExpr} AS key, p.currency, p.period,
                       count(*)::int AS pledges,
                       sum(CASE WHEN p.currency = 'EUR' THEN p.amount ELSE p.amount / r.units_per_eur END) AS eur,
                       sum(p.amount) FILTER (WHERE p.currency <> 'EUR' AND r.units_per_eur IS NULL) AS unconverted,
                       count(*) FILTER (WHERE p.currency <> 'EUR' AND r.units_per_eur IS NULL)::int AS unconverted_pledges,
                       coalesce(sum(p.quantity), 0)::bigint AS items,
                       count(*) FILTER (WHERE p.kind = 'equipment' AND p.quantity IS NULL)::int AS unquantified,
                       coalesce(sum(coalesce(p.stated_value_eur, p.quantity * v.unit_value_eur)), 0) AS in_kind
                FROM {PledgeQueries.Source(asOf)} p
                {systemJoin}
                {PledgeQueries.Rate(asOf)}
                {PledgeQueries.Valuation(asOf)}
                WHERE {where}
                GROUP BY 1, 2, 3)
            SELECT t.key, {labelExpr} AS label, t.currency, t.period, t.pledges, t.eur, t.unconverted, t.unconverted_pledges,
                   t.items, t.unquantified, t.in_kind
            FROM t {labelJoin}
            """;
    }

    private sealed class Group
    {
        public string Key { get; set; } = "";
        public string? Label { get; set; }
        public string? Currency { get; set; }
        public string Period { get; set; } = "once";
        public int Pledges { get; set; }
        public decimal? Eur { get; set; }
        public decimal? Unconverted { get; set; }
        public int UnconvertedPledges { get; set; }
        public long Items { get; set; }
        public int Unquantified { get; set; }
        public decimal InKind { get; set; }
    }
}
