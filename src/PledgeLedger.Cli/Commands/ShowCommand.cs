using System.CommandLine;
using PledgeLedger.Core;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary><c>pledge show ID</c>: one pledge with its versions and the evidence behind it.</summary>
internal static class ShowCommand
{
    public static Command Create(CliApp app)
    {
        var id = new Argument<string>("ID") { Description = "Pledge id" };
        var format = CliApp.FormatOption();
        var cmd = new Command("show", "Show one pledge: its current values, every version and its evidence");
        cmd.Arguments.Add(id);
        cmd.Options.Add(format);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var pledgeId = Inputs.PledgeId(parse.GetValue(id));
            var store = new PledgeStore(await ctx.LedgerAsync(ct));
            var view = await store.GetAsync(pledgeId, null, ct) ?? throw new UserInputException($"ID: no pledge {pledgeId}");
            var history = await store.HistoryAsync(pledgeId, ct);
            var evidence = await store.EvidenceAsync(pledgeId, ct);
            var versionRows = history.Select(h => PledgeRows.ToHistoryRow(h, ctx.Systems)).ToList();
            var evidenceRows = evidence.Select(e => new Row()
                .Set("document_id", e.DocumentId).Set("source", e.Source).Set("title", e.Title).Set("published_on", e.PublishedOn)
                .Set("origin", e.Origin).Set("line", e.Line).Set("start", e.StartOffset).Set("end", e.EndOffset).Set("text", e.Sentence)).ToList();
            if (fmt != OutputFormat.Table)
            {
                var row = PledgeRows.ToRow(view).Set("retracted", view.Pledge.Retracted).Set("versions", versionRows).Set("evidence", evidenceRows);
                Output.Write(ctx, fmt, [.. PledgeRows.ListColumns, "retracted", "versions", "evidence"], [row]);
                return ExitCodes.Ok;
            }
            var grid = new Grid().AddColumn().AddColumn();
            // Money committed without a figure says so where the amount would be (and has no EUR value to show).
            var noFigure = view.Pledge.Kind == PledgeKind.Money && view.Pledge.Amount is null;
            foreach (var (k, v) in PledgeRows.ToRow(view).Ordered(PledgeRows.ListColumns).Where(kv => kv.Value is not null || (noFigure && kv.Key == "amount")))
            {
                if (k == "amount" && v is null)
                {
                    grid.AddRow(new Markup("[bold]amount[/]"), new Text("not stated (money committed without a figure; in no sum)"));
                    continue;
                }
                grid.AddRow(new Markup($"[bold]{Markup.Escape(k.Replace('_', ' '))}[/]"), new Text(Output.Display(k, v)));
            }
            if (view.Pledge.Retracted) grid.AddRow(new Markup("[bold red]retracted[/]"), new Text(view.Pledge.Reason ?? ""));
            ctx.Console.Write(new Panel(grid).Header($"pledge {pledgeId}"));
            PledgeRows.WriteHistory(ctx, fmt, versionRows, "versions");
            if (evidenceRows.Count > 0)
            {
                Output.Write(ctx, fmt, ["document_id", "source", "published_on", "line", "text"], evidenceRows, title: "evidence",
                    priority: ["document_id", "published_on", "text", "line", "source"]);
            }
            else
            {
                ctx.Console.MarkupLine("[grey]no evidence documents (entered by hand or imported)[/]");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
