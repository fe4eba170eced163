using System.Globalization;

namespace PledgeLedger.Core;

/// <summary>The rules of <see cref="PledgeRules"/>, one a value.</summary>
public enum PledgeRule
{
    /// <summary>Announced between <see cref="Bounds.FirstDate"/> and <see cref="Bounds.LastDate"/>.</summary>
    DateRange,

    /// <summary>A money pledge's amount is not zero and at most <see cref="Bounds.MaxAmount"/> either way (below zero: a source's adjustment).</summary>
    AmountBound,

    /// <summary>A stated count of items is between 1 and <see cref="Bounds.MaxQuantity"/>.</summary>
    QuantityBound,

    /// <summary>
    /// Money (an amount in a currency, or no figure: "financial support for drone procurement", with the currency when
    /// the source names one) or equipment (a system, a free-text item or a category): one, never both, never neither.
    /// </summary>
    MoneyOrEquipment,

    /// <summary>Years of a multi-year pledge: 1 to <see cref="PledgeRules.MaxYears"/>.</summary>
    YearsRange,

    /// <summary>Years only on a multi-year pledge.</summary>
    YearsOnlyMultiYear,

    /// <summary>A EUR value the source states: equipment only, between 0 ("stated together" with another pledge) and <see cref="Bounds.MaxAmount"/>.</summary>
    StatedValue,
}

/// <summary>A rule a pledge breaks: the field, its value as text, and what the ledger expects there (for messages).</summary>
public sealed record PledgeRuleViolation(PledgeRule Rule, string Field, string Value, string Expected);

/// <summary>
/// The checks of one pledge, written once: the CLI's validators, the CSV importer and ingest call these (each
/// phrases the refusal its own way: an option, a FILE:LINE problem, a warning), and the database's constraints
/// (migrations 0001, 0004, 0012) hold the same rules as the last line.
/// </summary>
public static class PledgeRules
{
    /// <summary>The most years a multi-year pledge may run.</summary>
    public const int MaxYears = 100;

    /// <summary>Whether the ledger holds this announcement date (<see cref="PledgeRule.DateRange"/>).</summary>
    public static bool IsDate(DateOnly date) => Bounds.InRange(date);

    /// <summary>Whether the ledger holds this amount of money (<see cref="PledgeRule.AmountBound"/>); negative only for a source's adjustment.</summary>
    public static bool IsAmount(decimal amount, bool adjustment = false) =>
        (amount > 0 || (adjustment && amount < 0)) && Math.Abs(amount) <= Bounds.MaxAmount;

    /// <summary>Whether this is a count of items the ledger holds (<see cref="PledgeRule.QuantityBound"/>).</summary>
    public static bool IsQuantity(long quantity) => Bounds.InRange(quantity);

    /// <summary>Whether this is a number of years of a multi-year pledge (<see cref="PledgeRule.YearsRange"/>).</summary>
    public static bool IsYears(int years) => years is >= 1 and <= MaxYears;

    /// <summary>Whether a pledge of this period may state years (<see cref="PledgeRule.YearsOnlyMultiYear"/>).</summary>
    public static bool TakesYears(Period period) => period == Period.MultiYear;

    /// <summary>Whether this is a EUR value a source may state for equipment (<see cref="PledgeRule.StatedValue"/>).</summary>
    public static bool IsStatedValue(decimal eur) => eur >= 0 && eur <= Bounds.MaxAmount;

    /// <summary>
    /// What the given parts make a pledge (<see cref="PledgeRule.MoneyOrEquipment"/>): money (an amount), equipment
    /// (a system, an item or a category), or null when they give both or neither.
    /// </summary>
    public static PledgeKind? KindOf(bool money, bool equipment) => money == equipment ? null : money ? PledgeKind.Money : PledgeKind.Equipment;

    /// <summary>Every rule <paramref name="p"/> breaks, in the order of <see cref="PledgeRule"/>; empty when the ledger may hold it.</summary>
    public static IReadOnlyList<PledgeRuleViolation> Check(Pledge p)
    {
        ArgumentNullException.ThrowIfNull(p);
        List<PledgeRuleViolation>? found = null;
        void Add(PledgeRule rule, string field, string value, string expected) => (found ??= []).Add(new(rule, field, value, expected));

        if (p.AnnouncedOn is { } d && !IsDate(d))
            Add(PledgeRule.DateRange, "date", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"a date {Bounds.DateRange}");
        // A negative amount is a source's own correction (an adjustment): money only, as the database holds it.
        if (p.Amount is { } a && !IsAmount(a, adjustment: p.Kind == PledgeKind.Money))
            Add(PledgeRule.AmountBound, "amount", a.ToString(CultureInfo.InvariantCulture), $"an amount the ledger holds (at most {Bounds.MaxAmount:0})");
        if (p.Quantity is { } q && !IsQuantity(q))
            Add(PledgeRule.QuantityBound, "quantity", q.ToString(CultureInfo.InvariantCulture), $"a count of items {Bounds.QuantityRange}");
        // A category alone names no equipment on a money pledge (the database allows it there), a quantity does.
        // Money may state no figure (amount null, as equipment may state no quantity); an amount needs its currency.
        var equipment = p.SystemId is not null || p.Item is not null || p.Quantity is not null || (p.Kind == PledgeKind.Equipment && p.Category is not null);
        var money = p.Amount is not null || p.Currency is not null || (p.Kind == PledgeKind.Money && !equipment);
        var named = p.SystemId is not null || p.Item is not null || p.Category is not null;
        if (KindOf(money, equipment) != p.Kind || (p.Amount is not null && p.Currency is null)
            || (p.Kind == PledgeKind.Equipment && !named) || (p.SystemId is not null && p.Item is not null))
            Add(PledgeRule.MoneyOrEquipment, "kind", p.Kind.Name(), "a pledge of one kind: money (an amount with its currency, or no figure), or equipment with a system, an item or a category (never both)");
        if (p.Years is { } y && !IsYears(y))
            Add(PledgeRule.YearsRange, "years", y.ToString(CultureInfo.InvariantCulture), $"a number of years (1 to {MaxYears})");
        if (p.Years is not null && !TakesYears(p.Period))
            Add(PledgeRule.YearsOnlyMultiYear, "years", p.Years.Value.ToString(CultureInfo.InvariantCulture),
                $"allowed on a {p.Period.Name()} pledge (years only with period multi_year)");
        if (p.StatedValueEur is { } v && (p.Kind != PledgeKind.Equipment || !IsStatedValue(v)))
            Add(PledgeRule.StatedValue, "value_eur", v.ToString(CultureInfo.InvariantCulture), $"a stated EUR value of equipment (0 to {Bounds.MaxAmount:0})");
        return found ?? (IReadOnlyList<PledgeRuleViolation>)[];
    }
}
