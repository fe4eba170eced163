using PledgeLedger.Reporting.Layout;

namespace PledgeLedger.Reporting.Documents;

/// <summary>Every text style the reports use, in one place.</summary>
public static class Typography
{
    private static readonly Rgb Ink = new(25, 28, 33);
    private static readonly Rgb Muted = new(95, 100, 110);
    private static readonly Rgb Accent = new(30, 70, 140);

    public static TextStyle Title { get; } = new(20f, FontWeight.Bold, Accent);
    public static TextStyle Subtitle { get; } = new(12f, FontWeight.Regular, Ink);
    public static TextStyle Section { get; } = new(14f, FontWeight.Bold, Accent);
    public static TextStyle Group { get; } = new(10.5f, FontWeight.Bold, Ink);
    public static TextStyle Body { get; } = new(9f, FontWeight.Regular, Ink);
    public static TextStyle Note { get; } = new(8f, FontWeight.Regular, Muted);
    public static TextStyle Lead { get; } = new(11f, FontWeight.Bold, Ink);
    public static TextStyle TableHeader { get; } = new(7.5f, FontWeight.Bold, Ink);
    public static TextStyle TableBody { get; } = new(7.5f, FontWeight.Regular, Ink);
    public static TextStyle TableCompact { get; } = new(7f, FontWeight.Regular, Ink);
    public static TextStyle MetricBody { get; } = new(9.5f, FontWeight.Regular, Ink);
    public static TextStyle MetricHeader { get; } = new(9.5f, FontWeight.Bold, Ink);
    public static TextStyle Band { get; } = new(7.5f, FontWeight.Regular, Muted);

    public static Heading SectionHeading(string text) => new(text, Section, SpaceBefore: 14f, SpaceAfter: 6f, KeepWithNext: 80f);

    public static Heading GroupHeading(string text) => new(text, Group, SpaceBefore: 8f, SpaceAfter: 3f, KeepWithNext: 40f);
}
