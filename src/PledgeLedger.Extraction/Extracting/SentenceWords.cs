using System.Text.RegularExpressions;

namespace PledgeLedger.Extraction;

/// <summary>
/// One tokenisation of a sentence shared by the word matchers: where each word (a run of letters and digits) starts, and
/// the key of its first two letters (ASCII, case folded). The catalog walk and the open-item heads visit the word starts
/// instead of testing every character; a matcher whose pattern can only start at a word start with one of a few
/// two-letter prefixes (a <see cref="WordGate"/>) tries its pattern, anchored, at those words only, instead of scanning
/// every position of the sentence. Results are those of the unanchored pattern (see <see cref="Matches"/>).
/// </summary>
internal sealed class SentenceWords
{
    /// <summary>The key of a word whose first two characters are not both ASCII letters but may still match a
    /// pattern (a non-ASCII character, which the patterns' case-insensitive comparison may equate with an ASCII letter).</summary>
    internal const int AnyKey = -1;

    /// <summary>The key of a word that no gate passes (it starts with an ASCII digit, or its second character is an ASCII
    /// non-letter: "a ", "I,").</summary>
    internal const int NoKey = -2;

    private int[] _starts = new int[64];
    private int[] _keys = new int[64];

    /// <summary>The sentence tokenised (compared by reference: a new string is a new sentence).</summary>
    public string Text { get; private set; } = "";

    /// <summary>The number of words.</summary>
    public int Count { get; private set; }

    /// <summary>Where word <paramref name="w"/> starts: a letter or digit not after a letter or digit.</summary>
    public int Start(int w) => _starts[w];

    /// <summary>The key of word <paramref name="w"/>'s first two letters (ASCII, case folded: 26 * first + second), or
    /// <see cref="AnyKey"/> or <see cref="NoKey"/>.</summary>
    public int Key(int w) => _keys[w];

    /// <summary>Tokenises <paramref name="text"/> unless it is the sentence already held.</summary>
    public SentenceWords For(string text)
    {
        if (ReferenceEquals(text, Text)) return this;
        Text = text;
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 128 ? !AsciiWord[c] : !char.IsLetterOrDigit(c)) continue;
            if (n == _starts.Length)
            {
                Array.Resize(ref _starts, n * 2);
                Array.Resize(ref _keys, n * 2);
            }
            _starts[n] = i;
            _keys[n] = KeyAt(text, i);
            n++;
            // The rest of this word holds no word start.
            while (i + 1 < text.Length && (text[i + 1] is var d && (d < 128 ? AsciiWord[d] : char.IsLetterOrDigit(d)))) i++;
        }
        Count = n;
        return this;
    }

    private static readonly bool[] AsciiWord = BuildAsciiWord();

    private static bool[] BuildAsciiWord()
    {
        var t = new bool[128];
        for (var c = 0; c < 128; c++) t[c] = char.IsLetterOrDigit((char)c);
        return t;
    }

    private static int KeyAt(string text, int i)
    {
        var a = text[i];
        if (a < 128 && !char.IsAsciiLetter(a)) return NoKey;
        if (i + 1 >= text.Length) return a < 128 ? NoKey : AnyKey;
        var b = text[i + 1];
        if (a >= 128 || b >= 128) return AnyKey;
        if (!char.IsAsciiLetter(a) || !char.IsAsciiLetter(b)) return NoKey;
        return ((a | 0x20) - 'a') * 26 + ((b | 0x20) - 'a');
    }

    /// <summary>
    /// Every match of <paramref name="anchored"/> (a pattern of the form <c>\G\b(?:...)</c> whose every match starts
    /// with a letter, so at a word start: a letter after a letter or digit is no \b) at the words <paramref name="gate"/> passes, left to right and not overlapping: the matches
    /// <c>EnumerateMatches</c> gives for the same pattern without <c>\G</c>, when the gate passes every two-letter
    /// start the pattern can match at.
    /// </summary>
    public void Matches(Regex anchored, WordGate gate, List<(int Index, int Length)> into)
    {
        into.Clear();
        var text = Text.AsSpan();
        var next = 0;
        for (var w = 0; w < Count; w++)
        {
            var at = _starts[w];
            if (at < next || !gate.Passes(_keys[w])) continue;
            foreach (var m in anchored.EnumerateMatches(text, at))
            {
                into.Add((m.Index, m.Length));
                next = m.Index + Math.Max(1, m.Length);
                break;
            }
        }
    }

    /// <summary>Whether <paramref name="anchored"/> matches at any word <paramref name="gate"/> passes (see <see cref="Matches"/>).</summary>
    public bool Any(Regex anchored, WordGate gate)
    {
        var text = Text.AsSpan();
        for (var w = 0; w < Count; w++)
        {
            if (gate.Passes(_keys[w]) && anchored.IsMatch(text, _starts[w])) return true;
        }
        return false;
    }
}

/// <summary>The two-letter word starts (case ignored) a pattern can match at; words with non-ASCII letters always pass.</summary>
internal sealed class WordGate
{
    private readonly bool[] _pass = new bool[26 * 26];

    public WordGate(params string[] prefixes)
    {
        foreach (var p in prefixes)
        {
            if (p.Length != 2 || !char.IsAsciiLetterLower(p[0]) || !char.IsAsciiLetterLower(p[1]))
            {
                throw new ArgumentException($"a gate prefix is two lower-case ASCII letters: '{p}'", nameof(prefixes));
            }
            _pass[(p[0] - 'a') * 26 + (p[1] - 'a')] = true;
        }
    }

    public bool Passes(int key) => key >= 0 ? _pass[key] : key == SentenceWords.AnyKey;
}
