using System.Text.Json;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

[Collection("db")]
public sealed class CatalogCommandTests(PostgresFixture pg)
{
    private static decimal InKind(string json, string donor) => JsonDocument.Parse(json).RootElement.EnumerateArray()
        .First(r => r.GetProperty("donor").GetString() == donor).GetProperty("in_kind_eur").GetDecimal();

    [Fact]
    public async Task Set_value_appends_a_valuation_that_changes_in_kind_totals()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "PL", "--system", "Leopard 2A4", "--quantity", "10", "--date", "2023-02-24")).Exit);
        var (_, before, _) = await cli.RunAsync("totals", "--in-kind", "--format", "json");
        Assert.Equal(20_000_000m, InKind(before, "PL")); // seeded: Kiel's implied EUR 2.0 m per tank

        var (exit, output, err) = await cli.RunAsync("catalog", "set-value", "leopard-2a4", "--eur", "3.5m", "--basis", "Test estimate, 2025");
        Assert.True(exit == 0, err);
        Assert.Contains("leopard-2a4: unit value EUR 3,500,000", output);
        var (_, after, _) = await cli.RunAsync("totals", "--in-kind", "--format", "json");
        Assert.Equal(35_000_000m, InKind(after, "PL"));
        Assert.Equal(0m, JsonDocument.Parse(after).RootElement[0].GetProperty("eur").GetDecimal());

        var (_, shown, _) = await cli.RunAsync("catalog", "show", "Leopard 2A4", "--format", "json");
        var entry = JsonDocument.Parse(shown).RootElement[0];
        Assert.Equal(3_500_000m, entry.GetProperty("unit_value_eur").GetDecimal());
        Assert.Equal("Test estimate, 2025", entry.GetProperty("basis").GetString());
        Assert.Equal(2, entry.GetProperty("valuations").GetArrayLength());
    }

    [Theory]
    [InlineData("leopard-2a4 --eur -5 --basis x", "--eur:")]
    [InlineData("leopard-2a4 --eur abc --basis x", "--eur:")]
    [InlineData("leopard-2a4 --eur 0 --basis x", "--eur:")]
    [InlineData("leopard-2a4 --eur 5m", "--basis:")]
    [InlineData("warp-drive --eur 5m --basis x", "SYSTEM:")]
    public async Task Set_value_refuses_bad_input_and_writes_nothing(string args, string field)
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var before = await cli.CountAsync("system_valuations");
        var (exit, _, err) = await cli.RunAsync(["catalog", "set-value", .. args.Split(' ')]);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("error: " + field, err);
        Assert.Equal(before, await cli.CountAsync("system_valuations"));
    }

    [Fact]
    public async Task Catalog_list_shows_values_with_their_basis_and_filters_by_category()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var (exit, output, _) = await cli.RunAsync("catalog", "list", "--category", "air_defence", "--format", "json");
        Assert.Equal(0, exit);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal("air_defence", r.GetProperty("category").GetString()));
        var patriot = rows.Single(r => r.GetProperty("id").GetString() == "patriot");
        Assert.Equal(366_000_000m, patriot.GetProperty("unit_value_eur").GetDecimal());
        Assert.Contains("Kiel", patriot.GetProperty("basis").GetString());
    }

    [Fact]
    public async Task Totals_in_kind_marks_the_column_as_an_estimate()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        await cli.RunAsync("add", "--donor", "US", "--system", "HIMARS", "--quantity", "2", "--date", "2022-06-01");
        var (exit, output, err) = await cli.RunAsync("totals", "--in-kind");
        Assert.Equal(0, exit);
        Assert.Contains("in kind eur", output);
        Assert.Contains("30,000,000", output);
        Assert.Contains("in-kind values are estimates:", err);
    }
}
