namespace PledgeLedger.Core.Tests;

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
