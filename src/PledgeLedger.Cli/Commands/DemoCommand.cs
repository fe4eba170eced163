using System.CommandLine;
using System.Globalization;
using FluentValidation;
using PledgeLedger.Core;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary>
/// <c>pledge demo</c>: loads the sample written for the project (a few rates, pledges entered by hand) into the
/// ledger and prints totals per ally. Loading is idempotent: a second run finds the sample already there.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliApp app)
    {
        var cmd = new Command("demo", "Load the built-in sample into the ledger and print totals per ally");
        cmd.SetAction(async (_, ct) =>
        {
            var ctx = app.Context;
            var db = await ctx.LedgerAsync(ct);
            ctx.Info($"ledger: {ctx.Location.Describe()}");

            var rates = DemoData.Rates();
            var rateResult = await new RateStore(db).AddAsync(rates, "demo sample (ECB reference rates)", ct);
            ctx.Info($"rates: {rateResult.Inserted} new, {rateResult.Identical} already there");

            var store = new PledgeStore(db);
            var validator = new PledgeInputValidator(ctx.Donors, ctx.Systems);
            int added = 0, present = 0;
            foreach (var input in DemoData.Pledges())
            {
                await validator.ValidateAndThrowAsync(input, ct);
                var pledge = input.ToPledge(ctx.Donors, ctx.Systems);
                if ((await store.FindSameAsync(pledge, ct)).Count > 0)
                {
                    present++;
                    continue;
                }
                await store.AddAsync(pledge, ct);
                added++;
            }
            ctx.Info($"pledges entered by hand: {added} new, {present} already there");

            var rows = await new TotalsStore(db).TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, ct);
            Output.Write(ctx, OutputFormat.Table, TotalsCommand.Columns,
                rows.Select(r => TotalsCommand.ToRow(r, TotalsGrouping.Donor)).ToList(),
                title: "totals per ally (pledged+allocated+delivered)",
                tableColumns: new HashSet<string>(["donor", "donor_name", "pledges", "eur", "unconverted", "equipment_items"]));
            return ExitCodes.Ok;
        });
        return cmd;
    }
}

/// <summary>The sample embedded in the CLI (Demo/): rates and pledges written for the project.</summary>
internal static class DemoData
{
    public static IReadOnlyList<RateRecord> Rates() => ReadCsv("rates.csv")
        .Select(r => new RateRecord(DateOnly.ParseExact(r[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), r[1], decimal.Parse(r[2], CultureInfo.InvariantCulture)))
        .ToList();

    public static IReadOnlyList<PledgeInput> Pledges() => ReadCsv("pledges.csv").Select(r =>
    {
        var money = r[1] == "money";
        return new PledgeInput
        {
            Donor = r[0],
            Amount = money ? r[2] : null,
            Currency = money ? r[3] : null,
            Qualifier = money ? r[4] : null,
            System = r[5],
            Quantity = r[6],
            Period = r[7],
            Years = r[8],
            Status = r[9],
            AidType = r[10],
            Date = r[11],
            Source = r[12],
            Note = r[13],
        };
    }).ToList();

    public static string Text(string name)
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream("PledgeLedger.Demo." + name)
            ?? throw new InvalidOperationException($"demo resource {name} missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IEnumerable<string> Names(string prefix) => typeof(DemoData).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("PledgeLedger.Demo." + prefix, StringComparison.Ordinal))
        .Select(n => n["PledgeLedger.Demo.".Length..])
        .Order(StringComparer.Ordinal);

    private static IEnumerable<string[]> ReadCsv(string name) => Text(name)
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Skip(1)
        .Select(line => Csv.SplitLine(line).Select(f => f.Length == 0 ? null! : f).ToArray());
}
