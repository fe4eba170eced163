using System.Diagnostics;
using System.Globalization;
using PledgeLedger.Core;
using PledgeLedger.Import;

namespace PledgeLedger.Bench;

/// <summary>
/// money: (a) the Kiel activity extract (5,565 rows) imported end to end in memory, parse + map (goal: 3 s);
/// (b) 1,000,000 generated pledges in mixed currencies converted to EUR and totalled (goal: 1 s), with the ECB
/// history when present, else generated rates. Median of 5 runs each, after one warm-up.
/// Usage: money [--kiel PATH] [--ecb PATH] [--runs N] [--pledges N]
/// </summary>
internal static class MoneyBench
{
    public static Task<int> RunAsync(string[] args)
    {
        var kiel = Option(args, "--kiel") ?? SharedPath("data/kiel/bilateral_activities.csv");
        var ecb = Option(args, "--ecb") ?? SharedPath("data/ecb/eurofxref-hist.csv");
        var runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var pledges = int.Parse(Option(args, "--pledges") ?? "1000000", CultureInfo.InvariantCulture);

        Console.WriteLine($"money bench: {runs} runs each, median reported ({Environment.ProcessorCount} cores, .NET {Environment.Version})");
        var ok = true;

        if (kiel is null || !File.Exists(kiel))
        {
            Console.WriteLine("(a) Kiel import: skipped, bilateral_activities.csv not found (pass --kiel PATH)");
        }
        else
        {
            var text = File.ReadAllText(kiel);
            var mapping = MappingStore.LoadBuiltIn("kiel-bilateral")!.Mapping!;
            ImportResult? last = null;
            var median = Median(runs, () => last = CsvImporter.Import(new StringReader(text), Path.GetFileName(kiel), mapping, DonorRegistry.Default, SystemCatalog.Default));
            ok &= median <= 3000;
            Console.WriteLine($"(a) Kiel import (parse + map, in memory): {last!.RowsRead:N0} rows -> {last.Rows.Count:N0} pledges, {last.Problems.Count} problems: median {median:F1} ms (goal <= 3000 ms)");
        }

        FxTable table;
        string ratesFrom;
        if (ecb is not null && File.Exists(ecb))
        {
            var sw = Stopwatch.StartNew();
            var parsed = RatesFile.Parse(ecb);
            table = new FxTable(parsed.Rates);
            ratesFrom = $"ECB file ({parsed.Rates.Count:N0} rates, read and indexed in {sw.ElapsedMilliseconds} ms)";
        }
        else
        {
            table = new FxTable(GeneratedRates());
            ratesFrom = "generated rates (ECB file not found; pass --ecb PATH)";
        }
        var amounts = GeneratePledges(pledges, table);
        FxTotal? total = null;
        var convertMedian = Median(runs, () => total = table.Total(amounts));
        ok &= convertMedian <= 1000;
        Console.WriteLine($"(b) convert and total {pledges:N0} pledges with {ratesFrom}:");
        Console.WriteLine($"    EUR {total!.Eur.ToString("#,0.00", CultureInfo.InvariantCulture)}, {total.Converted:N0} converted, {total.Unconverted.Count:N0} unconverted (undated or no rate): median {convertMedian:F1} ms (goal <= 1000 ms)");
        Console.WriteLine(ok ? "all goals met" : "GOAL MISSED");
        return Task.FromResult(ok ? 0 : 1);
    }

    private static double Median(int runs, Action run)
    {
        run(); // warm-up: JIT and caches
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
    }

    private static (decimal, string, DateOnly?)[] GeneratePledges(int n, FxTable table)
    {
        var rng = new Random(42);
        string[] currencies = ["EUR", "EUR", .. table.Currencies.Where(c => c is "USD" or "GBP" or "JPY" or "CAD" or "AUD" or "SEK" or "NOK" or "DKK" or "PLN" or "CHF" or "CZK" or "KRW")];
        var start = new DateOnly(2022, 1, 24).DayNumber;
        var span = new DateOnly(2025, 5, 9).DayNumber - start;
        var result = new (decimal, string, DateOnly?)[n];
        for (var i = 0; i < n; i++)
        {
            // Amounts in whole thousands up to EUR 5 bn with cents, as pledges are written.
            var amount = (rng.NextInt64(1, 5_000_000) * 1000m) + (rng.Next(0, 100) / 100m);
            DateOnly? on = rng.Next(100) == 0 ? null : DateOnly.FromDayNumber(start + rng.Next(span + 1));
            result[i] = (amount, currencies[rng.Next(currencies.Length)], on);
        }
        return result;
    }

    private static IEnumerable<FxRate> GeneratedRates()
    {
        var rng = new Random(7);
        (string Code, decimal Base)[] bases = [("USD", 1.08m), ("GBP", 0.86m), ("JPY", 160m), ("CAD", 1.47m), ("AUD", 1.65m), ("SEK", 11.4m), ("PLN", 4.3m), ("CHF", 0.97m)];
        for (var d = new DateOnly(2021, 12, 1); d <= new DateOnly(2025, 5, 9); d = d.AddDays(1))
        {
            if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            foreach (var (code, b) in bases) yield return new FxRate(d, code, Math.Round(b * (1 + ((rng.Next(-500, 500)) / 10_000m)), 4));
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>../shared beside the repository (or PLEDGE_SHARED), as the tests find it.</summary>
    private static string? SharedPath(string relative)
    {
        var env = Environment.GetEnvironmentVariable("PLEDGE_SHARED");
        if (!string.IsNullOrEmpty(env)) return Path.Combine(env, relative);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PledgeLedger.sln"))) return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", relative));
        }
        return null;
    }
}
