using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PledgeLedger.Extraction;

namespace PledgeLedger.Bench;

/// <summary>
/// extract-golden [--articles N] [--seed S] [--out DIR] [--shared DIR] [--dump FILE]: runs the extractor over the
/// bench corpus, ../shared/seeds, ../shared/realnews (articles and sentences) and the labelled sentences, and prints
/// one SHA-256 and a count over every pledge (all fields, evidence included) and every reported total, in order.
/// A change to the extractor's mechanism must leave the hash unchanged. <c>--dump FILE</c> also writes the full
/// listing (for a diff); keep it outside the repository, as it quotes the shared texts.
/// </summary>
internal static class ExtractionGolden
{
    public static Task<int> RunAsync(string[] args)
    {
        var articles = 20_000;
        var outDir = Path.Combine(".bench", "corpus");
        var seed = 20240531;
        var shared = Path.Combine("..", "shared");
        string? dump = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--articles": articles = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--out": outDir = args[++i]; break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--shared": shared = args[++i]; break;
                case "--dump": dump = args[++i]; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}; usage: extract-golden [--articles N] [--out DIR] [--seed S] [--shared DIR] [--dump FILE]");
                    return Task.FromResult(2);
            }
        }
        var extractor = new PledgeExtractor();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var writer = dump is null ? null : new StreamWriter(dump, false, new UTF8Encoding(false));
        long pledges = 0, totals = 0, documents = 0;

        void Emit(string label, ExtractionResult result)
        {
            documents++;
            var sb = new StringBuilder();
            sb.Append("# ").Append(label).Append('\n');
            foreach (var c in result.Pledges)
            {
                pledges++;
                sb.Append(c.Pledge.ToString()).Append(" | ").Append(c.DonorName).Append(" | ").Append(c.SystemName)
                    .Append(" | ").Append(c.Category).Append(" | implicit=").Append(c.PeriodImplicit).Append('\n');
                sb.Append("  ").Append(ExtractJson.ToJsonLine(c)).Append('\n');
            }
            foreach (var t in result.ReportedTotals)
            {
                totals++;
                sb.Append("  total ").Append(t.ToString()).Append('\n');
            }
            var s = sb.ToString();
            sha.AppendData(Encoding.UTF8.GetBytes(s));
            writer?.Write(s);
        }

        void Files(IEnumerable<string> files, DateOnly? fallback = null)
        {
            foreach (var f in files)
            {
                foreach (var r in DocumentReader.Read(f))
                {
                    if (r.Document is { } d) Emit(d.Source, extractor.ExtractAll(d, fallback));
                    else Emit(f + " problem " + r.Problem?.Code, new ExtractionResult([], []));
                }
            }
        }

        void Lines(string path, string prefix)
        {
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"absent, skipped: {path}");
                return;
            }
            var n = 0;
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                n++;
                using var j = JsonDocument.Parse(line);
                var o = j.RootElement;
                var text = o.GetProperty("text").GetString()!;
                DateOnly? date = o.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String
                    ? DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : null;
                var id = o.TryGetProperty("id", out var idp) ? idp.GetString()! : n.ToString(CultureInfo.InvariantCulture);
                var doc = new ExtractedDocument(prefix + id, "", null, null, "text", text, null);
                Emit(doc.Source, extractor.ExtractAll(doc, date));
            }
        }

        var dir = Path.Combine(outDir, $"v{CorpusGenerator.Version}-n{articles}-s{seed}");
        Files(ExtractionBench.EnsureCorpus(dir, articles, seed));
        var seeds = Path.Combine(shared, "seeds");
        if (Directory.Exists(seeds))
        {
            var seedFiles = Directory.EnumerateFiles(seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
            Files(seedFiles);
            Files(seedFiles, new DateOnly(2024, 6, 1));
        }
        else Console.Error.WriteLine($"absent, skipped: {seeds}");
        var realArticles = Path.Combine(shared, "realnews", "articles");
        if (Directory.Exists(realArticles)) Files(Directory.EnumerateFiles(realArticles).Order(StringComparer.Ordinal));
        else Console.Error.WriteLine($"absent, skipped: {realArticles}");
        Lines(Path.Combine(shared, "realnews", "sentences.jsonl"), "realnews#");
        Lines(Path.Combine("tests", "PledgeLedger.Extraction.Tests", "Labelled", "sentences.jsonl"), "labelled#");
        Lines(Path.Combine("tests", "PledgeLedger.Extraction.Tests", "Labelled", "heldout.jsonl"), "heldout#");
        Console.WriteLine($"documents {documents:N0}, pledges {pledges:N0}, reported totals {totals:N0}, sha256 {Convert.ToHexStringLower(sha.GetHashAndReset())}");
        return Task.FromResult(0);
    }
}
