using PledgeLedger.Core;

namespace PledgeLedger.Extraction.Tests;

public class RunningTotalAndModelNumberTests
{
    private static IReadOnlyList<CandidatePledge> Extract(string text) =>
        new PledgeExtractor().Extract(new ExtractedDocument("t.txt", new string('0', 64), null, null, "text", text, null));

    [Theory]
    [InlineData("The package brings Denmark's total military support to more than DKK 60 billion since February 2022.")]
    [InlineData("This raises Germany's overall aid to Ukraine to EUR 28 billion.")]
    [InlineData("The new tranche takes the cumulative total of Japanese assistance to USD 12 billion.")]
    public void A_running_total_is_not_a_new_pledge(string sentence) => Assert.Empty(Extract(sentence));

    [Fact]
    public void A_number_inside_a_system_name_is_not_a_quantity()
    {
        var pledge = Assert.Single(Extract("Sweden will provide Ukraine with two ASC 890 early warning aircraft."));
        Assert.Equal("early-warning-aircraft", pledge.Pledge.SystemId);
        Assert.Equal(2, pledge.Pledge.Quantity);
    }

    [Fact]
    public void A_new_package_beside_a_running_total_is_still_found()
    {
        var pledges = Extract("Denmark announced an 18th support package for Ukraine worth DKK 1.3 billion.");
        Assert.Equal(1_300_000_000m, Assert.Single(pledges).Pledge.Amount);
        Assert.Equal(PledgeKind.Money, pledges[0].Pledge.Kind);
    }
}

public class UncountedHeadlineTests
{
    [Fact]
    public void A_headline_without_a_count_joins_the_body_that_gives_one()
    {
        const string text = "France delivers CAESAR howitzers to Ukraine\n\nFrance has delivered six CAESAR self-propelled howitzers to Ukraine, the ministry said.\n";
        var pledges = new PledgeExtractor().Extract(new ExtractedDocument("t.txt", new string('0', 64), null, new DateOnly(2024, 5, 20), "text", text, null));
        var caesar = Assert.Single(pledges);
        Assert.Equal(6, caesar.Pledge.Quantity);
        Assert.Equal(Core.PledgeStatus.Delivered, caesar.Pledge.Status);
        Assert.Equal(2, caesar.Evidence.Count);
    }

    [Fact]
    public void Two_different_counts_leave_an_uncounted_mention_alone()
    {
        const string text = "Germany sends Leopard 2A6 tanks.\nGermany will provide 10 Leopard 2A6 tanks.\nGermany will provide 14 Leopard 2A6 tanks.\n";
        var pledges = new PledgeExtractor().Extract(new ExtractedDocument("t.txt", new string('1', 64), null, new DateOnly(2024, 5, 20), "text", text, null));
        Assert.Contains(pledges, p => p.Pledge.Quantity == 10);
        Assert.Contains(pledges, p => p.Pledge.Quantity == 14);
    }
}
