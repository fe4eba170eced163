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
        var kind = new Option<string?>("--kind") { Description = "money or equipment: required to turn a pledge into the other kind (--system on a money pledge, --amount on equipment)" };
        var format = CliApp.FormatOption();
        var cmd = new Command("amend", "Correct a pledge: the changed fields become a new version; the old one stays in the history");
        cmd.Arguments.Add(id);
        o.AddTo(cmd);
        cmd.Options.Add(reason);
        cmd.Options.Add(kind);
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
                if (current.Retracted)
                {
                    throw new UserInputException(current.Reason?.StartsWith("merged into #", StringComparison.Ordinal) == true
                        ? $"ID: pledge {pledgeId} was {current.Reason}; amend that pledge instead"
                        : $"ID: pledge {pledgeId} is retracted; it cannot be amended");
                }
                var wantedKind = Inputs.Kind("--kind", parse.GetValue(kind));
                if (o.KindGiven(parse) is { } k && k != current.Kind && wantedKind != k)
                {
                    throw new UserInputException(k == Core.PledgeKind.Equipment
                        ? $"--system: pledge {pledgeId} is a money pledge; to make it equipment give --kind equipment (its amount is dropped)"
                        : $"--amount: pledge {pledgeId} is an equipment pledge; to make it money give --kind money (its system and quantity are dropped)");
                }
                var before = PledgeInput.From(current);
                var input = o.Overlay(parse, before);
                validator.ValidateAndThrow(input);
                var next = input.ToPledge(ctx.Donors, systems);
                // "France" and "FR", "6" and "06" are the same value: compare the pledges, not the words typed.
                if (next == before.ToPledge(ctx.Donors, systems))
                {
                    throw new UserInputException($"amend: pledge {pledgeId} already has these values; nothing to change (nothing written)");
                }
                return next with { Confidence = current.Confidence, NeedsReview = false, ReviewReason = null, StatedValueEur = current.StatedValueEur, LastStatedOn = current.LastStatedOn };
            }, why, ct);
            var view = await store.GetAsync(stored.Id, null, ct);
            if (fmt == OutputFormat.Table) ctx.Console.MarkupLine($"[green]pledge {stored.Id} amended: version {stored.Version}[/]");
            PledgeRows.Write(ctx, fmt, [PledgeRows.ToRow(view!)]);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
