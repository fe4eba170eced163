using PledgeLedger.Core;

namespace PledgeLedger.Extraction.Tests;

/// <summary>
/// The general rules issue 9 added for real news, each on a sentence written for the test: open equipment vocabulary,
/// package lists that take the document's donor, running totals reported apart, currency from the donor, capitals for
/// their state, recalled pledges as background.
/// </summary>
public sealed class RealNewsRuleTests
{
    private static ExtractionResult Run(string text) => RuleText.Extract(text, new DateOnly(2024, 5, 2));

    [Fact]
    public void A_bullet_list_takes_the_donor_and_status_of_the_package_it_follows()
    {
        var r = Run("Germany announced a new military aid package for Ukraine on Monday.\nThe package includes:\n- 12 Zetros trucks\n- 4 armoured bulldozers\n");
        Assert.True(r.Pledges.Count == 2, RuleText.Dump(r.Pledges));
        Assert.All(r.Pledges, p => Assert.Equal("DE", p.Pledge.DonorCode));
        Assert.All(r.Pledges, p => Assert.Equal(PledgeStatus.Pledged, p.Pledge.Status));
        // "Zetros" is a catalog system of its own since the catalog grew from Oryx and Kiel (0008).
        Assert.Equal(12, Assert.Single(r.Pledges, p => p.Pledge.SystemId == "zetros").Pledge.Quantity);
        var dozers = Assert.Single(r.Pledges, p => p.Pledge.Item == "armoured bulldozers");
        Assert.Null(dozers.Pledge.SystemId);
        Assert.Equal(4, dozers.Pledge.Quantity);
        Assert.Equal("vehicles", dozers.Pledge.Category);
    }

    [Fact]
    public void A_share_of_a_stated_package_is_not_a_pledge_of_its_own()
    {
        var r = Run("Poland will give Ukraine a EUR 300 million aid package.\nThe package includes EUR 40 million for the repair of tanks.");
        var p = Assert.Single(r.Pledges);
        Assert.Equal(300_000_000m, p.Pledge.Amount);
    }

    [Fact]
    public void Sums_in_one_sentence_that_add_up_to_a_stated_sum_are_its_parts()
    {
        var r = Run("Italy will give EUR 250 million in aid to Ukraine.\nItaly will provide EUR 200 million in credit and EUR 50 million as a donation.");
        var p = Assert.Single(r.Pledges);
        Assert.Equal(250_000_000m, p.Pledge.Amount);
    }

    [Fact]
    public void A_smaller_sum_without_a_word_of_parts_stays_a_pledge()
    {
        var r = Run("Spain will give Ukraine EUR 500 million in military aid.\nSpain will also send EUR 20 million in humanitarian aid to Ukraine.");
        Assert.Equal(2, r.Pledges.Count(p => p.Pledge.Kind == PledgeKind.Money));
    }

    [Fact]
    public void The_sum_many_donors_pledge_at_one_meeting_is_no_one_donor_s_pledge()
    {
        Assert.Empty(Run("Western allies pledged EUR 9 billion for Ukraine at a meeting in Ramstein on Tuesday.").Pledges);
        Assert.Empty(Run("Partner countries have jointly committed more than $3 billion to Ukraine's energy grid, NATO said.").Pledges);
        // A donor named between the group and the sum gives it.
        var p = Assert.Single(Run("At the meeting of allies, Germany pledged EUR 2 billion for Ukraine.").Pledges);
        Assert.Equal("DE", p.Pledge.DonorCode);
    }

    [Fact]
    public void A_trap_word_in_an_aside_cancels_only_the_aside()
    {
        var p = Assert.Single(Run("Denmark's new package, unveiled after a missile struck a hospital in Kharkiv, includes 12 Leopard 1 tanks.").Pledges);
        Assert.Equal("DK", p.Pledge.DonorCode);
        Assert.Equal(12, p.Pledge.Quantity);
        // Outside an aside the trap word still governs the sentence.
        Assert.Empty(Run("Russian strikes destroyed 3 HIMARS supplied by the United States, officials said.").Pledges);
        // A sum inside the aside is the aside's.
        var q = Assert.Single(Run("Norway, which is probing a $2 million fraud case, will send 8 NASAMS to Ukraine.").Pledges);
        Assert.Equal(PledgeKind.Equipment, q.Pledge.Kind);
    }

    [Fact]
    public void A_state_s_appeal_to_others_is_no_pledge_but_a_group_s_call_on_its_members_is_a_proposal()
    {
        Assert.Empty(Run("Poland's president urged allies to send more Patriot systems to Ukraine.").Pledges);
        Assert.Empty(Run("Finland has called for 20 more IRIS-T launchers to be sent to Kyiv.").Pledges);
        var p = Assert.Single(Run("The EU calls on member states to provide EUR 5 billion to Ukraine.").Pledges);
        Assert.Equal(PledgeStatus.Proposed, p.Pledge.Status);
    }

    [Fact]
    public void A_sum_in_another_currency_after_which_is_about_is_a_conversion()
    {
        var p = Assert.Single(Run("Denmark will give 50 million Danish kroner in winter aid to Ukraine, which is about $7.2 million.").Pledges);
        Assert.Equal("DKK", p.Pledge.Currency);
        Assert.Equal(50_000_000m, p.Pledge.Amount);
    }

    [Fact]
    public void An_increase_on_a_sum_is_a_change_but_aid_raised_by_a_sum_is_that_sum_pledged()
    {
        var p = Assert.Single(Run("Finland will give EUR 900 million to Ukraine, a EUR 300 million increase on its previous package.").Pledges);
        Assert.Equal(900_000_000m, p.Pledge.Amount);
        // The sum aid grew by is new aid (issue 9's labels: "military aid increasing by EUR 191 million"); the total it
        // brings stays a total.
        Assert.Equal(40_000_000m, Assert.Single(Run("Latvia's aid to Ukraine grew by EUR 40 million.").Pledges).Pledge.Amount);
        var r = Run("Latvia increased its military aid to Ukraine by EUR 40 million, bringing the total to EUR 600 million.");
        Assert.Equal(40_000_000m, Assert.Single(r.Pledges).Pledge.Amount);
        Assert.Equal(600_000_000m, Assert.Single(r.ReportedTotals).Amount);
    }

    [Fact]
    public void A_running_total_is_reported_not_pledged()
    {
        var r = Run("Norway has provided NOK 10 billion in support to Ukraine since 2022.");
        Assert.Empty(r.Pledges);
        var t = Assert.Single(r.ReportedTotals);
        Assert.Equal("NO", t.DonorCode);
        Assert.Equal(10_000_000_000m, t.Amount);
        Assert.Equal("NOK", t.Currency);
        Assert.Equal(PledgeStatus.Delivered, t.Status);
    }

    [Fact]
    public void Crowns_take_the_donor_s_currency_and_a_bracketed_conversion_is_not_a_pledge()
    {
        var r = Run("Sweden will send a new package worth 3.1 billion crowns ($290 million) to Ukraine.");
        var p = Assert.Single(r.Pledges);
        Assert.Equal("SEK", p.Pledge.Currency);
        Assert.Equal(3_100_000_000m, p.Pledge.Amount);
    }

    [Fact]
    public void A_bare_dollar_is_the_Australian_dollar_when_Australia_gives()
    {
        var p = Assert.Single(Run("Australia will provide a further $50 million in military aid to Ukraine.").Pledges);
        Assert.Equal("AUD", p.Pledge.Currency);
    }

    [Fact]
    public void A_capital_stands_for_its_state_and_a_counted_item_outside_the_catalog_is_a_pledge()
    {
        var p = Assert.Single(Run("Berlin will send 30 armoured personnel carriers to Ukraine.").Pledges);
        Assert.Equal("DE", p.Pledge.DonorCode);
        Assert.Equal(30, p.Pledge.Quantity);
        Assert.Equal("armoured_vehicles", p.Pledge.Category);
    }

    [Fact]
    public void A_quarter_million_rounds_is_250000()
    {
        var p = Assert.Single(Run("Britain will give Ukraine a quarter-million rounds of ammunition.").Pledges);
        Assert.Equal("GB", p.Pledge.DonorCode);
        Assert.Equal(250_000, p.Pledge.Quantity);
    }

    [Fact]
    public void A_recalled_pledge_is_background()
    {
        Assert.Empty(Run("Australia had previously provided six howitzers to Ukraine.").Pledges);
    }

    [Fact]
    public void A_catch_all_is_not_an_item()
    {
        Assert.Empty(Run("Canada will send military equipment and other weapons to Ukraine.").Pledges);
    }
}
