using PledgeLedger.Core;

namespace PledgeLedger.Extraction.Tests;

/// <summary>
/// Article-level rules of issue 9 (task 9a), each on wording written for the test: the donor of each clause in a
/// many-donor sentence, a restatement by another voice, a headline giving the body's conversion, sales and unnamed givers
/// that pass nothing on, and sums or items a sentence names without giving them (needs, ceilings, servicing, own forces).
/// </summary>
public sealed class ArticleRuleTests
{
    private static IReadOnlyList<CandidatePledge> Run(string text) => RuleText.Extract(text, new DateOnly(2025, 3, 4)).Pledges;

    private static string Dump(IEnumerable<CandidatePledge> found) => RuleText.Dump(found);

    [Fact]
    public void Each_sum_goes_to_the_from_donor_of_its_own_clause()
    {
        var found = Run("Further offers comprised EUR 300 million from Belgium for mine clearing and EUR 75 million for training, "
            + "plus a EUR 2 billion artillery fund from Denmark for 2026 and EUR 90 million for Ukrainian shell output.");
        var money = found.Where(p => p.Pledge.Kind == PledgeKind.Money).ToList();
        Assert.True(money.Count == 4, Dump(found));
        Assert.Equal("BE", Assert.Single(money, p => p.Pledge.Amount == 300_000_000m).Pledge.DonorCode);
        Assert.Equal("BE", Assert.Single(money, p => p.Pledge.Amount == 75_000_000m).Pledge.DonorCode);
        Assert.Equal("DK", Assert.Single(money, p => p.Pledge.Amount == 2_000_000_000m).Pledge.DonorCode);
        Assert.Equal("DK", Assert.Single(money, p => p.Pledge.Amount == 90_000_000m).Pledge.DonorCode);
    }

    [Fact]
    public void A_donor_named_after_a_from_clause_starts_a_clause_of_its_own()
    {
        var found = Run("The scheme will be co-financed by Sweden, the minister said, adding that Italy will send three SAMP/T systems to Ukraine.");
        var p = Assert.Single(found, c => c.Pledge.Kind == PledgeKind.Equipment);
        Assert.Equal("IT", p.Pledge.DonorCode);
    }

    [Fact]
    public void Contributions_received_by_a_fund_belong_to_each_contributor()
    {
        var found = Run("The fund was set up by the World Bank and has received contributions from Finland (about EUR 12 million) and Estonia (about EUR 3 million).");
        Assert.Equal("FI", Assert.Single(found, p => p.Pledge.Amount == 12_000_000m).Pledge.DonorCode);
        Assert.Equal("EE", Assert.Single(found, p => p.Pledge.Amount == 3_000_000m).Pledge.DonorCode);
    }

    [Fact]
    public void A_proposed_restatement_of_a_committed_sum_is_the_same_pledge()
    {
        var found = Run("Norway will provide a new NOK 400 million aid package to Ukraine.\n"
            + "Ukraine's prime minister wrote that Norway is preparing a package for Ukraine worth NOK 400 million.");
        var p = Assert.Single(found);
        Assert.Equal(PledgeStatus.Pledged, p.Pledge.Status);
        Assert.Equal(2, p.Evidence.Count);
    }

    [Fact]
    public void A_system_listed_without_a_count_joins_its_counted_statement_whatever_the_voice()
    {
        var found = Run("Germany is preparing a large package for Ukraine. It will include Marder infantry fighting vehicles and other heavy equipment.\n"
            + "Ukraine will receive 25 Marder infantry fighting vehicles from Germany.");
        var marder = Assert.Single(found, p => p.Pledge.SystemId == "marder");
        Assert.Equal(25, marder.Pledge.Quantity);
    }

    [Fact]
    public void A_headline_rounding_the_body_s_bracketed_conversion_is_not_a_second_pledge()
    {
        var found = Run("Denmark unveils $290 million aid for Ukraine\n\n"
            + "COPENHAGEN - Denmark will send military aid worth 2 billion Danish crowns ($291 million) to Ukraine, the defence ministry said.");
        var p = Assert.Single(found);
        Assert.Equal("DKK", p.Pledge.Currency);
        Assert.Equal(2_000_000_000m, p.Pledge.Amount);
    }

    [Fact]
    public void Sums_after_a_sentence_about_sales_inherit_no_donor()
    {
        var found = Run("The State Department approved two possible sales of spare parts to Ukraine worth $300 million.\n\n"
            + "A sum of $120 million was approved for the overhaul of artillery. Another $90 million was earmarked for radar sustainment.");
        Assert.True(found.Count == 0, Dump(found));
    }

    [Fact]
    public void Items_from_unnamed_partners_go_to_the_unnamed_partners_donor_for_review_never_to_a_maker_s_country()
    {
        var found = Run("Donor states including Japan and Canada will give $50 million for demining, the minister said.\n"
            + "Ukraine should get equipment from foreign partners, among them 12 demining machines from the Slovak company Minotech. "
            + "Some 300 metal detectors and 40 protective suits are expected to arrive.");
        Assert.DoesNotContain(found, p => p.Pledge.DonorCode == "SK");
        var items = found.Where(p => p.Pledge.Kind == PledgeKind.Equipment).ToList();
        Assert.True(items.Count == 3, Dump(found));
        Assert.All(items, p => Assert.Equal("PARTNERS", p.Pledge.DonorCode));
        Assert.All(items, p => Assert.True(p.Pledge.NeedsReview, Dump(found)));
        Assert.Equal([12L, 40L, 300L], items.Select(p => p.Pledge.Quantity ?? 0).Order());
        // The registry knows the donor by the text's wording; a named giver still wins.
        Assert.Equal("PARTNERS", DonorRegistry.Default.Find("foreign partners")?.Code);
        Assert.Equal("NO", Assert.Single(Run("Norway will send 12 demining machines to Ukraine, with more equipment from foreign partners.")).Pledge.DonorCode);
    }

    [Fact]
    public void Catch_all_heads_side_by_side_are_one_lot_counted_by_its_pallets()
    {
        var a = Assert.Single(Run("The package also includes tactical radios, field equipment and spare parts for Ukraine from the United States."),
            p => p.Pledge.Item?.Contains("spare parts", StringComparison.Ordinal) == true);
        Assert.Equal("field equipment and spare parts", a.Pledge.Item);
        var b = Assert.Single(Run("Japan will send four pallets of water purification equipment and personal protective equipment to Ukraine."));
        Assert.Equal(4, b.Pledge.Quantity);
        Assert.Equal("pallets of water purification equipment and personal protective equipment", b.Pledge.Item);
        var c = Assert.Single(Run("Canada will provide Ukraine with demolition equipment and ammunition."));
        Assert.Equal("demolition equipment and ammunition", c.Pledge.Item);
    }

    [Fact]
    public void A_lot_that_stands_for_and_so_on_is_not_an_item()
    {
        var found = Run("Belgium has delivered to Ukraine field kitchens, tents, and numerous equipment and medical supplies.");
        Assert.DoesNotContain(found, p => p.Pledge.Item == "medical supplies");
        Assert.Contains(found, p => p.Pledge.Item == "tents");
        Assert.Empty(Run("Belgium also supplied Ukraine with spare parts for various vehicles and generators."
            .Replace(" and generators", "", StringComparison.Ordinal)));
        Assert.DoesNotContain(Run("Italy will give EUR 50 million to Ukraine; the funds will support the following areas: school repairs; medical equipment; "
            + "energy service."), p => p.Pledge.Kind == PledgeKind.Equipment);
        // A lot with a purpose of its own stays an item.
        Assert.Contains(Run("Sweden will send ammunition and spare parts for the air defence systems it has already sent to Ukraine."),
            p => p.Pledge.Item == "spare parts");
    }

    [Fact]
    public void A_partner_giving_in_cooperation_with_the_subject_shares_the_pledge()
    {
        var p = Assert.Single(Run("Norway, in cooperation with Finland, will send 12 K9 howitzers."));
        Assert.Equal("NO", p.Pledge.DonorCode);
        Assert.True(p.Pledge.NeedsReview);
        Assert.Contains("FI", p.Pledge.ReviewReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_donor_named_as_the_channel_is_not_the_giver()
    {
        var found = Run("Canada will send 20 armoured vehicles to Ukraine through a NATO mechanism.");
        Assert.Equal("CA", Assert.Single(found).Pledge.DonorCode);
        Assert.DoesNotContain(Run("Ukraine will receive 30 trucks through the NATO fund."), p => p.Pledge.DonorCode == "NATO");
    }

    [Fact]
    public void A_step_towards_a_later_transfer_is_not_the_system_given()
    {
        var found = Run("Finland will send Ukraine a package including mortar rounds and purchases that would facilitate a transfer of Leopard 2 tanks.");
        Assert.DoesNotContain(found, p => p.Pledge.SystemId is not null && p.Pledge.SystemId.StartsWith("leopard", StringComparison.Ordinal));
        Assert.Contains(found, p => p.Pledge.Item == "mortar rounds");
        Assert.Empty(Run("Finland wants to keep the option to donate Leopard 2 tanks to Ukraine later, the minister said."));
        Assert.Single(Run("Finland wants to donate Leopard 2 tanks to Ukraine later, the minister said."));
    }

    [Fact]
    public void Ammunition_for_a_platform_is_named_by_it()
    {
        var p = Assert.Single(Run("Norway will send Ukraine ammunition for armoured personnel carriers it donated earlier."));
        Assert.Equal("ammunition for armoured personnel carriers", p.Pledge.Item);
        Assert.Equal("ammunition", p.Category);
    }

    [Fact]
    public void A_need_and_a_ceiling_are_not_sums_given()
    {
        Assert.Empty(Run("The World Food Programme said $2.1 billion is needed to feed displaced people in Ukraine this year."));
        Assert.Empty(Run("The EU fund has a financial ceiling of EUR 8 billion for 2024-2027, the Council said of its support for Ukraine."));
    }

    [Fact]
    public void Items_that_are_serviced_made_or_lacking_are_not_given()
    {
        var found = Run("Finland offered EUR 30 million for howitzer maintenance in Ukraine.");
        Assert.DoesNotContain(found, p => p.Pledge.Kind == PledgeKind.Equipment);
        Assert.Empty(Run("The talks stressed Ukraine's urgent need for artillery shells and the importance of steady drone supplies."));
    }

    [Fact]
    public void A_list_of_needs_is_not_a_list_of_gifts()
    {
        var found = Run("Portugal signed a security pact with Ukraine that also covers needs such as air defence systems, artillery and armoured vehicles.");
        Assert.DoesNotContain(found, p => p.Pledge.Kind == PledgeKind.Equipment);
    }

    [Fact]
    public void What_Ukraine_needs_to_defend_itself_is_still_given()
    {
        var found = Run("Portugal will send quickly the equipment Ukraine needs to defend itself, including eight more Leopard 2A6 tanks.");
        Assert.True(found.Any(p => p.Pledge.DonorCode == "PT" && p.Pledge.Quantity == 8), Dump(found));
    }

    [Fact]
    public void Equipment_for_the_donor_s_own_forces_is_not_a_pledge()
    {
        var found = Run("The ministers discussed Ukraine and Norway's purchase of 54 K9 howitzers for the Norwegian Army.");
        Assert.True(found.Count == 0, Dump(found));
    }

    [Fact]
    public void A_failed_agreement_and_a_search_of_stocks_pledge_nothing()
    {
        Assert.Empty(Run("EU ministers were unable to reach agreement on releasing a EUR 500 million tranche of military aid for Ukraine."));
        Assert.Empty(Run("Allies agreed to comb their inventories for more air defence systems for Ukraine, NATO said."));
    }

    [Fact]
    public void A_restated_rate_and_money_for_other_countries_are_not_extra_pledges()
    {
        var found = Run("Sweden will provide SEK 30 billion to Ukraine over 2025-2027, i.e. SEK 10 billion annually, and SEK 2 billion to developing countries affected by the war.");
        var p = Assert.Single(found);
        Assert.Equal(30_000_000_000m, p.Pledge.Amount);
    }

    [Fact]
    public void A_donor_in_an_aside_beside_the_subject_does_not_take_the_clause()
    {
        var found = Run("Czechia, alongside Estonia, will deliver 20 howitzers to Ukraine.");
        Assert.Equal("CZ", Assert.Single(found).Pledge.DonorCode);
    }

    [Fact]
    public void What_a_sum_is_for_is_recorded_with_the_sum_not_as_an_item()
    {
        var found = Run("Latvia pledged EUR 40 million for drone interceptors for Ukraine.");
        var p = Assert.Single(found);
        Assert.Equal(PledgeKind.Money, p.Pledge.Kind);
    }

    [Fact]
    public void A_bracketed_abbreviation_restates_the_item_before_it()
    {
        var found = Run("Australia will gift 14 M113 armoured personnel carriers (APCs) to Ukraine.");
        var p = Assert.Single(found);
        Assert.Equal(14, p.Pledge.Quantity);
    }

    [Fact]
    public void Hryvnias_without_a_foreign_donor_are_Ukraine_s_own_money()
    {
        var found = Run("Germany pledged 10 Leopard tanks to Ukraine.\nSome 900 million hryvnias were transferred to the army's accounts on Monday.");
        Assert.DoesNotContain(found, p => p.Pledge.Kind == PledgeKind.Money);
    }

    [Fact]
    public void A_generic_catalog_name_under_modifiers_keeps_the_count_of_the_open_item()
    {
        var found = Run("Sweden announced aid for Ukraine.\nThe shipment includes:\n- 12 surveillance drones\n- 6 tank transporters\n");
        var drones = Assert.Single(found, p => p.Pledge.Item == "surveillance drones");
        Assert.Equal(12, drones.Pledge.Quantity);
        Assert.Equal("SE", drones.Pledge.DonorCode);
    }

    [Fact]
    public void Items_named_without_a_count_in_a_list_of_deliveries_are_recorded()
    {
        var found = Run("Belgium has supplied trucks, ammunition and drones to Ukraine this spring.");
        Assert.Contains(found, p => p.Pledge.Item == "drones" && p.Pledge.Quantity is null);
    }

    [Fact]
    public void Funding_to_help_buy_items_is_money_not_the_items()
    {
        var found = Run("Spain also pledged funding to help Ukraine procure long-range drones.");
        Assert.DoesNotContain(found, p => p.Pledge.Kind == PledgeKind.Equipment);
    }

    [Fact]
    public void One_uncounted_item_spelt_two_ways_is_one_pledge()
    {
        var found = Run("Italy will send Ukraine anti-tanks mines and artillery shells, the ministry said.\n"
            + "The Italian package also covers anti-tank mines and artillery rounds for Ukraine.");
        Assert.True(found.Count(p => p.Pledge.Kind == PledgeKind.Equipment) == 2, Dump(found));
    }

    [Fact]
    public void An_uncounted_item_that_a_counted_line_names_again_is_a_summary()
    {
        var found = Run("Ukraine confirmed the arrival of trucks and ammunition from Austria.\nThe following items arrived:\n- 6 Unimog trucks\n- 4,000 rounds of 30mm ammunition\n");
        Assert.True(found.All(p => p.Pledge.Quantity is not null), Dump(found));
        Assert.Equal(2, found.Count);
    }

    [Fact]
    public void A_count_that_the_next_sentence_breaks_down_is_a_summary()
    {
        var found = Run("New Zealand will gift 25 additional armoured vehicles to Ukraine.\n"
            + "Wellington will send 10 M113 armoured personnel carriers and a further 12 Bushmaster protected mobility vehicles to Ukraine.");
        Assert.DoesNotContain(found, p => p.Pledge.Quantity == 25);
        Assert.Contains(found, p => p.Pledge.Quantity == 10);
        Assert.Contains(found, p => p.Pledge.Quantity == 12);
    }

    [Fact]
    public void Vehicles_that_spare_parts_are_for_are_not_given()
    {
        var found = Run("Spare parts for various radios and vehicles were also supplied to Ukraine by Norway.");
        Assert.DoesNotContain(found, p => p.Pledge.Item is { } i && i.Contains("vehicle", StringComparison.Ordinal));
    }

    [Fact]
    public void A_catalog_name_in_apposition_names_the_item_before_it()
    {
        var found = Run("Britain is sending protected patrol vehicles, the 'Mastiff', to Ukraine.");
        Assert.DoesNotContain(found, p => p.Pledge.Item is not null);
        Assert.Contains(found, p => p.Pledge.SystemId is not null);
        // A plain list is no apposition: "battle tanks, IRIS-T systems" are two items.
        var list = Run("Germany will provide additional battle tanks, IRIS-T air defence systems and other weapons to Ukraine.");
        Assert.Contains(list, p => p.Pledge.Item == "battle tanks");
    }

    [Fact]
    public void A_private_gift_the_government_carries_is_not_its_pledge()
    {
        var found = Run("Ireland will deliver 40 pallets of medical supplies, donated by Irish citizens, along with 12 generators to Ukraine.");
        Assert.DoesNotContain(found, p => p.Pledge.Item == "medical supplies");
    }

    [Fact]
    public void A_named_system_a_sum_includes_is_an_unquantified_pledge()
    {
        var found = Run("Finland pledged military support worth EUR 900 million for the year, including additional Leopard 2 tanks.");
        Assert.Contains(found, p => p.Pledge.Kind == PledgeKind.Money && p.Pledge.Amount == 900_000_000m);
        Assert.Contains(found, p => p.Pledge.SystemId is not null && p.Pledge.Quantity is null);
    }

    [Fact]
    public void Bare_vehicles_in_a_package_outline_are_a_catch_all()
    {
        var found = Run("Norway is also preparing a new package covering air defence, artillery, and vehicles for Ukraine.");
        Assert.DoesNotContain(found, p => p.Pledge.Item == "vehicles");
    }

    [Fact]
    public void A_total_split_between_the_donor_and_others_keeps_only_the_donor_s_share()
    {
        var found = Run("The government has announced a further £600m of military support for Ukraine.\n"
            + "About £400m will be provided by the UK, with extra funding from Sweden via a UK-led fund.");
        var p = Assert.Single(found, c => c.Pledge.Kind == PledgeKind.Money && c.Pledge.Amount is not null);
        Assert.Equal(400_000_000m, p.Pledge.Amount);
        // The other giver's unstated share is money without a figure (issue 9), never a part of the total.
        Assert.Equal("SE", Assert.Single(found, c => c.Pledge.Kind == PledgeKind.Money && c.Pledge.Amount is null).Pledge.DonorCode);
    }

    [Fact]
    public void Two_calibres_before_one_ammunition_are_two_items()
    {
        var found = Run("Canada announced a package for Ukraine.\nThe package includes:\n- 120 mm and 81 mm mortar ammunition\n- Night-vision devices\n");
        Assert.Contains(found, p => p.Pledge.Item is { } i && i.StartsWith("120 mm", StringComparison.Ordinal));
        Assert.Contains(found, p => p.Pledge.Item is { } i && i.StartsWith("81 mm", StringComparison.Ordinal));
    }

    [Fact]
    public void Providing_Ukraine_with_an_item_gives_the_item()
    {
        var found = Run("Japan will provide Ukraine with armoured ambulances.");
        Assert.Contains(found, p => p.Pledge.Item == "armoured ambulances");
    }

    [Fact]
    public void A_system_in_brackets_after_ammunition_for_it_is_not_given()
    {
        var found = Run("The package also includes additional ammunition for Multiple Launch Rocket Systems (MLRS) for Ukraine, the United States said.");
        Assert.DoesNotContain(found, p => p.Pledge.SystemId is not null);
        Assert.Contains(found, p => p.Pledge.Item == "ammunition");
    }

    [Fact]
    public void Those_hit_by_the_war_receive_aid_but_a_tank_hit_by_a_drone_is_a_loss()
    {
        var aid = Run("Denmark will give EUR 12 million to communities hit by the war in eastern Ukraine.");
        Assert.True(aid.Any(p => p.Pledge.DonorCode == "DK" && p.Pledge.Amount == 12_000_000m), Dump(aid));
        var loss = Run("Two Leopard 2 tanks donated by Denmark were hit by Russian drones near the front.");
        Assert.True(loss.Count == 0, Dump(loss));
    }
}
