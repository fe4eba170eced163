using System.Text;
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
    /// <summary>
    /// Original-currency sums of one-off and multi-year pledges that have no rate (or no date), one per currency:
    /// what <see cref="Eur"/> would hold; never counted as 0 EUR.
    /// </summary>
    public IReadOnlyList<Money> Unconverted { get; init; } = [];
    /// <summary>Annual sums without a rate, per currency: what <see cref="EurAnnualPerYear"/> would hold.</summary>
    public IReadOnlyList<Money> UnconvertedAnnualPerYear { get; init; } = [];
    public int UnconvertedPledges { get; init; }
    public decimal EquipmentItems { get; init; }
    /// <summary>Equipment pledges with no stated quantity.</summary>
    public int UnquantifiedEquipment { get; init; }
    /// <summary>
    /// Money pledges with no stated figure ("financial support for drone procurement"): counted here, never as 0 EUR
    /// and never in <see cref="Eur"/> or <see cref="Unconverted"/>.
    /// </summary>
    public int UnstatedMoney { get; init; }
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

    /// <summary>
    /// Read the trigger-kept roll-up (migrations/0006) when the question allows it; false always scans the
    /// pledges (tests compare the two).
    /// </summary>
    public bool UseRollup { get; init; } = true;

    /// <summary>
    /// The roll-up answers the current state grouped by donor or month, with whole-month date bounds and no
    /// system filter; anything else (as-of, category, system, day bounds) scans the pledges.
    /// </summary>
    public static bool CanUseRollup(PledgeFilter f, TotalsGrouping by) =>
        f.AsOf is null && f.SystemId is null && !f.OnlyUnreviewed && !f.IncludeUnreviewed && !f.IncludeRetracted
        && by is TotalsGrouping.Donor or TotalsGrouping.Month
        && (!f.KeepUndated || (f.From is null && f.To is null))
        && (f.From is not { } from || from.Day == 1)
        && (f.To is not { } to || to.AddDays(1).Day == 1);

    public async Task<IReadOnlyList<TotalsRow>> TotalsAsync(PledgeFilter filter, TotalsGrouping by, CancellationToken ct)
    {
        var f = filter with { IncludeUnreviewed = false, IncludeRetracted = false, Statuses = filter.Statuses ?? DefaultStatuses };
        var asOf = f.AsOf is not null;
        string sql;
        DynamicParameters args;
        if (UseRollup && CanUseRollup(f, by))
        {
            (sql, args) = BuildRollupSql(f, by);
        }
        else
        {
            (var where, args) = PledgeQueries.BuildWhere(f);
            if (f.AsOf is { } t) args.Add("as_of", t.UtcDateTime);
            sql = BuildSql(asOf, where, by, f.Kind);
        }
        var rows = new Dictionary<string, TotalsRow>(StringComparer.Ordinal);
        foreach (var g in await db.ReadManyAsync(sql, args, asOf, Group.Read, ct))
        {
            var row = rows.GetValueOrDefault(g.Key) ?? new TotalsRow { Key = g.Key, Label = g.Label ?? g.Key };
            rows[g.Key] = row with
            {
                Pledges = row.Pledges + g.Pledges,
                EurOnce = row.EurOnce + (g.Period == "once" ? g.Eur ?? 0m : 0m),
                EurMultiYear = row.EurMultiYear + (g.Period == "multi_year" ? g.Eur ?? 0m : 0m),
                EurAnnualPerYear = row.EurAnnualPerYear + (g.Period == "annual" ? g.Eur ?? 0m : 0m),
                Unconverted = g.Period != "annual" && g.Unconverted is { } u && g.Currency is { } c ? [.. row.Unconverted, new Money(u, c)] : row.Unconverted,
                UnconvertedAnnualPerYear = g.Period == "annual" && g.Unconverted is { } ua && g.Currency is { } ca
                    ? [.. row.UnconvertedAnnualPerYear, new Money(ua, ca)] : row.UnconvertedAnnualPerYear,
                UnconvertedPledges = row.UnconvertedPledges + g.UnconvertedPledges,
                EquipmentItems = row.EquipmentItems + g.Items,
                // A group is one kind: its pledges without a figure are equipment without a count or money without an amount.
                UnquantifiedEquipment = row.UnquantifiedEquipment + (g.Kind == "equipment" ? g.Unquantified : 0),
                UnstatedMoney = row.UnstatedMoney + (g.Kind == "money" ? g.Unquantified : 0),
                InKindEur = row.InKindEur + g.InKind,
            };
        }
        var ordered = by == TotalsGrouping.Month
            ? rows.Values.OrderBy(r => r.Key == "undated" ? "9999" : r.Key, StringComparer.Ordinal)
            : rows.Values.OrderByDescending(r => r.Eur).ThenByDescending(r => r.EquipmentItems).ThenBy(r => r.Key, StringComparer.Ordinal);
        return ordered.Select(r => r with
        {
            Unconverted = Money.SumPerCurrency(r.Unconverted),
            UnconvertedAnnualPerYear = Money.SumPerCurrency(r.UnconvertedAnnualPerYear),
        }).ToList();
    }

    /// <summary>
    /// One scan over the valued pledges (migration 0014): money and equipment aggregated together per (group,
    /// currency); equipment rows have no currency.
    /// </summary>
    internal static string BuildSql(bool asOf, string where, TotalsGrouping by, PledgeKind? kind)
    {
        var (keyExpr, labelJoin, labelExpr) = by switch
        {
            TotalsGrouping.Donor => ("p.donor_code", "JOIN donors d ON d.code = t.key", "d.name"),
            TotalsGrouping.Month => ("coalesce(to_char(p.announced_on, 'YYYY-MM'), 'undated')", "", "t.key"),
            TotalsGrouping.Category => ("CASE WHEN p.kind = 'money' THEN 'money:' || p.aid_type ELSE coalesce(s.category, p.category) END", "", "t.key"),
            // A free-text item groups by its text (case ignored) and is labelled as written (the first spelling).
            _ => ("coalesce(p.system_id, 'item:' || lower(p.item), 'category:' || p.category)", "LEFT JOIN equipment_systems es ON es.id = t.key",
                  "coalesce(es.name, t.item, t.key)"),
        };
        if (by == TotalsGrouping.System || kind == PledgeKind.Equipment) where += " AND p.kind = 'equipment'";
        else if (kind == PledgeKind.Money) where += " AND p.kind = 'money'";
        var systemJoin = by == TotalsGrouping.Category ? "LEFT JOIN equipment_systems s ON s.id = p.system_id" : "";
        return $"""
            WITH t AS (
                SELECT {keyExpr} AS key, p.currency, p.period, p.kind, min(p.item) AS item,
                       count(*)::int AS pledges,
                       sum(p.eur) AS eur,
                       sum(p.unconverted) AS unconverted,
                       count(p.unconverted)::int AS unconverted_pledges,
                       coalesce(sum(p.quantity), 0) AS items,
                       count(*) FILTER (WHERE CASE WHEN p.kind = 'money' THEN p.amount IS NULL ELSE p.quantity IS NULL END)::int AS unquantified,
                       coalesce(sum(p.in_kind), 0) AS in_kind
                FROM {PledgeQueries.Valued(asOf)} p
                {systemJoin}
                WHERE {where}
                GROUP BY 1, 2, 3, 4)
            {GroupsOf(labelExpr, labelJoin)}
            """;
    }

    /// <summary>
    /// Sums (counted pledges) of the pledges announced before <paramref name="before"/> and of undated ones, for the
    /// recipient and donors of <paramref name="filter"/>, per donor and per month: what a monthly report needs of
    /// the time before its month, summed in the database instead of read pledge by pledge. The current state reads
    /// the roll-up; <see cref="PledgeFilter.AsOf"/> sums the versions, rates and valuations recorded by then.
    /// </summary>
    public async Task<EarlierSums> EarlierSumsAsync(PledgeFilter filter, DateOnly before, CancellationToken ct)
    {
        var where = new StringBuilder("(t.month < @before OR t.month = 'infinity')");
        var args = new DynamicParameters();
        args.Add("before", before);
        // Every kind and status: proposals are summed apart by the report, never filtered away here.
        PledgeQueries.AppendScope(where, args, filter with { Kind = null, Statuses = null }, "t");
        // As of a past time: one row per pledge, in the roll-up's columns, by the same rules as pledge_totals_basis.
        var source = "pledge_totals";
        if (filter.AsOf is { } asOf)
        {
            args.Add("as_of", asOf.UtcDateTime);
            source = $"""
                (SELECT p.donor_code, p.recipient_code, p.status, p.kind, p.period, coalesce(p.currency, '') AS currency,
                        coalesce(date_trunc('month', p.announced_on)::date, 'infinity'::date) AS month,
                        1 AS pledges,
                        coalesce(p.eur, 0) AS eur,
                        coalesce(p.unconverted, 0) AS unconverted,
                        CASE WHEN p.unconverted IS NOT NULL THEN 1 ELSE 0 END AS unconverted_pledges,
                        coalesce(p.quantity, 0) AS items,
                        CASE WHEN (CASE WHEN p.kind = 'money' THEN p.amount IS NULL ELSE p.quantity IS NULL END) THEN 1 ELSE 0 END AS unquantified,
                        coalesce(p.in_kind, 0) AS in_kind
                 FROM {PledgeQueries.Valued(asOf: true)} p
                 WHERE NOT p.retracted AND NOT p.needs_review AND (p.announced_on < @before OR p.announced_on IS NULL))
                """;
        }
        // Two grouping sets in one scan: per donor (months collapsed) and per month (donors collapsed).
        var rows = await db.QueryManyAsync<AggregateRow>($"""
            WITH g AS (
                SELECT grouping(t.month)::int AS by_donor, t.donor_code, t.month, t.status, t.kind, t.period, t.currency,
                       sum(t.pledges)::int AS pledges, sum(t.eur) AS eur, sum(t.unconverted) AS unconverted,
                       sum(t.unconverted_pledges)::int AS unconverted_pledges, sum(t.items) AS items,
                       sum(t.unquantified)::int AS unquantified, sum(t.in_kind) AS in_kind
                FROM {source} t
                WHERE {where}
                GROUP BY GROUPING SETS ((t.donor_code, t.status, t.kind, t.period, t.currency), (t.month, t.status, t.kind, t.period, t.currency)))
            SELECT g.by_donor = 1 AS by_donor, coalesce(g.donor_code, '') AS donor_code, coalesce(d.name, '') AS donor_name,
                   g.status, g.kind, g.period, nullif(g.currency, '') AS currency,
                   CASE WHEN g.month = 'infinity' THEN NULL ELSE g.month END AS month,
                   g.pledges, g.eur, g.unconverted, g.unconverted_pledges, g.items, g.unquantified, g.in_kind
            FROM g LEFT JOIN donors d ON d.code = g.donor_code
            ORDER BY g.by_donor, g.donor_code, g.month, g.status, g.kind, g.period, g.currency
            """, args, filter.AsOf is not null, ct);
        var byDonor = new List<PledgeAggregate>();
        var byMonth = new List<PledgeAggregate>();
        foreach (var r in rows)
        {
            var a = new PledgeAggregate(
                r.DonorCode, r.DonorName, EnumNames.ParseStatus(r.Status), EnumNames.ParseKind(r.Kind), EnumNames.ParsePeriod(r.Period),
                r.Currency, r.ByDonor ? null : r.Month, r.Pledges, r.Eur, r.Unconverted, r.UnconvertedPledges, r.Items, r.Unquantified, r.InKind);
            if (r.ByDonor) byDonor.Add(a);
            else if (a.Month is not null) byMonth.Add(a);
        }
        return new EarlierSums(before, byDonor, byMonth);
    }

    private sealed class AggregateRow
    {
        public bool ByDonor { get; set; }
        public string DonorCode { get; set; } = "";
        public string DonorName { get; set; } = "";
        public string Status { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Period { get; set; } = "";
        public string? Currency { get; set; }
        public DateOnly? Month { get; set; }
        public int Pledges { get; set; }
        public decimal Eur { get; set; }
        public decimal Unconverted { get; set; }
        public int UnconvertedPledges { get; set; }
        public decimal Items { get; set; }
        public int Unquantified { get; set; }
        public decimal InKind { get; set; }
    }

    /// <summary>The rows both totals queries return from their groups t(key, currency, period, sums...), labelled.</summary>
    private static string GroupsOf(string labelExpr, string labelJoin) => $"""
        SELECT t.key, {labelExpr} AS label, t.currency, t.period, t.kind, t.pledges, t.eur, t.unconverted, t.unconverted_pledges,
               t.items, t.unquantified, t.in_kind
        FROM t {labelJoin}
        ORDER BY t.key, t.currency, t.period, t.kind
        """;

    /// <summary>The same rows as <see cref="BuildSql"/>, summed from pledge_totals.</summary>
    internal static (string Sql, DynamicParameters Args) BuildRollupSql(PledgeFilter f, TotalsGrouping by)
    {
        var where = new StringBuilder("true");
        var args = new DynamicParameters();
        PledgeQueries.AppendScope(where, args, f, "p");
        if (f.From is { } from)
        {
            where.Append(" AND p.month >= @from AND p.month < 'infinity'");
            args.Add("from", from);
        }
        if (f.To is { } to)
        {
            where.Append(" AND p.month <= @to");
            args.Add("to", to);
        }
        var (keyExpr, labelJoin, labelExpr) = by == TotalsGrouping.Donor
            ? ("p.donor_code", "JOIN donors d ON d.code = t.key", "d.name")
            : ("CASE WHEN p.month = 'infinity' THEN 'undated' ELSE to_char(p.month, 'YYYY-MM') END", "", "t.key");
        var sql = $"""
            WITH t AS (
                SELECT {keyExpr} AS key, nullif(p.currency, '') AS currency, p.period, p.kind,
                       sum(p.pledges)::int AS pledges,
                       sum(p.eur) AS eur,
                       CASE WHEN sum(p.unconverted_pledges) > 0 THEN sum(p.unconverted) END AS unconverted,
                       sum(p.unconverted_pledges)::int AS unconverted_pledges,
                       sum(p.items) AS items,
                       sum(p.unquantified)::int AS unquantified,
                       sum(p.in_kind) AS in_kind
                FROM pledge_totals p
                WHERE {where}
                GROUP BY 1, 2, 3, 4)
            {GroupsOf(labelExpr, labelJoin)}
            """;
        return (sql, args);
    }

    private sealed class Group
    {
        /// <summary>A row of the totals queries (both select these columns by name), read without Dapper (start-up time).</summary>
        public static Group Read(Npgsql.NpgsqlDataReader r)
        {
            object? V(string column) => r.GetValue(r.GetOrdinal(column)) is var v && v is DBNull ? null : v;
            static decimal? Dec(object? v) => v is null ? null : Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture);
            static int Int(object? v) => v is null ? 0 : Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture);
            return new Group
            {
                Key = (string)V("key")!,
                Label = (string?)V("label"),
                Currency = (string?)V("currency"),
                Period = (string?)V("period") ?? "once",
                Kind = (string?)V("kind") ?? "money",
                Pledges = Int(V("pledges")),
                Eur = Dec(V("eur")),
                Unconverted = Dec(V("unconverted")),
                UnconvertedPledges = Int(V("unconverted_pledges")),
                Items = Dec(V("items")) ?? 0m,
                Unquantified = Int(V("unquantified")),
                InKind = Dec(V("in_kind")) ?? 0m,
            };
        }

        public string Key { get; set; } = "";
        public string? Label { get; set; }
        public string? Currency { get; set; }
        public string Period { get; set; } = "once";
        public string Kind { get; set; } = "money";
        public int Pledges { get; set; }
        public decimal? Eur { get; set; }
        public decimal? Unconverted { get; set; }
        public int UnconvertedPledges { get; set; }
        public decimal Items { get; set; }
        public int Unquantified { get; set; }
        public decimal InKind { get; set; }
    }
}
