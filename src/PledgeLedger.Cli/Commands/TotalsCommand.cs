using System.CommandLine;
using PledgeLedger.Core;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary><c>pledge totals</c>: totals per ally (or month, category, system), money in EUR at the announcement date's rate.</summary>
internal static class TotalsCommand
{
    public static readonly string[] Columns =
        ["key", "label", "donor", "donor_name", "pledges", "eur", "eur_once", "eur_multi_year", "eur_annual_per_year", "unconverted", "unconverted_annual_per_year", "unconverted_pledges", "equipment_items", "unquantified_equipment", "in_kind_eur"];

    public static Command Create(CliApp app)
    {
        var f = new FilterOptions();
        var by = new Option<string>("--by") { Description = "Group by donor (default), month, category or system", DefaultValueFactory = _ => "donor" };
        var inKind = new Option<bool>("--in-kind") { Description = "Add the estimated value of equipment (catalog unit values; an estimate, never mixed into money)" };
        var format = CliApp.FormatOption();
        var cmd = new Command("totals", "Totals per ally: money in EUR (rate of the announcement date), unconverted amounts apart, equipment item counts");
        f.AddTo(cmd, withKindAndSystem: true);
        cmd.Options.Add(by);
        cmd.Options.Add(inKind);
        cmd.Options.Add(format);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var grouping = ParseGrouping(parse.GetValue(by));
            var filter = f.Read(ctx, parse);
            var rows = await new TotalsStore(await ctx.LedgerAsync(ct)).TotalsAsync(filter, grouping, ct);
            var showInKind = parse.GetValue(inKind);
            var output = rows.Select(r => ToRow(r, grouping)).ToList();
            var tableColumns = new HashSet<string>(["label", "pledges", "eur", "eur_annual_per_year", "unconverted", "equipment_items"]);
            if (showInKind) tableColumns.Add("in_kind_eur");
            if (rows.Any(r => r.UnconvertedAnnualPerYear.Count > 0)) tableColumns.Add("unconverted_annual_per_year");
            if (grouping == TotalsGrouping.Donor) tableColumns.UnionWith(["donor", "donor_name"]);
            if (grouping == TotalsGrouping.Donor) tableColumns.Remove("label");
            var statuses = filter.Statuses ?? TotalsStore.DefaultStatuses;
            var title = $"totals by {grouping.ToString().ToLowerInvariant()} ({string.Join("+", statuses.Select(s => s.Name()))}"
                + (filter.AsOf is { } t ? $", as of {t.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z" : "") + ")";
            if (fmt == OutputFormat.Table && rows.Count > 0)
            {
                var total = ToRow(new TotalsRow
                {
                    Key = "total",
                    Label = "Total",
                    Pledges = rows.Sum(r => r.Pledges),
                    EurOnce = rows.Sum(r => r.EurOnce),
                    EurMultiYear = rows.Sum(r => r.EurMultiYear),
                    EurAnnualPerYear = rows.Sum(r => r.EurAnnualPerYear),
                    Unconverted = Money.SumPerCurrency(rows.SelectMany(r => r.Unconverted)),
                    UnconvertedAnnualPerYear = Money.SumPerCurrency(rows.SelectMany(r => r.UnconvertedAnnualPerYear)),
                    EquipmentItems = rows.Sum(r => r.EquipmentItems),
                    InKindEur = rows.Sum(r => r.InKindEur),
                }, TotalsGrouping.Month);
                total.Insert(2, new("donor", ""));
                total.Insert(3, new("donor_name", "Total"));
                output.Add(total);
            }
            var columns = showInKind ? Columns : Columns.Where(c => c != "in_kind_eur").ToArray();
            if (grouping != TotalsGrouping.Donor) columns = columns.Where(c => c is not "donor" and not "donor_name").ToArray();
            Output.Write(ctx, fmt, columns, output, title: title, tableColumns: tableColumns);
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
            if (rows.Count == 0) ctx.Info("no pledges match");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    public static TotalsGrouping ParseGrouping(string? s) => (s ?? "donor").ToLowerInvariant() switch
    {
        "donor" or "ally" or "country" => TotalsGrouping.Donor,
        "month" => TotalsGrouping.Month,
        "category" => TotalsGrouping.Category,
        "system" => TotalsGrouping.System,
        _ => throw new UserInputException($"--by: '{s}' is not a grouping (donor, month, category or system)"),
    };

    public static Row ToRow(TotalsRow r, TotalsGrouping by)
    {
        var row = new Row().Set("key", r.Key).Set("label", r.Label);
        if (by == TotalsGrouping.Donor) row.Set("donor", r.Key).Set("donor_name", r.Label);
        return row
            .Set("pledges", r.Pledges)
            .Set("eur", Math.Round(r.Eur, 2))
            .Set("eur_once", Math.Round(r.EurOnce, 2))
            .Set("eur_multi_year", Math.Round(r.EurMultiYear, 2))
            .Set("eur_annual_per_year", Math.Round(r.EurAnnualPerYear, 2))
            .Set("unconverted", r.Unconverted.Select(m => new Row().Set("currency", m.Currency).Set("amount", m.Amount)).ToList())
            .Set("unconverted_annual_per_year", r.UnconvertedAnnualPerYear.Select(m => new Row().Set("currency", m.Currency).Set("amount", m.Amount)).ToList())
            .Set("unconverted_pledges", r.UnconvertedPledges)
            .Set("equipment_items", r.EquipmentItems)
            .Set("unquantified_equipment", r.UnquantifiedEquipment)
            .Set("in_kind_eur", Math.Round(r.InKindEur, 2));
    }
}
