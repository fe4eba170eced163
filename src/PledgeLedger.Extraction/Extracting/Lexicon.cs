using System.Text;
using System.Text.RegularExpressions;
using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

/// <summary>
/// The catalog-driven lookups, built once per extractor: one alternation regex for donors (names, aliases,
/// adjectives, well-known officials) and one for equipment systems (every alias, longest first).
/// </summary>
internal sealed partial class Lexicon
{
    // Officials whose name stands for their state or organisation when the sentence names no donor
    // ("Stoltenberg proposes allies annually allocate EUR 40 bln" is NATO's proposal).
    private static readonly (string Name, string Code)[] Officials =
    [
        ("Stoltenberg", "NATO"),
        ("von der Leyen", "EU"), ("Borrell", "EU"), ("Kallas", "EU"),
        ("Scholz", "DE"), ("Pistorius", "DE"), ("Baerbock", "DE"), ("Burbock", "DE"), ("Merz", "DE"), ("Wadephul", "DE"),
        ("Macron", "FR"), ("Lecornu", "FR"), ("Barrot", "FR"),
        ("Biden", "US"), ("Blinken", "US"), ("Lloyd Austin", "US"), ("Pentagon", "US"), ("White House", "US"), ("State Department", "US"),
        ("Sunak", "GB"), ("Shapps", "GB"), ("Starmer", "GB"), ("Healey", "GB"), ("Lammy", "GB"), ("Downing Street", "GB"),
        ("Trudeau", "CA"), ("Albanese", "AU"), ("Marles", "AU"), ("Meloni", "IT"), ("Crosetto", "IT"), ("Tajani", "IT"),
        ("Kristersson", "SE"), ("Tusk", "PL"), ("Duda", "PL"), ("Sikorski", "PL"), ("Kosiniak-Kamysz", "PL"), ("Fiala", "CZ"),
        ("Frederiksen", "DK"), ("Kishida", "JP"), ("De Croo", "BE"), ("Orpo", "FI"), ("Stubb", "FI"),
        // Institutions and capitals stand for their state ("Berlin also pledged", "the Department of Defense announced").
        ("Ukraine Security Assistance Initiative", "US"), ("USAI", "US"), ("Presidential Drawdown Authority", "US"),
        ("Department of Defense", "US"), ("Defense Department", "US"), ("DoD", "US"), ("DOD", "US"), ("Washington", "US"),
        ("Biden administration", "US"), ("Trump administration", "US"), ("Austin", "US"), ("Kirby", "US"), ("Sullivan", "US"),
        ("Ministry of Defence", "GB"), ("MoD", "GB"), ("London", "GB"), ("Whitehall", "GB"), ("Wallace", "GB"),
        ("Bundeswehr", "DE"), ("Berlin", "DE"), ("Bundestag", "DE"), ("Paris", "FR"), ("Elysee", "FR"), ("Élysée", "FR"),
        ("Ottawa", "CA"), ("Canberra", "AU"), ("Dutton", "AU"), ("Seoul", "KR"), ("Tokyo", "JP"), ("Madrid", "ES"), ("Rome", "IT"),
        ("Warsaw", "PL"), ("Prague", "CZ"), ("Stockholm", "SE"), ("Oslo", "NO"), ("Copenhagen", "DK"), ("The Hague", "NL"),
        ("Brekelmans", "NL"), ("Ollongren", "NL"), ("Jonson", "SE"), ("Helsinki", "FI"), ("Vilnius", "LT"), ("Riga", "LV"), ("Tallinn", "EE"),
        ("Moscow", "RU"), ("Kremlin", "RU"), ("Putin", "RU"), ("Minsk", "BY"), ("Pyongyang", "KP"), ("Tehran", "IR"),
        // Defence and foreign ministers and heads of government of 2022-2025 whose surname alone names them in aid news.
        ("Robles", "ES"), ("Lambrecht", "DE"), ("Lund Poulsen", "DK"), ("Pevkur", "EE"), ("Tsahkna", "EE"), ("Anušauskas", "LT"),
        ("Anusauskas", "LT"), ("Kasčiūnas", "LT"), ("Kasciunas", "LT"), ("Błaszczak", "PL"), ("Blaszczak", "PL"), ("Morawiecki", "PL"),
        ("Černochová", "CZ"), ("Cernochova", "CZ"), ("Lipavský", "CZ"), ("Lipavsky", "CZ"), ("Häkkänen", "FI"), ("Hakkanen", "FI"),
        ("Kaikkonen", "FI"), ("Dedonder", "BE"), ("Guerini", "IT"), ("Kamikawa", "JP"), ("Ishiba", "JP"), ("Hegseth", "US"), ("Rubio", "US"),
        ("Freeland", "CA"), ("Joly", "CA"), ("Carney", "CA"), ("Støre", "NO"),
    ];

    // Donors that do not aid Ukraine; a sum attributed to them is never a pledge to Ukraine.
    private static readonly HashSet<string> NonDonors = new(StringComparer.OrdinalIgnoreCase) { "UA", "RU", "BY", "KP", "IR" };

    // Air-defence systems whose "missiles" are interceptors, not batteries.
    private static readonly HashSet<string> BatterySystems = new(StringComparer.OrdinalIgnoreCase)
    { "patriot", "samp-t", "iris-t", "nasams", "hawk", "s-300", "crotale", "aspide", "skynex" };

    private readonly Dictionary<string, Donor> _donorByMention = new(StringComparer.Ordinal);
    private readonly AliasTrie<DonorEntry> _donorTrie = new(ignoreCase: false, looseSeparators: false);
    private readonly AliasTrie<DonorEntry> _donorTrieAnyCase = new(ignoreCase: true, looseSeparators: false);
    private readonly AliasTrie<EquipmentSystem> _systemTrie = new(ignoreCase: true, looseSeparators: true);
    private readonly Regex _systemFollow;
    private readonly Dictionary<string, EquipmentSystem> _systemByKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<int> _systemPrefixes = [];

    private const string Qty =
        @"(?<qty>\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d+)?(?:\s*(?:million|thousand|mln|k)\b)?|(?:half\s+a|a|one|" + NumberWords.WordPattern + @")\s+(?:million|thousand|hundred)" +
        @"|a\s+dozen|dozens\s+of|hundreds\s+of|thousands\s+of|several|" + NumberWords.WordPattern +
        @"|another|an\s+additional|one\s+more|a\s+further|a\s+second|additional|more|(?:its\s+|the\s+|a\s+)?first|an|a)";
    private const string Filler =
        @"(?:(?:more|additional|new|extra|further|modern|used|refurbished|advanced|older|upgraded|second-hand|self-propelled|" +
        @"long-range|mobile|of\s+the|of\s+its|of|units\s+of|launchers\s+of|batteries\s+of|the|its|their|(?-i:[A-Z])[\p{L}\-]+)\s+){0,3}";
    private const string Head =
        @"(?:\s+(?:fighter\s+)?(?:jets?|fighters?|aircraft|planes?|airplanes?|systems?|batter(?:y|ies)|launchers?|tanks?|howitzers?|" +
        @"vehicles?|missiles?|rockets?|helicopters?|units?|complex(?:es)?|guns?|boats?|radars?|shells?|rounds?|interceptors?))?";
    private const string NotAbout =
        @"(?!\s+(?:ammunition|munitions|ammo|pilots?|crews?|instructors?|operators?|technicians?|mechanics?|training|trainees|parts|spare|maintenance|simulators?|" +
        @"coalition|programme|program|production|factory|plant|restrictions?|deliver(?:y|ies)\s+schedule))";

    // What may follow a system name: a plural ending, a head noun ("Patriot systems"), and no noun that makes the name
    // a modifier ("Patriot training"). Generated from the constant pattern (it was compiled at run time before).
    [GeneratedRegex(@"\G(?:s|es)?(?<head>" + Head + ")" + NotAbout + @"(?![\p{L}\p{N}])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SystemFollow();

    [GeneratedRegex(@"^" + Qty + @"\s+" + Filler + "$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex QuantityBeforePattern();

    public Lexicon(DonorRegistry donors, SystemCatalog systems)
    {
        var donorTerms = new List<string>();
        UnnamedPartners = donors.ByCode(UnnamedPartnersCode);
        foreach (var d in donors.All)
        {
            // Unnamed partners are never named in a text: they stand in only where the givers are left unnamed.
            if (d.Code == UnnamedPartnersCode) continue;
            Add(d.Name, d);
            foreach (var a in d.Aliases) Add(a, d);
        }
        foreach (var (name, code) in Officials)
        {
            if (donors.ByCode(code) is { } d && _donorByMention.TryAdd(name, d)) donorTerms.Add(name);
        }
        donorTerms.Sort((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b));
        var capitalStarts = new HashSet<char>();
        var otherWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in donorTerms)
        {
            var entry = new DonorEntry(_donorByMention[term], IsOfficial(term));
            _donorTrie.Add(term, entry);
            _donorTrieAnyCase.Add(term, entry);
            var first = term.TrimStart(' ', '-', '‑', '\u00a0', '\t');
            if (first.Length == 0) continue;
            if (char.IsAsciiLetterUpper(first[0])) capitalStarts.Add(first[0]);
            else otherWords.Add(LastRun(first));
        }
        _donorCapitals = System.Buffers.SearchValues.Create([.. capitalStarts]);
        _donorOtherWords = System.Buffers.SearchValues.Create([.. otherWords.Where(w => Ascii.IsValid(w))], StringComparison.Ordinal);
        _donorOtherWordsNonAscii = [.. otherWords.Where(w => !Ascii.IsValid(w)).Order(StringComparer.Ordinal)];

        var systemTerms = new List<string>();
        foreach (var s in systems.All)
        {
            AddSystem(s.Name, s);
            foreach (var a in s.Aliases) AddSystem(a, s);
        }
        systemTerms.Sort((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b));
        foreach (var term in systemTerms)
        {
            _systemTrie.Add(term, _systemByKey[Normalize(term)]);
            AddToGate(term);
        }
        _prefixBits = BuildPrefixBits();
        _systemFollow = SystemFollow();
        QuantityBefore = QuantityBeforePattern();

        void Add(string term, Donor d)
        {
            if (term.Length < 2) return;
            if (_donorByMention.TryAdd(term, d)) donorTerms.Add(term);
        }

        void AddSystem(string term, EquipmentSystem s)
        {
            _systemPrefixes.Add(PrefixKey(term));
            var key = Normalize(term);
            if (_systemByKey.TryAdd(key, s)) systemTerms.Add(term);
        }
    }


    // The first four characters a catalog name can open with, as the trie walk reads them (separators skipped, case folded),
    // one bit per key (see MayStartSystem); a name of three characters sets the bit of every fourth. A word start whose four
    // characters have no bit starts no name, and the walk is not tried there. Null when some name is shorter than three.
    private ulong[]? _systemGate = new ulong[(GateBase * GateBase * GateBase * GateBase + 63) / 64];

    // Symbols of a gate key: 0 another ASCII character, 1-36 an ASCII digit or letter (case folded), 37 the end of the text.
    private const int GateBase = 38;
    private const int GateEnd = 37;

    private static readonly byte[] GateSymbols = BuildGateSymbols();

    private static byte[] BuildGateSymbols()
    {
        var t = new byte[128];
        for (var c = '0'; c <= '9'; c++) t[c] = (byte)(c - '0' + 1);
        for (var c = 'a'; c <= 'z'; c++)
        {
            t[c] = (byte)(c - 'a' + 11);
            t[c - 32] = (byte)(c - 'a' + 11);
        }
        return t;
    }

    private void AddToGate(string term)
    {
        if (_systemGate is null) return;
        var key = 0;
        var n = 0;
        foreach (var raw in term)
        {
            if (raw is ' ' or '-' or '‑' or '\u00a0' or '\t') continue; // the trie's separators, skipped in a name
            var c = raw < 128 ? raw : char.ToLowerInvariant(raw);
            // A non-ASCII character only matches text with one there, which always takes the walk.
            if (c >= 128) return;
            key = key * GateBase + GateSymbols[c];
            if (++n == 4) break;
        }
        if (n < 3)
        {
            _systemGate = null;
            return;
        }
        if (n == 4)
        {
            _systemGate[key / 64] |= 1UL << (key % 64);
            return;
        }
        for (var last = 0; last < GateBase; last++)
        {
            var k = key * GateBase + last;
            _systemGate[k / 64] |= 1UL << (k % 64);
        }
    }

    /// <summary>
    /// Whether a catalog name may start at word start <paramref name="i"/>: the first four characters from there (separators
    /// skipped, as the walk skips them) open some name. A non-ASCII character among them always takes the walk (it folds
    /// case by Unicode's rules and may be a separator).
    /// </summary>
    private bool MayStartSystem(string s, int i)
    {
        if (_systemGate is not { } gate) return true;
        var key = 0;
        var n = 0;
        while (n < 4)
        {
            int symbol;
            if (i >= s.Length) symbol = GateEnd;
            else
            {
                var c = s[i++];
                if (c is ' ' or '-' or '\t') continue;
                if (c >= 128) return true;
                symbol = GateSymbols[c];
            }
            key = key * GateBase + symbol;
            n++;
        }
        return (gate[key / 64] & (1UL << (key % 64))) != 0;
    }

    /// <summary>A quantity ending right where a system name starts: "30 ", "another ", "one million ", "ten more German ".</summary>
    public Regex QuantityBefore { get; }

    /// <summary>
    /// The quantity before a system name: tried at each of the few word starts before it, farthest first, each attempt
    /// anchored at both ends (cheap), instead of scanning every position of the window.
    /// </summary>
    public Match FindQuantityBefore(string s, int systemStart)
    {
        var words = 0;
        var from = systemStart;
        for (var i = systemStart - 1; i >= 0 && systemStart - i <= 80; i--)
        {
            if (char.IsWhiteSpace(s[i]) || i == 0)
            {
                var start = char.IsWhiteSpace(s[i]) ? i + 1 : i;
                if (start < systemStart)
                {
                    from = start;
                    if (++words == 6) break;
                }
            }
        }
        for (var start = from; start < systemStart; start++)
        {
            if (start > 0 && !char.IsWhiteSpace(s[start - 1])) continue;
            if (char.IsWhiteSpace(s[start])) continue;
            if (!MayStartQuantity(s, start, systemStart)) continue;
            var m = QuantityBefore.Match(s, start, systemStart - start);
            if (m.Success) return m;
        }
        return Match.Empty;
    }

    // Every first word a quantity can open with (see the Qty pattern above: its words, "half a", "a dozen", "dozens of",
    // "its first", the number words); a digit opens the others.
    private static readonly HashSet<string> QuantityFirstWords = BuildQuantityFirstWords();

    private static HashSet<string> BuildQuantityFirstWords()
    {
        var words = new HashSet<string>(StringComparer.Ordinal)
        {
            "a", "an", "another", "half", "one", "dozens", "hundreds", "thousands", "several", "additional", "more", "its", "the", "first",
        };
        foreach (var w in NumberWords.WordPattern.Split('|', '(', ')', '?', ':', '[', ']', '\\'))
        {
            if (w.Length > 1 && w.All(char.IsAsciiLetterLower)) words.Add(w);
        }
        return words;
    }

    private static readonly System.Collections.Generic.HashSet<string>.AlternateLookup<ReadOnlySpan<char>> QuantityFirstWordLookup =
        QuantityFirstWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Whether the word at <paramref name="start"/> can open the quantity pattern: a digit, or an ASCII word that is one
    /// of the pattern's first words (case ignored). A word with a non-ASCII letter is always tried (the pattern ignores
    /// case by Unicode's rules), so the test never skips a start the pattern could match at.
    /// </summary>
    private static bool MayStartQuantity(string s, int start, int end)
    {
        if (char.IsDigit(s[start])) return true;
        Span<char> word = stackalloc char[16];
        var n = 0;
        var i = start;
        for (; i < end; i++)
        {
            var c = s[i];
            if (c >= 128) return true;
            if (!char.IsAsciiLetter(c)) break;
            if (n == word.Length) return false; // longer than any first word
            word[n++] = (char)(c | 0x20);
        }
        return n > 0 && QuantityFirstWordLookup.Contains(word[..n]);
    }

    /// <summary>A cheap test: every donor name and official starts with a capital letter.</summary>
    public static bool MayNameDonor(ReadOnlySpan<char> sentence) => sentence.IndexOfAnyInRange('A', 'Z') >= 0;

    // The capitals that open donor names; the last run without a separator of each name that opens otherwise ("the
    // Alliance", "tank coalition", "von der Leyen", "Élysée"): the case-kept walk matches text holding that run only.
    // Runs with non-ASCII letters are looked for one by one (a vectorised search of a rare first letter).
    private readonly System.Buffers.SearchValues<char> _donorCapitals;
    private readonly System.Buffers.SearchValues<string> _donorOtherWords;
    private readonly string[] _donorOtherWordsNonAscii;

    private static string LastRun(string term) => term.Split([' ', '-', '‑', '\u00a0', '\t'], StringSplitOptions.RemoveEmptyEntries)[^1];

    private bool MayNameOtherDonor(ReadOnlySpan<char> s)
    {
        if (s.IndexOfAny(_donorOtherWords) >= 0) return true;
        foreach (var w in _donorOtherWordsNonAscii)
        {
            if (s.Contains(w, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Every donor name, alias or official in the sentence, longest match first at each word start.</summary>
    public void FindDonors(string s, List<(int Start, int End, Donor Donor, bool Official)> into) => FindDonors(s, into, fast: true);

    /// <summary>As above; <paramref name="fast"/> false tries the walk at every letter (the tests hold the fast path to it).
    /// The fast path, where no name opening otherwise can be in the sentence, walks from the capitals that open names only
    /// (found by a vectorised search): the walk keeps case, so it matches nowhere else.</summary>
    internal void FindDonors(string s, List<(int Start, int End, Donor Donor, bool Official)> into, bool fast)
    {
        into.Clear();
        // A headline in capitals ("GERMANY PLEDGES EUR 1 BN") is matched ignoring case.
        var anyCase = s.AsSpan().IndexOfAnyInRange('a', 'z') < 0;
        var trie = anyCase ? _donorTrieAnyCase : _donorTrie;
        Func<int, bool>? wordEnd = null; // made once per sentence, not per word
        if (fast && !anyCase && !MayNameOtherDonor(s))
        {
            for (var i = 0; i < s.Length; i++)
            {
                var k = s.AsSpan(i).IndexOfAny(_donorCapitals);
                if (k < 0) break;
                i += k;
                if (i > 0 && (char.IsLower(s[i - 1]) || char.IsDigit(s[i - 1]))) continue;
                var end = trie.Match(s, i, wordEnd ??= e => e >= s.Length || !char.IsLetterOrDigit(s[e]), out var entry);
                if (end < 0 || entry is null) continue;
                into.Add((i, end, entry.Donor, entry.Official));
                i = end - 1;
            }
            return;
        }
        for (var i = 0; i < s.Length; i++)
        {
            if (!char.IsLetter(s[i]) || (i > 0 && (char.IsLower(s[i - 1]) || char.IsDigit(s[i - 1])))) continue;
            var end = trie.Match(s, i, wordEnd ??= e => e >= s.Length || !char.IsLetterOrDigit(s[e]), out var entry);
            if (end < 0 || entry is null) continue;
            into.Add((i, end, entry.Donor, entry.Official));
            i = end - 1;
        }
    }

    /// <summary>Every catalog system in the sentence: where its name starts and ends, and the head noun after it.</summary>
    public void FindSystems(string s, List<(int Start, int End, EquipmentSystem System, string Alias, string Head)> into) =>
        FindSystems(s, into, null);

    /// <summary>As <see cref="FindSystems(string, List{ValueTuple{int, int, EquipmentSystem, string, string}})"/>, with
    /// <see cref="MayNameSystem"/> of the sentence when the caller already knows it (null: not known).</summary>
    public void FindSystems(string s, List<(int Start, int End, EquipmentSystem System, string Alias, string Head)> into, bool? mayNameSystem)
    {
        into.Clear();
        if (!(mayNameSystem ?? MayNameSystem(s))) return;
        FindSystems(new SentenceWords().For(s), into, true);
    }

    /// <summary>As <see cref="FindSystems(string, List{ValueTuple{int, int, EquipmentSystem, string, string}}, bool?)"/> on the
    /// tokenised sentence: the walk visits its word starts only.</summary>
    public void FindSystems(SentenceWords words, List<(int Start, int End, EquipmentSystem System, string Alias, string Head)> into, bool? mayNameSystem) =>
        FindSystems(words, into, mayNameSystem, gated: true);

    /// <summary>As above; <paramref name="gated"/> false walks the trie from every word start (the tests hold the gate to it).</summary>
    internal void FindSystems(SentenceWords words, List<(int Start, int End, EquipmentSystem System, string Alias, string Head)> into, bool? mayNameSystem, bool gated)
    {
        into.Clear();
        var s = words.Text;
        if (mayNameSystem == false || (!gated && mayNameSystem is null && !MayNameSystem(s))) return;
        // The follow pattern's match at the end the walk accepted last, kept for the hit (no second match there).
        Match? accepted = null;
        Func<int, bool>? follows = null; // made once per sentence, not per word
        var next = 0;
        for (var w = 0; w < words.Count; w++)
        {
            var i = words.Start(w);
            if (i < next || (gated && !MayStartSystem(s, i))) continue;
            var end = _systemTrie.Match(s, i, follows ??= e =>
            {
                var m = _systemFollow.Match(s, e);
                if (m.Success) accepted = m;
                return m.Success;
            }, out var system);
            if (end < 0 || system is null) continue;
            var follow = accepted is { } a && a.Index == end ? a : _systemFollow.Match(s, end);
            into.Add((i, follow.Index + follow.Length, system, s[i..end], follow.Groups["head"].Value));
            next = follow.Index + follow.Length;
        }
        // Nothing is found where no word starts like a name; asked only of a sentence that names one, since most name none.
        if (gated && into.Count > 0 && mayNameSystem is null && !MayNameSystem(s)) into.Clear();
    }

    private sealed record DonorEntry(Donor Donor, bool Official);

    public static bool IsOfficial(string mention)
    {
        foreach (var (name, _) in Officials)
        {
            if (string.Equals(name, mention, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>The registry code of the donor that stands for givers a text leaves unnamed ("equipment from foreign partners").</summary>
    public const string UnnamedPartnersCode = "PARTNERS";

    /// <summary>The registry's unnamed-partners donor, when the registry has one (see <see cref="UnnamedPartnersCode"/>).</summary>
    public Donor? UnnamedPartners { get; }

    public static bool IsNonDonor(Donor d) => NonDonors.Contains(d.Code);

    public static bool IsBatterySystem(EquipmentSystem s) => BatterySystems.Contains(s.Id);

    /// <summary>
    /// A cheap test before the alias regex: does any word of the sentence start like an alias (first three letters or
    /// digits, case and hyphens ignored)? Most sentences name no system and skip the regex entirely.
    /// </summary>
    public bool MayNameSystem(ReadOnlySpan<char> sentence)
    {
        for (var i = 0; i < sentence.Length; i++)
        {
            if (!char.IsLetterOrDigit(sentence[i]) || (i > 0 && char.IsLetterOrDigit(sentence[i - 1]))) continue;
            if (MayOpenName(sentence.Slice(i, Math.Min(12, sentence.Length - i)))) return true;
            // The rest of this word holds no word start.
            while (i + 1 < sentence.Length && char.IsLetterOrDigit(sentence[i + 1])) i++;
        }
        return false;
    }

    // _systemPrefixes for ASCII words: one bit per run of up to three symbols (1-36 an ASCII letter or digit, case folded,
    // 37 '/', 0 after the run), set by asking the set for the key of every such run, so the bits answer exactly as the
    // hashed keys do (collisions included).
    private readonly ulong[] _prefixBits;

    private ulong[] BuildPrefixBits()
    {
        const string symbols = "0123456789abcdefghijklmnopqrstuvwxyz/";
        var bits = new ulong[(38 * 38 * 38 + 63) / 64];
        Span<char> run = stackalloc char[3];
        for (var a = 1; a <= 37; a++)
        {
            for (var b = 0; b <= 37; b++)
            {
                for (var c = 0; c <= 37; c++)
                {
                    if (b == 0 && c != 0) continue;
                    run[0] = symbols[a - 1];
                    var n = 1;
                    if (b > 0) run[n++] = symbols[b - 1];
                    if (c > 0) run[n++] = symbols[c - 1];
                    if (!_systemPrefixes.Contains(PrefixKey(run[..n]))) continue;
                    var key = (a * 38 + b) * 38 + c;
                    bits[key >> 6] |= 1UL << key;
                }
            }
        }
        return bits;
    }

    private static readonly byte[] PrefixSymbols = BuildPrefixSymbols();

    private static byte[] BuildPrefixSymbols()
    {
        var t = new byte[128];
        for (var c = '0'; c <= '9'; c++) t[c] = (byte)(c - '0' + 1);
        for (var c = 'a'; c <= 'z'; c++)
        {
            t[c] = (byte)(c - 'a' + 11);
            t[c - 32] = (byte)(c - 'a' + 11);
        }
        t['/'] = 37;
        return t;
    }

    /// <summary><c>_systemPrefixes.Contains(PrefixKey(window))</c> for a window starting at a word: by the bit table when the
    /// characters the key reads are ASCII.</summary>
    private bool MayOpenName(ReadOnlySpan<char> window)
    {
        var key = 0;
        var n = 0;
        foreach (var c in window)
        {
            if (c is '-' or ' ' or '‑') continue;
            if (c >= 128) return _systemPrefixes.Contains(PrefixKey(window));
            var symbol = PrefixSymbols[c];
            if (symbol == 0) break;
            key = key * 38 + symbol;
            if (++n == 3) break;
        }
        if (n == 0) return _systemPrefixes.Contains(0);
        for (; n < 3; n++) key *= 38;
        return (_prefixBits[key >> 6] & (1UL << key)) != 0;
    }

    /// <summary>The test <see cref="MayNameSystem"/> stands for, by the hashed keys only (the tests hold one to the other).</summary>
    internal bool MayNameSystemByKey(ReadOnlySpan<char> sentence)
    {
        for (var i = 0; i < sentence.Length; i++)
        {
            if (!char.IsLetterOrDigit(sentence[i]) || (i > 0 && char.IsLetterOrDigit(sentence[i - 1]))) continue;
            if (_systemPrefixes.Contains(PrefixKey(sentence.Slice(i, Math.Min(12, sentence.Length - i))))) return true;
            while (i + 1 < sentence.Length && char.IsLetterOrDigit(sentence[i + 1])) i++;
        }
        return false;
    }

    private static int PrefixKey(ReadOnlySpan<char> s)
    {
        var key = 0;
        var n = 0;
        foreach (var c in s)
        {
            if (c is '-' or ' ' or '‑') continue;
            if (!char.IsLetterOrDigit(c) && c != '/') break;
            key = key * 65599 + char.ToLowerInvariant(c);
            if (++n == 3) break;
        }
        return key;
    }


    private static string Normalize(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c is ' ' or '-' or '‑' or '\u00a0' or '\t' or '\n' or '\r') continue;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
