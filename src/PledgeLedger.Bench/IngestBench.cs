using System.Diagnostics;
using System.Globalization;
using Npgsql;
using PledgeLedger.Storage;

namespace PledgeLedger.Bench;

/// <summary>
/// ingest [--articles N] [--runs R] [--home DIR] [--out DIR] [--cli PATH] [--full-only]: `pledge ingest` of the generated
/// corpus (the one the extract suite writes) as a whole process into a fresh, migrated database on a running server;
/// wall time, MB/s and peak RSS, for a quarter of the corpus and for all of it (memory must stay flat as the corpus
/// grows). Each run also reports the CPU seconds of the pledge process and of the server (postmaster and every
/// backend), and the rate per tenth of the corpus (documents committed, polled every 0.25 s): the last tenth's rate
/// against the first's shows whether ingest slows as the ledger grows.
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
        var fullOnly = args.Contains("--full-only");
        var quarterDir = Path.GetFullPath(Path.Combine(corpusRoot, $"quarter-n{articles}"));
        if (!fullOnly && !Directory.Exists(quarterDir))
        {
            Directory.CreateDirectory(quarterDir);
            foreach (var f in files.Take(files.Count / 4)) File.Copy(f, Path.Combine(quarterDir, Path.GetFileName(f)));
        }

        var home = Path.GetFullPath(Args.Str(args, "--home", Path.Combine(".bench", "ingest-home")));
        var pg = new EmbeddedPostgres(home);
        await pg.EnsureRunningAsync(CancellationToken.None);
        var pledge = Args.Opt(args, "--cli") is { } cli ? Path.GetFullPath(cli) : LedgerBench.FindPledgeBinary();
        var sets = fullOnly ? new[] { ("full", dir, runs) } : [("quarter", quarterDir, runs), ("full", dir, runs)];
        foreach (var (label, path, n) in sets)
        {
            var times = new List<double>();
            var rss = new List<double>();
            var ratios = new List<double>();
            string summary = "";
            var size = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            var count = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Count();
            for (var r = 0; r < n; r++)
            {
                var db = $"ingest_{label}_{r}";
                await Exec(pg.ConnectionString("postgres"), $"DROP DATABASE IF EXISTS {db} WITH (FORCE)");
                await Exec(pg.ConnectionString("postgres"), $"CREATE DATABASE {db}");
                var cs = pg.ConnectionString(db);
                // Migrated by the binary under test, so an older binary can be measured against the same server.
                var migrate = await LedgerBench.RunMeasuredAsync(pledge, ["db", "migrate"], new Dictionary<string, string> { ["PLEDGE_DB"] = cs, ["NO_COLOR"] = "1" });
                if (migrate.ExitCode != 0) throw new InvalidOperationException($"{pledge} db migrate failed ({migrate.ExitCode}): {migrate.Error}");
                var run = await RunIngestAsync(pledge, path, cs, pg.DataDirectory, count);
                times.Add(run.Seconds);
                rss.Add(run.PeakRssMb);
                summary = string.Join(" / ", run.Error.Trim().Split('\n').Where(l => l.StartsWith("documents:", StringComparison.Ordinal) || l.StartsWith("pledges:", StringComparison.Ordinal)));
                var mbPerDoc = size / 1e6 / count;
                var tenths = string.Join(" ", run.TenthRates.Select(t => (t * mbPerDoc).ToString("0.00", CultureInfo.InvariantCulture)));
                var ratio = run.TenthRates.Count == 10 && run.TenthRates[0] > 0 ? run.TenthRates[9] / run.TenthRates[0] : double.NaN;
                ratios.Add(ratio);
                Console.WriteLine($"{label} run {r + 1}: {run.Seconds:0.0} s, peak RSS {run.PeakRssMb:0} MB, CPU pledge {run.PledgeCpu:0.0} s, postgres {run.ServerCpu:0.0} s (exit {run.ExitCode})");
                Console.WriteLine($"  MB/s per tenth: {tenths}; last/first {ratio:0.00}");
                static string Ms(IEnumerable<double> xs) => string.Join(" ", xs.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)));
                Console.WriteLine($"  CPU ms per document per tenth, pledge: {Ms(run.Tenths.Select(t => t.PledgeMsPerDocument))}");
                Console.WriteLine($"  CPU ms per document per tenth, postgres: {Ms(run.Tenths.Select(t => t.ServerMsPerDocument))}");
            }
            times.Sort();
            ratios.Sort();
            Console.WriteLine($"pledge ingest {label} ({size / 1e6:0} MB): median {times[times.Count / 2]:0.0} s, {size / 1e6 / times[times.Count / 2]:0.0} MB/s, "
                + $"last/first tenth median {ratios[ratios.Count / 2]:0.00}, peak RSS max {rss.Max():0} MB; {summary}");
        }
        return 0;
    }

    internal sealed record IngestRun(double Seconds, double PeakRssMb, double PledgeCpu, double ServerCpu, IReadOnlyList<Tenth> Tenths, int ExitCode, string Error)
    {
        public IReadOnlyList<double> TenthRates => Tenths.Select(t => t.DocumentsPerSecond).ToList();
    }

    /// <summary>One tenth of the corpus: documents per second, and CPU milliseconds per document of pledge and of the server.</summary>
    internal sealed record Tenth(double DocumentsPerSecond, double PledgeMsPerDocument, double ServerMsPerDocument);

    internal readonly record struct Sample(double Seconds, long Documents, double PledgeCpu, double ServerCpu);

    /// <summary>
    /// `pledge ingest PATH` under /usr/bin/time (wall, peak RSS, user + system CPU), the server's CPU from /proc before
    /// and after, and the documents committed, polled, for the rate (documents per second) of each tenth of the corpus.
    /// The first tenth is timed from the first committed batch, so start-up is not counted against it.
    /// </summary>
    private static async Task<IngestRun> RunIngestAsync(string pledge, string path, string cs, string dataDirectory, int documents)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var serverBefore = ServerCpuSeconds(postmaster);
        var psi = new ProcessStartInfo("/usr/bin/time", ["-f", "%e %M %U %S", pledge, "ingest", path]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["PLEDGE_DB"] = cs;
        psi.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        var samples = new List<Sample>();
        var timePid = p.Id;
        var clock = Stopwatch.StartNew();
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM documents WHERE id > @last AND id <= @max", conn);
            var last = cmd.Parameters.AddWithValue("last", 0L);
            var upTo = cmd.Parameters.AddWithValue("max", 0L);
            await using var maxCmd = new NpgsqlCommand("SELECT coalesce(max(id), 0) FROM documents", conn);
            long seen = 0;
            while (!p.HasExited)
            {
                // Committed documents: ids are handed out in order, so counting those above the last maximum is cheap.
                var max = (long)(await maxCmd.ExecuteScalarAsync())!;
                if (max > (long)last.Value!)
                {
                    upTo.Value = max;
                    seen += (long)(await cmd.ExecuteScalarAsync())!;
                    last.Value = max;
                }
                var sample = new Sample(clock.Elapsed.TotalSeconds, seen, ChildCpuSeconds(timePid), ServerCpuSeconds(postmaster));
                // A sample taken as the process ended finds no child: the final one below stands for it.
                if (samples.Count == 0 || sample.PledgeCpu >= samples[^1].PledgeCpu) samples.Add(sample);
                await Task.Delay(250);
            }
        }
        await p.WaitForExitAsync();
        var err = await e;
        await o;
        await Task.Delay(1000); // the pledge process's backends exit and are reaped into the postmaster's children times
        var serverCpu = ServerCpuSeconds(postmaster) - serverBefore;
        var last4 = err.Trim().Split('\n')[^1].Split(' ');
        double F(int i) => double.Parse(last4[i], CultureInfo.InvariantCulture);
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM documents", conn);
            samples.Add(new Sample(clock.Elapsed.TotalSeconds, (long)(await count.ExecuteScalarAsync())!, F(2) + F(3), ServerCpuSeconds(postmaster)));
        }
        return new IngestRun(F(0), F(1) / 1024.0, F(2) + F(3), serverCpu, Tenths(samples, documents), p.ExitCode, err);
    }

    /// <summary>Each tenth of <paramref name="documents"/>: its rate and CPU per document, from the polled samples.</summary>
    internal static List<Tenth> Tenths(IReadOnlyList<Sample> samples, int documents)
    {
        var tenths = new List<Tenth>();
        var start = samples.FirstOrDefault(s => s.Documents > 0);
        if (start.Documents == 0) return tenths;
        for (var k = 1; k <= 10; k++)
        {
            var goal = (long)Math.Ceiling(documents * k / 10.0);
            var end = samples.FirstOrDefault(s => s.Documents >= goal);
            if (end.Documents == 0) end = samples[^1];
            var n = end.Documents - start.Documents;
            // A tenth smaller than a batch may see no commit of its own (NaN; the next tenth takes its documents), and
            // a handful of documents at the very end says nothing of a rate.
            if (end.Seconds <= start.Seconds || n <= documents / 100) { tenths.Add(new Tenth(double.NaN, double.NaN, double.NaN)); continue; }
            tenths.Add(new Tenth(n / (end.Seconds - start.Seconds), (end.PledgeCpu - start.PledgeCpu) * 1000 / n, (end.ServerCpu - start.ServerCpu) * 1000 / n));
            start = end;
        }
        return tenths;
    }

    private static long[] Stat(string file)
    {
        var text = File.ReadAllText(file);
        // The fields after the command name in parentheses (which may hold spaces), from the state on; with the state
        // skipped: ppid 0, utime 10, stime 11, cutime 12, cstime 13 (clock ticks).
        return text[(text.LastIndexOf(')') + 2)..].Split(' ').Skip(1).Select(x => long.TryParse(x, CultureInfo.InvariantCulture, out var v) ? v : 0).ToArray();
    }

    private const double Tick = 100.0; // USER_HZ on Linux

    /// <summary>CPU seconds of the live children of a process (the pledge process under /usr/bin/time).</summary>
    private static double ChildCpuSeconds(int parent)
    {
        double total = 0;
        foreach (var d in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out _)) continue;
            try
            {
                var s = Stat(Path.Combine(d, "stat"));
                if (s[0] == parent) total += s[10] + s[11];
            }
            catch (IOException)
            {
                // the process ended meanwhile
            }
        }
        return total / Tick;
    }

    /// <summary>CPU seconds of a server: the postmaster, its reaped children (backends that ended) and its live ones.</summary>
    private static double ServerCpuSeconds(int postmaster)
    {
        var own = Stat($"/proc/{postmaster}/stat");
        return (own[10] + own[11] + own[12] + own[13]) / Tick + ChildCpuSeconds(postmaster);
    }

    private static async Task Exec(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
