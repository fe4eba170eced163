using PledgeLedger.Core;

namespace PledgeLedger.Storage;

/// <summary>A pledge_versions / pledge_current row as Dapper reads it; mapped to Core's <see cref="Pledge"/>.</summary>
internal sealed class PledgeRow
{
    public long PledgeId { get; set; }
    public int Version { get; set; }
    public string DonorCode { get; set; } = "";
    public string RecipientCode { get; set; } = "UA";
    public string AidType { get; set; } = "unknown";
    public string Kind { get; set; } = "money";
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    public string Qualifier { get; set; } = "exact";
    public string? SystemId { get; set; }
    public string? Category { get; set; }
    public long? Quantity { get; set; }
    public decimal? StatedValueEur { get; set; }
    public string Period { get; set; } = "once";
    public int? Years { get; set; }
    public string Status { get; set; } = "pledged";
    public DateOnly? AnnouncedOn { get; set; }
    public string? Note { get; set; }
    public string? Source { get; set; }
    public decimal Confidence { get; set; } = 1m;
    public bool NeedsReview { get; set; }
    public string? ReviewReason { get; set; }
    public bool Retracted { get; set; }
    public string? Reason { get; set; }
    public DateTime RecordedAt { get; set; }
    /// <summary>A source's own correction with a negative amount (migration 0004); only imports write them.</summary>
    public bool Adjustment { get; set; }
    /// <summary>A free-text equipment item when no catalog system matches (migration 0007).</summary>
    public string? Item { get; set; }
    /// <summary>The latest date a statement of the pledge gives (migration 0009).</summary>
    public DateOnly? LastStatedOn { get; set; }

    // Columns of valued_pledges (migration 0014): the valuation the database computes.
    public decimal? UnitsPerEur { get; set; }
    public DateOnly? RateDate { get; set; }
    public decimal? UnitValueEur { get; set; }
    public decimal? Eur { get; set; }
    public decimal? InKind { get; set; }

    // Joined columns of the view queries.
    public string? DonorName { get; set; }
    public string? DonorKind { get; set; }
    public string? SystemName { get; set; }
    public string? ViewCategory { get; set; }
    public int SourceCount { get; set; }

    public Pledge ToPledge() => new()
    {
        Id = PledgeId,
        Version = Version,
        DonorCode = DonorCode,
        RecipientCode = RecipientCode,
        AidType = EnumNames.ParseAidType(AidType),
        Kind = EnumNames.ParseKind(Kind),
        Amount = Amount,
        Currency = Currency,
        Qualifier = EnumNames.ParseQualifier(Qualifier),
        SystemId = SystemId,
        Category = Category,
        Item = Item,
        Quantity = Quantity,
        StatedValueEur = StatedValueEur,
        Period = EnumNames.ParsePeriod(Period),
        Years = Years,
        Status = EnumNames.ParseStatus(Status),
        AnnouncedOn = AnnouncedOn,
        LastStatedOn = LastStatedOn,
        Note = Note,
        Source = Source,
        Confidence = Confidence,
        NeedsReview = NeedsReview,
        ReviewReason = ReviewReason,
        Retracted = Retracted,
        Reason = Reason,
        RecordedAt = new DateTimeOffset(DateTime.SpecifyKind(RecordedAt, DateTimeKind.Utc)),
    };

    /// <summary>
    /// The pledge as listings and reports see it; its values are the view's, never recomputed here. EUR comes without
    /// the trailing zeros of the database's division scale (316160, not 316160.0000000000000000), as C# divided before.
    /// </summary>
    public PledgeView ToView() => new()
    {
        Pledge = ToPledge(),
        DonorName = DonorName ?? DonorCode,
        DonorKind = DonorKind is null ? Core.DonorKind.State : EnumNames.ParseDonorKind(DonorKind),
        SystemName = SystemName,
        Category = ViewCategory ?? Category,
        Eur = Eur is { } eur ? eur / 1.000000000000000000000000000000000m : null,
        RateDate = RateDate,
        UnitsPerEur = UnitsPerEur,
        InKindEur = InKind,
        SourceCount = SourceCount,
    };
}
