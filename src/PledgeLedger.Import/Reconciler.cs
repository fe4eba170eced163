using System.Globalization;
using PledgeLedger.Core;

namespace PledgeLedger.Import;

/// <summary>Kiel's two measures: allocations (packages earmarked or delivered) and commitments (promises).</summary>
public enum KielMeasure { Allocation, Commitment }

/// <summary>One of our pledges as reconciliation needs it: donor, status, aid type, EUR value and where it came from.</summary>
public sealed record ReconcileInput(string DonorCode, PledgeStatus Status, AidType AidType, decimal Eur, string? Reference = null);

/// <summary>A pledge (or a whole donor) that explains part of a difference.</summary>
public sealed record ReconcileContributor(string Reference, decimal Eur, string Why);

/// <summary>One donor: our total, the tracker's, the difference, and what explains it when it is outside tolerance.</summary>
/// <param name="DonorCode">Registry code.</param>
/// <param name="DonorName">Registry name.</param>
/// <param name="OursEur">Sum of our pledges that count for the measure (unrounded).</param>
/// <param name="TrackerEur">Null when the tracker has no line for the donor (ours only).</param>
/// <param name="DifferenceEur">Ours minus tracker.</param>
/// <param name="DifferencePct">Difference in % of the tracker's value; null when the tracker has none or zero.</param>
/// <param name="WithinTolerance">|difference| within the tolerance of the tracker's value.</param>
/// <param name="Explaining">For donors outside tolerance: the largest contributing pledges, and donors on one side only.</param>
/// <param name="Hint">A likely cause, when one can be seen (e.g. the difference equals a donor only we list).</param>
public sealed record ReconcileRow(string DonorCode, string DonorName, decimal OursEur, decimal? TrackerEur, decimal DifferenceEur,
    decimal? DifferencePct, bool WithinTolerance, IReadOnlyList<ReconcileContributor> Explaining, string? Hint);

/// <summary>The per-donor comparison with the tracker's own totals.</summary>
public sealed record ReconcileResult(KielMeasure Measure, decimal TolerancePct, IReadOnlyList<ReconcileRow> Rows, IReadOnlyList<ImportProblem> Problems)
{
    /// <summary>Donors the tracker lists.</summary>
    public int TrackerDonors => Rows.Count(r => r.TrackerEur is not null);

    /// <summary>Tracker donors whose total we reproduce within tolerance.</summary>
    public int WithinTolerance => Rows.Count(r => r.TrackerEur is not null && r.WithinTolerance);

    /// <summary>Donors outside tolerance, or on one side only.</summary>
    public IReadOnlyList<ReconcileRow> Outside => [.. Rows.Where(r => !r.WithinTolerance)];
}

/// <summary>
/// Compares our per-donor EUR totals with Kiel's per-donor summary (country_summary.csv, EUR bn). Pure: the caller
/// passes the pledges (from an import or the ledger). Allocation counts allocated and delivered pledges; Commitment
/// counts pledged ones. Tolerance is relative to the tracker's value (0.5 % by default).
/// </summary>
public static class Reconciler
{
    public const decimal DefaultTolerancePct = 0.5m;
    private const int MaxContributors = 5;

    public static ReconcileResult ReconcileKiel(string countrySummaryPath, IEnumerable<ReconcileInput> ours, KielMeasure measure,
        DonorRegistry? donors = null, decimal tolerancePct = DefaultTolerancePct)
    {
        donors ??= DonorRegistry.Default;
        var file = Path.GetFileName(countrySummaryPath);
        try
        {
            using var reader = new StreamReader(countrySummaryPath);
            return ReconcileKiel(reader, file, ours, measure, donors, tolerancePct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ReconcileResult(measure, tolerancePct, [], [ImportMessages.FileUnreadableProblem(file, e.Message)]);
        }
    }

    /// <summary>From ledger views: money converted to EUR (<see cref="PledgeView.Eur"/>); pledges without a EUR value are left out.</summary>
    public static ReconcileResult ReconcileKiel(string countrySummaryPath, IEnumerable<PledgeView> ours, KielMeasure measure,
        DonorRegistry? donors = null, decimal tolerancePct = DefaultTolerancePct) =>
        ReconcileKiel(countrySummaryPath, ours.Where(v => v.Pledge.CountsForDonor && v.Eur is not null)
            .Select(v => new ReconcileInput(v.Pledge.DonorCode, v.Pledge.Status, v.Pledge.AidType, v.Eur!.Value,
                v.Pledge.Id != 0 ? "#" + v.Pledge.Id.ToString(CultureInfo.InvariantCulture) : v.Pledge.Source)), measure, donors, tolerancePct);

    /// <summary>From imported rows: EUR money pledges only (the Kiel extract is in EUR).</summary>
    public static IEnumerable<ReconcileInput> FromImported(IEnumerable<ImportedRow> rows) =>
        rows.Where(r => r.Pledge.Kind == PledgeKind.Money && r.Pledge.Currency == "EUR" && r.Pledge.Amount is not null)
            .Select(r => new ReconcileInput(r.Pledge.DonorCode, r.Pledge.Status, r.Pledge.AidType, r.Pledge.Amount!.Value, $"{r.File}:{r.Line}"));

    public static ReconcileResult ReconcileKiel(TextReader summary, string file, IEnumerable<ReconcileInput> ours, KielMeasure measure,
        DonorRegistry donors, decimal tolerancePct = DefaultTolerancePct)
    {
        var problems = new List<ImportProblem>();
        var tracker = ReadSummary(summary, file, measure, donors, problems);
        var byDonor = new Dictionary<string, List<ReconcileInput>>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in ours)
        {
            if (!Counts(p.Status, measure)) continue;
            if (!byDonor.TryGetValue(p.DonorCode, out var list)) byDonor[p.DonorCode] = list = [];
            list.Add(p);
        }
        var totals = byDonor.ToDictionary(kv => kv.Key, kv => kv.Value.Sum(p => p.Eur), StringComparer.OrdinalIgnoreCase);
        var oursOnly = totals.Keys.Where(k => !tracker.ContainsKey(k)).ToList();

        var rows = new List<ReconcileRow>();
        foreach (var code in tracker.Keys.Concat(oursOnly))
        {
            var ourTotal = totals.GetValueOrDefault(code);
            decimal? trackerEur = tracker.TryGetValue(code, out var t) ? t : null;
            var diff = ourTotal - (trackerEur ?? 0);
            decimal? pct = trackerEur is { } te && te != 0 ? diff / te * 100m : null;
            var within = trackerEur is { } tv && (tv == 0 ? ourTotal == 0 : Math.Abs(diff) <= Math.Abs(tv) * tolerancePct / 100m);
            var explaining = new List<ReconcileContributor>();
            string? hint = null;
            if (!within)
            {
                if (trackerEur is null) explaining.Add(new ReconcileContributor(code, ourTotal, "donor only in our pledges; the tracker has no line for it"));
                else if (ourTotal == 0) explaining.Add(new ReconcileContributor(code, -trackerEur.Value, "donor only in the tracker; none of our pledges count"));
                foreach (var p in byDonor.GetValueOrDefault(code, []).OrderByDescending(p => p.Eur).Take(MaxContributors))
                {
                    explaining.Add(new ReconcileContributor(p.Reference ?? p.DonorCode, p.Eur, "largest of our pledges for this donor"));
                }
                // A gap the size of a donor only we list is most likely the tracker grouping that donor here.
                foreach (var other in oursOnly.Where(o => !string.Equals(o, code, StringComparison.OrdinalIgnoreCase)))
                {
                    var otherTotal = totals[other];
                    if (otherTotal != 0 && Math.Abs(-diff - otherTotal) <= Math.Abs(otherTotal) * tolerancePct / 100m)
                        hint = $"the difference equals the {Name(donors, other)} ({other}) total of {Eur(otherTotal)}, which the tracker has no line for: it likely counts it here";
                }
            }
            rows.Add(new ReconcileRow(code, Name(donors, code), ourTotal, trackerEur, diff, pct, within, explaining, hint));
        }
        return new ReconcileResult(measure, tolerancePct, rows, problems);
    }

    private static bool Counts(PledgeStatus s, KielMeasure m) => m == KielMeasure.Allocation
        ? s is PledgeStatus.Allocated or PledgeStatus.Delivered
        : s == PledgeStatus.Pledged;

    private static string Name(DonorRegistry donors, string code) => donors.ByCode(code)?.Name ?? code;

    private static string Eur(decimal v) => "EUR " + FxTable.RoundEur(v).ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>Reads country_summary.csv: land, ..., total_allocation, ..., total_commitment (EUR bn) into EUR per donor code.</summary>
    private static Dictionary<string, decimal> ReadSummary(TextReader reader, string file, KielMeasure measure, DonorRegistry donors, List<ImportProblem> problems)
    {
        var result = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        var header = reader.ReadLine()?.TrimStart('\uFEFF');
        var cols = header is null ? [] : Csv.SplitLine(header);
        var want = measure == KielMeasure.Allocation ? "total_allocation" : "total_commitment";
        var landIx = Array.IndexOf(cols, "land");
        var valueIx = Array.IndexOf(cols, want);
        if (landIx < 0 || valueIx < 0)
        {
            problems.Add(ImportMessages.MissingColumnProblem(file, landIx < 0 ? "land" : want, landIx < 0 ? "land" : want, cols));
            return result;
        }
        var lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            var cells = Csv.SplitLine(line);
            var land = landIx < cells.Length ? cells[landIx].Trim() : "";
            var text = valueIx < cells.Length ? cells[valueIx].Trim() : "";
            if (KielAliases.FindDonor(donors, land) is not { } donor)
            {
                problems.Add(ImportMessages.UnknownTrackerDonorProblem(file, lineNo, land));
                continue;
            }
            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var bn))
            {
                problems.Add(ImportMessages.NotANumberProblem(file, lineNo, want, text));
                continue;
            }
            result[donor.Code] = result.GetValueOrDefault(donor.Code) + bn * 1_000_000_000m;
        }
        return result;
    }
}
