using PledgeLedger.Core;

namespace PledgeLedger.Cli;

/// <summary>"did you mean ...?" for a mistyped command, donor or system, and names that could mean several donors.</summary>
public static class Suggest
{
    /// <summary>
    /// Names that look like one country but are two: refused with the choices instead of guessed ("Korea" is the
    /// South's alias in the registry for news text, where it is meant; a person typing it may mean either).
    /// </summary>
    private static readonly Dictionary<string, string[]> Ambiguous = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Korea"] = ["KR (South Korea)", "KP (North Korea)"],
        ["Korean"] = ["KR (South Korea)", "KP (North Korea)"],
        ["Congo"] = ["CG (Republic of the Congo)", "CD (Democratic Republic of the Congo)"],
        ["Sudan"] = ["SD (Sudan)", "SS (South Sudan)"],
    };

    /// <summary>The choices when <paramref name="name"/> could mean several donors, else null.</summary>
    public static string[]? AmbiguousDonor(string? name) =>
        name is not null && Ambiguous.TryGetValue(name.Trim(), out var choices) ? choices : null;

    /// <summary>" (one of KR (South Korea), KP (North Korea))" message part.</summary>
    public static string Choices(string[] choices) => string.Join(" or ", choices);

    /// <summary>"; did you mean 'Germany'?" when a candidate is close to what was typed, else "".</summary>
    public static string DidYouMean(string? typed, IEnumerable<string> candidates)
    {
        if (string.IsNullOrWhiteSpace(typed)) return "";
        var t = typed.Trim();
        var best = candidates.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => (Candidate: c, Distance: Distance(t.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(x => x.Distance).ThenBy(x => x.Candidate, StringComparer.Ordinal).FirstOrDefault();
        return best.Candidate is not null && best.Distance > 0 && best.Distance <= Math.Max(1, Math.Min(3, t.Length / 3))
            ? $"; did you mean '{best.Candidate}'?" : "";
    }

    public static IEnumerable<string> DonorNames(DonorRegistry donors) =>
        donors.All.SelectMany(d => new[] { d.Name }.Concat(d.Aliases).Append(d.Code));

    public static IEnumerable<string> SystemNames(SystemCatalog systems) =>
        systems.All.SelectMany(s => new[] { s.Name }.Concat(s.Aliases));

    /// <summary>Levenshtein distance (edits between two short names).</summary>
    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
