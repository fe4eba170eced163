using PledgeLedger.Core;

namespace PledgeLedger.Storage;

/// <summary>
/// What a report is made of, read from the ledger: the pledges it lists one by one, the documents they cite, the
/// sums standing in for the pledges before <see cref="EarlierSums.Before"/> (when asked for), and the time the data
/// stands as of (<see cref="AsOf"/>: the <c>--as-of</c> time when one was given, else the ledger's latest recorded
/// change; null for an empty ledger).
/// </summary>
public sealed record ReportData(IReadOnlyList<PledgeView> Pledges, IReadOnlyList<SourceDocument> Documents, EarlierSums? Earlier, DateTimeOffset? AsOf);

/// <summary>Loads what a report needs in bulk; Reporting receives it and never queries.</summary>
public sealed class ReportStore(LedgerDatabase db)
{
    /// <summary>Loads the pledges of <paramref name="scope"/> (only those the report can show) as of <paramref name="asOf"/>.</summary>
    /// <remarks>
    /// <paramref name="sumsBefore"/>: pledges announced before this date and undated ones are given to the report as
    /// sums (<see cref="ReportData.Earlier"/>, from the roll-up, or summed in SQL as of a past time) instead of one by one.
    /// </remarks>
    public async Task<ReportData> LoadAsync(PledgeFilter scope, DateTimeOffset? asOf, DateOnly? sumsBefore, CancellationToken ct)
    {
        var store = new PledgeStore(db);
        IReadOnlyList<PledgeView> pledges;
        EarlierSums? sums = null;
        IReadOnlyList<SourceDocument> documents;
        if (sumsBefore is { } before)
        {
            pledges = await store.ReportViewsAsync(scope with { From = before, KeepUndated = false, AsOf = asOf }, ct);
            sums = await new TotalsStore(db).EarlierSumsAsync(scope with { AsOf = asOf }, before, ct);
            documents = await store.DocumentsAsync(asOf, ct, pledges.Select(v => v.Pledge.Id).ToList());
        }
        else
        {
            pledges = await store.ReportViewsAsync(scope with { AsOf = asOf }, ct);
            documents = await store.DocumentsAsync(asOf, ct);
        }
        // Without --as-of the report shows the ledger as it stands: "as of" is its latest recorded change, not the
        // clock, so the same ledger with the same --generated-at gives the same bytes at any time.
        return new ReportData(pledges, documents, sums, asOf ?? await LedgerClock.LatestChangeAsync(db, ct));
    }
}
