namespace PledgeLedger.Core.Tests;

/// <summary>Each rule of <see cref="PledgeRules.Check"/> on a pledge that breaks it and one that keeps to it.</summary>
public class PledgeRulesTests
{
    private static readonly Pledge Money = new() { DonorCode = "DE", Kind = PledgeKind.Money, Amount = 500_000_000m, Currency = "EUR", AnnouncedOn = new DateOnly(2024, 6, 12) };
    private static readonly Pledge Equipment = new() { DonorCode = "DE", Kind = PledgeKind.Equipment, SystemId = "patriot", Category = "air_defence", Quantity = 2 };

    public static TheoryData<string, Pledge, PledgeRule> Broken => new()
    {
        { "dated 1989", Money with { AnnouncedOn = new DateOnly(1989, 12, 31) }, PledgeRule.DateRange },
        { "dated 2101", Money with { AnnouncedOn = new DateOnly(2101, 1, 1) }, PledgeRule.DateRange },
        { "amount 0", Money with { Amount = 0m }, PledgeRule.AmountBound },
        { "amount over 10^15", Money with { Amount = Bounds.MaxAmount + 1 }, PledgeRule.AmountBound },
        { "adjustment under -10^15", Money with { Amount = -Bounds.MaxAmount - 1 }, PledgeRule.AmountBound },
        { "quantity 0", Equipment with { Quantity = 0 }, PledgeRule.QuantityBound },
        { "quantity over the bound", Equipment with { Quantity = Bounds.MaxQuantity + 1 }, PledgeRule.QuantityBound },
        { "money with a system", Money with { SystemId = "patriot" }, PledgeRule.MoneyOrEquipment },
        { "money with a quantity", Money with { Quantity = 3 }, PledgeRule.MoneyOrEquipment },
        { "money without a currency", Money with { Currency = null }, PledgeRule.MoneyOrEquipment },
        { "money without a figure naming a system", Money with { Amount = null, Currency = null, SystemId = "patriot" }, PledgeRule.MoneyOrEquipment },
        { "money without a figure with a quantity", Money with { Amount = null, Quantity = 3 }, PledgeRule.MoneyOrEquipment },
        { "equipment with an amount", Equipment with { Amount = 5m, Currency = "EUR" }, PledgeRule.MoneyOrEquipment },
        { "equipment naming nothing", Equipment with { SystemId = null, Category = null }, PledgeRule.MoneyOrEquipment },
        { "a system and an item", Equipment with { Item = "demining vehicles" }, PledgeRule.MoneyOrEquipment },
        { "years 0", Money with { Period = Period.MultiYear, Years = 0 }, PledgeRule.YearsRange },
        { "years 101", Money with { Period = Period.MultiYear, Years = 101 }, PledgeRule.YearsRange },
        { "years on a one-off", Money with { Years = 3 }, PledgeRule.YearsOnlyMultiYear },
        { "stated value on money", Money with { StatedValueEur = 5m }, PledgeRule.StatedValue },
        { "negative stated value", Equipment with { StatedValueEur = -1m }, PledgeRule.StatedValue },
        { "stated value over 10^15", Equipment with { StatedValueEur = Bounds.MaxAmount + 1 }, PledgeRule.StatedValue },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_pledge_breaking_a_rule_is_named_by_that_rule(string what, Pledge pledge, PledgeRule rule)
    {
        var broken = PledgeRules.Check(pledge);
        Assert.True(broken.Count == 1 && broken[0].Rule == rule, $"{what}: {string.Join(", ", broken.Select(b => b.Rule))}");
    }

    public static TheoryData<string, Pledge> Kept => new()
    {
        { "money", Money },
        { "undated money", Money with { AnnouncedOn = null } },
        { "the first and last dates", Money with { AnnouncedOn = Bounds.FirstDate, LastStatedOn = Bounds.LastDate } },
        { "an adjustment (negative money)", Money with { Amount = -5_000_000m } },
        { "the largest amount", Money with { Amount = Bounds.MaxAmount } },
        { "a multi-year pledge of 100 years", Money with { Period = Period.MultiYear, Years = 100 } },
        { "money without a figure (no amount, no currency)", Money with { Amount = null, Currency = null } },
        { "money without a figure in a named currency", Money with { Amount = null, Currency = "CZK" } },
        { "equipment", Equipment },
        { "equipment of unknown number", Equipment with { Quantity = null } },
        { "the largest quantity", Equipment with { Quantity = Bounds.MaxQuantity } },
        { "a free-text item", Equipment with { SystemId = null, Category = null, Item = "demining vehicles" } },
        { "a category alone", Equipment with { SystemId = null } },
        { "a value stated together (0)", Equipment with { StatedValueEur = 0m } },
        { "a stated value", Equipment with { StatedValueEur = 360_000_000m } },
    };

    [Theory]
    [MemberData(nameof(Kept))]
    public void A_pledge_keeping_to_the_rules_passes(string what, Pledge pledge) =>
        Assert.True(PledgeRules.Check(pledge).Count == 0, $"{what}: {string.Join(", ", PledgeRules.Check(pledge).Select(b => b.Rule))}");

    [Theory]
    [InlineData(true, false, PledgeKind.Money)]
    [InlineData(false, true, PledgeKind.Equipment)]
    [InlineData(true, true, null)]
    [InlineData(false, false, null)]
    public void Money_or_equipment_never_both_never_neither(bool money, bool equipment, PledgeKind? kind) =>
        Assert.Equal(kind, PledgeRules.KindOf(money, equipment));
}
