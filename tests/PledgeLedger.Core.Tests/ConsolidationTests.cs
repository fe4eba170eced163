namespace PledgeLedger.Core.Tests;

public class ConsolidationTests
{
    private static Pledge Money(string donor, decimal amount, DateOnly? date) => new()
    {
        DonorCode = donor,
        Kind = PledgeKind.Money,
        Amount = amount,
        Currency = "EUR",
        AnnouncedOn = date,
    };

    [Fact]
    public void Same_pledge_within_the_window_is_one()
    {
        Assert.True(Consolidation.IsSamePledge(Money("DE", 5m, new(2024, 5, 31)), Money("DE", 5m, new(2024, 6, 12))));
        Assert.True(Consolidation.IsSamePledge(Money("DE", 5m, null), Money("DE", 5m, null)));
    }

    [Fact]
    public void An_undated_statement_is_never_the_same_pledge_as_a_dated_one()
    {
        Assert.False(Consolidation.IsSamePledge(Money("DE", 5m, null), Money("DE", 5m, new(2024, 6, 12))));
    }

    [Fact]
    public void Different_amount_donor_or_far_date_is_another_pledge()
    {
        Assert.False(Consolidation.IsSamePledge(Money("DE", 5m, new(2024, 5, 1)), Money("DE", 5m, new(2024, 6, 12))));
        Assert.False(Consolidation.IsSamePledge(Money("DE", 5m, null), Money("FR", 5m, null)));
        Assert.False(Consolidation.IsSamePledge(Money("DE", 5m, null), Money("DE", 6m, null)));
    }
}

public class ConsolidationWithoutFigureTests
{
    private static Pledge Unstated(string? currency, DateOnly? date, decimal? amount = null) => new()
    {
        DonorCode = "DK",
        Kind = PledgeKind.Money,
        Amount = amount,
        Currency = currency,
        AnnouncedOn = date,
    };

    [Fact]
    public void Money_without_a_figure_is_one_pledge_with_another_statement_of_it()
    {
        Assert.True(Consolidation.IsSamePledge(Unstated(null, new(2024, 6, 1)), Unstated(null, new(2024, 6, 10))));
        Assert.True(Consolidation.IsSamePledge(Unstated("CZK", null), Unstated("CZK", null)));
    }

    [Fact]
    public void A_figure_or_another_currency_makes_another_pledge_as_a_count_does_for_equipment()
    {
        // As for equipment, where "F-16 x ?" and "F-16 x 6" are two pledges: a stated figure never completes one without.
        Assert.False(Consolidation.IsSamePledge(Unstated("EUR", new(2024, 6, 1)), Unstated("EUR", new(2024, 6, 3), 5_000_000m)));
        Assert.False(Consolidation.IsSamePledge(Unstated(null, new(2024, 6, 1)), Unstated("EUR", new(2024, 6, 1))));
        Assert.NotEqual(Consolidation.Key(Unstated("EUR", null)), Consolidation.Key(Unstated("EUR", null, 0.001m)));
        var equipment = new Pledge { DonorCode = "DK", Kind = PledgeKind.Equipment, SystemId = "f16" };
        Assert.False(Consolidation.IsSamePledge(equipment, equipment with { Quantity = 6 }));
    }
}

public class ConsolidationStageTests
{
    [Fact]
    public void Pledged_and_delivered_are_stages_of_one_pledge_but_a_proposal_is_another()
    {
        var pledged = new Pledge { DonorCode = "PL", Kind = PledgeKind.Equipment, SystemId = "artillery-shells", Quantity = 50_000, Status = PledgeStatus.Pledged };
        Assert.True(Consolidation.IsSamePledge(pledged, pledged with { Status = PledgeStatus.Delivered }));
        Assert.False(Consolidation.IsSamePledge(pledged, pledged with { Status = PledgeStatus.Proposed }));
        Assert.Equal(PledgeStatus.Delivered, Consolidation.Merge(pledged with { Status = PledgeStatus.Delivered }, pledged).Status);
        Assert.Equal(PledgeStatus.Allocated, Consolidation.Merge(pledged, pledged with { Status = PledgeStatus.Allocated }).Status);
    }
}
