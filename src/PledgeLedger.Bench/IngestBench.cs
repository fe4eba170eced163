using System.Diagnostics;
using System.Globalization;
using Npgsql;
using PledgeLedger.Storage;

namespace PledgeLedger.Bench;

/// <summary>
/// ingest [--articles N] [--runs R]: `pledge ingest` of the generated corpus (the one the extract suite writes) as a
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
        var dir = Path.GetFullPath(Path.Combine(".bench", "corpus", $"v{CorpusGenerator.Version}-n{articles}-s{seed}"));
        var files = ExtractionBench.EnsureCorpus(dir, articles, seed);
        var bytes = files.Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"corpus: {files.Count:N0} articles, {bytes / 1e6:0.0} MB in {dir}");
        var quarterDir = Path.GetFullPath(Path.Combine(".bench", "corpus", $"quarter-n{articles}"));
        if (!Directory.Exists(quarterDir))
        {
            Directory.CreateDirectory(quarterDir);
            foreach (var f in files.Take(files.Count / 4)) File.Copy(f, Path.Combine(quarterDir, Path.GetFileName(f)));
        }

        var home = Path.GetFullPath(Path.Combine(".bench", "ingest-home"));
        var pg = new EmbeddedPostgres(home);
        await pg.EnsureRunningAsync(CancellationToken.None);
        var pledge = LedgerBench.FindPledgeBinary();
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
                var psi = new ProcessStartInfo("/usr/bin/time", ["-f", "%e %M", pledge, "ingest", path])
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                };
                psi.Environment["PLEDGE_DB"] = cs;
                psi.Environment["NO_COLOR"] = "1";
                using var p = Process.Start(psi)!;
                var outTask = p.StandardOutput.ReadToEndAsync();
                var err = await p.StandardError.ReadToEndAsync();
                await p.WaitForExitAsync();
                await outTask;
                var lines = err.Trim().Split('\n');
                var last = lines[^1].Split(' ');
                times.Add(double.Parse(last[0], CultureInfo.InvariantCulture));
                rss.Add(double.Parse(last[1], CultureInfo.InvariantCulture) / 1024.0);
                summary = string.Join(" / ", lines.Where(l => l.StartsWith("documents:", StringComparison.Ordinal) || l.StartsWith("pledges:", StringComparison.Ordinal)));
                Console.WriteLine($"{label} run {r + 1}: {times[^1]:0.0} s, peak RSS {rss[^1]:0} MB (exit {p.ExitCode})");
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
