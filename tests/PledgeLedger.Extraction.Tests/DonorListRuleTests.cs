using PledgeLedger.Core;

namespace PledgeLedger.Extraction.Tests;

/// <summary>
/// Donors named in lists, and states named as recipients (issue 9q): a collective noun that lists its members ("partners,
/// including A, B and C") gives one shared pledge like "A and B will provide" (the first donor, for review naming all);
/// a state the aid goes to ("aid to Israel") never gives it. Every sentence here is written for the test.
/// </summary>
public sealed class DonorListRuleTests
{
    private static IReadOnlyList<CandidatePledge> Run(string text) => RuleText.Extract(text, new DateOnly(2024, 5, 2)).Pledges;

    private static string Show(IEnumerable<CandidatePledge> ps) => RuleText.Dump(ps);

    [Theory]
    [InlineData("Our partners, including Sweden, Finland, Poland and others, have committed EUR 2 billion to rebuild the grid.")]
    [InlineData("Our partners, including Sweden, Finland, Poland, among others, have committed EUR 2 billion to rebuild the grid.")]
    [InlineData("Our partners - Sweden, Finland, Poland - have committed EUR 2 billion to rebuild the grid.")]
    [InlineData("Partners like Sweden, Finland and Poland have committed EUR 2 billion to rebuild the grid.")]
    [InlineData("Donors such as Sweden, Finland and Poland pledged EUR 2 billion to rebuild the grid.")]
    [InlineData("Sweden, Finland and Poland will provide EUR 2 billion to rebuild the grid.")]
    public void A_sum_a_list_of_donors_gives_is_one_shared_pledge_for_review_naming_them_all(string text)
    {
        var r = Run(text);
        var p = Assert.Single(r).Pledge;
        Assert.Equal("SE", p.DonorCode);
        Assert.Equal(2_000_000_000m, p.Amount);
        Assert.True(p.NeedsReview, Show(r));
        Assert.Equal("donor ambiguous: one of SE, FI, PL", p.ReviewReason);
    }

    [Theory]
    [InlineData("NATO allies committed EUR 40 billion for Ukraine next year.", "NATO")]
    [InlineData("EU member states pledged EUR 5 billion for Ukraine's air defence.", "EU")]
    public void A_group_named_on_the_collective_noun_gives_the_sum(string text, string donor)
    {
        var r = Run(text);
        Assert.Equal(donor, Assert.Single(r).Pledge.DonorCode);
        // Without the group, many unnamed donors' total at one event is no one donor's pledge.
        Assert.Empty(Run("Allies committed EUR 40 billion for Ukraine at the summit."));
    }

    [Fact]
    public void A_comma_chain_without_a_list_word_is_still_two_clauses()
    {
        // "A, B joins": no conjunction, no collective noun, no "and others": the sum is the clause's own donor's.
        var r = Run("Sweden, Finland announced new aid on Monday; Finland pledged EUR 300 million.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal("FI", p.DonorCode);
        Assert.False(p.NeedsReview, Show(r));
    }

    [Fact]
    public void Each_member_of_a_listed_group_that_each_pledged_gives_its_own()
    {
        var r = Run("Our partners, including Sweden, Finland and Poland, have each pledged EUR 100 million.");
        Assert.Equal(["FI", "PL", "SE"], r.Select(c => c.Pledge.DonorCode).Order().ToArray());
    }

    [Theory]
    [InlineData("The Senate passed $95 billion in aid to Israel, Taiwan and Ukraine.")]
    [InlineData("The bill includes $95 billion in assistance to Israel and Ukraine.")]
    [InlineData("The bill includes $95 billion in assistance for Ukraine, Israel and Taiwan.")]
    public void A_recipient_is_never_the_donor_and_the_sponsors_wording_may_name_one(string text)
    {
        var r = Run(text);
        var p = Assert.Single(r).Pledge;
        Assert.Equal("US", p.DonorCode);
        Assert.Equal(95_000_000_000m, p.Amount);
        Assert.Equal("donor inferred from US legislative wording", p.ReviewReason);
    }

    [Theory]
    [InlineData("Congress approved a package for Taiwan and Israel worth $26 billion.")]
    [InlineData("The aid to Israel passed the Senate with $26 billion.")]
    [InlineData("Lawmakers debated a separate package of weapons for Israel and Taiwan, including 20 F-16 jets.")]
    public void Aid_whose_only_named_recipients_are_other_states_gives_no_pledge(string text)
    {
        var r = Run(text);
        Assert.True(r.Count == 0, Show(r));
    }

    [Fact]
    public void A_sum_for_another_recipient_is_dropped_and_the_sum_for_ukraine_kept()
    {
        var r = Run("The House passed $26 billion in aid to Israel and $61 billion for Ukraine.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal(61_000_000_000m, p.Amount);
        Assert.Equal("US", p.DonorCode);
    }

    [Fact]
    public void A_named_giver_keeps_its_sum_for_ukraine_and_loses_the_one_for_another_recipient()
    {
        var r = Run("Germany will give EUR 20 million to Ukraine and EUR 5 million in aid to Moldova.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal("DE", p.DonorCode);
        Assert.Equal(20_000_000m, p.Amount);
    }

    [Fact]
    public void A_speaker_after_ukraine_is_not_a_second_recipient()
    {
        // "for Ukraine, Sweden said": a comma alone joins no list of recipients.
        var r = Run("The package includes 10 CV90 infantry fighting vehicles for Ukraine, Sweden said.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal("SE", p.DonorCode);
        Assert.Equal(PledgeKind.Equipment, p.Kind);
    }

    [Fact]
    public void The_states_thanked_gave()
    {
        var r = Run("Thanks to Germany and France, Ukraine received 20 Leopard 1 tanks.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal("DE", p.DonorCode);
        Assert.Equal("donor ambiguous: one of DE, FR", p.ReviewReason);
    }

    [Theory]
    [InlineData("Sweden and its allies have pledged EUR 3 billion in new aid.", PledgeKind.Money)]
    [InlineData("Sweden and other Nordic countries have committed EUR 3 billion.", PledgeKind.Money)]
    [InlineData("Sweden and its partners will deliver 5 Archer howitzers to Ukraine.", PledgeKind.Equipment)]
    public void A_donor_giving_with_partners_it_leaves_unnamed_is_a_shared_pledge_for_review(string text, PledgeKind kind)
    {
        var r = Run(text);
        var p = Assert.Single(r).Pledge;
        Assert.Equal(kind, p.Kind);
        Assert.Equal("SE", p.DonorCode);
        Assert.Equal("donor ambiguous: one of SE, PARTNERS", p.ReviewReason);
    }

    [Fact]
    public void A_many_donor_subject_alone_still_gives_no_one_donors_pledge()
    {
        var r = Run("Allies have pledged EUR 3 billion in new aid for Ukraine.");
        Assert.True(r.Count == 0, Show(r));
    }

    [Theory]
    [InlineData("Norway will donate 8 air defence systems to Ukraine, purchased from the Swedish industry.")]
    [InlineData("Norway will donate 8 air defence systems, jointly developed with Sweden.")]
    [InlineData("Norway will fund 8 air defence systems made in Sweden for Ukraine.")]
    public void The_seller_or_maker_of_what_a_donor_gives_is_not_a_donor(string text)
    {
        var r = Run(text);
        var p = Assert.Single(r).Pledge;
        Assert.Equal("NO", p.DonorCode);
        Assert.Equal(8, p.Quantity);
    }

    [Theory]
    [InlineData("During the meeting of the Ukraine Defense Contact Group, allies pledged 40 armoured vehicles.")]
    [InlineData("At the Ramstein meeting, allies pledged 40 armoured vehicles.")]
    public void A_coalition_named_as_the_meeting_where_others_pledge_is_not_the_giver(string text)
    {
        var r = Run(text);
        Assert.DoesNotContain(r, c => c.Pledge.DonorCode == "UDCG");
    }

    [Fact]
    public void A_donor_in_a_relative_clause_after_the_subject_is_not_the_giver()
    {
        var r = Run("Finland, which joined NATO in April, will send 10 CV90 infantry fighting vehicles to Ukraine.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal("FI", p.DonorCode);
    }

    [Fact]
    public void The_agent_of_a_verb_that_gives_nothing_is_not_the_giver()
    {
        var r = Run("The World Bank approved a $1.5 billion grant for Ukraine, backed by Japan.");
        var p = Assert.Single(r).Pledge;
        Assert.Equal("WB", p.DonorCode);
    }
}
