namespace PledgeLedger.Core;

/// <summary>
/// One version of a ledger pledge: what was promised, by whom, when, and how sure we are. Versions are
/// never edited; an amendment or retraction is the next version of the same <see cref="Id"/>.
/// </summary>
public sealed record Pledge
{
    public long Id { get; init; }
    public int Version { get; init; } = 1;
    public required string DonorCode { get; init; }
    public string RecipientCode { get; init; } = "UA";
    public AidType AidType { get; init; } = AidType.Unknown;
    public PledgeKind Kind { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    public Qualifier Qualifier { get; init; } = Qualifier.Exact;
    public string? SystemId { get; init; }
    /// <summary>Equipment only; category when no single system is named ("battle tanks").</summary>
    public string? Category { get; init; }
    /// <summary>
    /// Equipment only: the item as the source names it when no catalog system matches ("demining vehicles",
    /// "155mm artillery rounds"); <see cref="Category"/> then comes from its head noun. Null for catalog systems.
    /// </summary>
    public string? Item { get; init; }
    /// <summary>Null when the source gives none ("early warning airplanes").</summary>
    public long? Quantity { get; init; }
    /// <summary>Equipment only: a EUR value the source itself states (e.g. Kiel's weapons table), not an estimate.</summary>
    public decimal? StatedValueEur { get; init; }
    public Period Period { get; init; } = Period.Once;
    public int? Years { get; init; }
    public PledgeStatus Status { get; init; } = PledgeStatus.Pledged;
    /// <summary>Null when no date is known; never guessed.</summary>
    public DateOnly? AnnouncedOn { get; init; }
    /// <summary>
    /// The latest date a statement of this pledge gives, when later than <see cref="AnnouncedOn"/> (the earliest): the
    /// pledge's statements span these dates, and consolidation joins a statement within 14 days of the span.
    /// </summary>
    public DateOnly? LastStatedOn { get; init; }
    public string? Note { get; init; }
    public string? Source { get; init; }
    /// <summary>1 for manual entries; below 1 for extractions; below the review threshold, waits for a person.</summary>
    public decimal Confidence { get; init; } = 1m;
    public bool NeedsReview { get; init; }
    public string? ReviewReason { get; init; }
    public bool Retracted { get; init; }
    /// <summary>Why this version was written (amend/retract/review reason).</summary>
    public string? Reason { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public Money? Money => Kind == PledgeKind.Money && Amount is { } a && Currency is { } c ? new Money(a, c) : null;

    /// <summary>Whether this pledge counts into a donor's totals (proposals and retracted pledges never do).</summary>
    public bool CountsForDonor => !Retracted && Status != PledgeStatus.Proposed;
}
