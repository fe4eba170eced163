using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

/// <summary>
/// Finds candidate pledges in a document: sums of money and equipment systems, each with its donor, status,
/// period, aid type and date, and the sentence that states it. Rules are general readings of news English
/// (see the partial files by concern); anything unsure is flagged for review rather than dropped or trusted.
/// </summary>
public sealed partial class PledgeExtractor
{
    /// <summary>At most this much of a document is analysed; readers already cap text and report what they skip.</summary>
    public const int MaxAnalysedChars = 8 * 1024 * 1024;

    /// <summary>Below this confidence a candidate waits for a person (Core's one threshold).</summary>
    public const decimal ReviewThreshold = Consolidation.ReviewThreshold;

    [ThreadStatic]
    private static List<Sentence>? _threadSentences;

    [ThreadStatic]
    private static SentenceState? _threadState;

    private readonly Lexicon _lexicon;

    public PledgeExtractor(DonorRegistry donors, SystemCatalog systems)
    {
        _lexicon = new Lexicon(donors, systems);
        _registry = donors;
    }

    public PledgeExtractor() : this(DonorRegistry.Default, SystemCatalog.Default)
    {
    }

    /// <summary>
    /// The pledges a document states, consolidated within the document. Dates: a headline's own time stamp, else the
    /// page dateline (or <see cref="ExtractedDocument.PublishedOn"/>), else <paramref name="fallbackDate"/>, else none.
    /// </summary>
    public IReadOnlyList<CandidatePledge> Extract(ExtractedDocument doc, DateOnly? fallbackDate = null) =>
        ExtractAll(doc, fallbackDate).Pledges;

    /// <summary>
    /// The pledges a document states (as <see cref="Extract"/>) and the running totals it reports
    /// (<see cref="ReportedTotal"/>), which are never pledges.
    /// </summary>
    public ExtractionResult ExtractAll(ExtractedDocument doc, DateOnly? fallbackDate = null)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var text = doc.Text.Length > MaxAnalysedChars ? doc.Text[..MaxAnalysedChars] : doc.Text;
        var pageDate = doc.PublishedOn ?? Dates.FindDateline(text) ?? fallbackDate;
        // Per-thread scratch space: the extractor is safe to share between threads, and a batch allocates little.
        var sentences = _threadSentences ??= new List<Sentence>(64);
        sentences.Clear();
        Segmenter.Split(text, pageDate, sentences);

        var found = new List<CandidatePledge>();
        var state = _threadState?.Owner == this ? _threadState : (_threadState = new SentenceState(this));
        state.Reset(doc, text);
        for (var i = 0; i < sentences.Count; i++)
        {
            state.Analyse(sentences, i, found);
        }
        if (sentences.Capacity > 4096) _threadSentences = null; // do not keep a huge document's list alive
        found = ArticleRules.DropRestatedRates(DocumentRules.DropParts(DocumentRules.DropSummaries(ArticleRules.Apply(found))));
        var pledges = found.Count <= 1 ? found : DocumentRules.Consolidate(found);
        var totals = state.Totals.Count == 0 ? (IReadOnlyList<ReportedTotal>)Array.Empty<ReportedTotal>() : state.Totals.ToArray();
        return new ExtractionResult(pledges, totals);
    }
}
