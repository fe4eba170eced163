namespace PledgeLedger.Reporting.Layout;

/// <summary>Greedy word wrapping; overlong words break between characters; a line limit ends in an ellipsis.</summary>
internal static class TextWrap
{
    private const string Ellipsis = "\u2026";

    public static List<string> Lines(string text, float width, TextStyle style, ITextMeasurer measurer, int maxLines = int.MaxValue)
    {
        var lines = new List<string>();
        if (width <= 0) return [text];
        foreach (var para in text.Split('\n'))
        {
            if (measurer.Width(para, style) <= width)
            {
                lines.Add(para);
                continue;
            }
            var current = "";
            foreach (var word in para.Split(' '))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (measurer.Width(candidate, style) <= width)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0) lines.Add(current);
                current = word;
                while (current.Length > 1 && measurer.Width(current, style) > width)
                {
                    var fit = Fit(current, width, style, measurer);
                    lines.Add(current[..fit]);
                    current = current[fit..];
                }
            }
            lines.Add(current);
        }
        if (lines.Count > maxLines)
        {
            var last = lines[maxLines - 1];
            lines.RemoveRange(maxLines - 1, lines.Count - maxLines + 1);
            lines.Add(Ellipsize(last + " " + Ellipsis, width, style, measurer));
        }
        return lines;
    }

    /// <summary>Cuts text to fit the width, ending with an ellipsis when cut.</summary>
    public static string Ellipsize(string text, float width, TextStyle style, ITextMeasurer measurer)
    {
        if (measurer.Width(text, style) <= width) return text;
        var lo = 0;
        var hi = text.Length;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (measurer.Width(text[..mid].TrimEnd() + Ellipsis, style) <= width) lo = mid;
            else hi = mid - 1;
        }
        return text[..lo].TrimEnd() + Ellipsis;
    }

    private static int Fit(string word, float width, TextStyle style, ITextMeasurer measurer)
    {
        var lo = 1;
        var hi = word.Length;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (measurer.Width(word[..mid], style) <= width) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }
}
