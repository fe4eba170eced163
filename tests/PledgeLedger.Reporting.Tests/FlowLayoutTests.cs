using PledgeLedger.Reporting.Layout;

namespace PledgeLedger.Reporting.Tests;

public class FlowLayoutTests
{
    private static readonly TextStyle Body = new(10f, FontWeight.Regular, default);

    private sealed class Measurer : ITextMeasurer
    {
        public float Width(string text, TextStyle style) => text.Length * style.Size * 0.5f;
    }

    /// <summary>Records every text drawn, per page.</summary>
    private sealed class RecordingSink : IPageSink
    {
        public List<List<(string Text, float X, float Y)>> Pages { get; } = [];

        public IPageCanvas BeginPage(PageSetup page)
        {
            Pages.Add([]);
            return new Canvas(Pages[^1]);
        }

        public void EndPage()
        {
        }

        public void Close()
        {
        }

        public void Dispose()
        {
        }

        private sealed class Canvas(List<(string, float, float)> texts) : IPageCanvas
        {
            public float Width(string text, TextStyle style) => new Measurer().Width(text, style);
            public void Text(string text, float x, float baseline, TextStyle style) => texts.Add((text, x, baseline));
            public void Line(float x1, float y1, float x2, float y2, Rgb color, float thickness) { }
            public void Fill(Box box, Rgb color) { }
            public void Link(Box box, string url) { }
            public void Chart(Box box, ChartSpec chart) { }
        }
    }

    private sealed class Doc(Func<IEnumerable<Block>> content) : IDocument
    {
        public DocumentInfo Info { get; } = new("t", "s", "a", DateTimeOffset.UnixEpoch);
        public Band ComposeHeader(PageContext page) => new("header", "", "", Body);
        public IEnumerable<Block> ComposeContent() => content();
        public Band ComposeFooter(PageContext page) => new("", "", $"Page {page.PageNumber} of {page.TotalPages}", Body);
    }

    private static RecordingSink Render(Func<IEnumerable<Block>> content)
    {
        var sink = new RecordingSink();
        DocumentLayout.Render(new Doc(content), PageSetup.A4, new Measurer(), sink);
        return sink;
    }

    private static Table Rows(int n) => new(
        [new Column("Name", 3f), new Column("Amount", 1f, Align.Right)],
        Enumerable.Range(1, n).Select(i => (IReadOnlyList<Cell>)[$"row {i}", $"{i * 1000}"]),
        Body, Body);

    [Fact]
    public void A_long_table_splits_across_pages_and_repeats_its_header()
    {
        var sink = Render(() => [Rows(200)]);
        Assert.True(sink.Pages.Count > 2);
        Assert.All(sink.Pages, page => Assert.Contains(page, t => t.Text == "Name"));
        var rows = sink.Pages.SelectMany(p => p).Where(t => t.Text.StartsWith("row ", StringComparison.Ordinal)).Select(t => t.Text).ToList();
        Assert.Equal(Enumerable.Range(1, 200).Select(i => $"row {i}"), rows);
    }

    [Fact]
    public void Every_page_says_page_x_of_y_from_the_measuring_pass()
    {
        var sink = Render(() => [Rows(200)]);
        for (var i = 0; i < sink.Pages.Count; i++)
        {
            Assert.Contains(sink.Pages[i], t => t.Text == $"Page {i + 1} of {sink.Pages.Count}");
        }
    }

    [Fact]
    public void Nothing_is_drawn_below_the_content_area()
    {
        var sink = Render(() => [Rows(500)]);
        var bottom = PageSetup.A4.ContentBottom;
        Assert.All(sink.Pages.SelectMany(p => p).Where(t => t.Text.StartsWith("row ", StringComparison.Ordinal)), t => Assert.True(t.Y <= bottom));
    }

    [Fact]
    public void A_heading_is_never_left_alone_at_the_bottom_of_a_page()
    {
        // Fill the first page almost to the end, then a heading followed by a table.
        var filler = Enumerable.Range(0, 52).Select(i => (Block)new Paragraph($"line {i}", Body, SpaceAfter: 0f));
        var sink = Render(() => filler.Append(new Heading("Section", Body, 10f, 4f, KeepWithNext: 40f)).Append(Rows(3)));
        var page = sink.Pages.FindIndex(p => p.Any(t => t.Text == "Section"));
        Assert.Contains(sink.Pages[page], t => t.Text == "row 1");
    }

    [Fact]
    public void Keep_together_blocks_move_to_the_next_page_as_one()
    {
        var filler = Enumerable.Range(0, 50).Select(i => (Block)new Paragraph($"line {i}", Body, SpaceAfter: 0f));
        var kept = new KeepTogether([new Paragraph("first", Body), new Paragraph("second", Body), new Paragraph("third", Body), new Paragraph("fourth", Body)]);
        var sink = Render(() => filler.Append(kept));
        var first = sink.Pages.FindIndex(p => p.Any(t => t.Text == "first"));
        var fourth = sink.Pages.FindIndex(p => p.Any(t => t.Text == "fourth"));
        Assert.Equal(first, fourth);
    }

    [Fact]
    public void Figures_shrink_to_fit_their_cell_instead_of_wrapping()
    {
        var table = new Table(
            [new Column("Name", 10f), new Column("EUR", 1.5f, Align.Right)],
            [["x", "123,456,789,012"]], Body, Body);
        var sink = Render(() => [table]);
        Assert.Contains(sink.Pages[0], t => t.Text == "123,456,789,012");
    }
}
