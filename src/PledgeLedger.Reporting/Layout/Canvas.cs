namespace PledgeLedger.Reporting.Layout;

/// <summary>Measures text; the layout needs nothing else from a font.</summary>
public interface ITextMeasurer
{
    float Width(string text, TextStyle style);
}

/// <summary>What the layout draws with. A renderer (Skia PDF today) implements it; report code never sees it.</summary>
public interface IPageCanvas : ITextMeasurer
{
    void Text(string text, float x, float baseline, TextStyle style);
    void Line(float x1, float y1, float x2, float y2, Rgb color, float thickness);
    void Fill(Box box, Rgb color);
    /// <summary>Makes the box a clickable link to <paramref name="url"/>.</summary>
    void Link(Box box, string url);
    /// <summary>Draws the chart as vectors inside the box.</summary>
    void Chart(Box box, ChartSpec chart);
}

/// <summary>A document being written page by page; pages are streamed, never held.</summary>
public interface IPageSink : IDisposable
{
    IPageCanvas BeginPage(PageSetup page);
    void EndPage();
    void Close();
}

/// <summary>The first (measuring) pass draws nothing.</summary>
internal sealed class MeasuringCanvas(ITextMeasurer measurer) : IPageCanvas
{
    public float Width(string text, TextStyle style) => measurer.Width(text, style);
    public void Text(string text, float x, float baseline, TextStyle style) { }
    public void Line(float x1, float y1, float x2, float y2, Rgb color, float thickness) { }
    public void Fill(Box box, Rgb color) { }
    public void Link(Box box, string url) { }
    public void Chart(Box box, ChartSpec chart) { }
}
