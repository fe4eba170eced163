using System.Text.Json;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

/// <summary>
/// <c>pledge totals</c> for a donor whose only money pledges state no figure (issue 9q): no EUR sum at all, not EUR 0.
/// The table shows "-", CSV an empty cell, JSON null; the pledges count in money_without_figure only.
/// </summary>
[Collection("db")]
public sealed class TotalsWithoutFigureCommandTests(PostgresFixture pg) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pledge-totals-nofigure-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement Row(string json, string donor) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Single(r => r.GetProperty("donor").GetString() == donor);

    private async Task<CliRunner> LedgerAsync()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "CZ", "--amount", "unstated", "--currency", "CZK", "--date", "2024-06-05")).Exit);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "CZ", "--amount", "unstated", "--date", "2024-06-25", "--note", "funding for demining")).Exit);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "DK", "--amount", "unstated", "--date", "2024-06-03")).Exit);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "DK", "--amount", "20m", "--currency", "EUR", "--date", "2024-06-04")).Exit);
        return cli;
    }

    [Fact]
    public async Task Json_gives_null_eur_for_a_donor_with_only_money_without_a_figure_and_a_number_for_the_others()
    {
        var cli = await LedgerAsync();
        var (exit, json, err) = await cli.RunAsync("totals", "--format", "json");
        Assert.True(exit == 0, err);
        var cz = Row(json, "CZ");
        foreach (var key in new[] { "eur", "eur_once", "eur_multi_year", "eur_annual_per_year" })
        {
            Assert.Equal(JsonValueKind.Null, cz.GetProperty(key).ValueKind);
        }
        Assert.Equal(2, cz.GetProperty("money_without_figure").GetInt32());
        Assert.Equal(2, cz.GetProperty("pledges").GetInt32());
        var dk = Row(json, "DK");
        Assert.Equal(20_000_000m, dk.GetProperty("eur").GetDecimal());
        Assert.Equal(1, dk.GetProperty("money_without_figure").GetInt32());
    }

    [Fact]
    public async Task Csv_leaves_the_eur_cells_empty_so_the_column_stays_numeric()
    {
        var cli = await LedgerAsync();
        var (exit, csv, err) = await cli.RunAsync("totals", "--format", "csv");
        Assert.True(exit == 0, err);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        var cz = lines.Single(l => l.StartsWith("CZ,", StringComparison.Ordinal)).Split(',');
        var dk = lines.Single(l => l.StartsWith("DK,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("", cz[Array.IndexOf(header, "eur")]);
        Assert.Equal("", cz[Array.IndexOf(header, "eur_once")]);
        Assert.Equal("2", cz[Array.IndexOf(header, "money_without_figure")]);
        Assert.Equal("20000000", dk[Array.IndexOf(header, "eur")]);
        // Every non-empty eur cell parses as a number.
        Assert.All(lines.Skip(1), l =>
        {
            var cell = l.Split(',')[Array.IndexOf(header, "eur")];
            Assert.True(cell.Length == 0 || decimal.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, out _), l);
        });
    }

    [Fact]
    public async Task The_table_shows_a_dash_not_eur_0_and_the_total_adds_only_figures()
    {
        var cli = await LedgerAsync();
        var (exit, table, err) = await cli.RunAsync("totals");
        Assert.True(exit == 0, err);
        var cz = table.Split('\n').Single(l => l.Contains("│ CZ", StringComparison.Ordinal));
        var cells = cz.Split('│', StringSplitOptions.TrimEntries);
        Assert.Contains("-", cells);
        Assert.DoesNotContain("0", cells.Take(cells.Length - 2));
        var total = table.Split('\n').Single(l => l.Contains("Total", StringComparison.Ordinal));
        Assert.Contains("20,000,000", total, StringComparison.Ordinal);
        Assert.Contains("money without figure", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ledger_with_no_figure_at_all_has_no_eur_total()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "CZ", "--amount", "unstated", "--date", "2024-06-05")).Exit);
        var (exit, table, err) = await cli.RunAsync("totals");
        Assert.True(exit == 0, err);
        var total = table.Split('\n').Single(l => l.Contains("Total", StringComparison.Ordinal)).Split('│', StringSplitOptions.TrimEntries);
        Assert.Contains("-", total);
    }
}
