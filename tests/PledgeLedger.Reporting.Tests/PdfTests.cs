using System.Globalization;
using CsvHelper;
using PledgeLedger.Reporting.Documents;
using PledgeLedger.Reporting.Export;
using UglyToad.PdfPig;

namespace PledgeLedger.Reporting.Tests;

public class PdfTests
{
    private static readonly MonthlyReport March = ReportBuilder.Monthly(Samples.Ten(), 2024, 3);
    private static readonly Lazy<byte[]> MarchPdf = new(() => Pdf.Render(March));

    [Fact]
    public void Pdf_text_is_real_text_with_cyrillic_and_accented_names()
    {
        var text = string.Join('\n', Pdf.PageTexts(MarchPdf.Value));
        Assert.Contains("Київ", text, StringComparison.Ordinal);
        Assert.Contains("Szijjártó", text, StringComparison.Ordinal);
        Assert.Contains("Žilina", text, StringComparison.Ordinal);
        Assert.Contains("Germany", text, StringComparison.Ordinal);
        Assert.Contains("2024-03-05", text, StringComparison.Ordinal);
        Assert.Contains("March 2024", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ally_totals_in_the_pdf_equal_the_csv_export()
    {
        using var sw = new StringWriter();
        CsvExport.Write(March, sw);
        using var csv = new CsvReader(new StringReader(sw.ToString()), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var totals = new List<(string Name, decimal Eur, long Items)>();
        while (csv.Read())
        {
            if (csv.GetField("section") != "ally_total") continue;
            totals.Add((csv.GetField("donor_name")!, decimal.Parse(csv.GetField("eur")!, CultureInfo.InvariantCulture),
                long.Parse(csv.GetField("quantity")!, CultureInfo.InvariantCulture)));
        }
        Assert.Equal(March.Body.Totals.Count, totals.Count);

        var pages = Pdf.PageTexts(MarchPdf.Value);
        var totalsPage = pages.First(p => p.Contains("Totals per ally", StringComparison.Ordinal) && p.Contains("All donors", StringComparison.Ordinal));
        var section = totalsPage[totalsPage.IndexOf("Totals per ally", StringComparison.Ordinal)..];
        foreach (var (name, eur, _) in totals)
        {
            var firstWord = name.Split(' ')[0];
            var at = section.IndexOf(firstWord, StringComparison.Ordinal);
            Assert.True(at >= 0, $"{name} missing from the totals table");
            Assert.Contains(Format.Eur(eur), section[at..], StringComparison.Ordinal);
        }
        Assert.Contains(Format.Eur(totals.Sum(t => t.Eur)), section, StringComparison.Ordinal);
        var headlineEur = March.Body.Headline.OnceEur;
        Assert.Contains(Format.Eur(headlineEur), pages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Same_input_and_generation_time_give_identical_bytes()
    {
        var again = Pdf.Render(ReportBuilder.Monthly(Samples.Ten(), 2024, 3));
        Assert.Equal(MarchPdf.Value, again);
    }

    [Fact]
    public void Pdf_metadata_has_title_subject_author_and_creation_date()
    {
        using var doc = PdfDocument.Open(MarchPdf.Value);
        Assert.Equal("PledgeLedger", doc.Information.Author);
        Assert.Contains("March 2024", doc.Information.Title, StringComparison.Ordinal);
        Assert.Contains("Monthly report", doc.Information.Subject, StringComparison.Ordinal);
        Assert.StartsWith("D:20240402093000", doc.Information.CreationDate, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_font_in_the_pdf_is_embedded_dejavu()
    {
        using var doc = PdfDocument.Open(MarchPdf.Value);
        var fonts = doc.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Contains("DejaVuSans", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Footer_says_page_x_of_y_on_every_page()
    {
        var pages = Pdf.PageTexts(MarchPdf.Value);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Page {i + 1} of {pages.Count}", pages[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Source_origins_are_clickable_links()
    {
        using var doc = PdfDocument.Open(MarchPdf.Value);
        var links = doc.GetPages().SelectMany(p => p.GetHyperlinks()).Select(l => l.Uri).ToList();
        Assert.Contains("https://example.org/pl", links);
    }

    [Fact]
    public void A_month_without_pledges_says_so()
    {
        var pages = Pdf.PageTexts(Pdf.Render(ReportBuilder.Monthly(Samples.Ten(), 2021, 1)));
        Assert.Contains("No pledges were announced in January 2021.", pages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Ten_thousand_pledges_split_tables_across_pages_and_repeat_the_header()
    {
        var input = Samples.Many(10_000, new DateOnly(2024, 3, 1));
        var pdf = Pdf.Render(ReportBuilder.Monthly(input, 2024, 3), PaperSize.Letter);
        var pages = Pdf.PageTexts(pdf);
        Assert.True(pages.Count > 50, $"only {pages.Count} pages");
        var pledgePages = pages.Where(p => p.Contains("#", StringComparison.Ordinal) && p.Contains("Qualifier", StringComparison.Ordinal)).ToList();
        Assert.True(pledgePages.Count > 20);
        Assert.Contains($"Page {pages.Count} of {pages.Count}", pages[^1], StringComparison.Ordinal);

        // Nothing overflows: every glyph lies within the side margins (40 pt) and between header and footer rules.
        using var doc = PdfDocument.Open(pdf);
        foreach (var page in doc.GetPages())
        {
            foreach (var letter in page.Letters)
            {
                var box = letter.BoundingBox;
                Assert.True(box.Left >= 39.5 && box.Right <= page.Width - 39.5,
                    $"'{letter.Value}' at x {box.Left:F1}-{box.Right:F1} on page {page.Number} crosses the margin");
                Assert.True(box.Bottom >= 35 && box.Top <= page.Height - 35, $"'{letter.Value}' on page {page.Number} leaves the page body");
            }
        }
    }

    [Fact]
    public void Summary_and_ally_reports_render()
    {
        var input = Samples.Ten();
        var summary = Pdf.PageTexts(Pdf.Render(ReportBuilder.Summary(input, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), null, SummaryGrouping.Date)));
        Assert.Contains("Pledges by month", string.Join(' ', summary), StringComparison.Ordinal);
        var ally = Pdf.PageTexts(Pdf.Render(ReportBuilder.Ally(input, "DE", null, null)));
        Assert.Contains("Germany", ally[0], StringComparison.Ordinal);
    }
}

public class PaperTests
{
    [Theory]
    [InlineData(PaperSize.A4, 595, 842)]
    [InlineData(PaperSize.Letter, 612, 792)]
    public void Pages_have_the_requested_paper_size(PaperSize paper, int width, int height)
    {
        var pdf = Pdf.Render(ReportBuilder.Monthly(Samples.Ten(), 2024, 3), paper);
        using var doc = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var page = doc.GetPage(1);
        Assert.Equal(width, Math.Round(page.Width));
        Assert.Equal(height, Math.Round(page.Height));
    }
}
