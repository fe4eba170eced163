using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

/// <summary>
/// Counts a pledge once however often it is stated: candidates with the same <see cref="Consolidation.Key(Pledge)"/>
/// and dates within <see cref="Consolidation.WindowDays"/> days (or undated) become one candidate carrying every
/// statement's evidence, dated <see cref="Consolidation.MergedDate"/> (the earliest).
/// </summary>
public static class PledgeConsolidator
{
    /// <summary>
    /// Consolidates candidates from one or many documents. The result does not depend on the input order: inputs are
    /// sorted canonically (key, date, source, offset) before they are grouped.
    /// </summary>
    public static IReadOnlyList<CandidatePledge> Consolidate(IEnumerable<CandidatePledge> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var list = AdoptStatedQuantities(AdoptStatedPeriods(candidates.ToList()));
        var keyed = list.Select(c => (Key: Consolidation.Key(c.Pledge), C: c)).ToList();
        keyed.Sort((a, b) => Compare(a.Key, a.C, b.Key, b.C));

        var result = new List<(string Key, CandidatePledge C)>();
        var i = 0;
        while (i < keyed.Count)
        {
            var j = i;
            while (j < keyed.Count && keyed[j].Key == keyed[i].Key) j++;
            MergeGroup(keyed, i, j, result);
            i = j;
        }
        if (result.Count > 1) result.Sort((a, b) => CompareOutput(a.Key, a.C, b.Key, b.C));
        return result.ConvertAll(x => x.C);
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
                var counts = same.Where(p => Consolidation.DatesMatch(p.AnnouncedOn, c.Pledge.AnnouncedOn)).Select(p => p.Quantity).Distinct().ToList();
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

    private static void MergeGroup(List<(string Key, CandidatePledge C)> keyed, int from, int to, List<(string Key, CandidatePledge C)> result)
    {
        var key = keyed[from].Key;
        if (to - from == 1)
        {
            result.Add((key, keyed[from].C));
            return;
        }
        // Dated statements first (sorted by date), then undated ones, which join the earliest cluster.
        var clusters = new List<List<CandidatePledge>>();
        DateOnly? clusterStart = null;
        List<CandidatePledge>? current = null;
        var undated = new List<CandidatePledge>();
        for (var k = from; k < to; k++)
        {
            var c = keyed[k].C;
            var d = c.Pledge.AnnouncedOn;
            if (d is null)
            {
                undated.Add(c);
                continue;
            }
            if (current is null || !Consolidation.DatesMatch(clusterStart, d))
            {
                current = [];
                clusters.Add(current);
                clusterStart = d;
            }
            current.Add(c);
        }
        if (clusters.Count == 0) clusters.Add(undated);
        else clusters[0].AddRange(undated);
        foreach (var cluster in clusters) result.Add((key, Merge(cluster)));
    }

    private static CandidatePledge Merge(List<CandidatePledge> cluster)
    {
        if (cluster.Count == 1) return cluster[0];
        // The most confident statement speaks for the pledge; ties go to the canonical first.
        var best = cluster[0];
        DateOnly? date = null;
        var aid = AidType.Unknown;
        var status = cluster[0].Pledge.Status;
        var evidence = new List<Evidence>();
        var seen = new HashSet<(string, int, int)>();
        foreach (var c in cluster)
        {
            if (c.Pledge.Confidence > best.Pledge.Confidence) best = c;
            if (aid == AidType.Unknown) aid = c.Pledge.AidType;
            date = Consolidation.MergedDate(date, c.Pledge.AnnouncedOn);
            status = Consolidation.MergedStatus(status, c.Pledge.Status);
            foreach (var e in c.Evidence)
            {
                if (seen.Add((e.Source, e.Start, e.End))) evidence.Add(e);
            }
        }
        evidence.Sort(CompareEvidence);
        // Several independent statements make a pledge more certain, never less.
        var confidence = Math.Min(0.99m, best.Pledge.Confidence + 0.02m * (cluster.Count - 1));
        var needsReview = confidence < PledgeExtractor.ReviewThreshold;
        return best with
        {
            Pledge = best.Pledge with
            {
                AnnouncedOn = date,
                Status = status,
                // One statement may say "military aid" where another does not: the pledge is military.
                AidType = best.Pledge.AidType != AidType.Unknown ? best.Pledge.AidType : aid,
                Confidence = Math.Round(confidence, 2),
                NeedsReview = needsReview,
                ReviewReason = needsReview ? best.Pledge.ReviewReason : null,
                Source = evidence[0].Source,
            },
            Evidence = evidence,
        };
    }

    private static int Compare(string ka, CandidatePledge a, string kb, CandidatePledge b)
    {
        var c = string.CompareOrdinal(ka, kb);
        if (c != 0) return c;
        c = CompareDates(a.Pledge.AnnouncedOn, b.Pledge.AnnouncedOn);
        if (c != 0) return c;
        c = CompareEvidence(a.Evidence.Count > 0 ? a.Evidence[0] : null, b.Evidence.Count > 0 ? b.Evidence[0] : null);
        if (c != 0) return c;
        c = b.Pledge.Confidence.CompareTo(a.Pledge.Confidence);
        if (c != 0) return c;
        return string.CompareOrdinal(ExtractJson.ToJsonLine(a), ExtractJson.ToJsonLine(b));
    }

    private static int CompareOutput(string ka, CandidatePledge a, string kb, CandidatePledge b)
    {
        var c = CompareEvidence(a.Evidence.Count > 0 ? a.Evidence[0] : null, b.Evidence.Count > 0 ? b.Evidence[0] : null);
        if (c != 0) return c;
        return string.CompareOrdinal(ka, kb) is var k and not 0 ? k : CompareDates(a.Pledge.AnnouncedOn, b.Pledge.AnnouncedOn);
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
