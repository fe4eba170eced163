using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

public sealed partial class PledgeExtractor
{
    /// <summary>Status from the verbs of a sentence, and the candidate pledges one item yields (one per donor).</summary>
    private sealed partial class SentenceState
    {
        private void Emit(List<Sentence> sentences, int index, string str, int itemStart, int itemEnd, bool proposed, bool continuation,
            bool distributive, List<CandidatePledge> into, Func<Donor, Pledge> make, EquipmentSystem? system, bool periodImplicit, decimal penalty)
        {
            var s = sentences[index];
            var confidence = 0.92m - penalty;
            string? review = null;

            // Status: a proposal anywhere in the sentence; else the nearest verb of giving; else the previous sentence's.
            var cue = proposed ? Cue.Proposed : StatusNear(CuesOf(str), str, itemStart, itemEnd);
            var status = StatusOf(cue);
            if (cue == Cue.Weak) confidence -= 0.08m;
            if (cue is Cue.Weak or Cue.None && Cues.Request().IsMatch(str)) return;

            var group = DonorGroupFor(itemStart, itemEnd, out var hostile);
            if (hostile) return;
            var inherited = false;
            if (group.Count == 0 || (int)status < 0)
            {
                // "Including 30 F-16 jets ..." continues the sentence before it: same donors, same verb.
                if (index == 0) return;
                var prev = sentences[index - 1];
                var sameLine = prev.Line == s.Line;
                if (!sameLine && !(continuation && prev.Paragraph == s.Paragraph)) return;
                var prevText = _text.Substring(prev.Start, prev.End - prev.Start);
                if (group.Count == 0)
                {
                    group = FirstGroupOf(prevText);
                    if (group.Count == 0) return;
                    inherited = true;
                    confidence -= 0.2m;
                }
                if ((int)status < 0)
                {
                    var prevCue = Cues.Proposes(prevText) ? Cue.Proposed : StatusNear(CollectCues(prevText), prevText, prevText.Length, prevText.Length);
                    var prevStatus = StatusOf(prevCue);
                    if ((int)prevStatus < 0 || (!continuation && prevCue == Cue.Weak)) return;
                    status = prevStatus;
                    confidence -= 0.05m;
                }
            }

            var donors = new List<DonorMention>(group.Count);
            if (group.Count > 1 && distributive && !inherited)
            {
                donors.AddRange(group);
                confidence -= 0.04m;
            }
            else
            {
                donors.Add(group[0]);
                if (group.Count > 1)
                {
                    confidence = Math.Min(confidence, 0.5m);
                    review = "donor ambiguous: one of " + string.Join(", ", group.Select(g => g.Donor.Code).Distinct());
                }
            }
            if (group[0].Official) confidence -= 0.08m;

            foreach (var dm in donors)
            {
                var made = make(dm.Donor);
                var c = Math.Round(Math.Clamp(confidence, 0.05m, 0.99m), 2);
                var needsReview = c < ReviewThreshold;
                var p = made with
                {
                    Status = status,
                    AnnouncedOn = s.Date,
                    Source = _doc.Source,
                    Confidence = c,
                    NeedsReview = needsReview,
                    ReviewReason = needsReview ? review ?? ReviewReasonFor(made) : null,
                };
                into.Add(new CandidatePledge(p, dm.Donor.Name, system?.Name, system?.Category,
                    [new Evidence(_doc.Source, s.Start, s.End, s.Line, str)])
                {
                    PeriodImplicit = periodImplicit && p.Kind == PledgeKind.Money,
                });
            }
        }

        private static string ReviewReasonFor(Pledge p) =>
            p.Kind == PledgeKind.Equipment && p.Quantity is null ? "quantity not stated" : "low confidence";
        private static PledgeStatus StatusOf(Cue cue) => cue switch
        {
            Cue.Proposed => PledgeStatus.Proposed,
            Cue.Delivered => PledgeStatus.Delivered,
            Cue.Pledged or Cue.Weak => PledgeStatus.Pledged,
            _ => (PledgeStatus)(-1),
        };

        private string? _cuesFor;
        private List<(int Start, int End, Cue Kind)> _cues = [];
        private string? _groupsFor;
        private List<List<DonorMention>> _groups = [];

        private List<(int Start, int End, Cue Kind)> CuesOf(string str)
        {
            if (!ReferenceEquals(_cuesFor, str))
            {
                _cues = CollectCues(str);
                _cuesFor = str;
            }
            return _cues;
        }

        private static List<(int Start, int End, Cue Kind)> CollectCues(string str)
        {
            var list = new List<(int, int, Cue)>();
            foreach (var m in Cues.Delivered().EnumerateMatches(str)) list.Add((m.Index, m.Index + m.Length, Cue.Delivered));
            foreach (var m in Cues.Pledged().EnumerateMatches(str)) list.Add((m.Index, m.Index + m.Length, Cue.Pledged));
            if (list.Count == 0 && Cues.Weak().IsMatch(str)) list.Add((-1, -1, Cue.Weak));
            return list;
        }

        /// <summary>The verb of giving nearest to the item: verbs before it count fully, verbs after it
        /// ("... EUR 58 mln already collected") a little less.</summary>
        private static Cue StatusNear(List<(int Start, int End, Cue Kind)> cues, string str, int start, int end)
        {
            _ = str;
            var best = Cue.None;
            var bestDistance = int.MaxValue;
            foreach (var (s, e, kind) in cues)
            {
                if (kind == Cue.Weak) return Cue.Weak;
                var d = e <= start ? start - e : s >= end ? (s - end) * 2 + 1 : 0;
                if (d < bestDistance)
                {
                    bestDistance = d;
                    best = kind;
                }
            }
            return best;
        }
    }
}
