using System.Text.RegularExpressions;

namespace PledgeLedger.Extraction;

/// <summary>
/// The words of a sentence (<see cref="SentenceWords"/>) with a key of their first three letters (ASCII, case folded),
/// computed once per sentence and shared by every <see cref="PrefixGate"/> that asks. A pattern whose words all start with a few prefixes ("pledg", "commit", "will") is tried only
/// at the words that begin with one of them, so the common words of a sentence ("the", "to", "country") cost a table
/// look-up each instead of a regex call.
/// </summary>
internal sealed class WordKeys
{
    /// <summary>The third (or second) letter of a key when the word has no letter there: it ended, or a digit,
    /// hyphen or apostrophe follows.</summary>
    internal const int NoLetter = 26;

    /// <summary>The number of keys: 27 symbols (a-z and <see cref="NoLetter"/>) in each of three places.</summary>
    internal const int KeyCount = 27 * 27 * 27;

    /// <summary>The key of a word with a non-ASCII character among its first three: every gate tries it (the patterns'
    /// case-insensitive comparison may equate such a character with an ASCII letter).</summary>
    internal const int AnyKey = -1;

    /// <summary>The key of a word that starts with a digit: no gate passes it (every gated pattern starts with a letter).</summary>
    internal const int NoKey = -2;

    private int[] _starts = new int[64];
    private int[] _keys = new int[64];
    private ulong[] _masks = new ulong[64];
    private string _text = "";

    /// <summary>
    /// The keys of the words of <paramref name="words"/>' sentence, computed unless they are already held for it (compared
    /// by reference). The word starts are copied: the keys stay those of their sentence when the words are tokenised again.
    /// </summary>
    public WordKeys For(SentenceWords words)
    {
        if (ReferenceEquals(words.Text, _text)) return this;
        _text = words.Text;
        Count = words.Count;
        if (_keys.Length < Count)
        {
            _starts = new int[Math.Max(Count, _keys.Length * 2)];
            _keys = new int[_starts.Length];
            _masks = new ulong[_starts.Length];
        }
        for (var w = 0; w < Count; w++) _starts[w] = words.Start(w);
        Compute();
        return this;
    }

    private void Compute()
    {
        // A gate made after this (its type initialised later) finds its bit missing and has the masks made again.
        Gates = PrefixGate.Count;
        var text = _text;
        var all = 0UL;
        for (var w = 0; w < Count; w++)
        {
            var key = KeyAt(text, _starts[w]);
            _keys[w] = key;
            var mask = key >= 0 ? PrefixGate.MaskOf(key) : key == AnyKey ? ulong.MaxValue : 0UL;
            _masks[w] = mask;
            all |= mask;
        }
        Mask = all;
    }

    /// <summary>The number of gates when the masks were made: a gate made since has no bit in them yet.</summary>
    internal int Gates { get; private set; }

    /// <summary>The masks made again when <paramref name="gate"/> was made after them.</summary>
    internal WordKeys Knowing(PrefixGate gate)
    {
        if (gate.Index >= Gates) Compute();
        return this;
    }

    /// <summary>The gates (<see cref="PrefixGate.Bit"/>) that some word of the sentence may pass.</summary>
    public ulong Mask { get; private set; }

    /// <summary>The gates word <paramref name="w"/> may pass: those with a prefix of its key.</summary>
    public ulong MaskOf(int w) => _masks[w];

    /// <summary>The sentence.</summary>
    public string Text => _text;

    /// <summary>The number of words.</summary>
    public int Count { get; private set; }

    /// <summary>Where word <paramref name="w"/> starts.</summary>
    public int Start(int w) => _starts[w];

    /// <summary>The key of word <paramref name="w"/>.</summary>
    public int Key(int w) => _keys[w];

    /// <summary>The key of the word at <paramref name="at"/> (see <see cref="Key"/>).</summary>
    internal static int KeyAt(string text, int at)
    {
        var a = text[at];
        if (a >= 128) return AnyKey;
        if (!char.IsAsciiLetter(a)) return NoKey;
        var key = (a | 0x20) - 'a';
        var letters = true;
        for (var i = 1; i < 3; i++)
        {
            var symbol = NoLetter;
            if (letters && at + i < text.Length)
            {
                var c = text[at + i];
                if (c >= 128) return AnyKey;
                if (char.IsAsciiLetter(c)) symbol = (c | 0x20) - 'a';
                else letters = false;
            }
            else letters = false;
            key = key * 27 + symbol;
        }
        return key;
    }

    /// <summary>The key of three lower-case letters, or two and <see cref="NoLetter"/>.</summary>
    internal static int KeyOf(int a, int b, int c) => (a * 27 + b) * 27 + c;
}

/// <summary>
/// The word prefixes (lower-case ASCII letters, at least two; case ignored) a pattern's matches can start with. A word
/// passes when it starts with one of them, or when a non-ASCII character stands where they are compared. A prefix of
/// one or two letters ending in '$' ("a$", "to$") is a whole word: no letter follows it ("a plan", "to send").
/// </summary>
internal sealed class PrefixGate
{
    // 0: no prefix has the word's key; 1: a prefix of at most three letters has it (the word passes); 2: only longer
    // prefixes have it, listed in _longer.
    private readonly byte[] _state = new byte[WordKeys.KeyCount];
    private readonly Dictionary<int, string[]> _longer = [];

    // For every key, the gates (one bit each) that have a prefix with that key: WordKeys sums them up per word and per
    // sentence, so that a gate no word of a sentence may pass costs one test, and the others one test per word.
    private static readonly ulong[] Masks = new ulong[WordKeys.KeyCount];
    private static int _gates;

    /// <summary>The gates with a prefix that has key <paramref name="key"/>.</summary>
    internal static ulong MaskOf(int key) => Volatile.Read(ref Masks[key]);

    /// <summary>This gate's bit in <see cref="WordKeys.Mask"/>.</summary>
    public ulong Bit { get; }

    /// <summary>The number of this gate (the gates made before it).</summary>
    public int Index { get; }

    /// <summary>The number of gates made so far.</summary>
    internal static int Count => Volatile.Read(ref _gates);

    public PrefixGate(params string[] prefixes)
    {
        if (prefixes.Length == 0) throw new ArgumentException("a gate needs a prefix", nameof(prefixes));
        var longer = new Dictionary<int, List<string>>();
        foreach (var p in prefixes)
        {
            var whole = p.EndsWith('$');
            var letters = whole ? p[..^1] : p;
            if (!letters.All(char.IsAsciiLetterLower) || (whole ? letters.Length is < 1 or > 2 : letters.Length < 2))
            {
                throw new ArgumentException($"a gate prefix is two or more lower-case ASCII letters, or a word of one or two and '$': '{p}'", nameof(prefixes));
            }
            if (whole)
            {
                _state[WordKeys.KeyOf(letters[0] - 'a', letters.Length > 1 ? letters[1] - 'a' : WordKeys.NoLetter, WordKeys.NoLetter)] = 1;
                continue;
            }
            if (p.Length == 2)
            {
                for (var c = 0; c <= WordKeys.NoLetter; c++) _state[WordKeys.KeyOf(p[0] - 'a', p[1] - 'a', c)] = 1;
                continue;
            }
            var key = WordKeys.KeyOf(p[0] - 'a', p[1] - 'a', p[2] - 'a');
            if (p.Length == 3) _state[key] = 1;
            else
            {
                if (!longer.TryGetValue(key, out var list)) longer[key] = list = [];
                list.Add(p);
            }
        }
        foreach (var (key, list) in longer)
        {
            if (_state[key] == 1) continue;
            _state[key] = 2;
            _longer[key] = [.. list];
        }
        lock (Masks)
        {
            if (_gates == 64) throw new InvalidOperationException("at most 64 prefix gates");
            Index = _gates;
            Bit = 1UL << Index;
            for (var key = 0; key < _state.Length; key++)
            {
                if (_state[key] != 0) Masks[key] |= Bit;
            }
            // Published after its bits: a WordKeys that counts this gate has them.
            Volatile.Write(ref _gates, Index + 1);
        }
    }

    /// <summary>Whether word <paramref name="w"/> of <paramref name="keys"/> may start a match.</summary>
    public bool Passes(WordKeys keys, int w)
    {
        if ((keys.Knowing(this).MaskOf(w) & Bit) == 0) return false;
        var key = keys.Key(w);
        return key < 0 || _state[key] == 1 || LongerPasses(keys.Text, keys.Start(w), _longer[key]);
    }

    private static bool LongerPasses(string text, int at, string[] prefixes)
    {
        foreach (var p in prefixes)
        {
            var i = 3;
            for (; i < p.Length; i++)
            {
                if (at + i >= text.Length) break;
                var c = text[at + i];
                if (c >= 128) return true;
                if ((c | 0x20) != p[i]) break;
            }
            if (i == p.Length) return true;
        }
        return false;
    }
}

/// <summary>
/// A pattern of the form <c>\b(?:...)</c> whose every match starts with an ASCII letter at a word start, tried only at the
/// words its <see cref="PrefixGate"/> passes, anchored there (<c>\G</c>): the same matches as the plain pattern when the
/// gate lists every prefix a match can start with (tests hold each to its plain pattern).
/// </summary>
internal sealed class GatedPattern(Regex plain, Regex anchored, PrefixGate gate)
{
    /// <summary>The pattern unanchored, for text that is not a tokenised sentence.</summary>
    public Regex Plain => plain;

    public Regex Anchored => anchored;

    public PrefixGate Gate => gate;

    /// <summary>As <c>Plain.IsMatch(sentence)</c>.</summary>
    public bool IsMatch(WordKeys keys)
    {
        if ((keys.Knowing(gate).Mask & gate.Bit) == 0) return false;
        var text = keys.Text.AsSpan();
        for (var w = 0; w < keys.Count; w++)
        {
            if (gate.Passes(keys, w) && anchored.IsMatch(text, keys.Start(w))) return true;
        }
        return false;
    }

    /// <summary>As <c>Plain.Match(sentence)</c>: the first match, or null.</summary>
    public Match? Match(WordKeys keys)
    {
        if ((keys.Knowing(gate).Mask & gate.Bit) == 0) return null;
        for (var w = 0; w < keys.Count; w++)
        {
            if (!gate.Passes(keys, w)) continue;
            var m = anchored.Match(keys.Text, keys.Start(w));
            if (m.Success) return m;
        }
        return null;
    }

    /// <summary>As <c>Plain.EnumerateMatches(sentence)</c>: every match, left to right and not overlapping.</summary>
    public void Matches(WordKeys keys, List<(int Index, int Length)> into)
    {
        into.Clear();
        if ((keys.Knowing(gate).Mask & gate.Bit) == 0) return;
        var text = keys.Text.AsSpan();
        var next = 0;
        for (var w = 0; w < keys.Count; w++)
        {
            var at = keys.Start(w);
            if (at < next || !gate.Passes(keys, w)) continue;
            foreach (var m in anchored.EnumerateMatches(text, at))
            {
                into.Add((m.Index, m.Length));
                next = m.Index + Math.Max(1, m.Length);
                break;
            }
        }
    }
}
