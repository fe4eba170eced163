using PledgeLedger.Reporting.Layout.Skia;
using UglyToad.PdfPig;

namespace PledgeLedger.Reporting.Tests;

/// <summary>Renders PDFs in memory and reads them back with PdfPig.</summary>
internal static class Pdf
{
    private static readonly Lazy<SkiaFonts> LazyFonts = new(SkiaFonts.Load);

    public static byte[] Render(IReport report, PaperSize paper = PaperSize.A4)
    {
        using var ms = new MemoryStream();
        lock (LazyFonts)
        {
            ReportWriter.RenderPdf(report, ms, paper, LazyFonts.Value);
        }
        return ms.ToArray();
    }

    /// <summary>The text of every page, words joined by single spaces.</summary>
    public static List<string> PageTexts(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        return doc.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))).ToList();
    }
}
