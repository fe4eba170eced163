using System.Globalization;
using System.Text.Json;
using PledgeLedger.Core;
using PledgeLedger.Tests;
using Xunit.Abstractions;

namespace PledgeLedger.Extraction.Tests;

/// <summary>The acceptance files of ../shared: every required pledge of the seed documents is found, no trap yields one.</summary>
public sealed class SeedAcceptanceTests(ITestOutputHelper output)
{
    private static readonly PledgeExtractor Extractor = new();

    public static TheoryData<string> RequiredIds()
    {
        var data = new TheoryData<string>();
        var path = SharedPath("acceptance/seeds-expected.jsonl");
        if (path is null)
        {
            data.Add("(shared absent)");
            return data;
        }
        foreach (var line in File.ReadLines(path))
        {
            using var j = JsonDocument.Parse(line);
            if (j.RootElement.GetProperty("required").GetBoolean()) data.Add(j.RootElement.GetProperty("id").GetString()!);
        }
        return data;
    }

    public static TheoryData<string> TrapIds()
    {
        var data = new TheoryData<string>();
        var path = SharedPath("acceptance/seeds-traps.jsonl");
        if (path is null)
        {
            data.Add("(shared absent)");
            return data;
        }
        foreach (var line in File.ReadLines(path))
        {
            using var j = JsonDocument.Parse(line);
            data.Add(j.RootElement.GetProperty("id").GetString()!);
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(RequiredIds))]
    public void Every_required_seed_pledge_is_found_in_its_document(string id)
    {
        var expected = Load("acceptance/seeds-expected.jsonl").Single(e => e.GetProperty("id").GetString() == id);
        var mentions = expected.GetProperty("mentions").EnumerateArray().Select(m => m.GetString()!).ToList();
        foreach (var prefix in mentions.Select(m => m.Split(':')[0]).Distinct())
        {
            var found = ExtractSeed(prefix);
            var match = found.FirstOrDefault(c => Matches(expected, c));
            Assert.True(match is not null,
                $"{id} not found in seed {prefix}; extracted:\n" + string.Join("\n", found.Select(ExtractJson.ToJsonLine)));
            var lines = match.Evidence.Select(e => $"{prefix}:{e.Line}").ToHashSet();
            foreach (var m in mentions.Where(m => m.StartsWith(prefix + ":", StringComparison.Ordinal)))
            {
                Assert.Contains(m, lines);
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TrapIds))]
    public void No_trap_sentence_yields_a_pledge(string id)
    {
        var trap = Load("acceptance/seeds-traps.jsonl").Single(e => e.GetProperty("id").GetString() == id);
        var prefix = trap.GetProperty("file").GetString()!;
        var found = ExtractSeed(prefix);
        var lineProp = trap.GetProperty("line");
        var path = SeedPath(prefix);
        var lineCount = File.ReadAllLines(path).Length;
        // "tail" means the trailing headline blocks of the page (HOT NEWS / LATEST).
        var lines = lineProp.ValueKind == JsonValueKind.Number
            ? [lineProp.GetInt32()]
            : Enumerable.Range(Math.Max(1, lineCount - 40), 41).ToList();
        var hits = found.Where(c => c.Evidence.Any(e => lines.Contains(e.Line))).ToList();
        Assert.True(hits.Count == 0, $"trap {id} yielded:\n" + string.Join("\n", hits.Select(ExtractJson.ToJsonLine)));
    }

    [SkippableFact]
    public void Seeds_consolidated_together_keep_every_required_pledge()
    {
        var seeds = SharedData.Require("seeds");
        var all = Directory.GetFiles(seeds).Order(StringComparer.Ordinal)
            .SelectMany(DocumentReader.Read).Where(r => r.IsDocument).SelectMany(r => Extractor.Extract(r.Document!)).ToList();
        var merged = PledgeConsolidator.Consolidate(all);
        foreach (var line in merged) output.WriteLine(ExtractJson.ToJsonLine(line));
        foreach (var expected in Load("acceptance/seeds-expected.jsonl").Where(e => e.GetProperty("required").GetBoolean()))
        {
            // Across documents a pledge may merge with the same pledge of a page 12 days older: the earliest date stands.
            Assert.Contains(merged, c => Matches(expected, c, dateWindow: Consolidation.WindowDays));
        }
        var s4 = merged.Single(c => c.Pledge.DonorCode == "NATO" && c.Pledge.Amount == 40_000_000_000m && c.Pledge.Status == PledgeStatus.Proposed);
        Assert.Equal(4, s4.Evidence.Count);
    }

    internal static bool Matches(JsonElement e, CandidatePledge c, int dateWindow = 0)
    {
        var p = c.Pledge;
        var donors = e.GetProperty("donor").GetString()!.Split('|');
        var reg = DonorRegistry.Default;
        if (!donors.Any(d => string.Equals(reg.Find(d)?.Code ?? d, p.DonorCode, StringComparison.OrdinalIgnoreCase))) return false;
        if (e.GetProperty("kind").GetString() != p.Kind.Name()) return false;
        if (p.Kind == PledgeKind.Money)
        {
            if (e.GetProperty("amount").GetDecimal() != p.Amount || e.GetProperty("currency").GetString() != p.Currency) return false;
        }
        else
        {
            if (!string.Equals(e.GetProperty("system").GetString(), c.SystemName, StringComparison.OrdinalIgnoreCase)) return false;
            if (e.GetProperty("quantity").ValueKind == JsonValueKind.Number && e.GetProperty("quantity").GetInt64() != p.Quantity) return false;
        }
        if (e.GetProperty("status").GetString() != p.Status.Name()) return false;
        if (e.TryGetProperty("period", out var period) && period.GetString() != p.Period.Name()) return false;
        if (e.TryGetProperty("years", out var years) && years.ValueKind == JsonValueKind.Number && years.GetInt32() != p.Years) return false;
        var date = e.GetProperty("date");
        if (date.ValueKind == JsonValueKind.Null) return p.AnnouncedOn is null;
        var d = DateOnly.ParseExact(date.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return p.AnnouncedOn is { } a && a <= d && d.DayNumber - a.DayNumber <= dateWindow;
    }

    private static List<CandidatePledge> ExtractSeed(string prefix) =>
        DocumentReader.Read(SeedPath(prefix)).Where(r => r.IsDocument).SelectMany(r => Extractor.Extract(r.Document!)).ToList();

    private static string SeedPath(string prefix) =>
        Directory.GetFiles(SharedData.Require("seeds"), prefix + "_*.txt").Single();

    private static List<JsonElement> Load(string relative) =>
        File.ReadLines(SharedData.Require(relative)).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    private static string? SharedPath(string relative) =>
        SharedData.Root is { } root && File.Exists(Path.Combine(root, relative)) ? Path.Combine(root, relative) : null;
}
