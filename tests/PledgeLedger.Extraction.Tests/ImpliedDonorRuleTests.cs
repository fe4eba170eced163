using PledgeLedger.Core;

namespace PledgeLedger.Extraction.Tests;

/// <summary>
/// Donors (and a few cues) a sentence leaves to its wording rather than a name (issue 9, sentences): a state's own
/// currency, US legislative and executive wording, ministers who stand for their state, sums that only compare or split
/// another, and what a sentence adds to. Every sentence here is written for the test.
/// </summary>
public sealed class ImpliedDonorRuleTests
{
    private static IReadOnlyList<CandidatePledge> Run(string text) => RuleText.Extract(text, new DateOnly(2024, 5, 2)).Pledges;

    private static string Show(IEnumerable<CandidatePledge> ps) => RuleText.Dump(ps);

    [Theory]
    [InlineData("The new support package is worth about SEK 2 billion.", "SE", "SEK", 2_000_000_000)]
    [InlineData("The new support package is worth about NOK 450 million.", "NO", "NOK", 450_000_000)]
    [InlineData("The donation package has a total value of DKK 610 million.", "DK", "DKK", 610_000_000)]
    [InlineData("My Government will grant new humanitarian support of CHF 40 million to Ukraine.", "CH", "CHF", 40_000_000)]
    [InlineData("The government will provide a further 7 billion yen in emergency aid to Ukraine.", "JP", "JPY", 7_000_000_000)]
    [InlineData("The package of military aid for Ukraine is worth £75 million.", "GB", "GBP", 75_000_000)]
    [InlineData("The new package for Ukraine is worth C$60 million.", "CA", "CAD", 60_000_000)]
    [InlineData("The new package for Ukraine is worth AUD 90 million.", "AU", "AUD", 90_000_000)]
    [InlineData("The new package for Ukraine is worth CZK 300 million.", "CZ", "CZK", 300_000_000)]
    public void A_states_own_currency_names_the_donor_when_nobody_is_named_and_the_pledge_waits_for_review(
        string text, string donor, string currency, long amount)
    {
        var r = Run(text);
        var p = Assert.Single(r, c => c.Pledge.Kind == PledgeKind.Money).Pledge;
        Assert.Equal(donor, p.DonorCode);
        Assert.Equal(currency, p.Currency);
        Assert.Equal(amount, p.Amount);
        Assert.True(p.NeedsReview, Show(r));
        Assert.Equal("donor inferred from the currency", p.ReviewReason);
    }

    [Fact]
    public void A_currency_spelled_with_its_country_names_the_donor_outright()
    {
        // "Swiss francs", "Czech crowns": the adjective is a donor mention of its own, so no inference (and no review) is needed.
        var p = Assert.Single(Run("The new package for Ukraine is worth 300 million Czech crowns.")).Pledge;
        Assert.Equal("CZ", p.DonorCode);
        Assert.Equal("CZK", p.Currency);
        Assert.Null(p.ReviewReason);
    }

    [Theory]
    [InlineData("The new support package is worth about EUR 2 billion.")]
    [InlineData("The new support package is worth about $2 billion.")]
    [InlineData("The new support package is worth about USD 2 billion.")]
    [InlineData("The new support package is worth about 2 billion crowns.")]
    public void Shared_or_open_currencies_name_no_donor(string text)
    {
        var r = Run(text);
        Assert.True(r.Count == 0, Show(r));
    }

    [Fact]
    public void The_sdr_is_the_unit_the_imf_lends_in()
    {
        var r = Run("The next disbursement of SDR 640 million for Ukraine is due once the review is completed.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal("IMF", p.DonorCode);
        Assert.Equal("XDR", p.Currency);
        Assert.Equal(640_000_000, p.Amount);
        Assert.Equal("donor inferred from the currency", p.ReviewReason);
    }

    [Fact]
    public void A_named_donor_beats_the_currency()
    {
        var r = Run("The Netherlands will give GBP 50 million to a fund that buys air defence for Ukraine.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal("NL", p.DonorCode);
        Assert.NotEqual("donor inferred from the currency", p.ReviewReason);
    }

    [Fact]
    public void The_donor_of_the_document_beats_the_currency()
    {
        var r = Run("Finland announced its new aid package for Ukraine on Monday.\n\nThe package is worth SEK 300 million.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal("FI", p.DonorCode);
    }

    [Fact]
    public void Sums_of_a_whole_stated_elsewhere_name_no_donor()
    {
        var r = Run("The full amount is to be paid out in rounds: DKK 2 billion this year and DKK 1 billion in 2026.");
        Assert.True(r.Count == 0, Show(r));
    }

    [Theory]
    [InlineData("The House voted 300-120 to pass a bill with $40 billion in aid for Ukraine.", 40_000_000_000, PledgeStatus.Proposed)]
    [InlineData("The Senate passed the aid bill, which holds $35 billion for Ukraine, late on Tuesday.", 35_000_000_000, PledgeStatus.Proposed)]
    [InlineData("The final spending bill includes $12 billion in assistance for Ukraine.", 12_000_000_000, PledgeStatus.Allocated)]
    [InlineData("Lawmakers approved $8 billion in new security assistance for Ukraine.", 8_000_000_000, PledgeStatus.Allocated)]
    public void US_legislative_wording_with_dollars_names_the_United_States(string text, long amount, PledgeStatus status)
    {
        var r = Run(text);
        var p = Assert.Single(r).Pledge;
        Assert.Equal("US", p.DonorCode);
        Assert.Equal(amount, p.Amount);
        Assert.Equal("USD", p.Currency);
        Assert.Equal(status, p.Status);
        Assert.True(p.NeedsReview, Show(r));
        Assert.Equal("donor inferred from US legislative wording", p.ReviewReason);
    }

    [Theory]
    [InlineData("The package includes $300 million for Ukraine's air defence.")]
    [InlineData("The House defence committee heard that a package of $20 million was sent to Ukraine.")]
    [InlineData("The bill includes EUR 40 million for Ukraine's energy grid.")]
    public void Without_US_wording_or_dollars_no_donor_is_guessed(string text)
    {
        var r = Run(text);
        Assert.True(r.Count == 0, Show(r));
    }

    [Fact]
    public void A_state_named_only_after_the_sum_as_the_enemy_does_not_stop_the_inferred_donor()
    {
        var r = Run("The bill includes $50 billion in aid for Ukraine as it fights Russia's invasion.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal("US", p.DonorCode);
        Assert.Equal(50_000_000_000m, p.Amount);
    }

    [Fact]
    public void A_minister_stands_for_the_state()
    {
        var r = Run("Robles said that 12 more armoured ambulances will also be sent to Ukraine.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal("ES", p.DonorCode);
        Assert.Equal(12, p.Quantity);
        Assert.Equal(PledgeStatus.Pledged, p.Status);
    }

    [Fact]
    public void What_the_sentence_adds_to_is_an_earlier_pledge()
    {
        var r = Run("In addition to the Leopard 2A6 tanks it promised earlier, Portugal will send 10 armoured ambulances to Ukraine.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal("PT", p.DonorCode);
        Assert.Equal(10, p.Quantity);
    }

    [Theory]
    [InlineData("Canada promises C$25 milllion in aid to Ukraine.", 25_000_000)]
    [InlineData("Canada promises C$2 billon in aid to Ukraine.", 2_000_000_000)]
    public void Common_typos_of_scale_words_keep_their_scale(string text, long amount)
    {
        var p = Assert.Single(Run(text)).Pledge;
        Assert.Equal(amount, p.Amount);
    }

    [Fact]
    public void A_sum_compared_with_another_is_not_a_pledge()
    {
        var r = Run("Sweden's new package of SEK 5 billion for Ukraine is SEK 2 billion more than the one before.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal(5_000_000_000m, p.Amount);
    }

    [Fact]
    public void Sums_that_split_the_sum_before_them_are_its_parts()
    {
        var r = Run("Norway disbursed NOK 10 billion to Ukraine this spring: NOK 4 billion in civilian aid and NOK 6 billion in military aid.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal(10_000_000_000m, p.Amount);
        Assert.Equal(PledgeStatus.Delivered, p.Status);
    }

    [Fact]
    public void A_package_that_amounts_to_a_total_is_its_size_not_a_running_total()
    {
        var r = RuleText.Extract("The contents of the new package for Ukraine amount to a total of about NOK 900 million.", new DateOnly(2024, 5, 2));
        var p = Assert.Single(r.Pledges).Pledge;
        Assert.Equal(900_000_000m, p.Amount);
        Assert.Empty(r.ReportedTotals);
    }

    [Fact]
    public void Distributed_money_is_delivered_and_funded_money_is_given()
    {
        var d = Assert.Single(Run("Denmark distributed DKK 300 million to Ukrainian hospitals.")).Pledge;
        Assert.Equal(PledgeStatus.Delivered, d.Status);
        var f = Assert.Single(Run("The reconstruction of Ukrainian schools will be funded by Sweden in the amount of SEK 500 million.")).Pledge;
        Assert.Equal("SE", f.DonorCode);
        Assert.Equal(500_000_000m, f.Amount);
    }

    [Fact]
    public void Will_share_and_take_on_are_verbs_of_giving()
    {
        var r = Run("The EU is expected to take on $30B, and Norway, Iceland and Switzerland will share the remaining $6B.");
        Assert.Contains(r, p => p.Pledge.Amount == 30_000_000_000m && p.Pledge.DonorCode == "EU");
        // One shared pledge (the first donor, with the others in its review reason), not three.
        var shared = Assert.Single(r, p => p.Pledge.Amount == 6_000_000_000m).Pledge;
        Assert.Equal("NO", shared.DonorCode);
    }

    [Fact]
    public void A_sum_for_another_state_is_dropped_and_the_givers_other_sum_kept()
    {
        var r = Run("Belgium has also made EUR 15 million in emergency aid available, with a further EUR 5 million for Moldova.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal("BE", p.DonorCode);
        Assert.Equal(15_000_000m, p.Amount);
    }

    [Theory]
    [InlineData("Japan will give $5 million in aid to Poland to help refugees.")]
    [InlineData("The $20 billion package for Israel and Gaza was approved; a $6 billion measure to help Taiwan passed too.")]
    public void A_sentence_about_another_recipient_state_stays_out(string text)
    {
        var r = Run(text);
        Assert.True(r.Count == 0, Show(r));
    }
}
