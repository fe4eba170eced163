using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PledgeLedger.Extraction;

public static partial class DocumentReader
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "iframe", "nav", "form", "button", "select", "object", "embed", "canvas", "head",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th", "table", "section", "article",
        "header", "footer", "aside", "main", "blockquote", "time", "dt", "dd", "dl", "figcaption", "figure", "pre", "hr", "address", "span.date",
    };

    // Boilerplate marked by class or id: menus, cookie banners, share buttons, adverts.
    private static readonly string[] BoilerplateMarks =
        ["cookie", "advert", "banner", "share", "social", "breadcrumb", "navbar", "menu", "subscribe", "newsletter", "popup", "modal"];

    private static IEnumerable<Result> ReadHtml(string source, string html, string contentHash)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        (int Line, int Column)? eof = null;
        parser.Error += (_, ev) =>
        {
            if (ev is AngleSharp.Html.Dom.Events.HtmlErrorEvent e && e.Code == (int)HtmlParseError.EOF && eof is null)
                eof = (e.Position.Line, e.Position.Column);
        };
        IHtmlDocument document;
        try
        {
            document = parser.ParseDocument(html);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [Result.Of(ReadProblemCodes.BadHtml(source, 0, 0) with { Message = "malformed HTML: " + e.Message })];
        }
        using (document)
        {
            var title = Meta(document, "og:title") ?? document.Title?.Trim();
            var published = Dates.ParseFeedDate(Meta(document, "article:published_time") ?? Meta(document, "date")
                ?? Meta(document, "pubdate") ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime"));
            var origin = document.QuerySelector("link[rel=canonical]")?.GetAttribute("href") ?? Meta(document, "og:url");
            var text = HtmlToText(document.Body ?? (INode)document.DocumentElement);
            var results = new List<Result>();
            if (string.IsNullOrWhiteSpace(text)) results.Add(Result.Of(ReadProblemCodes.EmptyFile(source)));
            else
            {
                results.Add(Result.Of(new ExtractedDocument(source, contentHash, string.IsNullOrWhiteSpace(title) ? FirstLine(text) : title,
                    published ?? Dates.FindDateline(text), "html", text, string.IsNullOrWhiteSpace(origin) ? null : origin)));
                if (eof is { } at) results.Add(Result.Of(ReadProblemCodes.BadHtml(source, at.Line, at.Column)));
            }
            return results;
        }
    }

    private static string? Meta(IHtmlDocument document, string name)
    {
        foreach (var m in document.QuerySelectorAll("meta"))
        {
            var key = m.GetAttribute("property") ?? m.GetAttribute("name") ?? m.GetAttribute("itemprop");
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                var content = m.GetAttribute("content");
                if (!string.IsNullOrWhiteSpace(content)) return content.Trim();
            }
        }
        return null;
    }

    /// <summary>The visible text of a node, one block per line, with scripts, styles, navigation and boilerplate dropped.</summary>
    internal static string HtmlToText(INode root)
    {
        var sb = new StringBuilder();
        Walk(root, sb);
        // Collapse runs of blank lines and trim each line.
        var lines = sb.ToString().Split('\n');
        var output = new StringBuilder(sb.Length);
        var blank = 0;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                if (++blank == 1 && output.Length > 0) output.Append('\n');
                continue;
            }
            blank = 0;
            output.Append(line).Append('\n');
        }
        return output.ToString().TrimEnd();
    }

    private static void Walk(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    AppendCollapsed(sb, t.Data);
                    break;
                case IElement e:
                    if (Dropped.Contains(e.LocalName) || IsBoilerplate(e)) break;
                    var block = Blocks.Contains(e.LocalName);
                    if (block) sb.Append('\n');
                    Walk(e, sb);
                    if (block) sb.Append('\n');
                    break;
            }
        }
    }

    private static bool IsBoilerplate(IElement e)
    {
        if (e.GetAttribute("role") is "navigation" or "banner" or "complementary" || e.GetAttribute("aria-hidden") == "true") return true;
        var marks = (e.GetAttribute("class") ?? "") + " " + (e.GetAttribute("id") ?? "");
        if (marks.Length <= 1) return false;
        foreach (var m in BoilerplateMarks)
        {
            if (marks.Contains(m, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static void AppendCollapsed(StringBuilder sb, string s)
    {
        var space = sb.Length > 0 && sb[^1] is ' ' or '\n';
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space) sb.Append(' ');
                space = true;
            }
            else
            {
                sb.Append(c);
                space = false;
            }
        }
    }
}
