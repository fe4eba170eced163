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
/// writes the monthly report for June 2024. Every step is idempotent: a second run finds everything already there.
/// </summary>
internal static class DemoCommand
{
    public const int Year = 2024;
    public const int Month = 6;

    public static Command Create(CliApp app)
    {
        var cmd = new Command("demo", "Load the built-in sample (rates, hand-entered pledges, a news corpus), print totals per ally, write the monthly report");
        cmd.SetAction(async (_, ct) =>
        {
            var ctx = app.Context;
            var db = await ctx.LedgerAsync(ct);
            ctx.Info($"ledger: {ctx.Location.Describe()}");

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
                    if (result.Document is { } doc) items.Add(IngestCommand.ToItem(extractor, doc, null));
                }
            }
            var counts = await new IngestStore(db).IngestBatchAsync(items, ct);
            ctx.Info($"news corpus: {items.Count} documents ({counts.DocumentsKnown} already known); pledges {counts.PledgesNew} new, {counts.PledgesMerged} merged into existing ones, {counts.SentToReview} sent to review");

            var rows = await new TotalsStore(db).TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, ct);
            Output.Write(ctx, OutputFormat.Table, TotalsCommand.Columns,
                rows.Select(r => TotalsCommand.ToRow(r, TotalsGrouping.Donor)).ToList(),
                title: "totals per ally (pledged+allocated+delivered)",
                tableColumns: new HashSet<string>(["donor", "donor_name", "pledges", "eur", "unconverted", "equipment_items"]));

            var path = Path.Combine(ctx.Env.WorkingDirectory, "reports", $"monthly-{Year:D4}-{Month:D2}.pdf");
            var input2 = new ReportInput(await store.ReportViewsAsync(new PledgeFilter(), ct), await store.DocumentsAsync(null, ct),
                ctx.Env.Clock.GetUtcNow(), ctx.Env.Clock.GetUtcNow(), "Aid pledges to Ukraine");
            ReportWriter.WritePdf(ReportBuilder.Monthly(input2, Year, Month), path, PaperSize.A4);
            ctx.Console.MarkupLine($"monthly report: [bold]{Markup.Escape(path)}[/]");
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
