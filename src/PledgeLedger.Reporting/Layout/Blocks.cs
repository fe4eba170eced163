namespace PledgeLedger.Reporting.Layout;

/// <summary>Something the flow places on pages, top to bottom.</summary>
public abstract record Block;

/// <summary>Wrapped text; splits across pages line by line. With a URL the whole text is a link.</summary>
public sealed record Paragraph(string Text, TextStyle Style, float SpaceAfter = 4f, string? Url = null) : Block;

/// <summary>A heading; moves to the next page unless <see cref="KeepWithNext"/> points fit below it.</summary>
public sealed record Heading(string Text, TextStyle Style, float SpaceBefore, float SpaceAfter, float KeepWithNext = 60f) : Block;

public sealed record Spacer(float Height) : Block;

public sealed record PageBreak : Block;

public sealed record ChartBlock(ChartSpec Chart, float Height) : Block;

/// <summary>Blocks that move to the next page together when they do not fit (and fit on a page).</summary>
public sealed record KeepTogether(IReadOnlyList<Block> Blocks) : Block;

/// <summary>
/// A table column: relative width weight, alignment. Left-aligned text wraps; right-aligned figures stay on one
/// line and shrink to fit unless <see cref="Wrap"/> says otherwise.
/// </summary>
public sealed record Column(string Header, float Weight, Align Align = Align.Left, bool? Wrap = null)
{
    public bool Wraps => Wrap ?? Align == Align.Left;
}

/// <summary>A table cell; with a URL it is a link.</summary>
public sealed record Cell(string Text, string? Url = null, bool Bold = false)
{
    public static implicit operator Cell(string text) => new(text);
}

/// <summary>
/// A table that splits across pages row by row and repeats its header. Rows are enumerated lazily (once per
/// pass), so a large table is never held as laid-out pages. Cells wrap up to <see cref="MaxLines"/> lines,
/// then end with an ellipsis.
/// </summary>
public sealed record Table(IReadOnlyList<Column> Columns, IEnumerable<IReadOnlyList<Cell>> Rows, TextStyle HeaderStyle, TextStyle BodyStyle, int MaxLines = 3) : Block;
