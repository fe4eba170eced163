namespace PledgeLedger.Extraction;

/// <summary>
/// One tokenisation of a sentence shared by the word matchers: where each word (a run of letters and digits) starts, and
/// the key of its first two letters (ASCII, case folded). The catalog walk and the open-item heads visit the word starts
/// instead of testing every character. (The word-led patterns of the sentence rules are gated on three letters by
/// <see cref="PrefixGate"/>.)
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
}

