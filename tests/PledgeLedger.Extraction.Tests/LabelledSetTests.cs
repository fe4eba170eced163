using System.Globalization;
using System.Text;
using System.Text.Json;
using PledgeLedger.Core;
using PledgeLedger.Tests;
using Xunit.Abstractions;

namespace PledgeLedger.Extraction.Tests;

/// <summary>
/// Precision, recall and F1 on a hand-labelled set of news sentences (Labelled/sentences.jsonl): wire headlines,
/// press releases, digests, time-stamped headline lists and many traps. Each line is read as its own document,
/// with its "date" as the fallback date.
/// </summary>
public sealed class LabelledSetTests(ITestOutputHelper output)
{
    private static readonly PledgeExtractor Extractor = new();
    private static readonly string[] Fields = ["donor", "amount", "currency", "system", "quantity", "status", "date"];

    private sealed record Case(int Index, string Text, DateOnly? Date, List<JsonElement> Expect);

    /// <summary>sentences.jsonl was written with the rules; heldout.jsonl was written after them and never tuned on.</summary>
    [Fact]
    public void Labelled_sentences_are_extracted_with_an_F1_of_at_least_0_95()
    {
        var cases = LoadCases("sentences.jsonl").Concat(LoadCases("heldout.jsonl")).ToList();
        Assert.True(cases.Count >= 200, $"the labelled set has {cases.Count} sentences, fewer than 200");
        var f1 = Evaluate("all labelled sentences", cases);
        Assert.True(f1 >= 0.95, $"pledge F1 {f1:0.000} < 0.95");
    }

    [Fact]
    public void Held_out_sentences_written_after_the_rules_score_an_F1_of_at_least_0_8()
    {
        var f1 = Evaluate("held-out sentences", LoadCases("heldout.jsonl"));
        Assert.True(f1 >= 0.8, $"held-out pledge F1 {f1:0.000} < 0.8");
    }

    private double Evaluate(string name, List<Case> cases)
    {
        int tp = 0, fp = 0, fn = 0;
        var fieldCounts = Fields.ToDictionary(f => f, _ => (Tp: 0, Fp: 0, Fn: 0));
        var misses = new StringBuilder();
        foreach (var c in cases)
        {
            var doc = new ExtractedDocument($"{name}#{c.Index}", "", null, null, "text", c.Text, null);
            // The set predates the split of running totals from pledges (issue 9): a total reported is still a statement found.
            var result = Extractor.ExtractAll(doc, c.Date);
            var predicted = result.Pledges.Concat(result.ReportedTotals.Select(AsCandidate)).ToList();
            var unmatched = new List<JsonElement>(c.Expect);
            foreach (var p in predicted)
            {
                var hit = unmatched.FindIndex(e => SamePledge(e, p));
                if (hit >= 0)
                {
                    tp++;
                    unmatched.RemoveAt(hit);
                }
                else
                {
                    fp++;
                    misses.AppendLine(CultureInfo.InvariantCulture, $"FP #{c.Index}: {Describe(p)} <- {c.Text.ReplaceLineEndings(" / ")}");
                }
            }
            foreach (var e in unmatched)
            {
                fn++;
                misses.AppendLine(CultureInfo.InvariantCulture, $"FN #{c.Index}: {e.GetRawText()} <- {c.Text.ReplaceLineEndings(" / ")}");
            }
            foreach (var f in Fields)
            {
                var exp = c.Expect.SelectMany(e => ExpectedValues(e, f)).ToList();
                var got = predicted.SelectMany(p => PredictedValues(p, f)).ToList();
                var (t, fpos, fneg) = CountMultiset(exp, got);
                var old = fieldCounts[f];
                fieldCounts[f] = (old.Tp + t, old.Fp + fpos, old.Fn + fneg);
            }
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{name}: {cases.Count} sentences, {cases.Sum(c => c.Expect.Count)} pledges, {cases.Count(c => c.Expect.Count == 0)} trap sentences");
        table.AppendLine("| measure | precision | recall | F1 | tp | fp | fn |");
        table.AppendLine("|---|---|---|---|---|---|---|");
        table.AppendLine(Row("pledge (donor+kind+what)", tp, fp, fn));
        foreach (var f in Fields)
        {
            var (t, fpos, fneg) = fieldCounts[f];
            table.AppendLine(Row(f, t, fpos, fneg));
        }
        output.WriteLine(table.ToString());
        output.WriteLine(misses.ToString());
        return F1(tp, fp, fn);
    }

    private static CandidatePledge AsCandidate(ReportedTotal t) => new(
        new Pledge
        {
            DonorCode = t.DonorCode,
            Kind = t.Kind,
            Amount = t.Amount,
            Currency = t.Currency,
            SystemId = t.SystemId,
            Category = t.Category,
            Quantity = t.Quantity,
            Status = t.Status,
            AnnouncedOn = t.AsOf,
        },
        t.DonorName, t.SystemName, t.Category, [t.Evidence]);

    private static string Row(string name, int tp, int fp, int fn)
    {
        var p = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        var r = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {p:0.000} | {r:0.000} | {F1(tp, fp, fn):0.000} | {tp} | {fp} | {fn} |");
    }

    private static double F1(int tp, int fp, int fn) => tp == 0 ? (fp + fn == 0 ? 1 : 0) : 2.0 * tp / (2.0 * tp + fp + fn);

    private static (int Tp, int Fp, int Fn) CountMultiset(List<string> expected, List<string> got)
    {
        var pool = new List<string>(expected);
        var tp = 0;
        var fp = 0;
        foreach (var g in got)
        {
            var i = pool.FindIndex(e => e.Split('|').Contains(g));
            if (i >= 0)
            {
                tp++;
                pool.RemoveAt(i);
            }
            else fp++;
        }
        return (tp, fp, pool.Count);
    }

    private static IEnumerable<string> ExpectedValues(JsonElement e, string field)
    {
        if (!e.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (field is "donor" or "status" or "date") yield return "null";
            yield break;
        }
        yield return field switch
        {
            "amount" => v.GetDecimal().ToString(CultureInfo.InvariantCulture),
            "quantity" => v.GetInt64().ToString(CultureInfo.InvariantCulture),
            "system" => v.GetString()!.ToLowerInvariant(),
            _ => v.GetString()!,
        };
    }

    private static IEnumerable<string> PredictedValues(CandidatePledge c, string field)
    {
        var p = c.Pledge;
        string? v = field switch
        {
            "donor" => p.DonorCode,
            "amount" => p.Amount?.ToString("0.##", CultureInfo.InvariantCulture),
            "currency" => p.Currency,
            "system" => c.SystemName?.ToLowerInvariant(),
            "quantity" => p.Quantity?.ToString(CultureInfo.InvariantCulture),
            "status" => p.Status.Name(),
            "date" => p.AnnouncedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "null",
            _ => null,
        };
        if (v is not null) yield return v;
    }

    private static bool SamePledge(JsonElement e, CandidatePledge c)
    {
        var p = c.Pledge;
        if (!e.GetProperty("donor").GetString()!.Split('|').Contains(p.DonorCode)) return false;
        if (e.GetProperty("kind").GetString() != p.Kind.Name()) return false;
        if (p.Kind == PledgeKind.Money)
        {
            // Money committed without a figure ("0.25% of its GDP") is labelled with a null amount and currency, as in
            // ../shared/realnews/README.md.
            var amount = e.GetProperty("amount");
            var currency = e.GetProperty("currency");
            return (amount.ValueKind == JsonValueKind.Null ? p.Amount is null : amount.GetDecimal() == p.Amount)
                && (currency.ValueKind == JsonValueKind.Null ? p.Amount is null || p.Currency is null : currency.GetString() == p.Currency);
        }
        var q = e.GetProperty("quantity");
        return string.Equals(e.GetProperty("system").GetString(), c.SystemName, StringComparison.OrdinalIgnoreCase)
            && (q.ValueKind == JsonValueKind.Null ? p.Quantity is null : q.GetInt64() == p.Quantity);
    }

    private static string Describe(CandidatePledge c)
    {
        var p = c.Pledge;
        var what = p.Kind == PledgeKind.Money ? $"{p.Amount:0.##} {p.Currency}" : $"{c.SystemName} x{p.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "?"}";
        return string.Create(CultureInfo.InvariantCulture, $"{p.DonorCode} {p.Kind.Name()} {what} {p.Status.Name()} {p.AnnouncedOn:yyyy-MM-dd}");
    }

    private static List<Case> LoadCases(string file)
    {
        var path = Path.Combine(SharedData.RepoRoot, "tests", "PledgeLedger.Extraction.Tests", "Labelled", file);
        var cases = new List<Case>();
        var i = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var j = JsonDocument.Parse(line).RootElement.Clone();
            var date = j.GetProperty("date");
            cases.Add(new Case(++i, j.GetProperty("text").GetString()!,
                date.ValueKind == JsonValueKind.Null ? null : DateOnly.ParseExact(date.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                [.. j.GetProperty("expect").EnumerateArray()]));
        }
        return cases;
    }
}
