using PledgeLedger.Core;

namespace PledgeLedger.Cli;

/// <summary>The stable row shapes of pledge listings (JSON/CSV keys are a contract for scripts).</summary>
internal static class PledgeRows
{
    public static readonly string[] ListColumns =
    [
        "id", "version", "donor", "donor_name", "kind", "amount", "currency", "qualifier", "eur", "rate_date", "system",
        "item", "category", "quantity", "period", "years", "status", "aid_type", "date", "sources", "confidence", "needs_review", "note", "source",
        "recipient",
    ];

    /// <summary>
    /// A pledge table (list, add, amend) shows what was pledged in one column ("EUR 500,000,000", "Patriot x 1") instead
    /// of amount, currency, system and quantity apart, so the useful columns fit a terminal; JSON and CSV keep them apart.
    /// </summary>
    private static readonly string[] TableOrder =
        ["id", "donor", "donor_name", "what", "eur", "period", "status", "date", "sources", "needs_review", "kind", "recipient"];

    private static readonly HashSet<string> TableColumns =
        ["id", "donor", "donor_name", "what", "eur", "period", "status", "date", "sources", "needs_review"];

    /// <summary>Table columns most useful first: what is left out on a narrow terminal comes last.</summary>
    private static readonly string[] TablePriority =
        ["id", "donor", "what", "eur", "date", "status", "period", "recipient", "sources", "needs_review", "donor_name", "kind"];

    private static readonly HashSet<string> HistoryTableColumns =
        ["version", "recorded_at", "reason", "retracted", "donor", "what", "status", "date", "needs_review"];

    private static readonly string[] HistoryPriority =
        ["version", "recorded_at", "what", "status", "date", "reason", "retracted", "donor", "needs_review"];

    /// <summary>Pledge rows as a listing: a table shows "what" and the useful columns (recipient too when asked), JSON/CSV every field.</summary>
    public static void Write(CliContext ctx, OutputFormat fmt, IReadOnlyList<Row> rows, string? title = null, bool withRecipient = false)
    {
        if (fmt != OutputFormat.Table)
        {
            Output.Write(ctx, fmt, ListColumns, rows);
            return;
        }
        Output.Write(ctx, fmt, TableOrder, rows.Select(WithWhat).ToList(), title,
            withRecipient ? [.. TableColumns, "recipient"] : TableColumns, TablePriority);
    }

    /// <summary>
    /// <see cref="Write"/> for rows that arrive one by one (<c>pledge list</c>): CSV and JSON row by row, a table a page
    /// at a time (<see cref="RowStream"/>), with the same columns as <see cref="Write"/>.
    /// </summary>
    public static Task<long> WriteStreamAsync(CliContext ctx, OutputFormat fmt, IAsyncEnumerable<Row> rows, Func<long, string> title,
        bool withRecipient, CancellationToken ct) => fmt != OutputFormat.Table
            ? RowStream.WriteAsync(ctx, fmt, ListColumns, rows, title, null, ct)
            : RowStream.WriteAsync(ctx, fmt, TableOrder, WithWhat(rows, ct), title,
                withRecipient ? [.. TableColumns, "recipient"] : TableColumns, ct, TablePriority);

    private static async IAsyncEnumerable<Row> WithWhat(IAsyncEnumerable<Row> rows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in rows.WithCancellation(ct)) yield return WithWhat(row);
    }

    /// <summary>History rows (history, show): a table shows "what" instead of its parts.</summary>
    public static void WriteHistory(CliContext ctx, OutputFormat fmt, IReadOnlyList<Row> rows, string title)
    {
        var table = fmt == OutputFormat.Table;
        Output.Write(ctx, fmt, table ? [.. HistoryColumns.Take(7), "what", .. HistoryColumns.Skip(7)] : HistoryColumns,
            table ? rows.Select(WithWhat).ToList() : rows, title, HistoryTableColumns, HistoryPriority);
    }

    /// <summary>
    /// The row with "what": "EUR 1,500,000,000", "Patriot x 1", "F-16 x ?" (no quantity stated), "artillery (category) x 3"
    /// (no single system named: the category instead of a blank).
    /// </summary>
    private static Row WithWhat(Row row)
    {
        object? Get(string key) => row.FirstOrDefault(kv => kv.Key == key).Value;
        var what = Get("kind") as string == "money"
            ? Get("amount") is decimal a ? $"{Get("currency")} {Output.Display("amount", a)}" : NoFigure(Get("currency") as string)
            : $"{Get("system") as string ?? Get("item") as string ?? (Get("category") is string c ? c + " (category)" : "equipment")} x {(Get("quantity") is long q ? Output.Display("quantity", q) : "?")}";
        var copy = new Row();
        copy.AddRange(row);
        return copy.Set("what", what);
    }

    public static readonly string[] HistoryColumns =
    [
        "id", "version", "recorded_at", "reason", "retracted", "donor", "kind", "amount", "currency", "qualifier", "system", "item", "category",
        "quantity", "period", "years", "status", "aid_type", "date", "confidence", "needs_review", "review_reason", "note", "source",
    ];

    public static Row ToRow(PledgeView v)
    {
        var p = v.Pledge;
        var row = new Row().Set("id", p.Id).Set("version", p.Version).Set("donor_name", v.DonorName).Set("recipient", p.RecipientCode)
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

    /// <summary>For tables: an equipment pledge of a category with no single system shows "category: artillery" as its system.</summary>
    public static void ShowCategoryAsSystem(Row row)
    {
        var i = row.FindIndex(kv => kv.Key == "system");
        var category = row.FirstOrDefault(kv => kv.Key == "category").Value as string;
        if (i >= 0 && row[i].Value is null && category is not null) row[i] = new("system", $"category: {category}");
    }

    /// <summary>Money committed without a figure: "amount not stated", with the currency when the source names one.</summary>
    public static string NoFigure(string? currency) => currency is null ? "amount not stated" : $"{currency} (amount not stated)";

    /// <summary>"EUR 500 mln" or "Patriot x 1": what a pledge promises, for messages.</summary>
    public static string What(Pledge p, SystemCatalog systems) => p.Kind == PledgeKind.Money
        ? p.Amount is { } a ? $"{p.Currency} {Amounts.Short(a)}" : NoFigure(p.Currency)
        : $"{(p.SystemId is null ? p.Item ?? p.Category : systems.Find(p.SystemId)?.Name ?? p.SystemId)} x {p.Quantity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
}
