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
        // Children as parallel arrays searched in order (most nodes have one to three), with a table indexed by the
        // character for ASCII once a node has many (the root): a lookup per character without hashing.
        private char[] _keys = [];
        private Node[] _next = [];
        private Node?[]? _ascii;
        public T? Value;
        public bool NeedsCapital;

        public Node? Child(char c)
        {
            if (_ascii is { } table && c < 128) return table[c];
            var keys = _keys;
            for (var k = 0; k < keys.Length; k++)
            {
                if (keys[k] == c) return _next[k];
            }
            return null;
        }

        public Node AddChild(char c)
        {
            if (Child(c) is { } existing) return existing;
            var node = new Node();
            var n = _keys.Length;
            Array.Resize(ref _keys, n + 1);
            Array.Resize(ref _next, n + 1);
            _keys[n] = c;
            _next[n] = node;
            if (_ascii is null && n + 1 >= AsciiTableFrom)
            {
                _ascii = new Node?[128];
                for (var k = 0; k <= n; k++)
                {
                    if (_keys[k] < 128) _ascii[_keys[k]] = _next[k];
                }
            }
            else if (_ascii is not null && c < 128) _ascii[c] = node;
            return node;
        }

        private const int AsciiTableFrom = 8;
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
            node = node.AddChild(Fold(raw));
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
            var next = node.Child(Fold(raw));
            if (next is null) break;
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

    private char Fold(char c)
    {
        // ASCII without the table lookups of char.ToLowerInvariant (same result): nearly every character of news text.
        if (c < 128)
        {
            if (c is ' ' or '-' or '\t') return ' ';
            return _ignoreCase && (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
        }
        return IsSeparator(c) ? ' ' : _ignoreCase ? char.ToLowerInvariant(c) : c;
    }
}
