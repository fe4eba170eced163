using PledgeLedger.Reporting.Layout;

namespace PledgeLedger.Reporting.Documents.Components;

/// <summary>One row per ally: counted EUR, commitments apart, unconverted money, items, in-kind, proposals.</summary>
internal static class TotalsComponent
{
    private static readonly Column[] Columns =
    [
        new("Donor", 80f), new("Pledges", 34f, Align.Right), new("EUR one-off", 62f, Align.Right),
        new("EUR multi-year", 62f, Align.Right), new("EUR per year", 60f, Align.Right), new("Not converted", 74f),
        new("Items", 42f, Align.Right), new("In-kind est. EUR", 62f, Align.Right), new("Prop.", 30f, Align.Right),
    ];

    public static IEnumerable<Block> Compose(ReportBody body)
    {
        yield return Typography.SectionHeading("Totals per ally");
        yield return new Paragraph(body.TotalsScope + ". Statuses pledged, allocated and delivered count; proposals (Prop.) are listed apart; Items counts quantified equipment of all kinds for one donor (per system and unquantified pledges: see Equipment by system); there is no total of items across donors.", Typography.Note);
        if (body.Totals.Count == 0)
        {
            yield return new Paragraph("No pledges.", Typography.Body);
            yield break;
        }
        yield return new Table(Columns, Rows(body.Totals), Typography.TableHeader, Typography.TableCompact, MaxLines: 6);
    }

    /// <summary>Money with no EUR value: amounts without a rate, and the pledges that state no figure at all.</summary>
    private static string NotConverted(AllyTotal t)
    {
        var amounts = t.Unconverted.Count > 0 ? Format.Unconverted(t.Unconverted) : "";
        if (t.UnstatedMoney == 0) return amounts;
        var noFigure = $"{Format.Count(t.UnstatedMoney)} without a figure";
        return amounts.Length > 0 ? amounts + "\n" + noFigure : noFigure;
    }

    private static IEnumerable<IReadOnlyList<Cell>> Rows(IReadOnlyList<AllyTotal> totals)
    {
        foreach (var t in totals)
        {
            yield return
            [
                t.DonorName, Format.Count(t.Pledges), Format.Eur(t.OnceEur), Format.Eur(t.MultiYearEur), Format.Eur(t.AnnualEurPerYear),
                NotConverted(t),
                Format.Count(t.EquipmentItems),
                Format.Eur(t.InKindEur), Format.Count(t.Proposals),
            ];
        }
        yield return
        [
            new Cell("All donors", Bold: true), new Cell(Format.Count(totals.Sum(t => t.Pledges)), Bold: true),
            new Cell(Format.Eur(totals.Sum(t => Format.Rounded(t.OnceEur))), Bold: true), new Cell(Format.Eur(totals.Sum(t => Format.Rounded(t.MultiYearEur))), Bold: true),
            new Cell(Format.Eur(totals.Sum(t => Format.Rounded(t.AnnualEurPerYear))), Bold: true), "",
            "", // items of different systems do not add up: per category in the headline, per system under Equipment
 new Cell(Format.Eur(totals.Sum(t => Format.Rounded(t.InKindEur))), Bold: true),
            new Cell(Format.Count(totals.Sum(t => t.Proposals)), Bold: true),
        ];
    }
}
