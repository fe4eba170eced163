// pledge-bench: the benchmarks behind the README's Performance section. Each suite lives in its own file.
// Usage: dotnet run -c Release --project src/PledgeLedger.Bench -- <suite> [options]
using PledgeLedger.Bench;

var suites = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["ledger"] = LedgerBench.RunAsync,
    ["extract"] = ExtractionBench.RunAsync,
    ["extract-golden"] = ExtractionGolden.RunAsync,
    ["report"] = ReportBench.RunAsync,
    ["money"] = MoneyBench.RunAsync,
    ["ingest"] = IngestBench.RunAsync,
    // The SQL the ledger suite hands psql as the yardstick, for timing by hand: sql totals | sql list [N]
    ["sql"] = a =>
    {
        Console.WriteLine(a.FirstOrDefault() == "list"
            ? PledgeLedger.Bench.BenchSql.DefaultList(a.Length > 1 ? int.Parse(a[1], System.Globalization.CultureInfo.InvariantCulture) : 20)
            : PledgeLedger.Bench.BenchSql.DefaultTotals());
        return Task.FromResult(0);
    },
};
if (args.Length == 0 || !suites.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: pledge-bench <{string.Join('|', suites.Keys)}> [options]");
    return 2;
}
return await run(args[1..]);
