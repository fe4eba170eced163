using System.CommandLine;
using FluentValidation;
using PledgeLedger.Core;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary>
/// <c>pledge review</c>: extractions the parser was unsure of, for a person to accept, reject or correct. Every
/// decision is the pledge's next version; a rejection retracts it.
/// </summary>
internal static class ReviewCommand
{
    public static Command Create(CliApp app)
    {
        var format = CliApp.FormatOption();
        var cmd = new Command("review", "List extractions waiting for review; accept, reject or edit them");
        cmd.Options.Add(format);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var store = new PledgeStore(await ctx.LedgerAsync(ct));
            var waiting = await store.ListAsync(new PledgeFilter { OnlyUnreviewed = true }, ct);
            var rows = new List<Row>();
            foreach (var v in waiting)
            {
                var evidence = await store.EvidenceAsync(v.Pledge.Id, ct);
                rows.Add(new Row()
                    .Set("id", v.Pledge.Id)
                    .Set("donor", v.Pledge.DonorCode)
                    .Set("donor_name", v.DonorName)
                    .Set("what", PledgeRows.What(v.Pledge, ctx.Systems))
                    .Set("status", v.Pledge.Status.Name())
                    .Set("date", v.Pledge.AnnouncedOn)
                    .Set("confidence", v.Pledge.Confidence)
                    .Set("reason", v.Pledge.ReviewReason)
                    .Set("evidence", evidence.FirstOrDefault()?.Sentence)
                    .Set("source", evidence.FirstOrDefault() is { } e ? $"{e.Source}:{e.Line}" : v.Pledge.Source));
            }
            Output.Write(ctx, fmt, ["id", "donor", "donor_name", "what", "status", "date", "confidence", "reason", "evidence", "source"], rows,
                title: $"{rows.Count} extraction(s) waiting for review",
                tableColumns: new HashSet<string>(["id", "donor", "what", "date", "confidence", "reason", "evidence"]));
            if (rows.Count > 0 && fmt == OutputFormat.Table)
            {
                ctx.Info("decide with: pledge review accept ID | pledge review reject ID | pledge review edit ID --donor .. --quantity ..");
            }
            return ExitCodes.Ok;
        });

        var acceptId = new Argument<string>("ID") { Description = "Pledge id" };
        var acceptReason = new Option<string?>("--reason") { Description = "Why (kept with the version)" };
        var accept = new Command("accept", "Accept an extraction as it stands");
        accept.Arguments.Add(acceptId);
        accept.Options.Add(acceptReason);
        accept.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var id = Inputs.PledgeId(parse.GetValue(acceptId));
            var store = new PledgeStore(await ctx.LedgerAsync(ct));
            var stored = await store.AppendVersionAsync(id, c => Waiting(c, id) with { NeedsReview = false, ReviewReason = null },
                "accepted in review" + Suffix(parse.GetValue(acceptReason)), ct);
            ctx.Console.MarkupLine($"[green]pledge {id} accepted (version {stored.Version})[/]");
            return ExitCodes.Ok;
        });

        var rejectId = new Argument<string>("ID") { Description = "Pledge id" };
        var rejectReason = new Option<string?>("--reason") { Description = "Why (kept with the version)" };
        var reject = new Command("reject", "Reject an extraction: it is retracted and never counted");
        reject.Arguments.Add(rejectId);
        reject.Options.Add(rejectReason);
        reject.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var id = Inputs.PledgeId(parse.GetValue(rejectId));
            var store = new PledgeStore(await ctx.LedgerAsync(ct));
            var stored = await store.AppendVersionAsync(id, c => Waiting(c, id) with { NeedsReview = false, Retracted = true },
                "rejected in review" + Suffix(parse.GetValue(rejectReason)), ct);
            ctx.Console.MarkupLine($"[yellow]pledge {id} rejected (version {stored.Version})[/]");
            return ExitCodes.Ok;
        });

        var editId = new Argument<string>("ID") { Description = "Pledge id" };
        var editOptions = new PledgeOptions(required: false);
        var editReason = new Option<string?>("--reason") { Description = "Why (kept with the version)" };
        var edit = new Command("edit", "Correct an extraction (donor, amount, quantity ...) and accept it");
        edit.Arguments.Add(editId);
        editOptions.AddTo(edit);
        edit.Options.Add(editReason);
        edit.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var id = Inputs.PledgeId(parse.GetValue(editId));
            if (!editOptions.AnyGiven(parse)) throw new UserInputException("review edit: give at least one field to correct (--donor, --quantity ...)");
            var store = new PledgeStore(await ctx.LedgerAsync(ct));
            var systems = await ctx.LedgerSystemsAsync(ct);
            var validator = new PledgeInputValidator(ctx.Donors, systems);
            var stored = await store.AppendVersionAsync(id, c =>
            {
                var current = Waiting(c, id);
                var input = editOptions.Overlay(parse, PledgeInput.From(current));
                validator.ValidateAndThrow(input);
                return input.ToPledge(ctx.Donors, systems) with
                {
                    Confidence = current.Confidence,
                    NeedsReview = false,
                    ReviewReason = null,
                    Source = current.Source,
                    StatedValueEur = current.StatedValueEur,
                };
            }, "corrected in review" + Suffix(parse.GetValue(editReason)), ct);
            ctx.Console.MarkupLine($"[green]pledge {id} corrected and accepted (version {stored.Version})[/]");
            return ExitCodes.Ok;
        });

        cmd.Subcommands.Add(accept);
        cmd.Subcommands.Add(reject);
        cmd.Subcommands.Add(edit);
        return cmd;
    }

    private static Pledge Waiting(Pledge c, long id) =>
        c.NeedsReview && !c.Retracted ? c : throw new UserInputException($"ID: pledge {id} is not waiting for review");

    private static string Suffix(string? reason) => string.IsNullOrWhiteSpace(reason) ? "" : ": " + reason.Trim();
}
