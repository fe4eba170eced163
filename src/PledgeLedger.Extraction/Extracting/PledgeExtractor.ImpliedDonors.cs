using System.Text.RegularExpressions;
using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

public sealed partial class PledgeExtractor
{
    private readonly DonorRegistry _registry;

    // A currency only one state pays in names that state ("the package is worth SEK 3 bn", "My Government will approve
    // CHF 1 bn"); the SDR is the unit the IMF lends in ("tranches of SDR 835 million are envisaged"). The euro and the
    // US dollar are shared or paid by others too, and never name a donor.
    private static readonly Dictionary<string, string> StateOfCurrency = new(StringComparer.Ordinal)
    {
        ["SEK"] = "SE",
        ["NOK"] = "NO",
        ["DKK"] = "DK",
        ["ISK"] = "IS",
        ["CHF"] = "CH",
        ["JPY"] = "JP",
        ["CZK"] = "CZ",
        ["PLN"] = "PL",
        ["KRW"] = "KR",
        ["GBP"] = "GB",
        ["CAD"] = "CA",
        ["AUD"] = "AU",
        ["NZD"] = "NZ",
        ["XDR"] = "IMF",
    };

    /// <summary>The review reason of a pledge whose donor only the currency names.</summary>
    internal const string CurrencyDonorReason = "donor inferred from the currency";

    /// <summary>The review reason of a pledge whose donor only US legislative or executive wording names.</summary>
    internal const string UsWordingDonorReason = "donor inferred from US legislative wording";

    // Wording only the US federal government uses for aid to Ukraine: Congress and its chambers passing or voting a bill,
    // a supplemental or appropriations bill, lawmakers on Capitol Hill, a presidential drawdown. "House" and "Senate" only
    // as the chamber that acts ("the House voted", "passed the Senate"), not "the House defence committee" of a parliament.
    [GeneratedRegex(@"\b(?:Congress(?:ional)?|Capitol\s+Hill|[Ss]upplemental|[Aa]ppropriations?|[Ll]awmakers|(?:[Pp]residential\s+)?[Dd]rawdown|" +
        @"(?:the\s+)?(?:House|Senate)\s+(?:(?:also|then|later|finally|narrowly|overwhelmingly)\s+)?(?:voted|passed|approved|adopted)|(?:passed|cleared)\s+(?:by\s+)?the\s+(?:House|Senate)|" +
        @"(?:[Tt]he\s+)?(?:bill|legislation)\s+(?:includes|contains|provides|would\s+provide|allocates)|(?:passed|vote)\s+(?:on\s+)?(?:a|an|the)\s+\d{2,3}\s*[-–]\s*\d{1,3}\s+vote|\d{2,3}\s*[-–]\s*\d{1,3}\s+vote)",
        RegexOptions.CultureInvariant)]
    private static partial Regex UsLegislativeWording();

    private static readonly System.Buffers.SearchValues<string> UsLegislativeStems = System.Buffers.SearchValues.Create(
        ["Congress", "Capitol", "upplemental", "ppropriation", "awmakers", "rawdown", "House", "Senate", "bill", "legislation", "vote"],
        StringComparison.Ordinal);

    // "signed into law", "the final ... bill", "enacted": the law, not a bill on its way.
    [GeneratedRegex(@"\b(?:signed\s+(?:\w+\s+){0,3}?into\s+law|became\s+law|enacted|final\s+(?:[\w-]+\s+){0,3}?(?:bill|legislation|law))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnactedLaw();

    private static readonly System.Buffers.SearchValues<string> EnactedStems =
        System.Buffers.SearchValues.Create(["law", "enacted", "final"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a bill the sentence speaks of is already law (then allocated, not proposed).</summary>
    private static bool SpeaksOfEnactedLaw(string sentence) => sentence.AsSpan().IndexOfAny(EnactedStems) >= 0 && EnactedLaw().IsMatch(sentence);

    // "the full amount is to be distributed over three rounds - DKK 4.3 bn this year, ...": sums of a whole stated elsewhere.
    [GeneratedRegex(@"\b(?:the|this|that)\s+(?:full|total|entire|whole|same|remaining)\s+(?:amount|sum|funding|money)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WholeStatedElsewhere();

    // "in addition to the Leopard 2A4 promised to Kyiv, ...": what the sentence adds to is an earlier pledge, not a new one.
    [GeneratedRegex(@"\bin\s+addition\s+to\s+(?:the|its|their|those|these|his|her|our|(?:already|previously)\s+\w+)\s+(?:[\w-]+\s+){0,2}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AdditionToEarlier();

    private sealed partial class SentenceState
    {
        /// <summary>Drops the sums and items the sentence names only as what its news adds to ("in addition to the ... promised").</summary>
        private void DropRecalledAddenda(string str)
        {
            if (!TextSearch.ContainsIgnoreCase(str, "addition to")) return;
            _money.RemoveAll(m => AdditionToEarlier().IsMatch(str.AsSpan(Math.Max(0, m.Start - 40), Math.Min(40, m.Start))));
            _equipment.RemoveAll(e => AdditionToEarlier().IsMatch(str.AsSpan(Math.Max(0, e.Start - 40), Math.Min(40, e.Start))));
        }

        // The implied donor is worked out once per sentence, not once per item that asks for it.
        private string? _impliedFor;
        private List<DonorMention>? _implied;
        private string _impliedReason = "";

        /// <summary>
        /// The donor the sentence's own words determine when neither it nor its document names one: a state's own currency
        /// (every sum of the sentence in SEK, say), or US legislative and executive wording with sums in dollars. Null when
        /// the text leaves the giver open; <paramref name="reason"/> says how the donor was found (the pledge goes to review).
        /// </summary>
        private List<DonorMention>? ImpliedDonor(string str, out string reason)
        {
            if (!ReferenceEquals(_impliedFor, str))
            {
                _implied = FindImpliedDonor(str, out _impliedReason);
                _impliedFor = str;
            }
            reason = _impliedReason;
            return _implied;
        }

        private List<DonorMention>? FindImpliedDonor(string str, out string reason)
        {
            reason = "";
            if (_money.Count == 0 || WholeStatedElsewhere().IsMatch(str)) return null;
            string? code = null;
            var dollars = true;
            var own = true;
            foreach (var m in _money)
            {
                dollars &= m.Currency == "USD";
                var of = StateOfCurrency.GetValueOrDefault(m.Currency);
                // A bare "$" is the donor's own dollar only once the donor is known: it names none.
                if (of is null || m.BareDollar || (code is not null && code != of)) own = false;
                else code = of;
            }
            if (own && code is not null)
            {
                reason = CurrencyDonorReason;
            }
            else if (dollars && str.AsSpan().IndexOfAny(UsLegislativeStems) >= 0 && UsLegislativeWording().IsMatch(str))
            {
                code = "US";
                reason = UsWordingDonorReason;
            }
            else code = null;
            if (code is null || owner._registry.ByCode(code) is not { } donor) return null;
            return [new DonorMention(0, 0, donor, false, false)];
        }

        /// <summary>
        /// "NOK 19.9 bn was spent: NOK 8.9 bn in civilian and NOK 11 bn in military support": two or more sums right after a
        /// sum, in its currency, that add up to it are its split, not pledges of their own.
        /// </summary>
        private void DropSplitOfSum(bool[] keep)
        {
            if (_money.Count < 3) return;
            for (var i = 0; i + 2 < _money.Count; i++)
            {
                if (!keep[i]) continue;
                var whole = _money[i];
                decimal sum = 0;
                for (var j = i + 1; j < _money.Count && keep[j] && _money[j].Currency == whole.Currency; j++)
                {
                    sum += _money[j].Amount;
                    if (j - i < 2 || Math.Abs(sum - whole.Amount) > whole.Amount * 0.005m) continue;
                    for (var k = i + 1; k <= j; k++) keep[k] = false;
                    return;
                }
            }
        }

        /// <summary>
        /// In a sentence that names another recipient state but not Ukraine ("made EUR 20 mln available, with a further EUR 10 mln
        /// for Moldova"), drops what goes to that state - the sums and items right before it - and keeps the rest, which the
        /// article's subject (Ukraine) receives. False when nothing is left.
        /// </summary>
        private bool KeepSumsForNoOtherState()
        {
            // Only a sentence whose giver is named first, as its subject ("The Netherlands has also made ..."), and named
            // nowhere else ("an $8.1 bn measure to help Taiwan": the state after a sum is no giver of the rest).
            var first = FirstMention();
            var recipients = new List<int>();
            var giver = false;
            foreach (var d in _donors)
            {
                if (d.Object && d.Donor.Kind == DonorKind.State && !d.Official) recipients.Add(d.Start);
                else if (d.Start < first) giver = true;
                else return false;
            }
            if (!giver) return false;
            // The mention nearest before each recipient (within a few words) is what that state receives.
            var drop = new HashSet<int>();
            foreach (var at in recipients)
            {
                var best = -1;
                var bestEnd = -1;
                foreach (var m in _money)
                {
                    if (m.End <= at && m.End > bestEnd) (best, bestEnd) = (m.Start, m.End);
                }
                foreach (var e in _equipment)
                {
                    if (e.End <= at && e.End > bestEnd) (best, bestEnd) = (e.Start, e.End);
                }
                if (best >= 0 && at - bestEnd <= 60) drop.Add(best);
                else return false; // a recipient with nothing close before it: the sentence is about that state
            }
            _money.RemoveAll(m => drop.Contains(m.Start));
            _equipment.RemoveAll(e => drop.Contains(e.Start));
            return _money.Count > 0 || _equipment.Count > 0;
        }

        /// <summary>
        /// "$26 billion in aid to Israel", "a further EUR 10 million for Moldova": a sum or item followed closely (no comma,
        /// no other sum or item between) by a list of recipients that leaves Ukraine out goes to them, not to Ukraine, and is
        /// dropped whoever gives it. "$95 billion for Israel, Taiwan and Ukraine" keeps its sum: Ukraine is among them. Only in a
        /// sentence that names Ukraine (one that does not is <see cref="KeepSumsForNoOtherState"/>'s).
        /// </summary>
        private void DropWhatOtherRecipientsGet(string str)
        {
            // A sentence that never names Ukraine is left to KeepSumsForNoOtherState.
            if (_recipients.Count == 0 || !Cues.UkraineMention().IsMatch(str)) return;
            var drop = new HashSet<int>();
            for (var i = 0; i < _recipients.Count; i++)
            {
                var r = _recipients[i];
                if (r.Chained) continue;
                var ukraine = r.Ukraine;
                for (var j = i + 1; j < _recipients.Count && _recipients[j].Chained; j++) ukraine |= _recipients[j].Ukraine;
                if (ukraine) continue;
                var best = -1;
                var bestEnd = -1;
                foreach (var m in _money)
                {
                    if (m.End <= r.Start && m.End > bestEnd) (best, bestEnd) = (m.Start, m.End);
                }
                foreach (var e in _equipment)
                {
                    if (e.End <= r.Start && e.End > bestEnd) (best, bestEnd) = (e.Start, e.End);
                }
                if (best < 0 || r.Start - bestEnd > 40 || str.AsSpan(bestEnd, r.Start - bestEnd).IndexOfAny(ClauseBreaks) >= 0) continue;
                drop.Add(best);
            }
            if (drop.Count == 0) return;
            _money.RemoveAll(m => drop.Contains(m.Start));
            _equipment.RemoveAll(e => drop.Contains(e.Start));
        }

        private static readonly System.Buffers.SearchValues<char> ClauseBreaks = System.Buffers.SearchValues.Create(",;:()—–");

        /// <summary>Whether every donor the sentence names (not as an object) comes after <paramref name="end"/> and none is a "from X".</summary>
        private bool NamedOnlyAfter(int end)
        {
            foreach (var d in _donors)
            {
                if (d.Object) continue;
                if (d.Start < end || d.From) return false;
            }
            return true;
        }
    }
}
