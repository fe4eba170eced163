namespace PledgeLedger.Extraction;

/// <summary>A sentence of a document: where it sits and the date that applies to it.</summary>
internal readonly record struct Sentence(int Start, int End, int Line, DateOnly? Date, int Paragraph);

/// <summary>
/// Cuts a document into lines and sentences and tracks which date applies where: a headline's own time stamp
/// ("20:40 31.05.2024" on the line before it) until the next stamp or section marker ("MORE ABOUT", "LATEST",
/// "AD", "Tags:"), else the page date.
/// </summary>
internal static class Segmenter
{
    /// <summary>Sentences longer than this are cut at a space; nothing real is that long, and regexes stay linear.</summary>
    public const int MaxSentence = 1500;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sen", "rep", "gov", "pres", "st", "no", "nos", "jr", "sr",
        "vs", "approx", "incl", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "mrd", "mio", "bn", "mln", "adm", "prof", "dept", "est", "fig", "e.g", "i.e", "u.s", "u.k", "e.u", "a.m", "p.m",
    };

    public static void Split(string text, DateOnly? pageDate, List<Sentence> into)
    {
        var lineNo = 0;
        var pos = 0;
        DateOnly? stamp = null;
        var paragraph = 0;
        while (pos <= text.Length)
        {
            var nl = text.IndexOf('\n', pos);
            var end = nl < 0 ? text.Length : nl;
            lineNo++;
            var lineEnd = end > pos && text[end - 1] == '\r' ? end - 1 : end;
            var line = text.AsSpan(pos, lineEnd - pos);
            var trimmed = line.Trim();
            if (trimmed.IsEmpty)
            {
                paragraph++;
            }
            else if (trimmed.Length <= 40 && trimmed.IndexOfAnyInRange('0', '9') >= 0 && Dates.TryParseStampLine(trimmed, out var d))
            {
                stamp = d;
                paragraph++;
            }
            else if (IsSectionMarker(trimmed))
            {
                stamp = null;
                paragraph++;
            }
            else
            {
                SplitLine(text, pos, lineEnd, lineNo, stamp ?? pageDate, paragraph, into);
            }
            if (nl < 0) break;
            pos = nl + 1;
        }
    }

    /// <summary>"MORE ABOUT", "LATEST", "HOT NEWS", "AD", "Tags: #nato": the end of an article or of a headline block.</summary>
    private static bool IsSectionMarker(ReadOnlySpan<char> line)
    {
        if (line.StartsWith("Tags:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Read also", StringComparison.OrdinalIgnoreCase)) return true;
        if (line.Length > 30) return false;
        var letters = false;
        foreach (var c in line)
        {
            if (char.IsLower(c)) return false;
            if (char.IsLetter(c)) letters = true;
        }
        return letters;
    }

    private static readonly System.Buffers.SearchValues<char> Terminators = System.Buffers.SearchValues.Create(".!?…");

    private static void SplitLine(string text, int start, int end, int lineNo, DateOnly? date, int paragraph, List<Sentence> into)
    {
        var s = start;
        while (s < end && char.IsWhiteSpace(text[s])) s++;
        var i = s;
        while (i < end)
        {
            // The next place that may end the sentence: a terminator, or (once the sentence is MaxSentence long) a space.
            var rel = text.AsSpan(i, end - i).IndexOfAny(Terminators);
            var t = rel < 0 ? end : i + rel;
            var cutAt = -1;
            if (s + MaxSentence < t)
            {
                var w = Math.Max(i, s + MaxSentence);
                while (w < t && !char.IsWhiteSpace(text[w])) w++;
                if (w < t) cutAt = w;
            }
            if (cutAt < 0)
            {
                if (t >= end) break;
                if (!EndsSentence(text, s, t, end, out var next))
                {
                    i = t + 1;
                    continue;
                }
                cutAt = next;
            }
            Emit(text, s, cutAt, lineNo, date, paragraph, into);
            s = cutAt;
            while (s < end && char.IsWhiteSpace(text[s])) s++;
            i = s;
        }
        if (s < end) Emit(text, s, end, lineNo, date, paragraph, into);
    }

    /// <summary>
    /// Whether the terminator at <paramref name="t"/> ends the sentence begun at <paramref name="s"/>: white space and
    /// then a capital, a digit or an opening quote or bracket follow, and a "." does not end an abbreviation.
    /// <paramref name="next"/> is where the next sentence may start (after closing quotes and brackets).
    /// </summary>
    private static bool EndsSentence(string text, int s, int t, int end, out int next)
    {
        var c = text[t];
        next = t + 1;
        // Closing quotes/brackets stay with the sentence.
        while (next < end && text[next] is '"' or '”' or '’' or '\'' or ')' or '»') next++;
        if (next >= end) return false;
        if (!char.IsWhiteSpace(text[next])) return false;
        var k = next;
        while (k < end && char.IsWhiteSpace(text[k])) k++;
        if (k >= end) return false;
        var n = text[k];
        if (!(char.IsUpper(n) || char.IsDigit(n) || n is '"' or '“' or '‘' or '«' or '(' or '\'')) return false;
        return c != '.' || !IsAbbreviation(text, s, t);
    }

    private static void Emit(string text, int start, int end, int lineNo, DateOnly? date, int paragraph, List<Sentence> into)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) into.Add(new Sentence(start, end, lineNo, date, paragraph));
    }

    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var w = dot;
        while (w > sentenceStart && (char.IsLetter(text[w - 1]) || text[w - 1] == '.')) w--;
        var word = text.AsSpan(w, dot - w);
        if (word.Length == 0) return false;
        if (w > sentenceStart && !char.IsWhiteSpace(text[w - 1]) && text[w - 1] is not '(' and not '"') return false; // "SAMP/T." ends a sentence
        if (word.Length == 1 && char.IsUpper(word[0])) return true; // initials: "U. S.", "J. Smith"
        return Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
    }
}
