using System.Text.Json;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

/// <summary>
/// A team sharing one ledger: identical adds at once write one pledge, amendments at once each become a version,
/// and ingests of the same restatements in any order or batch size give one ledger.
/// </summary>
[Collection("db")]
public sealed class ConcurrentWritesTests(PostgresFixture pg) : IDisposable
{
    private const int N = 10;
    private readonly string _dir = Directory.CreateTempSubdirectory("pledge-concurrent-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Runs the same command N times at once, each on its own connections.</summary>
    private static Task<(int Exit, string Out, string Err)[]> AtOnceAsync(CliRunner cli, params string[] args) =>
        Task.WhenAll(Enumerable.Range(0, N).Select(_ => Task.Run(() => cli.RunAsync(args))));

    [Fact]
    public async Task Ten_identical_money_adds_at_once_write_one_pledge_and_refuse_nine()
    {
        var cli = await CliRunner.CreateAsync(pg);
        var results = await AtOnceAsync(cli, "add", "--donor", "PL", "--amount", "250m", "--currency", "EUR", "--date", "2024-07-01");
        Assert.Single(results, r => r.Exit == ExitCodes.Ok);
        Assert.All(results.Where(r => r.Exit != ExitCodes.Ok), r =>
        {
            Assert.Equal(ExitCodes.BadInput, r.Exit);
            Assert.Contains("likely duplicate of pledge", r.Err);
        });
        Assert.Equal(1, await cli.CountAsync("pledges"));
    }

    [Fact]
    public async Task Ten_identical_equipment_adds_at_once_write_one_pledge()
    {
        var cli = await CliRunner.CreateAsync(pg);
        var results = await AtOnceAsync(cli, "add", "--donor", "DE", "--system", "Patriot", "--quantity", "2", "--date", "2024-07-01");
        Assert.Equal([ExitCodes.Ok, .. Enumerable.Repeat(ExitCodes.BadInput, N - 1)], results.Select(r => r.Exit).Order());
        Assert.Equal(1, await cli.CountAsync("pledges"));
    }

    [Fact]
    public async Task Ten_amendments_of_one_pledge_at_once_each_become_a_version_in_turn()
    {
        var cli = await CliRunner.CreateAsync(pg);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "PL", "--amount", "250m", "--currency", "EUR", "--date", "2024-07-01")).Exit);
        // Each amendment changes something (an amendment that changes nothing is refused, issue 11), so each must land.
        var results = await Task.WhenAll(Enumerable.Range(0, N).Select(i =>
            Task.Run(() => cli.RunAsync("amend", "1", "--note", $"checked by analyst {i}", "--reason", "second source"))));
        Assert.All(results, r => Assert.True(r.Exit == ExitCodes.Ok, r.Err));
        Assert.Equal(N + 1, await cli.CountAsync("pledge_versions"));
        var (_, history, _) = await cli.RunAsync("history", "1", "--format", "json");
        Assert.Equal(Enumerable.Range(1, N + 1), JsonDocument.Parse(history).RootElement.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Restatements_of_one_pledge_give_one_pledge_forward_and_in_reverse_one_document_per_batch()
    {
        var files = new[] { 1, 12, 23 }.Select(d =>
        {
            var path = Path.Combine(_dir, $"berlin-{d:00}.txt");
            File.WriteAllText(path, $"BERLIN, 2024-03-{d:00} — Germany will send 5 Patriot systems to Ukraine, the defence ministry said.\n");
            return path;
        }).ToArray();
        var lists = new List<string>();
        foreach (var order in new[] { files, files.Reverse().ToArray() })
        {
            var cli = await CliRunner.CreateAsync(pg);
            var (exit, _, err) = await cli.RunAsync(["ingest", "--batch", "1", .. order]);
            Assert.True(exit == 0, err);
            var (_, json, _) = await cli.RunAsync("list", "--format", "json");
            var row = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());
            Assert.Equal((5, "2024-03-01", 3), (row.GetProperty("quantity").GetInt32(), row.GetProperty("date").GetString(), row.GetProperty("sources").GetInt32()));
            lists.Add(json);
        }
        Assert.Equal(lists[0], lists[1]);
    }

    [Fact]
    public async Task A_later_document_between_two_pledges_merges_them_and_says_so()
    {
        var cli = await CliRunner.CreateAsync(pg);
        string File(int day)
        {
            var path = Path.Combine(_dir, $"b-{day:00}.txt");
            System.IO.File.WriteAllText(path, $"BERLIN, 2024-03-{day:00} — Germany will send 5 Patriot systems to Ukraine.\n");
            return path;
        }
        Assert.Equal(0, (await cli.RunAsync("ingest", File(1), File(23))).Exit);
        var (exit, _, err) = await cli.RunAsync("ingest", File(12));
        Assert.Equal(0, exit);
        Assert.Contains("pledges: 0 new, 1 merged into existing pledges, 1 merged into an older one", err);
        var (_, json, _) = await cli.RunAsync("list", "--format", "json");
        Assert.Equal(3, Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray()).GetProperty("sources").GetInt32());
        var (amendExit, _, amendErr) = await cli.RunAsync("amend", "2", "--note", "x", "--reason", "r");
        Assert.Equal(ExitCodes.BadInput, amendExit);
        Assert.Contains("was merged into #1", amendErr);
    }
}
