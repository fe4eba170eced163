using SkiaSharp;

namespace PledgeLedger.Reporting.Layout.Skia;

/// <summary>
/// Writes pages to a PDF with Skia's PDF backend, one page at a time (pages are streamed, not held).
/// Creation and modification dates come from the document info, so the same input gives the same bytes.
/// </summary>
public sealed class SkiaPdfSink : IPageSink
{
    private readonly SKManagedWStream _stream;
    private readonly SKDocument _document;
    private readonly SkiaFonts _fonts;
    private readonly ScottPlotCharts _charts;
    private bool _closed;

    public SkiaPdfSink(Stream output, DocumentInfo info, SkiaFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(info);
        _fonts = fonts;
        _charts = new ScottPlotCharts(fonts);
        _stream = new SKManagedWStream(output, disposeManagedStream: false);
        var created = info.Created.UtcDateTime;
        var metadata = new SKDocumentPdfMetadata
        {
            Title = info.Title,
            Subject = info.Subject,
            Author = info.Author,
            Creator = info.Author,
            Producer = info.Author,
            Creation = created,
            Modified = created,
            RasterDpi = 150,
            EncodingQuality = 100,
        };
        _document = SKDocument.CreatePdf(_stream, metadata) ?? throw new InvalidOperationException("Skia PDF backend unavailable");
    }

    public IPageCanvas BeginPage(PageSetup page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new SkiaCanvas(_document.BeginPage(page.Width, page.Height), _fonts, _charts);
    }

    public void EndPage() => _document.EndPage();

    public void Close()
    {
        if (_closed) return;
        _closed = true;
        _document.Close();
        _stream.Flush();
    }

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }
}

/// <summary>One PDF page's canvas.</summary>
internal sealed class SkiaCanvas(SKCanvas canvas, SkiaFonts fonts, ScottPlotCharts charts) : IPageCanvas
{
    private readonly SKPaint _paint = new() { IsAntialias = true };

    public float Width(string text, TextStyle style) => fonts.Width(text, style);

    public void Text(string text, float x, float baseline, TextStyle style)
    {
        _paint.Style = SKPaintStyle.Fill;
        _paint.Color = Color(style.Color);
        canvas.DrawText(text, x, baseline, SKTextAlign.Left, fonts.Font(style), _paint);
    }

    public void Line(float x1, float y1, float x2, float y2, Rgb color, float thickness)
    {
        _paint.Style = SKPaintStyle.Stroke;
        _paint.StrokeWidth = thickness;
        _paint.Color = Color(color);
        canvas.DrawLine(x1, y1, x2, y2, _paint);
    }

    public void Fill(Box box, Rgb color)
    {
        _paint.Style = SKPaintStyle.Fill;
        _paint.Color = Color(color);
        canvas.DrawRect(box.X, box.Y, box.Width, box.Height, _paint);
    }

    public void Link(Box box, string url) => canvas.DrawUrlAnnotation(new SKRect(box.X, box.Y, box.Right, box.Bottom), url);

    public void Chart(Box box, ChartSpec chart) => charts.Draw(canvas, box, chart);

    private static SKColor Color(Rgb c) => new(c.R, c.G, c.B);
}
