using System.Diagnostics;
using System.Globalization;
using PledgeLedger.Core;
using PledgeLedger.Storage;

namespace PledgeLedger.Bench;

/// <summary>
/// The ledger benchmark: fills a ledger with N generated pledges by binary COPY (once), then times `pledge totals`,
/// `pledge list --limit 20` and `pledge add` as whole processes with the server already running, each paired with psql
/// running the same SQL (wall and CPU time of each run), `pledge totals` paired with `hledger bal --value=then,EUR`
/// on a journal of the same pledges when hledger is on the PATH, lists the whole ledger in every format (peak RSS)
/// and builds the monthly report.
/// Usage: ledger [--pledges N] [--runs R] [--home DIR] [--cli PATH (a built pledge; default: a ReadyToRun publish)]
/// [--list-runs R] [--hledger-runs R (default: runs, at most 3; 0: none)] [--only-startup (the paired runs only)]
/// </summary>
internal static class LedgerBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var n = Args.Int(args, "--pledges", 1_000_000);
        var runs = Args.Int(args, "--runs", 9);
        var home = Path.GetFullPath(Args.Str(args, "--home", ".bench/ledger-home"));
        var ct = CancellationToken.None;
        var location = new LedgerLocation(Environment.GetEnvironmentVariable("PLEDGE_DB"), home);
        Console.WriteLine($"ledger: {location.Describe()}");
        await using var db = await LedgerDatabase.OpenAsync(location, migrate: true, ct);
        var bulk = new BulkStore(db);
        var have = await bulk.CountAsync(ct);
        if (have < n)
        {
            await LoadRatesAsync(db, ct);
            var sw = Stopwatch.StartNew();
            var gen = new PledgeGenerator(seed: 42);
            const int batch = 100_000;
            for (var done = have; done < n; done += batch)
            {
                var size = (int)Math.Min(batch, n - done);
                await bulk.AddAllAsync(gen.Next(size), ct);
                Console.Write($"\rloaded {done + size:N0} / {n:N0}");
            }
            Console.WriteLine($"\rloaded {n - have:N0} pledges by binary COPY in {sw.Elapsed.TotalSeconds:0.0} s ({(n - have) / sw.Elapsed.TotalSeconds:N0} pledges/s)");
            await bulk.AnalyzeAsync(ct);
        }
        else
        {
            Console.WriteLine($"ledger already holds {have:N0} pledges");
        }

        var pledge = Args.Opt(args, "--cli") is { } cli ? Path.GetFullPath(cli) : FindPledgeBinary();
        var listRuns = Args.Int(args, "--list-runs", 1);
        var env = new Dictionary<string, string>
        {
            ["PLEDGE_HOME"] = home,
            ["NO_COLOR"] = "1",
        };
        if (location.ConnectionString is { } cs) env["PLEDGE_DB"] = cs;
        var pg = new EmbeddedPostgres(home);
        string[] Psql(string sql) => location.IsEmbedded
            ? ["-X", "-q", pg.ConnectionUri(), "-c", sql, "-o", "/dev/null"]
            : ["-X", "-q", location.ConnectionString!, "-c", sql, "-o", "/dev/null"];
        const string psql = "psql";

        // Paired with psql running the same SQL (A B A B ...): the ratio holds when the machine's speed drifts.
        var sql = BenchSql.DefaultTotals();
        string[] totals = ["totals", "--format", "csv"];
        await PairedAsync("pledge totals", "psql, same roll-up SQL", runs,
            () => RunCpu(pledge, totals, env), () => RunCpu(psql, Psql(sql), env));
        await PairedAsync("pledge list --limit 20", "psql, same listing SQL", runs,
            () => RunCpu(pledge, ["list", "--limit", "20", "--format", "csv"], env), () => RunCpu(psql, Psql(BenchSql.DefaultList(20)), env));
        var i = 0;
        string Amount() => (1_000_000 + Interlocked.Increment(ref i)).ToString(CultureInfo.InvariantCulture);
        await PairedAsync("pledge add", "psql, one INSERT of a pledge", runs,
            () => RunCpu(pledge, ["add", "--donor", "DE", "--amount", Amount(), "--currency", "EUR", "--date", "2026-11-01", "--force", "--format", "json"], env),
            () => RunCpu(psql, Psql($"""
                WITH p AS (INSERT INTO pledges DEFAULT VALUES RETURNING id)
                INSERT INTO pledge_versions (pledge_id, version, donor_code, kind, amount, currency, announced_on, source)
                SELECT id, 1, 'DE', 'money', {Amount()}, 'EUR', DATE '2026-11-01', 'benchmark' FROM p RETURNING *;
                """), env));
        await HledgerAsync(db, home, pledge, totals, env, Args.Int(args, "--hledger-runs", Math.Min(runs, 3)), ct);
        if (args.Contains("--only-startup")) return 0;
        await TimeAsync("pledge totals --by month", runs, () => Run(pledge, ["totals", "--by", "month", "--format", "csv"], env));
        await TimeAsync("pledge totals --as-of (scan of versions)", Math.Min(runs, 3), () => Run(pledge, ["totals", "--as-of", "2099-01-01", "--format", "csv"], env));
        await TimeAsync("scan without the roll-up in psql (process)", runs, () => Run(psql, Psql(BenchSql.DefaultTotals(rollup: false)), env));
        // The whole ledger listed (issue 13: streamed, memory must not grow with the ledger).
        foreach (var format in new[] { "csv", "json", "table" })
        {
            await TimeWithRssAsync($"pledge list --format {format} (every pledge)", listRuns, pledge, ["list", "--format", format], env);
        }
        // The monthly report on the same ledger (issue 4): the month's pledges one by one, sums of the time before it
        // from the roll-up; --as-of sums the versions recorded by then in SQL instead (no roll-up for the past).
        var reportOut = Path.Combine(Args.RepoRoot(), ".bench", "report", "cli-monthly.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(reportOut)!); // `report --out` never creates a directory
        string[] monthly = ["report", "monthly", "--month", "2025-03", "--out", reportOut];
        await TimeWithRssAsync("pledge report monthly --month 2025-03", Math.Min(runs, 5), pledge, monthly, env);
        await TimeWithRssAsync("the same with --as-of (sums of the versions)", Math.Min(runs, 3), pledge, [.. monthly, "--as-of", "2099-01-01"], env);
        return 0;
    }

    private static async Task LoadRatesAsync(LedgerDatabase db, CancellationToken ct)
    {
        var rates = new List<RateRecord>();
        var ecb = Args.SharedFile("data/ecb/eurofxref-hist.csv");
        if (ecb is not null)
        {
            var lines = File.ReadAllLines(ecb);
            var header = lines[0].Split(',');
            foreach (var line in lines.Skip(1))
            {
                var f = line.Split(',');
                var date = DateOnly.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (date.Year < 2021) continue;
                for (var c = 1; c < f.Length && c < header.Length; c++)
                {
                    if (header[c].Length == 3 && decimal.TryParse(f[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0)
                    {
                        rates.Add(new RateRecord(date, header[c], r));
                    }
                }
            }
            Console.WriteLine($"rates: {rates.Count:N0} from {ecb}");
        }
        else
        {
            for (var d = new DateOnly(2021, 1, 1); d < new DateOnly(2027, 1, 1); d = d.AddDays(1))
            {
                if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
                foreach (var (cur, rate) in PledgeGenerator.Rates) rates.Add(new RateRecord(d, cur, rate));
            }
            Console.WriteLine($"rates: {rates.Count:N0} generated (../shared absent)");
        }
        await new RateStore(db).AddAsync(rates, "benchmark", ct);
    }

    /// <summary>
    /// The installed form of the CLI: `dotnet publish` (the project's settings) into .bench/pledge, made once, as the
    /// README's install step does, so start-up time is what users of an installed `pledge` see.
    /// </summary>
    internal static string FindPledgeBinary()
    {
        var root = Args.RepoRoot();
        var dir = Path.Combine(root, ".bench", "pledge");
        var exe = Path.Combine(dir, "pledge");
        var newestSource = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Max(File.GetLastWriteTimeUtc);
        if (!File.Exists(exe) || File.GetLastWriteTimeUtc(exe) < newestSource)
        {
            // The project file holds the publish settings (ReadyToRun composite, self-contained): the README's install step.
            Console.WriteLine("publishing the CLI (Native AOT front + ReadyToRun composite) to .bench/pledge ...");
            var psi = new ProcessStartInfo("dotnet", ["publish", Path.Combine(root, "src", "PledgeLedger.Cli"), "-c", "Release", "-o", dir])
            { UseShellExecute = false, RedirectStandardOutput = true };
            using var p = Process.Start(psi)!;
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0 || !File.Exists(exe)) throw new InvalidOperationException("dotnet publish of the CLI failed");
        }
        return exe;
    }

    internal static async Task<double> Run(string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (k, v) in env) psi.Environment[k] = v;
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        sw.Stop();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {await e}");
        await o;
        return sw.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// The issue's second yardstick: `hledger bal --value=then,EUR` on a journal of the pledges `pledge totals` counts
    /// in its eur column (money, one-off and multi-year, converted), each posted in its own currency, with the rate
    /// the ledger used as a P directive of the pledge's date (so both value a pledge alike, the 7-day rule included).
    /// Checks that both give the same EUR per donor, then times them pair by pair. Skipped, saying so, when hledger
    /// is not on the PATH (CI does not install it).
    /// </summary>
    private static async Task HledgerAsync(LedgerDatabase db, string home, string pledge, string[] totals, IReadOnlyDictionary<string, string> env, int runs, CancellationToken ct)
    {
        if (runs <= 0) return;
        if (FindOnPath("hledger") is not { } hledger)
        {
            Console.WriteLine("hledger: not on the PATH, the hledger yardstick was skipped (Debian: apt-get install hledger)");
            return;
        }
        // Beside the ledger's home (e.g. .bench/ledger-home.journal): suites on other ledgers never share it.
        var journal = Path.TrimEndingDirectorySeparator(home) + ".journal";
        var postings = await WriteJournalAsync(db, journal, ct);
        string[] bal = ["-f", journal, "bal", "-N", "--value=then,EUR", "-O", "csv"];
        var ours = ParseCsvColumn(await Capture(pledge, totals, env), "donor", "eur");
        var theirs = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in (await Capture(hledger, bal, env)).Split('\n').Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split("\",\"");
            var account = f[0].Trim('"');
            var amount = f[1].Trim('"').Replace(",", "", StringComparison.Ordinal).Replace(" EUR", "", StringComparison.Ordinal).Trim();
            if (account.StartsWith("donor:", StringComparison.Ordinal)) theirs[account[6..]] = decimal.Parse(amount, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        var worst = ours.Where(kv => kv.Value != 0m || theirs.ContainsKey(kv.Key))
            .Select(kv => theirs.TryGetValue(kv.Key, out var t) ? Math.Abs(t - kv.Value) / Math.Max(1m, Math.Abs(kv.Value)) : 1m)
            .DefaultIfEmpty(0m).Max();
        Console.WriteLine($"hledger {string.Join(' ', bal)}: {postings:N0} postings; EUR per donor against pledge totals: {ours.Count} donors, largest relative difference {worst:0.#e+0}");
        if (worst > 1e-9m)
        {
            // Timing two programs that give different answers would compare nothing.
            throw new InvalidOperationException($"hledger and pledge totals disagree (relative difference {worst:0.#e+0}); see {journal}");
        }
        await PairedAsync("pledge totals (same as above)", "hledger bal --value=then,EUR", runs,
            () => RunCpu(pledge, totals, env), () => RunCpu(hledger, bal, env));
    }

    /// <summary>The counted money pledges and the rates they were converted at, as an hledger journal. Returns the postings written.</summary>
    private static async Task<int> WriteJournalAsync(LedgerDatabase db, string path, CancellationToken ct)
    {
        const string sql = """
            SELECT p.pledge_id, p.donor_code, p.announced_on, p.amount, p.currency, r.units_per_eur
            FROM pledge_current p LEFT JOIN fx_daily r ON r.currency = p.currency AND r.day = p.announced_on
            WHERE NOT p.retracted AND NOT p.needs_review AND p.recipient_code = 'UA'
              AND p.status = ANY(ARRAY['pledged','allocated','delivered']) AND p.kind = 'money' AND p.period <> 'annual'
              AND (p.currency = 'EUR' OR r.units_per_eur IS NOT NULL)
            ORDER BY p.announced_on NULLS FIRST, p.pledge_id
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await using var w = new StreamWriter(path);
        await w.WriteLineAsync("commodity 1000.000000000000 EUR");
        var prices = new HashSet<(DateOnly, string)>();
        var n = 0;
        static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        while (await reader.ReadAsync(ct))
        {
            // An undated pledge counts only in EUR (no rate without a date); hledger needs a date: any one will do.
            var date = reader.IsDBNull(2) ? new DateOnly(2000, 1, 1) : reader.GetFieldValue<DateOnly>(2);
            var currency = reader.GetString(4);
            if (currency != "EUR" && prices.Add((date, currency)))
            {
                // The ECB quote as recorded (units per EUR); hledger values the currency in EUR through its reverse.
                await w.WriteLineAsync($"P {D(date)} EUR {reader.GetDecimal(5).ToString(CultureInfo.InvariantCulture)} {currency}");
            }
            await w.WriteLineAsync($"{D(date)} pledge {reader.GetInt64(0).ToString(CultureInfo.InvariantCulture)}");
            await w.WriteLineAsync($"    donor:{reader.GetString(1)}    {reader.GetDecimal(3).ToString(CultureInfo.InvariantCulture)} {currency}");
            await w.WriteLineAsync("    pledges");
            n++;
        }
        return n;
    }

    private static Dictionary<string, decimal> ParseCsvColumn(string csv, string keyColumn, string valueColumn)
    {
        using var reader = new CsvHelper.CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        var map = new Dictionary<string, decimal>(StringComparer.Ordinal);
        while (reader.Read())
        {
            map[reader.GetField(keyColumn)!] = decimal.Parse(reader.GetField(valueColumn)!, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return map;
    }

    private static string? FindOnPath(string name) => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Where(d => d.Length > 0).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static async Task<string> Capture(string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {await e}");
        return await o;
    }

    /// <summary>One timed run: wall and CPU (user + system) milliseconds of the process, from /usr/bin/time.</summary>
    internal static async Task<(double Wall, double Cpu)> RunCpu(string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env)
    {
        var run = await RunMeasuredAsync(file, args, env);
        if (run.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({run.ExitCode}): {run.Error}");
        return (run.Seconds * 1000, run.CpuSeconds * 1000);
    }

    /// <summary>Wall time (median) and peak RSS (max) of a process over several runs.</summary>
    private static async Task TimeWithRssAsync(string what, int runs, string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env)
    {
        var times = new List<double>();
        var rss = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var run = await RunMeasuredAsync(file, args, env);
            if (run.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({run.ExitCode}): {run.Error}");
            times.Add(run.Seconds * 1000);
            rss.Add(run.PeakRssMb);
        }
        times.Sort();
        Console.WriteLine($"{what,-45} median {times[times.Count / 2],7:0} ms   min {times[0],7:0} ms   peak RSS max {rss.Max(),5:0} MB   ({runs} runs)");
    }

    internal sealed record MeasuredRun(double Seconds, double PeakRssMb, int ExitCode, string Error, double CpuSeconds = 0);

    /// <summary>Runs a process under /usr/bin/time: its wall time, peak RSS, exit code and standard error.</summary>
    internal static async Task<MeasuredRun> RunMeasuredAsync(string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env)
    {
        var psi = new ProcessStartInfo("/usr/bin/time", ["-f", "%e %M %U %S", file, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await o;
        var last = err.Trim().Split('\n')[^1].Split(' ');
        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        return new MeasuredRun(D(last[0]), D(last[1]) / 1024.0, p.ExitCode, err, D(last[2]) + D(last[3]));
    }

    /// <summary>
    /// Two commands in turn (A B A B ..., after one warm-up each): the median wall and CPU time of each, and the
    /// medians of the ratios A/B pair by pair (a busy machine stretches wall times; CPU times hold better).
    /// </summary>
    internal static async Task PairedAsync(string a, string b, int runs, Func<Task<(double Wall, double Cpu)>> runA, Func<Task<(double Wall, double Cpu)>> runB)
    {
        await runA();
        await runB();
        var ta = new List<(double Wall, double Cpu)>();
        var tb = new List<(double Wall, double Cpu)>();
        for (var r = 0; r < runs; r++)
        {
            ta.Add(await runA());
            tb.Add(await runB());
        }
        static double Median(IEnumerable<double> x)
        {
            var sorted = x.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
        var wall = ta.Zip(tb, (x, y) => x.Wall / y.Wall).ToList();
        var cpu = ta.Zip(tb, (x, y) => x.Cpu / Math.Max(y.Cpu, 1)).ToList();
        Console.WriteLine($"{a,-45} wall median {Median(ta.Select(t => t.Wall)),7:0} ms (min {ta.Min(t => t.Wall),5:0})   CPU median {Median(ta.Select(t => t.Cpu)),5:0} ms   ({runs} runs)");
        Console.WriteLine($"{"  vs " + b,-45} wall median {Median(tb.Select(t => t.Wall)),7:0} ms (min {tb.Min(t => t.Wall),5:0})   CPU median {Median(tb.Select(t => t.Cpu)),5:0} ms");
        // Three significant digits for small ratios (pledge against hledger is ~0.01).
        static string R(double x) => x.ToString(x < 0.1 ? "0.0000" : "0.00", CultureInfo.InvariantCulture);
        Console.WriteLine($"{"  ratio, paired",-45} wall median {R(Median(wall)),7} x  (min {R(wall.Min()),4} x, max {R(wall.Max())} x)   CPU median {R(Median(cpu))} x");
    }

    internal static async Task TimeAsync(string what, int runs, Func<Task<double>> run)
    {
        await run(); // warm-up: page cache, server buffers
        var times = new List<double>();
        for (var i = 0; i < runs; i++) times.Add(await run());
        times.Sort();
        Console.WriteLine($"{what,-45} median {times[times.Count / 2],7:0} ms   min {times[0],7:0} ms   max {times[^1],7:0} ms   ({runs} runs)");
    }
}

/// <summary>Realistic generated pledges: ~60 donors, mixed currencies and kinds, dates from 2022 to 2026.</summary>
internal sealed class PledgeGenerator(int seed)
{
    public static readonly (string Currency, decimal Rate)[] Rates =
        [("USD", 1.08m), ("GBP", 0.85m), ("AUD", 1.63m), ("CAD", 1.48m), ("NOK", 11.4m), ("SEK", 11.3m), ("DKK", 7.46m), ("PLN", 4.3m), ("JPY", 170m), ("CHF", 0.96m)];

    private static readonly string[] Donors =
    [
        "US", "DE", "GB", "EU", "NO", "DK", "NL", "SE", "FR", "CA", "PL", "JP", "FI", "IT", "BE", "ES", "CZ", "LT", "AU", "AT",
        "EE", "LV", "PT", "SK", "RO", "IE", "HR", "GR", "SI", "BG", "LU", "IS", "NZ", "KR", "CH", "TR", "HU", "CY", "MT", "CN",
        "IN", "SA", "AE", "QA", "TW", "SG", "IL", "MX", "BR", "ZA", "NATO", "WB", "IMF", "EIB", "EBRD", "G7", "IT-COAL", "UDCG", "MD", "AL",
    ];

    private static readonly string[] Systems = ReferenceData.Systems.Select(s => s.Id).ToArray();
    private readonly Random _rng = new(seed);

    public IReadOnlyList<Pledge> Next(int count)
    {
        var list = new List<Pledge>(count);
        var start = new DateOnly(2022, 2, 24).DayNumber;
        var span = new DateOnly(2026, 10, 31).DayNumber - start;
        for (var i = 0; i < count; i++)
        {
            // Skewed towards the big donors, as real pledges are.
            var donor = Donors[(int)(Math.Pow(_rng.NextDouble(), 2) * Donors.Length)];
            var date = _rng.Next(100) < 4 ? (DateOnly?)null : DateOnly.FromDayNumber(start + _rng.Next(span));
            var status = _rng.Next(100) switch { < 5 => PledgeStatus.Proposed, < 55 => PledgeStatus.Pledged, < 80 => PledgeStatus.Allocated, _ => PledgeStatus.Delivered };
            var aid = (AidType)(1 + _rng.Next(3));
            if (_rng.Next(100) < 70)
            {
                var cur = _rng.Next(100) < 60 ? "EUR" : Rates[_rng.Next(Rates.Length)].Currency;
                var amount = Math.Round((decimal)Math.Exp(11.5 + (_rng.NextDouble() * 11)) / 1000m) * 1000m;
                list.Add(new Pledge
                {
                    DonorCode = donor,
                    Kind = PledgeKind.Money,
                    Amount = Math.Max(1000m, amount),
                    Currency = cur,
                    AnnouncedOn = date,
                    Status = status,
                    AidType = aid,
                    Qualifier = (Qualifier)_rng.Next(4),
                    Period = _rng.Next(100) < 85 ? Period.Once : Period.Annual,
                    Source = "generated",
                });
            }
            else
            {
                list.Add(new Pledge
                {
                    DonorCode = donor,
                    Kind = PledgeKind.Equipment,
                    SystemId = Systems[_rng.Next(Systems.Length)],
                    Quantity = _rng.Next(100) < 10 ? null : 1 + _rng.Next(_rng.Next(100) < 90 ? 50 : 100_000),
                    AnnouncedOn = date,
                    Status = status,
                    AidType = AidType.Military,
                    Source = "generated",
                });
            }
        }
        return list;
    }
}

/// <summary>Tiny argument helpers shared by the suites.</summary>
internal static class Args
{
    public static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static string Str(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    public static string? Opt(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PledgeLedger.sln"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }

    /// <summary>A file under ../shared, or null when ../shared is absent.</summary>
    public static string? SharedFile(string relative)
    {
        var path = Path.Combine(RepoRoot(), "..", "shared", relative);
        return File.Exists(path) ? Path.GetFullPath(path) : null;
    }
}
