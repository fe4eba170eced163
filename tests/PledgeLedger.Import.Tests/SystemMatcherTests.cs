using PledgeLedger.Core;

namespace PledgeLedger.Import.Tests;

public class SystemMatcherTests
{
    private static readonly SystemMatcher Matcher = new(SystemCatalog.Default, useKielAliases: true);

    [Theory]
    [InlineData("M777 howitzer", "m777")]
    [InlineData("155mm M109A3GN", "m109a3gm")]
    [InlineData("Leopard-1A5", "leopard-1")]
    [InlineData("Leopard-2A4", "leopard-2a4")]
    [InlineData("Modified T-72 tank (T-72A/T-72M1/M1R)", "t-72")]
    [InlineData("National Advanced Surface-to-Air Missile System (NASAMS)", "nasams")]
    [InlineData("infantry fighting vehicle MARDER", "marder")]
    [InlineData("BMP-1A1", "bmp-1")]
    [InlineData("Zusana-2 howitzer", "zuzana")]
    [InlineData("155mm ShKH Zuzana 2s*", "zuzana")]
    [InlineData("Mamba Arthur Counter-Battery Radar", "arthur-radar")]
    [InlineData("Mi-8MTV-1", "mi-17")]
    [InlineData("Counter-Mortar Radar System", null)]
    [InlineData("Alvis 4s ''Mamba''", null)]
    [InlineData("Leopard 2R Mine-Clearing Tank", "leopard-2r")]
    [InlineData("Wisent 1 Mine-Clearing Tank", "wisent-1")]
    [InlineData("155mm M109A5 ", "m109")]
    [InlineData("Mini-Bayraktar", "mini-bayraktar")]
    [InlineData("Bohdana self-propelled howitzer", "bohdana")]
    [InlineData("Shahed-136 'Geran-3'", null)]
    public void Matches_tracker_spellings_to_the_catalog_and_leaves_other_vehicles_alone(string name, string? expected)
    {
        Assert.Equal(expected, Matcher.Match(name)?.Id);
    }

    [Theory]
    [InlineData("M777 howitzer (6)", "M777 howitzer", 6L, false)]
    [InlineData("M270 weapon system (Norway) (11)", "M270 weapon system (Norway)", 11L, false)]
    [InlineData("T-72 (230+)", "T-72", 230L, true)]
    [InlineData("Leopard-1", "Leopard-1", null, false)]
    public void Reads_a_weapons_list_entry_and_its_count(string cell, string name, long? count, bool atLeast)
    {
        Assert.Equal(new WeaponsList.Entry(name, count, atLeast), Assert.Single(WeaponsList.Parse(cell)));
    }

    [Fact]
    public void Splits_a_weapons_list_on_semicolons()
    {
        var entries = WeaponsList.Parse("Leopard-1A5 (62); Modified T-72 tank (T-72A/T-72M1/M1R) (25); Leopard-2A4 (7)");

        Assert.Equal([62L, 25L, 7L], entries.Select(e => e.Count!.Value));
    }
}
