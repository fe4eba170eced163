using System.Text.Json;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

[Collection("db")]
public sealed class LedgerCommandsTests(PostgresFixture pg)
{
    [Theory]
    [InlineData("--donor Atlantis --amount 5m --currency EUR", "--donor:")]
    [InlineData("--donor DE --amount -5 --currency EUR", "--amount:")]
    [InlineData("--donor DE --amount abc --currency EUR", "--amount:")]
    [InlineData("--donor DE --amount 1e400 --currency EUR", "--amount:")]
    [InlineData("--donor DE --amount 5m", "--currency:")]
    [InlineData("--donor DE --amount 5m --currency XYZ", "--currency:")]
    [InlineData("--donor DE --system F-16 --quantity 0", "--quantity:")]
    [InlineData("--donor DE --system Warp-Drive --quantity 2", "--system:")]
    [InlineData("--donor DE --amount 5m --currency EUR --date 2024-13-40", "--date:")]
    [InlineData("--donor DE --amount 5m --currency EUR --system F-16", "--amount/--system:")]
    [InlineData("--donor DE", "--amount/--system:")]
    [InlineData("--donor DE --amount 5m --currency EUR --status maybe", "--status:")]
    [InlineData("--donor DE --amount 5m --currency EUR --years 3 --period annual", "--years:")]
    public async Task Add_refuses_bad_input_with_one_line_naming_the_field_and_writes_nothing(string args, string field)
    {
        var cli = await CliRunner.CreateAsync(pg);
        var (exit, _, err) = await cli.RunAsync(["add", .. args.Split(' ')]);
        Assert.Equal(ExitCodes.BadInput, exit);
        var lines = err.Trim().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("error: " + field, lines[0]);
        Assert.DoesNotContain("   at ", err);
        Assert.Equal(0, await cli.CountAsync("pledge_versions"));
    }

    [Fact]
    public async Task Add_accepts_alpha3_and_names_and_prints_the_new_id()
    {
        var cli = await CliRunner.CreateAsync(pg);
        var (exit, output, _) = await cli.RunAsync("add", "--donor", "DEU", "--amount", "1.5bn", "--currency", "eur", "--date", "2024-06-12", "--format", "json");
        Assert.Equal(0, exit);
        var row = JsonDocument.Parse(output).RootElement[0];
        Assert.Equal("DE", row.GetProperty("donor").GetString());
        Assert.Equal(1_500_000_000m, row.GetProperty("amount").GetDecimal());
        Assert.True(row.GetProperty("id").GetInt64() > 0);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "Germany", "--system", "Patriot battery", "--quantity", "1", "--date", "2024-06-12")).Exit);
        Assert.Equal(2, await cli.CountAsync("pledge_versions"));
    }

    [Fact]
    public async Task A_likely_duplicate_is_refused_unless_forced()
    {
        var cli = await CliRunner.CreateAsync(pg);
        string[] args = ["add", "--donor", "AU", "--amount", "20m", "--currency", "AUD", "--date", "2024-05-31"];
        Assert.Equal(0, (await cli.RunAsync(args)).Exit);
        var (exit, _, err) = await cli.RunAsync(["add", "--donor", "AUS", "--amount", "20000000", "--currency", "AUD", "--date", "2024-06-10"]);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("likely duplicate of pledge", err);
        Assert.Equal(1, await cli.CountAsync("pledge_versions"));
        Assert.Equal(0, (await cli.RunAsync([.. args, "--force"])).Exit);
        Assert.Equal(2, await cli.CountAsync("pledge_versions"));
    }

    [Fact]
    public async Task Sql_metacharacters_in_text_fields_are_stored_literally()
    {
        var cli = await CliRunner.CreateAsync(pg);
        const string note = "x'); DROP TABLE pledges; --";
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "DE", "--amount", "5m", "--currency", "EUR", "--note", note)).Exit);
        var (_, output, _) = await cli.RunAsync("list", "--format", "json");
        Assert.Equal(note, JsonDocument.Parse(output).RootElement[0].GetProperty("note").GetString());
    }

    [Fact]
    public async Task Amend_and_retract_add_versions_that_history_shows()
    {
        var cli = await CliRunner.CreateAsync(pg);
        var (_, added, _) = await cli.RunAsync("add", "--donor", "IT", "--system", "SAMP/T", "--quantity", "1", "--date", "2024-06-12", "--format", "json");
        var id = JsonDocument.Parse(added).RootElement[0].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, (await cli.RunAsync("amend", id, "--quantity", "2", "--reason", "second system confirmed")).Exit);
        Assert.Equal(ExitCodes.BadInput, (await cli.RunAsync("amend", id, "--quantity", "0", "--reason", "bad")).Exit);
        Assert.Equal(0, (await cli.RunAsync("retract", id, "--reason", "announcement withdrawn")).Exit);
        var (exit, history, _) = await cli.RunAsync("history", id, "--format", "json");
        Assert.Equal(0, exit);
        var versions = JsonDocument.Parse(history).RootElement.EnumerateArray().ToList();
        Assert.Equal(3, versions.Count);
        Assert.Equal(1, versions[0].GetProperty("quantity").GetInt64());
        Assert.Equal(2, versions[1].GetProperty("quantity").GetInt64());
        Assert.Equal("second system confirmed", versions[1].GetProperty("reason").GetString());
        Assert.True(versions[2].GetProperty("retracted").GetBoolean());
        var (_, list, _) = await cli.RunAsync("list", "--format", "json");
        Assert.Equal(0, JsonDocument.Parse(list).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Totals_json_rows_carry_the_documented_keys()
    {
        var cli = await CliRunner.CreateAsync(pg);
        await cli.RunAsync("add", "--donor", "DE", "--amount", "500m", "--currency", "EUR", "--date", "2024-05-31");
        await cli.RunAsync("add", "--donor", "DE", "--system", "Patriot", "--quantity", "1", "--date", "2024-05-31");
        await cli.RunAsync("add", "--donor", "AU", "--amount", "20m", "--currency", "AUD", "--date", "2024-05-31");
        var (exit, output, err) = await cli.RunAsync("totals", "--format", "json");
        Assert.Equal(0, exit);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("donor").GetString()!);
        foreach (var key in new[] { "donor", "donor_name", "pledges", "eur", "unconverted", "equipment_items" })
        {
            Assert.True(rows["DE"].TryGetProperty(key, out _), key);
        }
        Assert.Equal(500_000_000m, rows["DE"].GetProperty("eur").GetDecimal());
        Assert.Equal(1, rows["DE"].GetProperty("equipment_items").GetInt64());
        Assert.Equal(20_000_000m, rows["AU"].GetProperty("unconverted")[0].GetProperty("amount").GetDecimal());
        Assert.Contains("no EUR rate", err);
        var (_, csv, _) = await cli.RunAsync("totals", "--format", "csv");
        Assert.StartsWith("key,label,donor,donor_name,pledges,eur,eur_once,eur_multi_year,eur_annual_per_year,unconverted", csv);
    }

    [Fact]
    public async Task Unknown_pledge_ids_and_bad_options_are_bad_input()
    {
        var cli = await CliRunner.CreateAsync(pg);
        Assert.Equal(ExitCodes.BadInput, (await cli.RunAsync("show", "999")).Exit);
        Assert.Equal(ExitCodes.BadInput, (await cli.RunAsync("history", "abc")).Exit);
        Assert.Equal(ExitCodes.BadInput, (await cli.RunAsync("list", "--from", "2024-07-01", "--to", "2024-01-01")).Exit);
        Assert.Equal(ExitCodes.BadInput, (await cli.RunAsync("totals", "--by", "planet")).Exit);
        Assert.Equal(ExitCodes.BadInput, (await cli.RunAsync("frobnicate")).Exit);
    }

    [Fact]
    public async Task A_database_that_is_down_exits_3_with_one_line()
    {
        var cli = new CliRunner(new Storage.LedgerLocation("Host=127.0.0.1;Port=1;Username=x;Password=secret;Timeout=3", "/tmp"));
        var (exit, _, err) = await cli.RunAsync("list");
        Assert.Equal(ExitCodes.Environment, exit);
        Assert.Single(err.Trim().Split('\n'));
        Assert.DoesNotContain("secret", err);
    }

    [Fact]
    public async Task Db_check_finds_a_damaged_derived_table_and_repair_refills_it()
    {
        var cli = await CliRunner.CreateAsync(pg);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "DE", "--amount", "500m", "--currency", "EUR", "--date", "2024-06-03")).Exit);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "GB", "--amount", "242m", "--currency", "GBP", "--date", "2024-06-13")).Exit);
        await PostgresFixture.ExecAsync(cli.Location.ConnectionString!,
            "INSERT INTO fx_rates (rate_date, currency, units_per_eur) VALUES ('2024-06-13', 'GBP', 0.84468)");
        var (exit, output, _) = await cli.RunAsync("db", "check", "--format", "json");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.All(JsonDocument.Parse(output).RootElement.EnumerateArray(), r => Assert.Equal(0, r.GetProperty("differences").GetInt64()));
        var (_, before, _) = await cli.RunAsync("totals", "--format", "json");

        // Damage the roll-up and the daily rates as a bug or a hand edit would.
        await PostgresFixture.ExecAsync(cli.Location.ConnectionString!, "UPDATE pledge_totals SET eur = eur + 1 WHERE donor_code = 'DE'; DELETE FROM fx_daily WHERE currency = 'GBP'");
        (exit, output, var err) = await cli.RunAsync("db", "check", "--format", "json");
        Assert.Equal(ExitCodes.PartlyFailed, exit);
        var differs = JsonDocument.Parse(output).RootElement.EnumerateArray().Where(r => r.GetProperty("differences").GetInt64() > 0)
            .Select(r => r.GetProperty("table").GetString()).Order().ToList();
        Assert.Equal(["fx_daily", "pledge_totals"], differs);
        Assert.Contains("--repair", err);

        (exit, _, err) = await cli.RunAsync("db", "check", "--repair");
        Assert.True(exit == ExitCodes.Ok, err);
        var (_, after, _) = await cli.RunAsync("totals", "--format", "json");
        Assert.Equal(before, after);
    }
}
