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
    private SkiaCanvas? _page;
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
        _page = new SkiaCanvas(_document.BeginPage(page.Width, page.Height), _fonts, _charts);
        return _page;
    }

    public void EndPage()
    {
        _page?.Dispose();
        _page = null;
        _document.EndPage();
    }

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

/// <summary>
/// One PDF page's canvas. Texts on the same baseline and in the same colour (a table row) are batched into one
/// text blob: Skia's PDF backend pays per draw call, and a row of eight cells becomes one call.
/// </summary>
internal sealed class SkiaCanvas(SKCanvas canvas, SkiaFonts fonts, ScottPlotCharts charts) : IPageCanvas, IDisposable
{
    private readonly SKPaint _paint = new() { IsAntialias = true };
    private readonly SKTextBlobBuilder _blob = new();
    private int _pendingRuns;
    private float _pendingBaseline;
    private SKColor _pendingColor;

    public float Width(string text, TextStyle style) => fonts.Width(text, style);

    public void Text(string text, float x, float baseline, TextStyle style)
    {
        if (text.Length == 0) return;
        var color = Color(style.Color);
        if (_pendingRuns > 0 && (baseline != _pendingBaseline || color != _pendingColor)) Flush();
        var font = fonts.Font(style);
        var count = font.CountGlyphs(text);
        var run = _blob.AllocateRun(font, count, x, 0f);
        font.GetGlyphs(text, run.Glyphs);
        _pendingRuns++;
        _pendingBaseline = baseline;
        _pendingColor = color;
    }

    /// <summary>Draws the batched texts; called before any other drawing and at the end of the page.</summary>
    public void Flush()
    {
        if (_pendingRuns == 0) return;
        _pendingRuns = 0;
        using var blob = _blob.Build();
        if (blob is null) return;
        _paint.Style = SKPaintStyle.Fill;
        _paint.Color = _pendingColor;
        canvas.DrawText(blob, 0f, _pendingBaseline, _paint);
    }

    public void Dispose()
    {
        Flush();
        _blob.Dispose();
        _paint.Dispose();
    }

    public void Line(float x1, float y1, float x2, float y2, Rgb color, float thickness)
    {
        Flush();
        _paint.Style = SKPaintStyle.Stroke;
        _paint.StrokeWidth = thickness;
        _paint.Color = Color(color);
        canvas.DrawLine(x1, y1, x2, y2, _paint);
    }

    public void Fill(Box box, Rgb color)
    {
        Flush();
        _paint.Style = SKPaintStyle.Fill;
        _paint.Color = Color(color);
        canvas.DrawRect(box.X, box.Y, box.Width, box.Height, _paint);
    }

    public void Link(Box box, string url)
    {
        Flush();
        canvas.DrawUrlAnnotation(new SKRect(box.X, box.Y, box.Right, box.Bottom), url);
    }

    public void Chart(Box box, ChartSpec chart)
    {
        Flush();
        charts.Draw(canvas, box, chart);
    }

    private static SKColor Color(Rgb c) => new(c.R, c.G, c.B);
}
