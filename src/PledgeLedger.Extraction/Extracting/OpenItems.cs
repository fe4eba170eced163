using System.Text.RegularExpressions;

namespace PledgeLedger.Extraction;

/// <summary>An item of equipment the catalog does not name: "8 Zetros trucks", "23,520 rounds of 40mm ammunition".</summary>
internal readonly record struct OpenItem(int Start, int End, string Name, string Category, long? Quantity, bool Article);

/// <summary>
/// The open equipment vocabulary: a noun phrase ending in a head noun of materiel (vehicles, trucks, boats, generators,
/// helmets, rifles, drones, radars, rounds, kits ...), with up to four modifiers before it (calibres, makes, adjectives)
/// and an optional count before those. Catch-alls ("weapons", "military equipment") are not items.
/// </summary>
internal static partial class OpenItems
{
    // Head nouns of materiel, singular or plural. "systems", "equipment", "supplies" and "gear" need a telling modifier.
    [GeneratedRegex(
        @"\G(?:(?:vehicle|truck|trailer|boat|bulldozer|excavator|generator|helmet|rifle|gun|launcher|drone|radar|round|shell|missile|rocket|" +
        @"tank|carrier|howitzer|mortar|mine|kit|suit|vest|mask|camera|heater|blanket|tent|hospital|ambulance|detector|machine|quadcopter|" +
        @"quadrocopter|interceptor|grenade|jet|helicopter|ship|vessel|munition|UAV|APC|IFV|loader|tractor|goggle|plane|minehunter|jammer|" +
        @"system|sleeping\s+bag|transformer|pickup)s?|ammunition|equipment|gear|spare\s+parts|aircraft|body\s+armou?r|supplies)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Head();

    [ThreadStatic]
    private static List<(int Index, int Length)>? _heads;

    [ThreadStatic]
    private static List<string>? _modifiers;

    private static readonly System.Buffers.SearchValues<string> HeadStems = System.Buffers.SearchValues.Create(
    [
        "vehicle", "truck", "trailer", "boat", "bulldozer", "excavator", "generator", "helmet", "rifle", "gun", "launcher", "drone", "radar",
        "round", "shell", "missile", "rocket", "tank", "carrier", "howitzer", "mortar", "mine", "kit", "suit", "vest", "mask", "camera",
        "heater", "blanket", "tent", "hospital", "ambulance", "detector", "machine", "copter", "interceptor", "grenade", "jet", "helicopter",
        "ship", "vessel", "munition", "uav", "apc", "ifv", "loader", "tractor", "goggle", "plane", "jammer", "system", "sleeping", "transformer",
        "pickup", "ammunition", "equipment", "gear", "parts", "aircraft", "armo", "supplies",
    ], StringComparison.OrdinalIgnoreCase);

    // Words that end a modifier run: determiners, prepositions, conjunctions, verbs of giving, quantity words.
    private static readonly HashSet<string> Stops = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "or", "of", "for", "to", "with", "in", "on", "by", "from", "its", "their", "his", "her", "our", "this", "that",
        "these", "those", "including", "include", "includes", "included", "plus", "as", "well", "also", "will", "would", "be", "been", "is", "are",
        "was", "were", "has", "have", "had", "some", "several", "many", "more", "additional", "further", "other", "new", "extra", "another",
        "up", "than", "about", "nearly", "over", "around", "almost", "all", "both", "such", "most", "second", "last", "latest", "at",
        "least", "dozens", "hundreds", "thousands", "tens", "million", "millions", "thousand", "hundred", "provide", "provides", "provided",
        "providing", "send", "sends", "sent", "sending", "deliver", "delivers", "delivered", "delivering", "supply", "supplies", "supplied", "donate",
        "donates", "donated", "donating", "give", "gives", "gave", "given", "receive", "receives", "received", "transfer", "transferred", "pledge",
        "pledged", "pledges", "promised", "announced", "includes", "comprising", "consisting", "contains", "like", "namely", "e.g", "i.e", "ukraine",
        "ukraine's", "ukrainian", "kyiv", "it", "they", "we", "which", "what", "who", "per", "each", "only", "same", "old", "older", "if", "any",
        "no", "not", "into", "out", "via", "worth", "under", "after", "before", "since", "during", "while", "said", "says", "say", "there", "then",
        "here", "further", "numerous", "various", "much", "own", "get", "gets", "got", "bought", "buy", "purchase", "purchased", "ordered", "order",
        "fund", "funds", "funding", "finance", "financing", "help", "helps", "helped", "use", "using", "replace",
        "procure", "procures", "procured", "procuring", "acquire", "acquires", "acquired", "acquiring", "cover", "covers", "covering",
        "replacing", "train", "training", "equip", "operate", "repair", "repairs", "maintain", "maintenance", "produce", "produced", "production",
        "make", "made", "build", "built", "against", "anti", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "one",
    };

    // Catch-all modifiers: "military equipment", "defence supplies" are not items.
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "military", "defence", "defense", "security", "lethal", "non-lethal", "nonlethal", "key", "critical", "vital", "essential", "necessary",
        "needed", "urgent", "important", "modern", "western", "heavy", "light", "basic", "general", "certain", "specific", "crucial", "much-needed",
        "advanced", "sophisticated", "offensive", "defensive", "weapons", "arms", "war", "combat",
    };

    // Hostile or domestic owners: "Russian tanks", "Ukrainian drones" are not donations.
    private static readonly HashSet<string> Owners = new(StringComparer.Ordinal)
    {
        "russian", "russia's", "russias", "enemy", "soviet-era", "iranian", "north", "korean", "belarusian", "chinese", "ukrainian", "ukraine's",
    };

    // The head nouns' stems (and the plurals of three-letter ones).
    private static readonly string[] Stems =
    [
        "vehicle", "truck", "trailer", "boat", "bulldozer", "excavator", "generator", "helmet", "rifle", "gun", "launcher", "drone", "radar",
        "round", "shell", "missile", "rocket", "tank", "carrier", "howitzer", "mortar", "mine", "kit", "suit", "vest", "mask", "camera",
        "heater", "blanket", "tent", "hospital", "ambulance", "detector", "machine", "quadcopter", "quadrocopter", "interceptor", "grenade",
        "jet", "helicopter", "ship", "vessel", "munition", "uav", "apc", "ifv", "loader", "tractor", "goggle", "plane", "minehunter", "jammer",
        "system", "sleeping", "transformer", "pickup", "ammunition", "equipment", "gear", "spare", "aircraft", "body", "supplies",
        "guns", "kits", "jets", "uavs", "apcs", "ifvs",
    ];

    // The first four letters (lower case) of every head noun (and the plurals of three-letter ones): a word must start like one for the sentence to hold an item.
    private static readonly HashSet<int> HeadPrefixes = BuildPrefixes();

    private static HashSet<int> BuildPrefixes()
    {
        var set = new HashSet<int>();
        foreach (var stem in Stems) set.Add(PrefixKey(stem));
        return set;
    }

    // The first two letters of the stems, by SentenceWords' key.
    private static readonly bool[] HeadFirstTwo = BuildFirstTwo();

    private static bool[] BuildFirstTwo()
    {
        var t = new bool[26 * 26];
        foreach (var stem in Stems) t[(stem[0] - 'a') * 26 + (stem[1] - 'a')] = true;
        return t;
    }

    // HeadPrefixes for words whose first four letters (or fewer, up to a non-letter) are ASCII: one bit per run of letters
    // (each 1-26, case folded, 0 after the run), set from the same stems. The key above is one-to-one on such runs (its
    // digits, 97-122, differ by less than its base 31, and runs of different lengths fall in disjoint ranges), so a bit is
    // set exactly when the set holds the word's key, without hashing.
    private static readonly ulong[] HeadPrefixBits = BuildPrefixBits();

    private static ulong[] BuildPrefixBits()
    {
        var bits = new ulong[(27 * 27 * 27 * 27 + 63) / 64];
        foreach (var stem in Stems)
        {
            var key = 0;
            for (var i = 0; i < 4; i++) key = key * 27 + (i < stem.Length ? stem[i] - 'a' + 1 : 0);
            bits[key >> 6] |= 1UL << key;
        }
        return bits;
    }

    /// <summary>Whether word <paramref name="w"/> starts like a head noun (as below): most words' first two letters start
    /// none, and a word of one letter before a non-letter, or with a digit first, starts none.</summary>
    internal static bool MayStartHead(SentenceWords words, int w)
    {
        var key = words.Key(w);
        if (key == SentenceWords.NoKey || (key >= 0 && !HeadFirstTwo[key])) return false;
        return MayStartHead(words.Text, words.Start(w));
    }

    /// <summary>Whether the word at <paramref name="i"/> starts like a head noun: <c>HeadPrefixes.Contains(PrefixKey(s[i..]))</c>,
    /// by the bit table when its first letters are ASCII.</summary>
    internal static bool MayStartHead(ReadOnlySpan<char> s, int i)
    {
        var key = 0;
        var n = 0;
        for (; n < 4 && i + n < s.Length; n++)
        {
            var c = s[i + n];
            if (c >= 128) return HeadPrefixes.Contains(PrefixKey(s[i..]));
            var l = (uint)((c | 0x20) - 'a');
            if (l > 25) break;
            key = key * 27 + (int)l + 1;
        }
        for (; n < 4; n++) key *= 27;
        return (HeadPrefixBits[key >> 6] & (1UL << key)) != 0;
    }

    /// <summary>The test <see cref="MayStartHead(ReadOnlySpan{char}, int)"/> stands for (the tests hold one to the other).</summary>
    internal static bool MayStartHeadByKey(ReadOnlySpan<char> s, int i) => HeadPrefixes.Contains(PrefixKey(s[i..]));

    private static int PrefixKey(ReadOnlySpan<char> word)
    {
        var key = 0;
        for (var i = 0; i < word.Length && i < 4; i++)
        {
            var c = word[i];
            if (!char.IsLetter(c)) break;
            key = key * 31 + (c | 0x20);
        }
        return key;
    }

    /// <summary>A cheap, allocation-free test: does a word of the sentence start like a head noun of materiel?</summary>
    public static bool MayHold(ReadOnlySpan<char> sentence)
    {
        // Both tests must pass; the word test, by the bit table, is far cheaper than the search for sixty stems, which is
        // asked only of a sentence that passes it.
        for (var i = 0; i < sentence.Length; i++)
        {
            if (!char.IsLetter(sentence[i]) || (i > 0 && char.IsLetter(sentence[i - 1]))) continue;
            if (MayStartHead(sentence, i) && Head().IsMatch(sentence[i..])) return sentence.IndexOfAny(HeadStems) >= 0;
        }
        return false;
    }

    /// <summary>The test <see cref="MayHold"/> stands for, in its first order (the tests hold one to the other).</summary>
    internal static bool MayHoldStemsFirst(ReadOnlySpan<char> sentence)
    {
        if (sentence.IndexOfAny(HeadStems) < 0) return false;
        for (var i = 0; i < sentence.Length; i++)
        {
            if (!char.IsLetter(sentence[i]) || (i > 0 && char.IsLetter(sentence[i - 1]))) continue;
            if (MayStartHeadByKey(sentence, i) && Head().IsMatch(sentence[i..])) return true;
        }
        return false;
    }

    /// <summary>The items of the sentence; heads inside <paramref name="covered"/> (catalog names, sums) are not looked at.</summary>
    public static void Find(string s, List<OpenItem> into, List<(int Start, int End)> covered) =>
        Find(new SentenceWords().For(s), into, covered);

    /// <summary>As <see cref="Find(string, List{OpenItem}, List{ValueTuple{int, int}})"/> on the tokenised sentence.</summary>
    public static void Find(SentenceWords words, List<OpenItem> into, List<(int Start, int End)> covered)
    {
        into.Clear();
        var s = words.Text;
        // Head nouns, tried only at word starts that begin like one (an anchored match there, not a scan of every position):
        // a letter not after a letter, digit or hyphen.
        var heads = _heads ??= new List<(int Index, int Length)>(8);
        heads.Clear();
        var next = 0;
        for (var w = 0; w < words.Count; w++)
        {
            var i = words.Start(w);
            if (i < next || !MayStartHead(words, w) || !char.IsLetter(s[i]) || (i > 0 && s[i - 1] is '-' or '‑')) continue;
            foreach (var hm in Head().EnumerateMatches(s.AsSpan(i)))
            {
                heads.Add((i, hm.Length));
                next = i + hm.Length;
                break;
            }
        }
        for (var h = 0; h < heads.Count; h++)
        {
            var m = heads[h];
            // "missile launchers", "machine guns": the first noun modifies the second, which is the head.
            if (h + 1 < heads.Count && IsOnlySpace(s, m.Index + m.Length, heads[h + 1].Index)) continue;
            var inside = false;
            foreach (var (cs, ce) in covered)
            {
                if (cs <= m.Index && m.Index < ce) inside = true;
            }
            if (inside) continue;
            var head = s.Substring(m.Index, m.Length);
            var headLower = head.ToLowerInvariant();
            var end = m.Index + m.Length;
            // Modifiers: walk back over words until a stop word, a number, a punctuation mark or four words.
            var start = m.Index;
            var modifiers = _modifiers ??= new List<string>(4);
            modifiers.Clear();
            var pos = m.Index;
            long? quantity = null;
            var article = false;
            var owner = false;
            while (modifiers.Count < 4)
            {
                // "20 TOA (Armoured Caterpillar Transport) armoured vehicles": an explanation in brackets is skipped.
                if (BracketedWordsBefore(s, pos) is var open && open >= 0)
                {
                    pos = open;
                    continue;
                }
                var (ws, we) = PreviousWord(s, pos);
                if (ws < 0) break;
                var word = s[ws..we];
                var lower = word.ToLowerInvariant();
                if (Owners.Contains(lower))
                {
                    owner = true;
                    break;
                }
                // "155 mm", "105-mm": a calibre is a modifier, not a count.
                if (IsNumber(word) && modifiers.Count > 0 && modifiers[^1] is "mm" or "mm." or "calibre" or "caliber")
                {
                    modifiers.Add(word);
                    start = ws;
                    pos = ws;
                    continue;
                }
                if (Stops.Contains(lower) || IsNumber(word) || lower.EndsWith("ly", StringComparison.Ordinal)
                    || lower.EndsWith("-million", StringComparison.Ordinal) || lower.EndsWith("-thousand", StringComparison.Ordinal))
                {
                    break;
                }
                if (!char.IsLetterOrDigit(word[0]) && word[0] != '.') break;
                modifiers.Add(lower);
                start = ws;
                pos = ws;
            }
            if (owner) continue;
            if (!Keep(headLower, modifiers, s, end)) continue;
            if (IsVerbUse(s, headLower, modifiers.Count, m.Index) || IsNounAdjunct(s, headLower, end)) continue;

            // The count: a number (in brackets, digits or words, with a scale) right before the modifiers.
            var (qs, qe) = PreviousWord(s, start);
            // "three pallets of radiation monitoring equipment": the count of the lots it comes in counts the item.
            var lotStart = -1;
            if (quantity is null && qs >= 0 && s.AsSpan(qs, qe - qs).Equals("of", StringComparison.OrdinalIgnoreCase)
                && PreviousWord(s, qs) is var (ls, le) && ls >= 0 && LotNouns.Contains(s[ls..le]))
            {
                lotStart = ls;
                (qs, qe) = PreviousWord(s, ls);
            }
            // "six more howitzers", "20 additional trucks": the count sits before the word of increase.
            if (qs >= 0 && s.AsSpan(qs, qe - qs) is var inc && (inc.Equals("more", StringComparison.OrdinalIgnoreCase) || inc.Equals("additional", StringComparison.OrdinalIgnoreCase)
                || inc.Equals("further", StringComparison.OrdinalIgnoreCase) || inc.Equals("new", StringComparison.OrdinalIgnoreCase) || inc.Equals("extra", StringComparison.OrdinalIgnoreCase)
                || inc.Equals("other", StringComparison.OrdinalIgnoreCase)))
            {
                var (ps, pe) = PreviousWord(s, qs);
                if (ps >= 0 && TryCount(s, ps, pe, out _, out _))
                {
                    qs = ps;
                    qe = pe;
                }
            }
            if (qs >= 0)
            {
                var q = s[qs..qe];
                if (q is "a" or "an" or "A" or "An" && !headLower.EndsWith('s'))
                {
                    quantity = 1;
                    article = true;
                    start = qs;
                }
                else if (TryCount(s, qs, qe, out var n, out var countStart))
                {
                    quantity = n;
                    start = countStart;
                }
            }
            if (lotStart >= 0 && quantity is null) lotStart = -1;
            // "missile launchers", "tank recovery vehicles": a head one or two words before another head modifies it.
            if (h + 1 < heads.Count && IsCompound(s, end, heads[h + 1].Index)) continue;
            // "the jets", "the first jets", "these vehicles": a definite, uncounted item points back at something named before;
            // "systems with guided missiles": what comes with a counted item is part of it.
            var detAt = start;
            while (quantity is null && PreviousWord(s, detAt) is var (xs, xe) && xs >= 0 && s.AsSpan(xs, xe - xs) is var x
                && (x.Equals("first", StringComparison.OrdinalIgnoreCase) || x.Equals("older", StringComparison.OrdinalIgnoreCase)
                    || x.Equals("other", StringComparison.OrdinalIgnoreCase) || x.Equals("additional", StringComparison.OrdinalIgnoreCase)
                    || x.Equals("new", StringComparison.OrdinalIgnoreCase) || x.Equals("more", StringComparison.OrdinalIgnoreCase)))
            {
                detAt = xs;
            }
            if (quantity is null && PreviousWord(s, detAt) is var (ws0, we0) && ws0 >= 0 && s.AsSpan(ws0, we0 - ws0).Equals("with", StringComparison.OrdinalIgnoreCase)
                && !GiveWithBefore().IsMatch(s.AsSpan(Math.Max(0, we0 - 60), Math.Min(60, we0))))
            {
                continue;
            }
            if (quantity is null && PreviousWord(s, detAt) is var (ds, de) && ds >= 0
                && s.AsSpan(ds, de - ds) is var det && (det.Equals("the", StringComparison.OrdinalIgnoreCase) || det.Equals("these", StringComparison.OrdinalIgnoreCase)
                    || det.Equals("those", StringComparison.OrdinalIgnoreCase) || det.Equals("its", StringComparison.OrdinalIgnoreCase)
                    || det.Equals("their", StringComparison.OrdinalIgnoreCase) || det.Equals("such", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            // "repairs to military vehicles", "ammunition for infantry fighting vehicles": the item is named, not given.
            if (SupportFor().IsMatch(s.AsSpan(Math.Max(0, start - 40), Math.Min(40, start)))) continue;
            // "rounds of 40mm ammunition": the item runs on to what the rounds are of.
            var name = s[(lotStart >= 0 ? lotStart : modifiers.Count > 0 ? StartOfModifiers(s, m.Index, modifiers.Count) : m.Index)..end];
            var ofMatch = OfAmmunition().Match(s, end);
            if (ofMatch.Success && ofMatch.Index == end && headLower.StartsWith("round", StringComparison.Ordinal))
            {
                end = ofMatch.Index + ofMatch.Length;
                name = s[m.Index..end];
            }
            // "ammunition for infantry fighting vehicles": the platform names which ammunition.
            if (headLower is "ammunition" or "munitions" or "rounds" or "shells" && AmmunitionFor().Match(s, end) is { Success: true } af && af.Index == end)
            {
                name = s[(end - name.Length)..(af.Index + af.Length)];
                end = af.Index + af.Length;
            }
            into.Add(new OpenItem(start, end, Normalise(name), CategoryOf(headLower, name), quantity, article));
        }
        JoinCatchAllLots(s, into);
    }

    // Lots a count of supplies comes in: "60 pallets of ...", "two truckloads of ...".
    private static readonly HashSet<string> LotNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "pallets", "pallet", "boxes", "crates", "containers", "truckloads", "shipments", "consignments", "tonnes", "tons", "packages", "parcels",
    };

    // Heads that only name a lot of supplies by what it is for: "field equipment", "spare parts", "medical supplies".
    private static readonly HashSet<string> LotHeads = new(StringComparer.OrdinalIgnoreCase) { "equipment", "supplies", "parts", "spares", "gear" };

    private static bool HasLotHead(string name)
    {
        var i = name.Length;
        while (i > 0 && char.IsLetter(name[i - 1])) i--;
        return LotHeads.Contains(name[i..]);
    }

    /// <summary>
    /// "field equipment and spare parts", "radiation monitoring equipment and personal protective equipment", "explosive
    /// equipment and ammunition": supplies named by catch-all heads side by side are one lot, as a package list states it,
    /// not a pledge per head; the lot keeps the first one's count ("three pallets of ...").
    /// </summary>
    private static void JoinCatchAllLots(string s, List<OpenItem> into)
    {
        for (var k = into.Count - 1; k >= 0; k--)
        {
            var a = into[k];
            if (!HasLotHead(a.Name)) continue;
            var nameStart = a.End - a.Name.Length;
            if (nameStart < 0 || !s.AsSpan(nameStart, a.Name.Length).SequenceEqual(a.Name)) continue;
            var end = a.End;
            if (k + 1 < into.Count && into[k + 1] is var b && b.Quantity is null && (HasLotHead(b.Name) || b.Name.Equals("ammunition", StringComparison.OrdinalIgnoreCase))
                && IsLotJoint(s.AsSpan(a.End, Math.Max(0, b.Start - a.End))))
            {
                end = b.End;
                into.RemoveAt(k + 1);
            }
            else if (AndAmmunition().Match(s, end) is { Success: true } am && am.Index == end)
            {
                end += am.Length;
            }
            if (end == a.End) continue;
            into[k] = a with { End = end, Name = Normalise(s[nameStart..end]) };
        }
        for (var k = into.Count - 1; k >= 0; k--)
        {
            var a = into[k];
            if (a.Quantity is null && HasLotHead(a.Name) && IsCatchAllLot(s, a)) into.RemoveAt(k);
        }
    }

    /// <summary>
    /// An uncounted lot that only stands for "and so on": joined to a catch-all ("numerous equipment and medical supplies"),
    /// for unnamed things ("spare parts for various vehicles"), or a line in a list of areas money goes to ("funds will
    /// support the following areas: ...; medical equipment; ...").
    /// </summary>
    private static bool IsCatchAllLot(string s, OpenItem a)
    {
        var nameStart = Math.Max(0, a.End - a.Name.Length);
        if (CatchAllBefore().IsMatch(s.AsSpan(Math.Max(0, nameStart - 40), Math.Min(40, nameStart)))) return true;
        if (ForVariousAfter().Match(s, a.End) is { Success: true } fm && fm.Index == a.End) return true;
        var colon = s.LastIndexOf(':', Math.Max(0, nameStart - 1));
        return colon > 0 && AreasBefore().IsMatch(s.AsSpan(Math.Max(0, colon - 40), Math.Min(40, colon)));
    }

    [GeneratedRegex(@"\b(?:numerous|various|other|assorted|miscellaneous|sundry)\s+(?:equipment|supplies|items|goods|materiel|things)\s*(?:,\s*)?(?:and|as\s+well\s+as|plus)\s+$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CatchAllBefore();

    [GeneratedRegex(@"\G\s+for\s+(?:various|other|all\s+kinds\s+of|different|assorted|miscellaneous)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForVariousAfter();

    [GeneratedRegex(@"\b(?:areas|sectors|purposes|directions|priorities|fields|needs)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AreasBefore();

    [GeneratedRegex(@"\G\s+for\s+(?:(?:the|its|their)\s+)?(?:[\w-]+\s+){0,3}?(?:vehicles|carriers|tanks|howitzers|guns|launchers|jets|aircraft|helicopters)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmmunitionFor();

    private static bool IsLotJoint(ReadOnlySpan<char> gap) => gap.Trim() is "and" or "," or ", and" or "&";

    [GeneratedRegex(@"\G\s+and\s+ammunition\b(?!\s+(?:for|to|of)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AndAmmunition();

    [GeneratedRegex(@"\b(?:ammunition|rounds|munitions|shells|parts|spares|repairs?|maintenance|servicing|sustainment|training|crews|pilots)\s+(?:for|on|of|to)\s+(?:the\s+|its\s+|their\s+|various\s+|existing\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SupportFor();

    // "provide Ukraine with air-to-ground munitions": "with" after a verb of giving and its recipient introduces the gift.
    [GeneratedRegex(@"\b(?:provid\w*|suppl(?:y|ies|ied|ying)|equip\w*|arm(?:s|ed|ing)?|furnish\w*|help\w*|assist\w*)\s+(?:Ukraine|Kyiv|Kiev|it|them|(?:the\s+)?Ukrainian\s+[\w-]+(?:\s+[\w-]+)?)\s+with$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GiveWithBefore();

    [GeneratedRegex(@"\G\s+of\s+(?:[\w.\-]+\s+){0,3}?(?:ammunition|munitions|shells|rounds)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OfAmmunition();

    // "will ship", "to ship", "may ship": the verb, not a ship.
    private static readonly HashSet<string> Modals = new(StringComparer.OrdinalIgnoreCase)
    {
        "will", "to", "would", "may", "might", "could", "can", "shall", "should", "also", "then", "soon", "not", "must",
    };

    // Nouns a singular head word modifies ("tank maintenance", "drone production"): the head is an adjunct, not an item.
    private static readonly HashSet<string> AdjunctNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "maintenance", "repair", "repairs", "production", "industry", "manufacturing", "manufacturers", "makers", "support", "training",
        "crews", "crew", "pilots", "operators", "technology", "technologies", "parts", "components", "coalition", "capabilities",
        "capability", "programme", "program", "projects", "project", "factory", "plant", "sector", "fleet", "units", "brigade", "servicing",
        "sustainment", "procurement", "purchases", "deliveries", "exports", "imports", "attacks", "attack", "strikes", "strike",
    };

    /// <summary>Where a bracket of words ending right before <paramref name="pos"/> opens ("(Armoured Caterpillar Transport)"); -1 when none.
    /// A bracketed count ("(25,000)") is not skipped.</summary>
    private static int BracketedWordsBefore(string s, int pos)
    {
        var k = pos - 1;
        while (k >= 0 && s[k] == ' ') k--;
        if (k < 0 || s[k] != ')') return -1;
        var open = s.LastIndexOf('(', k);
        if (open <= 0 || k - open > 60) return -1;
        var letters = 0;
        for (var i = open + 1; i < k; i++)
        {
            if (char.IsLetter(s[i])) letters++;
        }
        return letters >= 4 ? open : -1;
    }

    private static bool IsVerbUse(string s, string head, int modifierCount, int headStart)
    {
        _ = modifierCount;
        if (head is not ("ship" or "ships")) return false;
        var (ws, we) = PreviousWord(s, headStart);
        return ws >= 0 && Modals.Contains(s[ws..we]);
    }

    /// <summary>"C$20 million for tank maintenance": a singular count noun before another noun modifies it.</summary>
    private static bool IsNounAdjunct(string s, string head, int end)
    {
        if (head.EndsWith('s') || head is "ammunition" or "equipment" or "gear" or "aircraft" or "supplies" or "body armour" or "body armor") return false;
        var i = end;
        while (i < s.Length && s[i] == ' ') i++;
        var j = i;
        while (j < s.Length && char.IsLetter(s[j])) j++;
        return j > i && AdjunctNouns.Contains(s[i..j]);
    }

    private static int StartOfModifiers(string s, int headStart, int count)
    {
        var pos = headStart;
        for (var i = 0; i < count; i++)
        {
            var (ws, _) = PreviousWord(s, pos);
            if (ws < 0) break;
            pos = ws;
        }
        return pos;
    }

    /// <summary>Whether the phrase is materiel worth recording rather than a catch-all or another sense of the word.</summary>
    private static bool Keep(string head, List<string> modifiers, string s, int end)
    {
        var telling = modifiers.Count(m => !Generic.Contains(m));
        if (head.StartsWith("system", StringComparison.Ordinal))
        {
            // "air defence systems", "radar systems", "robotic systems", "mast systems"; not "financial systems".
            return modifiers.Exists(m => m.Contains("defen", StringComparison.Ordinal) || m.Contains("missile", StringComparison.Ordinal)
                || m.Contains("radar", StringComparison.Ordinal) || m.Contains("rocket", StringComparison.Ordinal) || m.Contains("artillery", StringComparison.Ordinal)
                || m.Contains("robot", StringComparison.Ordinal) || m.Contains("mast", StringComparison.Ordinal) || m.Contains("jamming", StringComparison.Ordinal)
                || m.Contains("warfare", StringComparison.Ordinal) || m.Contains("surveillance", StringComparison.Ordinal) || m.Contains("weapon", StringComparison.Ordinal)
                || m.Contains("drone", StringComparison.Ordinal) || m.Contains("uas", StringComparison.Ordinal) || m.Contains("tank", StringComparison.Ordinal)
                || m.Contains("aircraft", StringComparison.Ordinal) || m.Contains("launch", StringComparison.Ordinal) || m.Contains("communication", StringComparison.Ordinal));
        }
        if (head is "equipment" or "supplies" or "gear") return telling > 0;
        if (head.StartsWith("tank", StringComparison.Ordinal))
        {
            // "think tank", "fuel tanks", "tanks of fuel".
            return !modifiers.Exists(m => m is "think" or "fuel" or "water" or "oil" or "gas" or "storage" or "septic");
        }
        if (head.StartsWith("machine", StringComparison.Ordinal)) return telling > 0 && !modifiers.Contains("war");
        if (head.StartsWith("mine", StringComparison.Ordinal))
        {
            return modifiers.Exists(m => m.Contains("tank", StringComparison.Ordinal) || m.Contains("personnel", StringComparison.Ordinal) || m.Contains("naval", StringComparison.Ordinal) || m.Contains("sea", StringComparison.Ordinal));
        }
        if (head.StartsWith("round", StringComparison.Ordinal) || head.StartsWith("shell", StringComparison.Ordinal))
        {
            // "rounds of talks", "the 22nd round of aid": only ammunition rounds are items.
            if (modifiers.Exists(m => m.Contains("mm", StringComparison.Ordinal) || m.Contains("artillery", StringComparison.Ordinal) || m.Contains("ammunition", StringComparison.Ordinal)
                || m.Contains("calib", StringComparison.Ordinal) || m.Contains("mortar", StringComparison.Ordinal) || m.Contains("tank", StringComparison.Ordinal) || m.Contains("howitzer", StringComparison.Ordinal)))
            {
                return true;
            }
            return OfAmmunition().Match(s, end) is { Success: true } om && om.Index == end || head.StartsWith("shell", StringComparison.Ordinal);
        }
        if (head.StartsWith("jet", StringComparison.Ordinal) || head.StartsWith("plane", StringComparison.Ordinal) || head == "aircraft")
        {
            return modifiers.Count == 0 || !modifiers.Exists(m => m is "private" or "passenger" or "commercial" or "civilian");
        }
        if (head.StartsWith("ship", StringComparison.Ordinal) || head.StartsWith("vessel", StringComparison.Ordinal))
        {
            return !modifiers.Exists(m => m is "grain" or "cargo" or "container" or "merchant");
        }
        if (head.StartsWith("hospital", StringComparison.Ordinal)) return modifiers.Contains("field") || modifiers.Contains("mobile");
        if (head.StartsWith("kit", StringComparison.Ordinal) || head.StartsWith("suit", StringComparison.Ordinal) || head.StartsWith("camera", StringComparison.Ordinal)
            || head.StartsWith("detector", StringComparison.Ordinal))
        {
            return telling > 0;
        }
        return true;
    }

    private static (int Start, int End) PreviousWord(string s, int pos)
    {
        var i = pos - 1;
        while (i >= 0 && s[i] == ' ') i--;
        if (i < 0) return (-1, -1);
        var end = i + 1;
        // "(25,000)": a count in brackets.
        if (s[i] == ')')
        {
            var open = s.LastIndexOf('(', i);
            return open >= 0 && i - open <= 14 ? (open, i + 1) : (-1, -1);
        }
        while (i >= 0 && (char.IsLetterOrDigit(s[i]) || s[i] is '-' or '‑' or '/' or '.' or ',' or '\'' or '’')) i--;
        var start = i + 1;
        // A trailing comma or full stop belongs to the punctuation, not the word: "tanks, trucks".
        if (start >= end) return (-1, -1);
        if (s[end - 1] is ',' or '.' && end - 1 > start && !char.IsDigit(s[end - 2])) return (-1, -1);
        return (start, end);
    }

    /// <summary>
    /// A count before a catalog name that the catalog's own quantity pattern does not read: "(25,000) 155mm artillery rounds",
    /// "(3) AN/TPQ-36 counter-artillery radars" (a bracketed count, then a model or calibre).
    /// </summary>
    public static bool TryCountBefore(string s, int pos, out long n, out int start)
    {
        n = 0;
        start = pos;
        for (var k = 0; k < 3; k++)
        {
            var (ws, we) = PreviousWord(s, pos);
            if (ws < 0) return false;
            var w = s.AsSpan(ws, we - ws);
            if ((w[0] == '(' || (k == 0 && char.IsDigit(w[0]) && w.IndexOfAny('-', '–') > 0)) && TryCount(s, ws, we, out n, out start)) return true;
            // Skip a model or calibre ("155mm", "AN/TPQ-36"): letters with digits.
            if (w.IndexOfAnyInRange('0', '9') < 0 || !char.IsLetterOrDigit(w[^1]) || IsNumber(w.ToString())) return false;
            pos = ws;
        }
        return false;
    }

    private static bool IsCompound(string s, int from, int to)
    {
        if (to <= from || to - from > 24) return false;
        var words = 0;
        var inWord = false;
        for (var i = from; i < to; i++)
        {
            var c = s[i];
            if (c == ' ')
            {
                inWord = false;
                continue;
            }
            if (!char.IsLower(c) && c != '-') return false;
            if (!inWord)
            {
                words++;
                inWord = true;
            }
        }
        if (words > 1) return false;
        // "tanks and trucks" is a list, not a compound.
        var between = s.AsSpan(from, to - from).Trim();
        return !(between is "and" or "or" or "with" or "for" or "to" or "of" or "in" or "from" or "plus" or "as");
    }

    private static bool IsOnlySpace(string s, int from, int to)
    {
        if (to <= from) return false;
        for (var i = from; i < to; i++)
        {
            if (s[i] != ' ') return false;
        }
        return true;
    }

    private static bool IsNumber(string w)
    {
        if (w.Length == 0 || !char.IsDigit(w[0])) return false;
        foreach (var c in w)
        {
            if (!char.IsDigit(c) && c is not ',' and not '.') return false;
        }
        return true;
    }

    private static bool TryCount(string s, int ws, int we, out long n, out int start)
    {
        n = 0;
        start = ws;
        var w = s[ws..we].Trim('(', ')');
        decimal scale = 1;
        if (w is "million" or "thousand")
        {
            scale = w == "million" ? 1_000_000 : 1_000;
            var (ps, pe) = PreviousWord(s, ws);
            if (ps < 0) return false;
            w = s[ps..pe];
            start = ps;
            if (w is "a" && PreviousWord(s, ps) is var (hs, he) && hs >= 0 && s.AsSpan(hs, he - hs) is var hw
                && (hw.Equals("half", StringComparison.OrdinalIgnoreCase) || hw.Equals("quarter", StringComparison.OrdinalIgnoreCase)))
            {
                // "half a million rounds", "a quarter of a million": the fraction, not one million.
                w = hw.Equals("half", StringComparison.OrdinalIgnoreCase) ? "0.5" : "0.25";
                start = hs;
            }
            else if (w is "a" or "one") w = "1";
            else if (w == "quarter")
            {
                // "a quarter million", "a quarter-million".
                w = "0.25";
            }
        }
        else if (w.EndsWith("-million", StringComparison.OrdinalIgnoreCase) && w.StartsWith("quarter", StringComparison.OrdinalIgnoreCase))
        {
            w = "0.25";
            scale = 1_000_000;
        }
        // "6-12 Caesar howitzers": a range counts its lower bound.
        var dash = w.IndexOfAny(['-', '–']);
        if (dash > 0 && IsNumber(w[..dash]) && IsNumber(w[(dash + 1)..])) w = w[..dash];
        if (IsNumber(w))
        {
            if (!NumberWords.TryParseDigits(w.TrimEnd(',', '.'), out var d)) return false;
            // A bare four-digit year is a date, not a count.
            if (scale == 1 && w.Length == 4 && d is >= 1900 and <= 2100) return false;
            d *= scale;
            if (d < 1 || d != decimal.Truncate(d) || d > 100_000_000) return false;
            n = (long)d;
            // "50,000 to 100,000 shells": the lower bound.
            var (ts, te) = PreviousWord(s, start);
            if (ts >= 0 && s.AsSpan(ts, te - ts).Equals("to", StringComparison.OrdinalIgnoreCase))
            {
                var (ls, le) = PreviousWord(s, ts);
                if (ls >= 0 && IsNumber(s[ls..le]) && NumberWords.TryParseDigits(s[ls..le], out var low) && low >= 1 && low < d)
                {
                    n = (long)low;
                    start = ls;
                }
            }
            return true;
        }
        if (NumberWords.TryParse(w, out var v) && v >= 2 && v == decimal.Truncate(v))
        {
            n = (long)(v * scale);
            return true;
        }
        if (w.Length == 4 && w.Equals("0.25", StringComparison.Ordinal))
        {
            n = (long)(0.25m * scale);
            return true;
        }
        return false;
    }

    private static string Normalise(string name)
    {
        var t = name.Trim().Replace('\n', ' ');
        return t.Length > 80 ? t[..80] : t;
    }

    /// <summary>The ledger category of an item, from its head noun (and a telling modifier).</summary>
    private static string CategoryOf(string head, string name)
    {
        var n = name.ToLowerInvariant();
        if (n.Contains("air defen", StringComparison.Ordinal) || n.Contains("anti-air", StringComparison.Ordinal) || head.StartsWith("interceptor", StringComparison.Ordinal)) return "air_defence";
        if (n.Contains("anti-tank", StringComparison.Ordinal) || n.Contains("anti-armo", StringComparison.Ordinal)) return "anti_tank";
        if (head.StartsWith("round", StringComparison.Ordinal) || head.StartsWith("shell", StringComparison.Ordinal) || head.StartsWith("munition", StringComparison.Ordinal)
            || head == "ammunition" || head.StartsWith("grenade", StringComparison.Ordinal))
        {
            return n.Contains("loitering", StringComparison.Ordinal) ? "drones" : "ammunition";
        }
        if (head.StartsWith("drone", StringComparison.Ordinal) || head.StartsWith("uav", StringComparison.Ordinal) || head.Contains("copter", StringComparison.Ordinal)) return "drones";
        if (head.StartsWith("radar", StringComparison.Ordinal)) return "radar";
        if (head.StartsWith("missile", StringComparison.Ordinal) || head.StartsWith("rocket", StringComparison.Ordinal)) return "missiles";
        if (head.StartsWith("boat", StringComparison.Ordinal) || head.StartsWith("ship", StringComparison.Ordinal) || head.StartsWith("vessel", StringComparison.Ordinal)
            || head.StartsWith("minehunter", StringComparison.Ordinal))
        {
            return "naval";
        }
        if (head.StartsWith("helicopter", StringComparison.Ordinal)) return "helicopters";
        if (head.StartsWith("jet", StringComparison.Ordinal) || head.StartsWith("plane", StringComparison.Ordinal) || head == "aircraft") return "aircraft";
        if (head.StartsWith("tank", StringComparison.Ordinal)) return "tanks";
        if (head.StartsWith("howitzer", StringComparison.Ordinal) || head.StartsWith("mortar", StringComparison.Ordinal) || (head.StartsWith("gun", StringComparison.Ordinal) && n.Contains("artillery", StringComparison.Ordinal))) return "artillery";
        if (head.StartsWith("launcher", StringComparison.Ordinal) && n.Contains("rocket", StringComparison.Ordinal)) return "mlrs";
        if (head.StartsWith("carrier", StringComparison.Ordinal) || head is "apc" or "apcs" or "ifv" or "ifvs" || ((head.StartsWith("vehicle", StringComparison.Ordinal))
            && (n.Contains("armo", StringComparison.Ordinal) || n.Contains("infantry", StringComparison.Ordinal) || n.Contains("combat", StringComparison.Ordinal) || n.Contains("protected", StringComparison.Ordinal))))
        {
            return "armoured_vehicles";
        }
        if (head.StartsWith("vehicle", StringComparison.Ordinal) || head.StartsWith("truck", StringComparison.Ordinal) || head.StartsWith("trailer", StringComparison.Ordinal)
            || head.StartsWith("ambulance", StringComparison.Ordinal) || head.StartsWith("bulldozer", StringComparison.Ordinal) || head.StartsWith("excavator", StringComparison.Ordinal)
            || head.StartsWith("loader", StringComparison.Ordinal) || head.StartsWith("tractor", StringComparison.Ordinal) || head.StartsWith("pickup", StringComparison.Ordinal))
        {
            return "vehicles";
        }
        if (head.StartsWith("helmet", StringComparison.Ordinal) || head.StartsWith("vest", StringComparison.Ordinal) || head.StartsWith("goggle", StringComparison.Ordinal)
            || head.StartsWith("mask", StringComparison.Ordinal) || head.StartsWith("armour", StringComparison.Ordinal) || head.StartsWith("armor", StringComparison.Ordinal))
        {
            return "protective_gear";
        }
        if (head.StartsWith("rifle", StringComparison.Ordinal) || head.StartsWith("pistol", StringComparison.Ordinal) || head.StartsWith("gun", StringComparison.Ordinal)
            || head.StartsWith("launcher", StringComparison.Ordinal))
        {
            return "small_arms";
        }
        if (head.StartsWith("generator", StringComparison.Ordinal) || head.StartsWith("tent", StringComparison.Ordinal) || head.StartsWith("kit", StringComparison.Ordinal))
        {
            return "supplies";
        }
        return "other";
    }
}
