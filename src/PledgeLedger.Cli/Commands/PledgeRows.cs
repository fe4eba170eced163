using PledgeLedger.Core;

namespace PledgeLedger.Cli.Commands;

/// <summary>The stable row shapes of pledge listings (JSON/CSV keys are a contract for scripts).</summary>
internal static class PledgeRows
{
    public static readonly string[] ListColumns =
    [
        "id", "version", "donor", "donor_name", "kind", "amount", "currency", "qualifier", "eur", "rate_date", "system",
        "item", "category", "quantity", "period", "years", "status", "aid_type", "date", "sources", "confidence", "needs_review", "note", "source",
    ];

    public static readonly HashSet<string> TableColumns =
        ["id", "donor", "donor_name", "kind", "amount", "currency", "eur", "system", "quantity", "period", "status", "date", "sources", "needs_review"];

    public static readonly string[] HistoryColumns =
    [
        "id", "version", "recorded_at", "reason", "retracted", "donor", "kind", "amount", "currency", "qualifier", "system", "item", "category",
        "quantity", "period", "years", "status", "aid_type", "date", "confidence", "needs_review", "review_reason", "note", "source",
    ];

    public static readonly HashSet<string> HistoryTableColumns =
        ["version", "recorded_at", "reason", "retracted", "donor", "kind", "amount", "currency", "system", "quantity", "status", "date", "needs_review"];

    public static Row ToRow(PledgeView v)
    {
        var p = v.Pledge;
        var row = new Row().Set("id", p.Id).Set("version", p.Version).Set("donor_name", v.DonorName)
            .Set("eur", v.Eur is { } e ? Math.Round(e, 2) : null)
            .Set("rate_date", v.RateDate)
            .Set("sources", v.SourceCount);
        return AddPledgeFields(row, p, v.SystemName, v.Category);
    }

    public static Row ToHistoryRow(Pledge p, SystemCatalog systems)
    {
        var row = new Row().Set("id", p.Id).Set("version", p.Version)
            .Set("recorded_at", p.RecordedAt)
            .Set("reason", p.Reason)
            .Set("retracted", p.Retracted)
            .Set("review_reason", p.ReviewReason);
        return AddPledgeFields(row, p, p.SystemId is null ? null : systems.Find(p.SystemId)?.Name ?? p.SystemId, p.Category);
    }

    /// <summary>
    /// Rows as a format shows them: JSON and CSV give a free-text item in "item" (system null); the table, too narrow
    /// for another column, shows the item in its "system" column.
    /// </summary>
    public static IReadOnlyList<Row> For(OutputFormat fmt, IReadOnlyList<Row> rows) => fmt != OutputFormat.Table ? rows : rows.Select(r =>
    {
        var item = r.FirstOrDefault(kv => kv.Key == "item").Value;
        if (item is null) return r;
        var copy = new Row();
        foreach (var kv in r) copy.Add(kv.Key == "system" && kv.Value is null ? new("system", item) : kv);
        return copy;
    }).ToList();

    /// <summary>The fields every pledge row carries, listings and history alike (columns pick and order them).</summary>
    private static Row AddPledgeFields(Row row, Pledge p, string? systemName, string? category) => row
        .Set("donor", p.DonorCode)
        .Set("kind", p.Kind.Name())
        .Set("amount", p.Amount)
        .Set("currency", p.Currency)
        .Set("qualifier", p.Qualifier.Name())
        .Set("system", systemName)
        .Set("item", p.Item)
        .Set("category", category)
        .Set("quantity", p.Quantity)
        .Set("period", p.Period.Name())
        .Set("years", p.Years)
        .Set("status", p.Status.Name())
        .Set("aid_type", p.AidType.Name())
        .Set("date", p.AnnouncedOn)
        .Set("confidence", p.Confidence)
        .Set("needs_review", p.NeedsReview)
        .Set("note", p.Note)
        .Set("source", p.Source);

    /// <summary>"EUR 500 mln" or "Patriot x 1": what a pledge promises, for messages.</summary>
    public static string What(Pledge p, SystemCatalog systems) => p.Kind == PledgeKind.Money
        ? $"{p.Currency} {Amounts.Short(p.Amount ?? 0)}"
        : $"{(p.SystemId is null ? p.Item ?? p.Category : systems.Find(p.SystemId)?.Name ?? p.SystemId)} x {p.Quantity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
}
