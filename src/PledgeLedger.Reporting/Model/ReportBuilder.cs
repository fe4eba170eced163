using System.Globalization;
using PledgeLedger.Core;

namespace PledgeLedger.Reporting;

/// <summary>Builds report models from loaded ledger data. Pure: no I/O, no clock, no drawing.</summary>
public static class ReportBuilder
{
    private const int TopDonorCount = 5;
    private const int BarCount = 15;

    /// <summary>
    /// A calendar month: pledges announced within it are "new this month"; totals per ally run to the month's
    /// end (undated pledges included); the change is against the previous month.
    /// </summary>
    public static MonthlyReport Monthly(ReportInput input, int year, int month)
    {
        ArgumentNullException.ThrowIfNull(input);
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var prevFirst = first.AddMonths(-1);
        var prevLast = first.AddDays(-1);

        // One pass over the ledger: this month, the month before, and everything up to the month's end.
        // The ledger can hold a million pledges: touch each once (memory-bound), accumulating everything at once.
        var inMonth = new List<PledgeView>();
        var allies = new AllyAccumulator();
        var cumulative = new CumulativeAccumulator();
        var prev = new Totals();
        var now = new Totals();
        foreach (var v in input.Pledges)
        {
            if (v.Pledge.Retracted) continue;
            var d = v.Pledge.AnnouncedOn;
            if (d is null || d <= last)
            {
                allies.Add(v);
                cumulative.Add(v);
            }
            if (d >= first && d <= last)
            {
                inMonth.Add(v);
                now.Add(v);
            }
            else if (d >= prevFirst && d <= prevLast)
            {
                prev.Add(v);
            }
        }
        // Sums standing in for pledges not loaded one by one (the time before the month, undated pledges).
        if (input.Earlier is { } earlier)
        {
            if (earlier.Before > first)
            {
                throw new ArgumentException($"the sums run to {Iso(earlier.Before)}, into the report's month: load its pledges one by one", nameof(input));
            }
            foreach (var a in earlier.ByDonor) allies.Add(a);
            foreach (var a in earlier.ByMonth)
            {
                cumulative.Add(a);
                if (a.Month >= prevFirst && a.Month <= prevLast) prev.Add(a);
            }
        }
        // Converted EUR that counts (one-off and multi-year) against the month before.
        var prevEur = prev.Money.Eur;
        var nowEur = now.Money.Eur;
        var change = new MonthComparison(
            MonthLabel(prevFirst), prev.Pledges, prevEur, now.Pledges - prev.Pledges, nowEur - prevEur,
            prevEur == 0m ? null : Math.Round((nowEur - prevEur) / prevEur * 100m, 1, MidpointRounding.AwayFromZero));

        var body = BuildBody(
            input, inMonth, first, last, undatedExcluded: 0,
            barsTitle: "EUR pledged by donor (one-off and multi-year), " + MonthLabel(first),
            bars: BarsByDonor(inMonth),
            cumulative: cumulative.Points(null, last),
            totalsScope: $"All pledges announced up to {Iso(last)} (undated pledges included)",
            totals: allies.Totals(),
            groups: GroupByDonor(inMonth));
        return new MonthlyReport(input.Title, MonthLabel(first), input.AsOf, input.GeneratedAt, year, month, change, body);
    }

    /// <summary>
    /// A date range (inclusive), optionally limited to some donors (codes, or names/aliases the donor registry
    /// knows), grouped by country or by month.
    /// </summary>
    public static SummaryReport Summary(ReportInput input, DateOnly from, DateOnly to, IReadOnlyCollection<string>? donors, SummaryGrouping by)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (to < from) throw new ArgumentException($"'to' ({Iso(to)}) is before 'from' ({Iso(from)})", nameof(to));
        var wanted = donors is { Count: > 0 } ? new HashSet<string>(donors.Select(Resolve), StringComparer.OrdinalIgnoreCase) : null;
        var inRange = new List<PledgeView>();
        var undated = 0;
        foreach (var v in input.Pledges)
        {
            if (v.Pledge.Retracted || (wanted is not null && !wanted.Contains(v.Pledge.DonorCode))) continue;
            if (v.Pledge.AnnouncedOn is null) undated++;
            else if (InRange(v, from, to)) inRange.Add(v);
        }

        var groups = by == SummaryGrouping.Country ? GroupByDonor(inRange) : GroupByMonth(inRange);
        var body = BuildBody(
            input, inRange, from, to, undated,
            barsTitle: "EUR pledged by donor (one-off and multi-year)",
            bars: BarsByDonor(inRange),
            cumulative: Cumulative(inRange, from, to),
            totalsScope: $"Pledges announced {Iso(from)} to {Iso(to)}",
            totals: AllyTotals(inRange),
            groups: groups);
        var donorList = wanted is null ? [] : wanted.Order(StringComparer.Ordinal).Select(d => d.ToUpperInvariant()).ToList();
        return new SummaryReport(input.Title, $"{Iso(from)} to {Iso(to)}", input.AsOf, input.GeneratedAt, from, to, donorList, by, body);
    }

    /// <summary>
    /// One donor's record (code, or a name/alias the registry knows); without dates it includes undated pledges,
    /// with dates only pledges in the range. An unknown donor gives an empty report (Headline.Pledges == 0).
    /// </summary>
    public static AllyReport Ally(ReportInput input, string donorCode, DateOnly? from, DateOnly? to)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(donorCode);
        donorCode = Resolve(donorCode);
        var mine = input.Pledges.Where(v => !v.Pledge.Retracted).Where(v => string.Equals(v.Pledge.DonorCode, donorCode, StringComparison.OrdinalIgnoreCase)).ToList();
        var ranged = from is null && to is null;
        var scoped = mine.Where(v => ranged || (v.Pledge.AnnouncedOn is { } d && (from is null || d >= from) && (to is null || d <= to))).ToList();
        var undated = ranged ? 0 : mine.Count(v => v.Pledge.AnnouncedOn is null);
        var name = mine.FirstOrDefault()?.DonorName ?? DonorRegistry.Default.ByCode(donorCode)?.Name ?? donorCode.ToUpperInvariant();
        var code = mine.FirstOrDefault()?.Pledge.DonorCode ?? donorCode.ToUpperInvariant();
        var period = (from, to) switch
        {
            (null, null) => "full record",
            ({ } f, null) => $"from {Iso(f)}",
            (null, { } t) => $"up to {Iso(t)}",
            ({ } f, { } t) => $"{Iso(f)} to {Iso(t)}",
        };

        var byYear = scoped.Where(Counts).GroupBy(v => v.Pledge.AnnouncedOn?.Year)
            .OrderBy(g => g.Key ?? int.MaxValue)
            .Select(g =>
            {
                var lines = Lines(g);
                var label = g.Key?.ToString(CultureInfo.InvariantCulture) ?? "Undated";
                return new PledgeGroup(label, label, SumOnceEur(g), lines, MoneyOf(g));
            }).ToList();
        var bars = byYear.Where(g => g.Money!.Eur != 0m).Select(g => new BarPoint(g.Title, g.Money!.Eur)).ToList();
        var body = BuildBody(
            input, scoped, from, to, undated,
            barsTitle: $"EUR pledged by {name} (one-off and multi-year), per year",
            bars: bars,
            cumulative: Cumulative(scoped, from, to),
            totalsScope: ranged ? "All pledges of the donor (undated included)" : $"Pledges of the donor announced {period}",
            totals: AllyTotals(scoped),
            groups: byYear);
        return new AllyReport(input.Title, $"{name}: {period}", input.AsOf, input.GeneratedAt, code, name, from, to, body);
    }

    private static ReportBody BuildBody(
        ReportInput input, List<PledgeView> scoped, DateOnly? from, DateOnly? to, int undatedExcluded,
        string barsTitle, IReadOnlyList<BarPoint> bars, IReadOnlyList<SeriesPoint> cumulative,
        string totalsScope, IReadOnlyList<AllyTotal> totals, IReadOnlyList<PledgeGroup> groups)
    {
        var all = new Totals();
        var byDonor = new Dictionary<string, (string Name, Totals Totals)>(StringComparer.Ordinal);
        foreach (var v in scoped)
        {
            all.Add(v);
            if (Counts(v))
            {
                if (!byDonor.TryGetValue(v.Pledge.DonorCode, out var d))
                {
                    d = (v.DonorName, new Totals());
                    byDonor[v.Pledge.DonorCode] = d;
                }
                d.Totals.Add(v);
            }
        }
        // Ranked by converted EUR that counts (one-off and multi-year); donors whose money has no EUR value (no
        // rate, or annual sums only) rank after, with that money named beside them, never as EUR 0.
        var top = byDonor.Select(kv => new TopDonor(kv.Key, kv.Value.Name, kv.Value.Totals.Money))
            .Where(t => !t.Money.IsEmpty)
            .OrderByDescending(t => t.Money.Eur).ThenByDescending(t => t.Money.Unconverted.Count).ThenByDescending(t => t.Money.AnnualEurPerYear)
            .ThenBy(t => t.Label, StringComparer.Ordinal).ThenBy(t => t.DonorCode, StringComparer.Ordinal)
            .Take(TopDonorCount).ToList();
        var headline = new Headline(
            from, to, all.Pledges, byDonor.Count, all.OnceEur, all.MultiYearEur, all.AnnualEurPerYear, all.Unconverted,
            all.EquipmentItems, all.UnquantifiedEquipment, all.InKindEur, all.Proposals, undatedExcluded, top,
            scoped.Where(v => Counts(v) && v.Pledge.Kind == PledgeKind.Equipment && v.Pledge.Quantity is not null)
                .GroupBy(v => v.Category ?? v.Pledge.Category ?? "unspecified", StringComparer.Ordinal)
                .Select(g => new BarPoint(g.Key.Replace('_', ' '), g.Sum(v => (decimal)v.Pledge.Quantity!.Value)))
                .OrderByDescending(b => b.Value).ThenBy(b => b.Label, StringComparer.Ordinal).ToList(),
            scoped.Where(v => Counts(v) && v.Pledge.Kind == PledgeKind.Equipment && v.InKindEur is not null).Sum(v => (decimal)(v.Pledge.Quantity ?? 0)),
            all.UnstatedMoney);

        var equipment = scoped.Where(v => Counts(v) && v.Pledge.Kind == PledgeKind.Equipment)
            .GroupBy(v => (System: v.SystemName ?? v.Pledge.SystemId ?? v.Pledge.Item ?? v.Category ?? v.Pledge.Category ?? "unspecified", v.Pledge.DonorCode))
            .Select(g => new EquipmentLine(
                g.Key.System, g.First().Category ?? g.First().Pledge.Category, g.Key.DonorCode, g.First().DonorName,
                // Summed as decimal: a long sum of quantities could overflow.
                g.Sum(v => (decimal)(v.Pledge.Quantity ?? 0)), g.Count(v => v.Pledge.Quantity is null), g.Sum(v => v.InKindEur ?? 0m)))
            .OrderBy(e => e.System, StringComparer.Ordinal).ThenByDescending(e => e.Items).ThenBy(e => e.DonorCode, StringComparer.Ordinal)
            .ToList();
        var commitments = Lines(scoped.Where(v => Counts(v) && v.Pledge.Period != Period.Once));
        var proposals = Lines(scoped.Where(v => v.Pledge.Status == PledgeStatus.Proposed));

        var ids = new HashSet<long>(scoped.Select(v => v.Pledge.Id));
        var sources = new List<SourceLine>();
        foreach (var doc in input.Documents)
        {
            if (!SupportsAny(doc, ids)) continue;
            var supported = doc.PledgeIds.Where(ids.Contains).Distinct().Order().ToList();
            sources.Add(new SourceLine(doc.Id, doc.Title, doc.PublishedOn, doc.Origin, doc.Format, supported));
        }
        // A source entered with the pledge (pledge add --source, an import's file and line) when no document backs it:
        // listed too, one line per source (an import file's rows together), so every Src count has its line here.
        foreach (var g in scoped.Where(v => HasOwnSource(v)).GroupBy(v => SourceKey(v.Pledge.Source!), StringComparer.Ordinal))
        {
            var origin = IsUrl(g.Key) ? g.Key : null;
            sources.Add(new SourceLine(0, origin is null ? g.Key : "entered with the pledge", g.Min(v => v.Pledge.AnnouncedOn), origin, "manual",
                g.Select(v => v.Pledge.Id).Distinct().Order().ToList()));
        }
        sources.Sort(CompareSources);
        return new ReportBody(headline, barsTitle, bars, cumulative, totalsScope, totals, groups, equipment, commitments, proposals, sources);
    }

    /// <summary>A donor code, alpha-3 code, name or alias as the registry knows it ("Poland", "POL" -> "PL").</summary>
    private static string Resolve(string donor) => DonorRegistry.Default.Find(donor)?.Code ?? donor.Trim();

    /// <summary>A pledge whose only source is the one entered with it (no document in the ledger backs it).</summary>
    private static bool HasOwnSource(PledgeView v) => v.SourceCount == 0 && !string.IsNullOrWhiteSpace(v.Pledge.Source);

    /// <summary>"kiel.csv:123" -> "kiel.csv": an import's rows share one Sources line; anything else is its own.</summary>
    private static string SourceKey(string source)
    {
        var s = source.Trim();
        var colon = s.LastIndexOf(':');
        return !IsUrl(s) && colon > 0 && colon < s.Length - 1 && s[(colon + 1)..].All(char.IsAsciiDigit) ? s[..colon] : s;
    }

    private static bool IsUrl(string s) =>
        s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static int CompareSources(SourceLine a, SourceLine b)
    {
        var byDate = (a.PublishedOn ?? DateOnly.MaxValue).CompareTo(b.PublishedOn ?? DateOnly.MaxValue);
        return byDate != 0 ? byDate : a.Id.CompareTo(b.Id);
    }

    private static bool SupportsAny(SourceDocument doc, HashSet<long> ids)
    {
        foreach (var id in doc.PledgeIds)
        {
            if (ids.Contains(id)) return true;
        }
        return false;
    }

    private static bool Counts(PledgeView v) => v.Pledge.CountsForDonor;

    private static bool InRange(PledgeView v, DateOnly from, DateOnly to) =>
        v.Pledge.AnnouncedOn is { } d && d >= from && d <= to;

    private static decimal OnceEur(PledgeView v) =>
        v.Pledge.Kind == PledgeKind.Money && v.Pledge.Period == Period.Once && Counts(v) ? v.Eur ?? 0m : 0m;

    private static decimal SumOnceEur(IEnumerable<PledgeView> views) => views.Sum(OnceEur);

    /// <summary>One-off and multi-year EUR of counted money: what bars and the cumulative line add up.</summary>
    private static decimal CountedEur(PledgeView v) =>
        v.Pledge.Kind == PledgeKind.Money && v.Pledge.Period != Period.Annual && Counts(v) ? v.Eur ?? 0m : 0m;

    /// <summary>All the money of some pledges, by kind (counted statuses only).</summary>
    private static MoneySummary MoneyOf(IEnumerable<PledgeView> views)
    {
        var t = new Totals();
        foreach (var v in views.Where(Counts)) t.Add(v);
        return t.Money;
    }

    private static List<AllyTotal> AllyTotals(IEnumerable<PledgeView> views)
    {
        var allies = new AllyAccumulator();
        foreach (var v in views) allies.Add(v);
        return allies.Totals();
    }

    private static List<BarPoint> BarsByDonor(IEnumerable<PledgeView> views) =>
        views.Where(Counts).GroupBy(v => v.Pledge.DonorCode)
            .Select(g => (Code: g.Key, Name: g.First().DonorName, Eur: g.Sum(CountedEur)))
            .Where(x => x.Eur > 0m)
            .OrderByDescending(x => x.Eur).ThenBy(x => x.Code, StringComparer.Ordinal)
            .Take(BarCount).Select(x => new BarPoint(x.Name, x.Eur)).ToList();

    /// <summary>Cumulative EUR (one-off and multi-year) at each month's end, from the first month with data (or <paramref name="from"/>).</summary>
    private static List<SeriesPoint> Cumulative(IEnumerable<PledgeView> views, DateOnly? from, DateOnly? to)
    {
        var cumulative = new CumulativeAccumulator();
        foreach (var v in views) cumulative.Add(v);
        return cumulative.Points(from, to);
    }

    /// <summary>Totals per donor, ordered by one-off EUR (then name, code) so the order is stable.</summary>
    private sealed class AllyAccumulator
    {
        private readonly Dictionary<string, (string Name, Totals Totals)> _byDonor = new(StringComparer.Ordinal);

        public void Add(PledgeView v) => For(v.Pledge.DonorCode, v.DonorName).Add(v);

        public void Add(PledgeAggregate a) => For(a.DonorCode, a.DonorName).Add(a);

        private Totals For(string code, string name)
        {
            if (!_byDonor.TryGetValue(code, out var t))
            {
                t = (name, new Totals());
                _byDonor[code] = t;
            }
            return t.Totals;
        }

        public List<AllyTotal> Totals() =>
            _byDonor.Select(kv => kv.Value.Totals.ToAllyTotal(kv.Key, kv.Value.Name))
                .OrderByDescending(t => t.OnceEur + t.MultiYearEur).ThenByDescending(t => t.Unconverted.Count).ThenBy(t => t.DonorName, StringComparer.Ordinal).ThenBy(t => t.DonorCode, StringComparer.Ordinal)
                .ToList();
    }

    /// <summary>One-off EUR per month, then summed at each month's end from the first month with data (or from).</summary>
    private sealed class CumulativeAccumulator
    {
        private readonly Dictionary<int, decimal> _perMonth = [];

        public void Add(PledgeView v)
        {
            if (v.Pledge.AnnouncedOn is { } d && Counts(v)) AddOnce(d, CountedEur(v));
        }

        public void Add(PledgeAggregate a)
        {
            if (a.Month is { } d && a.Status != PledgeStatus.Proposed) AddOnce(d, a.Kind == PledgeKind.Money && a.Period != Period.Annual ? a.Eur : 0m);
        }

        private void AddOnce(DateOnly d, decimal eur)
        {
            var key = (d.Year * 12) + d.Month - 1;
            _perMonth[key] = _perMonth.GetValueOrDefault(key) + eur;
        }

        public List<SeriesPoint> Points(DateOnly? from, DateOnly? to)
        {
            if (_perMonth.Count == 0) return [];
            var start = from is { } f ? (f.Year * 12) + f.Month - 1 : _perMonth.Keys.Min();
            var end = to is { } t ? (t.Year * 12) + t.Month - 1 : _perMonth.Keys.Max();
            var points = new List<SeriesPoint>();
            var sum = 0m;
            for (var m = start; m <= end; m++)
            {
                sum += _perMonth.GetValueOrDefault(m);
                var monthStart = new DateOnly(m / 12, (m % 12) + 1, 1);
                points.Add(new SeriesPoint(monthStart.AddMonths(1).AddDays(-1), sum));
            }
            return points;
        }
    }

    private static List<PledgeGroup> GroupByDonor(IEnumerable<PledgeView> views) =>
        views.Where(Counts).GroupBy(v => v.Pledge.DonorCode)
            .Select(g => new PledgeGroup(g.Key, g.First().DonorName, SumOnceEur(g), Lines(g), MoneyOf(g)))
            .OrderByDescending(g => g.Money!.Eur).ThenByDescending(g => g.Money!.Unconverted.Count).ThenByDescending(g => g.Money!.AnnualEurPerYear).ThenBy(g => g.Title, StringComparer.Ordinal).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

    private static List<PledgeGroup> GroupByMonth(IEnumerable<PledgeView> views) =>
        views.Where(Counts).GroupBy(v => new DateOnly(v.Pledge.AnnouncedOn!.Value.Year, v.Pledge.AnnouncedOn.Value.Month, 1))
            .OrderBy(g => g.Key)
            .Select(g => new PledgeGroup(g.Key.ToString("yyyy-MM", CultureInfo.InvariantCulture), MonthLabel(g.Key), SumOnceEur(g), Lines(g), MoneyOf(g)))
            .ToList();

    private static List<PledgeLine> Lines(IEnumerable<PledgeView> views) =>
        views.OrderBy(v => v.Pledge.AnnouncedOn ?? DateOnly.MaxValue).ThenBy(v => v.Pledge.Id).Select(ToLine).ToList();

    private static PledgeLine ToLine(PledgeView v)
    {
        var p = v.Pledge;
        return new PledgeLine(
            p.Id, p.AnnouncedOn, p.DonorCode, v.DonorName, p.Kind, p.AidType, p.Amount, p.Currency, v.Eur, v.RateDate,
            p.SystemId, v.SystemName ?? p.Item, v.Category ?? p.Category, p.Quantity, v.InKindEur, p.Status, p.Qualifier, p.Period, p.Years,
            v.SourceCount + (HasOwnSource(v) ? 1 : 0));
    }

    internal static string MonthLabel(DateOnly d) => d.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    internal static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
