using System.Globalization;
using ScottPlot;
using SkiaSharp;

namespace PledgeLedger.Reporting.Layout.Skia;

/// <summary>
/// Draws chart specs with ScottPlot straight onto the page canvas (vectors, not a bitmap). ScottPlot gets the
/// very typefaces the text uses, so chart glyphs are embedded from the same DejaVu fonts.
/// </summary>
internal sealed class ScottPlotCharts
{
    private static readonly Lock RegisterLock = new();
    private static readonly ScottPlot.Color BarColor = new(46, 94, 170);

    public ScottPlotCharts(SkiaFonts fonts)
    {
        lock (RegisterLock)
        {
            if (!Fonts.FontResolvers.OfType<DejaVuResolver>().Any(r => r.RegularPath == fonts.RegularPath))
            {
                Fonts.FontResolvers.RemoveAll(r => r is DejaVuResolver);
                Fonts.FontResolvers.Insert(0, new DejaVuResolver(fonts));
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
        plot.Axes.Title.Label.Text = chart.Title;
        plot.Axes.Title.Label.FontSize = 11;
        plot.Axes.Title.Label.Bold = true;
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            axis.Label.FontSize = 8.5f;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = 7.5f;
        }
        // ScottPlot renders a second time when the first render changes the axis limits; settle them on a canvas
        // that draws nothing, so the page receives the chart once.
        using (var settle = new SKNoDrawCanvas((int)box.Width, (int)box.Height))
        {
            plot.Render(settle, (int)box.Width, (int)box.Height);
        }
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
            plot.Add.Annotation("No data in this period");
            return plot;
        }
        // Horizontal bars, largest on top: long donor names stay readable on the left axis.
        var n = spec.Values.Count;
        var bars = spec.Values.Select((v, i) => new Bar { Position = n - 1 - i, Value = v, FillColor = BarColor, LineWidth = 0 }).ToArray();
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        var ticks = spec.Labels.Select((l, i) => new Tick(n - 1 - i, Short(l))).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.Label.Text = spec.ValueLabel;
        plot.Axes.Margins(left: 0, right: 0.08, bottom: 0.02, top: 0.02);
        // Bars start at zero and a single bar is not stretched over a range of a few units around its value.
        var max = spec.Values.Max();
        plot.Axes.SetLimitsX(Math.Min(0, spec.Values.Min()), max > 0 ? max * 1.08 : 1);
        plot.Axes.SetLimitsY(-0.6, n - 0.4);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        return plot;
    }

    private static Plot Line(LineChartSpec spec)
    {
        var plot = new Plot();
        if (spec.Values.Count == 0)
        {
            plot.Add.Annotation("No data in this period");
            return plot;
        }
        var xs = spec.Dates.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        var scatter = plot.Add.Scatter(xs, spec.Values.ToArray(), BarColor);
        scatter.MarkerSize = spec.Values.Count > 40 ? 0 : 3;
        scatter.LineWidth = 1.5f;
        // One tick per point, at the point, labelled with its month (every k-th month when there are many), so a
        // label never repeats and no point drifts from its label.
        var step = (int)Math.Ceiling(xs.Length / 8.0);
        var ticks = xs.Select((x, i) => (x, i)).Where(t => t.i % step == 0 || t.i == xs.Length - 1)
            .Select(t => new Tick(t.x, spec.Dates[t.i].ToString("yyyy-MM", CultureInfo.InvariantCulture))).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.SetLimitsX(xs[0] - 12, xs[^1] + 12);
        // From zero: a flat or single-valued line is not blown up to a range of a few units around it.
        var max = spec.Values.Max();
        plot.Axes.SetLimitsY(Math.Min(0, spec.Values.Min()) - (Math.Abs(max) * 0.02), max > 0 ? max * 1.1 : 1);
        plot.Axes.Left.Label.Text = spec.ValueLabel;
        // Fixed padding leaves room for the last date label, which the automatic layout lets overhang the edge.
        plot.Layout.Fixed(new PixelPadding(60, 40, 36, 28));
        return plot;
    }

    private static string Short(string label) => label.Length <= 24 ? label : label[..23] + "\u2026";

    /// <summary>Hands ScottPlot the process-wide DejaVu typefaces for "DejaVu Sans".</summary>
    private sealed class DejaVuResolver(SkiaFonts fonts) : IFontResolver
    {
        private readonly SKTypeface _regular = fonts.Regular;
        private readonly SKTypeface _bold = fonts.Bold;

        public string RegularPath { get; } = fonts.RegularPath;

        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            CreateTypeface(fontName, weight >= ScottPlot.FontWeight.SemiBold, false);

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            string.Equals(fontName, SkiaFonts.FamilyName, StringComparison.OrdinalIgnoreCase) ? (bold ? _bold : _regular) : null;
    }
}
