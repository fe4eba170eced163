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

    private static string PdfText(string path)
    {
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(path);
        return string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    private async Task<string> ReportTextAsync(CliRunner cli, params string[] args)
    {
        var (exit, output, err) = await cli.RunAsync(["report", .. args, "--generated-at", "2024-12-01T00:00:00Z"]);
        Assert.True(exit == 0, err);
        return PdfText(output.Trim());
    }

    [Fact]
    public async Task Monthly_report_names_money_it_could_not_convert_instead_of_eur_0()
    {
        var cli = await MixedLedgerAsync();
        var text = await ReportTextAsync(cli, "monthly", "--month", "2024-09");
        Assert.Contains("2 new pledges from 2 donors: GBP 3,000,000,000 and USD 1,500,000,000 without an EUR rate", text);
        Assert.Contains("United Kingdom: GBP 3,000,000,000 without an EUR rate; 1 pledge", text);
        Assert.Contains("United States: USD 1,500,000,000 without an EUR rate; 1 pledge", text);
        Assert.DoesNotContain("EUR 0 in one-off", text);
        Assert.DoesNotContain("No one-off money", text);
        Assert.DoesNotContain("EUR 0 one-off", text);
        // The ranking names them with their own currency.
        Assert.Contains("United Kingdom GBP 3,000,000,000 without an EUR rate", text);
    }

    [Fact]
    public async Task Monthly_report_headings_and_ranking_count_multi_year_and_annual_money()
    {
        var cli = await MixedLedgerAsync();
        var text = await ReportTextAsync(cli, "monthly", "--month", "2024-06");
        Assert.Contains("Spain: EUR 1,000,000,000 in multi-year commitments; 1 pledge", text);
        Assert.Contains("Germany: EUR 40,000,000,000 a year in annual pledges; 1 pledge", text);
        Assert.Contains("EUR 1,000,000,000 in multi-year commitments and EUR 40,000,000,000 a year in annual pledges", text);
        // Spain's multi-year billion ranks second, after the EU's 50 bn, before the UK's GBP 242 m.
        var top = text[text.IndexOf("Top donors", StringComparison.Ordinal)..];
        Assert.True(top.IndexOf("Spain", StringComparison.Ordinal) < top.IndexOf("United Kingdom", StringComparison.Ordinal));
        Assert.Contains("Germany EUR 40,000,000,000 a year in annual pledges", top);
    }

    [Fact]
    public async Task Summary_and_ally_reports_name_unconverted_money_too()
    {
        var cli = await MixedLedgerAsync();
        var summary = await ReportTextAsync(cli, "summary", "--from", "2024-01-01", "--to", "2024-12-31");
        Assert.Contains("GBP 3,000,000,000 and USD 1,500,000,000 without an EUR rate", summary);
        var ally = await ReportTextAsync(cli, "ally", "GB");
        Assert.Contains("United Kingdom: 2 pledges (full record): EUR 285,411,015 one-off and GBP 3,000,000,000 without an EUR rate", ally.Replace("\n", " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cumulative_chart_has_one_label_per_month_in_order()
    {
        var cli = await MixedLedgerAsync();
        var text = await ReportTextAsync(cli, "summary", "--from", "2024-05-01", "--to", "2024-09-30");
        var months = System.Text.RegularExpressions.Regex.Matches(text, @"(?<![\d-])\d{4}-\d{2}(?![\d-])").Select(m => m.Value)
            .Where(m => m.StartsWith("2024-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["2024-05", "2024-06", "2024-07", "2024-08", "2024-09"], months);
    }

    [Fact]
    public async Task A_hand_entered_source_is_counted_in_src_and_listed_in_sources()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "PL", "--category", "artillery", "--quantity", "3", "--date", "2024-06-06",
            "--source", "https://example.org/pl-artillery")).Exit);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "DE", "--amount", "5m", "--currency", "EUR", "--date", "2024-06-07",
            "--source", "Bundestag press office, phone call")).Exit);
        var text = await ReportTextAsync(cli, "monthly", "--month", "2024-06");
        var sources = text[text.LastIndexOf("Sources", StringComparison.Ordinal)..];
        Assert.Contains("https://example.org/pl-artillery", sources);
        Assert.Contains("Bundestag press office, phone call", sources);
        Assert.DoesNotContain("No source documents", sources);
        // Src: one source each (the table row ends with it).
        Assert.Matches(@"#1 2024-06-06 artillery x 3 pledged exact once 1", text);
    }

    [Fact]
    public async Task Same_ledger_and_generated_at_give_the_same_bytes_an_hour_later()
    {
        var cli = await MixedLedgerAsync();
        async Task<byte[]> RenderAt(DateTimeOffset clock)
        {
            var env = new CliEnvironment
            {
                Out = new StringWriter(),
                Error = new StringWriter(),
                Variables = new Dictionary<string, string?> { ["PLEDGE_DB"] = cli.Location.ConnectionString, ["NO_COLOR"] = "1" },
                WorkingDirectory = _dir,
                Clock = new FixedClock(clock),
            };
            var exit = await PledgeCli.RunAsync(["report", "monthly", "--month", "2024-06", "--generated-at", "2024-12-01T00:00:00Z", "--out", "same.pdf"], env);
            Assert.Equal(0, exit);
            return File.ReadAllBytes(Path.Combine(_dir, "same.pdf"));
        }
        var first = await RenderAt(DateTimeOffset.UtcNow);
        var later = await RenderAt(DateTimeOffset.UtcNow.AddHours(1).AddMinutes(7));
        Assert.Equal(first, later);
        var latest = await PostgresFixture.ScalarAsync<DateTime>(cli.Location.ConnectionString!, "SELECT max(recorded_at) FROM pledge_versions");
        Assert.Contains($"Ledger as of {latest:yyyy-MM-dd HH:mm} UTC", PdfText(Path.Combine(_dir, "same.pdf")));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Ingest_warns_about_undated_pledges_and_redate_dates_a_documents_pledges_once()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var file = Path.Combine(_dir, "wire.txt");
        File.WriteAllText(file, "KYIV, June 12 (Reuters) - Germany has pledged 500 million euros in military aid to Ukraine.\n"
            + "Poland has pledged 20 Leopard 2A4 tanks to Ukraine, the ministry said.\n");
        var (exit, _, err) = await cli.RunAsync("ingest", file);
        Assert.True(exit == 0, err);
        Assert.Matches(@"warning: .*wire\.txt: \d+ pledges? undated: the document gives no date with a year", err);
        var (_, list, _) = await cli.RunAsync("list", "--format", "json");
        var pledges = JsonDocument.Parse(list).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(pledges);
        Assert.All(pledges, p => Assert.Equal(JsonValueKind.Null, p.GetProperty("date").ValueKind));

        // Re-ingesting with --date changes nothing (the document is known); redate does, a version per pledge.
        (exit, var output, err) = await cli.RunAsync("redate", file, "--date", "2024-06-12");
        Assert.True(exit == 0, err);
        Assert.Contains($"{pledges.Count} pledge", output);
        (_, list, _) = await cli.RunAsync("list", "--format", "json");
        Assert.All(JsonDocument.Parse(list).RootElement.EnumerateArray(), p =>
        {
            Assert.Equal("2024-06-12", p.GetProperty("date").GetString());
            Assert.Equal(2, p.GetProperty("version").GetInt32());
        });
        // Again: nothing left undated, nothing written.
        var versions = await cli.CountAsync("pledge_versions");
        (exit, output, err) = await cli.RunAsync("redate", file, "--date", "2024-06-13");
        Assert.Equal(0, exit);
        Assert.Contains("0 pledges dated", output);
        Assert.Contains("already dated", err);
        Assert.Equal(versions, await cli.CountAsync("pledge_versions"));
        Assert.Equal(ExitCodes.BadInput, (await cli.RunAsync("redate", "no-such.txt", "--date", "2024-06-12")).Exit);
    }

    [Theory]
    [InlineData("addd", "unknown command 'addd'; did you mean 'add'?")]
    [InlineData("report monthy --month 2024-06", "unknown command 'report monthy'; did you mean 'report monthly'?")]
    [InlineData("add --donor Germny --amount 5m --currency EUR", "--donor: 'Germny' is not a known donor; did you mean 'Germany'?")]
    [InlineData("add --donor DE --system Patriott --quantity 1", "--system: 'Patriott' is not in the equipment catalog; did you mean 'Patriot'?")]
    [InlineData("list --donor Frnace", "--donor: 'Frnace' is not a known donor; did you mean 'France'?")]
    [InlineData("add --donor Korea --amount 5m --currency EUR", "--donor: 'Korea' could be KR (South Korea) or KP (North Korea): give the code")]
    [InlineData("list --donor Congo", "--donor: 'Congo' could be CG (Republic of the Congo) or CD (Democratic Republic of the Congo)")]
    [InlineData("add --donor UA --amount 5m --currency EUR", "--donor: Ukraine is the recipient of this pledge; a donor cannot pledge to itself")]
    [InlineData("--db garbage list", "--db: not a connection string")]
    public async Task Small_mistakes_get_one_line_that_helps_and_exit_2(string args, string message)
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var (exit, _, err) = await cli.RunAsync(args.Split(' '));
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("error: " + message, err.Trim());
        Assert.DoesNotContain("Required command was not provided", err);
        Assert.Equal(0, await cli.CountAsync("pledge_versions"));
    }

    [Fact]
    public async Task Amend_refuses_a_change_to_nothing_and_a_silent_change_of_kind()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var (_, added, _) = await cli.RunAsync("add", "--donor", "FR", "--amount", "5m", "--currency", "EUR", "--date", "2024-06-03", "--format", "json");
        var id = JsonDocument.Parse(added).RootElement[0].GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (exit, _, err) = await cli.RunAsync("amend", id, "--donor", "France", "--amount", "5000000", "--reason", "same");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("already has these values", err);
        (exit, _, err) = await cli.RunAsync("amend", id, "--system", "F-16", "--quantity", "2", "--reason", "oops");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("is a money pledge; to make it equipment give --kind equipment", err);
        Assert.Equal(1, await cli.CountAsync("pledge_versions"));
        (exit, _, err) = await cli.RunAsync("amend", id, "--system", "F-16", "--quantity", "2", "--kind", "equipment", "--reason", "it was jets");
        Assert.True(exit == 0, err);
        Assert.Equal(2, await cli.CountAsync("pledge_versions"));
        var (_, help, _) = await cli.RunAsync("amend", "--help");
        Assert.DoesNotContain("default pledged", help);
        Assert.Contains("unchanged when not given", help);
    }

    [Fact]
    public async Task Add_warns_about_a_future_date_and_list_any_recipient_csv_has_the_recipient()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var (exit, _, err) = await cli.RunAsync("add", "--donor", "DE", "--amount", "5m", "--currency", "EUR", "--date", "2099-06-03");
        Assert.Equal(0, exit);
        Assert.Contains("warning: --date: 2099-06-03 is in the future", err);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "BY", "--recipient", "RU", "--system", "T-72", "--quantity", "3")).Exit);
        var (_, csv, _) = await cli.RunAsync("list", "--recipient", "any", "--format", "csv");
        var lines = csv.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var recipient = lines[0].Split(',').ToList().IndexOf("recipient");
        Assert.True(recipient >= 0);
        Assert.Equal(["RU", "UA"], lines.Skip(1).Select(l => l.Split(',')[recipient]).Order());
    }

    [Fact]
    public async Task Report_out_extension_sets_the_format_and_summary_by_date_has_its_own_name()
    {
        var cli = await MixedLedgerAsync();
        var (exit, output, err) = await cli.RunAsync("report", "monthly", "--month", "2024-06", "--out", "june.csv");
        Assert.True(exit == 0, err);
        Assert.StartsWith("section,", File.ReadAllText(output.Trim()));
        var (_, byCountry, _) = await cli.RunAsync("report", "summary", "--from", "2024-01-01", "--to", "2024-12-31");
        var (_, byDate, _) = await cli.RunAsync("report", "summary", "--from", "2024-01-01", "--to", "2024-12-31", "--by", "date");
        Assert.NotEqual(byCountry.Trim(), byDate.Trim());
        Assert.True(File.Exists(byCountry.Trim()) && File.Exists(byDate.Trim()));
    }

    [Fact]
    public async Task In_kind_estimates_say_what_they_cover_and_items_are_never_summed_across_systems()
    {
        var cli = await MixedLedgerAsync();
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "NL", "--system", "F-16", "--quantity", "18", "--date", "2024-06-20")).Exit);
        // The Netherlands: one Patriot (catalog unit value) and 18 F-16 (none): the estimate covers 1 of 19 items.
        var (_, json, _) = await cli.RunAsync("totals", "--in-kind", "--format", "json");
        var nl = JsonDocument.Parse(json).RootElement.EnumerateArray().Single(r => r.GetProperty("donor").GetString() == "NL");
        Assert.Equal(19, nl.GetProperty("equipment_items").GetInt64());
        Assert.Equal(1, nl.GetProperty("in_kind_valued_items").GetInt64());
        Assert.Equal("1 of 19 items valued", nl.GetProperty("in_kind_covers").GetString());
        Assert.Equal(1, nl.GetProperty("unquantified_equipment").GetInt32());

        var (_, table, _) = await cli.RunAsync("totals", "--in-kind");
        Assert.Contains("1 of 19 items valued", table);
        Assert.Contains("unquantified equipment", table);
        var total = table.Split('\n').Single(l => l.Contains("Total", StringComparison.Ordinal));
        Assert.DoesNotContain("24", total.Split('│')[Header(table).IndexOf("equipment items")]);

        var text = await ReportTextAsync(cli, "monthly", "--month", "2024-06");
        Assert.Contains("1 of 22 items valued", text); // June: Patriot 1, artillery 3, F-16 18
        Assert.Contains("equipment: 18 aircraft", text);
        Assert.Contains("no unit value", text);
    }

    private static List<string> Header(string table) =>
        table.Split('\n').First(l => l.Contains("equipment items", StringComparison.Ordinal)).Split('│').Select(c => c.Trim()).ToList();

    private static string Database(CliRunner cli) => new Npgsql.NpgsqlConnectionStringBuilder(cli.Location.ConnectionString).Database!;
}
