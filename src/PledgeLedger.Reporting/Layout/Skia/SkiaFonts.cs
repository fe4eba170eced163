using SkiaSharp;

namespace PledgeLedger.Reporting.Layout.Skia;

/// <summary>
/// DejaVu Sans regular and bold, loaded from files so the PDF embeds exactly these (Cyrillic and accented
/// Latin included). Measuring and drawing use the same SKFont objects.
/// </summary>
public sealed class SkiaFonts : ITextMeasurer, IDisposable
{
    public const string FamilyName = "DejaVu Sans";

    private static readonly string[] Directories =
    [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/TTF",
        "/usr/local/share/fonts/dejavu",
    ];

    // Typefaces live for the process: ScottPlot caches the ones it is given, and one instance per file means
    // the PDF embeds each font once, whether text or chart draws with it.
    private static readonly Dictionary<string, SKTypeface> Typefaces = new(StringComparer.Ordinal);
    private static readonly Lock TypefaceLock = new();

    // Scripts the embedded (trimmed) fonts keep: Latin, IPA, combining marks, Greek, Cyrillic, Armenian, Georgian,
    // punctuation, currency, letterlike, arrows, maths, box and shapes.
    private static readonly string KeptCharacters = string.Concat(
        new (int From, int To)[]
        {
            (0x0020, 0x024F), (0x0250, 0x02FF), (0x0300, 0x036F), (0x0370, 0x03FF), (0x0400, 0x052F), (0x0530, 0x058F),
            (0x10A0, 0x10FF), (0x1E00, 0x1EFF), (0x1F00, 0x1FFF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x218F),
            (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2500, 0x25FF), (0xFB00, 0xFB06), (0xFFFD, 0xFFFD),
        }.SelectMany(r => Enumerable.Range(r.From, r.To - r.From + 1)).Select(c => (char)c));

    private const int AdvanceCacheSize = 0x0800; // Latin, Greek, Cyrillic

    private readonly Dictionary<(float, FontWeight), SKFont> _fonts = [];
    private readonly Dictionary<(float, FontWeight), float[]> _advances = [];

    private SkiaFonts(string regularPath, string boldPath)
    {
        RegularPath = regularPath;
        BoldPath = boldPath;
        Regular = Typeface(regularPath);
        Bold = Typeface(boldPath);
    }

    private static SKTypeface Typeface(string path)
    {
        lock (TypefaceLock)
        {
            if (!Typefaces.TryGetValue(path, out var typeface))
            {
                typeface = Subsetted(path);
                Typefaces[path] = typeface;
            }
            return typeface;
        }
    }

    /// <summary>
    /// The font trimmed to the scripts reports use (Latin, Greek, Cyrillic, Armenian, Georgian, punctuation,
    /// currency and common symbols), so a PDF embeds ~0.1 MB per face instead of 0.75 MB; the whole font when
    /// trimming fails.
    /// </summary>
    private static SKTypeface Subsetted(string path)
    {
        var full = SKTypeface.FromFile(path) ?? throw new ReportEnvironmentException($"cannot load font {path}");
        try
        {
            using var font = new SKFont(full);
            var glyphs = font.GetGlyphs(KeptCharacters).Where(g => g != 0).Distinct().ToList();
            var subset = FontSubset.Subset(File.ReadAllBytes(path), glyphs);
            using var data = SKData.CreateCopy(subset);
            var trimmed = SKTypeface.FromData(data);
            if (trimmed is null) return full;
            full.Dispose();
            return trimmed;
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or IOException)
        {
            return full;
        }
    }


    public string RegularPath { get; }
    public string BoldPath { get; }
    public SKTypeface Regular { get; }
    public SKTypeface Bold { get; }

    /// <summary>Loads the fonts, or throws <see cref="ReportEnvironmentException"/> when they are not installed.</summary>
    public static SkiaFonts Load()
    {
        var dirs = Environment.GetEnvironmentVariable("PLEDGE_FONT_DIR") is { Length: > 0 } env ? [env, .. Directories] : Directories;
        return Load(dirs);
    }

    /// <summary>Looks for DejaVuSans.ttf and DejaVuSans-Bold.ttf in the given directories, in order.</summary>
    internal static SkiaFonts Load(IEnumerable<string> dirs)
    {
        foreach (var dir in dirs)
        {
            var regular = Path.Combine(dir, "DejaVuSans.ttf");
            var bold = Path.Combine(dir, "DejaVuSans-Bold.ttf");
            if (File.Exists(regular) && File.Exists(bold)) return new SkiaFonts(regular, bold);
        }
        throw new ReportEnvironmentException("DejaVu fonts not found: apt-get install fonts-dejavu-core");
    }

    public SKFont Font(TextStyle style)
    {
        var key = (style.Size, style.Weight);
        if (!_fonts.TryGetValue(key, out var font))
        {
            font = new SKFont(style.Weight == FontWeight.Bold ? Bold : Regular, style.Size) { Subpixel = true, LinearMetrics = true };
            _fonts[key] = font;
        }
        return font;
    }

    /// <summary>
    /// Sum of glyph advances, cached per character and style: the layout measures every cell twice (measuring
    /// and drawing pass), and with linear metrics the sum equals SKFont.MeasureText for the text we draw.
    /// </summary>
    public float Width(string text, TextStyle style)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(style);
        var key = (style.Size, style.Weight);
        if (!_advances.TryGetValue(key, out var advances))
        {
            advances = new float[AdvanceCacheSize];
            Array.Fill(advances, float.NaN);
            _advances[key] = advances;
        }
        var width = 0f;
        foreach (var c in text)
        {
            if (c >= AdvanceCacheSize || char.IsSurrogate(c)) return Font(style).MeasureText(text);
            var a = advances[c];
            if (float.IsNaN(a))
            {
                a = Font(style).MeasureText(c.ToString());
                advances[c] = a;
            }
            width += a;
        }
        return width;
    }

    public void Dispose()
    {
        foreach (var f in _fonts.Values) f.Dispose();
    }
}
