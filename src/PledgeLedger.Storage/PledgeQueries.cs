namespace PledgeLedger.Storage;

/// <summary>
/// SQL shared by the pledge queries. Valuation (the rate of a pledge's date, the unit value in force, EUR and in-kind
/// values) is not computed here: it is the database's valued_pledges view and valued_pledges_as_of function
/// (migration 0014), which every reading query takes its pledges from.
/// </summary>
internal static class PledgeQueries
{
    /// <summary>The pledge_versions columns (the table's order), as every version is read and written.</summary>
    public static readonly IReadOnlyList<string> VersionColumns =
    [
        "pledge_id", "version", "donor_code", "recipient_code", "aid_type", "kind", "amount", "currency", "qualifier",
        "system_id", "category", "quantity", "stated_value_eur", "period", "years", "status", "announced_on", "note",
        "source", "confidence", "needs_review", "review_reason", "retracted", "reason", "recorded_at", "adjustment",
        "item", "last_stated_on",
    ];

    /// <summary>The columns a version is written with: every one but recorded_at (the database's clock sets it).</summary>
    public static readonly IReadOnlyList<string> WrittenColumns = VersionColumns.Where(c => c != "recorded_at").ToList();

    /// <summary><see cref="VersionColumns"/> as a select list.</summary>
    public static readonly string Columns = string.Join(", ", VersionColumns);

    /// <summary>
    /// The valued pledges (one row per pledge: its version, rate_date, units_per_eur, unit_value_eur, eur, unconverted,
    /// in_kind) as they stand (the view), or as they stood at @as_of with the rates and unit values recorded by then.
    /// </summary>
    public static string Valued(bool asOf) => asOf ? "valued_pledges_as_of(@as_of)" : "valued_pledges";

    /// <summary>
    /// The view query for bulk reads (reports): evidence counted once per pledge by a hash aggregate instead of a
    /// probe per row.
    /// </summary>
    public static string BulkView(bool asOf, string where) => $"""
        SELECT p.*, d.name AS donor_name, d.kind AS donor_kind, s.name AS system_name,
               coalesce(s.category, p.category) AS view_category, coalesce(ev.n, 0)::int AS source_count
        FROM {Valued(asOf)} p
        JOIN donors d ON d.code = p.donor_code
        LEFT JOIN equipment_systems s ON s.id = p.system_id
        LEFT JOIN (SELECT pledge_id, count(*) AS n FROM evidence {(asOf ? "WHERE recorded_at <= @as_of" : "")} GROUP BY pledge_id) ev
            ON ev.pledge_id = p.pledge_id
        WHERE {where}
        ORDER BY p.pledge_id
        """;

    public static string View(bool asOf, string where, string orderAndLimit) => $"""
        SELECT p.*, d.name AS donor_name, d.kind AS donor_kind, s.name AS system_name,
               coalesce(s.category, p.category) AS view_category,
               (SELECT count(*)::int FROM evidence e WHERE e.pledge_id = p.pledge_id) AS source_count
        FROM {Valued(asOf)} p
        JOIN donors d ON d.code = p.donor_code
        LEFT JOIN equipment_systems s ON s.id = p.system_id
        WHERE {where}
        {orderAndLimit}
        """;
}
