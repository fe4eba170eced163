using PledgeLedger.Reporting.Layout;

namespace PledgeLedger.Reporting.Documents.Components;

/// <summary>One section per donor (or month, or year) listing each pledge.</summary>
internal static class PledgeGroupsComponent
{
    public static IEnumerable<Block> Compose(IReport report, bool showDonor)
    {
        var title = report switch
        {
            MonthlyReport => "Pledges by donor, new this month",
            SummaryReport { GroupedBy: SummaryGrouping.Date } => "Pledges by month",
            AllyReport => "Pledges by year",
            _ => "Pledges by donor",
        };
        yield return Typography.SectionHeading(title);
        if (report.Body.Groups.Count == 0)
        {
            yield return new Paragraph("No pledges in this period.", Typography.Body);
            yield break;
        }
        foreach (var g in report.Body.Groups)
        {
            var money = Format.MoneyPhrase(g.Money ?? new MoneySummary(g.OnceEur, 0m, 0m, []));
            // Money committed without a figure is named, never hidden behind "no money".
            var noFigure = g.Pledges.Count(p => p.Kind == Core.PledgeKind.Money && p.Amount is null);
            if (noFigure > 0) money = money == "no money" ? "money without a figure" : $"{money} (+{Format.Count(noFigure)} without a figure)";
            yield return Typography.GroupHeading($"{g.Title}: {money}; {Format.Count(g.Pledges.Count)} pledge{(g.Pledges.Count == 1 ? "" : "s")}");
            yield return PledgeTable.For(g.Pledges, showDonor);
        }
    }
}

/// <summary>The pledge table every section uses.</summary>
internal static class PledgeTable
{
    private static readonly Column[] WithDonor =
    [
        new("No.", 0.75f), new("Date", 1f), new("Donor", 1.6f), new("What", 2.3f), new("EUR", 1.4f, Align.Right),
        new("Status", 0.9f), new("Qualifier", 0.9f), new("Period", 0.9f), new("Src", 0.45f, Align.Right),
    ];

    private static readonly Column[] WithoutDonor =
    [
        new("No.", 0.75f), new("Date", 1f), new("What", 3.1f), new("EUR", 1.45f, Align.Right),
        new("Status", 0.9f), new("Qualifier", 0.9f), new("Period", 1f), new("Src", 0.45f, Align.Right),
    ];

    public static Table For(IReadOnlyList<PledgeLine> lines, bool showDonor) =>
        new(showDonor ? WithDonor : WithoutDonor, Rows(lines, showDonor), Typography.TableHeader, Typography.TableBody);

    private static IEnumerable<IReadOnlyList<Cell>> Rows(IReadOnlyList<PledgeLine> lines, bool showDonor)
    {
        foreach (var p in lines)
        {
            yield return showDonor
                ? [Format.Id(p.Id), Format.Date(p.Date), p.DonorName, Format.What(p), Format.LineEur(p), Core.EnumNames.Name(p.Status), Format.Qualifier(p.Qualifier), Format.Period(p.Period, p.Years), p.Sources.ToString(System.Globalization.CultureInfo.InvariantCulture)]
                : [Format.Id(p.Id), Format.Date(p.Date), Format.What(p), Format.LineEur(p), Core.EnumNames.Name(p.Status), Format.Qualifier(p.Qualifier), Format.Period(p.Period, p.Years), p.Sources.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }
    }
}

/// <summary>A titled list of pledges (commitments, proposals).</summary>
internal static class PledgeListComponent
{
    public static IEnumerable<Block> Compose(string title, string note, IReadOnlyList<PledgeLine> lines, string empty)
    {
        yield return Typography.SectionHeading(title);
        yield return new Paragraph(note, Typography.Note);
        if (lines.Count == 0)
        {
            yield return new Paragraph(empty, Typography.Body);
            yield break;
        }
        yield return PledgeTable.For(lines, showDonor: true);
    }
}
