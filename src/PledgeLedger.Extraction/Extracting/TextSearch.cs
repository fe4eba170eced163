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
