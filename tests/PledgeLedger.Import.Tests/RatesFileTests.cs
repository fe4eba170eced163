using PledgeLedger.Tests;

namespace PledgeLedger.Import.Tests;

public class RatesFileTests
{
    private static RatesParseResult ParseText(string text) => RatesFile.Parse(new StringReader(text), "rates.csv");

    [SkippableFact]
    public void Reads_the_ECB_history_as_published()
    {
        var path = SharedData.Require("data/ecb/eurofxref-hist.csv");

        var result = RatesFile.Parse(path);

        Assert.Equal(RatesFile.EcbFormat, result.Format);
        Assert.Empty(result.Problems);
        Assert.True(result.Rates.Count > 150_000, $"only {result.Rates.Count} rates");
        Assert.Contains(new FxRate(new DateOnly(2024, 5, 31), "USD", 1.0852m), result.Rates);
        Assert.Equal(new DateOnly(2025, 5, 9), result.Rates.Max(r => r.Date));
        Assert.Equal(new DateOnly(1999, 1, 4), result.Rates.Min(r => r.Date));
    }

    [SkippableFact]
    public void Skips_the_ECB_N_A_gaps_silently()
    {
        var path = SharedData.Require("data/ecb/eurofxref-hist.csv");

        var result = RatesFile.Parse(path);

        // The Cyprus pound ended with the euro in 2008: no CYP rate on the last day, no problem either.
        Assert.DoesNotContain(result.Rates, r => r.Currency == "CYP" && r.Date == new DateOnly(2025, 5, 9));
        Assert.Contains(result.Rates, r => r.Currency == "CYP" && r.Date == new DateOnly(1999, 1, 4));
    }

    [Fact]
    public void Reads_a_small_ECB_file_with_gaps_and_a_trailing_comma()
    {
        var result = ParseText("Date,USD,JPY,CYP,\n2024-05-31,1.0848,170.46,N/A,\n2024-05-30,1.0823,,N/A,\n");

        Assert.Equal(RatesFile.EcbFormat, result.Format);
        Assert.Empty(result.Problems);
        Assert.Equal(3, result.Rates.Count);
        Assert.Contains(new FxRate(new DateOnly(2024, 5, 30), "USD", 1.0823m), result.Rates);
    }

    [Fact]
    public void Reads_the_plain_date_currency_rate_format()
    {
        var result = ParseText("date,currency,units_per_eur\n2024-05-31,USD,1.0848\n2024-05-31,gbp,0.85130\n");

        Assert.Equal(RatesFile.PlainFormat, result.Format);
        Assert.Empty(result.Problems);
        Assert.Equal([new FxRate(new DateOnly(2024, 5, 31), "USD", 1.0848m), new FxRate(new DateOnly(2024, 5, 31), "GBP", 0.8513m)], result.Rates);
    }

    [Fact]
    public void Keeps_every_digit_of_a_rate()
    {
        var result = ParseText("date,currency,units_per_eur\n2024-05-31,IDR,17633.123456789012345\n");

        Assert.Equal(17633.123456789012345m, Assert.Single(result.Rates).UnitsPerEur);
    }

    [Theory]
    [InlineData("currency,date,rate\n2024-05-31,USD,1.08\n", 1, "header", ImportMessages.WrongHeader)]
    [InlineData("", 1, "header", ImportMessages.WrongHeader)]
    [InlineData("date,currency,units_per_eur\n2024-05-31,USD,abc\n", 2, "units_per_eur", ImportMessages.NotANumber)]
    [InlineData("date,currency,units_per_eur\n2024-05-31,USD,-1.08\n", 2, "units_per_eur", ImportMessages.NotPositive)]
    [InlineData("date,currency,units_per_eur\n2024-05-31,USD,0\n", 2, "units_per_eur", ImportMessages.NotPositive)]
    [InlineData("date,currency,units_per_eur\n2024-05-31,XYZ,1.08\n", 2, "currency", ImportMessages.UnknownCurrency)]
    [InlineData("date,currency,units_per_eur\n31.05.2024,USD,1.08\n", 2, "date", ImportMessages.BadDate)]
    [InlineData("date,currency,units_per_eur\n2024-05-31,USD\n", 2, "units_per_eur", ImportMessages.MissingValue)]
    [InlineData("Date,USD,JPY,\n2024-05-31,1.08,x1,\n", 2, "JPY", ImportMessages.NotANumber)]
    [InlineData("Date,USD,JPY,\n2024-05-31,1.08,-170,\n", 2, "JPY", ImportMessages.NotPositive)]
    [InlineData("Date,USD,QQQ,\n2024-05-31,1.08,2,\n", 1, "QQQ", ImportMessages.UnknownCurrency)]
    [InlineData("Date,USD,JPY,\n2024-02-30,1.08,170,\n", 2, "Date", ImportMessages.BadDate)]
    public void Reports_one_problem_with_file_and_line_for_each_bad_input(string text, int line, string field, string code)
    {
        var result = ParseText(text);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("rates.csv", line, field, code), (problem.File, problem.Line, problem.Field, problem.Code));
        Assert.StartsWith($"rates.csv:{line}: {field}: ", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem.ToString());
    }

    [Fact]
    public void Refuses_a_file_with_a_wrong_header_whole()
    {
        var result = ParseText("when,what,how much\n2024-05-31,USD,1.08\n2024-05-30,USD,1.07\n");

        Assert.Empty(result.Rates);
        Assert.Equal(ImportMessages.WrongHeader, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Goes_on_past_a_bad_row()
    {
        var result = ParseText("date,currency,units_per_eur\n2024-05-31,USD,abc\n2024-05-30,USD,1.07\n");

        Assert.Single(result.Problems);
        Assert.Single(result.Rates);
    }

    [Fact]
    public void Reports_an_unreadable_file_instead_of_throwing()
    {
        var result = RatesFile.Parse("/nonexistent/rates.csv");

        Assert.Equal(ImportMessages.FileUnreadable, Assert.Single(result.Problems).Code);
    }
}
