using System.Diagnostics;
using System.Globalization;
using PledgeLedger.Core;
using PledgeLedger.Reporting;

namespace PledgeLedger.Bench;

/// <summary>
/// Report rendering without a database: generates N pledges in memory (about 60 donors, mixed currencies,
/// equipment, dates 2022-2026), then times the monthly report (build + PDF) and a summary report of about
/// 1,000 pages. Usage: report [--pledges N] [--month yyyy-MM] [--summary-days D] [--out DIR].
/// </summary>
internal static class ReportBench
{
    private static readonly string[] Currencies = ["EUR", "EUR", "EUR", "USD", "USD", "GBP", "PLN", "NOK", "SEK", "CAD", "JPY", "UAH"];

    // Rough units per EUR; the bench only needs plausible numbers. UAH has no rate, so it stays unconverted.
    private static readonly Dictionary<string, decimal> Rates = new()
    {
        ["EUR"] = 1m,
        ["USD"] = 1.08m,
        ["GBP"] = 0.86m,
        ["PLN"] = 4.3m,
        ["NOK"] = 11.5m,
        ["SEK"] = 11.3m,
        ["CAD"] = 1.47m,
        ["JPY"] = 160m,
    };

    public static Task<int> RunAsync(string[] args)
    {
        var pledgeCount = IntOption(args, "--pledges", 1_000_000);
        var month = Option(args, "--month") is { } m ? DateOnly.ParseExact(m + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture) : new DateOnly(2025, 3, 1);
        var outDir = Option(args, "--out") ?? Path.Combine(".bench", "report");
        Directory.CreateDirectory(outDir);

        var sw = Stopwatch.StartNew();
        var input = Generate(pledgeCount);
        Compact();
        Console.WriteLine($"generated {pledgeCount:N0} pledges, {input.Documents.Count:N0} documents in {sw.Elapsed.TotalSeconds:F2} s (not counted); " +
            $"working set {Mb(Environment.WorkingSet):F0} MB");

        // Warm-up on a small input so JIT tiering and font loading are not billed to the measured reports.
        var warm = new ReportInput(input.Pledges.Take(Math.Min(pledgeCount, 50_000)).ToList(), input.Documents.Take(Math.Min(input.Documents.Count, 1_000)).ToList(), input.AsOf, input.GeneratedAt, input.Title);
        for (var i = 0; i < 2; i++)
        {
            ReportWriter.WritePdf(ReportBuilder.Monthly(warm, month.Year, month.Month), Path.Combine(outDir, "warmup.pdf"), PaperSize.A4);
        }
        warm = null;
        if (args.Contains("--profile"))
        {
            for (var i = 0; i < 3; i++)
            {
                sw.Restart();
                _ = ReportBuilder.Monthly(input, month.Year, month.Month);
                Console.WriteLine($"profile: monthly build alone {sw.Elapsed.TotalSeconds:F2} s");
            }
        }

        Summary(input, pledgeCount, args, outDir);
        Monthly(input, month, outDir);
        Console.WriteLine($"Process.PeakWorkingSet64 after all reports: {Mb(Process.GetCurrentProcess().PeakWorkingSet64):F0} MB");
        return Task.FromResult(0);
    }

    /// <summary>A summary over a date range holding enough pledges for about 1,000 pages (~28,000 at this data's mix).</summary>
    private static void Summary(ReportInput input, int pledgeCount, string[] args, string outDir)
    {
        var perDay = pledgeCount / (double)(new DateOnly(2026, 4, 30).DayNumber - new DateOnly(2022, 2, 24).DayNumber + 1);
        var days = IntOption(args, "--summary-days", Math.Max(1, (int)Math.Round(28_000 / Math.Max(perDay, 1e-9))));
        var from = new DateOnly(2024, 1, 1);
        var to = from.AddDays(days - 1);
        Compact();
        var baseMb = Mb(Environment.WorkingSet);
        using var sampler = new PeakSampler();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var summary = ReportBuilder.Summary(input, from, to, null, SummaryGrouping.Country);
        var path = Path.Combine(outDir, "summary.pdf");
        ReportWriter.WritePdf(summary, path, PaperSize.A4);
        var time = sw.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var peakMb = sampler.Stop();
        var processPeakMb = Mb(Process.GetCurrentProcess().PeakWorkingSet64);
        Console.WriteLine($"summary {from:yyyy-MM-dd}..{to:yyyy-MM-dd}: {summary.Body.Headline.Pledges:N0} pledges, {Pages(path)} pages, " +
            $"build+pdf {time.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s cpu (goal <= 20 s) {(time.TotalSeconds <= 20 ? "OK" : "SLOW")}");
        Console.WriteLine($"summary memory: Process.PeakWorkingSet64 {processPeakMb:F0} MB (goal <= 500 MB) {(processPeakMb <= 500 ? "OK" : "HIGH")}; " +
            $"{baseMb:F0} MB is the generated ledger, the report adds {peakMb - baseMb:F0} MB at its peak");
    }

    private static void Monthly(ReportInput input, DateOnly month, string outDir)
    {
        Compact();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var monthly = ReportBuilder.Monthly(input, month.Year, month.Month);
        var built = sw.Elapsed;
        var path = Path.Combine(outDir, "monthly.pdf");
        ReportWriter.WritePdf(monthly, path, PaperSize.A4);
        var total = sw.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"monthly {month:yyyy-MM}: {monthly.Body.Headline.Pledges:N0} new pledges, {Pages(path)} pages, build {built.TotalSeconds:F2} s, " +
            $"build+pdf {total.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s cpu (goal <= 2 s wall) {(total.TotalSeconds <= 2 ? "OK" : "SLOW")}");

        sw.Restart();
        ReportWriter.WriteCsv(monthly, Path.Combine(outDir, "monthly.csv"));
        ReportWriter.WriteJson(monthly, Path.Combine(outDir, "monthly.json"));
        Console.WriteLine($"monthly csv+json: {sw.Elapsed.TotalSeconds:F2} s");
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);

    /// <summary>Deterministic synthetic ledger data.</summary>
    internal static ReportInput Generate(int count)
    {
        var rng = new Random(20220224);
        var donors = DonorRegistry.Default.All.Where(d => d.Kind == DonorKind.State).Take(56)
            .Concat(DonorRegistry.Default.All.Where(d => d.Kind != DonorKind.State).Take(4)).ToArray();
        var systems = SystemCatalog.Default.All;
        var first = new DateOnly(2022, 2, 24).DayNumber;
        var span = new DateOnly(2026, 4, 30).DayNumber - first + 1;
        var titles = donors.ToDictionary(d => d.Code, d => $"{d.Name}: aid announcement");
        var pledges = new List<PledgeView>(count);
        var documents = new List<SourceDocument>((count / 4) + 1);
        var docPledges = new List<long>(8);
        // Pledges come in announcements: one donor, one date, 1-7 pledges, cited by one document (a
        // fifth of the time by a second outlet too). Larger donors announce more often; about 2.5 % of announcements are undated.
        var donor = donors[0];
        DateOnly? date = null;
        var left = 0;
        for (var i = 1; i <= count; i++)
        {
            if (left == 0)
            {
                donor = donors[(int)Math.Min(donors.Length - 1, rng.NextDouble() * rng.NextDouble() * donors.Length * 1.6)];
                date = rng.Next(40) == 0 ? null : DateOnly.FromDayNumber(first + rng.Next(span));
                left = 1 + rng.Next(7);
            }
            left--;
            var roll = rng.Next(100);
            var status = roll < 10 ? PledgeStatus.Proposed : roll < 60 ? PledgeStatus.Pledged : roll < 85 ? PledgeStatus.Allocated : PledgeStatus.Delivered;
            Pledge pledge;
            decimal? eur = null;
            decimal? inKind = null;
            string? systemName = null;
            string? category = null;
            if (rng.Next(100) < 35)
            {
                var system = systems[rng.Next(systems.Count)];
                long? quantity = rng.Next(10) == 0 ? null : rng.Next(1, 120);
                pledge = new Pledge
                {
                    Id = i,
                    DonorCode = donor.Code,
                    Kind = PledgeKind.Equipment,
                    SystemId = system.Id,
                    Category = system.Category,
                    Quantity = quantity,
                    Status = status,
                    AnnouncedOn = date,
                    AidType = AidType.Military,
                };
                systemName = system.Name;
                category = system.Category;
                inKind = quantity is { } q && system.UnitValueEur is { } unit ? q * unit : null;
            }
            else
            {
                var currency = Currencies[rng.Next(Currencies.Length)];
                var amount = rng.Next(1, 5_000) * 100_000m;
                var p = rng.Next(100);
                var period = p < 90 ? Period.Once : p < 95 ? Period.Annual : Period.MultiYear;
                pledge = new Pledge
                {
                    Id = i,
                    DonorCode = donor.Code,
                    Kind = PledgeKind.Money,
                    Amount = amount,
                    Currency = currency,
                    Status = status,
                    Period = period,
                    Years = period == Period.MultiYear ? rng.Next(2, 6) : null,
                    AnnouncedOn = date,
                    AidType = (AidType)rng.Next(1, 4),
                    Qualifier = (Qualifier)(rng.Next(10) < 7 ? 0 : rng.Next(1, 4)),
                };
                if (date is not null && Rates.TryGetValue(currency, out var rate)) eur = Math.Round(amount / rate, 2);
            }
            pledges.Add(new PledgeView
            {
                Pledge = pledge,
                DonorName = donor.Name,
                DonorKind = donor.Kind,
                SystemName = systemName,
                Category = category,
                Eur = eur,
                RateDate = eur is null ? null : date,
                InKindEur = inKind,
                SourceCount = 1 + (i % 3 == 0 ? 1 : 0),
            });
            docPledges.Add(i);
            if (left == 0 || i == count)
            {
                var ids = docPledges.ToArray();
                var sources = rng.Next(5) == 0 ? 2 : 1;
                for (var k = 0; k < sources; k++)
                {
                    var id = documents.Count + 1L;
                    documents.Add(new SourceDocument(id, titles[donor.Code], date,
                        $"https://example.org/{donor.Code}/{id}", "html", ids));
                }
                docPledges.Clear();
            }
        }
        var asOf = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        return new ReportInput(pledges, documents, asOf, asOf, "Aid pledges to Ukraine (synthetic benchmark data)");
    }

    /// <summary>Full blocking compacting collection that also returns freed memory to the OS.</summary>
    private static void Compact() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>Samples the working set every 10 ms on a background thread; Stop returns the highest seen (MB).</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak;

        public PeakSampler()
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    using var p = Process.GetCurrentProcess();
                    _peak = Math.Max(_peak, p.WorkingSet64);
                    Thread.Sleep(10);
                }
            })
            { IsBackground = true };
            _thread.Start();
        }

        public double Stop()
        {
            _stop = true;
            _thread.Join();
            return _peak / (1024.0 * 1024.0);
        }

        public void Dispose()
        {
            if (!_stop) Stop();
        }
    }

    private static int Pages(string pdf)
    {
        // Counting "/Type /Page" objects is enough for a benchmark printout.
        var text = File.ReadAllText(pdf, System.Text.Encoding.Latin1);
        var n = 0;
        for (var at = text.IndexOf("/Type /Page\n", StringComparison.Ordinal); at >= 0; at = text.IndexOf("/Type /Page\n", at + 1, StringComparison.Ordinal)) n++;
        return n;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } v ? int.Parse(v.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;
}
