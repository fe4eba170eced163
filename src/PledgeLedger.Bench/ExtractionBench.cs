using System.Diagnostics;
using System.Globalization;
using PledgeLedger.Extraction;

namespace PledgeLedger.Bench;

/// <summary>
/// extract [--articles N] [--out DIR] [--runs R] [--seed S]: writes the generated corpus once (if absent), then
/// measures read+extract throughput on one core (median of R runs) and the peak working set, after a tenth of the
/// corpus and after all of it, to show memory stays flat as the corpus grows.
/// </summary>
internal static class ExtractionBench
{
    private static bool _readOnly;

    public static Task<int> RunAsync(string[] args)
    {
        var articles = 100_000;
        var outDir = Path.Combine(".bench", "corpus");
        var runs = 3;
        var seed = 20240531;
        var readOnly = false;
        // Full passes run before the measured ones and left out of the median: the JIT tiers the hot code up over the
        // first passes (a cold pass runs at a fifth of the steady rate, the third at two thirds of it), and the figure is the
        // extractor's steady rate, as a long ingest sees it.
        // They are printed, so the cold pass is seen too; `--warmup 0` measures from the first pass.
        var warmup = 4;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--articles": articles = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--out": outDir = args[++i]; break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--read-only": readOnly = true; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}; usage: extract [--articles N] [--out DIR] [--runs R] [--warmup W] [--seed S] [--read-only]");
                    return Task.FromResult(2);
            }
        }
        // A batch job: no background GC competing for the one core.
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
        // One core: the number is per core, whatever the machine.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) Process.GetCurrentProcess().ProcessorAffinity = 1;

        var dir = Path.Combine(outDir, $"v{CorpusGenerator.Version}-n{articles}-s{seed}");
        var files = EnsureCorpus(dir, articles, seed);
        var bytes = files.Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"corpus: {files.Count:N0} articles, {bytes / 1e6:0.0} MB in {dir}");

        var extractor = new PledgeExtractor();
        var tenth = files.Take(Math.Max(1, files.Count / 10)).ToList();
        _readOnly = readOnly;
        var (_, _, _) = Pass(extractor, tenth); // warm-up, JIT
        var peakTenth = Process.GetCurrentProcess().PeakWorkingSet64;
        var rates = new List<double>();
        var cpuRates = new List<double>();
        long pledges = 0, problems = 0;
        for (var r = -warmup; r < runs; r++)
        {
            using var me = Process.GetCurrentProcess();
            var cpu0 = me.TotalProcessorTime;
            var alloc0 = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            (pledges, problems, var read) = Pass(extractor, files);
            sw.Stop();
            me.Refresh();
            var cpu = (me.TotalProcessorTime - cpu0).TotalSeconds;
            var allocPerArticle = (GC.GetAllocatedBytesForCurrentThread() - alloc0) / (double)files.Count;
            var rate = read / 1e6 / sw.Elapsed.TotalSeconds;
            if (r >= 0)
            {
                rates.Add(rate);
                cpuRates.Add(read / 1e6 / cpu);
            }
            Console.WriteLine($"{(r < 0 ? $"warm-up {r + warmup + 1} (not counted)" : $"run {r + 1}")}: {sw.Elapsed.TotalSeconds:0.00} s wall, {cpu:0.00} s CPU, {rate:0.0} MB/s wall, {read / 1e6 / cpu:0.0} MB/s per CPU-second, {pledges:N0} candidate pledges, {problems} problems, {allocPerArticle / 1024:0.0} KB allocated per article");
        }
        rates.Sort();
        cpuRates.Sort();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine($"throughput (median of {runs} after {warmup} warm-up passes, one core): {rates[rates.Count / 2]:0.0} MB/s wall clock, {cpuRates[cpuRates.Count / 2]:0.0} MB/s per CPU-second");
        // The yardstick: a plain regex scan of the same files (read as text, one compiled pattern for money and
        // quantities), on the same core. Machines differ; the ratio to it travels better than MB/s.
        RegexPass(files);
        var regexRates = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            using var me = Process.GetCurrentProcess();
            var cpu0 = me.TotalProcessorTime;
            var (matches, read) = RegexPass(files);
            me.Refresh();
            var cpu = (me.TotalProcessorTime - cpu0).TotalSeconds;
            regexRates.Add(read / 1e6 / cpu);
            Console.WriteLine($"regex run {r + 1}: {cpu:0.00} s CPU, {read / 1e6 / cpu:0.0} MB/s per CPU-second, {matches:N0} matches");
        }
        regexRates.Sort();
        var regexMedian = regexRates[regexRates.Count / 2];
        Console.WriteLine($"plain regex scan (median of {runs}, one core): {regexMedian:0.0} MB/s per CPU-second; extraction runs at {cpuRates[cpuRates.Count / 2] / regexMedian:0.00} x its speed");
        Console.WriteLine($"peak working set: after 10% of corpus {peakTenth / 1048576.0:0} MB, after full corpus x{runs} {self.PeakWorkingSet64 / 1048576.0:0} MB");
        return Task.FromResult(0);
    }

    private static (long Pledges, long Problems, long Bytes) Pass(PledgeExtractor extractor, List<string> files)
    {
        long pledges = 0, problems = 0, bytes = 0;
        foreach (var f in files)
        {
            foreach (var r in DocumentReader.Read(f))
            {
                if (r.Document is { } d)
                {
                    bytes += System.Text.Encoding.UTF8.GetByteCount(d.Text);
                    if (!_readOnly) pledges += extractor.Extract(d).Count;
                }
                else problems++;
            }
        }
        return (pledges, problems, bytes);
    }

    private static readonly System.Text.RegularExpressions.Regex MoneyOrQuantity = new(
        @"(?:\b(?:EUR|USD|GBP|CAD|AUD|NOK|SEK|DKK|PLN|JPY|CHF)|[€$£])\s?\d[\d,.]*(?:\s?(?:bn|billion|mln|million|m)\b)?|\b\d[\d,]*\s+(?:[A-Z][\w-]+\s)?(?:tanks|jets|systems|howitzers|launchers|vehicles|missiles|batteries)\b",
        System.Text.RegularExpressions.RegexOptions.Compiled | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static (long Matches, long Bytes) RegexPass(List<string> files)
    {
        long matches = 0, bytes = 0;
        foreach (var f in files)
        {
            var text = File.ReadAllText(f);
            bytes += System.Text.Encoding.UTF8.GetByteCount(text);
            matches += MoneyOrQuantity.Count(text);
        }
        return (matches, bytes);
    }

    internal static List<string> EnsureCorpus(string dir, int articles, int seed)
    {
        var done = Path.Combine(dir, "COMPLETE");
        if (!File.Exists(done))
        {
            Console.WriteLine($"writing corpus to {dir} ...");
            foreach (var (name, text) in CorpusGenerator.Generate(articles, seed))
            {
                var sub = Path.Combine(dir, name[..4]);
                Directory.CreateDirectory(sub);
                File.WriteAllText(Path.Combine(sub, name), text);
            }
            File.WriteAllText(done, $"{articles} {seed}\n");
        }
        return Directory.EnumerateFiles(dir, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
    }
}
