using System.Globalization;
using FluentValidation;
using PledgeLedger.Core;

namespace PledgeLedger.Cli;

/// <summary>A pledge as a person types it: every field a string, checked by <see cref="PledgeInputValidator"/>.</summary>
public sealed record PledgeInput
{
    public string? Donor { get; init; }
    public string? Recipient { get; init; }
    public string? Amount { get; init; }
    public string? Currency { get; init; }
    public string? System { get; init; }
    public string? Category { get; init; }
    /// <summary>A free-text equipment item ("demining vehicles") when no catalog system fits.</summary>
    public string? Item { get; init; }
    public string? Quantity { get; init; }
    public string? Date { get; init; }
    public string? Status { get; init; }
    public string? Period { get; init; }
    public string? Years { get; init; }
    public string? Qualifier { get; init; }
    public string? AidType { get; init; }
    public string? Source { get; init; }
    public string? Note { get; init; }

    /// <summary>
    /// The <c>--amount</c> of money committed without a figure ("financial support for drone procurement"): kept as a
    /// money pledge with no amount, and the currency only when <c>--currency</c> names one.
    /// </summary>
    public const string NoFigure = "unstated";

    /// <summary>Whether <paramref name="amount"/> is <see cref="NoFigure"/> (any case).</summary>
    public static bool IsNoFigure(string? amount) => string.Equals(amount?.Trim(), NoFigure, StringComparison.OrdinalIgnoreCase);

    /// <summary>The input of an existing pledge, so an amendment is validated as a whole pledge.</summary>
    public static PledgeInput From(Pledge p) => new()
    {
        Donor = p.DonorCode,
        Recipient = p.RecipientCode,
        Amount = p.Amount?.ToString(CultureInfo.InvariantCulture) ?? (p.Kind == PledgeKind.Money ? NoFigure : null),
        Currency = p.Currency,
        System = p.SystemId,
        Category = p.SystemId is null ? p.Category : null,
        Item = p.SystemId is null ? p.Item : null,
        Quantity = p.Quantity?.ToString(CultureInfo.InvariantCulture),
        Date = p.AnnouncedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Status = p.Status.Name(),
        Period = p.Period.Name(),
        Years = p.Years?.ToString(CultureInfo.InvariantCulture),
        Qualifier = p.Qualifier.Name(),
        AidType = p.AidType.Name(),
        Source = p.Source,
        Note = p.Note,
    };

    /// <summary>Builds the pledge; call only after the validator passed.</summary>
    public Pledge ToPledge(DonorRegistry donors, SystemCatalog systems)
    {
        var isMoney = !string.IsNullOrWhiteSpace(Amount);
        Amounts.TryParse(Amount, out var amount);
        var system = string.IsNullOrWhiteSpace(System) ? null : systems.Find(System);
        return new Pledge
        {
            DonorCode = donors.Find(Donor)!.Code,
            RecipientCode = string.IsNullOrWhiteSpace(Recipient) ? "UA" : donors.Find(Recipient)!.Code,
            Kind = isMoney ? PledgeKind.Money : PledgeKind.Equipment,
            Amount = isMoney && !IsNoFigure(Amount) ? amount : null,
            Currency = isMoney && !string.IsNullOrWhiteSpace(Currency) ? Currency.Trim().ToUpperInvariant() : null,
            SystemId = system?.Id,
            Category = isMoney ? null : system?.Category ?? (string.IsNullOrWhiteSpace(Category) ? null : Category.Trim()),
            Item = isMoney || system is not null ? null : Items.Clean(Item),
            Quantity = isMoney || string.IsNullOrWhiteSpace(Quantity) ? null : long.Parse(Quantity, NumberStyles.None, CultureInfo.InvariantCulture),
            AnnouncedOn = string.IsNullOrWhiteSpace(Date) ? null : DateOnly.ParseExact(Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Status = string.IsNullOrWhiteSpace(Status) ? PledgeStatus.Pledged : EnumNames.ParseStatus(Status),
            Period = string.IsNullOrWhiteSpace(Period) ? (string.IsNullOrWhiteSpace(Years) ? Core.Period.Once : Core.Period.MultiYear) : EnumNames.ParsePeriod(Period),
            Years = string.IsNullOrWhiteSpace(Years) ? null : int.Parse(Years, NumberStyles.None, CultureInfo.InvariantCulture),
            Qualifier = string.IsNullOrWhiteSpace(Qualifier) ? Core.Qualifier.Exact : EnumNames.ParseQualifier(Qualifier),
            AidType = string.IsNullOrWhiteSpace(AidType) ? Core.AidType.Unknown : EnumNames.ParseAidType(AidType),
            Source = string.IsNullOrWhiteSpace(Source) ? null : Source,
            Note = string.IsNullOrWhiteSpace(Note) ? null : Note,
            Confidence = 1m,
        };
    }
}

/// <summary>Checks everything a person types for a pledge. Each message starts with the option it is about.</summary>
public sealed class PledgeInputValidator : AbstractValidator<PledgeInput>
{
    public const int MaxTextLength = 4000;

    public PledgeInputValidator(DonorRegistry donors, SystemCatalog systems)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(x => x.Donor)
            .NotEmpty().WithMessage("--donor: required (a donor name, ISO alpha-2 or alpha-3 code: Germany, DE, DEU)")
            .Must(d => Suggest.AmbiguousDonor(d) is null)
            .WithMessage(x => $"--donor: '{x.Donor}' could be {Suggest.Choices(Suggest.AmbiguousDonor(x.Donor)!)}: give the code")
            .Must(d => donors.Find(d) is not null)
            .WithMessage(x => $"--donor: '{x.Donor}' is not a known donor{Suggest.DidYouMean(x.Donor, Suggest.DonorNames(donors))} (use a name, ISO alpha-2 or alpha-3 code: Germany, DE, DEU; or a registry code: EU, NATO)");

        RuleFor(x => x.Recipient)
            .Must(r => Suggest.AmbiguousDonor(r) is null).When(x => !string.IsNullOrWhiteSpace(x.Recipient))
            .WithMessage(x => $"--recipient: '{x.Recipient}' could be {Suggest.Choices(Suggest.AmbiguousDonor(x.Recipient)!)}: give the code")
            .Must(r => donors.Find(r) is not null).When(x => !string.IsNullOrWhiteSpace(x.Recipient))
            .WithMessage(x => $"--recipient: '{x.Recipient}' is not a known country or organisation{Suggest.DidYouMean(x.Recipient, Suggest.DonorNames(donors))}");

        // Aid goes from one party to another: a donor pledging to itself is a typo (often --donor UA).
        RuleFor(x => x)
            .Must(x => donors.Find(x.Donor) is not { } d || d.Code != (donors.Find(string.IsNullOrWhiteSpace(x.Recipient) ? "UA" : x.Recipient)?.Code ?? ""))
            .WithMessage(x => $"--donor: {donors.Find(x.Donor)!.Name} is the recipient of this pledge; a donor cannot pledge to itself (give --recipient for aid it gives)")
            .WithName("donor");

        RuleFor(x => x)
            .Must(x => GivesMoney(x) || GivesEquipment(x))
            .WithMessage("--amount/--system: give either --amount with --currency (money) or --system (or --item) with --quantity (equipment)")
            .Must(x => PledgeRules.KindOf(GivesMoney(x), GivesEquipment(x)) is not null)
            .WithMessage("--amount/--system: a pledge is money or equipment, not both: give --amount or --system/--item")
            .Must(x => string.IsNullOrWhiteSpace(x.System) || string.IsNullOrWhiteSpace(x.Item))
            .WithMessage("--item: only when no catalog system fits: give --system or --item, not both")
            .WithName("kind");

        RuleFor(x => x.Item)
            .Must(i => i!.Trim().Length <= Items.MaxLength).When(x => !string.IsNullOrWhiteSpace(x.Item))
            .WithMessage($"--item: longer than {Items.MaxLength} characters")
            .Must(i => !i!.Any(char.IsControl)).When(x => !string.IsNullOrWhiteSpace(x.Item))
            .WithMessage("--item: contains control characters")
            .Must(i => systems.Find(i) is null).When(x => !string.IsNullOrWhiteSpace(x.Item))
            .WithMessage(x => $"--item: '{x.Item!.Trim()}' is a catalog system: use --system {systems.Find(x.Item)!.Id}");

        RuleFor(x => x.Amount)
            .Must(a => Amounts.TryParse(a, out var v) && PledgeRules.IsAmount(v))
            .When(x => !string.IsNullOrWhiteSpace(x.Amount) && !PledgeInput.IsNoFigure(x.Amount))
            .WithMessage(x => $"--amount: '{x.Amount}' is not a positive amount (digits with an optional k, m, bn suffix: 500m, 1.5bn, 500000000; at most {Amounts.Max:0}; or '{PledgeInput.NoFigure}' for money committed without a figure)");

        RuleFor(x => x.Currency)
            .NotEmpty().When(x => !string.IsNullOrWhiteSpace(x.Amount) && !PledgeInput.IsNoFigure(x.Amount))
            .WithMessage("--currency: required with --amount (an ISO 4217 code: EUR, USD, AUD)");

        RuleFor(x => x.Currency)
            .Must(c => Currencies.IsKnown(c!.Trim().ToUpperInvariant())).When(x => !string.IsNullOrWhiteSpace(x.Currency))
            .WithMessage(x => $"--currency: '{x.Currency}' is not an ISO 4217 currency code (EUR, USD, GBP, AUD, ...)");

        RuleFor(x => x.Currency).Empty().When(x => string.IsNullOrWhiteSpace(x.Amount))
            .WithMessage($"--currency: only with --amount (a figure, or --amount {PledgeInput.NoFigure} for money committed without one)");

        RuleFor(x => x.System)
            .Must(s => systems.Find(s) is not null).When(x => !string.IsNullOrWhiteSpace(x.System))
            .WithMessage(x => $"--system: '{x.System}' is not in the equipment catalog{Suggest.DidYouMean(x.System, Suggest.SystemNames(systems))} (see `pledge catalog list`; e.g. F-16, Patriot, Leopard 2A4)");

        RuleFor(x => x.Category)
            .Must(c => ReferenceData.Categories.Contains(c!.Trim())).When(x => !string.IsNullOrWhiteSpace(x.Category))
            .WithMessage(x => $"--category: '{x.Category}' is not a category ({string.Join(", ", ReferenceData.Categories)})");

        RuleFor(x => x.Quantity)
            .Must(q => long.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && PledgeRules.IsQuantity(n))
            .When(x => !string.IsNullOrWhiteSpace(x.Quantity))
            .WithMessage(x => $"--quantity: '{x.Quantity}' is not a whole number {Bounds.QuantityRange}");

        RuleFor(x => x.Quantity)
            .Empty().When(x => !string.IsNullOrWhiteSpace(x.Amount))
            .WithMessage("--quantity: only with --system or --item (equipment)");

        RuleFor(x => x.Date)
            .Must(d => DateOnly.TryParseExact(d!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) && PledgeRules.IsDate(v))
            .When(x => !string.IsNullOrWhiteSpace(x.Date))
            .WithMessage(x => $"--date: '{x.Date}' is not a date between {Bounds.FirstDate.Year} and {Bounds.LastDate.Year} (use YYYY-MM-DD, e.g. 2024-06-12)");

        RuleFor(x => x.Status)
            .Must(s => EnumNames.TryParseStatus(s, out _)).When(x => !string.IsNullOrWhiteSpace(x.Status))
            .WithMessage(x => $"--status: '{x.Status}' is not a status (proposed, pledged, allocated, delivered)");

        RuleFor(x => x.Period)
            .Must(s => EnumNames.TryParsePeriod(s, out _)).When(x => !string.IsNullOrWhiteSpace(x.Period))
            .WithMessage(x => $"--period: '{x.Period}' is not a period (once, annual, multi_year)");

        RuleFor(x => x.Years)
            .Must(y => int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && PledgeRules.IsYears(n))
            .When(x => !string.IsNullOrWhiteSpace(x.Years))
            .WithMessage(x => $"--years: '{x.Years}' is not a number of years (1 to {PledgeRules.MaxYears})");

        RuleFor(x => x.Years)
            .Must((x, _) => string.IsNullOrWhiteSpace(x.Period) || EnumNames.TryParsePeriod(x.Period, out var p) && PledgeRules.TakesYears(p))
            .When(x => !string.IsNullOrWhiteSpace(x.Years))
            .WithMessage("--years: only with --period multi_year");

        RuleFor(x => x.Qualifier)
            .Must(s => EnumNames.TryParseQualifier(s, out _)).When(x => !string.IsNullOrWhiteSpace(x.Qualifier))
            .WithMessage(x => $"--qualifier: '{x.Qualifier}' is not a qualifier (exact, at_least, up_to, about)");

        RuleFor(x => x.AidType)
            .Must(s => EnumNames.TryParseAidType(s, out _)).When(x => !string.IsNullOrWhiteSpace(x.AidType))
            .WithMessage(x => $"--aid-type: '{x.AidType}' is not an aid type (military, financial, humanitarian, unknown)");

        RuleFor(x => x.Source).MaximumLength(MaxTextLength).WithMessage($"--source: longer than {MaxTextLength} characters");
        RuleFor(x => x.Note).MaximumLength(MaxTextLength).WithMessage($"--note: longer than {MaxTextLength} characters");
        RuleFor(x => x.Source).Must(NoControlCharacters!).When(x => x.Source is not null).WithMessage("--source: contains control characters");
        RuleFor(x => x.Note).Must(NoControlCharacters!).When(x => x.Note is not null).WithMessage("--note: contains control characters");
    }

    private static bool GivesMoney(PledgeInput x) => !string.IsNullOrWhiteSpace(x.Amount);

    private static bool GivesEquipment(PledgeInput x) =>
        !string.IsNullOrWhiteSpace(x.System) || !string.IsNullOrWhiteSpace(x.Category) || !string.IsNullOrWhiteSpace(x.Item);

    private static bool NoControlCharacters(string s) => !s.Any(c => char.IsControl(c) && c is not '\n' and not '\t');
}
