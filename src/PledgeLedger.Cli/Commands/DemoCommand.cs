using System.CommandLine;
using System.Globalization;
using FluentValidation;
using PledgeLedger.Core;
using PledgeLedger.Extraction;
using PledgeLedger.Reporting;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary>
/// <c>pledge demo</c>: the whole pipeline on a sample written for the project. It loads a few reference rates,
/// enters some pledges by hand (as an analyst's spreadsheet would), ingests a small news corpus (text, HTML, an RSS
/// feed) whose statements join those pledges as evidence instead of counting twice, prints totals per ally and
/// writes the monthly report for June 2024. It works in a ledger of its own (<see cref="DemoLedger"/>), never the
/// user's append-only one; <c>--clean</c> drops it. Every step is idempotent: a second run finds everything already there.
/// </summary>
internal static class DemoCommand
{
    public const int Year = 2024;
    public const int Month = 6;

    public static Command Create(CliApp app)
    {
        var clean = new Option<bool>("--clean") { Description = "Remove the demo ledger (its own database; your ledger is never touched)" };
        var cmd = new Command("demo", "Load the built-in sample into a demo ledger of its own (never yours), print totals per ally, write its monthly report; --clean removes it");
        cmd.Options.Add(clean);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var demo = await DemoLedger.ForAsync(ctx.Location, ct);
            if (parse.GetValue(clean))
            {
                var removed = await demo.DropAsync(ct);
                ctx.Info(removed ? $"demo ledger removed: {demo.Describe()}" : $"no demo ledger to remove ({demo.Describe()} does not exist)");
                return ExitCodes.Ok;
            }
            await demo.EnsureCreatedAsync(ct);
            await using var db = await LedgerDatabase.OpenAsync(demo.Location, migrate: true, ct);
            ctx.Info($"demo ledger: {demo.Describe()} (your ledger, database {demo.MainDatabase}, is not touched)");

            var rateResult = await new RateStore(db).AddAsync(DemoData.Rates(), "demo sample (ECB reference rates)", ct);
            ctx.Info($"rates: {rateResult.Inserted} new, {rateResult.Identical} already there");

            var store = new PledgeStore(db);
            var validator = new PledgeInputValidator(ctx.Donors, ctx.Systems);
            int added = 0, present = 0;
            foreach (var input in DemoData.Pledges())
            {
                await validator.ValidateAndThrowAsync(input, ct);
                var pledge = input.ToPledge(ctx.Donors, ctx.Systems);
                if ((await store.AddUnlessSameAsync(pledge, ct)).Added is null) present++;
                else added++;
            }
            ctx.Info($"pledges entered by hand: {added} new, {present} already there");

            var extractor = new PledgeExtractor(ctx.Donors, ctx.Systems);
            var items = new List<IngestItem>();
            foreach (var name in DemoData.Names("corpus/"))
            {
                foreach (var result in DocumentReader.ReadBytes(name, DemoData.Bytes(name)))
                {
                    if (result.Document is { } doc) items.Add(IngestMapping.ToItem(extractor, doc, null));
                }
            }
            var counts = await new IngestStore(db).IngestBatchAsync(items, ct);
            ctx.Info($"news corpus: {items.Count} documents ({counts.DocumentsKnown} already known); {IngestCommand.PledgeSummary(counts)}");

            var rows = await new TotalsStore(db).TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, ct);
            var totals = rows.Select(r => TotalsCommand.ToRow(r, TotalsGrouping.Donor)).ToList();
            if (totals.Count > 0) totals.Add(TotalsCommand.TotalRow(totals));
            Output.Write(ctx, OutputFormat.Table, TotalsCommand.Columns, totals, priority: [.. TotalsCommand.Priority(inKind: false), "donor"],
                title: "totals per ally (pledged+allocated+delivered)",
                tableColumns: new HashSet<string>(["donor", "donor_name", "pledges", "eur", "unconverted", "equipment_items"]));

            var path = Path.Combine(ctx.Env.WorkingDirectory, "reports", $"demo-monthly-{Year:D4}-{Month:D2}.pdf");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var now = ctx.Env.Clock.GetUtcNow();
            var data = await new ReportStore(db).LoadAsync(new PledgeFilter(), asOf: null, sumsBefore: null, ct);
            var input2 = new ReportInput(data.Pledges, data.Documents, data.AsOf ?? now, now, "Aid pledges to Ukraine (demo sample)");
            ReportWriter.WritePdf(ReportBuilder.Monthly(input2, Year, Month), path, PaperSize.A4);
            ctx.Console.MarkupLine($"monthly report: [bold]{Markup.Escape(path)}[/]");
            ctx.Info($"explore the demo ledger with --db: pledge --db \"{demo.ShareableConnectionString}\" list");
            ctx.Info("remove it with: pledge demo --clean");
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

    public static byte[] Bytes(string name)
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream("PledgeLedger.Demo." + name)
            ?? throw new InvalidOperationException($"demo resource {name} missing");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

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
