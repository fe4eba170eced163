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
