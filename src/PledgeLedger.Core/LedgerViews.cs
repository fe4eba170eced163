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
    public IReadOnlyList<long> DocumentIds { get; init; } = [];
}

/// <summary>A source document as reports cite it.</summary>
public sealed record SourceDocument(long Id, string? Title, DateOnly? PublishedOn, string? Origin, string Format, IReadOnlyList<long> PledgeIds);
