namespace PledgeLedger.Core.Tests;

public class AmountsTests
{
    [Theory]
    [InlineData("500m", "500000000")]
    [InlineData("1.5bn", "1500000000")]
    [InlineData("500000000", "500000000")]
    [InlineData("2,500,000", "2500000")]
    [InlineData("20 mln", "20000000")]
    [InlineData("0.5", "0.5")]
    public void Parses_the_ways_people_type_amounts(string text, string expected)
    {
        Assert.True(Amounts.TryParse(text, out var amount));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("1e400")]
    [InlineData("1e5")]
    [InlineData("")]
    [InlineData("1,23")]
    [InlineData("5..5")]
    [InlineData("99999999999999999999999999bn")]
    public void Rejects_what_is_not_an_amount(string text) => Assert.False(Amounts.TryParse(text, out _));
}

public class ReferenceDataTests
{
    [Fact]
    public void Registry_holds_every_UN_member_and_the_organisations()
    {
        var states = ReferenceData.Donors.Count(d => d.Kind == DonorKind.State);
        Assert.True(states >= 193, $"only {states} states");
        Assert.Equal("DE", DonorRegistry.Default.Find("DEU")!.Code);
        Assert.Equal("DE", DonorRegistry.Default.Find("germany")!.Code);
        Assert.Equal("NL", DonorRegistry.Default.Find("Dutch")!.Code);
        Assert.Equal("NATO", DonorRegistry.Default.Find("NATO")!.Code);
        Assert.Null(DonorRegistry.Default.Find("Atlantis"));
    }

    [Fact]
    public void Catalog_holds_at_least_150_systems_and_no_name_or_alias_names_two_systems()
    {
        Assert.True(ReferenceData.Systems.Count >= 150, $"{ReferenceData.Systems.Count} systems");
        var owner = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in ReferenceData.Systems)
        {
            foreach (var key in s.Aliases.Prepend(s.Name).Prepend(s.Id))
            {
                Assert.True(owner.TryAdd(key, s.Id) || owner[key] == s.Id, $"'{key}' names both {owner.GetValueOrDefault(key)} and {s.Id}");
            }
        }
        Assert.Equal("m113", SystemCatalog.Default.Find("M113")!.Id);
        Assert.Equal("t-72", SystemCatalog.Default.Find("T-72A")!.Id);
        Assert.Equal("wisent-1", SystemCatalog.Default.Find("Wisent 1 mine-clearing tank")!.Id);
        Assert.Equal("patriot", SystemCatalog.Default.Find("Patriot battery")!.Id);
        Assert.Equal("artillery-shells", SystemCatalog.Default.Find("155mm shells")!.Id);
        Assert.All(ReferenceData.Systems.Where(s => s.UnitValueEur is not null), s => Assert.False(string.IsNullOrWhiteSpace(s.ValueBasis)));
    }
}

public class ConsolidationTests
{
    private static Pledge Money(string donor, decimal amount, DateOnly? date) => new()
    {
        DonorCode = donor,
        Kind = PledgeKind.Money,
        Amount = amount,
        Currency = "EUR",
        AnnouncedOn = date,
    };

    [Fact]
    public void Same_pledge_within_the_window_is_one()
    {
        Assert.True(Consolidation.IsSamePledge(Money("DE", 5m, new(2024, 5, 31)), Money("DE", 5m, new(2024, 6, 12))));
        Assert.True(Consolidation.IsSamePledge(Money("DE", 5m, null), Money("DE", 5m, null)));
    }

    [Fact]
    public void An_undated_statement_is_never_the_same_pledge_as_a_dated_one()
    {
        Assert.False(Consolidation.IsSamePledge(Money("DE", 5m, null), Money("DE", 5m, new(2024, 6, 12))));
    }

    [Fact]
    public void Different_amount_donor_or_far_date_is_another_pledge()
    {
        Assert.False(Consolidation.IsSamePledge(Money("DE", 5m, new(2024, 5, 1)), Money("DE", 5m, new(2024, 6, 12))));
        Assert.False(Consolidation.IsSamePledge(Money("DE", 5m, null), Money("FR", 5m, null)));
        Assert.False(Consolidation.IsSamePledge(Money("DE", 5m, null), Money("DE", 6m, null)));
    }
}

public class ConsolidationStageTests
{
    [Fact]
    public void Pledged_and_delivered_are_stages_of_one_pledge_but_a_proposal_is_another()
    {
        var pledged = new Pledge { DonorCode = "PL", Kind = PledgeKind.Equipment, SystemId = "artillery-shells", Quantity = 50_000, Status = PledgeStatus.Pledged };
        Assert.True(Consolidation.IsSamePledge(pledged, pledged with { Status = PledgeStatus.Delivered }));
        Assert.False(Consolidation.IsSamePledge(pledged, pledged with { Status = PledgeStatus.Proposed }));
        Assert.Equal(PledgeStatus.Delivered, Consolidation.Merge(pledged with { Status = PledgeStatus.Delivered }, pledged).Status);
        Assert.Equal(PledgeStatus.Allocated, Consolidation.Merge(pledged, pledged with { Status = PledgeStatus.Allocated }).Status);
    }
}
