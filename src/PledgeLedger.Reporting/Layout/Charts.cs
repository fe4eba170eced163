namespace PledgeLedger.Reporting.Layout;

/// <summary>A chart described as data; the renderer decides how to draw it (ScottPlot in the Skia renderer).</summary>
public abstract record ChartSpec(string Title, string ValueLabel);

/// <summary>Vertical bars, one per label.</summary>
public sealed record BarChartSpec(string Title, string ValueLabel, IReadOnlyList<string> Labels, IReadOnlyList<double> Values)
    : ChartSpec(Title, ValueLabel);

/// <summary>A line over dates.</summary>
public sealed record LineChartSpec(string Title, string ValueLabel, IReadOnlyList<DateOnly> Dates, IReadOnlyList<double> Values)
    : ChartSpec(Title, ValueLabel);
