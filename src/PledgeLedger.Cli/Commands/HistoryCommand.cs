using System.CommandLine;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary><c>pledge history ID</c>: every version of a pledge, oldest first.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliApp app)
    {
        var id = new Argument<string>("ID") { Description = "Pledge id" };
        var format = CliApp.FormatOption();
        var cmd = new Command("history", "Every version of a pledge, with when and why it was recorded");
        cmd.Arguments.Add(id);
        cmd.Options.Add(format);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var pledgeId = Inputs.PledgeId(parse.GetValue(id));
            var history = await new PledgeStore(await ctx.LedgerAsync(ct)).HistoryAsync(pledgeId, ct);
            if (history.Count == 0) throw new UserInputException($"ID: no pledge {pledgeId}");
            Output.Write(ctx, fmt, PledgeRows.HistoryColumns, PledgeRows.For(fmt, history.Select(h => PledgeRows.ToHistoryRow(h, ctx.Systems)).ToList()),
                title: $"pledge {pledgeId}: {history.Count} version(s)", tableColumns: PledgeRows.HistoryTableColumns);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
