using PledgeLedger.Reporting.Layout;
using PledgeLedger.Reporting.Model;

namespace PledgeLedger.Reporting.Documents.Components;

/// <summary>EUR by donor as bars, cumulative EUR as a line. Decimal becomes double only here, at the drawing edge.</summary>
internal static class ChartsComponent
{
    public static IEnumerable<Block> Compose(ReportBody body)
    {
        yield return Typography.SectionHeading("Charts");
        yield return new ChartBlock(new BarChartSpec(
            body.BarsTitle, "EUR m (one-off money)",
            body.EurBars.Select(b => b.Label).ToList(),
            body.EurBars.Select(b => (double)(b.Value / 1_000_000m)).ToList()), 250f);
        yield return new ChartBlock(new LineChartSpec(
            "Cumulative one-off EUR pledged", "EUR m",
            body.CumulativeEur.Select(p => p.Date).ToList(),
            body.CumulativeEur.Select(p => (double)(p.Value / 1_000_000m)).ToList()), 220f);
    }
}
