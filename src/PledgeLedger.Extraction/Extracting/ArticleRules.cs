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
        return DropConversionRestatements(AlignRestatedStatus(found));
    }

    /// <summary>
    /// A pledge the article states as committed is not also proposed because a second voice speaks of it as "preparing",
    /// "plans to" or "expected": the proposed statement takes the committed status, so that it consolidates with it. An
    /// uncounted catalog system does the same when the donor commits it with a count elsewhere in the article.
    /// </summary>
    public static List<CandidatePledge> AlignRestatedStatus(List<CandidatePledge> found)
    {
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
