using System.CommandLine;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary><c>pledge retract ID --reason</c>: a retraction, written as the pledge's next version; nothing is deleted.</summary>
internal static class RetractCommand
{
    public static Command Create(CliApp app)
    {
        var id = new Argument<string>("ID") { Description = "Pledge id" };
        var reason = new Option<string?>("--reason") { Description = "Why the pledge is withdrawn", Required = true };
        var cmd = new Command("retract", "Retract a pledge (a new version marked retracted; totals no longer count it)");
        cmd.Arguments.Add(id);
        cmd.Options.Add(reason);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var pledgeId = Inputs.PledgeId(parse.GetValue(id));
            var why = Reason(parse.GetValue(reason));
            var store = new PledgeStore(await ctx.LedgerAsync(ct));
            var stored = await store.AppendVersionAsync(pledgeId, current => current.Retracted
                ? throw new UserInputException($"ID: pledge {pledgeId} is already retracted")
                : current with { Retracted = true, NeedsReview = false }, why, ct);
            ctx.Console.MarkupLine($"[yellow]pledge {stored.Id} retracted (version {stored.Version})[/]");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    public static string Reason(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) throw new UserInputException("--reason: required, and not empty (why the ledger changes)");
        if (s.Length > PledgeInputValidator.MaxTextLength) throw new UserInputException($"--reason: longer than {PledgeInputValidator.MaxTextLength} characters");
        return s.Trim();
    }
}
