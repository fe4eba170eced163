using PledgeLedger.Reporting.Documents.Components;
using PledgeLedger.Reporting.Layout;

namespace PledgeLedger.Reporting.Documents;

/// <summary>
/// The PDF layout of any report: a headline page, charts, totals, the pledges, equipment, commitments,
/// proposals, methodology and sources. Reads as the document it describes; drawing lives in Layout.
/// </summary>
public sealed class ReportDocument(IReport report) : IDocument
{
    public const string Author = "PledgeLedger";

    public DocumentInfo Info { get; } = new(
        report.Title + ": " + report.PeriodLabel,
        $"{Capitalized(report.Kind)} report on aid pledges to Ukraine, {report.PeriodLabel}",
        Author,
        report.GeneratedAt);

    public Band ComposeHeader(PageContext page) =>
        new(report.Title, "", $"{Capitalized(report.Kind)} report · {report.PeriodLabel}", Typography.Band, RuleBelow: true);

    public Band ComposeFooter(PageContext page) =>
        new($"PledgeLedger · as of {report.AsOf.UtcDateTime:yyyy-MM-dd HH:mm} UTC · generated {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
            "", $"Page {page.PageNumber} of {page.TotalPages}", Typography.Band, RuleAbove: true);

    public IEnumerable<Block> ComposeContent()
    {
        var body = report.Body;
        var byDonor = report is not SummaryReport { GroupedBy: SummaryGrouping.Date };
        return HeadlineComponent.Compose(report)
            .Concat(ChartsComponent.Compose(body))
            .Concat(TotalsComponent.Compose(body))
            .Concat(PledgeGroupsComponent.Compose(report, showDonor: !byDonor))
            .Concat(EquipmentComponent.Compose(body))
            .Concat(PledgeListComponent.Compose(
                "Annual and multi-year commitments",
                "Shown apart from one-off pledges: an annual sum is per year and never a total; a multi-year commitment is booked in full when announced. Neither is added to the one-off EUR totals.",
                body.Commitments, "No annual or multi-year commitments in this period."))
            .Concat(PledgeListComponent.Compose(
                "Proposals (not counted)",
                "A proposal is nobody's promise yet; proposals never count into a donor's totals.",
                body.Proposals, "No proposals in this period."))
            .Concat(MethodologyComponent.Compose(report))
            .Concat(SourcesComponent.Compose(body));
    }

    private static string Capitalized(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
