using PledgeLedger.Reporting.Layout;

namespace PledgeLedger.Reporting.Documents.Components;

/// <summary>The first page: what happened in the period, in numbers.</summary>
internal static class HeadlineComponent
{
    private static readonly Column[] MetricColumns = [new("Measure", 3f), new("Value", 2f, Align.Right, Wrap: true)];
    private static readonly Column[] TopColumns =
        [new("Top donors", 2.2f), new("EUR (one-off and multi-year)", 2f, Align.Right), new("Also (no EUR value, or per year)", 3f, Wrap: true)];

    public static IEnumerable<Block> Compose(IReport report)
    {
        var h = report.Body.Headline;
        yield return new Paragraph(report.Title, Typography.Title, SpaceAfter: 2f);
        yield return new Paragraph(Subtitle(report), Typography.Subtitle, SpaceAfter: 2f);
        yield return new Paragraph(
            $"Ledger as of {report.AsOf.UtcDateTime:yyyy-MM-dd HH:mm} UTC; generated {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.",
            Typography.Note, SpaceAfter: 10f);

        var what = report switch
        {
            MonthlyReport => "new this month",
            AllyReport { From: null, To: null } => "in the record",
            _ => "in this period",
        };
        if (h.Pledges == 0 && h.Proposals == 0)
        {
            yield return new Paragraph($"No pledges were announced in {report.PeriodLabel}.", Typography.Lead, SpaceAfter: 8f);
        }
        else
        {
            yield return new Paragraph(Lead(report, h), Typography.Lead, SpaceAfter: 8f);
        }

        yield return new Table(MetricColumns, Metrics(report, h, what), Typography.MetricHeader, Typography.MetricBody, MaxLines: 8);
        if (h.TopDonors.Count > 0 && report is not AllyReport)
        {
            yield return new Spacer(6f);
            // The third column only when some donor has money without an EUR value (no rate, or per year).
            var rows = h.TopDonors.Select(t => (IReadOnlyList<Cell>)
                [t.Label, t.Money.Eur != 0m ? Format.Eur(t.Money.Eur) : "", Format.MoneyPhrase(t.Money with { OnceEur = 0m, MultiYearEur = 0m }) is var also && also != "no money" ? also : ""]).ToList();
            var withAlso = rows.Any(r => r[2].Text.Length > 0);
            yield return new Table(withAlso ? TopColumns : TopColumns[..2], withAlso ? rows : rows.Select(r => (IReadOnlyList<Cell>)[r[0], r[1]]),
                Typography.MetricHeader, Typography.MetricBody);
        }
        if (h.UndatedExcluded > 0)
        {
            yield return new Paragraph($"{Format.Count(h.UndatedExcluded)} undated pledges cannot be placed in this period and are left out.", Typography.Note);
        }
    }

    private static string Subtitle(IReport report) => report switch
    {
        MonthlyReport m => $"Monthly report: {m.PeriodLabel}",
        SummaryReport s => $"Summary report: {s.PeriodLabel}, grouped by {(s.GroupedBy == SummaryGrouping.Country ? "country" : "month")}"
            + (s.Donors.Count > 0 ? $"; donors {string.Join(", ", s.Donors)}" : ""),
        AllyReport a => $"Ally report: {a.PeriodLabel}",
        _ => report.PeriodLabel,
    };

    private static string Lead(IReport report, Headline h)
    {
        var money = Format.MoneyPhrase(new MoneySummary(h.OnceEur, h.MultiYearEur, h.AnnualEurPerYear, h.Unconverted));
        var what = $"{money}"
            + (h.UnstatedMoney > 0 ? $" (and {Plural(h.UnstatedMoney, "pledge")} of money without a figure, in no sum)" : "")
            + $"; {Items(h)}"
            + (h.UnquantifiedEquipment > 0 ? $" (and {Plural(h.UnquantifiedEquipment, "pledge")} of equipment without a number)" : "") + ".";
        return report switch
        {
            MonthlyReport => $"In {report.PeriodLabel}, {Plural(h.Pledges, "new pledge")} from {Plural(h.Donors, "donor")}: {what}",
            AllyReport a => $"{a.DonorName}: {Plural(h.Pledges, "pledge")} ({(a.From is null && a.To is null ? "full record" : report.PeriodLabel)}): {what}",
            _ => $"In this period, {Plural(h.Pledges, "pledge")} from {Plural(h.Donors, "donor")}: {what}",
        };
    }

    /// <summary>"50,000 artillery and 2 aircraft items": items per category, never one sum across categories.</summary>
    private static string Items(Headline h) => h.ItemsByCategory is { Count: > 0 } cats
        ? "equipment: " + Format.And(cats.Select(c => $"{Format.Count((long)c.Value)} {c.Label}")) + " items"
        : "no quantified equipment";

    private static string Plural(long n, string noun) => $"{Format.Count(n)} {noun}{(n == 1 ? "" : "s")}";

    private static IEnumerable<IReadOnlyList<Cell>> Metrics(IReport report, Headline h, string what)
    {
        yield return [$"Pledges {what} (proposals excluded)", Format.Count(h.Pledges)];
        if (report is not AllyReport) yield return ["Donors", Format.Count(h.Donors)];
        yield return ["One-off money, EUR", new Cell(Format.Eur(h.OnceEur), Bold: true)];
        yield return ["Multi-year commitments, EUR (apart)", Format.Eur(h.MultiYearEur)];
        yield return ["Annual sums, EUR per year (apart)", Format.Eur(h.AnnualEurPerYear)];
        yield return ["Money without EUR rate (original currency)", h.Unconverted.Count == 0 ? "none" : Format.Unconverted(h.Unconverted)];
        if (h.UnstatedMoney > 0) yield return ["Money pledges without a figure (in no sum)", Format.Count(h.UnstatedMoney)];
        yield return ["Equipment items pledged, per category", (h.ItemsByCategory is { Count: > 0 } cats ? string.Join("\n", cats.Select(c => $"{c.Label}\u00A0{Format.Count((long)c.Value)}")) : "none")
            + (h.UnquantifiedEquipment > 0 ? $"\n+{Format.Count(h.UnquantifiedEquipment)} unquantified" : "")];
        yield return ["In-kind estimate, EUR (not added to money)", Format.Eur(h.InKindEur)
            + (h.EquipmentItems > 0 ? $"\n{Format.Count(h.ValuedItems)} of {Format.Count(h.EquipmentItems)} items valued" : "")];
        yield return ["Proposals (not counted)", Format.Count(h.Proposals)];
        if (report is MonthlyReport m)
        {
            var c = m.Change;
            yield return [$"Pledges vs {c.PreviousLabel} ({Format.Count(c.PreviousPledges)})", Format.Signed(c.PledgeChange)];
            yield return [$"EUR (one-off and multi-year) vs {c.PreviousLabel} (EUR {Format.Eur(c.PreviousEur)})", $"{Format.SignedEur(c.EurChange)} ({Format.Percent(c.EurChangePercent)})"];
        }
    }
}
