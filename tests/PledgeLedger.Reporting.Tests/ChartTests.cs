namespace PledgeLedger.Reporting.Tests;

public class ChartTests
{
    [Fact]
    public void Charts_are_drawn_once_as_vector_text_not_bitmaps()
    {
        var pdf = Pdf.Render(ReportBuilder.Monthly(Samples.Ten(), 2024, 3));
        using var doc = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var page = doc.GetPage(1);
        Assert.Empty(page.GetImages());
        // The bar chart's donor tick label is real text, drawn once.
        var tick = page.Letters.Where(l => l.Value == "G" && Math.Abs(l.PointSize - 7.5) < 0.01).ToList();
        Assert.Single(tick.Select(l => (Math.Round(l.StartBaseLine.X, 1), Math.Round(l.StartBaseLine.Y, 1))).Distinct());
        Assert.Single(tick);
    }
}
