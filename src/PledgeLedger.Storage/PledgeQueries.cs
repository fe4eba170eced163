using System.Text;
using Dapper;
using Npgsql;
using PledgeLedger.Core;

namespace PledgeLedger.Storage;

/// <summary>
/// The pledge queries' shared SQL and helpers (filters, the ledger pledges a statement reaches). Valuation (the rate
/// of a pledge's date, the unit value in force, EUR and in-kind values) is not computed here: it is the database's
/// valued_pledges view and valued_pledges_as_of function (migration 0014), which every reading query takes its
/// pledges from.
/// </summary>
internal static class PledgeQueries
{
    /// <summary>The pledge_versions columns as every version is read: those <see cref="LedgerWriter"/> writes, and recorded_at.</summary>
    public static readonly string Columns = string.Join(", ", LedgerWriter.WrittenColumns.Append("recorded_at"));

    /// <summary>
    /// The valued pledges (one row per pledge: its version, rate_date, units_per_eur, unit_value_eur, eur, unconverted,
    /// in_kind) as they stand (the view), or as they stood at @as_of with the rates and unit values recorded by then:
    /// for many pledges (<paramref name="bulk"/>: totals, reports) every rate spread over the days it covers and
    /// hash-joined, for a few (show, a listing) each pledge's rate looked up. Both apply the one rate window.
    /// </summary>
    public static string Valued(bool asOf, bool bulk = true) =>
        !asOf ? "valued_pledges" : bulk ? "valued_pledges_as_of(@as_of)" : "valued_pledges_as_of_each(@as_of)";

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
        FROM {Valued(asOf, bulk: false)} p
        JOIN donors d ON d.code = p.donor_code
        LEFT JOIN equipment_systems s ON s.id = p.system_id
        WHERE {where}
        {orderAndLimit}
        """;

    internal static (string Where, DynamicParameters Args) BuildWhere(PledgeFilter f)
    {
        var sb = new StringBuilder("true");
        var args = new DynamicParameters();
        if (!f.IncludeRetracted) sb.Append(" AND NOT p.retracted");
        if (!f.IncludeUnreviewed) sb.Append(" AND NOT p.needs_review");
        if (f.OnlyUnreviewed) sb.Append(" AND p.needs_review");
        AppendScope(sb, args, f, "p");
        var undated = f.KeepUndated ? "p.announced_on IS NULL OR " : "";
        if (f.From is { } from)
        {
            sb.Append($" AND ({undated}p.announced_on >= @from)");
            args.Add("from", from);
        }
        if (f.To is { } to)
        {
            sb.Append($" AND ({undated}p.announced_on <= @to)");
            args.Add("to", to);
        }
        if (f.SystemId is { } sys)
        {
            sb.Append(" AND p.system_id = @system");
            args.Add("system", sys);
        }
        return (sb.ToString(), args);
    }

    /// <summary>
    /// The conditions a pledge row and a roll-up row share (recipient, donors, kind, statuses), on table alias
    /// <paramref name="alias"/>: pledge queries and the roll-up queries of <see cref="TotalsStore"/> filter alike.
    /// </summary>
    internal static void AppendScope(StringBuilder sb, DynamicParameters args, PledgeFilter f, string alias)
    {
        if (f.Recipient is { } recipient)
        {
            sb.Append($" AND {alias}.recipient_code = @recipient");
            args.Add("recipient", recipient);
        }
        if (f.Donors is { Count: > 0 })
        {
            sb.Append($" AND {alias}.donor_code = ANY(@donors)");
            args.Add("donors", f.Donors.ToArray());
        }
        if (f.Kind is { } kind)
        {
            sb.Append($" AND {alias}.kind = @kind");
            args.Add("kind", kind.Name());
        }
        if (f.Statuses is { Count: > 0 })
        {
            sb.Append($" AND {alias}.status = ANY(@statuses)");
            args.Add("statuses", f.Statuses.Select(s => s.Name()).ToArray());
        }
    }

    /// <summary>
    /// Ledger pledges a statement of the batch reaches: current, not retracted, not a tracker import (CSV imports are a
    /// tracker's own accounting and never merged with other sources), same donor, kind and amount or quantity, and a
    /// span within the consolidation window of the statement's date (or, for an undated statement, undated). Index
    /// lookups; the rule itself is applied by <see cref="IngestStore.Plan"/>.
    /// </summary>
    internal static async Task<List<Pledge>> LoadReachedAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyList<Pledge> statements, CancellationToken ct)
    {
        if (statements.Count == 0) return [];
        var keys = statements.Select(s => (s.DonorCode, Kind: s.Kind.Name(), Amount: s.Amount ?? -1m, Quantity: s.Quantity ?? -1L,
                What: s.Currency ?? s.SystemId ?? "", Period: s.Period.Name(), First: s.AnnouncedOn, Last: Consolidation.LastDate(s)))
            .Distinct().ToList();
        // Three index range scans (match and long-span indexes, since 0018 on live pledges and with the currency or
        // system and the period, parts of Core's key that sort a common amount or quantity apart; hence NOT retracted in
        // each branch): undated pledges; pledges starting at most LongSpanDays before the window (the span's end is then
        // checked on few rows); and the rare longer spans.
        const string same = "pc.donor_code = c.donor AND pc.kind = c.kind AND coalesce(pc.amount, -1) = c.amount AND coalesce(pc.quantity, -1) = c.quantity"
            + " AND coalesce(pc.currency, pc.system_id, '') = c.what AND pc.period = c.period AND NOT pc.retracted";
        const int w = Consolidation.WindowDays;
        var args = new DynamicParameters();
        args.Add("donors", keys.Select(k => k.DonorCode).ToArray());
        args.Add("kinds", keys.Select(k => k.Kind).ToArray());
        args.Add("amounts", keys.Select(k => k.Amount).ToArray());
        args.Add("quantities", keys.Select(k => k.Quantity).ToArray());
        args.Add("whats", keys.Select(k => k.What).ToArray());
        args.Add("periods", keys.Select(k => k.Period).ToArray());
        args.Add("firsts", keys.Select(k => k.First).ToArray());
        args.Add("lasts", keys.Select(k => k.Last).ToArray());
        // Read without Dapper (`pledge add`'s duplicate check runs in the Native AOT front, issue 13).
        // The tracker-import check is one set for the batch (the pledges with evidence in a CSV document: none in a
        // ledger of news alone, an import's rows otherwise), hashed once and probed per reached pledge. A per-pledge
        // EXISTS probe read every evidence row of the pledge instead (the planner, expecting a few reached pledges, kept
        // the CSV documents as a filter, not an index condition): ~100 of the lookup's ~140 ms a batch at 1.1 M
        // documents, where a reached pledge had ~400 evidence rows (issue 13).
        var rows = await PledgeRow.ReadAllAsync(conn, $"""
            WITH c AS (
                SELECT * FROM unnest(@donors::text[], @kinds::text[], @amounts::numeric[], @quantities::bigint[], @whats::text[], @periods::text[],
                                     @firsts::date[], @lasts::date[])
                    AS c(donor, kind, amount, quantity, what, period, first_day, last_day)),
            imported AS MATERIALIZED ({ImportedPledges})
            SELECT DISTINCT ON (pc.pledge_id) pc.*
            FROM (SELECT pc.* FROM c JOIN pledge_current pc ON {same} AND pc.announced_on IS NULL WHERE c.first_day IS NULL
                  UNION ALL
                  SELECT pc.* FROM c JOIN pledge_current pc ON {same}
                       AND pc.announced_on BETWEEN c.first_day - {w + LongSpanDays} AND c.last_day + {w}
                       AND coalesce(pc.last_stated_on, pc.announced_on) >= c.first_day - {w}
                  UNION ALL
                  SELECT pc.* FROM c JOIN pledge_current pc ON {same}
                       AND pc.last_stated_on > pc.announced_on + {LongSpanDays}
                       AND pc.announced_on <= c.last_day + {w} AND pc.last_stated_on >= c.first_day - {w}) pc
            WHERE NOT pc.retracted AND pc.pledge_id NOT IN (SELECT pledge_id FROM imported)
            ORDER BY pc.pledge_id
            """, args, tx, ct);
        return rows.Select(r => r.ToPledge()).ToList();
    }

    /// <summary>A span longer than this is looked up through the long-span index (migration 0010 uses the same number).</summary>
    private const int LongSpanDays = 60;

    /// <summary>
    /// SQL query: the pledges that came from a tracker import (with evidence in a CSV document). The few CSV documents
    /// are listed once (index of migration 0017) and their evidence read through its document index: the cost follows
    /// the imports' rows, not how often the news restated a pledge (issue 13).
    /// </summary>
    internal const string ImportedPledges =
        "SELECT ie.pledge_id FROM evidence ie WHERE ie.document_id = ANY (ARRAY(SELECT id.id FROM documents id WHERE id.format = 'csv'))";
}
