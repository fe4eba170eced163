using System.CommandLine;
using System.Threading.Channels;
using PledgeLedger.Core;
using PledgeLedger.Extraction;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary>
/// <c>pledge ingest PATH...</c>: documents into the ledger. Reading and extracting run alongside writing: batches of
/// documents go to the database as one transaction each (binary COPY), so a killed ingest leaves whole documents
/// or none, and running it again skips what is already there (content hash) and completes the rest.
/// </summary>
internal static class IngestCommand
{
    public static Command Create(CliApp app)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files, directories (read recursively) or - for standard input", Arity = ArgumentArity.OneOrMore };
        var date = new Option<string?>("--date") { Description = "Date for statements whose document gives none (YYYY-MM-DD)" };
        var batch = new Option<int>("--batch") { Description = "Documents per transaction", DefaultValueFactory = _ => 500 };
        var cmd = new Command("ingest", "Extract pledges from documents and write them to the ledger (a pledge seen again gains a source, not a twin)");
        cmd.Arguments.Add(paths);
        cmd.Options.Add(date);
        cmd.Options.Add(batch);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fallback = Inputs.Date("--date", parse.GetValue(date));
            var batchSize = parse.GetValue(batch);
            if (batchSize is < 1 or > 100_000) throw new UserInputException("--batch: between 1 and 100000 documents");
            var inputs = parse.GetValue(paths) ?? [];
            var db = await ctx.LedgerAsync(ct);
            var run = new IngestRun(ctx, new IngestStore(db), fallback, batchSize, await ctx.LedgerSystemsAsync(ct));
            var total = inputs.Sum(p => DocumentSource.CountFiles(ctx, p));
            if (ctx.Env.ErrorIsTerminal && total >= 20)
            {
                await ctx.ErrorConsole.Progress().AutoClear(true).Columns(
                    new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async p =>
                    {
                        var task = p.AddTask("ingesting", maxValue: total);
                        await run.RunAsync(inputs, () => task.Increment(1), ct);
                    });
            }
            else
            {
                await run.RunAsync(inputs, () => { }, ct);
            }
            var c = run.Counts;
            ctx.Info($"documents: {c.DocumentsNew + c.DocumentsKnown + run.Failed} read, {c.DocumentsNew} new, {c.DocumentsKnown} skipped as already known, {run.Failed} failed");
            ctx.Info(PledgeSummary(c));
            return run.Failed + run.Refused > 0 ? ExitCodes.PartlyFailed : ExitCodes.Ok;
        });
        return cmd;
    }

    private sealed class IngestRun(CliContext ctx, IngestStore store, DateOnly? fallback, int batchSize, SystemCatalog ledgerSystems)
    {
        private readonly PledgeExtractor _extractor = new(ctx.Donors, ctx.Systems);

        public IngestCounts Counts { get; private set; } = IngestCounts.Zero;
        public int Failed { get; private set; }

        /// <summary>Statements left out because they break a rule of the ledger (<see cref="PledgeRules"/>).</summary>
        public int Refused { get; private set; }

        public async Task RunAsync(IReadOnlyList<string> inputs, Action progress, CancellationToken ct)
        {
            // Three stages: read (one thread, in name order), extract (a batch on every core, its order kept) and write
            // (one transaction per batch, while the next batch is extracted). The bounded channel keeps memory flat.
            var channel = Channel.CreateBounded<List<IngestItem>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
            var producer = Task.Run(async () =>
            {
                try
                {
                    var read = new List<ExtractedDocument>(batchSize);
                    foreach (var path in inputs)
                    {
                        foreach (var result in DocumentSource.Read(ctx, path))
                        {
                            ct.ThrowIfCancellationRequested();
                            if (result.Problem is { } problem)
                            {
                                Failed++;
                                lock (ctx.Error) ctx.Error.WriteLine($"error: {problem.Source}: {problem.Message}");
                                progress();
                                continue;
                            }
                            if (result.Warning is { } warning)
                            {
                                lock (ctx.Error) ctx.Error.WriteLine($"warning: {warning.Source}: {warning.Message}");
                            }
                            read.Add(result.Document!);
                            if (read.Count >= batchSize)
                            {
                                await channel.Writer.WriteAsync(Extract(read, ct), ct);
                                read = new List<ExtractedDocument>(batchSize);
                            }
                        }
                    }
                    if (read.Count > 0) await channel.Writer.WriteAsync(Extract(read, ct), ct);
                    channel.Writer.Complete();
                }
                catch (Exception e)
                {
                    channel.Writer.Complete(e);
                }
            }, ct);
            await foreach (var items in channel.Reader.ReadAllAsync(ct))
            {
                Counts = Counts.Add(await store.IngestBatchAsync(items, ct));
                foreach (var _ in items) progress();
            }
            await producer;
        }

        /// <summary>
        /// A batch's documents extracted on every core (the extractor is safe to share), in the batch's order, so the
        /// batches and the warnings are the same as one thread would give.
        /// </summary>
        private List<IngestItem> Extract(List<ExtractedDocument> docs, CancellationToken ct)
        {
            var items = new IngestItem[docs.Count];
            // Statements a rule of the ledger refuses, per document: warned in the batch's order after the parallel step.
            var refusals = new List<PledgeRuleViolation>?[docs.Count];
            try
            {
                Parallel.For(0, docs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
                    i => items[i] = IngestMapping.ToItem(_extractor, docs[i], fallback, ledgerSystems, v => (refusals[i] ??= []).Add(v)));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
            for (var i = 0; i < docs.Count; i++)
            {
                foreach (var v in refusals[i] ?? [])
                {
                    Refused++;
                    lock (ctx.Error) ctx.Warn($"{docs[i].Source}: a statement left out: its {v.Field} '{v.Value}' is not {v.Expected}");
                }
                WarnUndated(ctx, docs[i], items[i]);
            }
            return [.. items];
        }
    }

    /// <summary>"pledges: 3 new (1 of them waiting in `pledge review`), 2 merged into existing pledges": review is part of new, not more.</summary>
    internal static string PledgeSummary(IngestCounts c) =>
        $"pledges: {c.PledgesNew} new" + (c.SentToReview > 0 ? $" ({(c.SentToReview == c.PledgesNew && c.PledgesNew == 1 ? "waiting" : $"{c.SentToReview} of them waiting")} in `pledge review`)" : "")
        + $", {c.PledgesMerged} merged into existing pledges"
        + (c.PledgesJoined > 0 ? $", {c.PledgesJoined} merged into an older one" : "");

    /// <summary>
    /// Undated pledges are never guessed, but a person must know: one warning per document whose pledges have no
    /// date because the document gives none with a year (a dateline "June 12" is not enough).
    /// </summary>
    private static void WarnUndated(CliContext ctx, ExtractedDocument doc, IngestItem item)
    {
        var undated = item.Candidates.Count(c => c.Pledge.AnnouncedOn is null);
        if (undated == 0) return;
        var what = undated == 1 ? "1 pledge undated" : $"{undated} pledges undated";
        lock (ctx.Error)
        {
            ctx.Warn($"{doc.Source}: {what}: the document gives no date with a year (a dateline without a year is not enough); "
                + "date them with `pledge redate DOC --date YYYY-MM-DD` (DOC: this path), or ingest with --date");
        }
    }
}
