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
    ];

    // Donors that do not aid Ukraine; a sum attributed to them is never a pledge to Ukraine.
    private static readonly HashSet<string> NonDonors = new(StringComparer.OrdinalIgnoreCase) { "UA", "RU", "BY", "KP", "IR" };

    // Air-defence systems whose "missiles" are interceptors, not batteries.
    private static readonly HashSet<string> BatterySystems = new(StringComparer.OrdinalIgnoreCase)
    { "patriot", "samp-t", "iris-t", "nasams", "hawk", "s-300", "crotale", "aspide", "skynex" };

    private readonly Dictionary<string, Donor> _donorByMention = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EquipmentSystem> _systemByKey = new(StringComparer.OrdinalIgnoreCase);

    public Lexicon(DonorRegistry donors, SystemCatalog systems)
    {
        Donors = donors;
        var donorTerms = new List<string>();
        foreach (var d in donors.All)
        {
            Add(d.Name, d);
            foreach (var a in d.Aliases) Add(a, d);
        }
        foreach (var (name, code) in Officials)
        {
            if (donors.ByCode(code) is { } d && _donorByMention.TryAdd(name, d)) donorTerms.Add(name);
        }
        donorTerms.Sort((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b));
        // An upper-case letter may precede a name: digests glue sources to headlines ("on MSNGermany pledges ...").
        var sb = new StringBuilder(@"(?<![\p{Ll}\p{N}])(?:");
        for (var i = 0; i < donorTerms.Count; i++)
        {
            if (i > 0) sb.Append('|');
            sb.Append(Regex.Escape(donorTerms[i]).Replace(@"\ ", @"\s+"));
        }
        sb.Append(@")(?![\p{L}\p{N}])");
        DonorRegex = new Regex(sb.ToString(), RegexOptions.Compiled | RegexOptions.CultureInvariant);

        var systemTerms = new List<string>();
        foreach (var s in systems.All)
        {
            AddSystem(s.Name, s);
            foreach (var a in s.Aliases) AddSystem(a, s);
        }
        systemTerms.Sort((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b));
        var alt = new StringBuilder();
        for (var i = 0; i < systemTerms.Count; i++)
        {
            if (i > 0) alt.Append('|');
            alt.Append(SystemPattern(systemTerms[i]));
        }
        const string Qty =
            @"(?<qty>\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d+)?(?:\s*(?:million|thousand|mln|k)\b)?|(?:half\s+a|a|one|" + NumberWords.WordPattern + @")\s+(?:million|thousand|hundred)" +
            @"|a\s+dozen|dozens\s+of|hundreds\s+of|thousands\s+of|several|" + NumberWords.WordPattern +
            @"|another|an\s+additional|one\s+more|a\s+further|a\s+second|additional|more|(?:its\s+|the\s+|a\s+)?first|an|a)";
        const string Filler =
            @"(?:(?:more|additional|new|extra|further|modern|used|refurbished|advanced|older|upgraded|second-hand|self-propelled|" +
            @"long-range|mobile|of\s+the|of\s+its|of|units\s+of|the|its|their|(?-i:[A-Z])[\p{L}\-]+)\s+){0,3}";
        const string Head =
            @"(?:\s+(?:fighter\s+)?(?:jets?|fighters?|aircraft|planes?|airplanes?|systems?|batter(?:y|ies)|launchers?|tanks?|howitzers?|" +
            @"vehicles?|missiles?|rockets?|helicopters?|units?|complex(?:es)?|guns?|boats?|radars?|shells?|rounds?|interceptors?))?";
        const string NotAbout =
            @"(?!\s+(?:ammunition|munitions|ammo|pilots?|crews?|instructors?|operators?|technicians?|mechanics?|training|trainees|parts|spare|maintenance|simulators?|" +
            @"coalition|programme|program|production|factory|plant|restrictions?|deliver(?:y|ies)\s+schedule))";
        SystemRegex = new Regex(
            @"(?:(?<![\p{L}\p{N}])(?<![$€£¥₴]\s?)(?<!(?-i:[A-Z]{3})\s)" + Qty + @"\s+" + Filler + @")?(?<![\p{L}\p{N}])(?<sys>" + alt + @")(?:s|es)?(?<head>" + Head + ")" + NotAbout + @"(?![\p{L}\p{N}])",
            RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        void Add(string term, Donor d)
        {
            if (term.Length < 2) return;
            if (_donorByMention.TryAdd(term, d)) donorTerms.Add(term);
        }

        void AddSystem(string term, EquipmentSystem s)
        {
            var key = Normalize(term);
            if (_systemByKey.TryAdd(key, s)) systemTerms.Add(term);
        }
    }

    public DonorRegistry Donors { get; }
    public Regex DonorRegex { get; }
    public Regex SystemRegex { get; }

    public Donor? DonorOf(string mention)
    {
        if (_donorByMention.TryGetValue(mention, out var d)) return d;
        var collapsed = WhiteSpace().Replace(mention, " ");
        return _donorByMention.GetValueOrDefault(collapsed);
    }

    public static bool IsOfficial(string mention)
    {
        foreach (var (name, _) in Officials)
        {
            if (string.Equals(name, mention, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    public static bool IsNonDonor(Donor d) => NonDonors.Contains(d.Code);

    public static bool IsBatterySystem(EquipmentSystem s) => BatterySystems.Contains(s.Id);

    public EquipmentSystem? SystemOf(string mention) => _systemByKey.GetValueOrDefault(Normalize(mention));

    /// <summary>Aliases match with or without spaces and hyphens ("F-16", "F16", "155 mm", "155-mm"); a capitalised
    /// alias ("Patriot", "Challenger") must keep its capital so common words do not match.</summary>
    private static string SystemPattern(string term)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var c in term)
        {
            if (c is ' ' or '-')
            {
                sb.Append(@"[\s\-‑]?");
                continue;
            }
            if (first && char.IsUpper(c) && term.Any(char.IsLower))
            {
                sb.Append("(?-i:").Append(c).Append(')');
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
            first = false;
        }
        return sb.ToString();
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

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
