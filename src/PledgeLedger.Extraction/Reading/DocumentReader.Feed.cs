using System.Xml;
using System.Xml.Linq;
using AngleSharp.Html.Parser;

namespace PledgeLedger.Extraction;

public static partial class DocumentReader
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    /// <summary>RSS 2.0, RSS 1.0 (RDF) and Atom: every item is a document of its own, dated by its pubDate.</summary>
    private static IEnumerable<Result> ReadFeed(string source, string xml)
    {
        XDocument doc;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersFromEntities = 1024 };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            doc = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException e)
        {
            return [Result.Of(ReadProblemCodes.BadFeed(source, $"{e.Message.Split('\n')[0].TrimEnd('.')}"))];
        }
        var root = doc.Root!;
        var atom = root.Name.LocalName == "feed";
        IEnumerable<XElement> items = atom
            ? root.Elements().Where(e => e.Name.LocalName == "entry")
            : root.Descendants().Where(e => e.Name.LocalName == "item");
        if (root.Name.LocalName is not ("rss" or "feed" or "RDF"))
        {
            return [Result.Of(ReadProblemCodes.BadFeed(source, $"XML root <{root.Name.LocalName}> is neither RSS nor Atom"))];
        }
        var results = new List<Result>();
        var n = 0;
        var parser = new HtmlParser();
        foreach (var item in items)
        {
            n++;
            var title = Child(item, "title")?.Trim();
            var body = Child(item, "encoded", Content) ?? Child(item, "content") ?? Child(item, "description") ?? Child(item, "summary") ?? "";
            if (body.Contains('<'))
            {
                using var fragment = parser.ParseDocument("<body>" + body + "</body>");
                body = HtmlToText(fragment.Body!);
            }
            var date = Dates.ParseFeedDate(Child(item, "pubDate") ?? Child(item, "date", Dc) ?? Child(item, "published") ?? Child(item, "updated"));
            var link = atom ? AtomLink(item) : Child(item, "link")?.Trim();
            var text = string.IsNullOrWhiteSpace(title) ? body.Trim() : title + "\n\n" + body.Trim();
            var itemSource = $"{source}#item-{n}";
            if (string.IsNullOrWhiteSpace(text))
            {
                results.Add(Result.Of(ReadProblemCodes.EmptyFile(itemSource)));
                continue;
            }
            results.Add(Result.Of(new ExtractedDocument(itemSource, Sha256Hex(text), title, date, atom ? "atom" : "rss", text,
                string.IsNullOrWhiteSpace(link) ? null : link)));
        }
        if (n == 0) results.Add(Result.Of(ReadProblemCodes.EmptyFile(source) with { Message = "feed has no items" }));
        return results;
    }

    private static string? Child(XElement item, string localName, XNamespace? ns = null)
    {
        foreach (var e in item.Elements())
        {
            if (e.Name.LocalName == localName && (ns is null || e.Name.Namespace == ns)) return e.Value;
        }
        return null;
    }

    private static string? AtomLink(XElement entry)
    {
        string? any = null;
        foreach (var l in entry.Elements(Atom + "link"))
        {
            var rel = (string?)l.Attribute("rel");
            var href = (string?)l.Attribute("href");
            if (rel is null or "alternate") return href;
            any ??= href;
        }
        return any;
    }
}
