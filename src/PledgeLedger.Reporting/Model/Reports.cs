using System.Text.Json.Serialization;
using PledgeLedger.Core;

namespace PledgeLedger.Reporting;

/// <summary>A report model: pure data, rendered to PDF, CSV or JSON by <see cref="ReportWriter"/>.</summary>
public interface IReport
{
    // "monthly", "summary" or "ally".
    string Kind { get; }
    string Title { get; }
    // What the report covers, in words ("March 2024", "2024-01-01 to 2024-06-30").
    string PeriodLabel { get; }
    DateTimeOffset AsOf { get; }
    DateTimeOffset GeneratedAt { get; }
    ReportBody Body { get; }
}

/// <summary>What happened in one calendar month, against the month before.</summary>
public sealed record MonthlyReport(
    string Title, string PeriodLabel, DateTimeOffset AsOf, DateTimeOffset GeneratedAt,
    int Year, int Month, MonthComparison Change, ReportBody Body) : IReport
{
    public string Kind => "monthly";
}

/// <summary>A date range, grouped by country or by month.</summary>
public sealed record SummaryReport(
    string Title, string PeriodLabel, DateTimeOffset AsOf, DateTimeOffset GeneratedAt,
    DateOnly From, DateOnly To, IReadOnlyList<string> Donors, SummaryGrouping GroupedBy, ReportBody Body) : IReport
{
    public string Kind => "summary";
}

/// <summary>One donor's full record (optionally limited to a date range).</summary>
public sealed record AllyReport(
    string Title, string PeriodLabel, DateTimeOffset AsOf, DateTimeOffset GeneratedAt,
    string DonorCode, string DonorName, DateOnly? From, DateOnly? To, ReportBody Body) : IReport
{
    public string Kind => "ally";
}

/// <summary>The building blocks every report shares; sections may be empty.</summary>
public sealed record ReportBody(
    Headline Headline,
    string BarsTitle,
    IReadOnlyList<BarPoint> EurBars,
    IReadOnlyList<SeriesPoint> CumulativeEur,
    string TotalsScope,
    IReadOnlyList<AllyTotal> Totals,
    IReadOnlyList<PledgeGroup> Groups,
    IReadOnlyList<EquipmentLine> Equipment,
    IReadOnlyList<PledgeLine> Commitments,
    IReadOnlyList<PledgeLine> Proposals,
    IReadOnlyList<SourceLine> Sources);

/// <summary>The first-page numbers for the period the report covers (counted statuses only, proposals apart).</summary>
public sealed record Headline(
    DateOnly? From,
    DateOnly? To,
    int Pledges,
    int Donors,
    // One-off money pledges converted to EUR (the JSON export keeps its key "eur").
    [property: JsonPropertyName("eur")] decimal OnceEur,
    // Multi-year commitments in EUR, booked in full when announced.
    decimal MultiYearEur,
    // Annual sums in EUR: per year, never a total.
    decimal AnnualEurPerYear,
    IReadOnlyList<OriginalAmount> Unconverted,
    decimal EquipmentItems,
    int UnquantifiedEquipment,
    decimal InKindEur,
    int Proposals,
    int UndatedExcluded,
    // Donors ranked by converted EUR (one-off and multi-year), each with the money that has no EUR value beside it.
    IReadOnlyList<TopDonor> TopDonors,
    // Items per equipment category: items of different systems never add up to one meaningful number.
    IReadOnlyList<BarPoint>? ItemsByCategory = null,
    // Items whose in-kind value is known (stated, or a catalog unit value): what InKindEur covers of EquipmentItems.
    decimal ValuedItems = 0,
    // Money pledges without a figure ("financial support for drone procurement"): counted in Pledges, in no sum.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int UnstatedMoney = 0);

/// <summary>
/// Money of a group (period, donor, month, year) by kind: one-off and multi-year EUR, annual EUR per year, and
/// amounts without an EUR rate in their own currency. Every heading and sentence reads from this, so none hides money.
/// </summary>
public sealed record MoneySummary(decimal OnceEur, decimal MultiYearEur, decimal AnnualEurPerYear, IReadOnlyList<OriginalAmount> Unconverted)
{
    public static MoneySummary None { get; } = new(0m, 0m, 0m, []);

    /// <summary>Converted EUR that counts into totals: one-off plus multi-year (annual sums are per year, never a total).</summary>
    public decimal Eur => OnceEur + MultiYearEur;

    public bool IsEmpty => OnceEur == 0m && MultiYearEur == 0m && AnnualEurPerYear == 0m && Unconverted.Count == 0;
}

/// <summary>A donor in the headline's ranking.</summary>
public sealed record TopDonor(string DonorCode, string Label, MoneySummary Money);

/// <summary>The month against the one before; percent is null when the previous month had nothing.</summary>
public sealed record MonthComparison(
    string PreviousLabel, int PreviousPledges, decimal PreviousEur, int PledgeChange, decimal EurChange, decimal? EurChangePercent);

/// <summary>An amount that has no EUR conversion, kept in its own currency.</summary>
public sealed record OriginalAmount(string Currency, decimal Amount, Period Period = Period.Once);

public sealed record BarPoint(string Label, decimal Value);

public sealed record SeriesPoint(DateOnly Date, decimal Value);

/// <summary>
/// One donor's totals over the report's scope. <see cref="OnceEur"/> is one-off money only (the storage's
/// TotalsRow.Eur and <see cref="MoneySummary.Eur"/> are one-off plus multi-year); the rest sits apart.
/// </summary>
public sealed record AllyTotal(
    string DonorCode,
    string DonorName,
    int Pledges,
    [property: JsonPropertyName("eur")] decimal OnceEur,
    decimal PledgedEur,
    decimal AllocatedEur,
    decimal DeliveredEur,
    decimal MultiYearEur,
    decimal AnnualEurPerYear,
    IReadOnlyList<OriginalAmount> Unconverted,
    decimal EquipmentItems,
    int UnquantifiedEquipment,
    decimal InKindEur,
    int Proposals,
    // Money pledges without a figure: counted in Pledges, in no EUR or unconverted sum.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int UnstatedMoney = 0);

/// <summary>Pledges under one heading: a donor, a month or a year.</summary>
/// <remarks><see cref="OnceEur"/> is one-off EUR; <see cref="Money"/> holds all of the group's money.</remarks>
public sealed record PledgeGroup(string Key, string Title, [property: JsonPropertyName("eur")] decimal OnceEur, IReadOnlyList<PledgeLine> Pledges, MoneySummary? Money = null);

/// <summary>One pledge as a report line.</summary>
public sealed record PledgeLine(
    long Id,
    DateOnly? Date,
    string DonorCode,
    string DonorName,
    PledgeKind Kind,
    AidType AidType,
    decimal? Amount,
    string? Currency,
    decimal? Eur,
    DateOnly? RateDate,
    string? SystemId,
    string? SystemName,
    string? Category,
    long? Quantity,
    decimal? InKindEur,
    PledgeStatus Status,
    Qualifier Qualifier,
    Period Period,
    int? Years,
    int Sources);

/// <summary>Items of one system (or category) from one donor; quantity-less pledges counted as unquantified.</summary>
public sealed record EquipmentLine(
    string System, string? Category, string DonorCode, string DonorName, decimal Items, int UnquantifiedPledges, decimal InKindEur);

/// <summary>A source document and the pledges of this report it supports.</summary>
public sealed record SourceLine(long Id, string? Title, DateOnly? PublishedOn, string? Origin, string Format, IReadOnlyList<long> PledgeIds);
