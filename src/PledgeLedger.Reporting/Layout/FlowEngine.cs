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
        if (band.Left.Length > 0) _canvas.Text(TextWrap.Ellipsize(band.Left, third * 1.4f, band.Style, measurer), Left, baseline, band.Style);
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
        var h = RowHeight(HeaderLines(t, widths), t.HeaderStyle);
        foreach (var row in t.Rows) h += RowHeight(CellLines(t, row, widths), t.BodyStyle);
        return h;
    }

    private List<string>[] HeaderLines(Table t, float[] widths) =>
        t.Columns.Select((c, i) => TextWrap.Lines(c.Header, widths[i] - (2 * CellPadX), t.HeaderStyle, measurer, 2)).ToArray();

    private List<string>[] CellLines(Table t, IReadOnlyList<Cell> row, float[] widths)
    {
        var lines = new List<string>[t.Columns.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            var cell = i < row.Count ? row[i] : new Cell("");
            var style = cell.Bold ? t.BodyStyle with { Weight = FontWeight.Bold } : t.BodyStyle;
            lines[i] = TextWrap.Lines(cell.Text, widths[i] - (2 * CellPadX), style, measurer, t.MaxLines);
        }
        return lines;
    }

    private static float RowHeight(List<string>[] lines, TextStyle style) =>
        (lines.Max(l => l.Count) * style.LineHeight) + (2 * CellPadY);

    private void PlaceTable(Table t)
    {
        var widths = ColumnWidths(t);
        var header = HeaderLines(t, widths);
        var headerHeight = RowHeight(header, t.HeaderStyle);
        var first = true;
        foreach (var row in t.Rows)
        {
            var lines = CellLines(t, row, widths);
            var height = RowHeight(lines, t.BodyStyle);
            if (first)
            {
                if (!AtTop && _y + headerHeight + height > Bottom) NewPage();
                DrawHeader(t, header, widths, headerHeight);
                first = false;
            }
            else if (_y + height > Bottom)
            {
                NewPage();
                DrawHeader(t, header, widths, headerHeight);
            }
            DrawRow(t, row, lines, widths, height);
        }
        if (first)
        {
            if (!AtTop && _y + headerHeight > Bottom) NewPage();
            DrawHeader(t, header, widths, headerHeight);
        }
        _y += 6f;
    }

    private void DrawHeader(Table t, List<string>[] header, float[] widths, float height)
    {
        if (sink is null)
        {
            _y += height;
            return;
        }
        _canvas.Fill(new Box(Left, _y, Width, height), HeaderFill);
        var x = Left;
        for (var i = 0; i < widths.Length; i++)
        {
            DrawCellLines(header[i], x, widths[i], t.Columns[i].Align, t.HeaderStyle, null);
            x += widths[i];
        }
        _y += height;
    }

    private void DrawRow(Table t, IReadOnlyList<Cell> row, List<string>[] lines, float[] widths, float height)
    {
        if (sink is null)
        {
            _y += height;
            return;
        }
        var x = Left;
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < row.Count ? row[i] : new Cell("");
            var style = cell.Bold ? t.BodyStyle with { Weight = FontWeight.Bold } : t.BodyStyle;
            if (cell.Url is not null) style = style with { Color = LinkColor };
            DrawCellLines(lines[i], x, widths[i], t.Columns[i].Align, style, cell.Url);
            x += widths[i];
        }
        _y += height;
        _canvas.Line(Left, _y, Left + Width, _y, RuleColor, 0.3f);
    }

    private void DrawCellLines(List<string> lines, float x, float width, Align align, TextStyle style, string? url)
    {
        var top = _y + CellPadY;
        foreach (var line in lines)
        {
            if (line.Length > 0)
            {
                var w = align == Align.Left ? 0f : measurer.Width(line, style);
                var tx = align switch
                {
                    Align.Right => x + width - CellPadX - w,
                    Align.Center => x + ((width - w) / 2f),
                    _ => x + CellPadX,
                };
                _canvas.Text(line, tx, Baseline(top, style), style);
                if (url is not null) _canvas.Link(new Box(tx, top, align == Align.Left ? measurer.Width(line, style) : w, style.LineHeight), url);
            }
            top += style.LineHeight;
        }
    }
}
