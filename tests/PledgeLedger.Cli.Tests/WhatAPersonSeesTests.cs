using System.Text.Json;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

/// <summary>Issue 11: what a person sees (the demo apart from real work, tables that fit, small things).</summary>
[Collection("db")]
public sealed class WhatAPersonSeesTests(PostgresFixture pg) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pledge-see-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Demo_runs_in_a_ledger_of_its_own_named_in_its_output_and_never_touches_the_users()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "FR", "--system", "CAESAR", "--quantity", "12", "--date", "2024-06-07")).Exit);
        var (exit, output, err) = await cli.RunAsync("demo");
        Assert.True(exit == 0, err);
        Assert.Contains("Denmark", output);
        var demoDb = new Npgsql.NpgsqlConnectionStringBuilder(cli.Location.ConnectionString) { Database = Database(cli) + "_demo" }.ConnectionString;
        Assert.Contains($"database {Database(cli)}_demo", err);
        Assert.Contains("pledge demo --clean", err);
        Assert.True(File.Exists(Path.Combine(_dir, "reports", "demo-monthly-2024-06.pdf")));

        // The user's ledger holds exactly what the user put there: one pledge, no rates.
        Assert.Equal(1, await cli.CountAsync("pledge_versions"));
        Assert.Equal(0, await cli.CountAsync("fx_rates"));
        var (_, list, _) = await cli.RunAsync("list", "--donor", "FR", "--format", "json");
        Assert.Single(JsonDocument.Parse(list).RootElement.EnumerateArray());

        // The demo's own ledger has the sample, once however often it runs.
        var pledges = await PostgresFixture.ScalarAsync<long>(demoDb, "SELECT count(*) FROM pledges");
        Assert.True(pledges >= 10);
        Assert.Equal(0, (await cli.RunAsync("demo")).Exit);
        Assert.Equal(pledges, await PostgresFixture.ScalarAsync<long>(demoDb, "SELECT count(*) FROM pledges"));

        // One command removes it; the user's ledger stays.
        (exit, _, err) = await cli.RunAsync("demo", "--clean");
        Assert.Equal(0, exit);
        Assert.Contains("demo ledger removed", err);
        Assert.False(await PostgresFixture.ScalarAsync<bool>(pg.AdminConnectionString, $"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = '{Database(cli)}_demo')"));
        Assert.Equal(1, await cli.CountAsync("pledge_versions"));
        (exit, _, err) = await cli.RunAsync("demo", "--clean");
        Assert.Equal(0, exit);
        Assert.Contains("no demo ledger to remove", err);
    }

    /// <summary>A ledger holding money with and without rates, multi-year and annual sums, equipment with and without quantity.</summary>
    private async Task<CliRunner> MixedLedgerAsync()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        await PostgresFixture.ExecAsync(cli.Location.ConnectionString!,
            "INSERT INTO fx_rates (rate_date, currency, units_per_eur) VALUES ('2024-06-13', 'GBP', 0.8479), ('2024-06-14', 'GBP', 0.84468), ('2024-06-13', 'NOK', 11.5)");
        string[][] adds =
        [
            ["--donor", "EU", "--amount", "50bn", "--currency", "EUR", "--date", "2024-06-01"],
            ["--donor", "United Kingdom", "--amount", "242m", "--currency", "GBP", "--date", "2024-06-13"],
            ["--donor", "GB", "--amount", "3bn", "--currency", "GBP", "--date", "2024-09-10"],
            ["--donor", "US", "--amount", "1.5bn", "--currency", "USD", "--date", "2024-09-12"],
            ["--donor", "ES", "--amount", "1bn", "--currency", "EUR", "--period", "multi_year", "--years", "3", "--date", "2024-06-15"],
            ["--donor", "DE", "--amount", "40bn", "--currency", "EUR", "--period", "annual", "--date", "2024-06-20"],
            ["--donor", "NL", "--system", "F-16", "--date", "2024-06-05"],
            ["--donor", "NL", "--system", "Patriot", "--quantity", "1", "--date", "2024-06-05"],
            ["--donor", "PL", "--category", "artillery", "--quantity", "3", "--date", "2024-06-06"],
            ["--donor", "Sweden", "--system", "early warning aircraft", "--quantity", "2", "--date", "2024-05-29"],
        ];
        foreach (var a in adds)
        {
            var (exit, _, err) = await cli.RunAsync(["add", .. a]);
            Assert.True(exit == 0, string.Join(' ', a) + ": " + err);
        }
        return cli;
    }

    /// <summary>Runs a command as on a terminal of the given width (tables fit it), plain text (NO_COLOR).</summary>
    private async Task<(int Exit, string Out, string Err)> OnTerminalAsync(CliRunner cli, int width, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = new CliEnvironment
        {
            Out = stdout,
            Error = stderr,
            OutputIsTerminal = true,
            TerminalWidth = width,
            Variables = new Dictionary<string, string?> { ["PLEDGE_DB"] = cli.Location.ConnectionString, ["NO_COLOR"] = "1" },
            WorkingDirectory = _dir,
            OpenStandardInput = () => new MemoryStream(),
        };
        var exit = await PledgeCli.RunAsync(args, env);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static void AssertFits(string output, int width)
    {
        foreach (var line in output.Split('\n')) Assert.True(line.TrimEnd('\r').Length <= width, $"wider than {width}: '{line}'");
    }

    [Theory]
    [InlineData("totals")]
    [InlineData("list")]
    public async Task Tables_fit_80_columns_with_every_value_whole_and_name_what_they_leave_out(string command)
    {
        var cli = await MixedLedgerAsync();
        var (exit, output, err) = await OnTerminalAsync(cli, 80, command);
        Assert.True(exit == 0, err);
        AssertFits(output, 80);
        // Whole values: a broken number or date would not appear as one piece.
        foreach (var whole in new[] { "50,000,000,000", "GBP 3,000,000,000", "USD 1,500,000,000" }) Assert.Contains(whole, output);
        if (command == "list")
        {
            Assert.Contains("2024-06-13", output);
            Assert.Contains("F-16 x ?", output);
            Assert.Contains("artillery (category) x 3", output);
        }
        else
        {
            Assert.Contains("United Kingdom", output);
            Assert.Contains("40,000,000,000", output); // the annual sum has its column
        }
        Assert.Contains("--wide shows all", output);

        // --wide shows every table column; a pipe too; CSV is unchanged by the terminal.
        var (_, wide, _) = await OnTerminalAsync(cli, 80, command, "--wide");
        var (_, piped, _) = await cli.RunAsync(command);
        var header = command == "list" ? "donor name" : "pledges";
        Assert.Contains(header, wide);
        Assert.Contains(header, piped);
        Assert.DoesNotContain("--wide shows all", piped);
        var (_, csvTerminal, _) = await OnTerminalAsync(cli, 80, command, "--format", "csv");
        var (_, csvPiped, _) = await cli.RunAsync(command, "--format", "csv");
        Assert.Equal(csvPiped, csvTerminal);
    }

    [Fact]
    public async Task Show_fits_80_columns_with_cents_and_list_csv_keeps_numbers_plain()
    {
        var cli = await MixedLedgerAsync();
        var (_, added, _) = await cli.RunAsync("add", "--donor", "FR", "--amount", "5413791955.5", "--currency", "EUR", "--date", "2024-06-03", "--format", "json");
        var id = JsonDocument.Parse(added).RootElement[0].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (exit, output, err) = await OnTerminalAsync(cli, 80, "show", id);
        Assert.True(exit == 0, err);
        AssertFits(output, 80);
        Assert.Contains("5,413,791,955.50", output);
        Assert.DoesNotContain("5,413,791,955.5 ", output);

        var (_, csv, _) = await cli.RunAsync("totals", "--format", "csv");
        Assert.Contains("USD 1500000000", csv);
        Assert.DoesNotContain("1500000000.0", csv);
    }

    [Fact]
    public async Task The_total_row_adds_the_rows_as_shown()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "DE", "--amount", "1000.4", "--currency", "EUR", "--date", "2024-06-03")).Exit);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "FR", "--amount", "1000.4", "--currency", "EUR", "--date", "2024-06-04")).Exit);
        var (_, output, _) = await cli.RunAsync("totals");
        var total = output.Split('\n').Single(l => l.Contains("Total", StringComparison.Ordinal));
        Assert.Contains("2,000", total); // 1,000 + 1,000 as shown, not 2,001 from the exact 2,000.80
        Assert.DoesNotContain("2,001", total);
        var (_, json, _) = await cli.RunAsync("totals", "--format", "json");
        Assert.Equal(1000.4m, JsonDocument.Parse(json).RootElement[0].GetProperty("eur").GetDecimal());
    }

    [Fact]
    public async Task Rates_list_shows_the_latest_rate_per_currency_with_every_digit_and_all_the_history()
    {
        var cli = await MixedLedgerAsync();
        var (_, output, _) = await cli.RunAsync("rates", "list", "--format", "csv");
        Assert.Equal(["date,currency,units_per_eur", "2024-06-14,GBP,0.84468", "2024-06-13,NOK,11.5"], output.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
        var (_, table, _) = await cli.RunAsync("rates", "list");
        Assert.Contains("0.84468", table);
        var (_, all, _) = await cli.RunAsync("rates", "list", "--all", "--format", "csv");
        Assert.Contains("2024-06-13,GBP,0.8479", all);
    }

    private static string Database(CliRunner cli) => new Npgsql.NpgsqlConnectionStringBuilder(cli.Location.ConnectionString).Database!;
}
