using System.CommandLine;
using PledgeLedger.Core;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary><c>pledge list</c>: the pledges, current or as of a past time, filtered.</summary>
internal static class ListCommand
{
    public static Command Create(CliApp app)
    {
        var f = new FilterOptions();
        var retracted = new Option<bool>("--retracted") { Description = "Include retracted pledges" };
        var limit = new Option<int?>("--limit") { Description = "At most this many rows" };
        var offset = new Option<int?>("--offset") { Description = "Skip this many rows first (paging: --offset 100 --limit 100 is the second page of 100)" };
        var format = CliApp.FormatOption();
        var cmd = new Command("list", "List pledges (filters: --donor --from --to --kind --status --system; --as-of for the past)");
        f.AddTo(cmd, withKindAndSystem: true);
        cmd.Options.Add(retracted);
        cmd.Options.Add(limit);
        cmd.Options.Add(offset);
        cmd.Options.Add(format);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var filter = f.Read(ctx, parse) with { IncludeRetracted = parse.GetValue(retracted), Limit = parse.GetValue(limit), Offset = parse.GetValue(offset) };
            if (filter.Limit is <= 0) throw new UserInputException("--limit: must be a positive number");
            if (filter.Offset is < 0) throw new UserInputException("--offset: must be 0 or a positive number");
            var db = await ctx.LedgerAsync(ct);
            // Streamed: rows are written as the server sends them (tables a page at a time), so memory stays flat.
            await PledgeRows.WriteStreamAsync(ctx, fmt, Rows(new PledgeStore(db).StreamAsync(filter, ct), ct), n => $"{n} pledge(s)",
                withRecipient: filter.Recipient is null, ct);
            StartupTrace.Mark("rows written");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static async IAsyncEnumerable<Row> Rows(IAsyncEnumerable<PledgeView> views, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var first = true;
        await foreach (var v in views.WithCancellation(ct))
        {
            if (first) StartupTrace.Mark("first row read");
            first = false;
            yield return PledgeRows.ToRow(v);
        }
    }
}
