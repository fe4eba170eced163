using PledgeLedger.Reporting.Layout;

namespace PledgeLedger.Reporting.Documents.Components;

/// <summary>EUR by donor as bars, cumulative EUR as a line. Decimal becomes double only here, at the drawing edge.</summary>
internal static class ChartsComponent
{
    public static IEnumerable<Block> Compose(ReportBody body)
    {
        var h = body.Headline;
        var uncharted = Format.MoneyPhrase(new MoneySummary(0m, 0m, h.AnnualEurPerYear, h.Unconverted));
        var noBars = "No money with an EUR value in this period to chart" + (uncharted == "no money" ? "." : $"; not charted: {uncharted}.");
        if (body.EurBars.Count == 0 && body.CumulativeEur.Count == 0)
        {
            yield return Typography.SectionHeading("Charts");
            yield return new Paragraph(noBars, Typography.Body);
            yield break;
        }
        var (barUnit, barDiv) = Unit(body.EurBars.Select(b => b.Value).DefaultIfEmpty(0m).Max());
        yield return new KeepTogether(
        [
            Typography.SectionHeading("Charts"),
            body.EurBars.Count == 0
                ? new Paragraph(noBars, Typography.Body)
                : new ChartBlock(new BarChartSpec(
                    body.BarsTitle, $"{barUnit} (one-off and multi-year)",
                    body.EurBars.Select(b => b.Label).ToList(),
                    body.EurBars.Select(b => (double)(b.Value / barDiv)).ToList()), Math.Min(250f, 90f + (16f * body.EurBars.Count))),
        ]);
        if (body.CumulativeEur.Count < 2)
        {
            // One point is not a line: say it.
            if (body.CumulativeEur.Count == 1)
            {
                var p = body.CumulativeEur[0];
                yield return new Paragraph($"Cumulative EUR pledged (one-off and multi-year) at {Format.Date(p.Date)}: {Format.Eur(p.Value)}.", Typography.Body);
            }
            yield break;
        }
        var (lineUnit, lineDiv) = Unit(body.CumulativeEur.Select(p => p.Value).DefaultIfEmpty(0m).Max());
        yield return new ChartBlock(new LineChartSpec(
            "Cumulative EUR pledged (one-off and multi-year)", lineUnit,
            body.CumulativeEur.Select(p => p.Date).ToList(),
            body.CumulativeEur.Select(p => (double)(p.Value / lineDiv)).ToList()), 220f);
    }

    private static (string Unit, decimal Divisor) Unit(decimal max) =>
        max >= 10_000_000_000m ? ("EUR bn", 1_000_000_000m) : ("EUR m", 1_000_000m);
}
