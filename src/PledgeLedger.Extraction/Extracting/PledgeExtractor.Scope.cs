using System.Text.RegularExpressions;
using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

/// <summary>
/// Rules that give a word the reach of its clause or phrase rather than the whole sentence: which donor list a sum
/// belongs to, which "each" or "from X" applies to it, and trap words that only describe what the aid is for.
/// </summary>
public sealed partial class PledgeExtractor
{
    // Clause boundaries inside a sentence: "..., and Japan will share ...", "...; Canada ...", "... , but ...".
    // ", and" only between clauses: a verb follows within a few words (", and Japan, Britain and Canada will share").
    private const string PunctuatedClauseBreak =
        @"[;]|,\s+(?:and|but|while|whereas)\s+(?=(?:[\w,'’-]+\s+){0,4}?(?:will|would|is|are|was|were|has|have|had|said|says|confirmed|announced|plans?|intends?|could|may|might|also|to)\b)";

    [GeneratedRegex(PunctuatedClauseBreak + @"|\s+(?:but|while|whereas)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex ClauseBreak();

    // ClauseBreak without its last alternative, which tries every white space of a sentence: the same matches in a
    // sentence without "but", "while" or "whereas", where that alternative cannot match.
    [GeneratedRegex(PunctuatedClauseBreak, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PunctuationClauseBreak();

    private static readonly System.Buffers.SearchValues<string> ContrastWords =
        System.Buffers.SearchValues.Create(["but", "while", "whereas"], StringComparison.OrdinalIgnoreCase);

    /// <summary>The clause breaks of <paramref name="str"/> (index, end), as <see cref="ClauseBreak"/> finds them.</summary>
    internal static void ClauseBreaks(string str, List<(int Index, int End)> into)
    {
        into.Clear();
        var breaks = str.AsSpan().IndexOfAny(ContrastWords) >= 0 ? ClauseBreak() : PunctuationClauseBreak();
        foreach (var m in breaks.EnumerateMatches(str)) into.Add((m.Index, m.Index + m.Length));
    }

    // Clauses for running totals: the general breaks and ", with ..." ("..., with decisions made for X thus far").
    [GeneratedRegex(@"[;]|,\s+(?:with|and|but|while|whereas)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TotalClauseBreak();

    [GeneratedRegex(@"^(?:packages?|tranches?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PackageNoun();

    // "A, B and C all announced ...", "A and B have all pledged ...": a list of donors that each give.
    [GeneratedRegex(@"^\s+(?:have\s+|had\s+|will\s+|would\s+)?(?:all|both)\b(?!\s+(?:of|the)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AllAfterList();

    // "Italy, Greece, Norway, and Poland: new donations of ...": a list of donors as the heading of a summary line.
    [GeneratedRegex(@"^\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex ColonAfterList();

    // Trap words that only describe what the aid restores or treats: "to restore schools destroyed during the war",
    // "for the rehabilitation of wounded soldiers", "to repair damaged power plants".
    [GeneratedRegex(@"\b(?:restor\w*|rebuil\w*|repair\w*|reconstruct\w*|rehabilitat\w*|treat\w*|recover\w*|evacuat\w*|replac(?:e|ing)\s+(?:the\s+)?(?:homes|schools|housing|infrastructure|equipment))\b[^,;:.()—–]{0,60}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AidPurposeBefore();

    // "struck a deal", "hit a record": the idiom, not an attack.
    [GeneratedRegex(@"^\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:deal|agreement|accord|compromise|bargain|consensus|balance|record|milestone|target)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IdiomAfterStruck();

    // "revenues from frozen Russian assets", "Extraordinary Revenue Acceleration (ERA) loans": windfall money given to Ukraine.
    [GeneratedRegex(@"^\s+(?:Acceleration|(?:generated\s+)?(?:from|of|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?assets)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AssetRevenueAfter();

    // Refusals and non-donations the general list misses: "will not be part of the package", "rather than donate them",
    // "has stalled for months on", private crowdfunding.
    private const string NonDonationPattern =
        @"\b(?:not\s+be\s+(?:part\s+of|included|among)|rather\s+than\s+(?:donat|send|giv|provid|transfer|deliver)\w*|stall(?:s|ed|ing)\s+(?:for\s+\w+\s+)?on|crowdfund\w*|collectively\s+(?:pledg|commit|promis|provid|send|offer)\w*)";

    [GeneratedRegex(NonDonationPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NonDonation();

    [GeneratedRegex(@"\G" + NonDonationPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NonDonationAt();

    // Whether the sentence only refuses, sums up many donors or reports private giving: the non-donation words, tried only at
    // the words that can start them (see PrefixGate).
    internal static readonly GatedPattern NonDonationWords = new(NonDonation(), NonDonationAt(), new PrefixGate(
        "not", "rather", "stall", "crowdfund", "collectively"));

    // "France may ship more howitzers", "could deliver": a tentative giving the general proposal list does not name.
    private const string MayGivePattern =
        @"\b(?:may|might|could)\s+(?:also\s+|soon\s+)?(?:ship|deliver|transfer|donate|hand\s+over|offer|fund|finance|provide|send|supply|give)\b|\b(?:is|are|was|were)\s+(?:also|now|still)\s+(?:expected|likely|poised)\s+to\b";

    [GeneratedRegex(MayGivePattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MayGive();

    // Each alternative of the pattern after \G (the pattern is two alternatives, each led by \b).
    [GeneratedRegex(@"\G(?:" + MayGivePattern + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MayGiveAt();

    internal static readonly GatedPattern MayGiveWords = new(MayGive(), MayGiveAt(), new PrefixGate(
        "may", "might", "could", "is$", "are", "was", "were"));

    // "a total budget of NOK 205 bn", "a total value of DKK 783 mln": the size of the programme or package, not a running total.
    // "the package amounts to a total of SEK 3 bn": likewise the package's own size.
    [GeneratedRegex(@"(?:\btotal\s+(?:value|budget|cost|worth|size|volume|envelope)|\b(?:packages?|tranches?|contents|donations?)\s+(?:[\w-]+\s+){0,3}?(?:amounts?|amounting|comes?|coming)\s+to\s+a\s+total)\s+of\s+(?:(?:about|around|approximately|roughly|some|nearly|almost|over|more\s+than|up\s+to)\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizeOfWhole();

    // "has received USD 3 bn of a USD 4.5 bn grant", "delivered 28 of the 49": the part given so far.
    [GeneratedRegex(@"\b(?:received|delivered|disbursed|handed\s+over|transferred|paid\s+out|arrived)\s+(?:(?:about|around|some|nearly|almost|over|more\s+than|the\s+first)\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeliveredPartBefore();

    // "EUR 200 million for drone interceptor systems", "GBP 220 million ... to deliver medical supplies": what a sum is for.
    [GeneratedRegex(@"^\s*(?:\([^)]{0,30}\)\s*)?(?:[\w-]+\s+){0,7}?(?:for|to\s+(?:buy|purchase|procure|deliver|fund|finance|acquire))\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PurposeAfterSum();

    // "(N to |N of the )": a count right before the count of an item.
    [GeneratedRegex(@"(?<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?<rel>to|of\s+the|of\s+its|of\s+their)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CountBefore();

    // "an agreement with", "a deal with the": Ukraine's counterpart in an agreement.
    [GeneratedRegex(@"\b(?:agreements?|deal|accord|memorandum|arrangement)\s+with\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgreementWith();

    /// <summary>Whether the donor named at <paramref name="start"/> is Ukraine's counterpart in an agreement ("Ukraine ... a deal with the IMF to receive").</summary>
    private static bool IsUkraineCounterpart(string str, int start) =>
        (AgreementWith().IsMatch(str.AsSpan(Math.Max(0, start - 30), Math.Min(30, start)))
            || (RequestTo().IsMatch(str.AsSpan(Math.Max(0, start - 30), Math.Min(30, start))) && (Cues.Proposes(str) || MayGive().IsMatch(str))))
        && Cues.UkraineMention().IsMatch(str.AsSpan(0, start));

    // "Ukraine's request to Canada for ...": the one asked gives what the sentence then says it gives or may give.
    [GeneratedRegex(@"\b(?:request|appeal)s?\s+to\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RequestTo();

    // "It was reported last week that ...": the time belongs to the report, not to what it reports.
    [GeneratedRegex(@"\b(?:reported|said|announced|confirmed|stated)\s+(?:last\s+(?:week|month)|earlier\s+this\s+(?:week|month))\s+that\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReportedRecentlyThat();

    /// <summary>Whether the sentence recalls an earlier pledge once the time of its report ("reported last week that") is set aside.</summary>
    private static bool RecallsBeyondReport(string str)
    {
        var m = ReportedRecentlyThat().Match(str);
        return !m.Success || Cues.Recalls(str.Remove(m.Index, m.Length));
    }

    /// <summary>
    /// The count that governs a counted item when another count comes right before its own: "50,000 to 100,000 shells"
    /// (the lower bound of a range) or "28 of the 49 tanks" (the part the sentence speaks of).
    /// </summary>
    private static (long Count, int Start)? CountBeforeCount(string str, int qtyStart)
    {
        var from = Math.Max(0, qtyStart - 24);
        var m = CountBefore().Match(str, from, qtyStart - from);
        if (!m.Success || m.Index + m.Length != qtyStart) return null;
        if (!NumberWords.TryParseDigits(m.Groups["n"].Value, out var n) || n < 1 || n > Bounds.MaxQuantity) return null;
        return ((long)n, m.Index);
    }


    // "divided between Denmark and the Netherlands", "shared between": the donors named after "between" give.
    [GeneratedRegex(@"\b(?:divid|shar|split)\w*[""”’']?\s+(?:equally\s+)?between\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SharedBetween();

    // "Denmark, in cooperation with Sweden, will provide": the partner named after "in cooperation with" gives too.
    [GeneratedRegex(@"\b(?:in\s+(?:close\s+)?(?:cooperation|co-operation|partnership|conjunction|coordination)|jointly|together)\s+with\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CoGiverBefore();

    // "weapons supplied through a NATO mechanism", "via the EU's facility": the channel named, not the giver.
    [GeneratedRegex(@"\b(?:through|via)\s+(?:an?|the)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChannelBefore();

    // "threats from China", "aggression by Russia": the one named is the threat, not a giver.
    [GeneratedRegex(@"\b(?:threats?|attacks?|aggression|pressure|invasion|strikes?|interference)\s+(?:from|by)\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThreatFrom();

    // Coordinated modifiers before one head: "anti-tank and anti-aircraft missiles", "155mm and 105mm artillery rounds".
    [GeneratedRegex(@"(?<mod>\b(?:anti-[\w-]+|[\w]+-range|\d{2,3}\s?mm|\d{2,3}-mm|\.\d{2,3}\s+calib(?:re|er)))\s*(?:,\s*|\s+)(?:and|or|&)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CoordinatedModifier();

    [GeneratedRegex(@"^(?:anti-[\w-]+|[\w]+-range|\d{2,3}\s?mm|\d{2,3}-mm|\.\d{2,3}\s+calib(?:re|er))(?=\s)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingModifier();

    /// <summary>Whether the donor named at <paramref name="start"/> is, despite the preposition before it, a giver ("divided between")
    /// or, despite none, no giver at all ("threats from China"): null when neither.</summary>
    private static bool? DonorRoleBefore(string str, int start)
    {
        var before = str.AsSpan(Math.Max(0, start - 40), Math.Min(40, start));
        if (SharedBetween().IsMatch(before) || CoGiverBefore().IsMatch(before)) return true;
        if (ThreatFrom().IsMatch(before) || ChannelBefore().IsMatch(before)) return false;
        return null;
    }

    /// <summary>
    /// Whether every trap word of the sentence is harmless where it stands: an idiom ("struck a deal"), revenue from frozen
    /// assets (the money given), or a word describing what the aid restores or treats ("to rebuild schools destroyed").
    /// A refusal is never harmless.
    /// </summary>
    private static bool TrapsOnlyDescribePurpose(string str, bool refused, List<(int Index, int Length)> traps)
    {
        if (refused) return false;
        var any = false;
        foreach (var m in traps)
        {
            any = true;
            var word = str.Substring(m.Index, m.Length).ToLowerInvariant();
            var after = str.AsSpan(m.Index + m.Length);
            if (word == "struck" && IdiomAfterStruck().IsMatch(after)) continue;
            if (word.StartsWith("revenue", StringComparison.Ordinal) && AssetRevenueAfter().IsMatch(after)) continue;
            if (word is "destroyed" or "damaged" or "wounded" or "injured" or "damage" or "destruction"
                && AidPurposeBefore().IsMatch(str.AsSpan(0, m.Index)))
            {
                continue;
            }
            return false;
        }
        return any;
    }

    private sealed partial class SentenceState
    {
        /// <summary>Whether the uncounted item at <paramref name="itemStart"/> is what a sum named just before it pays for.</summary>
        private bool IsPurposeOfSum(string str, int itemStart)
        {
            foreach (var m in _money)
            {
                if (m.End > itemStart || itemStart - m.End > 80) continue;
                if (PurposeAfterSum().IsMatch(str.AsSpan(m.End, itemStart - m.End))) return true;
            }
            return false;
        }

        /// <summary>The clause of the sentence that holds [start, end): bounded by ";" or ", and/but/while".</summary>
        private (int Start, int End) ClauseAround(string str, int start, int end)
        {
            // The breaks are found once per sentence: every item, donor and rule of the sentence asks for its clause.
            if (!ReferenceEquals(_breaksFor, str))
            {
                ClauseBreaks(str, _breaks);
                _breaksFor = str;
            }
            var from = 0;
            var to = str.Length;
            foreach (var (index, mEnd) in _breaks)
            {
                if (mEnd <= start) from = mEnd;
                else if (index >= end)
                {
                    to = index;
                    break;
                }
            }
            return (from, to);
        }

        // The clause breaks of sentence _breaksFor.
        private string? _breaksFor;
        private readonly List<(int Index, int End)> _breaks = [];

        /// <summary>Whether the item at [start, end) stands in a clause of its own, apart from every sum of the sentence
        /// ("... worth SEK 2.2 bn, and confirmed it is studying sending Gripen jets").</summary>
        private bool OtherClauseThanSums(string str, int start, int end)
        {
            var (from, to) = ClauseAround(str, start, end);
            foreach (var m in _money)
            {
                if (m.Start < to && m.End > from) return false;
            }
            return true;
        }

        /// <summary>
        /// Whether the running-total words of a running-total sentence reach the sum at [start, end): they do unless the
        /// sum's clause has none and another clause has them ("Denmark has allocated DKK 64.8 bn ..., with decisions made
        /// for DKK 45.3 bn thus far": only the second sum is the total).
        /// </summary>
        private static bool TotalReaches(string str, int start, int end)
        {
            var from = 0;
            var to = str.Length;
            foreach (var m in TotalClauseBreak().EnumerateMatches(str))
            {
                var mEnd = m.Index + m.Length;
                if (mEnd <= start) from = mEnd;
                else if (m.Index >= end)
                {
                    to = m.Index;
                    break;
                }
            }
            if (from == 0 && to == str.Length) return true;
            return Cues.HasTotalSpan(str[from..to]);
        }

        /// <summary>Whether a proposal word ("expected to", "studying", "may ship") stands in the clause of the item.</summary>
        private bool ProposedAt(string str, int start, int end)
        {
            var (from, to) = ClauseAround(str, start, end);
            var clause = str.Substring(from, to - from);
            return Cues.Proposes(clause) || MayGive().IsMatch(clause);
        }

        /// <summary>
        /// "announced the allocation of a package", "has decided on a new support package", "approved a new tranche": the
        /// formal word before the noun "package" or "tranche" gives the status, not the noun.
        /// </summary>
        private static Cue FormalBeforePackage(List<(int Start, int End, Cue Kind)> cues, string str, int start, int end)
        {
            var filtered = new List<(int Start, int End, Cue Kind)>(cues.Count);
            foreach (var c in cues)
            {
                if (c.Start >= 0 && PackageNoun().IsMatch(str.AsSpan(c.Start, c.End - c.Start))) continue;
                filtered.Add(c);
            }
            return StatusNear(filtered, str, start, end);
        }

        /// <summary>"anti-tank and anti-aircraft missiles": the item the first modifier names with the shared head.</summary>
        private static OpenItem? CoordinatedTwin(string str, OpenItem item)
        {
            if (item.Quantity is not null) return null;
            var from = Math.Max(0, item.Start - 40);
            var m = CoordinatedModifier().Match(str, from, item.Start - from);
            if (!m.Success || m.Index + m.Length != item.Start) return null;
            // The item must open with a modifier of the same kind, which the twin's replaces: "105 mm artillery ammunition".
            var own = LeadingModifier().Match(item.Name);
            if (!own.Success || own.Length >= item.Name.Length) return null;
            var mod = m.Groups["mod"].Value;
            return item with { Start = m.Index, End = m.Index + mod.Length, Name = mod + item.Name[own.Length..] };
        }

        /// <summary>Whether "each", "respectively" ... stands in the clause of the item, not in another clause of the sentence.</summary>
        private bool DistributiveAt(string str, int start, int end)
        {
            var (from, to) = ClauseAround(str, start, end);
            return Cues.Distributive().IsMatch(str.AsSpan(from, to - from));
        }

        /// <summary>"A, B and C all announced ...", "A, B and C: new donations of ...": each donor of the list gives.</summary>
        private static bool ListGivesEach(string str, List<DonorMention> group)
        {
            if (group.Count < 2) return false;
            var after = str.AsSpan(group[^1].End);
            if (AllAfterList().IsMatch(after)) return true;
            if (!ColonAfterList().IsMatch(after)) return false;
            // A heading: only bullets or spaces before the list.
            foreach (var c in str.AsSpan(0, group[0].Start))
            {
                if (char.IsLetterOrDigit(c)) return false;
            }
            return true;
        }

        /// <summary>
        /// The "from X" / "by X" donor that owns the item at [start, end): the nearest one right after the item in its
        /// clause ("500 million dollars in support from Canada"), else the nearest one before it with no other donor named
        /// between ("allocated by Japan — $984 million — and the United Kingdom — $516 million" gives the second sum to
        /// the United Kingdom). Null when none applies.
        /// </summary>
        private List<DonorMention>? FromGroupFor(string str, List<List<DonorMention>> groups, int start, int end)
        {
            var (_, clauseEnd) = ClauseAround(str, start, end);
            foreach (var g in groups)
            {
                if (g[0].Start < end) continue;
                if (g[0].Start > clauseEnd || g[0].Start - end > 80) break;
                if (g[0].From && !Lexicon.IsNonDonor(g[0].Donor)) return g;
                // Another donor named first: the "from" further on is not this item's.
                break;
            }
            List<DonorMention>? before = null;
            foreach (var g in groups)
            {
                if (g[^1].End > start) break;
                before = g[0].From && !Lexicon.IsNonDonor(g[0].Donor) ? g : null;
            }
            return before;
        }
    }
}
