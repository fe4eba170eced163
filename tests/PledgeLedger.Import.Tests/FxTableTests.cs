using PledgeLedger.Tests;

namespace PledgeLedger.Import.Tests;

public class FxTableTests
{
    private static readonly DateOnly Friday = new(2024, 5, 31);
    private static readonly FxTable Table = new([
        new FxRate(new DateOnly(2024, 5, 30), "USD", 1.0823m),
        new FxRate(Friday, "USD", 1.0848m),
        new FxRate(new DateOnly(2024, 6, 3), "USD", 1.0850m),
    ]);

    [Fact]
    public void Converts_with_the_rate_of_the_day()
    {
        Assert.True(Table.TryConvert(1084.8m, "USD", Friday, out var eur, out var rateDate, out var rate));

        Assert.Equal(1000m, eur);
        Assert.Equal(Friday, rateDate);
        Assert.Equal(1.0848m, rate);
    }

    [Fact]
    public void Converts_on_a_weekend_with_Fridays_rate()
    {
        Assert.True(Table.TryConvert(100m, "USD", new DateOnly(2024, 6, 2), out _, out var rateDate, out var rate));

        Assert.Equal(Friday, rateDate);
        Assert.Equal(1.0848m, rate);
    }

    [Fact]
    public void Never_uses_a_later_rate()
    {
        Assert.False(Table.TryConvert(100m, "USD", new DateOnly(2024, 5, 1), out var eur, out _, out _));
        Assert.Equal(0m, eur);
    }

    [Fact]
    public void Does_not_convert_an_undated_amount()
    {
        Assert.False(Table.TryConvert(100m, "USD", null, out _, out _, out _));
    }

    [Fact]
    public void Does_not_convert_a_currency_without_rates()
    {
        Assert.False(Table.TryConvert(100m, "GBP", Friday, out _, out _, out _));
    }

    [Fact]
    public void Takes_euros_one_to_one_with_the_day_itself_as_rate_date()
    {
        Assert.True(Table.TryConvert(123.456m, "EUR", new DateOnly(2024, 6, 1), out var eur, out var rateDate, out var rate));

        Assert.Equal((123.456m, new DateOnly(2024, 6, 1), 1m), (eur, rateDate, rate));
    }

    [Fact]
    public void Rounds_once_at_the_end_to_even_cents()
    {
        Assert.Equal(0.12m, FxTable.RoundEur(0.125m));
        Assert.Equal(0.14m, FxTable.RoundEur(0.135m));
        // Three amounts of 1/3 EUR each: rounding each would give 0.99, the total is 1.00.
        var third = 1m / 3m;
        var total = Table.Total([(third, "EUR", Friday), (third, "EUR", Friday), (third, "EUR", Friday)]);
        Assert.Equal(1.00m, total.Eur);
    }

    [Fact]
    public void Lists_amounts_it_cannot_convert_instead_of_counting_them_as_zero()
    {
        var total = Table.Total([(100m, "EUR", null), (108.48m, "USD", Friday), (5m, "USD", null), (5m, "GBP", Friday)]);

        Assert.Equal(200m, total.Eur);
        Assert.Equal(2, total.Converted);
        Assert.Equal([2, 3], total.Unconverted);
    }

    [Fact]
    public void Skips_identical_rates_on_re_import()
    {
        var existing = new[] { new FxRate(Friday, "USD", 1.0848m) };
        var incoming = new[] { new FxRate(Friday, "USD", 1.08480m), new FxRate(Friday, "GBP", 0.8513m) };

        var merge = FxTable.MergeConflicts(existing, incoming);

        Assert.Equal([new FxRate(Friday, "GBP", 0.8513m)], merge.New);
        Assert.Single(merge.Identical);
        Assert.Empty(merge.Conflicts);
        Assert.Empty(FxTable.MergeConflicts(existing.Concat(merge.New), incoming).New);
    }

    [Fact]
    public void Reports_a_conflicting_rate_and_keeps_the_held_one()
    {
        var existing = new[] { new FxRate(Friday, "USD", 1.0848m) };

        var merge = FxTable.MergeConflicts(existing, [new FxRate(Friday, "USD", 1.0900m)]);

        var conflict = Assert.Single(merge.Conflicts);
        Assert.Equal(1.0848m, conflict.Existing.UnitsPerEur);
        Assert.Empty(merge.New);
        var problem = Assert.Single(FxTable.Describe("rates.csv", merge.Conflicts));
        Assert.Equal(ImportMessages.RateConflict, problem.Code);
        Assert.Contains("2024-05-31", problem.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Converts_with_the_ECB_file_on_a_Sunday()
    {
        var table = new FxTable(RatesFile.Parse(SharedData.Require("data/ecb/eurofxref-hist.csv")).Rates);

        Assert.True(table.TryConvert(1_085_200m, "USD", new DateOnly(2024, 6, 2), out var eur, out var rateDate, out _));

        Assert.Equal(Friday, rateDate);
        Assert.Equal(1_000_000.00m, FxTable.RoundEur(eur));
    }
}

public class FxTableEdgeTests
{
    [Fact]
    public void Takes_an_undated_euro_amount_as_it_is()
    {
        var table = new FxTable([]);

        Assert.True(table.TryConvert(5m, "EUR", null, out var eur, out var rateDate, out var rate));
        Assert.Equal((5m, default(DateOnly), 1m), (eur, rateDate, rate));
    }

    [Fact]
    public void Keeps_the_first_of_two_rates_for_one_day()
    {
        var day = new DateOnly(2024, 5, 31);
        var table = new FxTable([new FxRate(day, "USD", 1.08m), new FxRate(day, "USD", 2m)]);

        Assert.True(table.TryRate("USD", day, out _, out var rate));
        Assert.Equal(1.08m, rate);
        Assert.Equal(1, table.Count);
    }
}
