namespace PledgeLedger.Core.Tests;

/// <summary>The consolidation rule: groups are a function of the set of statements, and the merge of a group is order-free.</summary>
public sealed class ConsolidationRuleTests
{
    private static Pledge Patriots(DateOnly? date, long quantity = 5) =>
        new() { DonorCode = "DE", Kind = PledgeKind.Equipment, SystemId = "patriot", Quantity = quantity, AnnouncedOn = date };

    private static string Shape(IEnumerable<IReadOnlyList<Pledge>> groups) =>
        string.Join(";", groups.Select(g => string.Join(",", g.Select(p => p.AnnouncedOn?.Day.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-").Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal));

    [Fact]
    public void Restatements_chain_whatever_their_order()
    {
        var statements = new[] { 1, 12, 23 }.Select(d => Patriots(new(2024, 3, d))).ToList();
        Assert.Equal("1,12,23", Shape(Consolidation.Group(statements, p => p)));
        Assert.Equal("1,12,23", Shape(Consolidation.Group(Enumerable.Reverse(statements), p => p)));
        // Without the middle one the ends are 22 days apart: two pledges.
        Assert.Equal("1;23", Shape(Consolidation.Group([statements[0], statements[2]], p => p)));
    }

    [Fact]
    public void Undated_statements_group_together_and_apart_from_dated_ones()
    {
        var groups = Consolidation.Group([Patriots(null), Patriots(new(2024, 3, 1)), Patriots(null), Patriots(new(2024, 9, 1))], p => p);
        Assert.Equal("-,-;1;1", Shape(groups));
    }

    [Fact]
    public void A_pledge_spans_its_statements_and_a_statement_near_the_span_is_the_same_pledge()
    {
        var merged = Consolidation.Merge(Patriots(new(2024, 3, 1)), Patriots(new(2024, 3, 23)));
        Assert.Equal((new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 23)), (merged.AnnouncedOn!.Value, merged.LastStatedOn!.Value));
        Assert.True(Consolidation.IsSamePledge(merged, Patriots(new(2024, 4, 6))));
        Assert.False(Consolidation.IsSamePledge(merged, Patriots(new(2024, 4, 7))));
        Assert.False(Consolidation.IsSamePledge(merged, Patriots(new(2024, 3, 10), quantity: 6)));
    }

    [Fact]
    public void Free_text_items_are_part_of_the_key_like_systems()
    {
        Pledge Item(string item) => new() { DonorCode = "DK", Kind = PledgeKind.Equipment, Category = "engineering", Item = item, Quantity = 10, AnnouncedOn = new(2024, 3, 1) };
        Assert.True(Consolidation.IsSamePledge(Item("demining vehicles"), Item("Demining vehicles")));
        Assert.False(Consolidation.IsSamePledge(Item("demining vehicles"), Item("bridge layers")));
    }

    [Fact]
    public void The_merge_takes_the_earliest_date_furthest_stage_and_highest_confidence_in_any_order()
    {
        var a = Patriots(new(2024, 3, 12)) with { Confidence = 0.55m, NeedsReview = true, ReviewReason = "low confidence", Source = "b" };
        var b = Patriots(new(2024, 3, 1)) with { Status = PledgeStatus.Delivered, Confidence = 0.8m, AidType = AidType.Military, Source = "a" };
        var c = Patriots(new(2024, 3, 20)) with { Confidence = 0.7m, Qualifier = Qualifier.AtLeast, Note = "n" };
        var expected = Consolidation.Merge([a, b, c]);
        Assert.Equal((new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 20), PledgeStatus.Delivered, 0.8m, false, AidType.Military, Qualifier.Exact, "a", "n"),
            (expected.AnnouncedOn!.Value, expected.LastStatedOn!.Value, expected.Status, expected.Confidence, expected.NeedsReview, expected.AidType, expected.Qualifier, expected.Source, expected.Note));
        foreach (var order in new Pledge[][] { [c, b, a], [b, a, c], [a, c, b] })
        {
            Assert.True(Consolidation.SameContent(expected, Consolidation.Merge(order)));
            Assert.True(Consolidation.SameContent(expected, Consolidation.Merge(order[0], Consolidation.Merge(order[1], order[2]))));
        }
    }
}
