using System.Globalization;
using System.Text.Json;
using PledgeLedger.Core;
using PledgeLedger.Storage;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

/// <summary>
/// <c>pledge list</c> streams its rows (issue 13): the output must be what the buffered listing printed, byte for
/// byte, and --offset/--limit must page through the same order without gaps or overlaps.
/// </summary>
[Collection("db")]
public sealed class ListStreamingTests(PostgresFixture pg)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private const int Pledges = 2_345;

    /// <summary>A ledger of more than two table pages: money in several currencies (some without a rate), equipment, undated pledges, notes needing CSV quoting.</summary>
    private async Task<(CliRunner Cli, LedgerDatabase Db)> LedgerAsync()
    {
        var cli = await CliRunner.CreateAsync(pg);
        var db = await LedgerDatabase.OpenAsync(cli.Location, migrate: true, Ct);
        await new RateStore(db).AddAsync([.. Enumerable.Range(0, 300).Select(d => new RateRecord(new DateOnly(2024, 1, 1).AddDays(d), "USD", 1.08m + (d / 1000m)))], "test", Ct);
        var rng = new Random(13);
        string[] donors = ["DE", "FR", "GB", "US", "PL", "NL"];
        string[] currencies = ["EUR", "USD", "GBP"];
        var systems = ReferenceData.Systems.Take(5).Select(s => s.Id).ToArray();
        var pledges = Enumerable.Range(0, Pledges).Select(i => rng.Next(3) == 0
            ? new Pledge
            {
                DonorCode = donors[rng.Next(donors.Length)],
                Kind = PledgeKind.Equipment,
                SystemId = systems[rng.Next(systems.Length)],
                Quantity = rng.Next(4) == 0 ? null : rng.Next(1, 40),
                AnnouncedOn = rng.Next(8) == 0 ? null : new DateOnly(2024, 1, 1).AddDays(rng.Next(300)),
                Source = "test",
            }
            : new Pledge
            {
                DonorCode = donors[rng.Next(donors.Length)],
                Kind = PledgeKind.Money,
                Amount = rng.Next(1, 5000) * 100_000m + (rng.Next(100) / 100m),
                Currency = currencies[rng.Next(currencies.Length)],
                AnnouncedOn = rng.Next(8) == 0 ? null : new DateOnly(2024, 1, 1).AddDays(rng.Next(300)),
                Note = rng.Next(5) == 0 ? $"note {i}, with \"quotes\", a comma and Київ" : null,
                Source = "test",
            }).ToList();
        await new BulkStore(db).AddAllAsync(pledges, Ct);
        return (cli, db);
    }

    /// <summary>What the listing printed before it streamed: every row read into a list, then written at once.</summary>
    private static async Task<string> BufferedAsync(LedgerDatabase db, CliRunner cli, OutputFormat format, PledgeFilter filter)
    {
        var views = await new PledgeStore(db).ListAsync(filter, Ct);
        var rows = views.Select(PledgeRows.ToRow).ToList();
        var stdout = new StringWriter();
        var env = new CliEnvironment
        {
            Out = stdout,
            Error = new StringWriter(),
            Variables = new Dictionary<string, string?> { ["PLEDGE_DB"] = cli.Location.ConnectionString, ["NO_COLOR"] = "1" },
        };
        await using var ctx = new CliContext(env, null, verbose: false);
        PledgeRows.Write(ctx, format, rows, $"{views.Count} pledge(s)", withRecipient: filter.Recipient is null);
        return stdout.ToString();
    }

    [Fact]
    public async Task Streamed_csv_and_json_equal_the_buffered_output_byte_for_byte()
    {
        var (cli, db) = await LedgerAsync();
        await using var _ = db;
        foreach (var (name, format) in new[] { ("csv", OutputFormat.Csv), ("json", OutputFormat.Json) })
        {
            var (exit, streamed, err) = await cli.RunAsync("list", "--format", name);
            Assert.True(exit == 0, err);
            Assert.Equal(await BufferedAsync(db, cli, format, new PledgeFilter()), streamed);
        }
        var (_, json, _) = await cli.RunAsync("list", "--format", "json");
        Assert.Equal(Pledges, JsonDocument.Parse(json).RootElement.GetArrayLength());
        Assert.Contains("Київ", json);
    }

    [Fact]
    public async Task A_table_of_one_page_is_unchanged_and_a_longer_one_prints_every_row_in_pages()
    {
        var (cli, db) = await LedgerAsync();
        await using var _ = db;
        var (exit, page, _) = await cli.RunAsync("list", "--limit", "300");
        Assert.Equal(0, exit);
        Assert.Equal(await BufferedAsync(db, cli, OutputFormat.Table, new PledgeFilter { Limit = 300 }), page);
        Assert.Contains("300 pledge(s)", page);

        var (_, all, _) = await cli.RunAsync("list");
        Assert.Contains("rows 1-1,000", all);
        Assert.Contains("rows 1,001-2,000", all);
        Assert.Contains($"rows 2,001-{Pledges:N0}", all);
        Assert.EndsWith($"{Pledges} pledge(s)", all.TrimEnd());
        // Every pledge id is in the table once.
        var (_, csv, _) = await cli.RunAsync("list", "--format", "csv");
        foreach (var id in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).Take(50))
        {
            Assert.Contains($" {long.Parse(id, CultureInfo.InvariantCulture).ToString("#,0", CultureInfo.InvariantCulture)} ", all);
        }
    }

    [Fact]
    public async Task Offset_and_limit_page_through_the_same_order_without_gaps_or_overlaps()
    {
        var (cli, db) = await LedgerAsync();
        await using var _ = db;
        var (_, full, _) = await cli.RunAsync("list", "--format", "csv", "--donor", "DE,FR,GB,US");
        var lines = full.TrimEnd('\n').Split('\n');
        var paged = new List<string>();
        for (var offset = 0; ; offset += 400)
        {
            var (exit, page, err) = await cli.RunAsync("list", "--format", "csv", "--donor", "DE,FR,GB,US", "--offset", $"{offset}", "--limit", "400");
            Assert.True(exit == 0, err);
            var pageLines = page.TrimEnd('\n').Split('\n');
            Assert.Equal(lines[0], pageLines[0]);
            if (pageLines.Length == 1) break;
            Assert.True(pageLines.Length <= 401);
            paged.AddRange(pageLines.Skip(1));
        }
        Assert.Equal(lines.Skip(1), paged);
        Assert.True(paged.Count > 1000);

        // A JSON page is the same slice of the full array.
        var (_, allJson, _) = await cli.RunAsync("list", "--format", "json");
        var (_, pageJson, _) = await cli.RunAsync("list", "--format", "json", "--offset", "1234", "--limit", "7");
        var expected = JsonDocument.Parse(allJson).RootElement.EnumerateArray().Skip(1234).Take(7).Select(e => e.GetRawText());
        Assert.Equal(expected, JsonDocument.Parse(pageJson).RootElement.EnumerateArray().Select(e => e.GetRawText()));

        var (bad, _, badErr) = await cli.RunAsync("list", "--offset", "-1");
        Assert.Equal(ExitCodes.BadInput, bad);
        Assert.StartsWith("error: --offset:", badErr);
    }
}
