using System.CommandLine;
using PledgeLedger.Core;

namespace PledgeLedger.Cli;

/// <summary>The options that describe a pledge, shared by add and amend.</summary>
internal sealed class PledgeOptions
{
    private readonly Option<string?> _donor = new("--donor") { Description = "Donor: name, ISO alpha-2 or alpha-3 (Germany, DE, DEU) or registry code (EU, NATO)" };
    private readonly Option<string?> _recipient = new("--recipient") { Description = "Recipient (default UA)" };
    private readonly Option<string?> _amount = new("--amount") { Description = "Amount: 500m, 1.5bn, 500000000 (money pledges); 'unstated' for money committed without a figure" };
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
