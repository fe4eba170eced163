using System.Text.Json;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

/// <summary>
/// Money committed without a figure (issue 9) end to end: <c>pledge add --amount unstated</c>, ingest of a sentence that
/// states such a pledge, list, show, totals (roll-up and scan), CSV/JSON and the monthly report. Sentences are written
/// for the test.
/// </summary>
[Collection("db")]
public sealed class MoneyWithoutFigureCommandTests(PostgresFixture pg) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pledge-nofigure-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement Row(string json, string donor) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Single(r => r.GetProperty("donor").GetString() == donor);

    [Fact]
    public async Task Add_list_show_and_totals_say_the_amount_is_not_stated_and_count_it_apart()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var (exit, _, err) = await cli.RunAsync("add", "--donor", "DK", "--amount", "unstated", "--date", "2024-06-03", "--note", "funding for demining");
        Assert.True(exit == 0, err);
        (exit, _, err) = await cli.RunAsync("add", "--donor", "CZ", "--amount", "UNSTATED", "--currency", "czk", "--date", "2024-06-05");
        Assert.True(exit == 0, err);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "DK", "--amount", "20m", "--currency", "EUR", "--date", "2024-06-04")).Exit);

        var (_, json, _) = await cli.RunAsync("list", "--donor", "CZ", "--format", "json");
        var cz = Row(json, "CZ");
        Assert.Equal(JsonValueKind.Null, cz.GetProperty("amount").ValueKind);
        Assert.Equal("CZK", cz.GetProperty("currency").GetString());
        Assert.Equal(JsonValueKind.Null, cz.GetProperty("eur").ValueKind);
        var (_, csv, _) = await cli.RunAsync("list", "--donor", "CZ", "--format", "csv");
        Assert.Contains(",money,,CZK,", csv, StringComparison.Ordinal);

        var (_, table, _) = await cli.RunAsync("list");
        Assert.Contains("CZK (amount not stated)", table, StringComparison.Ordinal);
        Assert.Contains("amount not stated", table.Split('\n').Single(l => l.Contains("│ DK", StringComparison.Ordinal) && !l.Contains("EUR", StringComparison.Ordinal)), StringComparison.Ordinal);
        var id = JsonDocument.Parse(json).RootElement[0].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (_, show, _) = await cli.RunAsync("show", id);
        Assert.Contains("not stated", show, StringComparison.Ordinal);

        // Counted per donor beside the sums, never as EUR 0 silently; the roll-up and a scan (--as-of) agree.
        foreach (var args in new[] { new[] { "totals", "--format", "json" }, ["totals", "--format", "json", "--as-of", "2099-01-01T00:00:00Z"] })
        {
            var (_, totals, _) = await cli.RunAsync(args);
            var dk = Row(totals, "DK");
            Assert.Equal(2, dk.GetProperty("pledges").GetInt32());
            Assert.Equal(1, dk.GetProperty("money_without_figure").GetInt32());
            Assert.Equal(20_000_000m, dk.GetProperty("eur").GetDecimal());
            Assert.Equal(0, dk.GetProperty("unconverted_pledges").GetInt32());
            Assert.Equal(0, dk.GetProperty("unquantified_equipment").GetInt32());
            Assert.Equal(1, Row(totals, "CZ").GetProperty("money_without_figure").GetInt32());
        }
        var (_, text, info) = await cli.RunAsync("totals");
        Assert.Contains("money without figure", text, StringComparison.Ordinal);
        Assert.Contains("2 money pledge(s) state no figure", info, StringComparison.Ordinal);
        Assert.DoesNotContain("no EUR rate", info, StringComparison.Ordinal);

        // The report names them and leaves them out of every sum.
        var (rexit, path, rerr) = await cli.RunAsync("report", "monthly", "--month", "2024-06", "--format", "csv");
        Assert.True(rexit == 0, rerr);
        Assert.Contains("headline,money_without_figure,", File.ReadAllText(path.Trim()), StringComparison.Ordinal);
        (rexit, path, rerr) = await cli.RunAsync("report", "monthly", "--month", "2024-06", "--format", "pdf");
        Assert.True(rexit == 0, rerr);
        Assert.Equal(0, (await cli.RunAsync("db", "check")).Exit);
    }

    [Fact]
    public async Task Add_refuses_a_currency_alone_and_a_restatement_without_a_figure_but_not_one_with_a_figure()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var (exit, _, err) = await cli.RunAsync("add", "--donor", "DE", "--currency", "EUR", "--date", "2024-06-05");
        Assert.Equal(2, exit);
        Assert.Contains("--amount unstated", err, StringComparison.Ordinal);
        (exit, _, err) = await cli.RunAsync("add", "--donor", "DE", "--amount", "unknown", "--currency", "EUR");
        Assert.Equal(2, exit);
        Assert.Contains("'unstated'", err, StringComparison.Ordinal);
        (exit, _, err) = await cli.RunAsync("add", "--donor", "DE", "--amount", "unstated", "--system", "Patriot");
        Assert.Equal(2, exit);

        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "DE", "--amount", "unstated", "--currency", "EUR", "--date", "2024-06-05")).Exit);
        (exit, _, err) = await cli.RunAsync("add", "--donor", "DE", "--amount", "unstated", "--currency", "EUR", "--date", "2024-06-10");
        Assert.Equal(2, exit);
        Assert.Contains("likely duplicate", err, StringComparison.Ordinal);
        Assert.Contains("EUR (amount not stated)", err, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "DE", "--amount", "5m", "--currency", "EUR", "--date", "2024-06-10")).Exit);
        Assert.Equal(2, await cli.CountAsync("pledges"));
        // An amendment gives it a figure later, as a new version.
        Assert.Equal(0, (await cli.RunAsync("amend", "1", "--amount", "7m", "--reason", "the figure was published")).Exit);
        var (_, json, _) = await cli.RunAsync("show", "1", "--format", "json");
        Assert.Equal(7_000_000m, JsonDocument.Parse(json).RootElement[0].GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Ingest_stores_a_commitment_without_a_figure_once()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var path = Path.Combine(_dir, "news.txt");
        File.WriteAllText(path, "HELSINKI, June 20, 2024 - Finland pledged 12 cargo trucks and financial support for the repair of Ukrainian artillery barrels.\n");
        var (exit, _, err) = await cli.RunAsync("ingest", path);
        Assert.True(exit == 0, err);
        Assert.Equal(0, (await cli.RunAsync("ingest", path)).Exit);
        var (_, json, _) = await cli.RunAsync("list", "--kind", "money", "--format", "json");
        var fi = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());
        Assert.Equal("FI", fi.GetProperty("donor").GetString());
        Assert.Equal(JsonValueKind.Null, fi.GetProperty("amount").ValueKind);
        Assert.Contains("artillery barrels", fi.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, fi.GetProperty("sources").GetInt32());
    }
}
