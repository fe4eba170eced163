using System.Text.RegularExpressions;
using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

/// <summary>A money commitment the text identifies without a figure: where it is, its currency if named, and what it is.</summary>
internal readonly record struct UnstatedMoneyMention(int Start, int End, string? Currency, bool Crowns, string Note, Period Period, bool IsShare, bool GiverAfter);

/// <summary>
/// Money committed without a figure (issue 9): identifiable by what it pays for or what share it is, but with no amount.
/// <list type="bullet">
/// <item>"financial support / funding / financing for &lt;purpose&gt;" (or "to help Ukraine buy ..."), and "extra funding
/// from X via &lt;channel&gt;": the purpose (or channel) goes in the note;</item>
/// <item>"N percent (%) of its GDP" given to Ukraine ("to allocate 0.25 percent of its GDP annually to Ukraine"): the
/// share goes in the note, "annually" makes it a sum per year (the years stay in the note: the ledger keeps years for
/// multi-year pledges only);</item>
/// <item>"hundreds of millions of Czech crowns": the currency is kept ("equivalent to tens of millions of euros" after
/// it is a conversion and dropped).</item>
/// </list>
/// Vague promises are not pledges: "continued support", "more support", "support for Ukraine" (no purpose but the
/// recipient), political backing. The sentence must name the giver itself and have a verb of giving (the status rules of
/// <c>Emit</c>), and no sum of its own in the phrase (then the sum is the pledge).
/// </summary>
public sealed partial class PledgeExtractor
{
    // Stems every unstated-money phrase contains: a vectorised search skips the regexes on almost every sentence.
    private static readonly System.Buffers.SearchValues<string> UnstatedStems = System.Buffers.SearchValues.Create(
        ["funding", "financ", "gdp", "gross domestic", "hundreds of", "tens of"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the span may hold money committed without a figure (no allocation).</summary>
    internal static bool MayHoldUnstated(ReadOnlySpan<char> span) => span.ContainsAny(UnstatedStems);

    /// <summary>
    /// Whether one of the phrases occurs in the span (no allocation): the sentence filter asks this before reading a
    /// sentence that holds no sum and no system, so a mention of "funding" alone costs no full reading.
    /// </summary>
    internal static bool HoldsUnstated(ReadOnlySpan<char> span) => MayHoldUnstated(span)
        && (PurposeFunding().IsMatch(span) || ChannelFunding().IsMatch(span) || GdpShare().IsMatch(span) || VagueMagnitude().IsMatch(span));

    // "financial support for X", "funding to help Ukraine procure X", "additional financing towards X".
    [GeneratedRegex(@"\b(?:financial\s+(?:support|aid|assistance|contributions?)|funding|financing)\s+(?:(?:for|towards?)\s+|to\s+(?:help|support|finance|fund|buy|purchase|procure|pay\s+for)\s+)(?<purpose>[^,;:.()“”""—–]{3,100}?)(?=\s*(?:[,;:.()“”""—–]|\s(?:while|whereas|but|as\s+well\s+as|in\s+addition)\b|$))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PurposeFunding();

    // "extra funding from Norway via the International Fund for Ukraine": a named giver through a named channel.
    [GeneratedRegex(@"\b(?:financial\s+(?:support|contributions?)|funding|financing)\s+from\s+(?<giver>[^,;:.()]{2,40}?)\s+(?:via|through)\s+(?<channel>[^,;:.()]{3,80}?)(?=\s*(?:[,;:.()]|$))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChannelFunding();

    // "0.25 percent of its GDP", "0.1% of their gross domestic product", "0.25% of GDP".
    [GeneratedRegex(@"\b(?<share>(?:up\s+to\s+|at\s+least\s+)?\d+(?:[.,]\d+)?\s*(?:%|percent|per\s+cent))\s+of\s+(?:(?:its|their|our|the\s+country['’]s|national)\s+)?(?:GDP|gross\s+domestic\s+product)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GdpShare();

    // A verb of giving just before the share ("to allocate", "commits", "will devote", "pledged to spend").
    [GeneratedRegex(@"\b(?:allocat\w*|commit\w*|pledg\w*|promis\w*|devot\w*|dedicat\w*|contribut\w*|provid\w*|giv(?:e|es|ing)|earmark\w*|spend(?:s|ing)?|set\s+aside)\s+(?:[\w-]+\s+){0,3}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GivingBeforeShare();

    // After the share: the recipient, not the donor's own defence ("annually to Ukraine", "for military aid to Ukraine").
    [GeneratedRegex(@"^[^.;]{0,40}?\b(?:to|for)\s+(?:(?:military|financial|defen[cs]e)\s+)?(?:aid|assistance|support)?\s*(?:to|for)?\s*(?:Ukraine|Kyiv)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShareToUkraine();

    [GeneratedRegex(@"^\s*(?:annually|a\s+year|per\s+year|each\s+year|every\s+year|per\s+annum)\b|^[^.;]{0,40}?\b(?:annually|a\s+year|per\s+year|each\s+year|every\s+year)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnnualAfter();

    [GeneratedRegex(@"\b(?:for|over)\s+the\s+(?:next|coming)\s+(?:\w+\s+)?years?\b|\buntil\s+\d{4}\b|\bthrough\s+\d{4}\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpanOfYears();

    // "hundreds of millions of Czech crowns", "tens of billions of euros".
    [GeneratedRegex(@"\b(?:hundreds|tens|dozens)\s+of\s+(?:millions|billions)\s+(?:of\s+)?(?<cur>(?:(?:Czech|Swedish|Norwegian|Danish|Icelandic)\s+)?(?:crowns|kronor|kroner|korun[ay]?)|(?:Swiss\s+)?francs|euros|pounds(?:\s+sterling)?|yen|(?:(?:US|U\.S\.|American|Canadian|Australian|New\s+Zealand)\s+)?dollars)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VagueMagnitude();

    // A conversion, never the pledge: "equivalent to tens of millions of euros", "(about ...)", "or roughly ...".
    [GeneratedRegex(@"(?:equivalent\s+to|equal\s+to|i\.e\.|or\s+(?:about|around|roughly|some)|\(\s*(?:about|around|roughly|some)?)\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConversionBefore();

    // Part of a package the sentence announces ("its 19th package, including financial support for ..."; "support
    // included boats ... as well as funding for ..."): the package is the pledge, its contents are not money apart.
    [GeneratedRegex(@"\b(?:including|includes|included|include|such\s+as|comprising|consisting\s+of)\b[^;.]*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartOfPackageBefore();

    // Modifiers that make a promise vague: "continued funding for ...", "more financial support for ...".
    [GeneratedRegex(@"^(?:continued|continuing|ongoing|unwavering|steadfast|sustained|long-term|political|more|further|future|any|no|possible|potential|needed|necessary)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VagueModifier();

    // A purpose that names only the recipient ("for Ukraine", "to help Kyiv", "for the Ukrainian people") is no purpose.
    [GeneratedRegex(@"^(?:(?:the|its|their)\s+)?(?:Ukraine|Kyiv|Ukrainians?|Ukrainian\s+(?:people|government|state)|the\s+country|the\s+war(?:\s+effort)?|its\s+(?:defen[cs]e|fight|war\s+effort)|them|it)(?:['’]s)?(?:\s+(?:in\s+\w+|(?:defen[cs]e|fight|war\s+effort|needs|resistance|struggle)))?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RecipientOnly();

    /// <summary>The word just before <paramref name="at"/> (letters, digits and hyphens), empty at the start.</summary>
    private static ReadOnlySpan<char> WordBefore(string str, int at)
    {
        var end = at;
        while (end > 0 && char.IsWhiteSpace(str[end - 1])) end--;
        var start = end;
        while (start > 0 && (char.IsLetterOrDigit(str[start - 1]) || str[start - 1] == '-')) start--;
        return str.AsSpan(start, end - start);
    }

    private static string? CurrencyOfWords(string words)
    {
        var w = words.ToLowerInvariant();
        if (w.Contains("czech", StringComparison.Ordinal) || w.StartsWith("korun", StringComparison.Ordinal)) return "CZK";
        if (w.Contains("swedish", StringComparison.Ordinal) || w == "kronor") return "SEK";
        if (w.Contains("norwegian", StringComparison.Ordinal)) return "NOK";
        if (w.Contains("danish", StringComparison.Ordinal)) return "DKK";
        if (w.Contains("icelandic", StringComparison.Ordinal)) return "ISK";
        if (w.Contains("franc", StringComparison.Ordinal)) return "CHF";
        if (w.StartsWith("euro", StringComparison.Ordinal)) return "EUR";
        if (w.StartsWith("pound", StringComparison.Ordinal)) return "GBP";
        if (w == "yen") return "JPY";
        if (w.Contains("canadian", StringComparison.Ordinal)) return "CAD";
        if (w.Contains("australian", StringComparison.Ordinal)) return "AUD";
        if (w.Contains("zealand", StringComparison.Ordinal)) return "NZD";
        if (w.Contains("dollar", StringComparison.Ordinal)) return "USD";
        return null; // bare crowns/kroner: the donor's own (see Crowns)
    }

    private sealed partial class SentenceState
    {
        private readonly List<UnstatedMoneyMention> _unstated = [];

        /// <summary>Money committed without a figure in <paramref name="str"/> (see <see cref="UnstatedMoneyMention"/>).</summary>
        private void FindUnstatedMoney(string str)
        {
            _unstated.Clear();
            if (!MayHoldUnstated(str)) return;
            foreach (Match m in PurposeFunding().Matches(str))
            {
                if (VagueModifier().IsMatch(WordBefore(str, m.Index))) continue;
                var purpose = m.Groups["purpose"].Value.Trim();
                if (RecipientOnly().IsMatch(purpose)) continue;
                AddUnstated(str, m.Index, m.Index + m.Length, null, false, "no figure stated: " + m.Value.Trim(), Period.Once, false);
            }
            foreach (Match m in ChannelFunding().Matches(str))
            {
                if (VagueModifier().IsMatch(WordBefore(str, m.Index))) continue;
                // The mention ends before "from X", so X is found as its giver (the "from" rule of DonorGroupFor).
                AddUnstated(str, m.Index, m.Groups["giver"].Index, null, false, "no figure stated: through " + m.Groups["channel"].Value.Trim(), Period.Once, false, giverAfter: true);
            }
            foreach (Match m in GdpShare().Matches(str))
            {
                var after = str.AsSpan(m.Index + m.Length);
                if (!GivingBeforeShare().IsMatch(str.AsSpan(0, m.Index)) || !ShareToUkraine().IsMatch(after)) continue;
                var annual = AnnualAfter().IsMatch(after);
                var span = SpanOfYears().Match(str, m.Index + m.Length);
                var note = m.Groups["share"].Value.Trim() + " of GDP" + (annual ? " a year" : "")
                    + (span.Success && span.Index - (m.Index + m.Length) <= 80 ? " " + span.Value : "") + ": a share, no figure stated";
                AddUnstated(str, m.Index, m.Index + m.Length, null, false, note, annual ? Period.Annual : Period.Once, true);
            }
            foreach (Match m in VagueMagnitude().Matches(str))
            {
                // Only the first stated: a later one is a conversion ("equivalent to tens of millions of euros").
                if (ConversionBefore().IsMatch(str.AsSpan(0, m.Index))) continue;
                var words = m.Groups["cur"].Value;
                var currency = CurrencyOfWords(words);
                var crowns = currency is null;
                AddUnstated(str, m.Index, m.Index + m.Length, currency, crowns, "no figure stated: " + m.Value, Period.Once, false);
                break;
            }
        }

        /// <summary>Keeps a mention unless a stated sum sits in or right around it (then the sum is the pledge) or it overlaps one kept.</summary>
        private void AddUnstated(string str, int start, int end, string? currency, bool crowns, string note, Period period, bool share, bool giverAfter = false)
        {
            if (!share && PartOfPackageBefore().IsMatch(str.AsSpan(0, start))) return;
            var tail = end;
            while (tail < str.Length && tail - end < 25 && str[tail] is not (',' or ';' or '.')) tail++;
            foreach (var s in _money)
            {
                // A sum in the phrase or just after it, or before it in the same clause ("EUR 5 mln in funding for ...").
                if (s.Start >= start ? s.Start < tail : s.End > start - 60 && str.AsSpan(s.End, Math.Max(0, start - s.End)).IndexOfAny(',', ';') < 0) return;
            }
            foreach (var u in _unstated)
            {
                if (u.Start < end && start < u.End) return;
            }
            _unstated.Add(new UnstatedMoneyMention(start, end, currency, crowns, note.Length > 300 ? note[..300] : note, period, share, giverAfter));
        }

        /// <summary>
        /// Whether the sentence's traps are only the GDP of its shares given to Ukraine ("to allocate 0.25 percent of its GDP
        /// annually to Ukraine"): then the sentence is read, and the shares are what it may give.
        /// </summary>
        private bool TrapsOnlyInShares(string str)
        {
            if (_unstated.Count == 0) return false;
            var masked = str.ToCharArray();
            var any = false;
            foreach (var u in _unstated)
            {
                if (!u.IsShare) continue;
                any = true;
                for (var i = u.Start; i < u.End; i++) masked[i] = ' ';
            }
            return any && !Cues.Cancels(new string(masked));
        }

        /// <summary>Emits each mention for the donor its own sentence names (never one inherited from another sentence).</summary>
        private void EmitUnstated(List<Sentence> sentences, int index, string str, bool proposed, bool continuation, bool distributive,
            List<CandidatePledge> into, bool totalSentence)
        {
            // A running total without a figure reports nothing.
            if (_unstated.Count == 0 || totalSentence) return;
            var aid = Cues.Military().IsMatch(str) ? AidType.Military
                : Cues.Humanitarian().IsMatch(str) ? AidType.Humanitarian
                : Cues.Financial().IsMatch(str) ? AidType.Financial
                : AidType.Unknown;
            foreach (var u in _unstated)
            {
                // The giver is the subject before the phrase ("Germany also pledged ... financial support for ..."), or the
                // "from X" of "funding from X via ..."; a state named after it is another clause's ("which the Netherlands will donate").
                var group = DonorGroupFor(u.Start, u.End, out var hostile);
                if (group.Count == 0 || hostile || (!u.GiverAfter && group[0].Start > u.Start)) continue;
                var mention = u;
                Emit(sentences, index, str, u.Start, u.End, proposed, continuation, distributive, into, d => new Pledge
                {
                    DonorCode = d.Code,
                    Kind = PledgeKind.Money,
                    Amount = null,
                    Currency = mention.Crowns ? MoneyPattern.CrownsOf(d.Code, str.AsSpan(mention.Start, mention.End - mention.Start).Contains("kron", StringComparison.OrdinalIgnoreCase)) : mention.Currency,
                    Period = mention.Period,
                    AidType = aid != AidType.Unknown ? aid : mention.IsShare ? AidType.Unknown : AidType.Financial,
                    Note = mention.Note,
                }, null, null, false, 0.1m);
            }
        }
    }
}
