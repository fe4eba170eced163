using PledgeLedger.Core;

namespace PledgeLedger.Reporting;

/// <summary>
/// Loaded data a report is built from. <see cref="Pledges"/> are the current versions as of <see cref="AsOf"/>,
/// proposals included and retracted pledges excluded by the caller.
/// </summary>
public sealed record ReportInput(
    IReadOnlyList<PledgeView> Pledges,
    IReadOnlyList<SourceDocument> Documents,
    DateTimeOffset AsOf,
    DateTimeOffset GeneratedAt,
    string Title);

/// <summary>How a summary report groups its pledges.</summary>
public enum SummaryGrouping { Country, Date }

/// <summary>The paper a PDF is laid out on.</summary>
public enum PaperSize { A4, Letter }
