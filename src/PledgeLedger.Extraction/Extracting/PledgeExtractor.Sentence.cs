using System.Globalization;
using System.Text.RegularExpressions;
using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

public sealed partial class PledgeExtractor
{
    private readonly record struct DonorMention(int Start, int End, Donor Donor, bool Official, bool Object, bool From = false);

    private readonly record struct EquipmentMention(int Start, int End, EquipmentSystem System, long? Quantity, bool Article, bool Generic);

    private enum Cue { None, Weak, Pledged, Delivered, Proposed }

    [GeneratedRegex(@"^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+|\s*&\s*|\s+as\s+well\s+as\s+|\s+or\s+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ListGap();

    [GeneratedRegex(@"(?:\b(?:to|with|against|in|at|into|for|visit|visiting|visits|between|across|than|like)\s+(?:the\s+)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ObjectBefore();

    [GeneratedRegex(@"^[\-‑](?:made|built|produced|designed|manufactured|owned|based|born|speaking)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginAfter();

    [GeneratedRegex(@"(?:worth|valued\s+at|costing|at\s+a\s+cost\s+of|estimated\s+at|priced\s+at)\s*(?:(?:more\s+than|over|about|around|some|nearly|almost|up\s+to|at\s+least|an\s+estimated|approximately)\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WorthBefore();

    [GeneratedRegex(@"^\s*[\(\[,/–-]?\s*(?:or|i\.e\.|approximately|approx\.|about|around|roughly|some|nearly|almost|equivalent\s+to|equal\s+to|the\s+equivalent\s+of|≈|~|=)?\s*(?:more\s+than\s+|over\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RestatementGap();

    [GeneratedRegex(@"\b(?:including|of\s+which|incl\.|among\s+them|with|plus\s+a\s+further)\s+(?:(?:some|about|around|nearly|over|more\s+than|up\s+to)\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartBefore();

    // "for Czech ammunition", "to the Czech initiative": an adjective before a noun names no recipient.
    [GeneratedRegex(@"^\s+(?!(?:and|or|in|on|by|as|this|next|last|from|with|until|to|at|for|after|before|since|during|via|over|under|is|was|will|has|have|had|said|says)\b)\p{Ll}", RegexOptions.CultureInvariant)]
    private static partial Regex AdjectiveAfter();

    // "ammunition for HIMARS", "training on F-16": the system is named, not given.
    [GeneratedRegex(@"(?:ammunition|rounds|missiles|rockets|munitions|shells|parts|pilots|crews|training|trained|train|maintenance|spares)\s+(?:for|on|of|to)\s+(?:the\s+|its\s+|their\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SupportFor();

    [GeneratedRegex(@"\b(?:from|by)\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FromDonor();

    [GeneratedRegex(@"\bfrom\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FromBefore();

    [GeneratedRegex(@"^\s*to\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ToGap();

    /// <summary>Walks a document's sentences, keeping what the previous sentence said for the next one.</summary>
    private sealed class SentenceState(PledgeExtractor owner)
    {
        private ExtractedDocument _doc = null!;
        private string _text = "";

        /// <summary>Starts a new document; the lists are reused so a batch of small articles allocates little.</summary>
        public void Reset(ExtractedDocument doc, string text)
        {
            _doc = doc;
            _text = text;
            _cuesFor = null;
            _groupsFor = null;
        }

        public PledgeExtractor Owner => owner;

        private readonly List<MoneyMention> _money = [];
        private readonly List<EquipmentMention> _equipment = [];
        private readonly List<DonorMention> _donors = [];
        private readonly List<(int Start, int End, Donor Donor, bool Official)> _donorHits = [];
        private readonly List<(int Start, int End, EquipmentSystem System, string Alias, string Head)> _systemHits = [];
        private static readonly System.Buffers.SearchValues<string> WorthInitials =
            System.Buffers.SearchValues.Create(["worth", "valued", "costing", "cost of", "estimated", "priced"], StringComparison.OrdinalIgnoreCase);

        private readonly Lexicon _lexicon = owner._lexicon;
        private string _str = "";

        public void Analyse(List<Sentence> sentences, int index, List<CandidatePledge> into)
        {
            var s = sentences[index];
            // Most sentences hold no sum and no system: find that out on the span, without allocating.
            var span = _text.AsSpan(s.Start, s.End - s.Start);
            if (!MoneyPattern.MayHold(span) && !_lexicon.MayNameSystem(span)) return;
            var str = _text.Substring(s.Start, s.End - s.Start);
            _str = str;
            _money.Clear();
            _equipment.Clear();
            MoneyPattern.Find(str, _money);
            FindEquipment(str);
            if (_money.Count == 0 && _equipment.Count == 0) return;
            if (Cues.Cancels(str)) return;
            CleanMoney(str);
            if (_money.Count == 0 && _equipment.Count == 0) return;

            FindDonors(str);
            var objectState = false;
            foreach (var d in _donors)
            {
                if (d.Object && d.Donor.Kind == DonorKind.State && !d.Official) objectState = true;
            }
            // "to Poland" in a sentence that never names Ukraine: the aid goes elsewhere.
            if (objectState && !Cues.UkraineMention().IsMatch(str)) return;

            var proposed = Cues.Proposes(str);
            var period = Period.Once;
            int? years = null;
            var periodImplicit = true;
            var aid = AidType.Unknown;
            if (_money.Count > 0)
            {
                // Period and aid type only matter for sums; equipment is military and once.
                var multi = Cues.MultiYearIn(str);
                if (multi is not null)
                {
                    period = Period.MultiYear;
                    years = YearsOf(multi);
                    periodImplicit = false;
                }
                else if (Cues.IsAnnual(str))
                {
                    period = Period.Annual;
                    periodImplicit = false;
                }
                aid = Cues.Military().IsMatch(str) ? AidType.Military
                    : Cues.Humanitarian().IsMatch(str) ? AidType.Humanitarian
                    : Cues.Financial().IsMatch(str) ? AidType.Financial
                    : AidType.Unknown;
            }
            var continuation = _donors.Count == 0 && Cues.Continuation().IsMatch(str);
            var distributive = _donors.Count > 1 && Cues.Distributive().IsMatch(str);

            foreach (var m in _money)
            {
                Emit(sentences, index, str, m.Start, m.End, proposed, continuation, distributive, into, d => new Pledge
                {
                    DonorCode = d.Code,
                    Kind = PledgeKind.Money,
                    Amount = m.Amount,
                    Currency = m.Currency,
                    Qualifier = m.Qualifier,
                    Period = period,
                    Years = years,
                    AidType = aid,
                }, null, periodImplicit, m.HasScale ? 0m : 0.05m);
            }
            foreach (var e in _equipment)
            {
                if (e.Quantity is null)
                {
                    // An unquantified system is kept only when it is a named system, not also counted in the sentence,
                    // and not the content of a sum the sentence states ("$250 mln tranche with HIMARS rockets").
                    if (e.Generic || _money.Count > 0) continue;
                    var counted = false;
                    foreach (var o in _equipment)
                    {
                        if (o.Quantity is not null && o.System.Id == e.System.Id) counted = true;
                    }
                    if (counted) continue;
                }
                Emit(sentences, index, str, e.Start, e.End, proposed, continuation, distributive, into, d => new Pledge
                {
                    DonorCode = d.Code,
                    Kind = PledgeKind.Equipment,
                    SystemId = e.System.Id,
                    Category = e.System.Category,
                    Quantity = e.Quantity,
                    AidType = AidType.Military,
                }, e.System, false, e.Quantity is null ? 0.25m : e.Article ? 0.03m : 0m);
            }
        }

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

        private static int? YearsOf(Match m)
        {
            if (m.Groups["n"].Success)
            {
                return NumberWords.TryParse(m.Groups["n"].Value, out var n) && n is >= 1 and <= 50 ? (int)n : null;
            }
            if (m.Groups["y1"].Success && m.Groups["y2"].Success)
            {
                var y1 = int.Parse(m.Groups["y1"].Value, CultureInfo.InvariantCulture);
                var y2s = m.Groups["y2"].Value;
                var y2 = int.Parse(y2s, CultureInfo.InvariantCulture);
                if (y2s.Length == 2) y2 += y1 / 100 * 100;
                return y2 > y1 && y2 - y1 < 30 ? y2 - y1 + 1 : null;
            }
            return null;
        }

        private void FindEquipment(string str)
        {
            _lexicon.FindSystems(str, _systemHits);
            foreach (var hit in _systemHits)
            {
                var sysText = hit.Alias;
                var system = hit.System;
                var head = hit.Head.Trim().ToLowerInvariant();
                if (Lexicon.IsBatterySystem(system) && (head.StartsWith("missile", StringComparison.Ordinal) || head.StartsWith("interceptor", StringComparison.Ordinal)
                    || head.StartsWith("rocket", StringComparison.Ordinal) || head.StartsWith("round", StringComparison.Ordinal) || head.StartsWith("shell", StringComparison.Ordinal)))
                {
                    continue;
                }
                var sysStart = hit.Start;
                if (SupportFor().IsMatch(str.AsSpan(Math.Max(0, sysStart - 30), Math.Min(30, sysStart)))) continue;
                long? qty = null;
                var article = false;
                var qm = _lexicon.FindQuantityBefore(str, sysStart);
                var q = qm.Success ? qm.Groups["qty"] : Match.Empty.Groups[0];
                foreach (var money in _money)
                {
                    if (q.Success && q.Index < money.End && money.Start < q.Index + q.Length) q = Match.Empty.Groups[0];
                }
                foreach (var other in _systemHits)
                {
                    // A number inside another system name is a model number, not a count: "two ASC 890 early warning aircraft".
                    if (q.Success && other.Start != hit.Start && other.Start < q.Index + q.Length && q.Index < other.End) q = Match.Empty.Groups[0];
                }
                if (q.Success)
                {
                    var qt = q.Value.ToLowerInvariant();
                    if (qt.EndsWith("first", StringComparison.Ordinal))
                    {
                        // "its first Patriot battery" is one; "the first F-16s" are some.
                        qty = str[hit.End - 1] == 's' ? null : 1;
                        article = true;
                    }
                    else if (qt is "another" or "a" or "an" or "one more" or "a second" or "a further" || qt.StartsWith("an", StringComparison.Ordinal) && qt.EndsWith("additional", StringComparison.Ordinal))
                    {
                        qty = 1;
                        article = true;
                    }
                    else if (qt is "additional" or "more" or "several" || qt.EndsWith(" of", StringComparison.Ordinal))
                    {
                        qty = null;
                    }
                    else if (NumberWords.TryParse(qt.Replace("a dozen", "12"), out var n) && n >= 1 && n == decimal.Truncate(n))
                    {
                        var looksLikeYear = qt.Length == 4 && n is >= 1900 and <= 2100;
                        // More than the ledger's bound is no count of items (and would not fit a long): unstated.
                        qty = looksLikeYear || n > Bounds.MaxQuantity ? null : (long)n;
                    }
                }
                var generic = !sysText.Any(c => char.IsUpper(c) || char.IsDigit(c));
                var start = q.Success && qty is not null ? qm.Index : sysStart;
                _equipment.Add(new EquipmentMention(start, hit.End, system, qty, article, generic));
            }
        }

        /// <summary>Drops sums that are not separate pledges: restatements in another currency, parts of a sum
        /// named before, the old figure of a "from X to Y" rise, and prices ("radar worth $100 mln").</summary>
        private void CleanMoney(string str)
        {
            if (_money.Count == 0) return;
            var keep = new bool[_money.Count];
            Array.Fill(keep, true);
            for (var i = 0; i < _money.Count; i++)
            {
                var m = _money[i];
                var before = str.AsSpan(0, m.Start);
                if (i > 0)
                {
                    var prev = _money[i - 1];
                    var gap = str.AsSpan(prev.End, m.Start - prev.End);
                    if (RestatementGap().IsMatch(gap))
                    {
                        keep[i] = false;
                        continue;
                    }
                    if (PartBefore().IsMatch(before[Math.Max(0, before.Length - 40)..]))
                    {
                        keep[i] = false;
                        continue;
                    }
                    if (ToGap().IsMatch(gap) && FromBefore().IsMatch(str.AsSpan(0, prev.Start)[Math.Max(0, prev.Start - 10)..]))
                    {
                        keep[i - 1] = false;
                    }
                }
                var tail = before[Math.Max(0, before.Length - 60)..];
                if (tail.IndexOfAny(WorthInitials) < 0) continue;
                var worth = WorthBefore().Match(tail.ToString());
                if (worth.Success)
                {
                    var beforeWorth = tail[..worth.Index].ToString();
                    var counted = false;
                    var uncounted = -1;
                    for (var k = 0; k < _equipment.Count; k++)
                    {
                        var e = _equipment[k];
                        if (e.End > m.Start || m.Start - e.End > 40) continue;
                        if (e.Quantity is null) uncounted = k;
                        else counted = true;
                    }
                    // "49 Abrams tanks worth AUD 245 mln": the tanks are the pledge. "shells worth EUR 20 mln": the sum is.
                    if (counted) keep[i] = false;
                    else if (uncounted >= 0) _equipment.RemoveAt(uncounted);
                    else if (!Cues.AidNounBeforeWorth().IsMatch(beforeWorth)) keep[i] = false;
                }
            }
            for (var i = _money.Count - 1; i >= 0; i--)
            {
                if (!keep[i]) _money.RemoveAt(i);
            }
        }

        private void FindDonors(string str)
        {
            _donors.Clear();
            _lexicon.FindDonors(str, _donorHits);
            foreach (var (start, end, donor, official) in _donorHits)
            {
                if (donor.Code == "UA") continue;
                if (OriginAfter().IsMatch(str.AsSpan(end))) continue;
                var isObject = ObjectBefore().IsMatch(str.AsSpan(Math.Max(0, start - 16), Math.Min(16, start)))
                    && !AdjectiveAfter().IsMatch(str.AsSpan(end));
                var from = FromDonor().IsMatch(str.AsSpan(Math.Max(0, start - 10), Math.Min(10, start)));
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
            // "EUR 10 mln from Spain": "from" names the giver whatever else the sentence names.
            foreach (var g in groups)
            {
                if (g[0].From && !Lexicon.IsNonDonor(g[0].Donor)) chosen = g;
            }
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
                if (gap.Contains("and", StringComparison.Ordinal) || gap.Contains('&') || gap.Contains("or", StringComparison.Ordinal)) return true;
            }
            return false;
        }

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
