using PledgeLedger.Reporting.Layout;

namespace PledgeLedger.Reporting.Documents.Components;

/// <summary>Equipment as item counts per system and donor; the in-kind value is an estimate in its own column.</summary>
internal static class EquipmentComponent
{
    private static readonly Column[] Columns =
    [
        new("System", 2.4f), new("Category", 1.6f), new("Donor", 2f), new("Items", 0.9f, Align.Right),
        new("Unquantified", 1f, Align.Right), new("In-kind est. EUR", 1.3f, Align.Right),
    ];

    public static IEnumerable<Block> Compose(ReportBody body)
    {
        yield return Typography.SectionHeading("Equipment by system");
        yield return new Paragraph("Item counts per system and donor. \"Unquantified\" counts pledges whose source gives no number. In-kind values are estimates (quantity x catalog unit value) and are never added to money.", Typography.Note);
        if (body.Equipment.Count == 0)
        {
            yield return new Paragraph("No equipment pledged in this period.", Typography.Body);
            yield break;
        }
        yield return new Table(Columns, body.Equipment.Select(e => (IReadOnlyList<Cell>)
        [
            e.System, e.Category ?? "", e.DonorName, Format.Count(e.Items),
            e.UnquantifiedPledges > 0 ? Format.Count(e.UnquantifiedPledges) : "", e.InKindEur > 0 ? Format.Eur(e.InKindEur) : e.Items > 0 ? "no unit value" : "",
        ]), Typography.TableHeader, Typography.TableBody);
    }
}
