namespace PledgeLedger.Extraction;

public sealed partial class PledgeExtractor
{
    /// <summary>Which "from X" (or "by X") names the giver of one sum or item when a sentence lists several donors.</summary>
    private sealed partial class SentenceState
    {
        /// <summary>
        /// The "from X" group that gives the sum or item at [start, end), or null. A "from X" right after it, with no other sum
        /// or item in between, is its own ("EUR 200 mln from the Netherlands ..., as well as a EUR 1 bn package from Norway");
        /// else the nearest "from X" before it carries over, unless another donor is named in between ("co-funded by EU
        /// countries, ... Germany will send five Patriot"). Two "from"s in a row are one source named twice: the first wins
        /// ("a grant from the United States from the World Bank Trust Fund").
        /// </summary>
        private List<DonorMention>? ClauseFrom(List<List<DonorMention>> groups, int start, int end)
        {
            var before = -1;
            for (var i = 0; i < groups.Count && groups[i][^1].End <= start; i++) before = i;
            // The first "from" after the item, scanning on past donors that are not "from" ("EUR 5 mln for Poland's ... from X").
            var after = -1;
            for (var i = before + 1; i < groups.Count; i++)
            {
                var g = groups[i];
                if (g[0].Start < end) continue;
                if (MentionBetween(end, g[0].Start)) break;
                if (g[0].From && !Lexicon.IsNonDonor(g[0].Donor))
                {
                    after = i;
                    break;
                }
            }
            if (after >= 0) return FirstOfRun(groups, after);
            // The nearest group before the item must itself be a "from": another donor in between starts a clause of its own.
            if (before >= 0 && groups[before][0].From && !Lexicon.IsNonDonor(groups[before][0].Donor)) return FirstOfRun(groups, before);
            return null;
        }

        private List<DonorMention> FirstOfRun(List<List<DonorMention>> groups, int i)
        {
            while (i > 0 && groups[i - 1][0].From && !Lexicon.IsNonDonor(groups[i - 1][0].Donor)
                && groups[i][0].Start - groups[i - 1][^1].End <= 12 && !MentionBetween(groups[i - 1][^1].End, groups[i][0].Start))
            {
                i--;
            }
            return groups[i];
        }

        /// <summary>Whether a sum or an item of the sentence starts in [from, to).</summary>
        private bool MentionBetween(int from, int to)
        {
            foreach (var m in _money)
            {
                if (m.Start >= from && m.Start < to) return true;
            }
            foreach (var e in _equipment)
            {
                if (e.Start >= from && e.Start < to) return true;
            }
            return false;
        }
    }
}
