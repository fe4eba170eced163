using System.CommandLine;
using PledgeLedger.Core;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary><c>pledge totals</c>: totals per ally (or month, category, system), money in EUR at the announcement date's rate.</summary>
internal static class TotalsCommand
{
    public static readonly string[] Columns =
        ["key", "label", "donor", "donor_name", "pledges", "eur", "eur_once", "eur_multi_year", "eur_annual_per_year", "unconverted", "unconverted_annual_per_year", "unconverted_pledges", "equipment_items", "unquantified_equipment", "money_without_figure", "in_kind_eur"];

    public static Command Create(CliApp app)
    {
        var f = new FilterOptions();
        var by = new Option<string>("--by") { Description = "Group by donor (default), month, category or system", DefaultValueFactory = _ => "donor" };
        var inKind = new Option<bool>("--in-kind") { Description = "Add the estimated value of equipment (catalog unit values; an estimate, never mixed into money)" };
        var reported = new Option<bool>("--reported") { Description = "Per donor, the latest running total reported in the news beside the ledger's own sum up to its date, and the gap" };
        var format = CliApp.FormatOption();
        var cmd = new Command("totals", "Totals per ally: money in EUR (rate of the announcement date), unconverted amounts apart, equipment item counts");
        f.AddTo(cmd, withKindAndSystem: true);
        cmd.Options.Add(by);
        cmd.Options.Add(inKind);
        cmd.Options.Add(reported);
        cmd.Options.Add(format);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var grouping = ParseGrouping(parse.GetValue(by));
            var filter = f.Read(ctx, parse);
            if (parse.GetValue(reported)) return await ReportedAsync(ctx, fmt, filter, ct);
            var rows = await new TotalsStore(await ctx.LedgerAsync(ct)).TotalsAsync(filter, grouping, ct);
            StartupTrace.Mark("query read");
            var showInKind = parse.GetValue(inKind);
            var output = rows.Select(r => ToRow(r, grouping)).ToList();
            if (showInKind)
            {
                var valued = await ValuedItemsAsync(await ctx.LedgerAsync(ct), filter, grouping, ct);
                for (var i = 0; i < rows.Count; i++)
                {
                    var n = valued.GetValueOrDefault(rows[i].Key);
                    output[i].Set("in_kind_valued_items", n).Set("in_kind_covers", Covers(n, rows[i].EquipmentItems));
                }
            }
            // The table leaves out columns with nothing in them (no annual sums, no equipment ...) so the rest fits.
            var tableColumns = new HashSet<string>(["label", "pledges", "eur"]);
            if (showInKind) tableColumns.UnionWith(["in_kind_eur", "in_kind_covers"]);
            if (rows.Any(r => r.EurAnnualPerYear != 0m)) tableColumns.Add("eur_annual_per_year");
            if (rows.Any(r => r.Unconverted.Count > 0)) tableColumns.Add("unconverted");
            if (rows.Any(r => r.UnconvertedAnnualPerYear.Count > 0)) tableColumns.Add("unconverted_annual_per_year");
            if (rows.Any(r => r.EquipmentItems != 0)) tableColumns.Add("equipment_items");
            if (grouping == TotalsGrouping.Donor) tableColumns.UnionWith(["donor", "donor_name"]);
            if (grouping == TotalsGrouping.Donor) tableColumns.Remove("label");
            var statuses = filter.Statuses ?? TotalsStore.DefaultStatuses;
            var title = $"totals by {grouping.ToString().ToLowerInvariant()} ({string.Join("+", statuses.Select(s => s.Name()))}"
                + (filter.AsOf is { } t ? $", as of {t.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z" : "") + ")";
            if (rows.Any(r => r.UnquantifiedEquipment > 0)) tableColumns.Add("unquantified_equipment");
            if (rows.Any(r => r.UnstatedMoney > 0)) tableColumns.Add("money_without_figure");
            if (fmt == OutputFormat.Table && rows.Count > 0)
            {
                output.Add(TotalRow(output));
                foreach (var row in output) ForTable(row);
            }
            var columns = showInKind ? [.. Columns, "in_kind_valued_items", "in_kind_covers"] : Columns.Where(c => c != "in_kind_eur").ToArray();
            if (grouping != TotalsGrouping.Donor) columns = columns.Where(c => c is not "donor" and not "donor_name").ToArray();
            Output.Write(ctx, fmt, columns, output, title: title, tableColumns: tableColumns,
                priority: grouping == TotalsGrouping.Donor ? [.. Priority(showInKind).Where(c => c != "label"), "donor"] : Priority(showInKind));
            StartupTrace.Mark("output written");
            if (showInKind && fmt == OutputFormat.Table && rows.Count > 0)
            {
                ctx.Info("in-kind values are estimates: stated values of the source where given, else quantity x the catalog unit value in force (`pledge catalog list` shows each basis); never added to eur");
            }
            var unconverted = rows.Sum(r => r.UnconvertedPledges);
            if (unconverted > 0)
            {
                var currencies = string.Join(", ", rows.SelectMany(r => r.Unconverted.Concat(r.UnconvertedAnnualPerYear)).Select(m => m.Currency).Distinct().Order(StringComparer.Ordinal));
                ctx.Warn($"{unconverted} money pledge(s) in {currencies} have no EUR rate for their date (or no date): listed unconverted, not counted as 0; import rates with `pledge rates import`");
            }
            var noFigure = rows.Sum(r => r.UnstatedMoney);
            if (noFigure > 0 && fmt == OutputFormat.Table)
            {
                ctx.Info($"{noFigure} money pledge(s) state no figure (\"financial support for ...\"): counted in pledges and money_without_figure, in no EUR or unconverted sum");
            }
            if (rows.Count == 0) ctx.Info("no pledges match");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    public static readonly string[] ReportedColumns =
    [
        "donor", "donor_name", "subject", "reported_amount", "reported_currency", "reported_eur", "reported_quantity", "qualifier", "status",
        "as_of", "ledger_pledges", "ledger_eur", "ledger_unconverted", "ledger_items", "gap", "gap_unit", "reports", "source", "document_id",
        "sentence", "note",
    ];

    /// <summary>
    /// <c>pledge totals --reported</c>: per donor and subject (money, or one system/item), the latest reported running
    /// total beside the ledger's counted sum up to that total's date, and the gap (reported minus ledger). Only
    /// <c>--donor</c> of the filters applies (a reported total is about everything the donor gave by then).
    /// </summary>
    private static async Task<int> ReportedAsync(CliContext ctx, OutputFormat fmt, PledgeFilter filter, CancellationToken ct)
    {
        var rows = await new ReportedTotalStore(await ctx.LedgerAsync(ct)).CompareAsync(filter.Donors, ct);
        if (fmt != OutputFormat.Table)
        {
            Output.Write(ctx, fmt, ReportedColumns, rows.Select(ToReportedRow).ToList());
            return ExitCodes.Ok;
        }
        if (rows.Count == 0)
        {
            ctx.Info("no reported totals in the ledger (ingest documents that state running totals: \"brings its total aid to ...\")");
            return ExitCodes.Ok;
        }
        var table = rows.Select(r =>
        {
            var t = r.Latest.Total;
            var money = t.Kind == PledgeKind.Money;
            return new Row()
                .Set("donor", t.DonorCode)
                .Set("subject", money ? "money" : r.What)
                .Set("reported", money ? t.Currency + " " + Short(t.Amount ?? 0) + Qualified(t.Qualifier) : Count(t.Quantity) + Qualified(t.Qualifier))
                .Set("as_of", t.AsOf)
                .Set("ledger", money ? Short(r.LedgerEur) + (r.LedgerUnconverted.Count > 0 ? " +" + Unconverted(r.LedgerUnconverted, " +") : "") : Count(r.LedgerItems))
                .Set("gap", r.Gap is not { } g ? "?" : money ? Signed(g) : (g > 0 ? "+" : "") + g.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture))
                .Set("source", ShortSource(r.Latest));
        }).ToList();
        // The gap is what the command is for: at a narrow terminal it stays, and the date and source go first.
        Output.Write(ctx, fmt, ["donor", "subject", "reported", "as_of", "ledger", "gap", "source"], table,
            title: "reported totals vs the ledger by their date (EUR; equipment: items)",
            priority: ["donor", "reported", "ledger", "gap", "subject", "as_of", "source"]);
        foreach (var r in rows.Where(r => r.Latest.Total.Kind == PledgeKind.Money && r.ReportedEur is null))
        {
            var t = r.Latest.Total;
            ctx.Warn($"{t.DonorCode}: the reported {t.Currency} total has no EUR rate for {(t.AsOf is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " (or up to 7 days before)" : "an undated total")}: shown unconverted, no gap");
        }
        foreach (var r in rows.Where(r => r.LedgerUnconverted.Count > 0))
        {
            var t = r.Latest.Total;
            ctx.Warn($"{t.DonorCode}: the ledger holds {Unconverted(r.LedgerUnconverted, " + ")} with no EUR rate (undated, or no rate within 7 days): no gap");
        }
        ctx.Info("gap = reported minus ledger: what the ledger still lacks by that date (negative: the ledger counts more, e.g. pledges not yet delivered)");
        return ExitCodes.Ok;
    }

    private static string Qualified(Qualifier q) => q switch
    {
        Qualifier.AtLeast => " (at least)",
        Qualifier.UpTo => " (up to)",
        Qualifier.About => " (about)",
        _ => "",
    };

    private static string Count(long? n) => n is { } v ? v.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) : "?";

    /// <summary>Money without a EUR rate, one "CUR amount" per currency: "USD 2.63 bn +CAD 960 mln".</summary>
    private static string Unconverted(IReadOnlyList<Money> money, string separator) =>
        string.Join(separator, money.Select(m => m.Currency + " " + Short(m.Amount)));

    /// <summary>Amounts per currency as the rows CSV and JSON write: {currency, amount}.</summary>
    private static List<Row> MoneyRows(IEnumerable<Money> money) =>
        money.Select(m => new Row().Set("currency", m.Currency).Set("amount", m.Amount)).ToList();

    private static string Signed(decimal eur) => (eur > 0 ? "+" : eur < 0 ? "-" : "") + Short(Math.Abs(eur));

    /// <summary>Three significant digits for the table ("1.46 bn", "250 mln"); JSON and CSV carry exact amounts.</summary>
    private static string Short(decimal amount)
    {
        var (scaled, unit) = Math.Abs(amount) switch
        {
            >= 1_000_000_000m => (amount / 1_000_000_000m, " bn"),
            >= 1_000_000m => (amount / 1_000_000m, " mln"),
            _ => (amount, ""),
        };
        var digits = Math.Abs(scaled) >= 100 ? "0" : Math.Abs(scaled) >= 10 ? "0.#" : "0.##";
        return (unit.Length == 0 ? amount.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) : scaled.ToString(digits, System.Globalization.CultureInfo.InvariantCulture)) + unit;
    }

    /// <summary>The document's host (a URL) or file name, for the table; JSON and CSV carry the whole source.</summary>
    private static string ShortSource(StoredReportedTotal r)
    {
        var s = r.Total.Source ?? r.DocumentTitle ?? "";
        if (Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme is "http" or "https") return u.Host.StartsWith("www.", StringComparison.Ordinal) ? u.Host[4..] : u.Host;
        return Path.GetFileName(s);
    }

    private static Row ToReportedRow(ReportedComparison r)
    {
        var t = r.Latest.Total;
        var money = t.Kind == PledgeKind.Money;
        return new Row()
            .Set("donor", t.DonorCode).Set("donor_name", r.DonorName)
            .Set("subject", money ? "money" : r.What)
            .Set("reported_amount", t.Amount).Set("reported_currency", t.Currency)
            .Set("reported_eur", r.ReportedEur is { } e ? Math.Round(e, 2) : null)
            .Set("reported_quantity", t.Quantity)
            .Set("qualifier", t.Qualifier.Name()).Set("status", t.Status.Name())
            .Set("as_of", t.AsOf)
            .Set("ledger_pledges", r.LedgerPledges)
            .Set("ledger_eur", money ? Math.Round(r.LedgerEur, 2) : null)
            .Set("ledger_unconverted", MoneyRows(r.LedgerUnconverted))
            .Set("ledger_items", money ? null : r.LedgerItems)
            .Set("gap", r.Gap is { } g ? (money ? Math.Round(g, 2) : g) : null)
            .Set("gap_unit", money ? "EUR" : "items")
            .Set("reports", r.Reports)
            .Set("source", t.Source).Set("document_id", r.Latest.DocumentId)
            .Set("sentence", t.Evidence?.Sentence)
            .Set("note", money && r.ReportedEur is null
                ? $"no EUR rate for {t.Currency} on {(t.AsOf is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "an undated total")} or up to 7 days before: reported amount unconverted, no gap"
                : null);
    }

    /// <summary>Table columns most useful first (a narrow terminal leaves the last ones out).</summary>
    public static string[] Priority(bool inKind) => inKind
        ? ["label", "donor_name", "eur", "unconverted", "in_kind_eur", "in_kind_covers", "equipment_items", "eur_annual_per_year", "unconverted_annual_per_year", "unquantified_equipment", "money_without_figure", "pledges"]
        : ["label", "donor_name", "eur", "unconverted", "eur_annual_per_year", "unconverted_annual_per_year", "equipment_items", "unquantified_equipment", "money_without_figure", "pledges", "in_kind_eur"];

    /// <summary>
    /// The table's total row: the sum of the rows as displayed (EUR rounded to the euro per row, then added), so a
    /// person adding the column by hand gets the total shown. Original-currency amounts are summed per currency.
    /// </summary>
    public static Row TotalRow(IReadOnlyList<Row> rows)
    {
        decimal Sum(string key) => rows.Sum(r => r.FirstOrDefault(kv => kv.Key == key).Value is decimal d ? Output.TableEur(d) : 0m);
        // No row with an EUR sum (every row's money states no figure): the total has none either.
        decimal? EurSum(string key) => rows.Any(r => r.FirstOrDefault(kv => kv.Key == key).Value is decimal) ? Sum(key) : null;
        long Count(string key) => (long)rows.Sum(r => Number(r, key));
        List<Row> Amounts(string key) => MoneyRows(Money.SumPerCurrency(rows
                .SelectMany(r => r.FirstOrDefault(kv => kv.Key == key).Value as IEnumerable<Row> ?? [])
                .Select(m => new Money((decimal)m.First(kv => kv.Key == "amount").Value!, (string)m.First(kv => kv.Key == "currency").Value!))));
        return new Row().Set("key", "total").Set("label", "Total").Set("donor", "").Set("donor_name", "Total")
            .Set("pledges", (int)Count("pledges"))
            .Set("eur", EurSum("eur"))
            .Set("eur_once", EurSum("eur_once"))
            .Set("eur_multi_year", EurSum("eur_multi_year"))
            .Set("eur_annual_per_year", EurSum("eur_annual_per_year"))
            .Set("unconverted", Amounts("unconverted"))
            .Set("unconverted_annual_per_year", Amounts("unconverted_annual_per_year"))
            .Set("unconverted_pledges", (int)Count("unconverted_pledges"))
            // Items of different systems do not add up (a million shells and one Patriot): no total; `--by category`
            // or `--by system` gives items that do.
            .Set("equipment_items", null)
            .Set("unquantified_equipment", (int)Count("unquantified_equipment"))
            .Set("money_without_figure", (int)Count("money_without_figure"))
            .Set("in_kind_eur", Sum("in_kind_eur"))
            .Set("in_kind_covers", Covers(rows.Sum(r => Number(r, "in_kind_valued_items")), rows.Sum(r => Number(r, "equipment_items"))));
    }

    /// <summary>A count in a row, whichever numeric type the store gave it (item sums are decimal since 0012).</summary>
    private static decimal Number(Row r, string key) => r.FirstOrDefault(kv => kv.Key == key).Value switch
    {
        long l => l,
        decimal d => d,
        int i => i,
        _ => 0m,
    };

    /// <summary>"1 of 19 items valued": what an in-kind estimate covers (items without a unit value count nothing).</summary>
    public static string? Covers(decimal valued, decimal items) => items == 0 ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{valued:#,0} of {items:#,0} items valued");

    /// <summary>
    /// Items with an in-kind value per group key (the keys of <see cref="TotalsStore"/>): a system without a unit value
    /// in the catalog counts nothing in the estimate, and the table says how much of the equipment it covers.
    /// </summary>
    private static async Task<Dictionary<string, decimal>> ValuedItemsAsync(LedgerDatabase db, PledgeFilter filter, TotalsGrouping by, CancellationToken ct)
    {
        var views = await new PledgeStore(db).ListAsync(filter with
        {
            Kind = Core.PledgeKind.Equipment,
            Statuses = filter.Statuses ?? TotalsStore.DefaultStatuses,
            IncludeRetracted = false,
            IncludeUnreviewed = false,
            Limit = null,
        }, ct);
        var valued = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var v in views.Where(v => v.InKindEur is not null && v.Pledge.Quantity is { } && v.Pledge.Status != Core.PledgeStatus.Proposed))
        {
            var key = by switch
            {
                TotalsGrouping.Donor => v.Pledge.DonorCode,
                TotalsGrouping.Month => v.Pledge.AnnouncedOn?.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) ?? "undated",
                TotalsGrouping.Category => v.Category ?? v.Pledge.Category ?? "",
                _ => v.Pledge.SystemId ?? "category:" + v.Pledge.Category,
            };
            valued[key] = valued.GetValueOrDefault(key) + v.Pledge.Quantity!.Value;
        }
        return valued;
    }

    public static TotalsGrouping ParseGrouping(string? s) => (s ?? "donor").ToLowerInvariant() switch
    {
        "donor" or "ally" or "country" => TotalsGrouping.Donor,
        "month" => TotalsGrouping.Month,
        "category" => TotalsGrouping.Category,
        "system" => TotalsGrouping.System,
        _ => throw new UserInputException($"--by: '{s}' is not a grouping (donor, month, category or system)"),
    };

    /// <summary>
    /// Whether every money pledge of the row states no figure ("financial support for ..."): then it has no EUR sum at
    /// all, which is not EUR 0. Its EUR columns are null (empty in CSV, null in JSON, "-" in the table) and the pledges
    /// count only in money_without_figure.
    /// </summary>
    public static bool OnlyMoneyWithoutFigure(TotalsRow r) =>
        r.UnstatedMoney > 0 && r.EurOnce == 0m && r.EurMultiYear == 0m && r.EurAnnualPerYear == 0m
        && r.Unconverted.Count == 0 && r.UnconvertedAnnualPerYear.Count == 0 && r.UnconvertedPledges == 0;

    /// <summary>The EUR columns a row without any figure leaves empty.</summary>
    private static readonly string[] EurSumColumns = ["eur", "eur_once", "eur_multi_year", "eur_annual_per_year"];

    /// <summary>The table's "-" for an EUR sum the row does not have (CSV and JSON keep null).</summary>
    public static Row ForTable(Row row)
    {
        for (var i = 0; i < row.Count; i++)
        {
            if (row[i].Value is null && EurSumColumns.Contains(row[i].Key)) row[i] = new(row[i].Key, "-");
        }
        return row;
    }

    public static Row ToRow(TotalsRow r, TotalsGrouping by)
    {
        var row = new Row().Set("key", r.Key).Set("label", r.Label);
        if (by == TotalsGrouping.Donor) row.Set("donor", r.Key).Set("donor_name", r.Label);
        var noSum = OnlyMoneyWithoutFigure(r);
        return row
            .Set("pledges", r.Pledges)
            .Set("eur", noSum ? null : Math.Round(r.Eur, 2))
            .Set("eur_once", noSum ? null : Math.Round(r.EurOnce, 2))
            .Set("eur_multi_year", noSum ? null : Math.Round(r.EurMultiYear, 2))
            .Set("eur_annual_per_year", noSum ? null : Math.Round(r.EurAnnualPerYear, 2))
            .Set("unconverted", MoneyRows(r.Unconverted))
            .Set("unconverted_annual_per_year", MoneyRows(r.UnconvertedAnnualPerYear))
            .Set("unconverted_pledges", r.UnconvertedPledges)
            .Set("equipment_items", r.EquipmentItems)
            .Set("unquantified_equipment", r.UnquantifiedEquipment)
            .Set("money_without_figure", r.UnstatedMoney)
            .Set("in_kind_eur", Math.Round(r.InKindEur, 2));
    }
}
