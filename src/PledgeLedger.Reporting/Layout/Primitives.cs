namespace PledgeLedger.Reporting.Layout;

/// <summary>A colour, renderer-neutral.</summary>
public readonly record struct Rgb(byte R, byte G, byte B);

public enum FontWeight { Regular, Bold }

public enum Align { Left, Right, Center }

/// <summary>Font size in points, weight and colour; the line height follows the size.</summary>
public sealed record TextStyle(float Size, FontWeight Weight, Rgb Color)
{
    public float LineHeight => Size * 1.3f;
}

/// <summary>A rectangle in points, origin top-left.</summary>
public readonly record struct Box(float X, float Y, float Width, float Height)
{
    public float Right => X + Width;
    public float Bottom => Y + Height;
}

/// <summary>Page size and margins in points.</summary>
public sealed record PageSetup(float Width, float Height, float Margin, float HeaderHeight, float FooterHeight)
{
    public static PageSetup A4 { get; } = new(595.28f, 841.89f, 40f, 28f, 24f);
    public static PageSetup Letter { get; } = new(612f, 792f, 40f, 28f, 24f);

    public float ContentWidth => Width - (2 * Margin);
    public float ContentTop => Margin + HeaderHeight;
    public float ContentBottom => Height - Margin - FooterHeight;
}

/// <summary>Document metadata written into the file.</summary>
public sealed record DocumentInfo(string Title, string Subject, string Author, DateTimeOffset Created);

/// <summary>Where the flow is: the page being drawn and (on the drawing pass) how many there are.</summary>
public sealed record PageContext(int PageNumber, int TotalPages);

/// <summary>A header or footer line: left, centre and right texts.</summary>
public sealed record Band(string Left, string Center, string Right, TextStyle Style, bool RuleAbove = false, bool RuleBelow = false);
