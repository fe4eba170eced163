namespace PledgeLedger.Extraction;

public sealed partial class PledgeExtractor
{
    /// <summary>Donors of a sentence: mentions, lists ("A, B and C"), and which list a pledge belongs to.</summary>
    private sealed partial class SentenceState
    {
        private void FindDonors(string str)
        {
            _donors.Clear();
            _lexicon.FindDonors(str, _donorHits);
            foreach (var (start, end, donor, official) in _donorHits)
            {
                if (donor.Code == "UA") continue;
                if (OriginAfter().IsMatch(str.AsSpan(end)) || MakerAfter().IsMatch(str.AsSpan(end))) continue;
                if (end < str.Length && str[end] == ',' && AsideDonorBefore().IsMatch(str.AsSpan(Math.Max(0, start - 24), Math.Min(24, start)))) continue;
                if (end < str.Length && str[end] == '$') continue; // "US$58 million" names a currency, not a donor
                var isObject = ObjectBefore().IsMatch(str.AsSpan(Math.Max(0, start - 16), Math.Min(16, start)))
                    && !AdjectiveAfter().IsMatch(str.AsSpan(end));
                var from = FromDonor().IsMatch(str.AsSpan(Math.Max(0, start - 10), Math.Min(10, start)));
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

        private List<DonorMention> FirstGroupOf(string prevText)
        {
            var saved = new List<DonorMention>(_donors);
            FindDonors(prevText);
            var groups = Groups(prevText, _donors, includeObjects: false);
            _donors.Clear();
            _donors.AddRange(saved);
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
            // "A, B and C" is a list; "A, B joins" is two clauses: a comma-only chain without a closing "and" is split back.
            var result = new List<List<DonorMention>>(groups.Count);
            foreach (var g in groups)
            {
                if (g.Count == 1 || HasConjunction(str, g))
                {
                    result.Add(g);
                    continue;
                }
                foreach (var d in g) result.Add([d]);
            }
            return result;
        }

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
