namespace PledgeLedger.Core.Tests;

public class AmountsTests
{
    [Theory]
    [InlineData("500m", "500000000")]
    [InlineData("1.5bn", "1500000000")]
    [InlineData("500000000", "500000000")]
    [InlineData("2,500,000", "2500000")]
    [InlineData("20 mln", "20000000")]
    [InlineData("0.5", "0.5")]
    public void Parses_the_ways_people_type_amounts(string text, string expected)
    {
        Assert.True(Amounts.TryParse(text, out var amount));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("1e400")]
    [InlineData("1e5")]
    [InlineData("")]
    [InlineData("1,23")]
    [InlineData("5..5")]
    [InlineData("99999999999999999999999999bn")]
    public void Rejects_what_is_not_an_amount(string text) => Assert.False(Amounts.TryParse(text, out _));
}
