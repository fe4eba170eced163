using System.Globalization;
using System.Text;
using System.Text.Json;
using PledgeLedger.Core;

namespace PledgeLedger.Extraction.Tests;

/// <summary>
/// Scores the extractor on ../shared/realnews (real articles and sentences labelled by a person; see its README).
/// A pledge matches a label on donor + kind + amount/currency (money) or system/quantity (equipment); the system is
/// matched loosely (a catalog alias inside the label's wording, or the same head noun). Labels marked
/// <c>cumulative</c> or <c>background</c> are neither required nor wrong: an extraction matching one is ignored.
/// </summary>
internal static class RealNewsScorer
{
    private static readonly PledgeExtractor Extractor = new();

    internal sealed record Label(string Donor, HashSet<string> DonorCodes, PledgeKind Kind, decimal? Amount, string? Currency,
        string? System, long? Quantity, string Status, bool Optional, string Evidence);

    internal sealed record Item(string Id, string Text, IReadOnlyList<Label> Labels, IReadOnlyList<CandidatePledge> Found);

    internal sealed class Counts
    {
        public int Tp { get; set; }
        public int Fp { get; set; }
        public int Fn { get; set; }
        public int Ignored { get; set; }
        public double Precision => Tp + Fp == 0 ? 1 : (double)Tp / (Tp + Fp);
        public double Recall => Tp + Fn == 0 ? 1 : (double)Tp / (Tp + Fn);
        public double F1 => Tp == 0 ? (Fp + Fn == 0 ? 1 : 0) : 2.0 * Tp / (2.0 * Tp + Fp + Fn);
    }

    internal sealed class Score
    {
        public Counts All { get; } = new();
        public Dictionary<PledgeKind, Counts> ByKind { get; } = new() { [PledgeKind.Money] = new(), [PledgeKind.Equipment] = new() };
        public int StatusRight { get; set; }
        public StringBuilder Diffs { get; } = new();

        public string Table(string name)
        {
            var sb = new StringBuilder();
            sb.AppendLine(CultureInfo.InvariantCulture, $"{name}");
            sb.AppendLine("| kind | precision | recall | F1 | tp | fp | fn | ignored |");
            sb.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var (kind, c) in ByKind.Append(new KeyValuePair<PledgeKind, Counts>((PledgeKind)(-1), All)))
            {
                var k = (int)kind < 0 ? "all" : kind.ToString().ToLowerInvariant();
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {k} | {c.Precision:0.000} | {c.Recall:0.000} | {c.F1:0.000} | {c.Tp} | {c.Fp} | {c.Fn} | {c.Ignored} |"));
            }
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"status right on {StatusRight} of {All.Tp} matched pledges"));
            return sb.ToString();
        }
    }

    public static List<Item> Articles(string root)
    {
        var items = new List<Item>();
        foreach (var line in File.ReadLines(Path.Combine(root, "articles.jsonl")))
        {
            using var j = JsonDocument.Parse(line);
            var o = j.RootElement;
            var name = o.GetProperty("doc").GetString()!;
            var path = Path.Combine(root, "articles", name);
            var found = new List<CandidatePledge>();
            var text = "";
            // The same reader path `pledge ingest` uses: the file is read whole, then extracted.
            foreach (var r in DocumentReader.Read(path))
            {
                if (!r.IsDocument) continue;
                text = r.Document!.Text;
                found.AddRange(Extractor.ExtractAll(r.Document!).Pledges);
            }
            items.Add(new Item(name, text, LabelsOf(o), found));
        }
        return items;
    }

    public static List<Item> Sentences(string root)
    {
        var items = new List<Item>();
        foreach (var line in File.ReadLines(Path.Combine(root, "sentences.jsonl")))
        {
            using var j = JsonDocument.Parse(line);
            var o = j.RootElement;
            var id = o.GetProperty("id").GetString()!;
            var text = o.GetProperty("text").GetString()!;
            DateOnly? date = o.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String
                ? DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null;
            var doc = new ExtractedDocument("realnews#" + id, "", null, null, "text", text, null);
            items.Add(new Item(id, text, LabelsOf(o), Extractor.ExtractAll(doc, date).Pledges));
        }
        return items;
    }

    public static Score Evaluate(IEnumerable<Item> items)
    {
        var score = new Score();
        foreach (var item in items)
        {
            var pool = new List<Label>(item.Labels);
            var itemDiffs = new StringBuilder();
            // Required labels first, so an extraction that could match either a new pledge or a recalled one counts as found.
            foreach (var p in item.Found)
            {
                var hit = pool.FindIndex(l => !l.Optional && Matches(l, p));
                if (hit < 0) hit = pool.FindIndex(l => l.Optional && Matches(l, p));
                var kind = score.ByKind[p.Pledge.Kind];
                if (hit < 0)
                {
                    score.All.Fp++;
                    kind.Fp++;
                    itemDiffs.AppendLine(CultureInfo.InvariantCulture, $"  FP {Describe(p)}");
                    continue;
                }
                var label = pool[hit];
                pool.RemoveAt(hit);
                if (label.Optional)
                {
                    score.All.Ignored++;
                    kind.Ignored++;
                    continue;
                }
                score.All.Tp++;
                kind.Tp++;
                if (string.Equals(label.Status, p.Pledge.Status.Name(), StringComparison.Ordinal)) score.StatusRight++;
                else itemDiffs.AppendLine(CultureInfo.InvariantCulture, $"  status {p.Pledge.Status.Name()} != {label.Status}: {Describe(p)}");
            }
            foreach (var l in pool.Where(l => !l.Optional))
            {
                score.All.Fn++;
                score.ByKind[l.Kind].Fn++;
                itemDiffs.AppendLine(CultureInfo.InvariantCulture, $"  FN {Describe(l)}  <- {Clip(l.Evidence)}");
            }
            if (itemDiffs.Length > 0)
            {
                score.Diffs.AppendLine(CultureInfo.InvariantCulture, $"{item.Id}:");
                score.Diffs.Append(itemDiffs);
            }
        }
        return score;
    }

    private static string Clip(string s) => s.Length <= 160 ? s : s[..160] + "...";

    private static List<Label> LabelsOf(JsonElement o)
    {
        var labels = new List<Label>();
        foreach (var p in o.GetProperty("pledges").EnumerateArray())
        {
            var donor = p.GetProperty("donor").GetString()!;
            var kind = p.GetProperty("kind").GetString() == "money" ? PledgeKind.Money : PledgeKind.Equipment;
            labels.Add(new Label(
                donor,
                DonorCodes(donor),
                kind,
                p.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDecimal() : null,
                Str(p, "currency"),
                Str(p, "system"),
                p.TryGetProperty("quantity", out var q) && q.ValueKind == JsonValueKind.Number ? q.GetInt64() : null,
                Str(p, "status") ?? "",
                Bool(p, "cumulative") || Bool(p, "background"),
                Str(p, "evidence") ?? ""));
        }
        return labels;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    /// <summary>"Netherlands and Denmark" is a shared pledge: either donor's code matches it.</summary>
    private static HashSet<string> DonorCodes(string donor)
    {
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in donor.Replace(" and ", ",", StringComparison.Ordinal).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (DonorRegistry.Default.Find(part) is { } d) codes.Add(d.Code);
        }
        return codes;
    }

    private static bool Matches(Label l, CandidatePledge c)
    {
        var p = c.Pledge;
        if (p.Kind != l.Kind || !l.DonorCodes.Contains(p.DonorCode)) return false;
        if (l.Kind == PledgeKind.Money) return p.Amount == l.Amount && string.Equals(p.Currency, l.Currency, StringComparison.Ordinal);
        return p.Quantity == l.Quantity && SameSystem(l.System ?? "", c);
    }

    /// <summary>A catalog system matches a label naming one of its aliases; a free-text item matches on its head noun.</summary>
    private static bool SameSystem(string label, CandidatePledge c)
    {
        var normLabel = Norm(label);
        if (c.Pledge.SystemId is { } id && SystemCatalog.Default.Find(id) is { } sys)
        {
            foreach (var alias in sys.Aliases.Append(sys.Name).Append(sys.Id))
            {
                var a = Norm(alias);
                if (a.Length > 0 && normLabel.Contains(a, StringComparison.Ordinal)) return true;
            }
        }
        var name = c.Pledge.Item ?? c.SystemName ?? "";
        return name.Length > 0 && Head(name) == Head(label);
    }

    private static string Norm(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (char.IsLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }

    private static readonly Dictionary<string, string> HeadSynonyms = new(StringComparer.Ordinal)
    {
        ["shell"] = "round",
        ["munition"] = "round",
        ["ammunition"] = "round",
        ["ammo"] = "round",
        ["projectile"] = "round",
        ["cartridge"] = "round",
        ["jet"] = "aircraft",
        ["fighter"] = "aircraft",
        ["plane"] = "aircraft",
        ["airplane"] = "aircraft",
        ["carrier"] = "vehicle",
        ["apc"] = "vehicle",
        ["ifv"] = "vehicle",
        ["car"] = "vehicle",
        ["gun"] = "gun",
        ["howitzer"] = "howitzer",
        ["uav"] = "drone",
        ["boat"] = "boat",
        ["vessel"] = "boat",
    };

    /// <summary>The head noun, singular, with a few news synonyms folded ("shells" = "rounds").</summary>
    internal static string Head(string s)
    {
        var words = s.ToLowerInvariant().Split([' ', '-', '/'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return "";
        var w = new string(words[^1].Where(char.IsLetterOrDigit).ToArray());
        if (w.EndsWith("ies", StringComparison.Ordinal)) w = w[..^3] + "y";
        else if (w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal)) w = w[..^2];
        else if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && w.Length > 3) w = w[..^1];
        return HeadSynonyms.GetValueOrDefault(w, w);
    }

    private static string Describe(CandidatePledge c)
    {
        var p = c.Pledge;
        var what = p.Kind == PledgeKind.Money
            ? string.Create(CultureInfo.InvariantCulture, $"{p.Amount:0.##} {p.Currency}")
            : string.Create(CultureInfo.InvariantCulture, $"{p.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "?"} x {p.SystemId ?? "-"}/{p.Item ?? c.SystemName}");
        var ev = c.Evidence.Count > 0 ? Clip(c.Evidence[0].Text.ReplaceLineEndings(" ")) : "";
        return $"{p.DonorCode} {p.Kind.ToString().ToLowerInvariant()} {what} {p.Status.Name()} {p.AnnouncedOn:yyyy-MM-dd}  <- {ev}";
    }

    private static string Describe(Label l)
    {
        var what = l.Kind == PledgeKind.Money
            ? string.Create(CultureInfo.InvariantCulture, $"{l.Amount?.ToString("0.##", CultureInfo.InvariantCulture) ?? "?"} {l.Currency}")
            : string.Create(CultureInfo.InvariantCulture, $"{l.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "?"} x {l.System}");
        return $"{l.Donor} {l.Kind.ToString().ToLowerInvariant()} {what} {l.Status}";
    }
}
