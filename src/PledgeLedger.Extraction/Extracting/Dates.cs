using System.Globalization;
using System.Text.RegularExpressions;
using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

/// <summary>Finds calendar dates the way news pages print them. Only full dates (day, month and year) count.</summary>
internal static partial class Dates
{
    private static readonly string[] MonthNames =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    // "2024-06-12", "12.06.2024", "3 April 2024", "April 3, 2024", "Apr. 3 2024".
    [GeneratedRegex(
        @"(?<![\d.])(?:(?<y>(?:19|20)\d\d)-(?<m>0?[1-9]|1[0-2])-(?<d>0?[1-9]|[12]\d|3[01])(?!\d)" +
        @"|(?<d>0?[1-9]|[12]\d|3[01])\.(?<m>0?[1-9]|1[0-2])\.(?<y>(?:19|20)\d\d)(?!\d)" +
        @"|(?<d>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?<mn>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+(?<y>(?:19|20)\d\d)(?!\d)" +
        @"|(?<mn>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?<d>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)\d\d)(?!\d))",
        RegexOptions.CultureInvariant)]
    internal static partial Regex DateRegex();

    // A line that is only a time stamp and/or a date: "20:40 31.05.2024", "31.05.2024 20:40", "2024-05-31".
    [GeneratedRegex(@"^\s*(?:\d{1,2}:\d\d\s*)?(?<date>\S+(?:\s+\S+){0,2}?)\s*(?:\d{1,2}:\d\d)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex StampLineRegex();

    // " date 2024-06-12 Facts": a page dateline.
    [GeneratedRegex(@"^\s*(?:date|dated|published|posted|updated)\s*:?\s+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DatelinePrefixRegex();

    /// <summary>Whether the text holds a four-digit year 19xx or 20xx: every full date does, most lines do not.</summary>
    public static bool HasYear(ReadOnlySpan<char> s)
    {
        for (var i = 0; i + 3 < s.Length; i++)
        {
            // Jump to the next "1" or "2" that leaves room for four digits.
            var rel = s[i..(s.Length - 3)].IndexOfAny('1', '2');
            if (rel < 0) return false;
            i += rel;
            if (((s[i] == '2' && s[i + 1] == '0') || (s[i] == '1' && s[i + 1] == '9')) && char.IsAsciiDigit(s[i + 2]) && char.IsAsciiDigit(s[i + 3])
                && (i == 0 || !char.IsAsciiDigit(s[i - 1])) && (i + 4 == s.Length || !char.IsAsciiDigit(s[i + 4])))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The first full date in <paramref name="text"/>, with where it starts and ends.</summary>
    public static bool TryFind(ReadOnlySpan<char> text, out DateOnly date, out int start, out int length)
    {
        date = default;
        start = length = 0;
        if (!HasYear(text)) return false;
        foreach (var m in DateRegex().EnumerateMatches(text))
        {
            if (TryParseMatch(text.Slice(m.Index, m.Length), out date))
            {
                start = m.Index;
                length = m.Length;
                return true;
            }
        }
        return false;
    }

    public static DateOnly? Find(string text) => TryFind(text, out var d, out _, out _) ? d : null;

    /// <summary>
    /// The date a match of <see cref="DateRegex"/> names, read from its text by hand (the match fixes its shape: a
    /// four-digit year first and "-" for ISO, else the day or the month name first; the year always ends it, except in
    /// ISO). No second regex run and no allocation; <see cref="TryParseMatchPlain"/> is the regex reading it replaces,
    /// kept for the test that holds the two to the same answers.
    /// </summary>
    internal static bool TryParseMatch(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        int y, month, d;
        var k = LeadingDigits(s, 0);
        if (k == 4 && k < s.Length && s[k] == '-')
        {
            // ISO: y-m-d.
            y = Number(s[..4]);
            var mEnd = LeadingDigits(s, 5) + 5;
            month = Number(s[5..mEnd]);
            var dEnd = LeadingDigits(s, mEnd + 1) + mEnd + 1;
            d = Number(s[(mEnd + 1)..dEnd]);
        }
        else
        {
            if (s.Length < 4) return false;
            y = Number(s[^4..]);
            if (k > 0 && k < s.Length && s[k] == '.')
            {
                // d.m.y
                d = Number(s[..k]);
                month = Number(s[(k + 1)..(LeadingDigits(s, k + 1) + k + 1)]);
            }
            else if (k > 0)
            {
                // "3rd April 2024": the day, an ordinal suffix of two letters or none, space, the month's name.
                d = Number(s[..k]);
                var i = k;
                if (i < s.Length && char.IsAsciiLetter(s[i])) i += 2;
                while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
                month = MonthOf(s[i..]);
            }
            else
            {
                // "April 3, 2024": the month's name, letters, maybe a dot, space, the day.
                month = MonthOf(s);
                var i = 0;
                while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
                if (i < s.Length && s[i] == '.') i++;
                while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
                d = Number(s[i..(LeadingDigits(s, i) + i)]);
            }
        }
        if (month < 1 || y < 1 || d < 1 || d > DateTime.DaysInMonth(y, month)) return false;
        date = new DateOnly(y, month, d);
        return PledgeRules.IsDate(date);
    }

    private static int LeadingDigits(ReadOnlySpan<char> s, int from)
    {
        var i = from;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        return i - from;
    }

    /// <summary>A run of ASCII digits as a number; -1 when empty or too long to be a date's part.</summary>
    private static int Number(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty || digits.Length > 4) return -1;
        var n = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c)) return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /// <summary>The month a name starts with (its first three letters, any case: "Sept" is September); 0 when none.</summary>
    private static int MonthOf(ReadOnlySpan<char> name)
    {
        if (name.Length < 3) return 0;
        Span<char> three = stackalloc char[3];
        name[..3].ToLowerInvariant(three);
        for (var i = 0; i < MonthNames.Length; i++)
        {
            if (three.SequenceEqual(MonthNames[i])) return i + 1;
        }
        return 0;
    }

    /// <summary>The reading of a match by the regex itself (the former way; tests hold <see cref="TryParseMatch"/> to it).</summary>
    internal static bool TryParseMatchPlain(string s, out DateOnly date)
    {
        date = default;
        var m = DateRegex().Match(s);
        if (!m.Success) return false;
        var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var d = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        int month;
        if (m.Groups["m"].Success) month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        else month = Array.IndexOf(MonthNames, m.Groups["mn"].Value[..3].ToLowerInvariant()) + 1;
        if (month < 1 || d > DateTime.DaysInMonth(y, month)) return false;
        date = new DateOnly(y, month, d);
        return PledgeRules.IsDate(date);
    }

    /// <summary>A line holding nothing but a date and maybe a clock time: a headline's own time stamp.</summary>
    public static bool TryParseStampLine(string line, out DateOnly date) => TryParseStampLine(line.AsSpan(), out date);

    /// <summary>As <see cref="TryParseStampLine(string, out DateOnly)"/>, for a line in a larger text.</summary>
    public static bool TryParseStampLine(ReadOnlySpan<char> line, out DateOnly date)
    {
        date = default;
        if (line.Length > 40 || !StampLineRegex().IsMatch(line)) return false;
        return TryFind(line, out date, out var start, out var length) && IsStampAround(line, start, length);
    }

    /// <summary>
    /// Whether a line matching <see cref="StampLineRegex"/> holds nothing but its first full date (at
    /// <paramref name="start"/>) and maybe a clock time.
    /// </summary>
    private static bool IsStampAround(ReadOnlySpan<char> line, int start, int length)
    {
        // Everything besides the date must be a clock time or blank: blank on both sides, or a clock on one side and
        // blank on the other (words on both sides would leave a space between them, which no clock holds).
        var before = line[..start];
        var after = line[(start + length)..];
        var beforeBlank = before.IsWhiteSpace();
        var afterBlank = after.IsWhiteSpace();
        if (beforeBlank && afterBlank) return true;
        if (!beforeBlank && !afterBlank) return false;
        return IsClock(beforeBlank ? after.Trim() : before.Trim());
    }

    private static bool IsClock(ReadOnlySpan<char> s)
    {
        if (s.Length is < 4 or > 5) return false;
        var colon = s.IndexOf(':');
        if (colon is not (1 or 2) || s.Length - colon != 3) return false;
        foreach (var c in s)
        {
            if (c != ':' && !char.IsAsciiDigit(c)) return false;
        }
        return true;
    }

    /// <summary>
    /// The page's own date: a "date 2024-06-12" line, a time-stamp line, or a full date within the first few
    /// non-empty lines (a press release's "(3 April 2024)"). Dates deeper in the body are events, not the page date.
    /// </summary>
    public static DateOnly? FindDateline(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // The reader and then the extractor ask of the same text: answer the second time from the first.
        if (ReferenceEquals(text, _datelineOf)) return _dateline;
        var found = FindDatelineUncached(text);
        if (text.Length <= DatelineCacheMaxChars)
        {
            _datelineOf = text;
            _dateline = found;
        }
        return found;
    }

    // One entry per thread, for texts up to this size (a larger text is not kept alive by the cache).
    private const int DatelineCacheMaxChars = 1 << 20;

    [ThreadStatic]
    private static string? _datelineOf;

    [ThreadStatic]
    private static DateOnly? _dateline;

    private static DateOnly? FindDatelineUncached(string text)
    {
        var seen = 0;
        var pos = 0;
        while (pos < text.Length && seen < 5 && pos < 4000)
        {
            var nl = text.IndexOf('\n', pos);
            var end = nl < 0 ? text.Length : nl;
            var line = text.AsSpan(pos, Math.Min(end - pos, 600)).Trim();
            pos = end + 1;
            if (line.IsEmpty) continue;
            seen++;
            if (line.IndexOfAnyInRange('0', '9') < 0) continue;
            if (!TryFind(line, out var d, out var at, out var length)) continue;
            // The page's date sits where datelines sit: a "date ..." line, a time-stamp line, the start of a line,
            // in brackets ("Wednesday (3 April 2024)"), or after a place ("KYIV, June 12, 2024 -"). A date inside a
            // sentence ("On 24 February 2022 Russia invaded") is an event, not the page date. (The cheap tests first;
            // the stamp test reuses the date just found, which is the one it would find again.)
            if (at <= 1) return d;
            var before = line[..at].TrimEnd();
            if (before.EndsWith("(") || (at <= 60 && before.Length > 0 && before[^1] is ',' or '-' or '–' or '—' or ':' or '|')) return d;
            if (DatelinePrefixRegex().IsMatch(line) || (line.Length <= 40 && StampLineRegex().IsMatch(line) && IsStampAround(line, at, length))) return d;
        }
        return null;
    }

    /// <summary>Parses a feed date: RFC 822 (RSS pubDate) or ISO 8601 (Atom).</summary>
    public static DateOnly? ParseFeedDate(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        s = s.Trim();
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dto))
            return DateOnly.FromDateTime(dto.UtcDateTime);
        // RFC 822 with a zone name DateTimeOffset does not know ("GMT" works, "EST" does not): drop the zone.
        var parts = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 5 && DateTime.TryParse(string.Join(' ', parts[..5]), CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dt))
            return DateOnly.FromDateTime(dt);
        return Find(s);
    }
}
