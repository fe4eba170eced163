using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

/// <summary>
/// A document as the extractor sees it: plain text plus where it came from. Named apart from Core's
/// <c>SourceDocument</c>, which is the ledger's view of a stored report source.
/// </summary>
/// <param name="Source">The path, "-" for stdin, or "path#item-N" for the N-th item of a feed.</param>
/// <param name="Title">The document's title when it has one (HTML title, feed item title).</param>
/// <param name="PublishedOn">The publication date when the container says it (feed pubDate, HTML meta, page dateline).</param>
/// <param name="ContentHash">SHA-256 (lower-case hex) of the raw bytes; for a feed item, of the item's text.</param>
/// <param name="Format">text, html, pdf, rss or atom.</param>
/// <param name="Text">The text to analyse, with line breaks kept (evidence offsets point into it).</param>
/// <param name="Origin">The document's URL when known (feed item link, HTML canonical link).</param>
public sealed record ExtractedDocument(
    string Source, string ContentHash, string? Title, DateOnly? PublishedOn, string Format, string Text, string? Origin);

/// <summary>Where a pledge is stated: character offsets into <see cref="ExtractedDocument.Text"/> and the 1-based line.</summary>
public sealed record Evidence(string Source, int Start, int End, int Line, string Text);

/// <summary>
/// A pledge found in text, not yet in the ledger: Core's <see cref="Core.Pledge"/> (Id 0, with Confidence,
/// NeedsReview, ReviewReason and AnnouncedOn filled), the names as the catalogs spell them, and every place it is stated.
/// </summary>
public sealed record CandidatePledge(
    Pledge Pledge, string? DonorName, string? SystemName, string? Category, IReadOnlyList<Evidence> Evidence)
{
    /// <summary>
    /// True when the text gave no period and <see cref="Period.Once"/> is only the default; consolidation lets such a
    /// statement join a statement of the same sum that does give one ("a proposed EUR 100 bn fund" after "a 5-year, EUR 100 bn fund").
    /// </summary>
    public bool PeriodImplicit { get; init; }
}

/// <summary>A file or item that could not be read (or only partly): one line for the user.</summary>
/// <param name="Source">The path (or feed item) the problem belongs to.</param>
/// <param name="Code">A stable code from <see cref="ReadProblemCodes"/>.</param>
/// <param name="Message">What went wrong, for the user.</param>
public sealed record ReadProblem(string Source, string Code, string Message)
{
    public override string ToString() => $"{Source}: {Message}";
}

/// <summary>
/// One outcome of reading: a document or a problem, never both. A document may carry a <see cref="Warning"/> (read,
/// but only in part): it is still one document, not a failure.
/// </summary>
public sealed record Result
{
    private Result(ExtractedDocument? document, ReadProblem? problem)
    {
        Document = document;
        Problem = problem;
    }

    public ExtractedDocument? Document { get; }
    public ReadProblem? Problem { get; }
    public ReadProblem? Warning { get; init; }
    public bool IsDocument => Document is not null;

    public static Result Of(ExtractedDocument document) => new(document, null);
    public static Result Of(ReadProblem problem) => new(null, problem);
}

/// <summary>
/// A running total a document reports ("brings its total aid to EUR 5 bn", "has provided 31 Abrams so far"): not a
/// new pledge, but what the donor (or the press) says it has given up to <see cref="AsOf"/>. Kept apart from pledges
/// so an analyst can compare the ledger's own sum per donor with it.
/// </summary>
public sealed record ReportedTotal(
    string DonorCode,
    string? DonorName,
    PledgeKind Kind,
    decimal? Amount,
    string? Currency,
    string? SystemId,
    string? SystemName,
    string? Category,
    long? Quantity,
    Qualifier Qualifier,
    PledgeStatus Status,
    DateOnly? AsOf,
    Evidence Evidence);

/// <summary>What one document yields: its new pledges (consolidated within the document) and the running totals it reports.</summary>
public sealed record ExtractionResult(IReadOnlyList<CandidatePledge> Pledges, IReadOnlyList<ReportedTotal> ReportedTotals);
