using PledgeLedger.Reporting.Layout;

namespace PledgeLedger.Reporting.Documents.Components;

/// <summary>Every source document with a clickable origin and the pledges it supports.</summary>
internal static class SourcesComponent
{
    private static readonly Column[] Columns =
    [
        new("Date", 0.9f), new("Title", 2.6f), new("Origin", 2.6f), new("Format", 0.6f), new("Pledges", 1.6f),
    ];

    public static IEnumerable<Block> Compose(ReportBody body)
    {
        yield return Typography.SectionHeading("Sources");
        if (body.Sources.Count == 0)
        {
            yield return new Paragraph("No source documents for the pledges in this report.", Typography.Body);
            yield break;
        }
        yield return new Table(Columns, body.Sources.Select(s => (IReadOnlyList<Cell>)
        [
            Format.Date(s.PublishedOn), s.Title ?? "(untitled)",
            s.Origin is { Length: > 0 } o ? new Cell(o, IsUrl(o) ? o : null) : "",
            s.Format, string.Join(", ", s.PledgeIds.Select(Format.Id)),
        ]), Typography.TableHeader, Typography.TableBody, MaxLines: 2);
    }

    private static bool IsUrl(string s) =>
        s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
