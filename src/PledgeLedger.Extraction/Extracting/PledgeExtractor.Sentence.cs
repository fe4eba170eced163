using System.Globalization;
using System.Text.RegularExpressions;
using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

public sealed partial class PledgeExtractor
{
    private readonly record struct DonorMention(int Start, int End, Donor Donor, bool Official, bool Object, bool From = false);

    private readonly record struct EquipmentMention(int Start, int End, EquipmentSystem System, long? Quantity, bool Article, bool Generic,
        string? Item = null, string? ItemCategory = null);

    /// <summary>Stands in for a catalog system in an <see cref="EquipmentMention"/> of an open-vocabulary item.</summary>
    private static readonly EquipmentSystem OpenSystem = new("", "", "other", [], null, null);

    private enum Cue { None, Weak, Pledged, Delivered, Proposed, Allocated }

    [GeneratedRegex(@"^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+|\s*&\s*|\s+as\s+well\s+as\s+|\s+or\s+|\s*,?\s+(?:in\s+(?:close\s+)?(?:cooperation|co-operation|partnership|conjunction|coordination)|jointly|together)\s+with\s+)(?:the\s+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ListGap();

    [GeneratedRegex(@"(?:\b(?:to|with|against|in|at|into|for|visit|visiting|visits|between|across|than|like)\s+(?:the\s+)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ObjectBefore();

    [GeneratedRegex(@"^[\-‑](?:made|built|produced|designed|manufactured|owned|based|born|speaking)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginAfter();

    [GeneratedRegex(@"(?:worth|valued\s+at|costing|at\s+a\s+cost\s+of|estimated\s+at|priced\s+at)\s*(?:(?:more\s+than|over|about|around|some|nearly|almost|up\s+to|at\s+least|an\s+estimated|approximately)\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WorthBefore();

    [GeneratedRegex(@"^\s*[\(\[,/–-]?\s*(?:or|i\.e\.|approximately|approx\.|about|around|roughly|some|nearly|almost|equivalent\s+to|equal\s+to|the\s+equivalent\s+of|≈|~|=)?\s*(?:more\s+than\s+|over\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RestatementGap();

    [GeneratedRegex(@"\b(?:(?:an?\s+)?(?:increase|rise)\s+of|up\s+by)\s*(?:about|almost|nearly|more\s+than|over|some|around)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChangeBefore();

    // "SEK 1 bn more than all earlier packages", "EUR 2 bn less than last year": a comparison, not a sum given.
    [GeneratedRegex(@"^\s*(?:increase|rise|more\s+than\s+in|jump|(?:more|less|higher|lower|larger|smaller)\s+than)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChangeAfter();

    // A sum in another currency that restates the one before after other words: "francs worth of winter aid, which is
    // about $13.7 million", "crowns, equivalent to ...".
    [GeneratedRegex(@"(?:,|\(|–|—|-)\s*(?:which\s+is|that\s+is|i\.e\.|or|equivalent\s+to|equal\s+to|the\s+equivalent\s+of|worth)\s*(?:about|approximately|approx\.|around|roughly|some|nearly|almost|more\s+than|over|just\s+over|just\s+under)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConversionTail();

    [GeneratedRegex(@"\b(?:including|of\s+which|incl\.|among\s+them|with|plus\s+a\s+further)\s+(?:(?:some|about|around|nearly|over|more\s+than|up\s+to)\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartBefore();

    // "for Czech ammunition", "to the Czech initiative": an adjective before a noun names no recipient.
    [GeneratedRegex(@"^\s+(?!(?:and|or|in|on|by|as|this|next|last|from|with|until|to|at|for|after|before|since|during|via|over|under|is|was|will|has|have|had|said|says|following|amid|which|who|that|because|while|when|where)\b)\p{Ll}", RegexOptions.CultureInvariant)]
    private static partial Regex AdjectiveAfter();

    // "ammunition for HIMARS", "training on F-16": the system is named, not given.
    [GeneratedRegex(@"(?:ammunition|rounds|missiles|rockets|munitions|shells|parts|pilots|crews|training|trained|train|maintenance|spares)\s+(?:for|on|of|to)\s+(?:the\s+|its\s+|their\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SupportFor();

    [GeneratedRegex(@"^\s+(?:of|out\s+of|from)\s+(?:the|a|an|its|this|that)\s+(?:(?:new|total|overall|additional|latest)\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShareOf();

    [GeneratedRegex(@"\b(?:from|by)\s+(?:the\s+)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FromDonor();

    [GeneratedRegex(@"\bfrom\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FromBefore();

    [GeneratedRegex(@"^\s*to\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ToGap();

    /// <summary>Walks a document's sentences, keeping what the previous sentence said for the next one.</summary>
    private sealed partial class SentenceState(PledgeExtractor owner)
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
            Totals.Clear();
            _docDonor = [];
            _docDonorAt = -1;
            _docDonorScanned = 0;
            _groupOfAt = -1;
            _cueOfAt = -1;
        }

        /// <summary>The running totals the document reports so far (see <see cref="ReportedTotal"/>).</summary>
        public List<ReportedTotal> Totals { get; } = [];

        public PledgeExtractor Owner => owner;

        private readonly List<MoneyMention> _money = [];
        private readonly List<EquipmentMention> _equipment = [];
        private readonly List<DonorMention> _donors = [];
        private readonly List<(int Start, int End, Donor Donor, bool Official)> _donorHits = [];
        private readonly List<(int Start, int End, EquipmentSystem System, string Alias, string Head)> _systemHits = [];
        private static readonly System.Buffers.SearchValues<string> WorthInitials =
            System.Buffers.SearchValues.Create(["worth", "valued", "costing", "cost of", "estimated", "priced"], StringComparison.OrdinalIgnoreCase);

        // Any of these in the sentence may make a sum a change, not a sum given (one search for all, case ignored).
        private static readonly System.Buffers.SearchValues<string> ChangeWords = System.Buffers.SearchValues.Create(
            ["increas", "rise", "more than in", "grew", "rose", "up by", " than "], StringComparison.OrdinalIgnoreCase);

        private readonly Lexicon _lexicon = owner._lexicon;
        private string _str = "";

        public void Analyse(List<Sentence> sentences, int index, List<CandidatePledge> into)
        {
            var s = sentences[index];
            // Most sentences hold no sum and no system: find that out on the span, without allocating.
            var span = _text.AsSpan(s.Start, s.End - s.Start);
            var mayHoldMoney = MoneyPattern.MayHold(span, out var firstDigitSum);
            // Whether a system may be named is known here when no sum may be held; FindSystems need not ask again.
            bool? mayNameSystem = mayHoldMoney ? null : _lexicon.MayNameSystem(span);
            if (!mayHoldMoney && mayNameSystem == false && !OpenItems.MayHold(span) && !HoldsUnstated(span)) return;
            var str = _text.Substring(s.Start, s.End - s.Start);
            _str = str;
            _money.Clear();
            _equipment.Clear();
            // MayHold is false only when neither sum pattern can match: then Find would find nothing.
            if (mayHoldMoney) MoneyPattern.Find(str, _money, firstDigitSum);
            FindEquipment(str, mayNameSystem);
            FindOpenItems(str);
            SplitCoordinatedCalibres(str);
            FindUnstatedMoney(str); // money committed without a figure (PledgeExtractor.Unstated.cs)
            if (_money.Count == 0 && _equipment.Count == 0 && _unstated.Count == 0) return;
            var keys = KeysOf(str);
            // The refusal and the trap words, found once for the cancelling test and the rules that may still keep the sentence.
            var refused = Cues.RefusalWords.IsMatch(keys);
            Cues.TrapWords.Matches(keys, _traps);
            if (refused || _traps.Count > 0)
            {
                if (!TrapsOnlyDescribePurpose(str, refused, _traps) && !KeepOutsideTrapAsides(str, refused, _traps) && !TrapsOnlyInShares(str)) return;
            }
            if (NonDonationWords.IsMatch(keys)) return;
            // A recalled pledge ("has previously provided", "In March, Berlin delivered") is background, not this document's news.
            if (Cues.Recalls(keys) && RecallsBeyondReport(str)) return;
            CleanMoney(str);
            if (_money.Count == 0 && _equipment.Count == 0 && _unstated.Count == 0) return;

            FindDonors(str);
            DropNotGiven(str);
            DropRecalledAddenda(str);
            DropWhatOtherRecipientsGet(str); // issue 9q: a sum for another recipient (PledgeExtractor.ImpliedDonors.cs)
            if (_money.Count == 0 && _equipment.Count == 0 && _unstated.Count == 0) return;
            var objectState = false;
            foreach (var d in _donors)
            {
                if (d.Object && d.Donor.Kind == DonorKind.State && !d.Official) objectState = true;
            }
            // "to Poland" in a sentence that never names Ukraine: the aid goes elsewhere.
            if (objectState && !Cues.UkraineMention().IsMatch(str) && !KeepSumsForNoOtherState()) return;

            var proposed = Cues.Proposes(keys) || MayGiveWords.IsMatch(keys);
            // A state's call or appeal on others ("urged allies to send more air defence", "called for more Patriots") gives
            // nothing: what it names is neither the caller's pledge nor anyone's yet. An organisation or coalition calling on
            // its members ("NATO calls on allies to allocate ...") is still its proposal.
            if (proposed && !CallerIsGroup() && Cues.AppealBefore(str, FirstMention())) return;
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
                aid = Cues.MilitaryWords.IsMatch(keys) ? AidType.Military
                    : Cues.HumanitarianWords.IsMatch(keys) ? AidType.Humanitarian
                    : Cues.FinancialWords.IsMatch(keys) ? AidType.Financial
                    : AidType.Unknown;
            }
            var continuation = _donors.Count == 0 && Cues.Continuation().IsMatch(str);
            var distributive = _donors.Count > 1 && Cues.Distributive().IsMatch(str);

            // A running total ("has provided EUR 5 bn since 2022", "brings its total to ...") is reported, never a new pledge.
            var totalSentence = Cues.IsRunningTotal(str);
            // "a EUR 765 million increase compared to last year", "aid increasing by EUR 191 million": a change, not a sum given.
            var hasChange = _money.Count > 0 && str.AsSpan().IndexOfAny(ChangeWords) >= 0;
            var collective = _money.Count > 0 ? Cues.CollectiveGiving(str) : (Start: -1, End: -1);
            foreach (var m in _money)
            {
                if (collective.Start >= 0 && GovernedByCollective(collective, m.Start)) continue;
                if (hasChange && IsChange(str, m)) continue;
                var total = (totalSentence && TotalReaches(str, m.Start, m.End)) || (Cues.IsTotalAfter(str.AsSpan(Math.Max(0, m.Start - 80), Math.Min(80, m.Start)))
                    && !SizeOfWhole().IsMatch(str.AsSpan(Math.Max(0, m.Start - 60), Math.Min(60, m.Start))));
                Emit(sentences, index, str, m.Start, m.End, proposed, continuation, distributive, into, d => new Pledge
                {
                    DonorCode = d.Code,
                    Kind = PledgeKind.Money,
                    Amount = m.Amount,
                    Currency = m.Currency == MoneyPattern.Crowns ? MoneyPattern.CrownsOf(d.Code, KronerAt(str, m))
                        : m.BareDollar ? MoneyPattern.DollarOf(d.Code) : m.Currency,
                    Qualifier = m.Qualifier,
                    Period = period,
                    Years = years,
                    AidType = aid,
                }, null, null, periodImplicit, m.HasScale ? 0m : 0.05m, total);
            }
            foreach (var e in _equipment)
            {
                if (e.Quantity is null && e.Item is not null && IsPurposeOfSum(str, e.Start)) continue;
                if (e.Quantity is null)
                {
                    // An unquantified system is kept only when it is a named system, not also counted in the sentence,
                    // and not the content of a sum the sentence states ("$250 mln tranche with HIMARS rockets").
                    if ((e.Generic || (_money.Count > 0 && !OtherClauseThanSums(str, e.Start, e.End) && !IncludedBySum(str, e.Start))) && e.Item is null) continue;
                    var counted = false;
                    foreach (var o in _equipment)
                    {
                        if (o.Quantity is not null && o.Item is null && e.Item is null && o.System.Id == e.System.Id) counted = true;
                    }
                    if (counted) continue;
                }
                Emit(sentences, index, str, e.Start, e.End, proposed, continuation, distributive, into, d => new Pledge
                {
                    DonorCode = d.Code,
                    Kind = PledgeKind.Equipment,
                    SystemId = e.Item is null ? e.System.Id : null,
                    Item = e.Item,
                    Category = e.Item is null ? e.System.Category : e.ItemCategory,
                    Quantity = e.Quantity,
                    AidType = AidType.Military,
                }, e.Item ?? e.System.Name, e.Item is null ? e.System.Category : e.ItemCategory, false, e.Quantity is null ? 0.25m : e.Article ? 0.03m : 0m, totalSentence);
            }
            EmitUnstated(sentences, index, str, proposed, continuation, distributive, into, totalSentence);
        }

        /// <summary>
        /// A trap word governs its own phrase, not the sentence: when every trap sits in an aside set off by commas, dashes
        /// or brackets that opens with a subordinating word ("the package, announced after Russian strikes hit Kyiv,
        /// includes ..."), the sums and items outside the asides are kept and those inside dropped. A refusal still cancels.
        /// </summary>
        private bool KeepOutsideTrapAsides(string str, bool refused, List<(int Index, int Length)> traps)
        {
            if (refused) return false;
            var asides = new List<(int Start, int End)>();
            foreach (var m in traps)
            {
                var open = str.AsSpan(0, m.Index).LastIndexOfAny(AsideMarks);
                if (open < 0) return false;
                var close = str.AsSpan(m.Index + m.Length).IndexOfAny(AsideMarks);
                if (close < 0) return false;
                close += m.Index + m.Length;
                if (!Cues.AsideOpener().IsMatch(str.AsSpan(open + 1, m.Index - open - 1))) return false;
                asides.Add((open, close));
            }
            if (asides.Count == 0) return false;
            _money.RemoveAll(x => InAny(asides, x.Start));
            _equipment.RemoveAll(x => InAny(asides, x.Start));
            return _money.Count > 0 || _equipment.Count > 0;
        }

        // The trap words of the sentence (index, length), as the trap pattern finds them.
        private readonly List<(int Index, int Length)> _traps = [];

        private static readonly System.Buffers.SearchValues<char> AsideMarks = System.Buffers.SearchValues.Create(",;()—–");

        /// <summary>Where the catalog name of a counted mention starts (its span runs from the count to the name's end).</summary>
        private int NameStartOf(EquipmentMention e)
        {
            foreach (var hit in _systemHits)
            {
                if (hit.End == e.End) return hit.Start;
            }
            return e.Start;
        }

        private static bool IsOnlySpaces(string s, int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                if (s[i] != ' ') return false;
            }
            return true;
        }

        private static bool InAny(List<(int Start, int End)> spans, int at)
        {
            foreach (var (a, b) in spans)
            {
                if (at > a && at < b) return true;
            }
            return false;
        }

        /// <summary>Whether the many-donor clause at <paramref name="clause"/> governs the sum at <paramref name="at"/>:
        /// the sum follows it closely and no donor is named between them ("allies pledged EUR 21 bn", not "allies
        /// pledged more; Germany gave EUR 1 bn").</summary>
        private bool GovernedByCollective((int Start, int End) clause, int at)
        {
            if (at < clause.End || at - clause.End > 100) return false;
            if (NamedWithCollective(clause.Start)) return false; // issue 9q: "X and its allies pledged" (PledgeExtractor.Donors.cs)
            foreach (var d in _donors)
            {
                if (!d.Object && d.Start >= clause.Start && d.Start < at) return false;
                // "NATO allies pledged", "EU member states committed": the group named on the collective noun gives it.
                if (!d.Object && d.Donor.Kind != DonorKind.State && d.Start < clause.Start && d.End + 1 >= clause.Start) return false;
            }
            return true;
        }

        private bool CallerIsGroup()
        {
            foreach (var d in _donors)
            {
                if (!d.Object) return d.Donor.Kind != DonorKind.State;
            }
            return false;
        }

        private int FirstMention()
        {
            var first = int.MaxValue;
            foreach (var m in _money) first = Math.Min(first, m.Start);
            foreach (var e in _equipment) first = Math.Min(first, e.Start);
            return first;
        }

        private static bool IsChange(string str, MoneyMention m) =>
            ChangeBefore().IsMatch(str.AsSpan(Math.Max(0, m.Start - 30), Math.Min(30, m.Start)))
            || ChangeAfter().IsMatch(str.AsSpan(m.End, Math.Min(30, str.Length - m.End)));

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

        private static bool KronerAt(string str, MoneyMention m) => str.AsSpan(m.Start, m.End - m.Start).Contains("kron", StringComparison.OrdinalIgnoreCase);

        private readonly List<OpenItem> _open = [];
        private readonly List<(int Start, int End)> _covered = [];

        /// <summary>Items outside the catalog ("8 Zetros trucks"), where no catalog system or sum already covers the words.</summary>
        private void FindOpenItems(string str)
        {
            _covered.Clear();
            // A generic catalog name ("drones") under modifiers ("8 reconnaissance drones") is left to the open item.
            foreach (var hit in _systemHits)
            {
                if (!IsGenericAlias(hit.Alias)) _covered.Add((hit.Start, hit.End));
            }
            foreach (var money in _money) _covered.Add((money.Start, money.End));
            OpenItems.Find(_words.For(str), _open, _covered);
            for (var k = _open.Count - 1; k >= 0; k--)
            {
                if (CoordinatedTwin(str, _open[k]) is { } twin) _open.Insert(k, twin);
            }
            foreach (var item in _open)
            {
                var covered = false;
                foreach (var hit in _systemHits)
                {
                    if (hit.Start < item.End && item.Start < hit.End)
                    {
                        if (IsGenericAlias(hit.Alias) && hit.End <= item.End + 1 && !CountedAt(hit.End))
                        {
                            _equipment.RemoveAll(e => e.Item is null && e.End == hit.End && ReferenceEquals(e.System, hit.System));
                        }
                        else covered = true;
                    }
                }
                foreach (var money in _money)
                {
                    if (money.Start < item.End && item.Start < money.End) covered = true;
                }
                // "three launchers of the Patriot system": the count and the unit belong to the catalog system's mention;
                // "self-propelled howitzers Caesar": the catalog name right after the item names it.
                for (var k = 0; k < _equipment.Count; k++)
                {
                    var e = _equipment[k];
                    if (e.Item is not null) continue;
                    // Only words between the count and the catalog name ("three launchers of the"): "20 M-55S tanks" stays the item.
                    if (e.Start < item.End && item.Start < e.End && e.Quantity is not null && item.End <= NameStartOf(e)) covered = true;
                    else if (e.Start > item.End && IsOnlySpaces(str, item.End, e.Start))
                    {
                        if (e.Quantity is null && item.Quantity is not null) _equipment[k] = e with { Quantity = item.Quantity, Start = item.Start };
                        covered = true;
                    }
                }
                // "a National Advanced Surface-to-Air Missile System (NASAMS)": the catalog name in brackets names the item.
                var bracket = item.End;
                while (bracket < str.Length && str[bracket] == ' ') bracket++;
                if (!covered && bracket < str.Length && str[bracket] == '(')
                {
                    for (var k = 0; k < _equipment.Count; k++)
                    {
                        var e = _equipment[k];
                        if (e.Item is null && e.Start == bracket + 1)
                        {
                            if (e.Quantity is null && item.Quantity is not null) _equipment[k] = e with { Quantity = item.Quantity, Article = item.Article };
                            covered = true;
                        }
                    }
                }
                if (covered) continue;
                _equipment.Add(new EquipmentMention(item.Start, item.End, OpenSystem, item.Quantity, item.Article, false, item.Name, item.Category));
            }
        }

        private bool CountedAt(int end)
        {
            foreach (var e in _equipment)
            {
                if (e.Item is null && e.End == end && e.Quantity is not null) return true;
            }
            return false;
        }

        private static bool IsGenericAlias(string alias)
        {
            foreach (var c in alias)
            {
                if (char.IsUpper(c) || char.IsDigit(c)) return false;
            }
            return true;
        }

        private void FindEquipment(string str, bool? mayNameSystem)
        {
            _lexicon.FindSystems(_words.For(str), _systemHits, mayNameSystem);
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
                        qty = looksLikeYear || n > long.MaxValue || !PledgeRules.IsQuantity((long)n) ? null : (long)n;
                    }
                }
                if (!q.Success && OpenItems.TryCountBefore(str, sysStart, out var bracketed, out var bracketStart))
                {
                    _equipment.Add(new EquipmentMention(bracketStart, hit.End, system, bracketed, false, false));
                    continue;
                }
                var generic = !sysText.Any(c => char.IsUpper(c) || char.IsDigit(c));
                var start = q.Success && qty is not null ? qm.Index : sysStart;
                // "50,000 to 100,000 shells" counts the lower bound; "28 of the 49 tanks" the part the sentence speaks of.
                if (qty is not null && q.Success && CountBeforeCount(str, start) is { } part)
                {
                    qty = part.Count;
                    start = part.Start;
                }
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
                    if (RestatementGap().IsMatch(gap) || (prev.Currency != m.Currency && gap.Length <= 100 && ConversionTail().IsMatch(gap)))
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
                    // "49 Abrams tanks worth AUD 245 mln": the tanks and their value are two pledges (a package's value and each
                    // counted item, as ../shared/realnews/README.md labels them). "shells worth EUR 20 mln": the sum is.
                    if (counted) continue;
                    if (uncounted >= 0) _equipment.RemoveAt(uncounted);
                    else if (!Cues.AidNounBeforeWorth().IsMatch(beforeWorth)) keep[i] = false;
                }
            }
            // "AUD 50 million of the AUD 100 million package will ..., AUD 30 million ...": shares of a stated total are not pledges.
            for (var i = 0; i + 1 < _money.Count; i++)
            {
                var whole = _money[i + 1];
                if (!ShareOf().IsMatch(str.AsSpan(_money[i].End, whole.Start - _money[i].End))) continue;
                // "has received USD 3 bn of a USD 4.5 bn grant": the part received is a delivery, the whole the pledge.
                if (DeliveredPartBefore().IsMatch(str.AsSpan(Math.Max(0, _money[i].Start - 40), Math.Min(40, _money[i].Start)))) continue;
                for (var j = 0; j < _money.Count; j++)
                {
                    if (j != i + 1 && _money[j].Currency == whole.Currency && _money[j].Amount < whole.Amount && (j == i || j > i + 1)) keep[j] = false;
                }
            }
            DropSplitOfSum(keep);
            for (var i = _money.Count - 1; i >= 0; i--)
            {
                if (!keep[i]) _money.RemoveAt(i);
            }
        }

    }
}
