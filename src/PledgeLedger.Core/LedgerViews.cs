namespace PledgeLedger.Core;

/// <summary>
/// A pledge as reports and listings see it: the current (or as-of) version joined with names, the EUR
/// conversion and the number of sources. Built by Storage, consumed by Reporting and the CLI.
/// </summary>
public sealed record PledgeView
{
    public required Pledge Pledge { get; init; }
    public required string DonorName { get; init; }
    public DonorKind DonorKind { get; init; }
    public string? SystemName { get; init; }
    /// <summary>Equipment category (from the system, or the pledge's own when no system is named).</summary>
    public string? Category { get; init; }
    /// <summary>Money converted to EUR with <see cref="RateDate"/>'s rate; null when no rate (or undated).</summary>
    public decimal? Eur { get; init; }
    /// <summary>The date whose ECB rate was used (the announcement date or the last earlier business day).</summary>
    public DateOnly? RateDate { get; init; }
    public decimal? UnitsPerEur { get; init; }
    /// <summary>Estimated in-kind value in EUR (quantity x catalog unit value); always an estimate.</summary>
    public decimal? InKindEur { get; init; }
    public int SourceCount { get; init; }
}

/// <summary>A source document as reports cite it.</summary>
public sealed record SourceDocument(long Id, string? Title, DateOnly? PublishedOn, string? Origin, string Format, IReadOnlyList<long> PledgeIds);

/// <summary>
/// Counted current pledges summed per donor, status, kind, period, currency and month (the ledger's pledge_totals
/// roll-up): what a report needs of months it does not list pledge by pledge. <see cref="Month"/> is the first day
/// of the month, null when months are collapsed (or the pledges are undated); <see cref="Currency"/> is null for equipment. <see cref="Eur"/> sums the
/// converted money, <see cref="Unconverted"/> (over <see cref="UnconvertedPledges"/> pledges) the money without a rate.
/// </summary>
public sealed record PledgeAggregate(
    string DonorCode,
    string DonorName,
    PledgeStatus Status,
    PledgeKind Kind,
    Period Period,
    string? Currency,
    DateOnly? Month,
    int Pledges,
    decimal Eur,
    decimal Unconverted,
    int UnconvertedPledges,
    decimal Items,
    int Unquantified,
    decimal InKindEur);

/// <summary>
/// Sums of the counted pledges announced before a date (and of undated pledges), standing in for pledges a report
/// does not list one by one. <see cref="ByDonor"/>: per donor, status, kind, period and currency, months collapsed
/// (<see cref="PledgeAggregate.Month"/> null), undated pledges included. <see cref="ByMonth"/>: per month, status,
/// kind, period and currency, donors collapsed (<see cref="PledgeAggregate.DonorCode"/> empty), dated pledges only.
/// </summary>
public sealed record EarlierSums(DateOnly Before, IReadOnlyList<PledgeAggregate> ByDonor, IReadOnlyList<PledgeAggregate> ByMonth);
