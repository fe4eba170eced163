namespace PledgeLedger.Extraction;

/// <summary>
/// Finds catalog names in text with one walk per word start (a regex alternation of hundreds of aliases is
/// far slower). Matching ignores case when asked, treats spaces and hyphens as optional when asked ("F-16",
/// "F16", "155 mm", "155-mm"), and can demand the capital of a proper-noun alias ("Patriot", not "patriot").
/// </summary>
internal sealed class AliasTrie<T> where T : class
{
    private sealed class Node
    {
        public Dictionary<char, Node>? Children;
        public T? Value;
        public bool NeedsCapital;
    }

    private readonly Node _root = new();
    private readonly bool _ignoreCase;
    private readonly bool _looseSeparators;

    public AliasTrie(bool ignoreCase, bool looseSeparators)
    {
        _ignoreCase = ignoreCase;
        _looseSeparators = looseSeparators;
    }

    public void Add(string alias, T value)
    {
        var node = _root;
        var any = false;
        foreach (var raw in alias)
        {
            if (IsSeparator(raw))
            {
                if (_looseSeparators) continue;
                if (node == _root) continue;
            }
            var c = Fold(raw);
            node.Children ??= [];
            if (!node.Children.TryGetValue(c, out var next))
            {
                next = new Node();
                node.Children[c] = next;
            }
            node = next;
            any = true;
        }
        if (!any || node.Value is not null) return; // the first alias added wins, as in the catalogs
        node.Value = value;
        node.NeedsCapital = _ignoreCase && char.IsUpper(alias[0]) && alias.Any(char.IsLower);
    }

    /// <summary>
    /// The longest alias starting at <paramref name="start"/> whose end satisfies <paramref name="acceptEnd"/>;
    /// returns its end (exclusive) or -1.
    /// </summary>
    public int Match(string text, int start, Func<int, bool> acceptEnd, out T? value)
    {
        value = null;
        var best = -1;
        var node = _root;
        var i = start;
        var lastWasSeparator = false;
        while (i < text.Length)
        {
            var raw = text[i];
            if (IsSeparator(raw))
            {
                if (lastWasSeparator && !_looseSeparators) break;
                lastWasSeparator = true;
                if (_looseSeparators)
                {
                    i++;
                    continue;
                }
                raw = ' ';
            }
            else lastWasSeparator = false;
            if (node.Children is null || !node.Children.TryGetValue(Fold(raw), out var next)) break;
            node = next;
            i++;
            if (node.Value is not null && (!node.NeedsCapital || char.IsUpper(text[start])) && acceptEnd(i))
            {
                best = i;
                value = node.Value;
            }
        }
        return best;
    }

    private static bool IsSeparator(char c) => c is ' ' or '-' or '‑' or '\u00a0' or '\t';

    private char Fold(char c) => IsSeparator(c) ? ' ' : _ignoreCase ? char.ToLowerInvariant(c) : c;
}
