namespace PledgeLedger.Storage;

/// <summary>SQL shared by the pledge queries: where the current or as-of versions come from, and the view joins.</summary>
internal static class PledgeQueries
{
    public const string Columns = """
        pledge_id, version, donor_code, recipient_code, aid_type, kind, amount, currency, qualifier, system_id, category,
        quantity, stated_value_eur, period, years, status, announced_on, note, source, confidence, needs_review,
        review_reason, retracted, reason, recorded_at, adjustment, item, last_stated_on
        """;

    /// <summary><see cref="Columns"/> of pledge_versions aliased pv.</summary>
    private static readonly string VersionColumns = string.Join(", ", Columns.Split(',').Select(c => "pv." + c.Trim()));

    /// <summary>
    /// The pledges as they stood at @as_of (one row per pledge, its newest version recorded by then), or the
    /// trigger-kept pledge_current table when no as-of time is asked for. Versions are recorded in order, so a pledge
    /// whose current version was recorded by @as_of stood so then; only the pledges changed since are looked up in
    /// pledge_versions (instead of sorting every version).
    /// </summary>
    public static string Source(bool asOf) => asOf
        ? $"""
          (SELECT {Columns} FROM pledge_current WHERE recorded_at <= @as_of
           UNION ALL
           (SELECT DISTINCT ON (pv.pledge_id) {VersionColumns}
            FROM pledge_versions pv JOIN pledge_current pc ON pc.pledge_id = pv.pledge_id AND pc.recorded_at > @as_of
            WHERE pv.recorded_at <= @as_of
            ORDER BY pv.pledge_id, pv.version DESC))
          """
        : "pledge_current";

    /// <summary>The rate condition: rates recorded by @as_of when reproducing the past.</summary>
    public static string RateAsOf(bool asOf) => asOf ? "AND f.recorded_at <= @as_of" : "";

    /// <summary>
    /// Joins the rate of each pledge's date as r(units_per_eur, rate_date): the daily projection now; as of a past
    /// time, the raw rates recorded by then, looked up per pledge (<paramref name="bulk"/> false: a few pledges) or
    /// spread over the days they cover (fx_daily_as_of, migration 0006) and hash-joined (bulk: totals and reports
    /// over many pledges). Both give the rate of the date or of the last earlier day with one, at most
    /// <see cref="MaxRateAgeDays"/> days before.
    /// </summary>
    public static string Rate(bool asOf, bool bulk = false) => (asOf, bulk) switch
    {
        (false, _) => "LEFT JOIN fx_daily r ON r.currency = p.currency AND r.day = p.announced_on",
        (true, false) => $"""
            LEFT JOIN LATERAL (
                SELECT f.units_per_eur, f.rate_date FROM fx_rates f
                WHERE f.currency = p.currency AND f.rate_date <= p.announced_on
                  AND f.rate_date >= p.announced_on - {MaxRateAgeDays} {RateAsOf(asOf)}
                ORDER BY f.rate_date DESC LIMIT 1) r ON true
            """,
        (true, true) => "LEFT JOIN fx_daily_as_of(@as_of) r ON r.currency = p.currency AND r.day = p.announced_on",
    };

    /// <summary>Joins the unit value in force for each pledge's system as v(unit_value_eur): the newest valuation (recorded by @as_of).</summary>
    public static string Valuation(bool asOf) => $"""
        LEFT JOIN (
            SELECT DISTINCT ON (sv.system_id) sv.system_id, sv.unit_value_eur FROM system_valuations sv
            {(asOf ? "WHERE sv.recorded_at <= @as_of" : "")}
            ORDER BY sv.system_id, sv.recorded_at DESC, sv.id DESC) v ON v.system_id = p.system_id
        """;

    /// <summary>How many days before a pledge's date a rate may be and still convert it (weekends, holidays).</summary>
    public const int MaxRateAgeDays = 7;

    /// <summary>
    /// The view query for bulk reads (reports): evidence counted once per pledge by a hash aggregate instead of a
    /// probe per row, valuations joined by hash.
    /// </summary>
    public static string BulkView(bool asOf, string where) => $"""
        SELECT p.*, d.name AS donor_name, d.kind AS donor_kind, s.name AS system_name,
               coalesce(s.category, p.category) AS view_category,
               r.units_per_eur, r.rate_date, v.unit_value_eur, coalesce(ev.n, 0)::int AS source_count
        FROM {Source(asOf)} p
        JOIN donors d ON d.code = p.donor_code
        LEFT JOIN equipment_systems s ON s.id = p.system_id
        {Rate(asOf, bulk: true)}
        {Valuation(asOf)}
        LEFT JOIN (SELECT pledge_id, count(*) AS n FROM evidence {(asOf ? "WHERE recorded_at <= @as_of" : "")} GROUP BY pledge_id) ev
            ON ev.pledge_id = p.pledge_id
        WHERE {where}
        ORDER BY p.pledge_id
        """;

    public static string View(bool asOf, string where, string orderAndLimit) => $"""
        SELECT p.*, d.name AS donor_name, d.kind AS donor_kind, s.name AS system_name,
               coalesce(s.category, p.category) AS view_category,
               r.units_per_eur, r.rate_date, v.unit_value_eur,
               (SELECT count(*)::int FROM evidence e WHERE e.pledge_id = p.pledge_id) AS source_count
        FROM {Source(asOf)} p
        JOIN donors d ON d.code = p.donor_code
        LEFT JOIN equipment_systems s ON s.id = p.system_id
        {Rate(asOf)}
        LEFT JOIN LATERAL (
            SELECT sv.unit_value_eur FROM system_valuations sv
            WHERE sv.system_id = p.system_id {(asOf ? "AND sv.recorded_at <= @as_of" : "")}
            ORDER BY sv.recorded_at DESC, sv.id DESC LIMIT 1) v ON true
        WHERE {where}
        {orderAndLimit}
        """;
}
