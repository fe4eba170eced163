using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

public sealed partial class PledgeExtractor
{
    /// <summary>Status from the verbs of a sentence, and the candidate pledges one item yields (one per donor).</summary>
    private sealed partial class SentenceState
    {
        private void Emit(List<Sentence> sentences, int index, string str, int itemStart, int itemEnd, bool proposed, bool continuation,
            bool distributive, List<CandidatePledge> into, Func<Donor, Pledge> make, string? systemName, string? category, bool periodImplicit, decimal penalty, bool total = false)
        {
            var s = sentences[index];
            var confidence = 0.92m - penalty;
            string? review = null;

            // Status: a proposal anywhere in the sentence; else the nearest verb of giving; else the previous sentence's.
            var cue = proposed && ProposedAt(str, itemStart, itemEnd) ? Cue.Proposed : StatusNear(CuesOf(str), str, itemStart, itemEnd);
            if (cue == Cue.Pledged && FormalBeforePackage(CuesOf(str), str, itemStart, itemEnd) == Cue.Allocated) cue = Cue.Allocated;
            // "the final bill includes", "signed into law": the law allocates; a bill on its way only proposes.
            if (cue == Cue.Proposed && SpeaksOfEnactedLaw(str)) cue = Cue.Allocated;
            var status = StatusOf(cue);
            if (cue == Cue.Weak) confidence -= 0.08m;
            if (cue is Cue.Weak or Cue.None && Cues.RequestWords.IsMatch(KeysOf(str))) return;

            var group = DonorGroupFor(itemStart, itemEnd, out var hostile);
            if (hostile)
            {
                // "The bill includes $60 bn for Ukraine as it fights Russia's invasion": a state named only after the sum,
                // and not aiding Ukraine, is not its giver; the sentence's own wording may still name one.
                if (!NamedOnlyAfter(itemEnd) || ImpliedDonor(str, out var reason) is not { } own) return;
                group = own;
                review = reason;
                confidence = Math.Min(confidence, 0.5m);
            }
            var inherited = false;
            if (group.Count == 0 || (int)status < 0)
            {
                // "Including 30 F-16 jets ..." continues the sentence before it: same donors, same verb. A bullet line of a
                // package list ("- 8 Zetros trucks") belongs to the list's intro ("The package includes:") and the donor the
                // document announced; so does a sentence with a verb of giving and no donor of its own ("It will include ...").
                var listItem = IsListItem(sentences, index, out var intro);
                var linked = false;
                if (index > 0)
                {
                    var prev = sentences[index - 1];
                    linked = prev.Line == s.Line || (continuation && prev.Paragraph == s.Paragraph);
                }
                if (!linked && !listItem && (int)status < 0) return;
                if (group.Count == 0)
                {
                    // Givers left unnamed ("equipment from foreign partners"): the registry's unnamed-partners donor, as the
                    // text words it, never a state guessed from the document; always for a person to review.
                    if (NamesUnnamedGivers(str))
                    {
                        if (UnnamedGroup() is not { } unnamed) return;
                        group = unnamed;
                        review = UnnamedReview;
                        confidence = Math.Min(confidence, 0.5m);
                    }
                    else
                    {
                        if (linked)
                        {
                            // A sale before it passes on nothing; unnamed givers pass on themselves.
                            if (FirstGroupOfSentence(sentences, index - 1) is not { } passed) return;
                            group = passed;
                            if (IsUnnamed(group))
                            {
                                review = UnnamedReview;
                                confidence = Math.Min(confidence, 0.5m);
                            }
                        }
                        if (group.Count == 0) group = DocumentDonor(sentences, index);
                        // Nobody named anywhere: the sentence's own currency or US legislative wording may still name the giver.
                        if (group.Count == 0 && ImpliedDonor(str, out var implied) is { } own)
                        {
                            group = own;
                            review = implied;
                            confidence = Math.Min(confidence, 0.5m);
                        }
                        if (group.Count == 0) return;
                        confidence -= linked || listItem ? 0.1m : 0.2m;
                    }
                    inherited = true;
                }
                if ((int)status < 0)
                {
                    var prevCue = CueOfSentence(sentences, listItem && intro >= 0 ? intro : index - 1);
                    var prevStatus = StatusOf(prevCue);
                    if ((int)prevStatus < 0 && listItem) prevStatus = PledgeStatus.Pledged;
                    if ((int)prevStatus < 0 || (!continuation && !listItem && prevCue == Cue.Weak)) return;
                    status = prevStatus;
                    confidence -= 0.05m;
                }
            }

            var donors = new List<DonorMention>(group.Count);
            if (group.Count > 1 && !inherited && ((distributive && DistributiveAt(str, itemStart, itemEnd)) || ListGivesEach(str, group)))
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
                if (total)
                {
                    Totals.Add(new ReportedTotal(made.DonorCode, dm.Donor.Name, made.Kind, made.Amount, made.Currency, made.SystemId,
                        systemName, category, made.Quantity, made.Qualifier, status, s.Date, new Evidence(_doc.Source, s.Start, s.End, s.Line, str)));
                    continue;
                }
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
                into.Add(new CandidatePledge(p, dm.Donor.Name, systemName, category,
                    [new Evidence(_doc.Source, s.Start, s.End, s.Line, str)])
                {
                    PeriodImplicit = periodImplicit && p.Kind == PledgeKind.Money,
                });
            }
        }

        /// <summary>
        /// Whether the sentence is a line of a list ("- 8 Zetros trucks", "• 1 Dachs vehicle"): a bullet, or a short line
        /// under a line ending in a colon. <paramref name="intro"/> is the sentence that opens the list, when there is one.
        /// </summary>
        private bool IsListItem(List<Sentence> sentences, int index, out int intro)
        {
            intro = -1;
            var s = sentences[index];
            if (!LooksLikeListLine(s, index == 0 ? -1 : sentences[index - 1].Line)) return false;
            for (var i = index - 1; i >= 0 && index - i <= 40; i--)
            {
                var p = sentences[i];
                var text = _text.AsSpan(p.Start, p.End - p.Start).TrimEnd();
                if (text.EndsWith(":"))
                {
                    intro = i;
                    return true;
                }
                if (!LooksLikeListLine(p, i == 0 ? -1 : sentences[i - 1].Line)) return IsBullet(s);
            }
            return IsBullet(s);
        }

        private bool IsBullet(Sentence s) => _text[s.Start] is '-' or '•' or '*' or '–' or '·' or '▪' or '●' or '—';

        private bool LooksLikeListLine(Sentence s, int previousLine)
        {
            if (IsBullet(s)) return true;
            if (previousLine == s.Line) return false;
            var text = _text.AsSpan(s.Start, s.End - s.Start);
            return text.Length <= 100 && !text.EndsWith(".") && (s.End >= _text.Length || _text[s.End] is '\r' or '\n');
        }

        /// <summary>
        /// The donor the document has been speaking of: the first donor named in the nearest earlier sentence that names one
        /// ("The US Department of Defense announced ... / The new package includes: / - 8 trucks").
        /// </summary>
        private List<DonorMention> DocumentDonor(List<Sentence> sentences, int index)
        {
            // Scans each sentence once per document: what lies before the last scan is already summed up in the cache.
            var floor = Math.Max(_docDonorScanned, index - 60);
            for (var i = index - 1; i >= floor; i--)
            {
                var p = sentences[i];
                var span = _text.AsSpan(p.Start, p.End - p.Start);
                if (!Lexicon.MayNameDonor(span)) continue;
                var sentence = _text.Substring(p.Start, p.End - p.Start);
                var group = FirstGroupOf(sentence);
                if (group.Count > 0)
                {
                    // The document speaks of a sale: its donor gives nothing to the sentences that follow.
                    _docDonor = SaleContext().IsMatch(sentence) ? [] : group;
                    _docDonorAt = i;
                    break;
                }
            }
            _docDonorScanned = Math.Max(_docDonorScanned, index);
            return _docDonor.Count > 0 && index - _docDonorAt <= 60 ? _docDonor : [];
        }

        // Earlier sentences' donors and verbs, asked once per item that inherits them: worked out once per sentence.
        private int _groupOfAt = -1;
        private List<DonorMention>? _groupOf;
        private int _cueOfAt = -1;
        private Cue _cueOf;

        /// <summary>
        /// The first donor group of sentence <paramref name="at"/> (see <see cref="FirstGroupOf"/>), which the sentence
        /// after it inherits; null when it passes on no donor (givers left unnamed, or a sale). Cached per sentence.
        /// </summary>
        private List<DonorMention>? FirstGroupOfSentence(List<Sentence> sentences, int at)
        {
            if (_groupOfAt != at)
            {
                var p = sentences[at];
                var text = _text.Substring(p.Start, p.End - p.Start);
                _groupOf = SaleContext().IsMatch(text) ? null : NamesUnnamedGivers(text) ? UnnamedGroup() : FirstGroupOf(text);
                _groupOfAt = at;
            }
            return _groupOf;
        }

        /// <summary>The status verb sentence <paramref name="at"/> ends on (a proposal anywhere in it first); -1: no sentence.</summary>
        private Cue CueOfSentence(List<Sentence> sentences, int at)
        {
            if (at < 0) return Cue.None;
            if (_cueOfAt != at)
            {
                var p = sentences[at];
                var text = _text.Substring(p.Start, p.End - p.Start);
                _cueOf = Cues.Proposes(KeysOf(text)) ? Cue.Proposed : StatusNear(CollectCues(text), text, text.Length, text.Length);
                _cueOfAt = at;
            }
            return _cueOf;
        }

        private const string UnnamedReview = "donor left unnamed in the text (partners)";

        private List<DonorMention>? _unnamedGroup;

        /// <summary>The unnamed-partners donor as a donor group; null when the registry has none.</summary>
        private List<DonorMention>? UnnamedGroup() =>
            _lexicon.UnnamedPartners is { } d ? _unnamedGroup ??= [new DonorMention(-1, -1, d, false, false)] : null;

        private static bool IsUnnamed(List<DonorMention> group) => group.Count == 1 && group[0].Donor.Code == Lexicon.UnnamedPartnersCode;

        private List<DonorMention> _docDonor = [];
        private int _docDonorAt = -1;
        private int _docDonorScanned;

        private static string ReviewReasonFor(Pledge p) =>
            p.Kind == PledgeKind.Equipment && p.Quantity is null ? "quantity not stated" : "low confidence";
        private static PledgeStatus StatusOf(Cue cue) => cue switch
        {
            Cue.Proposed => PledgeStatus.Proposed,
            Cue.Delivered => PledgeStatus.Delivered,
            Cue.Allocated => PledgeStatus.Allocated,
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

        private readonly SentenceWords _words = new();
        private readonly WordKeys _wordKeys = new();
        private readonly List<(int Index, int Length)> _hits = [];

        /// <summary>The words of <paramref name="str"/> and their keys (see <see cref="PrefixGate"/>), tokenised once per sentence.</summary>
        private WordKeys KeysOf(string str) => _wordKeys.For(_words.For(str));

        /// <summary>The status verbs of the sentence, in the order of the three patterns (each tried only at the words that
        /// can start it: see <see cref="SentenceWords"/>).</summary>
        private List<(int Start, int End, Cue Kind)> CollectCues(string str)
        {
            var list = new List<(int, int, Cue)>();
            var keys = KeysOf(str);
            Cues.DeliveredWords.Matches(keys, _hits);
            foreach (var (index, length) in _hits)
            {
                var future = index >= 3 && Cues.FuturePassiveBefore().IsMatch(str.AsSpan(Math.Max(0, index - 24), Math.Min(24, index)));
                list.Add((index, index + length, future ? Cue.Pledged : Cue.Delivered));
            }
            Cues.PledgedWords.Matches(keys, _hits);
            foreach (var (index, length) in _hits) list.Add((index, index + length, Cue.Pledged));
            Cues.AllocatedWords.Matches(keys, _hits);
            foreach (var (index, length) in _hits) list.Add((index, index + length, Cue.Allocated));
            if (list.Count == 0 && Cues.WeakWords.IsMatch(keys)) list.Add((-1, -1, Cue.Weak));
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
