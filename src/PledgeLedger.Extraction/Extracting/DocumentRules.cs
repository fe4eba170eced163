using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

/// <summary>Rules over a whole document's candidates, before they are consolidated.</summary>
internal static class DocumentRules
{
    /// <summary>
    /// A summary is not a pledge of its own: "hundreds of armored vehicles" before "59 Bradley Fighting Vehicles", or
    /// "trucks, drones and ammunition" over a list that counts them. An uncounted item is dropped when the same donor has a
    /// counted pledge of the same head noun in the document.
    /// </summary>
    public static List<CandidatePledge> DropSummaries(List<CandidatePledge> found)
    {
        if (found.Count < 2) return found;
        HashSet<string>? counted = null;
        foreach (var c in found)
        {
            var p = c.Pledge;
            if (p.Kind != PledgeKind.Equipment || p.Quantity is null) continue;
            counted ??= new HashSet<string>(StringComparer.Ordinal);
            counted.Add(p.DonorCode + "|" + KeyOf(c));
            if (p.SystemId is not null && c.SystemName is not null) counted.Add(p.DonorCode + "|" + Head(c.SystemName));
        }
        if (counted is null) return found;
        var kept = new List<CandidatePledge>(found.Count);
        foreach (var c in found)
        {
            var p = c.Pledge;
            // A catalog system named without a count is left to consolidation, which joins it to the counted statement.
            if (p.Kind == PledgeKind.Equipment && p.Quantity is null && p.Item is not null && counted.Contains(p.DonorCode + "|" + KeyOf(c))) continue;
            kept.Add(c);
        }
        return kept;
    }

    /// <summary>
    /// Shares of a stated sum are not pledges of their own. A money candidate is dropped when the same donor states a larger
    /// sum in the same currency in an earlier sentence and (a) its sentence speaks of a part ("the package includes £X for
    /// repairs", "the remaining X", "X of which", "X will go to", "earmarked for"), or (b) it is one of two or more sums in
    /// one sentence that add up to that larger sum ("€500 million in loans and €60 million in grants" after "€560 million").
    /// </summary>
    public static List<CandidatePledge> DropParts(List<CandidatePledge> found)
    {
        // Most documents state at most one sum: nothing to compare, nothing to allocate.
        var sums = 0;
        foreach (var c in found)
        {
            if (c.Pledge.Kind == PledgeKind.Money && c.Pledge.Amount is not null) sums++;
        }
        if (sums < 2) return found;
        Dictionary<string, List<CandidatePledge>>? groups = null;
        foreach (var c in found)
        {
            var p = c.Pledge;
            if (p.Kind != PledgeKind.Money || p.Amount is null || c.Evidence.Count == 0) continue;
            groups ??= new Dictionary<string, List<CandidatePledge>>(StringComparer.Ordinal);
            var key = p.DonorCode + "|" + p.Currency;
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(c);
        }
        if (groups is null) return found;
        HashSet<CandidatePledge>? drop = null;
        foreach (var list in groups.Values)
        {
            if (list.Count < 2) continue;
            list.Sort((x, y) => x.Evidence[0].Start.CompareTo(y.Evidence[0].Start));
            // The sums stated in earlier sentences, sentence by sentence, in document order.
            var earlier = new SortedSet<decimal>();
            for (var i = 0; i < list.Count;)
            {
                var start = list[i].Evidence[0].Start;
                var j = i;
                decimal sum = 0;
                while (j < list.Count && list[j].Evidence[0].Start == start) sum += list[j++].Pledge.Amount!.Value;
                if (earlier.Count > 0)
                {
                    var isPart = SpeaksOfAPart(list[i].Evidence[0].Text);
                    var adds = j - i >= 2 && earlier.GetViewBetween(sum * 0.995m, sum * 1.005m).Count > 0;
                    for (var k = i; k < j; k++)
                    {
                        if (adds || (isPart && earlier.Max > list[k].Pledge.Amount!.Value)) (drop ??= []).Add(list[k]);
                    }
                }
                for (var k = i; k < j; k++) earlier.Add(list[k].Pledge.Amount!.Value);
                i = j;
            }
        }
        return drop is null ? found : found.Where(c => !drop.Contains(c)).ToList();
    }

    private static readonly string[] PartCues =
        ["includ", "part of", "of which", "of this", "remaining", "the first ", " go to ", " goes to ", " went to ", "earmarked for", "in loans", "in grants", "of the package", "of that"];

    private static bool SpeaksOfAPart(string sentence)
    {
        foreach (var cue in PartCues)
        {
            if (sentence.Contains(cue, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// Consolidates a document's candidates. Items outside the catalog are consolidated per item ("helmets" and "gas masks"
    /// share a category and no quantity, but are two pledges), everything else together.
    /// </summary>
    public static IReadOnlyList<CandidatePledge> Consolidate(List<CandidatePledge> found)
    {
        var hasItems = false;
        foreach (var c in found)
        {
            if (c.Pledge.Item is not null) hasItems = true;
        }
        if (!hasItems) return PledgeConsolidator.Consolidate(found);
        var result = new List<CandidatePledge>(found.Count);
        var rest = found.Where(c => c.Pledge.Item is null).ToList();
        if (rest.Count > 0) result.AddRange(rest.Count == 1 ? rest : PledgeConsolidator.Consolidate(rest));
        foreach (var g in found.Where(c => c.Pledge.Item is not null).GroupBy(c => Head(c.Pledge.Item!) + "|" + c.Pledge.Item!.ToLowerInvariant(), StringComparer.Ordinal))
        {
            var items = g.ToList();
            result.AddRange(items.Count == 1 ? items : PledgeConsolidator.Consolidate(items));
        }
        return result;
    }

    private static string KeyOf(CandidatePledge c) => c.Pledge.SystemId ?? Head(c.Pledge.Item ?? c.SystemName ?? "");

    /// <summary>The head noun of an item, lower case and singular: "Zetros trucks" → "truck".</summary>
    public static string Head(string item)
    {
        var t = item.AsSpan().TrimEnd();
        var i = t.Length;
        while (i > 0 && (char.IsLetterOrDigit(t[i - 1]) || t[i - 1] == '-')) i--;
        var w = t[i..].ToString().ToLowerInvariant();
        if (w.EndsWith("ies", StringComparison.Ordinal)) return w[..^3] + "y";
        if (w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal)) return w[..^2];
        if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && w.Length > 3) return w[..^1];
        return w;
    }
}
