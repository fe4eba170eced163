using System.CommandLine;
using System.Globalization;
using FluentValidation;
using PledgeLedger.Core;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary>
/// <c>pledge catalog list|show|set-value</c>: equipment systems with their estimated unit value in EUR and its basis.
/// Valuations are appended, never replaced: the newest is in force, the history stays (and <c>--as-of</c> reports
/// use the one in force then). In-kind values are always estimates and never mixed into money totals.
/// </summary>
internal static class CatalogCommand
{
    private static readonly string[] ListColumns = ["id", "name", "category", "aliases", "unit_value_eur", "basis", "valued_at"];

    public static Command Create(CliApp app)
    {
        var cmd = new Command("catalog", "The equipment catalog: systems, their estimated unit values in EUR and the basis of each value");
        cmd.Subcommands.Add(List(app));
        cmd.Subcommands.Add(Show(app));
        cmd.Subcommands.Add(SetValue(app));
        return cmd;
    }

    private static Command List(CliApp app)
    {
        var category = new Option<string?>("--category") { Description = $"Only this category ({string.Join(", ", ReferenceData.Categories)})" };
        var format = CliApp.FormatOption();
        var cmd = new Command("list", "List equipment systems with the unit value in force and its basis");
        cmd.Options.Add(category);
        cmd.Options.Add(format);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var cat = parse.GetValue(category)?.Trim();
            if (cat is not null && !ReferenceData.Categories.Contains(cat))
                throw new UserInputException($"--category: '{cat}' is not a category ({string.Join(", ", ReferenceData.Categories)})");
            var entries = await new CatalogStore(await ctx.LedgerAsync(ct)).ListAsync(cat, ct);
            Output.Write(ctx, fmt, ListColumns, entries.Select(ToRow).ToList(), title: $"{entries.Count} system(s); unit values are estimates",
                tableColumns: new HashSet<string>(["id", "name", "category", "unit_value_eur", "basis"]));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Show(CliApp app)
    {
        var system = new Argument<string>("SYSTEM") { Description = "System id, name or alias (Patriot, leopard-2a6, HIMARS)" };
        var format = CliApp.FormatOption();
        var cmd = new Command("show", "One system: aliases, the unit value in force and every valuation recorded");
        cmd.Arguments.Add(system);
        cmd.Options.Add(format);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var id = SystemId(ctx, parse.GetValue(system));
            var store = new CatalogStore(await ctx.LedgerAsync(ct));
            var entry = await store.GetAsync(id, ct) ?? throw new UserInputException($"SYSTEM: '{id}' is not in the ledger's catalog");
            var history = (await store.HistoryAsync(id, ct)).Select(v => new Row()
                .Set("unit_value_eur", v.UnitValueEur).Set("basis", v.Basis).Set("recorded_at", v.RecordedAt)).ToList();
            if (fmt != OutputFormat.Table)
            {
                Output.Write(ctx, fmt, [.. ListColumns, "valuations"], [ToRow(entry).Set("valuations", history)]);
                return ExitCodes.Ok;
            }
            Output.Write(ctx, fmt, ListColumns, [ToRow(entry)], title: entry.Name);
            if (history.Count == 0) ctx.Out.WriteLine($"no unit value recorded: in-kind totals leave {entry.Name} out (set one with `pledge catalog set-value {id} --eur AMOUNT --basis \"source, year\"`)");
            else Output.Write(ctx, fmt, ["unit_value_eur", "basis", "recorded_at"], history, title: "valuations, newest (in force) first");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command SetValue(CliApp app)
    {
        var system = new Argument<string>("SYSTEM") { Description = "System id, name or alias" };
        var eur = new Option<string?>("--eur") { Description = "Estimated unit value in EUR: 9.3m, 366000000" };
        var basis = new Option<string?>("--basis") { Description = "Where the value comes from: \"source, year\" (required)" };
        var cmd = new Command("set-value", "Record a new estimated unit value (appended; the newest is in force; the history stays)");
        cmd.Arguments.Add(system);
        cmd.Options.Add(eur);
        cmd.Options.Add(basis);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var input = new ValuationInput(parse.GetValue(system), parse.GetValue(eur), parse.GetValue(basis));
            await new ValuationInputValidator(ctx.Systems).ValidateAndThrowAsync(input, ct);
            var id = ctx.Systems.Find(input.System)!.Id;
            Amounts.TryParse(input.Eur, out var value);
            var store = new CatalogStore(await ctx.LedgerAsync(ct));
            var stored = await store.AddValuationAsync(id, value, input.Basis!.Trim(), ct);
            ctx.Out.WriteLine($"{id}: unit value EUR {stored.UnitValueEur.ToString("#,0.##", CultureInfo.InvariantCulture)} ({stored.Basis}) in force from {stored.RecordedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z; an estimate");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static string SystemId(CliContext ctx, string? s) =>
        ctx.Systems.Find(s)?.Id ?? throw new UserInputException($"SYSTEM: '{s}' is not in the equipment catalog (see `pledge catalog list`)");

    private static Row ToRow(CatalogEntry e) => new Row()
        .Set("id", e.Id).Set("name", e.Name).Set("category", e.Category).Set("aliases", string.Join("|", e.Aliases))
        .Set("unit_value_eur", e.UnitValueEur).Set("basis", e.Basis).Set("valued_at", e.ValuedAt);
}

/// <summary>A unit value as a person types it.</summary>
internal sealed record ValuationInput(string? System, string? Eur, string? Basis);

/// <summary>Checks <c>catalog set-value</c>: a known system, a positive EUR amount, a basis naming its source.</summary>
internal sealed class ValuationInputValidator : AbstractValidator<ValuationInput>
{
    /// <summary>The ledger's bound for unit values (system_valuations CHECK).</summary>
    public const decimal MaxUnitValue = 1e15m;

    public ValuationInputValidator(SystemCatalog systems)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.System)
            .NotEmpty().WithMessage("SYSTEM: required (a system id, name or alias)")
            .Must(s => systems.Find(s) is not null)
            .WithMessage(x => $"SYSTEM: '{x.System}' is not in the equipment catalog (see `pledge catalog list`; e.g. Patriot, HIMARS, Leopard 2A6)");
        RuleFor(x => x.Eur)
            .NotEmpty().WithMessage("--eur: required (the estimated unit value in EUR: 9.3m, 366000000)")
            .Must(e => Amounts.TryParse(e, out var v) && v > 0 && v < MaxUnitValue)
            .WithMessage(x => $"--eur: '{x.Eur}' is not a positive amount in EUR (digits with an optional k, m, bn suffix: 9.3m, 366000000)");
        RuleFor(x => x.Basis)
            .NotEmpty().WithMessage("--basis: required (where the value comes from: \"source, year\", e.g. \"Kiel weapons table, 2024\")")
            .MaximumLength(1000).WithMessage("--basis: longer than 1000 characters")
            .Must(b => !b!.Any(char.IsControl)).WithMessage("--basis: contains control characters");
    }
}
