using System.Text.RegularExpressions;
using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

public sealed partial class PledgeExtractor
{
    // "partners, including the United States, Germany, Japan ...", "donors such as", "allies like", "our partners - the US,
    // Germany, Japan -": a collective noun that lists its members. The states after it are one list even with commas only.
    [GeneratedRegex(@"\b(?:partners|allies|donors|countries|nations|governments|member\s+states|contributors|backers|democracies|economies)\s*,?\s*" +
        @"(?:(?:including|such\s+as|like|notably|namely|among\s+them|in\s+particular|especially|particularly|led\s+by|mainly|chiefly|primarily)\s+|[-–—(:]\s*)(?:the\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CollectiveLeadIn();

    // "A, B, C and others", "A, B, C, among others", "A, B, C, etc.": a list left open, still one list.
    [GeneratedRegex(@"^\s*,?\s*(?:(?:and|&)\s+(?:many\s+|several\s+|a\s+few\s+|some\s+)?(?:others|more|other\s+(?:countries|nations|allies|partners|donors|states|governments))\b|among\s+others\b|etc\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OpenListEnd();

    // "aid to Israel", "a package for Taiwan": the state named is what the aid goes to. Not "thanks to", "due to",
    // "according to", "in addition to", "next to", "compared to", "similar to", "equal to".
    [GeneratedRegex(@"(?<!\b(?:thanks|due|according|addition|next|compared|similar|equal|close|up|access|visit|trip|travel|contribution|contributions|calls?|appeals?|requests?)\s)\b(?:to|for)\s+(?:the\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RecipientBefore();

    // "aid to Israel passed": a verb after the state, not an adjective before a noun ("for Czech ammunition").
    [GeneratedRegex(@"^\s+\p{Ll}+ed\b", RegexOptions.CultureInvariant)]
    private static partial Regex VerbAfter();

    // "howitzers bought from Germany", "purchased from the German industry", "jointly developed with France", "made in
    // Sweden": the seller or maker of what a donor gives, not a donor.
    [GeneratedRegex(@"\b(?:bought|purchased|acquired|procured|ordered|buying|purchasing|acquiring|procuring|ordering|(?:co-?)?(?:developed|designed|built|produced|manufactured|made))\s+(?:jointly\s+|together\s+|directly\s+)?(?:from|with|by|in)\s+(?:the\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SellerOrMakerBefore();

    // "the United States and its allies", "Germany and other European partners": a donor giving with partners it leaves unnamed.
    [GeneratedRegex(@"^\s*,?\s*(?:and|&|together\s+with|along\s+with)\s+(?:its|their|his|her|our|other|fellow)\s+(?:[\w-]+\s+)?(?:allies|partners|donors|countries|nations)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnnamedPartnersAfter();

    // "during the 29th meeting of the Ukraine Defense Contact Group", "at the Ramstein meeting": a coalition named as the
    // meeting where others pledge, not as a giver.
    [GeneratedRegex(@"\b(?:meeting|session|gathering|conference|summit|sidelines)\s+(?:of|at|in)\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VenueBefore();

    [GeneratedRegex(@"^(?:[\s-]+(?:format|group))?[\s-]+(?:meeting|session|gathering|conference|summit)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VenueAfter();

    // "a loan backed by the United States", "a plan welcomed by Germany": the agent of a verb that gives nothing.
    [GeneratedRegex(@"\b(?:backed|supported|endorsed|guaranteed|welcomed|praised|critici[sz]ed|condemned|hosted|chaired|brokered|proposed|requested|demanded|opposed|blocked|vetoed|urged)\s+(?:\w+\s+)?by\s+(?:the\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NonGivingAgentBefore();

    // "Sweden, which joined NATO in March, will send ...": a donor inside a relative clause set off by commas after
    // the subject is not the giver of the main clause.
    [GeneratedRegex(@",\s*(?:which|who|whose|where|when|since|having|itself|once)\b[^,;()]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeAsideBefore();

    // "thanks to Germany and France": the ones thanked gave.
    [GeneratedRegex(@"\b(?:thanks|owing)\s+to\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThanksTo();

    // The words the window before a name must end on (after white space) for each pattern that ends on a preposition and
    // an optional "the": a test far cheaper than the pattern, asked first (see EndsOnWordOf).
    private static readonly string[] RecipientWords = ["to", "for", "the"];
    private static readonly string[] ObjectWords = ["to", "with", "against", "in", "at", "into", "for", "visit", "visiting", "visits", "between", "across", "than", "like", "the"];
    private static readonly string[] SellerWords = ["from", "with", "by", "in", "the"];

    /// <summary>
    /// Whether <paramref name="window"/>, its trailing white space left out, may end on one of <paramref name="words"/>: its
    /// last run of ASCII letters is one of them, case ignored. A pattern ending in <c>\b(?:word|...)\s+(?:the\s+)?$</c>
    /// matches only then; a run after a non-ASCII character (which the pattern may equate with a letter) always may.
    /// </summary>
    internal static bool EndsOnWordOf(ReadOnlySpan<char> window, string[] words)
    {
        var t = window.TrimEnd();
        var i = t.Length;
        while (i > 0 && char.IsAsciiLetter(t[i - 1])) i--;
        if (i > 0 && t[i - 1] >= 128) return true;
        var last = t[i..];
        foreach (var w in words)
        {
            if (last.Equals(w, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    internal static bool IsRecipientBefore(ReadOnlySpan<char> window) => EndsOnWordOf(window, RecipientWords) && RecipientBefore().IsMatch(window);

    internal static bool IsObjectBefore(ReadOnlySpan<char> window) => EndsOnWordOf(window, ObjectWords) && ObjectBefore().IsMatch(window);

    internal static bool IsSellerOrMakerBefore(ReadOnlySpan<char> window) => EndsOnWordOf(window, SellerWords) && SellerOrMakerBefore().IsMatch(window);

    /// <summary>The three patterns alone (the tests hold the tests above to them).</summary>
    internal static (bool Recipient, bool Object, bool Seller) PlainBefore(ReadOnlySpan<char> window) =>
        (RecipientBefore().IsMatch(window), ObjectBefore().IsMatch(window), SellerOrMakerBefore().IsMatch(window));

    /// <summary>A state named as what the aid goes to ("to Israel, Taiwan and Ukraine"): <paramref name="Ukraine"/> for Ukraine;
    /// <paramref name="Chained"/> when it continues the list of the recipient before it.</summary>
    private readonly record struct RecipientMention(int Start, int End, bool Ukraine, bool Chained);

    /// <summary>Donors of a sentence: mentions, lists ("A, B and C"), and which list a pledge belongs to.</summary>
    private sealed partial class SentenceState
    {
        private readonly List<RecipientMention> _recipients = [];

        private void FindDonors(string str)
        {
            _donors.Clear();
            _lexicon.FindDonors(str, _donorHits);
            FindRecipients(str);
            var next = 0;
            foreach (var (start, end, donor, official) in _donorHits)
            {
                var recipient = false;
                while (next < _recipients.Count && _recipients[next].Start < start) next++;
                if (next < _recipients.Count && _recipients[next].Start == start) recipient = true;
                if (donor.Code == "UA") continue;
                if (OriginAfter().IsMatch(str.AsSpan(end)) || MakerAfter().IsMatch(str.AsSpan(end))) continue;
                if (end < str.Length && str[end] == ',' && AsideDonorBefore().IsMatch(str.AsSpan(Math.Max(0, start - 24), Math.Min(24, start)))) continue;
                if (end < str.Length && str[end] == '$') continue; // "US$58 million" names a currency, not a donor
                if (donor.Kind == DonorKind.Coalition && (VenueBefore().IsMatch(str.AsSpan(Math.Max(0, start - 40), Math.Min(40, start))) || VenueAfter().IsMatch(str.AsSpan(end)))) continue;
                if (IsSellerOrMakerBefore(str.AsSpan(Math.Max(0, start - 40), Math.Min(40, start)))) continue;
                var isObject = IsObjectBefore(str.AsSpan(Math.Max(0, start - 16), Math.Min(16, start)))
                    && !AdjectiveAfter().IsMatch(str.AsSpan(end));
                var from = FromDonor().IsMatch(str.AsSpan(Math.Max(0, start - 10), Math.Min(10, start)))
                    && !NonGivingAgentBefore().IsMatch(str.AsSpan(Math.Max(0, start - 40), Math.Min(40, start)));
                if (InRelativeAside(str, start, end)) continue;
                // "partners like the United States, Germany and Japan": a member of the list, not a comparison.
                if (isObject && CollectiveLeadIn().IsMatch(str.AsSpan(Math.Max(0, start - 48), Math.Min(48, start)))) isObject = false;
                if (isObject && ThanksTo().IsMatch(str.AsSpan(Math.Max(0, start - 16), Math.Min(16, start)))) isObject = false;
                if (recipient) isObject = true;
                if (DonorRoleBefore(str, start) is { } giver)
                {
                    if (!giver) continue;
                    isObject = false;
                }
                // "Ukraine signed an agreement with Japan for a grant": the counterpart of Ukraine's agreement gives.
                if (isObject && IsUkraineCounterpart(str, start))
                {
                    isObject = false;
                    from = true;
                }
                _donors.Add(new DonorMention(start, end, donor, official, isObject, from));
            }
        }

        /// <summary>
        /// A recipient is never a donor: "aid to Israel, Taiwan and Ukraine" names three recipients, the list carrying the
        /// "to" of its first member ("to Ukraine and Israel": Israel receives too). A chain joined by commas alone is a list
        /// only with a conjunction in it ("for Ukraine, the United States said" names one recipient).
        /// </summary>
        private void FindRecipients(string str)
        {
            _recipients.Clear();
            var hits = _donorHits;
            for (var i = 0; i < hits.Count; i++)
            {
                var (start, end, donor, official) = hits[i];
                if (!IsRecipientKind(donor, official) || !IsRecipientBefore(str.AsSpan(Math.Max(0, start - 40), Math.Min(40, start)))
                    || (AdjectiveAfter().IsMatch(str.AsSpan(end)) && !VerbAfter().IsMatch(str.AsSpan(end))) || DonorRoleBefore(str, start) is not null
                    || (donor.Code != "UA" && IsUkraineCounterpart(str, start)))
                {
                    continue;
                }
                // The list it heads: the next hits joined to it by a list gap.
                var last = i;
                var conjunction = false;
                for (var j = i + 1; j < hits.Count; j++)
                {
                    var prevEnd = hits[last].End;
                    if (hits[j].Start < prevEnd || !IsRecipientKind(hits[j].Donor, hits[j].Official)) break;
                    var gap = str.AsSpan(prevEnd, hits[j].Start - prevEnd);
                    if (!ListGap().IsMatch(gap)) break;
                    conjunction |= gap.Contains("and", StringComparison.Ordinal) || gap.Contains('&') || gap.Contains("or", StringComparison.Ordinal);
                    last = j;
                }
                if (!conjunction) last = i;
                _recipients.Add(new RecipientMention(start, end, donor.Code == "UA", false));
                for (var j = i + 1; j <= last; j++) _recipients.Add(new RecipientMention(hits[j].Start, hits[j].End, hits[j].Donor.Code == "UA", true));
                i = last;
            }
        }

        private static bool IsRecipientKind(Donor donor, bool official) => donor.Code == "UA" || (donor.Kind == DonorKind.State && !official);

        private List<DonorMention> FirstGroupOf(string prevText)
        {
            var saved = new List<DonorMention>(_donors);
            var savedRecipients = new List<RecipientMention>(_recipients);
            FindDonors(prevText);
            var groups = Groups(prevText, _donors, includeObjects: false);
            _donors.Clear();
            _donors.AddRange(saved);
            _recipients.Clear();
            _recipients.AddRange(savedRecipients);
            foreach (var g in groups)
            {
                if (!Lexicon.IsNonDonor(g[0].Donor)) return g;
            }
            return [];
        }

        /// <summary>The donors a pledge at [start, end) belongs to: the nearest donor (or list of donors) before it,
        /// else the first after it; mentions inside the item ("30 German tanks") and objects ("to Poland") only as a last resort.</summary>
        private List<DonorMention> DonorGroupFor(int start, int end, out bool hostile)
        {
            hostile = false;
            if (!ReferenceEquals(_groupsFor, _str))
            {
                _groups = Groups(_str, _donors, includeObjects: false);
                _groupsFor = _str;
            }
            var groups = _groups;
            List<DonorMention>? before = null;
            List<DonorMention>? after = null;
            List<DonorMention>? inside = null;
            foreach (var g in groups)
            {
                if (g[^1].End <= start) before = g;
                else if (g[0].Start >= end) after ??= g;
                else inside ??= g;
            }
            var chosen = before ?? after ?? inside;
            // "EUR 10 mln from Spain": "from" names the giver whatever else the sentence names, clause by clause (see ClauseFrom).
            // The item's own "from X" wins: "a grant from the United States from the World Bank Trust Fund" is the United States'.
            if (ClauseFrom(groups, start, end) is { } from) chosen = from;
            else if (FromGroupFor(_str, groups, start, end) is { } owner) chosen = owner;
            if (chosen is null) return [];
            if (Lexicon.IsNonDonor(chosen[0].Donor))
            {
                hostile = true;
                return [];
            }
            // "The United States and its allies have pledged ...": one shared pledge of the donor and the unnamed partners,
            // for review naming both, as "X and Y will provide" is.
            if (!chosen[^1].Official && UnnamedGroup() is { } partners)
            {
                var m = UnnamedPartnersAfter().Match(_str, chosen[^1].End, _str.Length - chosen[^1].End);
                if (m.Success) chosen = [.. chosen, partners[0] with { Start = m.Index, End = m.Index + m.Length }];
            }
            // A named donor beats an official's name ("Stoltenberg welcomed Germany's offer").
            if (chosen[0].Official)
            {
                foreach (var g in groups)
                {
                    if (!g[0].Official && !Lexicon.IsNonDonor(g[0].Donor) && g[0].End <= start) chosen = g;
                }
            }
            return chosen;
        }

        /// <summary>Whether a donor is named right before the many-donor clause at <paramref name="clauseStart"/> as giving with
        /// it ("the United States and its allies pledged"): then the clause's sum is that donor's shared pledge, not nobody's.</summary>
        private bool NamedWithCollective(int clauseStart)
        {
            foreach (var d in _donors)
            {
                if (d.Object || d.Official || d.End > clauseStart || clauseStart - d.End > 40) continue;
                var m = UnnamedPartnersAfter().Match(_str, d.End, _str.Length - d.End);
                if (m.Success && m.Index + m.Length > clauseStart) return true;
            }
            return false;
        }

        /// <summary>Whether the mention at [start, end) sits in a relative clause set off by commas (", which joined NATO in
        /// March,") after a donor the sentence already named: that donor is the giver, not this one.</summary>
        private bool InRelativeAside(string str, int start, int end)
        {
            var from = Math.Max(0, start - 80);
            var m = RelativeAsideBefore().Match(str, from, start - from);
            if (!m.Success) return false;
            var close = str.AsSpan(end).IndexOfAny(',', ';');
            if (close < 0 || str[end + close] != ',') return false;
            foreach (var d in _donors)
            {
                if (!d.Object && d.End <= m.Index) return true;
            }
            return false;
        }

        private static List<List<DonorMention>> Groups(string str, List<DonorMention> mentions, bool includeObjects)
        {
            var groups = new List<List<DonorMention>>();
            List<DonorMention>? current = null;
            foreach (var d in mentions)
            {
                if (d.Object && !includeObjects) continue;
                if (current is not null && current[^1].Donor.Code == d.Donor.Code && d.Start - current[^1].End <= 1) continue;
                if (current is not null && ListGap().IsMatch(str.AsSpan(current[^1].End, d.Start - current[^1].End)))
                {
                    current.Add(d);
                    continue;
                }
                current = [d];
                groups.Add(current);
            }
            // "A, B and C" is a list; "A, B joins" is two clauses: a comma-only chain without a closing "and" is split back,
            // unless a collective noun lists it ("partners, including A, B, C") or it is left open ("A, B, C and others").
            var result = new List<List<DonorMention>>(groups.Count);
            foreach (var g in groups)
            {
                if (g.Count == 1 || HasConjunction(str, g) || IsListedByCollective(str, g))
                {
                    result.Add(g);
                    continue;
                }
                foreach (var d in g) result.Add([d]);
            }
            return result;
        }

        private static bool IsListedByCollective(string str, List<DonorMention> g) =>
            CollectiveLeadIn().IsMatch(str.AsSpan(Math.Max(0, g[0].Start - 48), Math.Min(48, g[0].Start)))
            || OpenListEnd().IsMatch(str.AsSpan(g[^1].End));

        private static bool HasConjunction(string str, List<DonorMention> g)
        {
            for (var i = 1; i < g.Count; i++)
            {
                var gap = str.AsSpan(g[i - 1].End, g[i].Start - g[i - 1].End);
                if (gap.Contains("and", StringComparison.Ordinal) || gap.Contains('&') || gap.Contains("or", StringComparison.Ordinal) || gap.Contains(" with ", StringComparison.Ordinal)) return true;
            }
            return false;
        }

    }
}
