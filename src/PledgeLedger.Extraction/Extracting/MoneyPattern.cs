using System.Text.RegularExpressions;
using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

/// <summary>A sum of money found in a sentence.</summary>
/// <remarks><see cref="Currency"/> is <see cref="MoneyPattern.Crowns"/> for crowns/kroner the text does not tie to a country, and
/// <see cref="BareDollar"/> marks a bare "$", which is the donor's own dollar for Australia, Canada and New Zealand.</remarks>
internal readonly record struct MoneyMention(int Start, int End, decimal Amount, string Currency, Qualifier Qualifier, bool HasScale, bool BareDollar = false);

/// <summary>
/// Sums as news writes them: "EUR 40 bn", "€100 billion", "$107 billion", "AUD20 mln", "£2.5bn",
/// "1.5 billion dollars", "half a billion euros", "CAD 500 million", "1,5 Mrd. Euro".
/// </summary>
internal static partial class MoneyPattern
{
    private const string Num = @"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?";
    private const string Scale = @"(?<scale>" + NumberWords.ScalePattern + @")(?![\p{L}\p{N}])";
    // Case-sensitive on purpose: under IgnoreCase "A$"/"C$" would make every "a" and "c" a place to try a match.
    private const string Symbol = @"(?<sym>(?-i:US\$|U\.S\.\s?\$|A\$|AU\$|C\$|CA\$|NZ\$|[A-Z]{3})|\$|€|£|¥|₴)";
    private const string CurrencyWord =
        @"(?<word>(?:US\s+|U\.S\.\s+|American\s+|Australian\s+|Canadian\s+|New\s+Zealand\s+)?dollars?|euros?|eur|usd|gbp|" +
        @"(?:British\s+)?pounds?(?:\s+sterling)?|(?:Swiss\s+)?francs?|yen|(?:Norwegian\s+|Danish\s+|Swedish\s+|Czech\s+|Icelandic\s+)?(?:crowns?|kroner|kronor|kronas?|krone|kronur)|" +
        @"zloty|zlotys|hryvnias?|hryvnia|rubles?|roubles?)";
    private const string Words = @"(?<wnum>half\s+a|a\s+half|a\s+quarter\s+of\s+a|a|one|" + NumberWords.WordPattern + ")";

    // The sums written with digits, matched only where a scan puts it (\G): every such sum holds a digit, so the scan
    // (see NextDigitSum) tries just the places right before a digit run, never every capital letter of a sentence.
    [GeneratedRegex(
        @"\G(?<![\p{L}\p{N}])(?:" +
        Symbol + @"\s?(?<num>" + Num + @")(?:\s?" + Scale + @")?(?:\s+(?:in\s+)?(?:dollars|euros))?" +
        "|(?<num>" + Num + @")(?:\s|-)?" + Scale + @"(?:\s+|-)(?:of\s+)?" + CurrencyWord +
        "|(?<num>" + Num + @")\s+" + CurrencyWord +
        @")(?![\p{L}\p{N}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DigitSumAt();

    /// <summary>The digit-sum pattern, for tests that hold the scan (<see cref="NextDigitSumIn"/>) to a try at every place.</summary>
    internal static Regex DigitSumPattern => DigitSumAt();

    /// <summary>Where the next sum written with digits starts at or after <paramref name="from"/> (-1: none).</summary>
    internal static int NextDigitSumIn(string s, int from) => NextDigitSum(s, from, System.Text.Ascii.IsValid(s));

    /// <summary>
    /// The furthest a sum's first character can sit before its first digit: the longest symbol ("U.S. $") and one
    /// space.
    /// </summary>
    private const int SymbolReach = 7;

    /// <summary>
    /// Where the next sum written with digits starts at or after <paramref name="from"/> (-1: none), the same place a
    /// scan of the whole pattern would find. A sum starts either at its first digit (a digit after no digit) or at a
    /// symbol at most <see cref="SymbolReach"/> characters before it: an ASCII capital ("EUR", "US$", "A$"; the letters
    /// are case-sensitive) or one of $ € £ ¥ ₴. Only those places are tried, in order, each with the anchored pattern.
    /// </summary>
    private static int NextDigitSum(ReadOnlySpan<char> s, int from, bool ascii)
    {
        var regex = DigitSumAt();
        var tried = from; // every place before this one has been tried (or lies before from)
        var at = from;
        while (true)
        {
            var d = NextDigitRun(s, at, ascii);
            if (d < 0) return -1;
            for (var p = Math.Max(tried, d - SymbolReach); p < d; p++)
            {
                if (IsSymbolStart(s[p]) && SymbolMayStart(s, p) && regex.IsMatch(s, p)) return p;
            }
            if (d >= tried && SumMayFollow(s, d) && regex.IsMatch(s, d)) return d;
            tried = d + 1;
            at = d + 1;
        }
    }

    // What a sum starting at its digits needs right after the number: a scale ("bn", "million") or a currency word.
    [GeneratedRegex(@"\G(?:" + Scale + "|" + CurrencyWord + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScaleOrCurrencyAt();

    /// <summary>
    /// False when no sum can start at the digit <paramref name="d"/> (without a symbol before it): the number
    /// (digits, and "," or "." between digits) must be followed, glued, after a hyphen or after spaces, by a scale or a
    /// currency word, as the pattern's two digit-first alternatives require. A year, a count or a date fails here
    /// cheaply, without the whole pattern.
    /// </summary>
    private static bool SumMayFollow(ReadOnlySpan<char> s, int d)
    {
        var r = d;
        while (r < s.Length && (char.IsDigit(s[r]) || (s[r] is '.' or ',' && r + 1 < s.Length && char.IsDigit(s[r + 1])))) r++;
        if (r >= s.Length) return false;
        var w = r;
        if (s[w] == '-') w++;
        else
        {
            while (w < s.Length && char.IsWhiteSpace(s[w])) w++;
        }
        return w < s.Length && ScaleOrCurrencyMayStart(s, w) && ScaleOrCurrencyAt().IsMatch(s, w);
    }

    private static bool IsSymbolStart(char c) => char.IsAsciiLetterUpper(c) || c is '$' or '€' or '£' or '¥' or '₴';

    /// <summary>
    /// False when no symbol can start at the capital <paramref name="p"/>, without the whole pattern: the sum's
    /// look-behind fails (an ASCII letter or digit before it), or it is neither three capitals ("EUR") nor a dollar
    /// form, whose "$" stands one to five characters on ("A$", "US$", "U.S. $"). A signed symbol ("$", "€") is always tried.
    /// </summary>
    private static bool SymbolMayStart(ReadOnlySpan<char> s, int p)
    {
        if (!char.IsAsciiLetterUpper(s[p])) return true;
        if (p > 0 && char.IsAsciiLetterOrDigit(s[p - 1])) return false;
        if (p + 2 < s.Length && char.IsAsciiLetterUpper(s[p + 1]) && char.IsAsciiLetterUpper(s[p + 2])) return true;
        var end = Math.Min(s.Length, p + 6);
        return p + 1 < end && s[(p + 1)..end].Contains('$');
    }

    // The two-letter starts (case folded) of the words a scale or currency word can begin with, and the single letters
    // that are a scale on their own ("5b", "$5 m"); see ScaleOrCurrencyMayStart.
    private static readonly bool[] ScaleOrCurrencyStarts = BuildScaleOrCurrencyStarts();

    private static bool[] BuildScaleOrCurrencyStarts()
    {
        var t = new bool[26 * 26];
        // trillion billion million/milllion/milion/milliard(en)/mio billon bilion thousand bln mln trn bn mn tn mrd;
        // US/U.S. American Australian Canadian New Zealand dollars euros eur usd gbp British pounds Swiss francs yen
        // Norwegian Danish Swedish Czech Icelandic crowns kroner/kronor/kronas/krone/kronur zloty hryvnias rubles roubles.
        foreach (var p in new[]
        {
            "tr", "bi", "mi", "th", "bl", "ml", "bn", "mn", "tn", "mr", "us", "am", "au", "ca", "ne", "do", "eu", "gb", "br", "po", "sw", "fr", "ye",
            "no", "da", "cz", "ic", "cr", "kr", "zl", "hr", "ru", "ro",
        })
        {
            t[(p[0] - 'a') * 26 + (p[1] - 'a')] = true;
        }
        return t;
    }

    /// <summary>
    /// False when neither a scale nor a currency word can start at <paramref name="w"/> (see <see cref="ScaleOrCurrencyAt"/>):
    /// its first two letters start none of them, and it is not a one-letter scale ("b", "m", "k") or "U." (of "U.S.").
    /// Characters outside ASCII are left to the pattern.
    /// </summary>
    private static bool ScaleOrCurrencyMayStart(ReadOnlySpan<char> s, int w)
    {
        var a = s[w];
        if (a >= 128) return true;
        if (!char.IsAsciiLetter(a)) return false;
        if (w + 1 >= s.Length) return (a | 0x20) is 'b' or 'm' or 'k';
        var b = s[w + 1];
        if (b >= 128) return true;
        if (!char.IsAsciiLetter(b)) return (a | 0x20) is 'b' or 'm' or 'k' || ((a | 0x20) == 'u' && b == '.');
        return ScaleOrCurrencyStarts[((a | 0x20) - 'a') * 26 + ((b | 0x20) - 'a')];
    }

    /// <summary>The first digit (as the pattern's \d: any decimal digit) at or after <paramref name="from"/> that follows no digit.</summary>
    private static int NextDigitRun(ReadOnlySpan<char> s, int from, bool ascii)
    {
        var i = from;
        while (i < s.Length)
        {
            if (ascii)
            {
                var rel = s[i..].IndexOfAnyInRange('0', '9');
                if (rel < 0) return -1;
                i += rel;
            }
            else if (!char.IsDigit(s[i]))
            {
                i++;
                continue;
            }
            if (i == 0 || !char.IsDigit(s[i - 1])) return i;
            i++;
        }
        return -1;
    }

    // Sums in words ("half a billion euros") start with a letter, which would make the main pattern try every word;
    // they need a scale word, so they are looked for only in sentences that have one.
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])" + Words + @"\s?" + Scale + @"\s+(?:of\s+)?" + CurrencyWord + @"(?![\p{L}\p{N}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WordsRegex();

    // Qualifiers as the words right before a sum; checked as suffixes (no regex) because every sum needs one.
    private static readonly (string Words, Qualifier Q)[] QualifierWords =
    [
        ("more than", Qualifier.AtLeast), ("over", Qualifier.AtLeast), ("at least", Qualifier.AtLeast), ("in excess of", Qualifier.AtLeast),
        ("upwards of", Qualifier.AtLeast), ("exceeding", Qualifier.AtLeast), ("no less than", Qualifier.AtLeast), ("not less than", Qualifier.AtLeast),
        ("up to", Qualifier.UpTo), ("as much as", Qualifier.UpTo), ("a maximum of", Qualifier.UpTo), ("maximum of", Qualifier.UpTo),
        ("not more than", Qualifier.UpTo), ("no more than", Qualifier.UpTo),
        ("about", Qualifier.About), ("around", Qualifier.About), ("some", Qualifier.About), ("nearly", Qualifier.About), ("almost", Qualifier.About),
        ("approximately", Qualifier.About), ("approx.", Qualifier.About), ("roughly", Qualifier.About), ("an estimated", Qualifier.About),
        ("estimated", Qualifier.About), ("~", Qualifier.About), ("circa", Qualifier.About), ("close to", Qualifier.About),
    ];

    private static readonly bool[] QualifierLastChars = BuildQualifierLastChars();

    private static bool[] BuildQualifierLastChars()
    {
        var t = new bool[128];
        foreach (var (words, _) in QualifierWords)
        {
            var c = words[^1];
            t[char.ToLowerInvariant(c)] = true;
            t[char.ToUpperInvariant(c)] = true;
        }
        return t;
    }

    private static Qualifier QualifierBefore(ReadOnlySpan<char> before)
    {
        before = before.TrimEnd();
        if (before.EndsWith("a total of", StringComparison.OrdinalIgnoreCase)) before = before[..^10].TrimEnd();
        else if (before.EndsWith("total of", StringComparison.OrdinalIgnoreCase)) before = before[..^8].TrimEnd();
        // Most sums follow no qualifier: a last character that ends none of them (case ignored) settles it.
        if (before.Length == 0 || (before[^1] < 128 && !QualifierLastChars[before[^1]])) return Qualifier.Exact;
        foreach (var (words, q) in QualifierWords)
        {
            if (!before.EndsWith(words, StringComparison.OrdinalIgnoreCase)) continue;
            var at = before.Length - words.Length;
            if (at == 0 || !char.IsLetterOrDigit(before[at - 1]) || words == "~") return q;
        }
        return Qualifier.Exact;
    }

    /// <summary>A cheap, allocation-free test: can the sentence hold a sum at all?</summary>
    public static bool MayHold(ReadOnlySpan<char> sentence) => MayHold(sentence, out _);

    /// <summary>
    /// As <see cref="MayHold(ReadOnlySpan{char})"/>, and where the digits pattern first matches (-1: nowhere), so that
    /// <see cref="Find(string, List{MoneyMention}, int)"/> does not scan the words before it a second time.
    /// </summary>
    public static bool MayHold(ReadOnlySpan<char> sentence, out int firstDigitSum)
    {
        firstDigitSum = -1;
        if (sentence.IndexOfAnyInRange('0', '9') >= 0)
        {
            firstDigitSum = NextDigitSum(sentence, 0, System.Text.Ascii.IsValid(sentence));
            if (firstDigitSum >= 0) return true;
        }
        return sentence.IndexOfAny(ScaleWords) >= 0;
    }

    private static readonly System.Buffers.SearchValues<string> ScaleWords =
        System.Buffers.SearchValues.Create(["illion", "milliard"], StringComparison.OrdinalIgnoreCase);

    /// <summary>The currency of crowns/kroner whose country the words leave open; the donor decides (<see cref="CrownsOf"/>).</summary>
    public const string Crowns = "?KR";

    /// <summary>Crowns by the donor's country: Swedish, Norwegian, Danish, Czech or Icelandic; Danish kroner when the donor has none.</summary>
    public static string CrownsOf(string donorCode, bool kroner) => donorCode switch
    {
        "SE" => "SEK",
        "NO" => "NOK",
        "DK" => "DKK",
        "CZ" => "CZK",
        "IS" => "ISK",
        _ => kroner ? "DKK" : "SEK",
    };

    /// <summary>A bare "$" is the donor's own dollar for Australia, Canada and New Zealand, else the US dollar.</summary>
    public static string DollarOf(string donorCode) => donorCode switch
    {
        "AU" => "AUD",
        "CA" => "CAD",
        "NZ" => "NZD",
        _ => "USD",
    };

    public static void Find(string sentence, List<MoneyMention> into)
    {
        MayHold(sentence, out var firstDigitSum);
        Find(sentence, into, firstDigitSum);
    }

    /// <summary>
    /// The sums of the sentence, given where the digits pattern first matches (from <see cref="MayHold(ReadOnlySpan{char}, out int)"/>;
    /// -1: nowhere). The scan starts there: the pattern looks behind its start, so the matches are those of a scan from 0.
    /// </summary>
    public static void Find(string sentence, List<MoneyMention> into, int firstDigitSum)
    {
        if (firstDigitSum >= 0) CollectDigitSums(sentence, into, firstDigitSum);
        if (HasWordedScale(sentence))
        {
            var before = into.Count;
            Collect(WordsRegex(), sentence, into, 0);
            if (into.Count != before) into.Sort((a, b) => a.Start.CompareTo(b.Start));
        }
    }

    /// <summary>
    /// True when some "million"/"billion" follows a word rather than digits ("half a billion", "one million"): only then
    /// is the slower words pattern worth running ("EUR 250 million" is the digit pattern's).
    /// </summary>
    private static bool HasWordedScale(string s)
    {
        var from = 0;
        while (true)
        {
            var rel = s.AsSpan(from).IndexOfAny(ScaleWords);
            if (rel < 0) return false;
            var at = from + rel;
            var i = at;
            while (i > 0 && char.IsLetter(s[i - 1])) i--; // back over "m"/"b"/"tr"/"mi"
            while (i > 0 && char.IsWhiteSpace(s[i - 1])) i--;
            if (i == 0 || char.IsLetter(s[i - 1])) return true;
            from = at + 6;
            if (from >= s.Length) return false;
        }
    }

    private static void Collect(Regex regex, string sentence, List<MoneyMention> into, int from)
    {
        foreach (Match m in regex.Matches(sentence, from)) Add(sentence, m, into, WordGroups);
    }

    /// <summary>The numbers of a pattern's named groups (a missing one is -1: its group never succeeds), looked up once
    /// instead of by name for every sum.</summary>
    private sealed record GroupNumbers(int Sym, int Scale, int Word, int Num, int Wnum)
    {
        public static GroupNumbers Of(Regex r) =>
            new(r.GroupNumberFromName("sym"), r.GroupNumberFromName("scale"), r.GroupNumberFromName("word"), r.GroupNumberFromName("num"), r.GroupNumberFromName("wnum"));
    }

    private static readonly GroupNumbers DigitGroups = GroupNumbers.Of(DigitSumAt());
    private static readonly GroupNumbers WordGroups = GroupNumbers.Of(WordsRegex());

    /// <summary>The digit sums from <paramref name="first"/> (where one starts) on, as a scan from there finds them.</summary>
    private static void CollectDigitSums(string sentence, List<MoneyMention> into, int first)
    {
        var ascii = System.Text.Ascii.IsValid(sentence);
        var at = first;
        while (at >= 0)
        {
            var m = DigitSumAt().Match(sentence, at);
            if (!m.Success) return; // NextDigitSum found it there: cannot happen
            Add(sentence, m, into, DigitGroups);
            // A match is never empty; the next sum starts at or after its end.
            at = NextDigitSum(sentence, m.Index + m.Length, ascii);
        }
    }

    private static void Add(string sentence, Match m, List<MoneyMention> into, GroupNumbers g)
    {
        if (TryRead(m, g, out var amount, out var currency, out var hasScale))
        {
            var qualifier = QualifierBefore(sentence.AsSpan(Math.Max(0, m.Index - 40), Math.Min(40, m.Index)));
            var sym = m.Groups[g.Sym];
            into.Add(new MoneyMention(m.Index, m.Index + m.Length, amount, currency, qualifier, hasScale, sym.Success && sym.Value == "$"));
        }
    }

    private static bool TryRead(Match m, GroupNumbers g, out decimal amount, out string currency, out bool hasScale)
    {
        amount = 0;
        currency = "";
        var scaleGroup = m.Groups[g.Scale];
        hasScale = scaleGroup.Success;
        var sym = m.Groups[g.Sym];
        var word = m.Groups[g.Word];
        if (sym.Success) currency = CurrencyOfSymbol(sym.Value);
        else if (word.Success) currency = CurrencyOfWord(word.Value);
        if (!Currencies.IsKnown(currency) && currency != Crowns) return false;

        decimal n;
        var num = m.Groups[g.Num];
        if (num.Success)
        {
            if (!NumberWords.TryParseDigits(num.Value, out n)) return false;
        }
        else if (!NumberWords.TryParse(m.Groups[g.Wnum].Value, out n)) return false;

        var scale = hasScale ? scaleGroup.Value : "";
        // A bare "m"/"b"/"k" after a space is too weak ("$5 m" is fine, "EUR 5 b." is rare); keep them only glued or after a symbol.
        var factor = hasScale ? NumberWords.ScaleOf(scale) : 1m;
        try
        {
            amount = n * factor;
        }
        catch (OverflowException)
        {
            return false;
        }
        amount = decimal.Round(amount, 2);
        // Without a scale word only large written-out sums are aid ("$500,000"); "$100" is a price.
        if (!hasScale && amount < 100_000m) return false;
        if (!PledgeRules.IsAmount(amount)) return false;
        // A year after a currency code is a date, not a sum ("EUR 2024" does not happen; "UAH 2024" neither).
        return true;
    }

    private static string CurrencyOfSymbol(string s)
    {
        s = s.Replace(" ", "");
        return s switch
        {
            "$" or "US$" or "U.S.$" => "USD",
            "€" => "EUR",
            "£" => "GBP",
            "¥" => "JPY",
            "₴" => "UAH",
            "A$" or "AU$" => "AUD",
            "C$" or "CA$" => "CAD",
            "NZ$" => "NZD",
            "SDR" => "XDR",
            _ => s.ToUpperInvariant(),
        };
    }

    private static string CurrencyOfWord(string w)
    {
        var s = w.ToLowerInvariant();
        if (s.StartsWith("australian", StringComparison.Ordinal)) return "AUD";
        if (s.StartsWith("canadian", StringComparison.Ordinal)) return "CAD";
        if (s.StartsWith("new zealand", StringComparison.Ordinal)) return "NZD";
        if (s.Contains("dollar", StringComparison.Ordinal) || s == "usd") return "USD";
        if (s.StartsWith("euro", StringComparison.Ordinal) || s == "eur") return "EUR";
        if (s.Contains("pound", StringComparison.Ordinal) || s == "gbp") return "GBP";
        if (s.Contains("franc", StringComparison.Ordinal)) return "CHF";
        if (s == "yen") return "JPY";
        if (s.Contains("danish", StringComparison.Ordinal)) return "DKK";
        if (s.Contains("norwegian", StringComparison.Ordinal)) return "NOK";
        if (s.Contains("swedish", StringComparison.Ordinal) || s.StartsWith("kronor", StringComparison.Ordinal) || s.StartsWith("krona", StringComparison.Ordinal)) return "SEK";
        if (s.Contains("czech", StringComparison.Ordinal)) return "CZK";
        if (s.Contains("icelandic", StringComparison.Ordinal) || s == "kronur") return "ISK";
        if (s.StartsWith("kron", StringComparison.Ordinal) || s.StartsWith("crown", StringComparison.Ordinal)) return Crowns;
        if (s.StartsWith("zlot", StringComparison.Ordinal)) return "PLN";
        if (s.StartsWith("hryvni", StringComparison.Ordinal)) return "UAH";
        if (s.StartsWith("rub", StringComparison.Ordinal) || s.StartsWith("roub", StringComparison.Ordinal)) return "RUB";
        return "";
    }
}
