using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

/// <summary>
/// <c>pledge ingest</c> extracts a batch's documents on every core (issue 13); what a person sees and what the ledger
/// holds must be what one document at a time gives.
/// </summary>
[Collection("db")]
public sealed class IngestParallelExtractionTests(PostgresFixture pg) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pledge-ingest-parallel-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<List<string>> LedgerAsync(CliRunner cli)
    {
        var (_, json, _) = await cli.RunAsync("list", "--format", "json");
        return JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(r => string.Join("|", r.GetProperty("donor"), r.GetProperty("amount"), r.GetProperty("currency"), r.GetProperty("date"), r.GetProperty("sources")))
            .Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task A_batch_extracted_in_parallel_warns_in_name_order_and_gives_the_ledger_of_one_document_per_batch()
    {
        var undated = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"doc{i:D2}.txt");
            var pledge = string.Create(CultureInfo.InvariantCulture, $"Germany pledges EUR {(i % 7 + 1) * 25} million in military aid to Ukraine.\n");
            if (i % 3 == 0) undated.Add(name);
            File.WriteAllText(Path.Combine(_dir, name), i % 3 == 0 ? pledge
                : string.Create(CultureInfo.InvariantCulture, $" date 2024-06-{i % 28 + 1:D2} Facts\n\n{pledge}"));
        }

        var whole = await CliRunner.CreateAsync(pg);
        var (exit, _, err) = await whole.RunAsync("ingest", _dir, "--batch", "60");
        Assert.Equal(0, exit);
        var warned = err.Split('\n').Where(l => l.Contains("undated", StringComparison.Ordinal))
            .Select(l => Regex.Match(l, @"doc\d\d\.txt").Value).ToList();
        Assert.Equal(undated, warned);

        var single = await CliRunner.CreateAsync(pg);
        Assert.Equal(0, (await single.RunAsync("ingest", _dir, "--batch", "1")).Exit);
        var ledger = await LedgerAsync(whole);
        // Undated statements are one pledge per amount among themselves: the 20 undated documents state 7 amounts.
        Assert.Equal(7, ledger.Count(l => l.Split('|')[3].Length == 0));
        Assert.Equal(ledger, await LedgerAsync(single));
    }
}
