using System.Text.RegularExpressions;

namespace PledgeLedger.Extraction;

/// <summary>
/// The word lists that decide status, period, aid type, and whether a sentence can hold a pledge at all.
/// Each list is a general reading rule of news English, not a rule for particular sentences.
/// </summary>
internal static partial class Cues
{
    private const string RefusalPattern =
        @"\b(?:refus\w*|reject\w*|declin\w*\s+to|veto\w*|blocks?|blocked|blocking|halt\w*|suspend\w*|fail(?:s|ed)?\s+to|" +
        @"oppos(?:es|ed|ing)|no\s+plans?\s+to|no\s+intention|not\s+on\s+the\s+cards|rul(?:es|ed|ing)\s+out|not\s+(?:\w+\s+)?(?:provide|send|supply|deliver|give|pledge|transfer|allocate|commit|fund)|" +
        @"(?:won't|won’t|wouldn't|wouldn’t|cannot|can't|can’t|doesn't|doesn’t|didn't|didn’t)\s+(?:\w+\s+)?(?:provide|send|supply|deliver|give|pledge|transfer|allocate|commit|fund))";

    private const string TrapPattern =
        @"\b(?:fraud\w*|embezzl\w*|brib\w*|corrupt\w*|smuggl\w*|launder\w*|stole|stolen|theft|kickbacks?|" +
        // "hit by the war" describes who receives aid ("communities hit by the war"), not a loss ("a tank hit by a drone").
        @"destroy\w*|hit(?!\s+(?:hard\s+)?by\s+(?:the\s+)?(?:war|conflict|crisis|invasion|floods?|disaster|earthquake)\b)|hits|struck|shot\s+down|downed|damag\w*|wreck\w*|losses|casualt\w*|killed|wounded|injured|dead|death\s+toll|" +
        @"GDP|prices?|priced|inflation|revenues?|(?<!windfall\s)profits?|exports?|imports?|" +
        @"(?:defen[cs]e|military|state|federal|national)\s+(?:budgets?|spending|expenditures?)(?!\s+support)|budget\s+deficit|" +
        @"ransom|bounty|reward|fined|salar(?:y|ies)|wages?|pensions?|sold|sells?|selling|contracts?\s+with|ordered\s+from|bought\s+from|" +
        @"captured|seized|confiscat\w*|trophy|(?:potential|possible|proposed|approved)\s+(?:\w+\s+){0,2}sales?|Foreign\s+Military\s+Sales?|FMS|" +
        // A donor's own procurement or stocks: "to replace its ageing fleet", "replenish its own stocks".
        @"replenish\w*|(?:replace|replacing)\s+(?:its|their)|(?:its|their)\s+own\s+(?:forces|military|army|armed|stocks?|fleet|inventor\w*|defen[cs]e))\b";

    // Stems every trap or refusal match contains (no space in them: the patterns' \s is any white space): a vectorised
    // search for them skips the big regexes on most texts. The sentence rules use the gated forms (TrapWords, RefusalWords).
    private static readonly System.Buffers.SearchValues<string> TrapOrRefusalStems = System.Buffers.SearchValues.Create(
    [
        "refus", "reject", "declin", "intention", "cards", "rul", "veto", "block", "halt", "suspend", "fail", "oppos", "plan", "not", "n't", "n’t", "cannot",
        "fraud", "embezzl", "brib", "corrupt", "smuggl", "launder", "stole", "theft", "kickback", "destroy", "hit", "struck", "shot",
        "downed", "damag", "wreck", "losses", "casualt", "killed", "wounded", "injured", "dead", "death", "gdp", "price", "inflation",
        "revenue", "profit", "export", "import", "budget", "spending", "expenditure", "ransom", "bounty", "reward", "fined", "salar",
        "wage", "pension", "sold", "sell", "contract", "ordered", "bought", "captured", "seized", "confiscat", "trophy",
        "sale", "fms", "replenish", "replac", "own",
    ], StringComparison.OrdinalIgnoreCase);

    /// <summary>A subordinating word that opens an aside ("announced after ...", "as ...", "which ...").</summary>
    [GeneratedRegex(@"^\s*(?:[\w-]+\s+){0,2}?(?:after|as|when|while|following|amid|since|which|who|despite|because|where|weeks?|days?\s+after)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex AsideOpener();

    /// <summary>Whether a call or appeal on others ("called for", "urged allies", "appealed to") comes before <paramref name="at"/>.</summary>
    public static bool AppealBefore(string sentence, int at)
    {
        var m = Appeal().Match(sentence);
        return m.Success && m.Index < at;
    }

    [GeneratedRegex(@"\b(?:call(?:s|ed|ing)?\s+(?:on|for|upon)|urg(?:es|ed|ing)|appeal(?:s|ed|ing)?\s+(?:to|for))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Appeal();

    private static readonly System.Buffers.SearchValues<string> CollectiveStems = System.Buffers.SearchValues.Create(
    [
        "allies", "supporters", "partners", "nations", "countries", "member states", "donors", "contact group", "participants",
    ], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where a many-donor subject gives ("allies pledged", "supporters have committed", "this Contact Group has generated",
    /// "Various nations ... pledged to donate"): the end of the first such clause, else -1. A sum it governs is the total
    /// of many donors at one event, not one donor's pledge.
    /// </summary>
    public static (int Start, int End) CollectiveGiving(string sentence)
    {
        if (sentence.AsSpan().IndexOfAny(CollectiveStems) < 0) return (-1, -1);
        var m = CollectiveGivingPattern().Match(sentence);
        return m.Success ? (m.Index, m.Index + m.Length) : (-1, -1);
    }

    [GeneratedRegex(@"\b(?:allies|supporters|partners|nations|countries|member\s+states|donors|Contact\s+Group|participants)\b(?:\s+(?:and\s+)?[\w-]+){0,3}?\s+(?:(?:have|has|had|will|would|jointly|together|collectively|also)\s+)*(?:pledged|committed|promised|generated|offered|announced|mobili[sz]ed)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CollectiveGivingPattern();

    private static readonly System.Buffers.SearchValues<string> TotalStems = System.Buffers.SearchValues.Create(
    [
        "since", "so far", "to date", "thus far", "in total", "altogether", "total", "overall", "cumulative", "largest", "until now", "up to now",
    ], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the sentence reports a running total for all it counts: a perfect verb of giving with "since ...",
    /// "so far", "to date", "in total" ("has provided EUR 5 bn since 2022", "has now committed $4.5 bn since ...").
    /// </summary>
    public static bool IsRunningTotal(string sentence) =>
        sentence.AsSpan().IndexOfAny(TotalStems) >= 0 && TotalSpan().IsMatch(sentence) && PerfectGiving().IsMatch(sentence);

    /// <summary>Whether the text holds a word of running totals ("since 2022", "so far", "to date", "in total").</summary>
    public static bool HasTotalSpan(string text) => text.AsSpan().IndexOfAny(TotalStems) >= 0 && TotalSpan().IsMatch(text);

    /// <summary>Whether the sum or count right after <paramref name="before"/> is the total a package brings a donor to.</summary>
    public static bool IsTotalAfter(ReadOnlySpan<char> before) => before.IndexOfAny(TotalBeforeStems) >= 0 && TotalBefore().IsMatch(before);

    private static readonly System.Buffers.SearchValues<string> TotalBeforeStems = System.Buffers.SearchValues.Create(
    [
        "bring", "brought", "rais", "take", "taking", "took", "bolster", "lift", "increas", "total", "overall", "cumulative", "largest", "reached",
    ], StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\b(?:since\s+(?:the\s+(?:start|beginning|outbreak|onset)|(?:late\s+|early\s+)?(?:January|February|March|2014|2022|2023|Russia|the\s+full|then|its)|\d{4})|(?<!(?:largest|biggest|most|first|only)\s+(?:[\w-]+\s+){0,2})so\s+far|to\s+date|thus\s+far|in\s+total|altogether|until\s+now|up\s+to\s+now|overall)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TotalSpan();

    [GeneratedRegex(@"\b(?:has|have|had)\s+(?:now\s+|already\s+|so\s+far\s+|thus\s+far\s+|previously\s+)?(?:provided|given|committed|pledged|allocated|sent|delivered|supplied|spent|contributed|disbursed|donated|transferred|approved|earmarked|mobili[sz]ed)\b|\b(?:has|have)\s+(?:reached|amounted|totall?ed)\b|\b(?:total|overall|cumulative)\s+(?:\w+\s+){0,3}(?:has|have|is|was|stands|reached|amounts?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PerfectGiving();

    // "brings Denmark's total support to", "bolsters Australia's support for Ukraine to", "total ... has reached", "the largest supporter with".
    [GeneratedRegex(@"(?:(?:brings?|bringing|brought|raises?|raising|raised|takes?|taking|took|bolster\w*|lifts?|lifting|increas\w*)\s+(?:[\w'’-]+\s+){0,6}?to|(?:total|overall|cumulative)\s+(?:[\w'’-]+\s+){0,5}?(?:to|of|at|reached|reaching|is|was|stands\s+at|amounts?\s+to)|largest\s+(?:[\w-]+\s+){0,2}with|(?:has|have)\s+reached)\s+(?:(?:more\s+than|over|about|around|some|nearly|almost|approximately|roughly|at\s+least|an\s+estimated)\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TotalBefore();

    private static readonly System.Buffers.SearchValues<string> ProposedStems = System.Buffers.SearchValues.Create(
    [
        "propos", "plan", "suggest", "consider", "mull", "call", "urg", "ask", "could", "may", "intend", "envisag", "draft", "want", "should",
        "expected", "set", "likely", "poised", "would", "studying", "preparing", "talks", "negotiat", "close", "bill", "legislation", "house", "senate",
    ], StringComparison.OrdinalIgnoreCase);

    private static readonly System.Buffers.SearchValues<string> PeriodStems =
        System.Buffers.SearchValues.Create(["year", "annu"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the sentence proposes rather than pledges (stem search first).</summary>
    public static bool Proposes(string sentence) => sentence.AsSpan().IndexOfAny(ProposedStems) >= 0 && Proposed().IsMatch(sentence);

    /// <summary>The multi-year wording of the sentence, if any ("5-year", "over five years", "for 2024-2027").</summary>
    public static Match? MultiYearIn(string sentence)
    {
        if (sentence.AsSpan().IndexOfAny(PeriodStems) < 0 && !Dates.HasYear(sentence)) return null;
        var m = MultiYear().Match(sentence);
        return m.Success ? m : null;
    }

    /// <summary>Whether the sentence says "a year", "annually", "per annum" ...</summary>
    public static bool IsAnnual(string sentence) => sentence.AsSpan().IndexOfAny(PeriodStems) >= 0 && Annual().IsMatch(sentence);

    private static readonly System.Buffers.SearchValues<string> RecallStems = System.Buffers.SearchValues.Create(
    [
        "previously", "earlier", "last", "had", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "reported",
    ], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the sentence only recalls an earlier pledge or delivery ("Australia has previously provided ...", "In March,
    /// Berlin also delivered ...", "had promised", "last month"): background, not the document's new pledge.
    /// </summary>
    public static bool Recalls(string sentence) => sentence.AsSpan().IndexOfAny(RecallStems) >= 0 && Recall().IsMatch(sentence);

    private const string RecallPattern =
        @"\b(?:previously|earlier\s+this\s+(?:year|month|week)|last\s+(?:year|month|week|spring|summer|autumn|fall|winter)|as\s+reported|" +
        @"had\s+(?:already\s+)?(?:pledged|promised|sent|provided|delivered|given|supplied|donated|announced|committed|allocated|transferred|received)|" +
        @"^\W*In\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b(?:\s+\d{4})?\s*,)";

    [GeneratedRegex(RecallPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Recall();

    /// <summary>Whether a trap or a refusal cancels the sentence (a cheap stem search first, the regexes only if it hits).</summary>
    public static bool Cancels(string sentence) =>
        sentence.AsSpan().IndexOfAny(TrapOrRefusalStems) >= 0 && (Trap().IsMatch(sentence) || Refusal().IsMatch(sentence));

    [GeneratedRegex(@"\G" + TrapPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex TrapAt();

    [GeneratedRegex(@"\G" + RefusalPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex RefusalAt();

    // A refusal or negation cancels the sentence: "refusing to provide", "won't send", "blocks the tranche".
    [GeneratedRegex(
        RefusalPattern,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Refusal();

    // Sentences about losses, crime, prices and economies: their sums and counts are never pledges.
    [GeneratedRegex(
        TrapPattern,
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Trap();

    // The proposal pattern's alternatives that start with a letter; the one that starts with an apostrophe ("Berlin's
    // plan") sits between them in Proposed and is looked for on its own in the gated form (PossessivePlan).
    private const string ProposedHead = @"propos\w*|plan(?:s|ned|ning)?\s+to|plan\s+(?:for|to|of)|";

    private const string ProposedTail =
        @"a\s+plan|suggest\w*|consider\w*|mull\w*|" +
        @"call(?:s|ed|ing)?\s+(?:on|for|upon)|urg(?:es|ed|ing)|ask(?:s|ed|ing)?\s+(?:allies|members|partners|countries|states)|" +
        @"could\s+(?:provide|send|give|supply)|may\s+(?:provide|send|give|supply)|intend\w*\s+to|envisag\w*|draft\w*|" +
        @"wants?\s+(?:allies|members|partners|countries)|should\s+(?:provide|allocate|spend|give|receive|get)|" +
        @"(?:is|are|was|were)\s+(?:expected|set|likely|poised)\s+to|could\s+include|would\s+include|may\s+include|studying|" +
        @"preparing|under\s+consideration|in\s+talks|negotiat\w*|close\s+to\s+(?:reaching|a\s+deal)|bills?\b|legislation|(?:House|Senate)\s+(?:passed|voted|approved)|" +
        @"passed\s+(?:by\s+)?the\s+(?:House|Senate)|sending\s+the\s+bill";

    [GeneratedRegex(@"\b(?:" + ProposedHead + @"(?:'s|’s)\s+plan|" + ProposedTail + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Proposed();

    private const string DeliveredPattern =
        @"\b(?:delivered|disburse(?:d|ment|ments)|transferred|handed\s+over|shipped|arrived|received|collected|distributed|" +
        @"(?:has|have|had)\s+(?:already\s+)?(?:sent|provided|given|supplied|donated|allocated|transferred|delivered|disbursed|paid)|" +
        @"(?:was|were|been)\s+(?:sent|delivered|provided|handed|transferred|disbursed|supplied|paid)|" +
        @"already|sent|provided(?!\s+that))\b";

    [GeneratedRegex(DeliveredPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Delivered();

    private const string PledgedPattern =
        @"\b(?:pledg\w*|commit(?:s|ted|ting|ments?)?|promis\w*|vow\w*|announc\w*|offer\w*|packages?|tranches?|" +
        @"donat\w*|grant(?:s|ed|ing)?|unveil\w*|contribut\w*|agree(?:s|d)?\s+to|" +
        @"(?:will|to|would|shall|set\s+to|ready\s+to|prepared\s+to)\s+(?:also\s+)?(?:provide|send|supply|deliver|give|transfer|fund|finance|buy|purchase|hand\s+over|train|receive|get|ship|share|take\s+on|cover)|" +
        @"provides?|providing|sends?|sending|supply|supplies|supplying|gives?|giving|delivers|delivering|funds|funding|funded|financ\w*|" +
        @"purchas\w*|buy|buys|buying|bought|to\s+deliver|joins|mobili[sz]\w*|boost\w*|add\w*\s+(?:another|more)|gift(?:s|ed|ing)?|hand(?:s|ed|ing)?\s+over)\b";

    [GeneratedRegex(PledgedPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Pledged();

    private const string AllocatedPattern =
        @"\b(?:allocat\w*|approv(?:e|es|ed|ing|al)|earmark\w*|authori[sz](?:ed|es|ation|ing)|drawdown|draw\s+down|set\s+aside|reserved|" +
        @"sign(?:s|ed|ing)?|adopt(?:s|ed)|decided|decision|agreed|allott\w*|allots?)\b";

    // A formal decision or instrument: a drawdown authorisation, "approved", "earmarked", "allocates", a signed agreement.
    [GeneratedRegex(AllocatedPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Allocated();

    // "will be sent", "to be delivered": a future passive promises what the past participle would report as done.
    [GeneratedRegex(@"\b(?:will|to|would|shall|should|is\s+set\s+to)\s+(?:also\s+|soon\s+|then\s+)?be\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex FuturePassiveBefore();

    // A request is not a promise: "Ukraine asks the EU for EUR 50 bn" pledges nothing unless a verb of giving follows.
    private const string RequestPattern =
        @"\b(?:asks?|asked|asking|requests?|requested|requesting|appeal(?:s|ed)?|seeks?|sought|needs?|wants?|hopes?|expects?)\b";

    [GeneratedRegex(RequestPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Request();

    private const string WeakPattern =
        @"\b(?:aid|assistance|support|help|loan|loans|grant|fund|contribution|donation|relief)\b";

    // Weak: the sentence speaks of aid but has no verb of giving ("Australia's AUD 20 mln aid for Ukraine").
    [GeneratedRegex(WeakPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Weak();

    [GeneratedRegex(@"\b(?:annual(?:ly)?|a\s+year|per\s+year|each\s+year|every\s+year|yearly|per\s+annum|a-year)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Annual();

    [GeneratedRegex(
        @"\b(?:(?<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)[\s-]years?(?![\s-]old)(?!\s+(?:ago|since|after|later|of\s+war))" +
        @"|over\s+(?:the\s+)?(?:next\s+|coming\s+)?(?<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+years" +
        @"|(?:for|in|during|over|from)\s+(?:the\s+)?(?:years?\s+|period\s+)?(?<y1>20\d\d)\s*(?:-|–|—|to|through|until|and)\s*(?<y2>(?:20)?\d\d)(?!\d))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex MultiYear();

    private const string MilitaryPattern =
        @"\b(?:military|weapons?|arms|defen[cs]e|security\s+assistance|ammunition|munitions?|air\s+defen[cs]e|armou?red|artillery)\b";

    [GeneratedRegex(MilitaryPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Military();

    private const string FinancialPattern =
        @"\b(?:financial|budget(?:ary)?\s+support|macro-?financial|loans?|budget|grants?|fiscal|ERA\s+loans?|Ukraine\s+Facility)\b";

    [GeneratedRegex(FinancialPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Financial();

    private const string HumanitarianPattern =
        @"\b(?:humanitarian|relief|refugees?|food|medical|medicine|shelter|winteri[sz]ation|energy\s+(?:aid|support|equipment)|generators?)\b";

    [GeneratedRegex(HumanitarianPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Humanitarian();

    // "each pledged", "each committed", "EUR 1 bn each": a list of donors that each give the sum.
    [GeneratedRegex(@"\b(?:each|apiece|respectively|every\s+one\s+of\s+them)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Distributive();

    // A sentence that only continues the previous one: "Including 30 F-16 jets ...", "Among them ...".
    [GeneratedRegex(@"^\W*(?:including|includes|this\s+includes|that\s+includes|it\s+includes|among\s+them|among\s+these|plus|as\s+well\s+as|along\s+with|together\s+with|in\s+addition|also)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Continuation();

    // The nouns before "worth" that make the sum an aid value ("package worth AUD20 mln"), not a price ("radar worth $100 mln").
    [GeneratedRegex(@"\b(?:package|aid|support|assistance|tranche|drawdown|contribution|loan|grant|deal|agreement|weapons|arms|equipment|ammunition|shipment|deliver(?:y|ies)|programme|program|fund|funding|help|money|donation|military|humanitarian|financial|missiles|rockets|shells|rounds|drones|vehicles|munitions|interceptors|materiel|materials?)[\s,]+(?:\w+[\s,]+){0,2}(?:(?:is|was|are|were|totals?|totalling)\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex AidNounBeforeWorth();

    // The status verbs anchored, for the gated forms below (see PrefixGate).
    [GeneratedRegex(@"\G" + DeliveredPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex DeliveredAt();

    [GeneratedRegex(@"\G" + PledgedPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex PledgedAt();

    [GeneratedRegex(@"\G" + AllocatedPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex AllocatedAt();

    [GeneratedRegex(@"\G" + WeakPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex WeakAt();

    // Recipients other than Ukraine: "to Israel", "for Taiwan".
    [GeneratedRegex(@"\b(?:Ukrain\w*|Kyiv|Kiev|Zelensk\w*)", RegexOptions.CultureInvariant)]
    public static partial Regex UkraineMention();
    // The word-led patterns tried only at the words that can start them (see PrefixGate): each anchored form is its plain
    // pattern after \G, and each gate lists the prefixes of every alternative's first word.
    // PrefixGateTests holds each to its plain pattern over crafted phrases, the labelled sentences and ../shared/realnews.

    [GeneratedRegex(@"\G" + RecallPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RecallAt();

    /// <summary>The recall words; "in$" covers the pattern's "In March," at the sentence start.</summary>
    public static readonly GatedPattern RecallWords = new(Recall(), RecallAt(), new PrefixGate("previously", "earlier", "last", "as$", "had", "in$"));

    /// <summary>As <see cref="Recalls(string)"/> on the sentence's words.</summary>
    public static bool Recalls(WordKeys keys) => RecallWords.IsMatch(keys);

    public static readonly GatedPattern TrapWords = new(Trap(), TrapAt(), new PrefixGate(
        "fraud", "embezzl", "brib", "corrupt", "smuggl", "launder", "stole", "theft", "kickback", "destroy", "hit", "struck", "shot", "downed",
        "damag", "wreck", "losses", "casualt", "killed", "wounded", "injured", "dead", "death", "gdp", "price", "inflation", "revenue", "profit",
        "export", "import", "defence", "defense", "military", "state", "federal", "national", "budget", "ransom", "bounty", "reward", "fined",
        "salar", "wage", "pension", "sold", "sell", "contract", "ordered", "bought", "captured", "seized", "confiscat", "trophy", "potential",
        "possible", "proposed", "approved", "foreign", "fms", "replenish", "replac", "its", "their"));

    public static readonly GatedPattern RefusalWords = new(Refusal(), RefusalAt(), new PrefixGate(
        "refus", "reject", "declin", "veto", "block", "halt", "suspend", "fail", "oppos", "no$", "not", "rul", "won", "wouldn", "cannot", "can",
        "doesn", "didn"));

    /// <summary>As <see cref="Cancels(string)"/> on the sentence's words (no stem search: the gates sieve the words).</summary>
    public static bool Cancels(WordKeys keys) => TrapWords.IsMatch(keys) || RefusalWords.IsMatch(keys);

    public static readonly GatedPattern DeliveredWords = new(Delivered(), DeliveredAt(), new PrefixGate(
        "delivered", "disburse", "transferred", "handed", "shipped", "arrived", "received", "collected", "distributed", "has", "have", "had",
        "was", "were", "been", "already", "sent", "provided"));

    public static readonly GatedPattern PledgedWords = new(Pledged(), PledgedAt(), new PrefixGate(
        "pledg", "commit", "promis", "vow", "announc", "offer", "package", "tranche", "donat", "grant", "unveil", "contribut", "agree", "will",
        "to$", "would", "shall", "set", "ready", "prepared", "provid", "send", "suppl", "giv", "deliver", "fund", "financ", "purchas", "buy",
        "bought", "joins", "mobili", "boost", "add", "gift", "hand"));

    public static readonly GatedPattern AllocatedWords = new(Allocated(), AllocatedAt(), new PrefixGate(
        "allocat", "approv", "earmark", "authori", "draw", "set", "reserved", "sign", "adopt", "decided", "decision", "agreed", "allot"));

    public static readonly GatedPattern WeakWords = new(Weak(), WeakAt(), new PrefixGate(
        "aid", "assistance", "support", "help", "loan", "grant", "fund", "contribution", "donation", "relief"));

    [GeneratedRegex(@"\G\b(?:" + ProposedHead + ProposedTail + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProposedWordsAt();

    [GeneratedRegex(@"\b(?:" + ProposedHead + ProposedTail + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProposedWordsOnly();

    // The proposal pattern's one alternative that starts with an apostrophe: "Berlin's plan".
    [GeneratedRegex(@"\b(?:'s|’s)\s+plan", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PossessivePlan();

    /// <summary>The proposal pattern without its possessive alternative ("'s plan"), which <see cref="Proposes(WordKeys)"/> adds.</summary>
    public static readonly GatedPattern ProposedWords = new(ProposedWordsOnly(), ProposedWordsAt(), new PrefixGate(
        "propos", "plan", "a$", "suggest", "consider", "mull", "call", "urg", "ask", "could", "may", "intend", "envisag", "draft", "want",
        "should", "is$", "are", "was", "were", "would", "studying", "preparing", "under", "in$", "negotiat", "close", "bill", "legislation",
        "house", "senate", "passed", "sending"));

    /// <summary>As <see cref="Proposes(string)"/> on the sentence's words.</summary>
    public static bool Proposes(WordKeys keys) =>
        ProposedWords.IsMatch(keys) || (TextSearch.ContainsIgnoreCase(keys.Text, "plan") && PossessivePlan().IsMatch(keys.Text));

    [GeneratedRegex(@"\G" + MilitaryPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MilitaryAt();

    public static readonly GatedPattern MilitaryWords = new(Military(), MilitaryAt(), new PrefixGate(
        "military", "weapon", "arms", "defen", "security", "ammunition", "munition", "air", "armo", "artillery"));

    [GeneratedRegex(@"\G" + FinancialPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FinancialAt();

    public static readonly GatedPattern FinancialWords = new(Financial(), FinancialAt(), new PrefixGate(
        "financial", "budget", "macro", "loan", "grant", "fiscal", "era", "ukraine"));

    [GeneratedRegex(@"\G" + HumanitarianPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HumanitarianAt();

    public static readonly GatedPattern HumanitarianWords = new(Humanitarian(), HumanitarianAt(), new PrefixGate(
        "humanitarian", "relief", "refugee", "food", "medic", "shelter", "winteri", "energy", "generator"));

    [GeneratedRegex(@"\G" + RequestPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RequestAt();

    public static readonly GatedPattern RequestWords = new(Request(), RequestAt(), new PrefixGate(
        "ask", "request", "appeal", "seek", "sought", "need", "want", "hope", "expect"));
}
