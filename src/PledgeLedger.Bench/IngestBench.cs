using Npgsql;
using PledgeLedger.Storage;

namespace PledgeLedger.Bench;

/// <summary>
/// ingest [--articles N] [--runs R] [--home DIR] [--out DIR] [--cli PATH]: `pledge ingest` of the generated corpus (the one the extract suite writes) as a
/// whole process into a fresh, migrated database on a running server; wall time, MB/s and peak RSS, for a quarter
/// of the corpus and for all of it (memory must stay flat as the corpus grows).
/// </summary>
internal static class IngestBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var articles = Args.Int(args, "--articles", 100_000);
        var runs = Args.Int(args, "--runs", 3);
        const int seed = 20240531;
        var corpusRoot = Args.Str(args, "--out", Path.Combine(".bench", "corpus"));
        var dir = Path.GetFullPath(Path.Combine(corpusRoot, $"v{CorpusGenerator.Version}-n{articles}-s{seed}"));
        var files = ExtractionBench.EnsureCorpus(dir, articles, seed);
        var bytes = files.Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"corpus: {files.Count:N0} articles, {bytes / 1e6:0.0} MB in {dir}");
        var quarterDir = Path.GetFullPath(Path.Combine(corpusRoot, $"quarter-n{articles}"));
        if (!Directory.Exists(quarterDir))
        {
            Directory.CreateDirectory(quarterDir);
            foreach (var f in files.Take(files.Count / 4)) File.Copy(f, Path.Combine(quarterDir, Path.GetFileName(f)));
        }

        var home = Path.GetFullPath(Args.Str(args, "--home", Path.Combine(".bench", "ingest-home")));
        var pg = new EmbeddedPostgres(home);
        await pg.EnsureRunningAsync(CancellationToken.None);
        var pledge = Args.Opt(args, "--cli") is { } cli ? Path.GetFullPath(cli) : LedgerBench.FindPledgeBinary();
        foreach (var (label, path, n) in new[] { ("quarter", quarterDir, runs), ("full", dir, runs) })
        {
            var times = new List<double>();
            var rss = new List<double>();
            string summary = "";
            for (var r = 0; r < n; r++)
            {
                var db = $"ingest_{label}_{r}";
                await Exec(pg.ConnectionString("postgres"), $"DROP DATABASE IF EXISTS {db} WITH (FORCE)");
                await Exec(pg.ConnectionString("postgres"), $"CREATE DATABASE {db}");
                var cs = pg.ConnectionString(db);
                await (await LedgerDatabase.OpenAsync(new LedgerLocation(cs, home), migrate: true, CancellationToken.None)).DisposeAsync();
                var run = await LedgerBench.RunMeasuredAsync(pledge, ["ingest", path], new Dictionary<string, string> { ["PLEDGE_DB"] = cs, ["NO_COLOR"] = "1" });
                times.Add(run.Seconds);
                rss.Add(run.PeakRssMb);
                summary = string.Join(" / ", run.Error.Trim().Split('\n').Where(l => l.StartsWith("documents:", StringComparison.Ordinal) || l.StartsWith("pledges:", StringComparison.Ordinal)));
                Console.WriteLine($"{label} run {r + 1}: {times[^1]:0.0} s, peak RSS {rss[^1]:0} MB (exit {run.ExitCode})");
            }
            times.Sort();
            var size = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"pledge ingest {label} ({size / 1e6:0} MB): median {times[times.Count / 2]:0.0} s, {size / 1e6 / times[times.Count / 2]:0.0} MB/s, peak RSS max {rss.Max():0} MB; {summary}");
        }
        return 0;
    }

    private static async Task Exec(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
