using PledgeLedger.Core;

namespace PledgeLedger.Reporting.Tests;

public class ReportBuilderTests
{
    private static readonly MonthlyReport March = ReportBuilder.Monthly(Samples.Ten(), 2024, 3);

    [Fact]
    public void New_this_month_counts_pledges_announced_within_the_month_without_proposals()
    {
        Assert.Equal(9, March.Body.Headline.Pledges);
        Assert.Equal(1, March.Body.Headline.Proposals);
    }

    [Fact]
    public void One_off_EUR_excludes_proposals_annual_and_multi_year_sums()
    {
        Assert.Equal(23_000_000.40m + 500_000_000m + 5_100.55m + 1_000_000m, March.Body.Headline.OnceEur);
        Assert.Equal(8_000_000_000m, March.Body.Headline.MultiYearEur);
        Assert.Equal(87_000_000m, March.Body.Headline.AnnualEurPerYear);
    }

    [Fact]
    public void Money_without_a_rate_is_listed_in_its_currency_not_counted_as_zero()
    {
        var kyiv = Assert.Single(March.Body.Totals, t => t.DonorCode == "XK");
        Assert.Equal(0m, kyiv.OnceEur);
        Assert.Equal([new OriginalAmount("UAH", 10_000_000m)], kyiv.Unconverted);
        Assert.Contains(new OriginalAmount("UAH", 10_000_000m), March.Body.Headline.Unconverted);
    }

    [Fact]
    public void Equipment_counts_items_and_unquantified_pledges_and_keeps_in_kind_apart()
    {
        Assert.Equal(14, March.Body.Headline.EquipmentItems);
        Assert.Equal(1, March.Body.Headline.UnquantifiedEquipment);
        Assert.Equal(130_200_000m, March.Body.Headline.InKindEur);
        var de = Assert.Single(March.Body.Totals, t => t.DonorCode == "DE");
        Assert.Equal(500_000_000m, de.OnceEur);
        Assert.Equal(500_000_000m, de.AllocatedEur);
    }

    [Fact]
    public void Totals_per_ally_run_to_the_month_end_and_include_undated_pledges()
    {
        var pl = Assert.Single(March.Body.Totals, t => t.DonorCode == "PL");
        Assert.Equal(73_000_000.40m, pl.OnceEur);
        var fr = Assert.Single(March.Body.Totals, t => t.DonorCode == "FR");
        Assert.Equal(3_000_000_000m, fr.OnceEur); // undated in, April out
        var nato = Assert.Single(March.Body.Totals, t => t.DonorCode == "NATO");
        Assert.Equal(0m, nato.OnceEur);
        Assert.Equal(1, nato.Proposals);
    }

    [Fact]
    public void Change_is_against_the_previous_month()
    {
        Assert.Equal("February 2024", March.Change.PreviousLabel);
        Assert.Equal(1, March.Change.PreviousPledges);
        Assert.Equal(50_000_000m, March.Change.PreviousEur);
        Assert.Equal(8, March.Change.PledgeChange);
    }

    [Fact]
    public void Commitments_and_proposals_are_listed_apart()
    {
        Assert.Equal([6L, 7L], March.Body.Commitments.Select(c => c.Id));
        Assert.Equal([10L], March.Body.Proposals.Select(c => c.Id));
        Assert.DoesNotContain(March.Body.Groups.SelectMany(g => g.Pledges), p => p.Status == PledgeStatus.Proposed);
    }

    [Fact]
    public void Sources_list_only_documents_supporting_pledges_of_the_report()
    {
        Assert.Equal([10L, 20L, 30L], March.Body.Sources.Select(s => s.Id).Order());
        Assert.Equal([3L, 4L, 5L, 7L, 10L], March.Body.Sources.Single(s => s.Id == 30).PledgeIds);
    }

    [Fact]
    public void Cumulative_line_ends_at_the_report_month()
    {
        var last = March.Body.CumulativeEur[^1];
        Assert.Equal(new DateOnly(2024, 3, 31), last.Date);
        // One-off and multi-year EUR (as the ledger's totals count them); the annual sum stays out.
        Assert.Equal(50_000_000m + March.Body.Headline.OnceEur + March.Body.Headline.MultiYearEur, last.Value);
        Assert.Equal(8_000_000_000m, March.Body.Headline.MultiYearEur);
    }

    [Fact]
    public void A_month_without_pledges_gives_an_empty_but_valid_report()
    {
        var empty = ReportBuilder.Monthly(Samples.Ten(), 2021, 1);
        Assert.Equal(0, empty.Body.Headline.Pledges);
        Assert.Empty(empty.Body.Groups);
        Assert.Null(empty.Change.EurChangePercent);
    }

    [Fact]
    public void Summary_groups_by_month_and_filters_donors()
    {
        var s = ReportBuilder.Summary(Samples.Ten(), new DateOnly(2024, 2, 1), new DateOnly(2024, 4, 30), ["pl", "FR"], SummaryGrouping.Date);
        Assert.Equal(["2024-02", "2024-03", "2024-04"], s.Body.Groups.Select(g => g.Key));
        Assert.Equal(1, s.Body.Headline.UndatedExcluded);
        Assert.Equal(["FR", "PL"], s.Donors);
    }

    [Fact]
    public void Summary_groups_by_country()
    {
        var s = ReportBuilder.Summary(Samples.Ten(), new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), null, SummaryGrouping.Country);
        Assert.Equal("DE", s.Body.Groups[0].Key);
    }

    [Fact]
    public void Ally_report_holds_the_donors_full_record_including_undated()
    {
        var a = ReportBuilder.Ally(Samples.Ten(), "fr", null, null);
        Assert.Equal("France", a.DonorName);
        Assert.Equal(2, a.Body.Headline.Pledges);
        Assert.Equal(["2024", "Undated"], a.Body.Groups.Select(g => g.Key));
    }

    [Fact]
    public void Donors_may_be_named_by_code_alpha3_or_name()
    {
        Assert.Equal("PL", ReportBuilder.Ally(Samples.Ten(), "Poland", null, null).DonorCode);
        Assert.Equal("PL", ReportBuilder.Ally(Samples.Ten(), "POL", null, null).DonorCode);
        var s = ReportBuilder.Summary(Samples.Ten(), new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), ["Germany"], SummaryGrouping.Country);
        Assert.Equal(["DE"], s.Body.Totals.Select(t => t.DonorCode));
    }
}
