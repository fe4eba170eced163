namespace PledgeLedger.Reporting.Layout;

/// <summary>
/// A document described QuestPDF-style: a header and footer band per page and a flow of content blocks.
/// <see cref="ComposeContent"/> is enumerated twice (measure, then draw), so it must yield the same blocks.
/// </summary>
public interface IDocument
{
    DocumentInfo Info { get; }
    Band ComposeHeader(PageContext page);
    IEnumerable<Block> ComposeContent();
    Band ComposeFooter(PageContext page);
}

/// <summary>Lays a document out on pages: a measuring pass counts the pages ("Page X of Y"), a second pass draws.</summary>
public static class DocumentLayout
{
    /// <summary>Returns the number of pages written to <paramref name="sink"/>.</summary>
    public static int Render(IDocument document, PageSetup page, ITextMeasurer measurer, IPageSink sink)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(sink);
        var total = new FlowEngine(document, page, measurer, null, 0).Run();
        var drawn = new FlowEngine(document, page, measurer, sink, total).Run();
        sink.Close();
        return drawn;
    }

    /// <summary>Counts pages without drawing.</summary>
    public static int CountPages(IDocument document, PageSetup page, ITextMeasurer measurer) =>
        new FlowEngine(document, page, measurer, null, 0).Run();
}
