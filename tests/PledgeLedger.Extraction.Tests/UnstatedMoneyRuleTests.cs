using PledgeLedger.Core;

namespace PledgeLedger.Extraction.Tests;

/// <summary>
/// Money committed without a figure (issue 9): a money pledge with no amount when the text identifies it (a purpose, a
/// channel, a share of GDP, a currency named without a figure), and nothing for vague promises. Every sentence here is
/// written for the test.
/// </summary>
public sealed class UnstatedMoneyRuleTests
{
    private static IReadOnlyList<CandidatePledge> Run(string text) => RuleText.Extract(text, new DateOnly(2024, 9, 12)).Pledges;

    private static CandidatePledge Unstated(IReadOnlyList<CandidatePledge> found) =>
        Assert.Single(found, p => p.Pledge.Kind == PledgeKind.Money && p.Pledge.Amount is null);

    [Fact]
    public void Financial_support_for_a_named_purpose_is_money_without_a_figure()
    {
        var r = Run("Finland also pledged 40 cargo trucks and financial support for the repair of Ukrainian artillery barrels.");
        var u = Unstated(r);
        Assert.Equal("FI", u.Pledge.DonorCode);
        Assert.Null(u.Pledge.Currency);
        Assert.Equal(PledgeStatus.Pledged, u.Pledge.Status);
        Assert.Contains("repair of Ukrainian artillery barrels", u.Pledge.Note, StringComparison.Ordinal);
        // The trucks stay an equipment pledge of their own.
        Assert.Contains(r, p => p.Pledge.Kind == PledgeKind.Equipment && p.Pledge.Quantity == 40);
    }

    [Fact]
    public void Funding_to_help_buy_something_is_money_without_a_figure()
    {
        var u = Unstated(Run("Oslo will provide funding to help Ukraine buy mine-clearing equipment."));
        Assert.Equal("NO", u.Pledge.DonorCode);
    }

    [Fact]
    public void Funding_from_a_named_giver_through_a_channel_is_the_givers()
    {
        var r = Run("Around £200m will come from Britain, with additional funding from Sweden through the NATO trust fund for Ukraine.");
        var u = Unstated(r);
        Assert.Equal("SE", u.Pledge.DonorCode);
        Assert.Contains("NATO trust fund", u.Pledge.Note, StringComparison.Ordinal);
        Assert.Contains(r, p => p.Pledge.DonorCode == "GB" && p.Pledge.Amount == 200_000_000m);
    }

    [Fact]
    public void A_share_of_gdp_given_to_ukraine_is_money_without_a_figure_with_the_share_in_the_note()
    {
        var u = Unstated(Run("Lithuania pledged to allocate 0.3 percent of its GDP annually to Ukraine for the next five years."));
        Assert.Equal("LT", u.Pledge.DonorCode);
        Assert.Equal(Period.Annual, u.Pledge.Period);
        Assert.Null(u.Pledge.Years); // the ledger keeps years on multi-year pledges only: the span is in the note
        Assert.Contains("0.3 percent of GDP a year for the next five years", u.Pledge.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_share_of_gdp_without_a_possessive_is_money_without_a_figure_too()
    {
        var u = Unstated(Run("Norway commits 0.2% of GDP a year to military support for Ukraine."));
        Assert.Equal("NO", u.Pledge.DonorCode);
        Assert.Contains("0.2% of GDP", u.Pledge.Note, StringComparison.Ordinal);
        Assert.DoesNotContain(Run("Spain will raise its defence spending to 2% of GDP next year."), p => p.Pledge.Kind == PledgeKind.Money);
    }

    [Fact]
    public void A_currency_named_without_a_figure_is_kept_and_its_conversion_dropped()
    {
        var u = Unstated(Run("The Slovak government announced a grant worth tens of millions of euros, equivalent to hundreds of millions of Czech crowns, for Ukrainian schools."));
        Assert.Equal("SK", u.Pledge.DonorCode);
        Assert.Equal("EUR", u.Pledge.Currency);
        var crowns = Unstated(Run("Sweden pledged hundreds of millions of crowns for demining in Ukraine."));
        Assert.Equal("SEK", crowns.Pledge.Currency);
    }

    [Theory]
    [InlineData("Denmark promised continued financial support for Ukraine.")]
    [InlineData("Belgium will send more support to Ukraine and offers political backing for its accession.")]
    [InlineData("Italy pledged financial support for Ukraine.")]
    [InlineData("Poland spends 4 percent of its GDP on defence and will keep supporting Ukraine.")]
    [InlineData("Ukraine asked for funding for air defence repairs.")]
    [InlineData("The war has cost the region hundreds of millions of euros.")]
    public void Vague_promises_requests_and_domestic_shares_are_not_money_pledges(string text)
    {
        var r = Run(text);
        Assert.DoesNotContain(r, p => p.Pledge.Kind == PledgeKind.Money && p.Pledge.Amount is null);
    }

    [Fact]
    public void A_phrase_with_its_own_sum_is_that_sum_not_a_second_pledge()
    {
        var r = Run("Austria committed EUR 12 million in funding for humanitarian demining in Ukraine.");
        var p = Assert.Single(r);
        Assert.Equal(12_000_000m, p.Pledge.Amount);
    }

    [Fact]
    public void A_part_of_an_announced_package_is_not_money_apart()
    {
        var r = Run("Norway announced its 12th aid package for Ukraine, including funding for the repair of power stations and 20 generators.");
        Assert.DoesNotContain(r, p => p.Pledge.Kind == PledgeKind.Money && p.Pledge.Amount is null);
    }

    [Fact]
    public void The_giver_is_the_sentences_own_not_one_named_later()
    {
        var r = Run("The minister also pledged funding for a field bakery which Spain and Portugal will ship to Ukraine.");
        Assert.DoesNotContain(r, p => p.Pledge.Kind == PledgeKind.Money && p.Pledge.Amount is null);
    }

    [Fact]
    public void The_jsonl_line_writes_a_null_amount()
    {
        var u = Unstated(Run("Finland also pledged financial support for the repair of Ukrainian artillery barrels."));
        Assert.Contains("\"amount\":null", ExtractJson.ToJsonLine(u), StringComparison.Ordinal);
    }
}
