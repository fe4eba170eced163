using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

/// <summary>
/// Counts a pledge once however often it is stated, by Core's one rule: candidates in one group of
/// <see cref="Consolidation.Group{T}"/> become one candidate, <see cref="Consolidation.Merge(IEnumerable{Pledge})"/> of
/// their pledges, carrying every statement's evidence. The ledger applies the same rule when it ingests.
/// </summary>
public static class PledgeConsolidator
{
    /// <summary>
    /// Consolidates candidates from one or many documents. The result does not depend on the input order: groups
    /// depend on the set only, and the merge is a minimum or maximum per field.
    /// </summary>
    public static IReadOnlyList<CandidatePledge> Consolidate(IEnumerable<CandidatePledge> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var list = AdoptStatedQuantities(AdoptStatedPeriods(candidates.ToList()));
        if (list.Count == 0) return [];
        // Core's rule groups per key, keys in ordinal order. Each key is worked out once here: a candidate alone under
        // its key is its own group (the common case: nothing to group), and only candidates sharing a key go through
        // Consolidation.Group, which then gives exactly the groups it gives for the whole list.
        var keyed = new (string Key, int At, CandidatePledge Candidate)[list.Count];
        for (var i = 0; i < list.Count; i++) keyed[i] = (Consolidation.Key(list[i].Pledge), i, list[i]);
        Array.Sort(keyed, static (a, b) => string.CompareOrdinal(a.Key, b.Key) is var c and not 0 ? c : a.At.CompareTo(b.At));
        var result = new List<(string Key, CandidatePledge Candidate)>(list.Count);
        for (var i = 0; i < keyed.Length;)
        {
            var j = i + 1;
            while (j < keyed.Length && string.Equals(keyed[j].Key, keyed[i].Key, StringComparison.Ordinal)) j++;
            if (j - i == 1) result.Add((keyed[i].Key, keyed[i].Candidate));
            else
            {
                var same = new List<CandidatePledge>(j - i);
                for (var k = i; k < j; k++) same.Add(keyed[k].Candidate);
                foreach (var group in Consolidation.Group(same, c => c.Pledge))
                {
                    var merged = Merge(group);
                    result.Add((Consolidation.Key(merged.Pledge), merged));
                }
            }
            i = j;
        }
        if (result.Count > 1) result.Sort(static (a, b) => CompareOutput(a.Candidate, a.Key, b.Candidate, b.Key));
        var output = new List<CandidatePledge>(result.Count);
        foreach (var (_, c) in result) output.Add(c);
        return output;
    }

    /// <summary>
    /// A sum stated without a period joins statements of the same sum that give one, when they all give the same one
    /// ("a proposed EUR 100 bn fund" is the "5-year, EUR 100 bn fund" of the sentence before).
    /// </summary>
    private static List<CandidatePledge> AdoptStatedPeriods(List<CandidatePledge> list)
    {
        if (!list.Exists(c => c.PeriodImplicit) || !list.Exists(c => !c.PeriodImplicit && c.Pledge.Kind == PledgeKind.Money)) return list;
        var stated = new Dictionary<string, HashSet<(Period, int?)>>(StringComparer.Ordinal);
        foreach (var c in list)
        {
            if (c.PeriodImplicit || c.Pledge.Kind != PledgeKind.Money) continue;
            var k = Consolidation.Key(c.Pledge with { Period = Period.Once });
            if (!stated.TryGetValue(k, out var set)) stated[k] = set = [];
            set.Add((c.Pledge.Period, c.Pledge.Years));
        }
        var output = new List<CandidatePledge>(list.Count);
        foreach (var c in list)
        {
            if (c.PeriodImplicit && stated.TryGetValue(Consolidation.Key(c.Pledge), out var set) && set.Count == 1)
            {
                var (period, years) = set.First();
                output.Add(c with { Pledge = c.Pledge with { Period = period, Years = years }, PeriodImplicit = false });
            }
            else output.Add(c);
        }
        return output;
    }

    /// <summary>
    /// Equipment named without a count joins the statement of the same donor and system that gives one, when exactly one
    /// count is stated ("France delivers CAESAR howitzers" is the "six CAESAR howitzers" of the article's body).
    /// </summary>
    private static List<CandidatePledge> AdoptStatedQuantities(List<CandidatePledge> list)
    {
        if (!list.Exists(c => c.Pledge.Kind == PledgeKind.Equipment && c.Pledge.Quantity is null && c.Pledge.SystemId is not null)) return list;
        var stated = new Dictionary<string, List<Pledge>>(StringComparer.Ordinal);
        foreach (var c in list)
        {
            if (c.Pledge.Kind != PledgeKind.Equipment || c.Pledge.Quantity is null || c.Pledge.SystemId is null) continue;
            var k = Consolidation.Key(c.Pledge with { Quantity = null });
            if (!stated.TryGetValue(k, out var same)) stated[k] = same = [];
            same.Add(c.Pledge);
        }
        var output = new List<CandidatePledge>(list.Count);
        foreach (var c in list)
        {
            if (c.Pledge.Kind == PledgeKind.Equipment && c.Pledge.Quantity is null && c.Pledge.SystemId is not null
                && stated.TryGetValue(Consolidation.Key(c.Pledge), out var same))
            {
                var counts = same.Where(p => Consolidation.SpansMeet(p, c.Pledge)).Select(p => p.Quantity).Distinct().ToList();
                if (counts.Count == 1)
                {
                    output.Add(c with { Pledge = c.Pledge with { Quantity = counts[0] } });
                    continue;
                }
            }
            output.Add(c);
        }
        return output;
    }

    /// <summary>
    /// The candidate a group of statements makes: the pledge <see cref="Consolidation.Merge(IEnumerable{Pledge})"/>
    /// says they state together, every statement's evidence, and the names of the canonically first statement.
    /// </summary>
    private static CandidatePledge Merge(IReadOnlyList<CandidatePledge> group)
    {
        if (group.Count == 1) return group[0];
        var first = group.MinBy(c => c, Comparer<CandidatePledge>.Create(Compare))!;
        var evidence = new List<Evidence>();
        var seen = new HashSet<(string, int, int)>();
        foreach (var c in group)
        {
            foreach (var e in c.Evidence)
            {
                if (seen.Add((e.Source, e.Start, e.End))) evidence.Add(e);
            }
        }
        evidence.Sort(CompareEvidence);
        var pledge = Consolidation.Merge(group.Select(c => c.Pledge));
        return first with
        {
            Pledge = pledge with { Source = evidence.Count > 0 ? evidence[0].Source : pledge.Source },
            Evidence = evidence,
        };
    }

    /// <summary>The canonical order of statements: date, place, confidence (highest first), then everything else.</summary>
    private static int Compare(CandidatePledge? a, CandidatePledge? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : -1) : 1;
        var c = CompareDates(a.Pledge.AnnouncedOn, b.Pledge.AnnouncedOn);
        if (c != 0) return c;
        c = CompareEvidence(a.Evidence.Count > 0 ? a.Evidence[0] : null, b.Evidence.Count > 0 ? b.Evidence[0] : null);
        if (c != 0) return c;
        c = b.Pledge.Confidence.CompareTo(a.Pledge.Confidence);
        if (c != 0) return c;
        return string.CompareOrdinal(ExtractJson.ToJsonLine(a), ExtractJson.ToJsonLine(b));
    }

    /// <summary>The output order: first statement, then key, then date (the keys are the pledges' <see cref="Consolidation.Key(Pledge)"/>).</summary>
    private static int CompareOutput(CandidatePledge a, string aKey, CandidatePledge b, string bKey)
    {
        var c = CompareEvidence(a.Evidence.Count > 0 ? a.Evidence[0] : null, b.Evidence.Count > 0 ? b.Evidence[0] : null);
        if (c != 0) return c;
        return string.CompareOrdinal(aKey, bKey) is var k and not 0 ? k : CompareDates(a.Pledge.AnnouncedOn, b.Pledge.AnnouncedOn);
    }

    private static int CompareDates(DateOnly? a, DateOnly? b) =>
        a is null ? (b is null ? 0 : 1) : b is null ? -1 : a.Value.CompareTo(b.Value);

    private static int CompareEvidence(Evidence? a, Evidence? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : 1) : -1;
        var c = string.CompareOrdinal(a.Source, b.Source);
        if (c != 0) return c;
        c = a.Start.CompareTo(b.Start);
        return c != 0 ? c : a.End.CompareTo(b.End);
    }
}
