using System.Text.Json;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

[Collection("db")]
public sealed class RatesCommandTests(PostgresFixture pg)
{
    private const string EcbSample = """
        Date,USD,JPY,GBP,RUB,
        2024-06-14,1.0686,168.61,0.84290,N/A,
        2024-06-13,1.0785,169.19,0.84460,N/A,
        2024-06-12,1.0803,169.84,0.84290,N/A,
        """;

    [SkippableFact]
    public async Task The_ECB_history_imports_every_rate_and_a_second_import_changes_nothing()
    {
        var ecb = SharedData.Require("data/ecb/eurofxref-hist.csv");
        var cli = await MoneyRunner.CreateAsync(pg);
        var (exit, output, err) = await cli.RunAsync("rates", "import", ecb);
        Assert.True(exit == 0, err);
        Assert.Contains("210545 rates read, 210545 inserted", output);
        Assert.Equal(210545, await cli.CountAsync("fx_rates"));

        (exit, output, _) = await cli.RunAsync("rates", "import", ecb);
        Assert.Equal(0, exit);
        Assert.Contains("0 inserted, 210545 already there, 0 conflicting", output);
        Assert.Equal(210545, await cli.CountAsync("fx_rates"));
    }

    [Fact]
    public async Task An_ECB_format_file_imports_and_reimports_idempotently()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var file = cli.Write("ecb.csv", EcbSample);
        var (exit, output, err) = await cli.RunAsync("rates", "import", file);
        Assert.True(exit == 0, err);
        Assert.Contains("9 rates read, 9 inserted", output);
        (exit, output, _) = await cli.RunAsync("rates", "import", file);
        Assert.Equal(0, exit);
        Assert.Contains("0 inserted, 9 already there", output);
        Assert.Equal(9, await cli.CountAsync("fx_rates"));
    }

    [Fact]
    public async Task The_zip_the_ECB_serves_imports_without_unzipping()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var zipPath = Path.Combine(cli.Home, "eurofxref-hist.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(zipPath, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("eurofxref-hist.csv").Open());
            writer.Write(EcbSample.ReplaceLineEndings("\n"));
        }
        var (exit, output, err) = await cli.RunAsync("rates", "import", zipPath);
        Assert.True(exit == 0, err);
        Assert.Contains("eurofxref-hist.csv (ecb): 9 rates read, 9 inserted", output);
    }

    [Fact]
    public async Task A_conflicting_rate_is_reported_with_file_and_line_and_not_replaced()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        Assert.Equal(0, (await cli.RunAsync("rates", "import", cli.Write("ecb.csv", EcbSample))).Exit);
        var plain = cli.Write("mine.csv", "date,currency,units_per_eur\n2024-06-17,USD,1.0715\n2024-06-14,USD,1.2\n");
        var (exit, output, err) = await cli.RunAsync("rates", "import", plain);
        Assert.Equal(ExitCodes.PartlyFailed, exit);
        Assert.Contains("mine.csv:3: USD: 2024-06-14: the ledger holds 1.0686, the file says 1.2; kept the held rate", err);
        Assert.Contains("1 inserted, 0 already there, 1 conflicting", output);
        var (_, shown, _) = await cli.RunAsync("rates", "show", "USD", "--on", "2024-06-14", "--format", "json");
        Assert.Equal(1.0686m, JsonDocument.Parse(shown).RootElement[0].GetProperty("units_per_eur").GetDecimal());
    }

    [Fact]
    public async Task Two_different_rates_for_one_day_in_one_file_keep_the_first_and_report_the_second()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var file = cli.Write("twice.csv", "date,currency,units_per_eur\n2024-06-14,USD,1.0686\n2024-06-13,USD,1.0785\n2024-06-14,USD,1.5\n");
        var (exit, _, err) = await cli.RunAsync("rates", "import", file);
        Assert.Equal(ExitCodes.PartlyFailed, exit);
        Assert.StartsWith("twice.csv:4: USD: 2024-06-14: rate 1.5 conflicts with 1.0686 earlier in the file (line 2); kept the first", err);
        Assert.Equal(1.0686m, await cli.ScalarAsync<decimal>("SELECT units_per_eur FROM fx_rates WHERE rate_date = '2024-06-14'"));
    }

    [Fact]
    public async Task An_ECB_file_conflict_names_the_line_of_its_date()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        await cli.RunAsync("rates", "import", cli.Write("mine.csv", "date,currency,units_per_eur\n2024-06-13,GBP,0.9\n"));
        var (exit, _, err) = await cli.RunAsync("rates", "import", cli.Write("ecb.csv", EcbSample));
        Assert.Equal(ExitCodes.PartlyFailed, exit);
        Assert.Equal("ecb.csv:3: GBP: 2024-06-13: the ledger holds 0.9, the file says 0.84460; kept the held rate (rates are never replaced)", err.Trim());
        Assert.Equal(9, await cli.CountAsync("fx_rates"));
    }

    [Fact]
    public async Task A_rates_file_with_a_wrong_header_is_refused_whole_and_nothing_is_written()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var file = cli.Write("wrong.csv", "day,code,rate\n2024-06-14,USD,1.0686\n");
        var (exit, _, err) = await cli.RunAsync("rates", "import", file);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("wrong.csv:1: header: not a rates file", err);
        Assert.Equal(0, await cli.CountAsync("fx_rates"));
    }

    [Fact]
    public async Task Bad_rows_are_reported_one_line_each_and_the_good_rows_are_imported()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var file = cli.Write("rates.csv", """
            date,currency,units_per_eur
            2024-06-14,USD,1.0686
            2024-06-14,GBP,abc
            2024-06-14,JPY,-168.6
            2024-06-14,XYZ,1.5
            2024-13-14,CHF,0.95
            2024-06-13,USD,1.0785
            """);
        var (exit, output, err) = await cli.RunAsync("rates", "import", file);
        Assert.Equal(ExitCodes.PartlyFailed, exit);
        var lines = err.Trim().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("rates.csv:3: units_per_eur: 'abc' is not a number", lines[0]);
        Assert.StartsWith("rates.csv:4: units_per_eur: rate -168.6 must be above zero", lines[1]);
        Assert.StartsWith("rates.csv:5: currency: 'XYZ' is not a known ISO 4217 currency code", lines[2]);
        Assert.StartsWith("rates.csv:6: date: '2024-13-14' is not a date", lines[3]);
        Assert.Contains("2 inserted", output);
        Assert.Equal(2, await cli.CountAsync("fx_rates"));
    }

    [Fact]
    public async Task Rates_show_on_a_weekend_uses_the_Friday_rate_and_says_so()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        await cli.RunAsync("rates", "import", cli.Write("ecb.csv", EcbSample));
        var (exit, output, _) = await cli.RunAsync("rates", "show", "usd", "--on", "2024-06-16");
        Assert.Equal(0, exit);
        Assert.Contains("USD on 2024-06-16 (Sunday): 1.0686 USD per EUR, the rate of 2024-06-14 (Friday)", output);
        (_, output, _) = await cli.RunAsync("rates", "show", "USD", "--on", "2024-06-16", "--format", "json");
        var row = JsonDocument.Parse(output).RootElement[0];
        Assert.Equal("2024-06-14", row.GetProperty("rate_date").GetString());
        Assert.Equal(2, row.GetProperty("days_back").GetInt32());
    }

    [Fact]
    public async Task Rates_show_says_there_is_none_beyond_seven_days()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        await cli.RunAsync("rates", "import", cli.Write("ecb.csv", EcbSample));
        var (exit, output, _) = await cli.RunAsync("rates", "show", "USD", "--on", "2024-06-22");
        Assert.Equal(0, exit);
        Assert.StartsWith("no USD rate for 2024-06-22 or the 7 days before it", output);
        (_, output, _) = await cli.RunAsync("rates", "show", "USD", "--on", "2024-06-21");
        Assert.Contains("the rate of 2024-06-14", output);
    }

    [Fact]
    public async Task Rates_list_filters_by_currency_and_dates()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        await cli.RunAsync("rates", "import", cli.Write("ecb.csv", EcbSample));
        var (exit, output, _) = await cli.RunAsync("rates", "list", "--currency", "GBP", "--from", "2024-06-13", "--format", "json");
        Assert.Equal(0, exit);
        var rows = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), r => Assert.Equal("GBP", r.GetProperty("currency").GetString()));
    }
}
