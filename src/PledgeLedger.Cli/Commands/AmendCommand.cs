using System.CommandLine;
using FluentValidation;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary><c>pledge amend ID --field value --reason</c>: a correction, written as the pledge's next version.</summary>
internal static class AmendCommand
{
    public static Command Create(CliApp app)
    {
        var id = new Argument<string>("ID") { Description = "Pledge id" };
        var o = new PledgeOptions(required: false);
        var reason = new Option<string?>("--reason") { Description = "Why the pledge changes (kept with the version)", Required = true };
        var format = CliApp.FormatOption();
        var cmd = new Command("amend", "Correct a pledge: the changed fields become a new version; the old one stays in the history");
        cmd.Arguments.Add(id);
        o.AddTo(cmd);
        cmd.Options.Add(reason);
        cmd.Options.Add(format);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var pledgeId = Inputs.PledgeId(parse.GetValue(id));
            var why = RetractCommand.Reason(parse.GetValue(reason));
            if (!o.AnyGiven(parse)) throw new UserInputException("amend: give at least one field to change (--amount, --status, --date ...)");
            var store = new PledgeStore(await ctx.LedgerAsync(ct));
            var systems = await ctx.LedgerSystemsAsync(ct);
            var validator = new PledgeInputValidator(ctx.Donors, systems);
            var stored = await store.AppendVersionAsync(pledgeId, current =>
            {
                if (current.Retracted) throw new UserInputException($"ID: pledge {pledgeId} is retracted; it cannot be amended");
                var input = o.Overlay(parse, PledgeInput.From(current));
                validator.ValidateAndThrow(input);
                var next = input.ToPledge(ctx.Donors, systems);
                return next with { Confidence = current.Confidence, NeedsReview = false, ReviewReason = null, StatedValueEur = current.StatedValueEur };
            }, why, ct);
            var view = await store.GetAsync(stored.Id, null, ct);
            if (fmt == OutputFormat.Table) ctx.Console.MarkupLine($"[green]pledge {stored.Id} amended: version {stored.Version}[/]");
            Output.Write(ctx, fmt, PledgeRows.ListColumns, PledgeRows.For(fmt, [PledgeRows.ToRow(view!)]), tableColumns: PledgeRows.TableColumns);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
