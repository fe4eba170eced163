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

/// <summary>The options that describe a pledge, shared by add and amend.</summary>
internal sealed class PledgeOptions
{
    private readonly Option<string?> _donor = new("--donor") { Description = "Donor: name, ISO alpha-2 or alpha-3 (Germany, DE, DEU) or registry code (EU, NATO)" };
    private readonly Option<string?> _recipient = new("--recipient") { Description = "Recipient (default UA)" };
    private readonly Option<string?> _amount = new("--amount") { Description = "Amount: 500m, 1.5bn, 500000000 (money pledges)" };
    private readonly Option<string?> _currency = new("--currency") { Description = "ISO 4217 currency of --amount: EUR, USD, AUD ..." };
    private readonly Option<string?> _system = new("--system") { Description = "Equipment system from the catalog: F-16, Patriot, Leopard 2A4 ... (equipment pledges)" };
    private readonly Option<string?> _category = new("--category") { Description = "Equipment category when no single system is named (tanks, air_defence ...)" };
    private readonly Option<string?> _item = new("--item") { Description = "Equipment not in the catalog, as the source names it: \"demining vehicles\" (--category optional)" };
    private readonly Option<string?> _quantity = new("--quantity") { Description = "Number of items of --system (omit when unknown)" };
    private readonly Option<string?> _date = new("--date") { Description = "Announcement date YYYY-MM-DD (omit when unknown)" };
    private readonly Option<string?> _status;
    private readonly Option<string?> _period;
    private readonly Option<string?> _years = new("--years") { Description = "Years of a multi_year pledge" };
    private readonly Option<string?> _qualifier;
    private readonly Option<string?> _aidType;
    private readonly Option<string?> _source = new("--source") { Description = "Where the pledge was stated (URL, document)" };
    private readonly Option<string?> _note = new("--note") { Description = "Free text" };

    /// <param name="required">add (true): --donor required, defaults named; amend (false): what is not given stays as it is.</param>
    public PledgeOptions(bool required)
    {
        _donor.Required = required;
        string Default(string value) => required ? $" (default {value})" : " (unchanged when not given)";
        _status = new("--status") { Description = "proposed | pledged | allocated | delivered" + Default("pledged") };
        _period = new("--period") { Description = "once | annual | multi_year" + Default("once") };
        _qualifier = new("--qualifier") { Description = "exact | at_least | up_to | about" + Default("exact") };
        _aidType = new("--aid-type") { Description = "military | financial | humanitarian | unknown" + Default("unknown") };
    }

    /// <summary>Whether the options given make a money pledge into equipment or the other way round.</summary>
    public PledgeKind? KindGiven(ParseResult p)
    {
        var given = Read(p);
        if (given.Amount is not null || given.Currency is not null) return PledgeKind.Money;
        if (given.System is not null || given.Quantity is not null || given.Category is not null) return PledgeKind.Equipment;
        return null;
    }

    public void AddTo(Command cmd)
    {
        foreach (var o in new[] { _donor, _recipient, _amount, _currency, _system, _item, _category, _quantity, _date, _status, _period, _years, _qualifier, _aidType, _source, _note })
        {
            cmd.Options.Add(o);
        }
    }

    public PledgeInput Read(ParseResult p) => new()
    {
        Donor = p.GetValue(_donor),
        Recipient = p.GetValue(_recipient),
        Amount = p.GetValue(_amount),
        Currency = p.GetValue(_currency),
        System = p.GetValue(_system),
        Category = p.GetValue(_category),
        Item = p.GetValue(_item),
        Quantity = p.GetValue(_quantity),
        Date = p.GetValue(_date),
        Status = p.GetValue(_status),
        Period = p.GetValue(_period),
        Years = p.GetValue(_years),
        Qualifier = p.GetValue(_qualifier),
        AidType = p.GetValue(_aidType),
        Source = p.GetValue(_source),
        Note = p.GetValue(_note),
    };

    /// <summary>Laid over an existing pledge's input: only the options given change anything.</summary>
    public PledgeInput Overlay(ParseResult p, PledgeInput current)
    {
        var given = Read(p);
        var money = given.Amount is not null || given.Currency is not null;
        var equipment = given.System is not null || given.Quantity is not null || given.Category is not null || given.Item is not null;
        var kindChange = (money && current.Amount is null) || (equipment && current.Amount is not null && given.Amount is null);
        return new PledgeInput
        {
            Donor = given.Donor ?? current.Donor,
            Recipient = given.Recipient ?? current.Recipient,
            Amount = given.Amount ?? (kindChange && equipment ? null : current.Amount),
            Currency = given.Currency ?? (kindChange && equipment ? null : current.Currency),
            System = given.System ?? (kindChange && money || given.Item is not null ? null : current.System),
            Item = given.Item ?? (kindChange && money || given.System is not null ? null : current.Item),
            Category = given.Category ?? (kindChange && money ? null : given.System is not null || given.Item is not null ? null : current.Category),
            Quantity = given.Quantity ?? (kindChange && money ? null : current.Quantity),
            Date = given.Date ?? current.Date,
            Status = given.Status ?? current.Status,
            Period = given.Period ?? current.Period,
            Years = given.Years ?? current.Years,
            Qualifier = given.Qualifier ?? current.Qualifier,
            AidType = given.AidType ?? current.AidType,
            Source = given.Source ?? current.Source,
            Note = given.Note ?? current.Note,
        };
    }

    public bool AnyGiven(ParseResult p) => Read(p) != new PledgeInput();
}
