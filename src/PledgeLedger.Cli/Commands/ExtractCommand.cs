using System.CommandLine;
using PledgeLedger.Core;
using PledgeLedger.Extraction;

namespace PledgeLedger.Cli.Commands;

/// <summary><c>pledge extract PATH...</c>: candidate pledges found in documents, consolidated, without touching the database.</summary>
internal static class ExtractCommand
{
    public static Command Create(CliApp app)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files, directories (read recursively) or - for standard input", Arity = ArgumentArity.OneOrMore };
        var date = new Option<string?>("--date") { Description = "Date for statements whose document gives none (YYYY-MM-DD); never today's date silently" };
        var format = new Option<string>("--format", "-f") { Description = "jsonl (one consolidated pledge per line) or table", DefaultValueFactory = _ => "jsonl" };
        var cmd = new Command("extract", "Find pledges in news documents (text, HTML, PDF, RSS/Atom) and print them; the ledger is not touched");
        cmd.Arguments.Add(paths);
        cmd.Options.Add(date);
        cmd.Options.Add(format);
        cmd.SetAction((parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = (parse.GetValue(format) ?? "jsonl").ToLowerInvariant();
            if (fmt is not ("jsonl" or "table")) throw new UserInputException($"--format: '{fmt}' is not a format (jsonl or table)");
            var fallback = Inputs.Date("--date", parse.GetValue(date));
            var extractor = new PledgeExtractor(ctx.Donors, ctx.Systems);
            var candidates = new List<CandidatePledge>();
            var problems = 0;
            var documents = 0;
            foreach (var path in parse.GetValue(paths) ?? [])
            {
                foreach (var result in DocumentSource.Read(ctx, path))
                {
                    ct.ThrowIfCancellationRequested();
                    if (result.Problem is { } problem)
                    {
                        problems++;
                        ctx.Error.WriteLine($"error: {problem.Source}: {problem.Message}");
                        continue;
                    }
                    if (result.Warning is { } warning) ctx.Warn($"{warning.Source}: {warning.Message}");
                    documents++;
                    candidates.AddRange(extractor.Extract(result.Document!, fallback));
                }
            }
            var pledges = PledgeConsolidator.Consolidate(candidates);
            if (fmt == "jsonl")
            {
                // Lines go out in blocks of about 64 KB: standard output flushes on every write, and a write per pledge
                // was a system call per line.
                var block = new System.Text.StringBuilder(1 << 16);
                foreach (var c in pledges)
                {
                    block.Append(ExtractJson.ToJsonLine(c)).Append(ctx.Out.NewLine);
                    if (block.Length < 1 << 16) continue;
                    ctx.Out.Write(block.ToString());
                    block.Clear();
                }
                if (block.Length > 0) ctx.Out.Write(block.ToString());
            }
            else
            {
                Output.Write(ctx, OutputFormat.Table, ["donor", "donor_name", "what", "status", "period", "date", "confidence", "review", "sources"],
                    pledges.Select(c => new Row()
                        .Set("donor", c.Pledge.DonorCode)
                        .Set("donor_name", c.DonorName)
                        .Set("what", PledgeRows.What(c.Pledge, ctx.Systems))
                        .Set("status", c.Pledge.Status.Name())
                        .Set("period", c.Pledge.Period.Name() + (c.Pledge.Years is { } y ? $" ({y} y)" : ""))
                        .Set("date", c.Pledge.AnnouncedOn)
                        .Set("confidence", c.Pledge.Confidence)
                        .Set("review", c.Pledge.NeedsReview ? c.Pledge.ReviewReason ?? "yes" : "")
                        .Set("sources", c.Evidence.Count)).ToList(),
                    title: $"{pledges.Count} pledge(s) in {documents} document(s)");
            }
            ctx.Info($"{documents} document(s) read, {problems} failed; {pledges.Count} pledge(s) from {candidates.Count} statement(s)");
            return Task.FromResult(problems > 0 ? ExitCodes.PartlyFailed : ExitCodes.Ok);
        });
        return cmd;
    }
}
