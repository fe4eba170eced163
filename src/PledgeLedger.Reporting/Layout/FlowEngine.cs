namespace PledgeLedger.Reporting.Layout;

/// <summary>Places blocks top to bottom, opening pages as needed. Without a sink it only measures.</summary>
internal sealed class FlowEngine(IDocument document, PageSetup page, ITextMeasurer measurer, IPageSink? sink, int totalPages)
{
    private const float CellPadX = 3f;
    private const float CellPadY = 2f;
    private const float ChartGap = 8f;
    private static readonly Rgb HeaderFill = new(230, 233, 238);
    private static readonly Rgb RuleColor = new(200, 204, 210);
    private static readonly Rgb LinkColor = new(20, 80, 170);

    private readonly MeasuringCanvas _measuring = new(measurer);
    private IPageCanvas _canvas = null!;
    private int _pageNumber;
    private float _y;

    private float Bottom => page.ContentBottom;
    private bool AtTop => _y <= page.ContentTop + 0.01f;
    private float Left => page.Margin;
    private float Width => page.ContentWidth;

    public int Run()
    {
        StartPage();
        foreach (var block in document.ComposeContent()) Place(block);
        FinishPage();
        return _pageNumber;
    }

    private void StartPage()
    {
        _pageNumber++;
        _canvas = sink is null ? _measuring : sink.BeginPage(page);
        var band = document.ComposeHeader(new PageContext(_pageNumber, totalPages));
        DrawBand(band, page.Margin + band.Style.Size, page.Margin + page.HeaderHeight - 8f, ruleBelow: band.RuleBelow);
        _y = page.ContentTop;
    }

    private void FinishPage()
    {
        var band = document.ComposeFooter(new PageContext(_pageNumber, totalPages));
        DrawBand(band, page.Height - page.Margin, page.Height - page.Margin - page.FooterHeight + 8f, ruleBelow: false);
        sink?.EndPage();
    }

    private void NewPage()
    {
        FinishPage();
        StartPage();
    }

    private void DrawBand(Band band, float baseline, float ruleY, bool ruleBelow)
    {
        if (sink is null) return;
        var third = Width / 3f;
        var rightWidth = band.Right.Length == 0 ? 0f : measurer.Width(band.Right, band.Style) + 12f;
        if (band.Left.Length > 0) _canvas.Text(TextWrap.Ellipsize(band.Left, Width - rightWidth, band.Style, measurer), Left, baseline, band.Style);
        if (band.Center.Length > 0)
        {
            var c = TextWrap.Ellipsize(band.Center, third, band.Style, measurer);
            _canvas.Text(c, Left + ((Width - measurer.Width(c, band.Style)) / 2f), baseline, band.Style);
        }
        if (band.Right.Length > 0)
        {
            var r = TextWrap.Ellipsize(band.Right, third * 1.4f, band.Style, measurer);
            _canvas.Text(r, Left + Width - measurer.Width(r, band.Style), baseline, band.Style);
        }
        if (ruleBelow || band.RuleAbove) _canvas.Line(Left, ruleY, Left + Width, ruleY, RuleColor, 0.5f);
    }

    private void Place(Block block)
    {
        switch (block)
        {
            case Paragraph p: PlaceParagraph(p); break;
            case Heading h: PlaceHeading(h); break;
            case Spacer s:
                if (_y + s.Height > Bottom) NewPage();
                else _y += s.Height;
                break;
            case PageBreak:
                if (!AtTop) NewPage();
                break;
            case ChartBlock c:
                if (_y + c.Height > Bottom && !AtTop) NewPage();
                _canvas.Chart(new Box(Left, _y, Width, c.Height), c.Chart);
                _y += c.Height + ChartGap;
                break;
            case KeepTogether k:
                var height = k.Blocks.Sum(Measure);
                if (!AtTop && _y + height > Bottom && height <= Bottom - page.ContentTop) NewPage();
                foreach (var inner in k.Blocks) Place(inner);
                break;
            case Table t: PlaceTable(t); break;
            default: throw new NotSupportedException(block.GetType().Name);
        }
    }

    private float Measure(Block block) => block switch
    {
        Paragraph p => (TextWrap.Lines(p.Text, Width, p.Style, measurer).Count * p.Style.LineHeight) + p.SpaceAfter,
        Heading h => h.SpaceBefore + (TextWrap.Lines(h.Text, Width, h.Style, measurer).Count * h.Style.LineHeight) + h.SpaceAfter,
        Spacer s => s.Height,
        ChartBlock c => c.Height + ChartGap,
        KeepTogether k => k.Blocks.Sum(Measure),
        Table t => MeasureTable(t),
        _ => 0f,
    };

    private void PlaceParagraph(Paragraph p)
    {
        var style = p.Url is null ? p.Style : p.Style with { Color = LinkColor };
        foreach (var line in TextWrap.Lines(p.Text, Width, p.Style, measurer))
        {
            if (_y + style.LineHeight > Bottom) NewPage();
            _canvas.Text(line, Left, Baseline(_y, style), style);
            if (p.Url is not null) _canvas.Link(new Box(Left, _y, measurer.Width(line, style), style.LineHeight), p.Url);
            _y += style.LineHeight;
        }
        _y += p.SpaceAfter;
    }

    private void PlaceHeading(Heading h)
    {
        var lines = TextWrap.Lines(h.Text, Width, h.Style, measurer);
        var height = h.SpaceBefore + (lines.Count * h.Style.LineHeight) + h.SpaceAfter;
        if (!AtTop && _y + height + h.KeepWithNext > Bottom) NewPage();
        if (!AtTop) _y += h.SpaceBefore;
        foreach (var line in lines)
        {
            _canvas.Text(line, Left, Baseline(_y, h.Style), h.Style);
            _y += h.Style.LineHeight;
        }
        _y += h.SpaceAfter;
    }

    private static float Baseline(float top, TextStyle style) => top + (style.LineHeight * 0.5f) + (style.Size * 0.36f);

    private float[] ColumnWidths(Table t)
    {
        var sum = t.Columns.Sum(c => c.Weight);
        return t.Columns.Select(c => Width * c.Weight / sum).ToArray();
    }

    private float MeasureTable(Table t)
    {
        var widths = ColumnWidths(t);
        var h = RowHeight(HeaderCells(t, widths));
        foreach (var row in t.Rows) h += RowHeight(BodyCells(t, row, widths));
        return h;
    }

    private Fitted[] HeaderCells(Table t, float[] widths) =>
        t.Columns.Select((c, i) => Fit(c.Header, widths[i] - (2 * CellPadX), t.HeaderStyle, wrap: true, 2)).ToArray();

    private Fitted[] BodyCells(Table t, IReadOnlyList<Cell> row, float[] widths)
    {
        var cells = new Fitted[t.Columns.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = i < row.Count ? row[i] : new Cell("");
            var style = cell.Bold ? t.BodyStyle with { Weight = FontWeight.Bold } : t.BodyStyle;
            // Numbers (right-aligned) never wrap: a figure broken over two lines misreads; they shrink instead.
            cells[i] = Fit(cell.Text, widths[i] - (2 * CellPadX), style, wrap: t.Columns[i].Wraps, t.MaxLines);
        }
        return cells;
    }

    /// <summary>Wraps text into the width, or (no-wrap, or a single word too wide) shrinks it down to 60 %, then ellipsizes.</summary>
    private Fitted Fit(string text, float width, TextStyle style, bool wrap, int maxLines)
    {
        if (text.Length == 0) return new Fitted([""], style);
        if (!wrap)
        {
            var w = measurer.Width(text, style);
            if (w <= width) return new Fitted([text], style);
            var shrunk = Shrink(style, width / w);
            return new Fitted([TextWrap.Ellipsize(text, width, shrunk, measurer)], shrunk);
        }
        if (text.Contains(' ', StringComparison.Ordinal) || measurer.Width(text, style) > width)
        {
            var widest = text.Split(' ', '\n').Max(word => measurer.Width(word, style));
            if (widest > width && !LooksLikeUrl(text)) style = Shrink(style, width / widest);
        }
        return new Fitted(TextWrap.Lines(text, width, style, measurer, maxLines), style);
    }

    private static bool LooksLikeUrl(string text) => text.Contains("://", StringComparison.Ordinal);

    private static TextStyle Shrink(TextStyle style, float factor)
    {
        // Quarter-point steps keep the number of distinct font sizes small.
        var size = MathF.Floor(style.Size * Math.Max(factor, 0.6f) * 4f) / 4f;
        return style with { Size = size };
    }

    private static float RowHeight(Fitted[] cells) =>
        cells.Max(c => c.Lines.Count * c.Style.LineHeight) + (2 * CellPadY);

    private void PlaceTable(Table t)
    {
        var widths = ColumnWidths(t);
        var header = HeaderCells(t, widths);
        var headerHeight = RowHeight(header);
        var first = true;
        foreach (var row in t.Rows)
        {
            var cells = BodyCells(t, row, widths);
            var height = RowHeight(cells);
            if (first)
            {
                if (!AtTop && _y + headerHeight + height > Bottom) NewPage();
                DrawRow(t, null, header, widths, headerHeight, isHeader: true);
                first = false;
            }
            else if (_y + height > Bottom)
            {
                NewPage();
                DrawRow(t, null, header, widths, headerHeight, isHeader: true);
            }
            DrawRow(t, row, cells, widths, height, isHeader: false);
        }
        if (first)
        {
            if (!AtTop && _y + headerHeight > Bottom) NewPage();
            DrawRow(t, null, header, widths, headerHeight, isHeader: true);
        }
        _y += 6f;
    }

    private void DrawRow(Table t, IReadOnlyList<Cell>? row, Fitted[] cells, float[] widths, float height, bool isHeader)
    {
        if (sink is null)
        {
            _y += height;
            return;
        }
        if (isHeader) _canvas.Fill(new Box(Left, _y, Width, height), HeaderFill);
        var x = Left;
        for (var i = 0; i < widths.Length; i++)
        {
            var url = row is not null && i < row.Count ? row[i].Url : null;
            var style = url is null ? cells[i].Style : cells[i].Style with { Color = LinkColor };
            DrawCellLines(cells[i].Lines, x, widths[i], t.Columns[i].Align, style, url);
            x += widths[i];
        }
        _y += height;
        if (!isHeader) _canvas.Line(Left, _y, Left + Width, _y, RuleColor, 0.3f);
    }

    private void DrawCellLines(List<string> lines, float x, float width, Align align, TextStyle style, string? url)
    {
        var top = _y + CellPadY;
        foreach (var line in lines)
        {
            if (line.Length > 0)
            {
                var w = measurer.Width(line, style);
                var tx = align switch
                {
                    Align.Right => x + width - CellPadX - w,
                    Align.Center => x + ((width - w) / 2f),
                    _ => x + CellPadX,
                };
                _canvas.Text(line, tx, Baseline(top, style), style);
                if (url is not null) _canvas.Link(new Box(tx, top, w, style.LineHeight), url);
            }
            top += style.LineHeight;
        }
    }

    private readonly record struct Fitted(List<string> Lines, TextStyle Style);
}
