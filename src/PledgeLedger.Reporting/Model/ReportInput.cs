using PledgeLedger.Core;

namespace PledgeLedger.Reporting;

/// <summary>
/// Loaded data a report is built from. <see cref="Pledges"/> are the current versions as of <see cref="AsOf"/>,
/// proposals included and retracted pledges excluded by the caller. <see cref="Earlier"/> optionally stands in for
/// pledges the caller did not load one by one (the monthly report needs only sums of the time before its month and
/// of undated pledges): then <see cref="Pledges"/> holds only pledges announced on or after its date.
/// </summary>
public sealed record ReportInput(
    IReadOnlyList<PledgeView> Pledges,
    IReadOnlyList<SourceDocument> Documents,
    DateTimeOffset AsOf,
    DateTimeOffset GeneratedAt,
    string Title,
    EarlierSums? Earlier = null);

/// <summary>How a summary report groups its pledges.</summary>
public enum SummaryGrouping { Country, Date }

/// <summary>The paper a PDF is laid out on.</summary>
public enum PaperSize { A4, Letter }
