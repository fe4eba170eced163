using PledgeLedger.Core;

namespace PledgeLedger.Extraction.Tests;

/// <summary>
/// Sentence-level rules for real news (issue 9, sentences): which clause a word governs ("each", "may", a trap word),
/// which "from X" owns a sum, donor lists that each give, counts written as ranges, parts or fractions. Every sentence
/// here is written for the test.
/// </summary>
public sealed class RealNewsSentenceRuleTests
{
    private static IReadOnlyList<CandidatePledge> Run(string text) => RuleText.Extract(text, new DateOnly(2024, 5, 2)).Pledges;

    private static string Show(IEnumerable<CandidatePledge> ps) => RuleText.Dump(ps);

    [Fact]
    public void A_donor_list_followed_by_all_gives_one_pledge_per_donor_per_item()
    {
        var r = Run("Spain, Portugal and Croatia all announced new donations of 120mm mortars and ammunition.");
        Assert.True(r.Count == 6, Show(r));
        foreach (var code in new[] { "ES", "PT", "HR" })
        {
            Assert.Equal(2, r.Count(p => p.Pledge.DonorCode == code));
        }
    }

    [Fact]
    public void A_donor_list_as_the_heading_of_a_summary_line_gives_one_pledge_per_donor()
    {
        var r = Run("Latvia and Estonia: new donations of anti-tank mines and generators.");
        Assert.Equal(["EE", "EE", "LV", "LV"], r.Select(p => p.Pledge.DonorCode).Order());
    }

    [Fact]
    public void Each_applies_only_in_its_own_clause()
    {
        var r = Run("Germany and France are expected to give $5B each, and Spain, Italy, and Greece will share the remaining $3B.");
        var five = r.Where(p => p.Pledge.Amount == 5_000_000_000m).Select(p => p.Pledge.DonorCode).Order();
        Assert.Equal(["DE", "FR"], five);
        // The shared sum is one pledge (a shared donor), not three.
        Assert.Single(r, p => p.Pledge.Amount == 3_000_000_000m);
    }

    [Fact]
    public void A_trap_word_that_describes_what_the_aid_restores_does_not_cancel_it()
    {
        var r = Run("Slovenia pledged EUR 2 million to rebuild hospitals destroyed by Russian shelling in Ukraine.");
        Assert.Equal(2_000_000m, Assert.Single(r).Pledge.Amount);
        var q = Run("Seoul will also offer $8 million for the treatment of wounded Ukrainian soldiers.");
        Assert.Equal("KR", Assert.Single(q).Pledge.DonorCode);
        // Destruction that is the news still cancels the sentence.
        Assert.Empty(Run("Russian drones destroyed 4 Leopard tanks that Spain had donated to Ukraine."));
    }

    [Fact]
    public void Struck_a_deal_and_revenue_from_frozen_assets_are_not_traps()
    {
        var p = Assert.Single(Run("EU governments struck a deal on Tuesday to give Ukraine EUR 7 billion in military aid."));
        Assert.Equal(7_000_000_000m, p.Pledge.Amount);
        var g = Assert.Single(Run("The G7 will provide Ukraine a $40 billion loan backed by revenues from immobilised Russian assets."));
        Assert.Equal("G7", g.Pledge.DonorCode);
        Assert.Empty(Run("Oil export revenues of $12 billion kept the Russian budget afloat, Ukraine said."));
    }

    [Fact]
    public void The_item_s_own_from_names_its_donor()
    {
        var r = Run("Kyiv has secured 20 billion yen in budget support from the Japanese government and signed a deal for 300 million Canadian dollars in loans from Canada.");
        Assert.Equal("JP", Assert.Single(r, p => p.Pledge.Currency == "JPY").Pledge.DonorCode);
        Assert.Equal("CA", Assert.Single(r, p => p.Pledge.Currency == "CAD").Pledge.DonorCode);
        var s = Run("The grants are provided by Norway — $300 million — and Sweden — $200 million.");
        Assert.Equal("SE", Assert.Single(s, p => p.Pledge.Amount == 200_000_000m).Pledge.DonorCode);
    }

    [Fact]
    public void Ukraine_s_counterpart_in_an_agreement_gives()
    {
        var p = Assert.Single(Run("Ukraine's cabinet approved an agreement with Korea to obtain a grant of $40 million."));
        Assert.Equal("KR", p.Pledge.DonorCode);
    }

    [Fact]
    public void A_threat_from_a_state_does_not_make_it_a_donor()
    {
        // The bill's own wording names the United States (ImpliedDonorRuleTests); China, named after the sum, gives nothing.
        var r = Run("The bill includes $9 billion for Ukraine's air defence and money to counter threats from China.");
        Assert.DoesNotContain(r, p => p.Pledge.DonorCode == "CN");
        Assert.All(r, p => Assert.Equal("US", p.Pledge.DonorCode));
    }

    [Fact]
    public void Refusals_and_sums_of_many_donors_are_not_pledges()
    {
        Assert.Empty(Run("Portugal made clear that its Leopard tanks will not be part of the next package for Ukraine."));
        Assert.Empty(Run("Greece chose to scrap its old M113 carriers rather than donate them to Ukraine."));
        Assert.Empty(Run("Sweden joins Denmark and Norway in collectively pledging 60 CV90 vehicles to Ukraine."));
        Assert.Empty(Run("Volunteers in Spain donated EUR 80,000 through a crowdfunding campaign for drones for Ukraine."));
    }

    [Fact]
    public void Half_a_million_rounds_is_500000_and_a_range_counts_its_lower_bound()
    {
        var p = Assert.Single(Run("Allied states led by the Czech Republic plan to send Ukraine half a million rounds of ammunition."));
        Assert.Equal(500_000, p.Pledge.Quantity);
        var q = Assert.Single(Run("Poland will deliver 20,000 to 40,000 artillery shells to Ukraine."));
        Assert.Equal(20_000, q.Pledge.Quantity);
    }

    [Fact]
    public void Launchers_of_a_catalog_system_count_the_system()
    {
        var p = Assert.Single(Run("Ukraine received four launchers of the NASAMS air defence system from Norway."));
        Assert.Equal("nasams", p.Pledge.SystemId);
        Assert.Equal(4, p.Pledge.Quantity);
    }

    [Fact]
    public void Part_of_a_promised_number_or_sum_is_the_part_delivered()
    {
        var p = Assert.Single(Run("Ukraine has received 12 of the 31 Abrams tanks promised by Washington."));
        Assert.Equal(12, p.Pledge.Quantity);
        Assert.Equal(PledgeStatus.Delivered, p.Pledge.Status);
        var r = Run("Ukraine has received EUR 1 billion of a EUR 3 billion loan from Germany.");
        Assert.Contains(r, x => x.Pledge.Amount == 1_000_000_000m && x.Pledge.Status == PledgeStatus.Delivered);
        Assert.Contains(r, x => x.Pledge.Amount == 3_000_000_000m);
    }

    [Fact]
    public void Ship_after_a_modal_is_a_verb_and_may_ship_is_a_proposal()
    {
        var p = Assert.Single(Run("Italy may ship more SAMP/T launchers to Ukraine, a newspaper reported."));
        Assert.Equal("samp-t", p.Pledge.SystemId);
        Assert.Equal(PledgeStatus.Proposed, p.Pledge.Status);
        var q = Assert.Single(Run("Norway will ship six Leopard 2 tanks to Ukraine."));
        Assert.Equal(6, q.Pledge.Quantity);
    }

    [Fact]
    public void A_named_system_in_a_clause_apart_from_the_sum_is_kept_with_its_own_status()
    {
        var r = Run("Finland announced aid to Ukraine worth EUR 180 million, and said it is considering sending Hornet fighter jets.");
        var money = Assert.Single(r, p => p.Pledge.Kind == PledgeKind.Money);
        Assert.Equal(PledgeStatus.Pledged, money.Pledge.Status);
        var jets = Assert.Single(r, p => p.Pledge.Kind == PledgeKind.Equipment);
        Assert.Equal(PledgeStatus.Proposed, jets.Pledge.Status);
    }

    [Fact]
    public void Coordinated_modifiers_name_two_items()
    {
        var r = Run("Lithuania will send anti-tank and anti-aircraft missiles to Ukraine.");
        Assert.Equal(["anti-aircraft missiles", "anti-tank missiles"], r.Select(p => p.Pledge.Item).Order());
        var c = Run("Belgium will send short-range and long-range air defence systems to Ukraine.");
        Assert.Equal(["long-range air defence systems", "short-range air defence systems"], c.Select(p => p.Pledge.Item).Order());
    }

    [Fact]
    public void A_cost_divided_between_two_states_is_their_shared_pledge()
    {
        var p = Assert.Single(Run("The CV90 vehicles will be bought at a cost of EUR 90 million, which will be divided equally between Belgium and Luxembourg."));
        Assert.Equal("BE", p.Pledge.DonorCode);
        Assert.Equal(90_000_000m, p.Pledge.Amount);
    }

    [Fact]
    public void The_total_budget_of_a_programme_is_its_size_not_a_running_total()
    {
        var p = Assert.Single(Run("The Danish support fund for Ukraine has a total budget of DKK 40 billion for 2024-2028."));
        Assert.Equal(40_000_000_000m, p.Pledge.Amount);
    }

    [Fact]
    public void A_drawdown_valued_at_a_sum_is_the_sum_and_a_hyphenated_scale_is_read()
    {
        var p = Assert.Single(Run("The drawdown, valued at up to $300 million, was announced by the U.S. on Friday for Ukraine."));
        Assert.Equal(300_000_000m, p.Pledge.Amount);
        var q = Assert.Single(Run("The EU Council decided to earmark a 400-million euros tranche for Ukraine."));
        Assert.Equal(400_000_000m, q.Pledge.Amount);
    }

    [Fact]
    public void What_a_sum_pays_for_is_not_a_separate_item_and_a_noun_adjunct_is_no_item()
    {
        var r = Run("Belgium: EUR 150 million for counter-drone systems and EUR 50 million for tank maintenance support");
        Assert.All(r, p => Assert.Equal(PledgeKind.Money, p.Pledge.Kind));
        Assert.Equal(2, r.Count);
        var a = Assert.Single(Run("Sweden will fund drone production in Ukraine and send 40 trucks."));
        Assert.Equal(40, a.Pledge.Quantity);
    }

    [Fact]
    public void The_US_security_assistance_initiative_stands_for_the_United_States()
    {
        var r = Run("The latest tranche includes a $900 million Ukraine Security Assistance Initiative (USAI) package.");
        Assert.Equal("US", Assert.Single(r).Pledge.DonorCode);
    }

    [Fact]
    public void A_running_total_in_a_later_clause_leaves_the_first_sum_a_pledge()
    {
        var r = Run("Sweden has allocated SEK 20 billion from its support framework for 2024-2026, with contracts placed for SEK 9 billion so far.");
        var p = Assert.Single(r);
        Assert.Equal(20_000_000_000m, p.Pledge.Amount);
    }

    [Fact]
    public void An_explanation_in_brackets_between_count_and_item_is_skipped()
    {
        var p = Assert.Single(Run("Portugal will also send 14 VAMTAC (High Mobility Tactical Vehicle) light vehicles to Ukraine."));
        Assert.Equal(14, p.Pledge.Quantity);
    }

    [Fact]
    public void A_count_before_other_counts_the_item()
    {
        var p = Assert.Single(Run("Greece will send 6 other howitzers to Ukraine."));
        Assert.Equal(6, p.Pledge.Quantity);
    }

    [Fact]
    public void The_state_Ukraine_asks_gives_what_the_aid_may_include()
    {
        var r = Run("The aid answers Ukraine's request to Norway for winter gear and could include items such as sleeping bags and field heaters.");
        Assert.NotEmpty(r);
        Assert.All(r, p => Assert.Equal("NO", p.Pledge.DonorCode));
        Assert.All(r, p => Assert.Equal(PledgeStatus.Proposed, p.Pledge.Status));
        // A request alone gives nothing, even sent.
        Assert.Empty(Run("Ukraine sent a request to Norway for 20 more NASAMS launchers."));
    }

    [Fact]
    public void The_time_of_a_report_does_not_make_what_it_reports_background()
    {
        var p = Assert.Single(Run("It was reported last week that the first eight CV90 vehicles donated by Sweden had arrived in Ukraine."));
        Assert.Equal(8, p.Pledge.Quantity);
        Assert.Equal("SE", p.Pledge.DonorCode);
        Assert.Empty(Run("Sweden delivered eight CV90 vehicles to Ukraine last month."));
    }

    [Fact]
    public void A_formal_decision_before_the_word_package_makes_it_allocated()
    {
        var p = Assert.Single(Run("The Finnish government announced today the allocation of a defence package worth EUR 190 million to Ukraine."));
        Assert.Equal(PledgeStatus.Allocated, p.Pledge.Status);
        var q = Assert.Single(Run("Finland announced a new defence package worth EUR 190 million for Ukraine."));
        Assert.Equal(PledgeStatus.Pledged, q.Pledge.Status);
    }
}
