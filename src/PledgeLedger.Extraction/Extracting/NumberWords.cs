using System.Globalization;

namespace PledgeLedger.Extraction;

/// <summary>Numbers as news writes them: "30", "1,500", "1,5" (decimal comma), "thirty", "twenty-five", "one million", "half a".</summary>
internal static class NumberWords
{
    private static readonly char[] Separators = [' ', '-', '\u00a0', '\t', '\n'];

    private static readonly Dictionary<string, decimal> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = 1,
        ["an"] = 1,
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["sixty"] = 60,
        ["seventy"] = 70,
        ["eighty"] = 80,
        ["ninety"] = 90,
        ["dozen"] = 12,
        ["half"] = 0.5m,
        ["quarter"] = 0.25m,
    };

    private static readonly Dictionary<string, decimal> Scales = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hundred"] = 100m,
        ["thousand"] = 1_000m,
        ["k"] = 1_000m,
        ["million"] = 1_000_000m,
        ["mln"] = 1_000_000m,
        ["mn"] = 1_000_000m,
        ["m"] = 1_000_000m,
        ["mio"] = 1_000_000m,
        ["mio."] = 1_000_000m,
        ["billion"] = 1_000_000_000m,
        ["bln"] = 1_000_000_000m,
        ["bn"] = 1_000_000_000m,
        ["b"] = 1_000_000_000m,
        ["mrd"] = 1_000_000_000m,
        ["mrd."] = 1_000_000_000m,
        ["milliard"] = 1_000_000_000m,
        ["milliarden"] = 1_000_000_000m,
        ["trillion"] = 1_000_000_000_000m,
        ["tn"] = 1_000_000_000_000m,
        ["trn"] = 1_000_000_000_000m,
        // Typos that real copy prints ("$25 milllion", "EUR 2 billon"): the intended scale is plain.
        ["milllion"] = 1_000_000m,
        ["milion"] = 1_000_000m,
        ["billon"] = 1_000_000_000m,
        ["bilion"] = 1_000_000_000m,
    };

    /// <summary>The regex alternation of number words (longest first so "seventeen" wins over "seven").</summary>
    public const string WordPattern =
        "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s-](?:one|two|three|four|five|six|seven|eight|nine))?" +
        "|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|eleven|twelve|one|two|three|four|five|six|seven|eight|nine|ten";

    public const string ScalePattern =
        "trillion|billion|million|milllion|milion|billon|bilion|thousand|milliarden|milliard|bln|mln|trn|bn|mn|tn|mrd\\.?|mio\\.?|b|m|k";

    public static decimal ScaleOf(string scale) => Scales.TryGetValue(scale.Trim(), out var f) ? f : 1m;

    /// <summary>Parses digits with thousands commas or a decimal comma/point.</summary>
    public static bool TryParseDigits(string s, out decimal value)
    {
        s = s.Trim();
        var commas = s.Count(c => c == ',');
        var dots = s.Count(c => c == '.');
        if (commas > 0)
        {
            var groups = s.Split('.')[0].Split(',');
            var grouped = groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
            if (grouped) s = s.Replace(",", "");
            else if (commas == 1 && dots == 0) s = s.Replace(',', '.'); // "1,5 Mrd." is German for 1.5
            else
            {
                value = 0;
                return false;
            }
        }
        else if (dots > 1 || (dots == 1 && IsDottedThousands(s)))
        {
            s = s.Replace(".", ""); // "1.500.000" German thousands
        }
        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsDottedThousands(string s)
    {
        var parts = s.Split('.');
        return parts.Length > 2 && parts.Skip(1).All(p => p.Length == 3);
    }

    /// <summary>Parses a number written in words or digits, optionally with a scale: "one million", "1.5 million", "half a", "thirty".</summary>
    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        var allDigits = text.Length > 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not ',' and not '.') allDigits = false;
        }
        if (allDigits) return TryParseDigits(text, out value) && value > 0;
        var tokens = text.Trim().ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0) return false;
        decimal current = 0;
        var any = false;
        foreach (var t in tokens)
        {
            if (t is "and" or "of") continue;
            if (char.IsAsciiDigit(t[0]))
            {
                if (!TryParseDigits(t, out var d)) return false;
                current += d;
                any = true;
            }
            else if (Words.TryGetValue(t, out var w))
            {
                if (t is "half" or "quarter") { current = current == 0 ? w : current + w; }
                else if (t is "a" or "an" && current is 0.5m or 0.25m) { /* "half a" */ }
                else current += w;
                any = true;
            }
            else if (Scales.TryGetValue(t, out var f))
            {
                current = (current == 0 ? 1 : current) * f;
                any = true;
            }
            else return false;
        }
        value = current;
        return any && value > 0;
    }
}
