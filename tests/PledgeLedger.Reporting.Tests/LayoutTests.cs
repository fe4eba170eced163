using PledgeLedger.Reporting.Layout;

namespace PledgeLedger.Reporting.Tests;

public class LayoutTests
{
    private sealed class FixedWidth : ITextMeasurer
    {
        public float Width(string text, TextStyle style) => text.Length * 10f;
    }

    private static readonly TextStyle Style = new(10f, FontWeight.Regular, default);

    [Fact]
    public void Text_wraps_at_spaces()
    {
        Assert.Equal(["aaa bbb", "ccc"], TextWrap.Lines("aaa bbb ccc", 75f, Style, new FixedWidth()));
    }

    [Fact]
    public void Overlong_words_break_between_characters()
    {
        Assert.Equal(["abcd", "efgh", "ij"], TextWrap.Lines("abcdefghij", 45f, Style, new FixedWidth()));
    }

    [Fact]
    public void A_line_limit_ends_in_an_ellipsis_within_the_width()
    {
        var lines = TextWrap.Lines("one two three four five six", 95f, Style, new FixedWidth(), maxLines: 2);
        Assert.Equal(2, lines.Count);
        Assert.EndsWith("\u2026", lines[1], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(l.Length * 10f <= 95f));
    }
}

public class FontTests
{
    [Fact]
    public void Missing_fonts_fail_with_a_clear_environment_error()
    {
        var ex = Assert.Throws<ReportEnvironmentException>(() => Layout.Skia.SkiaFonts.Load(["/nonexistent/fonts"]));
        Assert.Equal("DejaVu fonts not found: apt-get install fonts-dejavu-core", ex.Message);
    }

    [Fact]
    public void Glyph_advance_cache_measures_like_skia()
    {
        using var fonts = Layout.Skia.SkiaFonts.Load();
        var style = new TextStyle(7.5f, FontWeight.Bold, default);
        foreach (var text in new[] { "Київ Міська Рада", "Szijjártó", "Žilina 1,234,567", "" })
        {
            Assert.Equal(fonts.Font(style).MeasureText(text), fonts.Width(text, style), 2);
        }
    }
}

public class FontSubsetTests
{
    [Theory]
    [InlineData("ї")]
    [InlineData("Ž")]
    [InlineData("ó")]
    [InlineData("€")]
    [InlineData("…")]
    [InlineData("•")]
    public void The_embedded_font_keeps_the_outlines_reports_need(string text)
    {
        using var fonts = Layout.Skia.SkiaFonts.Load();
        using var font = new SkiaSharp.SKFont(fonts.Regular, 12f);
        var glyph = font.GetGlyphs(text)[0];
        Assert.NotEqual(0, glyph);
        using var path = font.GetGlyphPath(glyph);
        Assert.False(path.Bounds.IsEmpty);
    }

    [Fact]
    public void The_embedded_font_is_trimmed()
    {
        var pdf = Pdf.Render(ReportBuilder.Monthly(Samples.Ten(), 2024, 3));
        Assert.True(pdf.Length < 500_000, $"{pdf.Length} bytes");
    }
}
