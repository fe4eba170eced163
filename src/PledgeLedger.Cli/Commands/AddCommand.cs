using System.CommandLine;
using FluentValidation;
using PledgeLedger.Core;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary><c>pledge add</c>: one pledge typed by a person, validated, refused when it looks like one already in the ledger.</summary>
internal static class AddCommand
{
    public static Command Create(CliApp app)
    {
        var o = new PledgeOptions(required: true);
        var force = new Option<bool>("--force") { Description = "Add even when the ledger holds the same pledge (same donor, kind, amount or system+quantity, within 14 days or both undated)" };
        var format = CliApp.FormatOption();
        var cmd = new Command("add", "Add a pledge by hand: --donor with --amount/--currency (money) or --system/--quantity (equipment)");
        o.AddTo(cmd);
        cmd.Options.Add(force);
        cmd.Options.Add(format);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var input = o.Read(parse);
            var db = await ctx.LedgerAsync(ct);
            var systems = await ctx.LedgerSystemsAsync(ct);
            StartupTrace.Mark("catalog read");
            var validator = new PledgeInputValidator(ctx.Donors, systems);
            await validator.ValidateAndThrowAsync(input, ct);
            StartupTrace.Mark("validated");
            var pledge = input.ToPledge(ctx.Donors, systems) with { Source = input.Source ?? "manual" };
            var store = new PledgeStore(db);
            // The duplicate check and the insert are one serialised step in the store (concurrent identical adds write once).
            var outcome = parse.GetValue(force) ? new AddOutcome(await store.AddAsync(pledge, ct), []) : await store.AddUnlessSameAsync(pledge, ct);
            if (outcome.Added is not { } stored)
            {
                var d = outcome.Same[0];
                throw new UserInputException(
                    $"likely duplicate of pledge {d.Id} ({d.DonorCode}, {PledgeRows.What(d, systems)}, {Span(d)}): " +
                    $"same donor, kind and {(pledge.Kind == PledgeKind.Money ? "amount" : pledge.Item is null ? "system and quantity" : "item and quantity")} " +
                    (pledge.AnnouncedOn is null ? "and both undated" : $"within {Consolidation.WindowDays} days of its statements") + "; nothing written (use --force to add it anyway)");
            }
            var today = DateOnly.FromDateTime(ctx.Env.Clock.GetUtcNow().UtcDateTime);
            if (pledge.AnnouncedOn is { } on && on > today)
            {
                ctx.Warn($"--date: {on:yyyy-MM-dd} is in the future; a pledge is dated when it is announced (kept as given; `pledge amend ID --date` corrects it)");
            }
            StartupTrace.Mark("written");
            var view = await store.GetAsync(stored.Id, null, ct);
            StartupTrace.Mark("read back");
            if (fmt == OutputFormat.Table) ctx.Console.MarkupLine($"[green]added pledge {stored.Id}[/]");
            PledgeRows.Write(ctx, fmt, [PledgeRows.ToRow(view!)]);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The dates a pledge's statements span: "2024-03-01", "2024-03-01..2024-03-23" or "undated".</summary>
    private static string Span(Pledge p)
    {
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (p.AnnouncedOn is not { } first) return "undated";
        return Consolidation.LastDate(p) is { } last && last > first ? $"{Day(first)}..{Day(last)}" : Day(first);
    }
}
