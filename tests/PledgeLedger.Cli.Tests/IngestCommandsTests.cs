using System.Globalization;
using System.Text;
using System.Text.Json;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

[Collection("db")]
public sealed class IngestCommandsTests(PostgresFixture pg) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pledge-ingest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>What the ledger holds, without ids: donor, what, status, date and number of sources per pledge.</summary>
    private static async Task<List<string>> LedgerAsync(CliRunner cli)
    {
        var (_, json, _) = await cli.RunAsync("list", "--format", "json");
        return JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(r => string.Join("|", r.GetProperty("donor"), r.GetProperty("kind"), r.GetProperty("amount"), r.GetProperty("currency"),
                r.GetProperty("system"), r.GetProperty("quantity"), r.GetProperty("status"), r.GetProperty("date"), r.GetProperty("sources")))
            .Order(StringComparer.Ordinal).ToList();
    }

    [SkippableFact]
    public async Task Extract_prints_one_json_line_per_consolidated_pledge_without_touching_the_ledger()
    {
        var seeds = SharedData.Require("seeds");
        var cli = await CliRunner.CreateAsync(pg);
        var (exit, output, _) = await cli.RunAsync("extract", seeds, "--format", "jsonl");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var money = lines.Where(l => l.GetProperty("kind").GetString() == "money").ToList();
        Assert.Contains(money, l => l.GetProperty("donor").GetString() == "AU" && l.GetProperty("amount").GetDecimal() == 20_000_000m
            && l.GetProperty("currency").GetString() == "AUD" && l.GetProperty("date").GetString() == "2024-05-31");
        var nato = money.Single(l => l.GetProperty("donor").GetString() == "NATO" && l.GetProperty("amount").GetDecimal() == 100_000_000_000m);
        Assert.Equal(4, nato.GetProperty("evidence").GetArrayLength());
        Assert.Equal(0, await cli.CountAsync("documents"));
    }

    [SkippableFact]
    public async Task Ingesting_twice_changes_nothing_and_any_order_gives_the_same_ledger()
    {
        var seeds = Directory.GetFiles(SharedData.Require("seeds")).Order(StringComparer.Ordinal).ToArray();
        var forward = await CliRunner.CreateAsync(pg);
        var (exit, _, err) = await forward.RunAsync(["ingest", .. seeds]);
        Assert.Equal(0, exit);
        Assert.Contains("5 new", err);
        var first = await LedgerAsync(forward);
        Assert.NotEmpty(first);
        var evidence = await forward.CountAsync("evidence");
        var (again, _, err2) = await forward.RunAsync(["ingest", .. seeds]);
        Assert.Equal(0, again);
        Assert.Contains("5 skipped as already known", err2);
        Assert.Equal(first, await LedgerAsync(forward));
        Assert.Equal(evidence, await forward.CountAsync("evidence"));

        var backward = await CliRunner.CreateAsync(pg);
        foreach (var file in seeds.Reverse()) Assert.Equal(0, (await backward.RunAsync("ingest", file)).Exit);
        Assert.Equal(first, await LedgerAsync(backward));
    }

    [Fact]
    public async Task Bad_files_get_one_line_each_and_the_rest_of_the_batch_is_ingested()
    {
        Write("good.txt", "20:40 31.05.2024\nAustralia announces new aid package worth AUD20 mln for Ukraine\n");
        File.WriteAllBytes(Path.Combine(_dir, "binary.bin"), [0, 1, 2, 3, 255, 0, 7, 0, 0, 9]);
        File.WriteAllBytes(Path.Combine(_dir, "latin1.txt"), Encoding.Latin1.GetBytes("Germany pledges EUR 5 mln \u00e9\u00e9\u00e9 for \u00fc"));
        Write("empty.txt", "");
        Write("broken.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog");
        var cli = await CliRunner.CreateAsync(pg);
        var (exit, _, err) = await cli.RunAsync("ingest", _dir);
        Assert.Equal(ExitCodes.PartlyFailed, exit);
        var errors = err.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.Contains("binary.bin", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("latin1.txt", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("empty.txt", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("broken.pdf", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", err);
        Assert.Contains("4 failed", err);
        Assert.Equal(1, await cli.CountAsync("documents"));
        Assert.Contains(await LedgerAsync(cli), l => l.StartsWith("AU|money|20000000|AUD", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_interrupted_ingest_leaves_whole_documents_and_a_rerun_completes_the_work()
    {
        var donors = new[] { "Germany", "France", "Poland", "Norway", "Denmark", "Canada", "Japan", "Sweden" };
        for (var i = 0; i < 4000; i++)
        {
            var day = 1 + (i % 28);
            Write($"corpus/{i:D5}.txt", $"12:00 {day:D2}.03.2024\n{donors[i % donors.Length]} pledges EUR {100 + i} mln in military aid to Ukraine\n");
        }
        var complete = await CliRunner.CreateAsync(pg);
        Assert.Equal(0, (await complete.RunAsync("ingest", Path.Combine(_dir, "corpus"), "--batch", "25")).Exit);
        var expected = await LedgerAsync(complete);
        Assert.Equal(4000, expected.Count);

        var interrupted = await CliRunner.CreateAsync(pg);
        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(400)))
        {
            var run = await interrupted.RunAsync(cts.Token, "ingest", Path.Combine(_dir, "corpus"), "--batch", "25");
            // An interruption has its own exit code: a script can tell it from a partial batch (1) and from a bug (70).
            Assert.Equal(130, run.Exit);
            Assert.Contains("interrupted", run.Err);
        }
        // Whole documents or none: every stored document has its pledge and evidence.
        var docs = await interrupted.CountAsync("documents");
        Assert.Equal(docs, await interrupted.CountAsync("evidence"));
        Assert.Equal(docs, await interrupted.CountAsync("pledges"));
        Assert.True(docs < 4000, $"the interruption came too late ({docs} documents already in)");
        Assert.Equal(0, (await interrupted.RunAsync("ingest", Path.Combine(_dir, "corpus"), "--batch", "25")).Exit);
        Assert.Equal(expected, await LedgerAsync(interrupted));
    }

    [Fact]
    public async Task Review_lists_unsure_extractions_and_accepting_makes_a_new_version()
    {
        Write("nato.txt", " date 2024-06-12 Facts\n\n\"In recent weeks, Sweden, Spain and Belgium have each pledged more than EUR 1 billion in new support. Including 30 F-16 jets and early warning airplanes.\"\n");
        var cli = await CliRunner.CreateAsync(pg);
        Assert.Equal(0, (await cli.RunAsync("ingest", _dir)).Exit);
        var (_, json, _) = await cli.RunAsync("review", "--format", "json");
        var waiting = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        var f16 = Assert.Single(waiting);
        Assert.Contains("F-16", f16.GetProperty("what").GetString(), StringComparison.Ordinal);
        var id = f16.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(0, (await cli.RunAsync("review", "edit", id, "--donor", "BE", "--reason", "Belgium's F-16s")).Exit);
        var (_, history, _) = await cli.RunAsync("history", id, "--format", "json");
        var versions = JsonDocument.Parse(history).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, versions.Count);
        Assert.Equal("BE", versions[1].GetProperty("donor").GetString());
        Assert.False(versions[1].GetProperty("needs_review").GetBoolean());
        var (_, after, _) = await cli.RunAsync("review", "--format", "json");
        Assert.Equal(0, JsonDocument.Parse(after).RootElement.GetArrayLength());
    }
}
