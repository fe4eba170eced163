using System.Globalization;
using CsvHelper;
using PledgeLedger.Core;

namespace PledgeLedger.Reporting.Export;

/// <summary>
/// The report as one CSV table with a fixed snake_case header; the <c>section</c> column says what a row is:
/// report, headline, ally_total, ally_unconverted, group, pledge, equipment, commitment, proposal, source,
/// chart_bar, chart_cumulative. Numbers are invariant and exact (no rounding).
/// </summary>
public static class CsvExport
{
    public static readonly IReadOnlyList<string> Header =
    [
        "section", "key", "donor_code", "donor_name", "pledge_id", "date", "kind", "aid_type", "status", "qualifier",
        "period", "years", "amount", "currency", "eur", "rate_date", "system", "category", "quantity", "unquantified",
        "in_kind_eur", "pledges", "eur_pledged", "eur_allocated", "eur_delivered", "eur_multi_year", "eur_annual_per_year",
        "proposals", "sources", "title", "origin", "value",
    ];

    private static readonly Dictionary<string, int> Index = Header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i);

    public static void Write(IReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in Header) csv.WriteField(h);
        csv.NextRecord();
        foreach (var row in Rows(report))
        {
            foreach (var field in row) csv.WriteField(field ?? "");
            csv.NextRecord();
        }
        csv.Flush();
    }

    private static IEnumerable<string?[]> Rows(IReport report)
    {
        var b = report.Body;
        yield return Row("report", ("key", "kind"), ("value", report.Kind));
        yield return Row("report", ("key", "title"), ("value", report.Title));
        yield return Row("report", ("key", "period"), ("value", report.PeriodLabel));
        yield return Row("report", ("key", "as_of"), ("value", report.AsOf.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
        yield return Row("report", ("key", "generated_at"), ("value", report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));

        var h = b.Headline;
        yield return Row("headline", ("key", "pledges"), ("value", N(h.Pledges)));
        yield return Row("headline", ("key", "donors"), ("value", N(h.Donors)));
        yield return Row("headline", ("key", "eur"), ("value", D(h.OnceEur)));
        yield return Row("headline", ("key", "eur_multi_year"), ("value", D(h.MultiYearEur)));
        yield return Row("headline", ("key", "eur_annual_per_year"), ("value", D(h.AnnualEurPerYear)));
        yield return Row("headline", ("key", "equipment_items"), ("value", N(h.EquipmentItems)));
        yield return Row("headline", ("key", "unquantified_equipment"), ("value", N(h.UnquantifiedEquipment)));
        // Only when there are any, so a ledger without such pledges exports the same bytes as before.
        if (h.UnstatedMoney > 0) yield return Row("headline", ("key", "money_without_figure"), ("value", N(h.UnstatedMoney)));
        yield return Row("headline", ("key", "in_kind_eur"), ("value", D(h.InKindEur)));
        yield return Row("headline", ("key", "proposals"), ("value", N(h.Proposals)));
        yield return Row("headline", ("key", "undated_excluded"), ("value", N(h.UndatedExcluded)));
        foreach (var u in h.Unconverted) yield return Row("headline", ("key", "unconverted"), ("currency", u.Currency), ("amount", D(u.Amount)), ("period", u.Period.Name()));
        if (report is MonthlyReport m)
        {
            yield return Row("headline", ("key", "previous_month"), ("value", m.Change.PreviousLabel));
            yield return Row("headline", ("key", "previous_pledges"), ("value", N(m.Change.PreviousPledges)));
            yield return Row("headline", ("key", "previous_eur"), ("value", D(m.Change.PreviousEur)));
            yield return Row("headline", ("key", "pledge_change"), ("value", N(m.Change.PledgeChange)));
            yield return Row("headline", ("key", "eur_change"), ("value", D(m.Change.EurChange)));
            yield return Row("headline", ("key", "eur_change_percent"), ("value", m.Change.EurChangePercent is { } p ? D(p) : ""));
        }

        foreach (var t in b.Totals)
        {
            yield return Row("ally_total", ("donor_code", t.DonorCode), ("donor_name", t.DonorName), ("pledges", N(t.Pledges)),
                ("eur", D(t.OnceEur)), ("eur_pledged", D(t.PledgedEur)), ("eur_allocated", D(t.AllocatedEur)), ("eur_delivered", D(t.DeliveredEur)),
                ("eur_multi_year", D(t.MultiYearEur)), ("eur_annual_per_year", D(t.AnnualEurPerYear)), ("quantity", N(t.EquipmentItems)),
                ("unquantified", N(t.UnquantifiedEquipment)), ("in_kind_eur", D(t.InKindEur)), ("proposals", N(t.Proposals)));
        }
        foreach (var t in b.Totals)
        {
            foreach (var u in t.Unconverted)
            {
                yield return Row("ally_unconverted", ("donor_code", t.DonorCode), ("donor_name", t.DonorName), ("currency", u.Currency), ("amount", D(u.Amount)), ("period", u.Period.Name()));
            }
        }
        foreach (var g in b.Groups)
        {
            yield return Row("group", ("key", g.Key), ("title", g.Title), ("eur", D(g.OnceEur)), ("pledges", N(g.Pledges.Count)));
            foreach (var p in g.Pledges) yield return PledgeRow("pledge", g.Key, p);
        }
        foreach (var e in b.Equipment)
        {
            yield return Row("equipment", ("system", e.System), ("category", e.Category), ("donor_code", e.DonorCode), ("donor_name", e.DonorName),
                ("quantity", N(e.Items)), ("unquantified", N(e.UnquantifiedPledges)), ("in_kind_eur", D(e.InKindEur)));
        }
        foreach (var p in b.Commitments) yield return PledgeRow("commitment", null, p);
        foreach (var p in b.Proposals) yield return PledgeRow("proposal", null, p);
        foreach (var s in b.Sources)
        {
            yield return Row("source", ("key", N(s.Id)), ("date", s.PublishedOn is { } d ? Iso(d) : ""), ("title", s.Title), ("origin", s.Origin),
                ("kind", s.Format), ("value", string.Join(' ', s.PledgeIds.Select(N))));
        }
        foreach (var bar in b.EurBars) yield return Row("chart_bar", ("key", bar.Label), ("eur", D(bar.Value)));
        foreach (var pt in b.CumulativeEur) yield return Row("chart_cumulative", ("date", Iso(pt.Date)), ("eur", D(pt.Value)));
    }

    private static string?[] PledgeRow(string section, string? key, PledgeLine p) => Row(section,
        ("key", key), ("donor_code", p.DonorCode), ("donor_name", p.DonorName), ("pledge_id", N(p.Id)), ("date", p.Date is { } d ? Iso(d) : ""),
        ("kind", p.Kind.Name()), ("aid_type", p.AidType.Name()), ("status", p.Status.Name()), ("qualifier", p.Qualifier.Name()),
        ("period", p.Period.Name()), ("years", p.Years is { } y ? N(y) : ""), ("amount", p.Amount is { } a ? D(a) : ""), ("currency", p.Currency),
        ("eur", p.Eur is { } e ? D(e) : ""), ("rate_date", p.RateDate is { } r ? Iso(r) : ""), ("system", p.SystemName ?? p.SystemId),
        ("category", p.Category), ("quantity", p.Quantity is { } q ? N(q) : ""), ("in_kind_eur", p.InKindEur is { } k ? D(k) : ""),
        ("sources", N(p.Sources)));

    private static string?[] Row(string section, params (string Column, string? Value)[] fields)
    {
        var row = new string?[Header.Count];
        row[0] = section;
        foreach (var (column, value) in fields) row[Index[column]] = value;
        return row;
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string N(decimal n) => n.ToString(CultureInfo.InvariantCulture);

    private static string D(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
