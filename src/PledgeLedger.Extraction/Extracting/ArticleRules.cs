using System.Text.RegularExpressions;
using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

/// <summary>
/// Rules over a whole article's candidates that read one statement in the light of another: a restatement by someone
/// else ("Australia is preparing a package worth $100 million", quoted after the government's own announcement) and a
/// headline that gives a bracketed conversion of the body's sum ("Sweden announces $440 million ..." over "4.6 billion
/// Swedish crowns ($443 million)").
/// </summary>
internal static partial class ArticleRules
{
    public static List<CandidatePledge> Apply(List<CandidatePledge> found)
    {
        if (found.Count < 2) return found;
        return DropSharedTotals(DropSummaryCounts(DropListedSummaries(MergeItemSpellings(DropConversionRestatements(AlignRestatedStatus(found))))));
    }

    /// <summary>
    /// A package total that a later sentence splits between the donor and others ("a further GBP 450m" then "about GBP 350m
    /// will be provided by the UK, with extra funding from Norway") is no one donor's pledge: the donor's share is kept
    /// and the total dropped (the labelling rule for a total given with each donor's share).
    /// </summary>
    public static List<CandidatePledge> DropSharedTotals(List<CandidatePledge> found)
    {
        HashSet<CandidatePledge>? drop = null;
        foreach (var y in found)
        {
            var p = y.Pledge;
            if (p.Kind != PledgeKind.Money || p.Amount is null || y.Evidence.Count == 0 || !OthersFundTheRest().IsMatch(y.Evidence[0].Text)) continue;
            foreach (var x in found)
            {
                var q = x.Pledge;
                if (q.Kind == PledgeKind.Money && q.Amount > p.Amount && q.DonorCode == p.DonorCode && q.Currency == p.Currency
                    && x.Evidence.Count > 0 && x.Evidence[0].Start < y.Evidence[0].Start)
                {
                    (drop ??= []).Add(x);
                }
            }
        }
        return drop is null ? found : found.Where(c => !drop.Contains(c)).ToList();
    }

    [GeneratedRegex(@"\b(?:with|and|plus)\s+(?:the\s+)?(?:extra|additional|further|remaining|rest\s+of\s+the|other)?\s*(?:funding|money|contributions?|financing|funds)\s+(?:coming\s+)?from\s+|\bthe\s+(?:rest|remainder|balance)\s+(?:will\s+)?(?:come|comes|coming|provided|paid)\s+(?:from|by)\s+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OthersFundTheRest();

    /// <summary>
    /// The same uncounted item written two ways in one article ("anti-tanks mines" and "anti-tank mines", "artillery
    /// shells" and "artillery rounds") is one item: the later spelling takes the first one's name, so they consolidate.
    /// </summary>
    public static List<CandidatePledge> MergeItemSpellings(List<CandidatePledge> found)
    {
        Dictionary<string, string>? first = null;
        List<CandidatePledge>? result = null;
        for (var i = 0; i < found.Count; i++)
        {
            var c = found[i];
            var p = c.Pledge;
            if (p.Kind != PledgeKind.Equipment || p.Item is null || p.Quantity is not null) continue;
            var key = p.DonorCode + "|" + SpellingKey(p.Item);
            first ??= new Dictionary<string, string>(StringComparer.Ordinal);
            if (!first.TryGetValue(key, out var name))
            {
                first[key] = p.Item;
                continue;
            }
            if (string.Equals(name, p.Item, StringComparison.Ordinal)) continue;
            result ??= new List<CandidatePledge>(found);
            result[i] = c with { Pledge = p with { Item = name }, SystemName = name };
        }
        return result ?? found;
    }

    private static readonly Dictionary<string, string> HeadSynonyms = new(StringComparer.Ordinal)
    {
        ["shell"] = "round",
        ["projectile"] = "round",
        ["munition"] = "round",
        ["cartridge"] = "round",
        ["uav"] = "drone",
    };

    private static string SpellingKey(string item)
    {
        var words = item.ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var w = DocumentRules.Head(words[i]);
            words[i] = HeadSynonyms.GetValueOrDefault(w, w);
        }
        return string.Join(' ', words);
    }

    /// <summary>
    /// An uncounted item that a counted line of the same donor names again ("the arrival of trucks, drones and ammunition"
    /// over "- 8 Zetros trucks", "- 23,520 rounds of 40mm ammunition") summarises the list and is not a pledge of its own.
    /// </summary>
    public static List<CandidatePledge> DropListedSummaries(List<CandidatePledge> found)
    {
        List<CandidatePledge>? counted = null;
        foreach (var c in found)
        {
            if (c.Pledge.Kind == PledgeKind.Equipment && c.Pledge.Quantity is not null && c.Evidence.Count > 0) (counted ??= []).Add(c);
        }
        if (counted is null) return found;
        HashSet<CandidatePledge>? drop = null;
        foreach (var u in found)
        {
            var p = u.Pledge;
            if (p.Kind != PledgeKind.Equipment || p.Item is null || p.Quantity is not null || u.Evidence.Count == 0) continue;
            var head = DocumentRules.Head(p.Item);
            if (head.Length < 3) continue;
            foreach (var c in counted)
            {
                if (c.Pledge.DonorCode != p.DonorCode || c.Evidence[0].Start == u.Evidence[0].Start) continue;
                if (NamesWord(c.Evidence[0].Text, head))
                {
                    (drop ??= []).Add(u);
                    break;
                }
            }
        }
        return drop is null ? found : found.Where(c => !drop.Contains(c)).ToList();
    }

    private static bool NamesWord(string text, string singular)
    {
        for (var at = text.IndexOf(singular, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(singular, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (at > 0 && char.IsLetter(text[at - 1])) continue;
            var end = at + singular.Length;
            if (end < text.Length && text[end] is 's' or 'S') end++;
            else if (end + 1 < text.Length && text.AsSpan(end, 2).Equals("es", StringComparison.OrdinalIgnoreCase)) end += 2;
            if (end >= text.Length || !char.IsLetter(text[end])) return true;
        }
        return false;
    }

    /// <summary>
    /// A counted item that the next sentences break down ("30 additional armoured vehicles" before "14 M113 armoured personnel
    /// carriers and a further 20 Bushmaster vehicles") is a summary: two or more counted pledges of the same donor in one
    /// later sentence that names its head noun and whose counts add up to it (within a quarter).
    /// </summary>
    public static List<CandidatePledge> DropSummaryCounts(List<CandidatePledge> found)
    {
        HashSet<CandidatePledge>? drop = null;
        foreach (var x in found)
        {
            var p = x.Pledge;
            if (p.Kind != PledgeKind.Equipment || p.Item is null || p.Quantity is not { } total || total < 2 || x.Evidence.Count == 0) continue;
            var head = DocumentRules.Head(p.Item);
            var bySentence = new Dictionary<int, (long Sum, int Count, string Text)>();
            foreach (var c in found)
            {
                if (ReferenceEquals(c, x) || c.Pledge.Kind != PledgeKind.Equipment || c.Pledge.DonorCode != p.DonorCode || c.Pledge.Quantity is not { } q
                    || c.Evidence.Count == 0 || c.Evidence[0].Start <= x.Evidence[0].Start) continue;
                var e = c.Evidence[0];
                bySentence[e.Start] = bySentence.TryGetValue(e.Start, out var acc) ? (acc.Sum + q, acc.Count + 1, e.Text) : (q, 1, e.Text);
            }
            foreach (var (sum, count, text) in bySentence.Values)
            {
                if (count >= 2 && sum * 4 >= total * 3 && sum * 4 <= total * 5 && NamesWord(text, head))
                {
                    (drop ??= []).Add(x);
                    break;
                }
            }
        }
        return drop is null ? found : found.Where(c => !drop.Contains(c)).ToList();
    }

    /// <summary>
    /// "NOK 75 bn over five years, i.e. NOK 15 bn annually": the rate restates the sum before it. Run after the parts of
    /// a sum are dropped, which may compare with the rate ("NOK 7.5 bn civilian and NOK 7.5 bn military" of the year's 15).
    /// </summary>
    public static List<CandidatePledge> DropRestatedRates(List<CandidatePledge> found)
    {
        HashSet<CandidatePledge>? drop = null;
        var mentions = new List<MoneyMention>();
        foreach (var c in found)
        {
            var p = c.Pledge;
            if (p.Kind != PledgeKind.Money || p.Amount is null || c.Evidence.Count == 0) continue;
            var text = c.Evidence[0].Text;
            if (!TextSearch.ContainsIgnoreCase(text, "i.e") && !TextSearch.ContainsIgnoreCase(text, "that is")
                && !TextSearch.ContainsIgnoreCase(text, "meaning")) continue;
            mentions.Clear();
            MoneyPattern.Find(text, mentions);
            for (var i = 1; i < mentions.Count; i++)
            {
                var k = mentions[i];
                if (k.Amount != p.Amount) continue;
                if (RestatedBefore().IsMatch(text.AsSpan(Math.Max(0, k.Start - 30), Math.Min(30, k.Start)))) (drop ??= []).Add(c);
            }
        }
        return drop is null ? found : found.Where(c => !drop.Contains(c)).ToList();
    }

    [GeneratedRegex(@"\b(?:i\.\s?e\.|that\s+is|that\s+is\s+to\s+say|meaning)\s*,?\s*(?:about\s+|around\s+|roughly\s+|some\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RestatedBefore();

    /// <summary>
    /// A pledge the article states as committed is not also proposed because a second voice speaks of it as "preparing",
    /// "plans to" or "expected": the proposed statement takes the committed status, so that it consolidates with it. An
    /// uncounted catalog system does the same when the donor commits it with a count elsewhere in the article.
    /// </summary>
    public static List<CandidatePledge> AlignRestatedStatus(List<CandidatePledge> found)
    {
        // Keys are costly to build: most articles state nothing as proposed and need none.
        if (!found.Exists(c => c.Pledge.Status == PledgeStatus.Proposed)) return found;
        Dictionary<string, PledgeStatus>? committed = null;
        var anyProposed = false;
        foreach (var c in found)
        {
            var p = c.Pledge;
            if (p.Status == PledgeStatus.Proposed)
            {
                anyProposed = true;
                continue;
            }
            committed ??= new Dictionary<string, PledgeStatus>(StringComparer.Ordinal);
            committed.TryAdd(Consolidation.Key(p), p.Status);
            if (p.Kind == PledgeKind.Equipment && p.SystemId is not null) committed.TryAdd(SystemKey(p), p.Status);
        }
        if (!anyProposed || committed is null) return found;
        var result = new List<CandidatePledge>(found.Count);
        foreach (var c in found)
        {
            var p = c.Pledge;
            if (p.Status == PledgeStatus.Proposed
                && (committed.TryGetValue(Consolidation.Key(p with { Status = PledgeStatus.Pledged }), out var status)
                    || (p.Kind == PledgeKind.Equipment && p.SystemId is not null && p.Quantity is null && committed.TryGetValue(SystemKey(p), out status))))
            {
                result.Add(c with { Pledge = p with { Status = status } });
                continue;
            }
            result.Add(c);
        }
        return result;
    }

    private static string SystemKey(Pledge p) => p.DonorCode + "|system|" + p.SystemId;

    /// <summary>
    /// A sum is a conversion of another sum of the same donor when that sum's sentence gives it in brackets ("4.6 billion
    /// Swedish crowns ($443 million)"): within 3 %, in another currency. The headline or lead that rounds the conversion
    /// ("$440 million package") restates the pledge and is dropped.
    /// </summary>
    public static List<CandidatePledge> DropConversionRestatements(List<CandidatePledge> found)
    {
        List<CandidatePledge>? money = null;
        foreach (var c in found)
        {
            if (c.Pledge.Kind == PledgeKind.Money && c.Pledge.Amount is not null && c.Evidence.Count > 0) (money ??= []).Add(c);
        }
        if (money is null || money.Count < 2) return found;
        HashSet<CandidatePledge>? drop = null;
        var mentions = new List<MoneyMention>();
        foreach (var y in money)
        {
            var text = y.Evidence[0].Text;
            if (text.IndexOf('(', StringComparison.Ordinal) < 0) continue;
            mentions.Clear();
            MoneyPattern.Find(text, mentions);
            foreach (var k in mentions)
            {
                if (!BracketBefore().IsMatch(text.AsSpan(Math.Max(0, k.Start - 30), Math.Min(30, k.Start)))) continue;
                foreach (var x in money)
                {
                    // The conversion is into another currency than the sum it follows; the restatement may be in either.
                    if (ReferenceEquals(x, y) || x.Pledge.DonorCode != y.Pledge.DonorCode || k.Currency == y.Pledge.Currency) continue;
                    if (x.Evidence[0].Start == y.Evidence[0].Start) continue;
                    var a = x.Pledge.Amount!.Value;
                    if (a > 0 && Math.Abs(a - k.Amount) <= a * 0.03m) (drop ??= []).Add(x);
                }
            }
        }
        return drop is null ? found : found.Where(c => !drop.Contains(c)).ToList();
    }

    [GeneratedRegex(@"\(\s*(?:(?:about|approximately|approx\.|around|roughly|some|nearly|almost|over|more\s+than|just\s+over|equivalent\s+to|or)\s+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BracketBefore();
}
