using System.Buffers;
using System.Collections.Concurrent;

namespace PledgeLedger.Extraction;

/// <summary>
/// Case-insensitive substring tests that stay vectorised. Under invariant globalization (this project's setting)
/// <c>string.Contains(value, StringComparison.OrdinalIgnoreCase)</c> compares character by character; a
/// <see cref="SearchValues{T}"/> of the one value has the same OrdinalIgnoreCase semantics and searches in blocks.
/// One is built per literal on first use and kept.
/// </summary>
internal static class TextSearch
{
    private static readonly ConcurrentDictionary<string, SearchValues<string>> Searchers = new(StringComparer.Ordinal);

    /// <summary>As <c>text.Contains(value, StringComparison.OrdinalIgnoreCase)</c>.</summary>
    public static bool ContainsIgnoreCase(ReadOnlySpan<char> text, string value) =>
        value.Length == 0 || (value.Length <= text.Length && text.IndexOfAny(Searcher(value)) >= 0);

    private static SearchValues<string> Searcher(string value) =>
        Searchers.TryGetValue(value, out var s) ? s : Searchers.GetOrAdd(value, v => SearchValues.Create([v], StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Stems searched case-insensitively (OrdinalIgnoreCase), as one <see cref="SearchValues{T}"/> would, but with the stems
/// that hold a non-ASCII character ("n’t") in a set of their own: one such stem sends a whole set down a much slower
/// Unicode path, and the ASCII set is where nearly every hit is.
/// </summary>
internal sealed class StemSet
{
    private readonly SearchValues<string> _ascii;
    private readonly SearchValues<string>? _other;
    private readonly bool _otherNeedsNonAscii;

    public StemSet(string[] stems)
    {
        _ascii = SearchValues.Create(stems.Where(s => System.Text.Ascii.IsValid(s)).ToArray(), StringComparison.OrdinalIgnoreCase);
        var other = stems.Where(s => !System.Text.Ascii.IsValid(s)).ToArray();
        _other = other.Length == 0 ? null : SearchValues.Create(other, StringComparison.OrdinalIgnoreCase);
        // A stem with a character whose upper case is not ASCII ("’") can only match text that has a non-ASCII character.
        _otherNeedsNonAscii = other.All(s => s.Any(c => char.ToUpperInvariant(c) > 127));
    }

    /// <summary>Whether any stem occurs in <paramref name="text"/>.</summary>
    public bool In(ReadOnlySpan<char> text) =>
        text.IndexOfAny(_ascii) >= 0 || (_other is not null && !(_otherNeedsNonAscii && System.Text.Ascii.IsValid(text)) && text.IndexOfAny(_other) >= 0);
}
