using System.Text.Json;
using PledgeLedger.Core;
using PledgeLedger.Storage;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

/// <summary>
/// Issue 9 through the real commands: <c>add --item</c>, <c>catalog unlisted|add|promote</c>, <c>totals --by system</c>
/// with items, <c>totals --reported</c>, and ingest writing a document's reported totals once.
/// </summary>
[Collection("db")]
public sealed class ItemsCatalogReportedTests(PostgresFixture pg)
{
    private static List<JsonElement> Json(string output) => JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();

    private static async Task Ok(MoneyRunner cli, params string[] args)
    {
        var (exit, _, err) = await cli.RunAsync(args);
        Assert.True(exit == 0, $"{string.Join(' ', args)}: exit {exit}: {err}");
    }

    [Fact]
    public async Task Add_item_stores_a_free_text_pledge_and_lists_it_with_its_item()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var (exit, output, err) = await cli.RunAsync("add", "--donor", "DE", "--item", "demining vehicles", "--quantity", "4", "--date", "2024-05-01", "--format", "json");
        Assert.True(exit == 0, err);
        var row = Assert.Single(Json(output));
        Assert.Equal("demining vehicles", row.GetProperty("item").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("system").ValueKind);
        Assert.Equal(4, row.GetProperty("quantity").GetInt32());

        await Ok(cli, "add", "--donor", "PL", "--item", "helmets", "--category", "protective_gear", "--quantity", "2000", "--date", "2024-05-02");
        var (_, list, _) = await cli.RunAsync("list", "--format", "csv");
        Assert.Contains("item", list.Split('\n')[0].Split(','));
        Assert.Contains(",helmets,protective_gear,2000,", list);

        // The same item again (case and spacing aside) within 14 days is a likely duplicate.
        var dup = await cli.RunAsync("add", "--donor", "DE", "--item", "Demining  Vehicles", "--quantity", "4", "--date", "2024-05-09");
        Assert.Equal(ExitCodes.BadInput, dup.Exit);
        Assert.Contains("same donor, kind and item and quantity", dup.Err);
        Assert.Equal(2L, await cli.CountAsync("pledges"));
    }

    [Theory]
    [InlineData("--item x --system Patriot", "--item:")]
    [InlineData("--item Patriot --quantity 1", "--item:")]
    [InlineData("--item x --amount 5m --currency EUR", "--amount/--system:")]
    [InlineData("--item x --category weather", "--category:")]
    public async Task Add_item_refuses_bad_combinations_and_writes_nothing(string args, string field)
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var (exit, _, err) = await cli.RunAsync(["add", "--donor", "DE", .. args.Split(' ')]);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("error: " + field, err);
        Assert.Equal(0L, await cli.CountAsync("pledges"));
    }

    [Fact]
    public async Task Catalog_unlisted_counts_items_and_promote_moves_their_pledges_under_the_system()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        await Ok(cli, "add", "--donor", "DE", "--item", "Bulldozers", "--quantity", "4", "--date", "2024-05-01");
        await Ok(cli, "add", "--donor", "FR", "--item", "bulldozers", "--quantity", "2", "--date", "2024-05-01");
        await Ok(cli, "add", "--donor", "FR", "--item", "bulldozers", "--date", "2024-07-01");
        await Ok(cli, "add", "--donor", "PL", "--item", "generators", "--quantity", "100", "--date", "2024-05-01");

        var (exit, output, _) = await cli.RunAsync("catalog", "unlisted", "--format", "json");
        Assert.Equal(0, exit);
        var rows = Json(output);
        Assert.Equal(["bulldozers", "generators"], rows.Select(r => r.GetProperty("item").GetString()!.ToLowerInvariant()));
        var bulldozers = rows[0];
        Assert.Equal((3, 6L, 1, 2, "DE FR"), (bulldozers.GetProperty("pledges").GetInt32(), bulldozers.GetProperty("quantity").GetInt64(),
            bulldozers.GetProperty("unquantified").GetInt32(), bulldozers.GetProperty("donors").GetInt32(), bulldozers.GetProperty("donor_codes").GetString()));
        var (_, csv, _) = await cli.RunAsync("catalog", "unlisted", "--format", "csv");
        Assert.StartsWith("item,category,pledges,quantity,unquantified,donors,donor_codes", csv);

        // totals --by system groups the item like a system.
        var (_, bySystem, _) = await cli.RunAsync("totals", "--by", "system", "--format", "json");
        Assert.Equal(6, Json(bySystem).Single(r => r.GetProperty("key").GetString() == "item:bulldozers").GetProperty("equipment_items").GetInt64());

        // A new system, then the item promoted into it with an alias.
        var (addExit, addOut, addErr) = await cli.RunAsync("catalog", "add", "--id", "cat-d9", "--name", "Caterpillar D9", "--category", "engineering", "--alias", "D9 bulldozer");
        Assert.True(addExit == 0, addErr);
        Assert.Contains("cat-d9: added to the catalog", addOut);
        var (promoteExit, promoteOut, promoteErr) = await cli.RunAsync("catalog", "promote", "BULLDOZERS", "--as", "Caterpillar D9", "--alias", "armoured bulldozers");
        Assert.True(promoteExit == 0, promoteErr);
        Assert.Contains("3 pledge(s) moved", promoteOut);

        var (_, after, _) = await cli.RunAsync("catalog", "unlisted", "--format", "json");
        Assert.Equal(["generators"], Json(after).Select(r => r.GetProperty("item").GetString()));
        var (_, bySystemAfter, _) = await cli.RunAsync("totals", "--by", "system", "--format", "json");
        var d9 = Json(bySystemAfter).Single(r => r.GetProperty("key").GetString() == "cat-d9");
        Assert.Equal(("Caterpillar D9", 6L), (d9.GetProperty("label").GetString()!, d9.GetProperty("equipment_items").GetInt64()));
        var (_, shown, _) = await cli.RunAsync("catalog", "show", "armoured bulldozers", "--format", "json");
        Assert.Contains("bulldozers", Json(shown)[0].GetProperty("aliases").GetString());

        // The ledger's catalog knows the promoted alias everywhere: a new pledge of it names the system.
        var (_, added, _) = await cli.RunAsync("add", "--donor", "NL", "--system", "bulldozers", "--quantity", "1", "--date", "2024-05-01", "--format", "json");
        Assert.Equal("Caterpillar D9", Json(added)[0].GetProperty("system").GetString());
        var (_, check, _) = await cli.RunAsync("db", "check", "--format", "json");
        Assert.All(Json(check), c => Assert.Equal(0, c.GetProperty("differences").GetInt64()));
    }

    [Theory]
    [InlineData("promote bulldozers --as warp-drive", "--as:")]
    [InlineData("promote Patriot --as HIMARS", "ITEM:")]
    [InlineData("add --id Bad_Id --name X --category vehicles", "--id:")]
    [InlineData("add --id patriot-2 --name Patriot --category air_defence", "--name:")]
    [InlineData("add --id new-1 --name New --category weather", "--category:")]
    [InlineData("add --id new-1 --name New --category vehicles --alias HIMARS", "--alias:")]
    public async Task Catalog_add_and_promote_refuse_bad_input_and_write_nothing(string args, string field)
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var (exit, _, err) = await cli.RunAsync(["catalog", .. args.Split(' ')]);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("error: " + field, err);
        Assert.Equal(0L, await cli.CountAsync("catalog_additions WHERE note IS DISTINCT FROM 'catalog growth, migration 0008'"));
    }

    [Fact]
    public async Task Totals_reported_sets_the_latest_reported_total_beside_the_ledger_and_the_gap()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var rates = cli.Write("rates.csv", "date,currency,units_per_eur\n2024-05-10,USD,1.10\n");
        await Ok(cli, "rates", "import", rates);
        await Ok(cli, "add", "--donor", "DE", "--amount", "1bn", "--currency", "EUR", "--date", "2024-03-01");
        await Ok(cli, "add", "--donor", "DE", "--amount", "700m", "--currency", "EUR", "--date", "2024-09-01");
        await Ok(cli, "add", "--donor", "US", "--system", "HIMARS", "--quantity", "3", "--date", "2024-04-01");
        // Written through the store, so the numbers compared are exact (ingest writing them is the next test).
        await using (var db = await LedgerDatabase.OpenAsync(cli.Location, migrate: true, CancellationToken.None))
        {
            var store = new ReportedTotalStore(db);
            await store.AddAsync([new ReportedTotalRecord { DonorCode = "DE", Kind = PledgeKind.Money, Amount = 2_000_000_000m, Currency = "EUR", AsOf = new DateOnly(2024, 1, 1), Source = "https://example.org/old" }], null, CancellationToken.None);
            await store.AddAsync([new ReportedTotalRecord { DonorCode = "DE", Kind = PledgeKind.Money, Amount = 3_300_000_000m, Currency = "USD", AsOf = new DateOnly(2024, 5, 12), Source = "https://www.example.org/new" }], null, CancellationToken.None);
            await store.AddAsync([new ReportedTotalRecord { DonorCode = "US", Kind = PledgeKind.Equipment, SystemId = "himars", Quantity = 39, AsOf = new DateOnly(2024, 5, 12), Source = "wire.txt" }], null, CancellationToken.None);
        }

        var (exit, output, err) = await cli.RunAsync("totals", "--reported", "--format", "json");
        Assert.True(exit == 0, err);
        var rows = Json(output);
        var de = rows.Single(r => r.GetProperty("donor").GetString() == "DE");
        Assert.Equal("https://www.example.org/new", de.GetProperty("source").GetString());
        Assert.Equal("2024-05-12", de.GetProperty("as_of").GetString());
        Assert.Equal(3_000_000_000m, de.GetProperty("reported_eur").GetDecimal()); // USD 3.3 bn at Friday's 1.10
        Assert.Equal(1_000_000_000m, de.GetProperty("ledger_eur").GetDecimal()); // the September pledge is after the total's date
        Assert.Equal(2_000_000_000m, de.GetProperty("gap").GetDecimal());
        Assert.Equal(2, de.GetProperty("reports").GetInt32());
        var us = rows.Single(r => r.GetProperty("donor").GetString() == "US");
        Assert.Equal(("HIMARS", 3L, 36m, "items"), (us.GetProperty("subject").GetString()!, us.GetProperty("ledger_items").GetInt64(),
            us.GetProperty("gap").GetDecimal(), us.GetProperty("gap_unit").GetString()!));

        var (_, csv, _) = await cli.RunAsync("totals", "--reported", "--format", "csv", "--donor", "DE");
        Assert.Equal(2, csv.Trim().Split('\n').Length);
        var (_, table, info) = await cli.RunAsync("totals", "--reported");
        Assert.Contains("+2 bn", table);
        Assert.Contains("example.org", table);
        Assert.Contains("gap = reported minus ledger", info);
    }

    [Fact]
    public async Task Ingest_writes_a_documents_reported_totals_once()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var doc = cli.Write("total.txt",
            "BERLIN, June 3, 2024 - Germany has provided EUR 28 billion in military aid to Ukraine since 2022, the defence ministry said.\n" +
            "With the new package, Germany's total military support now amounts to EUR 28 billion.\n");
        await Ok(cli, "ingest", doc);
        var first = await cli.CountAsync("reported_totals");
        await Ok(cli, "ingest", doc);
        Assert.Equal(first, await cli.CountAsync("reported_totals"));
        Assert.True(first > 0, "ingest wrote no reported total");
        var (_, output, _) = await cli.RunAsync("totals", "--reported", "--format", "json");
        var de = Json(output).Single(r => r.GetProperty("donor").GetString() == "DE" && r.GetProperty("subject").GetString() == "money");
        Assert.Equal(28_000_000_000m, de.GetProperty("reported_eur").GetDecimal());
        Assert.EndsWith("total.txt", de.GetProperty("source").GetString());
    }
}
