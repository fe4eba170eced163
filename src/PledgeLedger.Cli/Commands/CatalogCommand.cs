using System.CommandLine;
using System.Globalization;
using FluentValidation;
using PledgeLedger.Core;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary>
/// <c>pledge catalog list|show|set-value|unlisted|add|promote</c>: equipment systems with their estimated unit value in
/// EUR and its basis; the free-text items of the ledger and their promotion into the catalog.
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
        cmd.Subcommands.Add(Unlisted(app));
        cmd.Subcommands.Add(Add(app));
        cmd.Subcommands.Add(Promote(app));
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
            var id = SystemId(await ctx.LedgerSystemsAsync(ct), parse.GetValue(system));
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
            var systems = await ctx.LedgerSystemsAsync(ct);
            await new ValuationInputValidator(systems).ValidateAndThrowAsync(input, ct);
            var id = systems.Find(input.System)!.Id;
            Amounts.TryParse(input.Eur, out var value);
            var store = new CatalogStore(await ctx.LedgerAsync(ct));
            var stored = await store.AddValuationAsync(id, value, input.Basis!.Trim(), ct);
            ctx.Out.WriteLine($"{id}: unit value EUR {stored.UnitValueEur.ToString("#,0.##", CultureInfo.InvariantCulture)} ({stored.Basis}) in force from {stored.RecordedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z; an estimate");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static string SystemId(SystemCatalog systems, string? s) =>
        systems.Find(s)?.Id ?? throw new UserInputException($"SYSTEM: '{s}' is not in the equipment catalog (see `pledge catalog list`)");

    private static readonly string[] UnlistedColumns = ["item", "category", "pledges", "quantity", "unquantified", "donors", "donor_codes"];

    private static Command Unlisted(CliApp app)
    {
        var format = CliApp.FormatOption();
        var cmd = new Command("unlisted", "Free-text equipment items in the ledger (not in the catalog) with counts, most frequent first");
        cmd.Options.Add(format);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var items = await new CatalogStore(await ctx.LedgerAsync(ct)).UnlistedAsync("UA", ct);
            var rows = items.Select(i => new Row()
                .Set("item", i.Item).Set("category", i.Category).Set("pledges", i.Pledges).Set("quantity", i.Quantity)
                .Set("unquantified", i.Unquantified).Set("donors", i.Donors).Set("donor_codes", string.Join(" ", i.DonorCodes))).ToList();
            Output.Write(ctx, fmt, UnlistedColumns, rows, title: $"{items.Count} free-text item(s) not in the catalog",
                tableColumns: new HashSet<string>(["item", "category", "pledges", "quantity", "donor_codes"]));
            if (fmt == OutputFormat.Table && items.Count > 0)
                ctx.Info("promote one: `pledge catalog promote \"ITEM\" --as SYSTEM` (a new system: `pledge catalog add`)");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Add(CliApp app)
    {
        var id = new Option<string?>("--id") { Description = "New system id: lower-case letters, digits, hyphens (wisent-1)", Required = true };
        var name = new Option<string?>("--name") { Description = "Its name as the catalog shows it (Wisent 1)", Required = true };
        var category = new Option<string?>("--category") { Description = $"Its category ({string.Join(", ", ReferenceData.Categories)})", Required = true };
        var alias = new Option<string[]>("--alias") { Description = "Another name it goes by (repeat for several)", AllowMultipleArgumentsPerToken = false };
        var note = new Option<string?>("--note") { Description = "Where it comes from (source, year)" };
        var cmd = new Command("add", "Add a system to this ledger's catalog, with aliases (recorded, never rewritten)");
        foreach (var o in new Option[] { id, name, category, alias, note }) cmd.Options.Add(o);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var systems = await ctx.LedgerSystemsAsync(ct);
            var input = new SystemInput(parse.GetValue(id)?.Trim(), Items.Clean(parse.GetValue(name)), parse.GetValue(category)?.Trim(),
                (parse.GetValue(alias) ?? []).Select(a => Items.Clean(a) ?? "").ToList(), parse.GetValue(note));
            await new SystemInputValidator(systems).ValidateAndThrowAsync(input, ct);
            var store = new CatalogStore(await ctx.LedgerAsync(ct));
            var added = await store.AddSystemAsync(input.Id!, input.Name!, input.Category!, input.Aliases, input.Note, ct);
            ctx.Out.WriteLine($"{added.SystemId}: added to the catalog as {input.Name} ({input.Category})"
                + (added.Aliases.Count > 0 ? $", aliases: {string.Join(", ", added.Aliases)}" : "")
                + (added.PledgesMoved > 0 ? $"; {added.PledgesMoved} pledge(s) naming it as a free-text item moved to the system (a new version each)" : ""));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Promote(CliApp app)
    {
        var item = new Argument<string>("ITEM") { Description = "The free-text item as `pledge catalog unlisted` lists it (case ignored)" };
        var asSystem = new Option<string?>("--as") { Description = "The catalog system it is (id, name or alias)", Required = true };
        var alias = new Option<string[]>("--alias") { Description = "More aliases for the system (repeat for several)" };
        var note = new Option<string?>("--note") { Description = "Why (source, judgement)" };
        var cmd = new Command("promote", "Make a free-text item an alias of a catalog system; its pledges get a new version naming the system");
        cmd.Arguments.Add(item);
        foreach (var o in new Option[] { asSystem, alias, note }) cmd.Options.Add(o);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var systems = await ctx.LedgerSystemsAsync(ct);
            var text = Items.Clean(parse.GetValue(item)) ?? throw new UserInputException("ITEM: required (a free-text item, see `pledge catalog unlisted`)");
            if (text.Any(char.IsControl)) throw new UserInputException("ITEM: contains control characters");
            var target = systems.Find(parse.GetValue(asSystem))
                ?? throw new UserInputException($"--as: '{parse.GetValue(asSystem)}' is not in the catalog (see `pledge catalog list`; add a new system with `pledge catalog add`)");
            if (systems.Find(text) is { } other && other.Id != target.Id)
                throw new UserInputException($"ITEM: '{text}' already names catalog system {other.Id}");
            var aliases = (parse.GetValue(alias) ?? []).Select(a => Items.Clean(a) ?? "").ToList();
            foreach (var a in aliases)
            {
                if (a.Length == 0 || a.Length > Items.MaxLength || a.Any(char.IsControl)) throw new UserInputException($"--alias: '{a}' is not a name (1 to {Items.MaxLength} characters)");
                if (systems.Find(a) is { } o && o.Id != target.Id) throw new UserInputException($"--alias: '{a}' already names catalog system {o.Id}");
            }
            var added = await new CatalogStore(await ctx.LedgerAsync(ct)).PromoteAsync(text, target.Id, aliases, parse.GetValue(note), ct);
            ctx.Out.WriteLine($"'{text}' is now an alias of {target.Name} ({target.Id}); {added.PledgesMoved} pledge(s) moved to the system (a new version each)");
            return ExitCodes.Ok;
        });
        return cmd;
    }

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

/// <summary>A new catalog system as a person types it.</summary>
internal sealed record SystemInput(string? Id, string? Name, string? Category, IReadOnlyList<string> Aliases, string? Note);

/// <summary>Checks <c>catalog add</c>: a fresh id and name, a known category, aliases that name no other system.</summary>
internal sealed class SystemInputValidator : AbstractValidator<SystemInput>
{
    public SystemInputValidator(SystemCatalog systems)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Id)
            .NotEmpty().WithMessage("--id: required (lower-case letters, digits and hyphens: wisent-1)")
            .Matches("^[a-z0-9][a-z0-9-]{0,39}$").WithMessage(x => $"--id: '{x.Id}' is not an id (lower-case letters, digits and hyphens, at most 40: wisent-1)")
            .Must(id => systems.Find(id) is null).WithMessage(x => $"--id: '{x.Id}' already names catalog system {systems.Find(x.Id)!.Id}");
        RuleFor(x => x.Name)
            .NotEmpty().WithMessage("--name: required (the system's name: Wisent 1)")
            .MaximumLength(Items.MaxLength).WithMessage($"--name: longer than {Items.MaxLength} characters")
            .Must(n => !n!.Any(char.IsControl)).WithMessage("--name: contains control characters")
            .Must(n => systems.Find(n) is null).WithMessage(x => $"--name: '{x.Name}' already names catalog system {systems.Find(x.Name)!.Id}");
        RuleFor(x => x.Category)
            .NotEmpty().WithMessage($"--category: required ({string.Join(", ", ReferenceData.Categories)})")
            .Must(c => ReferenceData.Categories.Contains(c!)).WithMessage(x => $"--category: '{x.Category}' is not a category ({string.Join(", ", ReferenceData.Categories)})");
        RuleForEach(x => x.Aliases)
            .NotEmpty().WithMessage("--alias: empty")
            .MaximumLength(Items.MaxLength).WithMessage($"--alias: longer than {Items.MaxLength} characters")
            .Must(a => !a.Any(char.IsControl)).WithMessage("--alias: contains control characters")
            .Must(a => systems.Find(a) is null).WithMessage((_, a) => $"--alias: '{a}' already names catalog system {systems.Find(a)!.Id}");
        RuleFor(x => x.Note).MaximumLength(4000).WithMessage("--note: longer than 4000 characters");
    }
}
