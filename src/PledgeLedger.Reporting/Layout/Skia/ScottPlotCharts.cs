using ScottPlot;
using SkiaSharp;

namespace PledgeLedger.Reporting.Layout.Skia;

/// <summary>
/// Draws chart specs with ScottPlot straight onto the page canvas (vectors, not a bitmap), using the same
/// DejaVu files as the text so the chart's glyphs are embedded too.
/// </summary>
internal sealed class ScottPlotCharts
{
    private static readonly Lock RegisterLock = new();
    private static string? _registeredPath;

    public ScottPlotCharts(SkiaFonts fonts)
    {
        lock (RegisterLock)
        {
            if (_registeredPath != fonts.RegularPath)
            {
                Fonts.AddFontFile(SkiaFonts.FamilyName, fonts.RegularPath, bold: false, italic: false);
                Fonts.AddFontFile(SkiaFonts.FamilyName, fonts.BoldPath, bold: true, italic: false);
                _registeredPath = fonts.RegularPath;
            }
        }
    }

    public void Draw(SKCanvas canvas, Box box, ChartSpec chart)
    {
        var plot = chart switch
        {
            BarChartSpec bars => Bars(bars),
            LineChartSpec line => Line(line),
            _ => throw new NotSupportedException(chart.GetType().Name),
        };
        plot.Font.Set(SkiaFonts.FamilyName);
        plot.Axes.Title.Label.FontSize = 11;
        plot.Axes.Left.Label.FontSize = 9;
        plot.Axes.Left.TickLabelStyle.FontSize = 8;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 8;
        plot.Title(chart.Title);
        plot.YLabel(chart.ValueLabel);
        canvas.Save();
        canvas.Translate(box.X, box.Y);
        canvas.ClipRect(new SKRect(0, 0, box.Width, box.Height));
        plot.Render(canvas, (int)box.Width, (int)box.Height);
        canvas.Restore();
    }

    private static Plot Bars(BarChartSpec spec)
    {
        var plot = new Plot();
        if (spec.Values.Count == 0)
        {
            plot.Add.Annotation("no data");
            return plot;
        }
        var bars = spec.Values.Select((v, i) => new Bar { Position = i, Value = v, FillColor = new ScottPlot.Color(46, 94, 170) }).ToArray();
        plot.Add.Bars(bars);
        var ticks = spec.Labels.Select((l, i) => new Tick(i, Short(l))).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 40;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        return plot;
    }

    private static Plot Line(LineChartSpec spec)
    {
        var plot = new Plot();
        if (spec.Values.Count == 0)
        {
            plot.Add.Annotation("no data");
            return plot;
        }
        var xs = spec.Dates.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        var scatter = plot.Add.Scatter(xs, spec.Values.ToArray(), new ScottPlot.Color(46, 94, 170));
        scatter.MarkerSize = spec.Values.Count > 40 ? 0 : 3;
        plot.Axes.DateTimeTicksBottom();
        return plot;
    }

    private static string Short(string label) => label.Length <= 18 ? label : label[..17] + "\u2026";
}
