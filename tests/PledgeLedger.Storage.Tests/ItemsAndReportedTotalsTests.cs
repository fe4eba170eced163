using Dapper;
using Npgsql;
using PledgeLedger.Core;
using PledgeLedger.Tests;

namespace PledgeLedger.Storage.Tests;

/// <summary>
/// Issue 9, ledger side: free-text equipment items (stored, read, consolidated like systems, promoted into the
/// catalog) and reported running totals (append-only, written once per document, the latest compared with the ledger).
/// </summary>
[Collection("db")]
public sealed class ItemsAndReportedTotalsTests(PostgresFixture pg)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private async Task<LedgerDatabase> OpenAsync() => await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);

    private static Pledge Item(string donor, string item, long? quantity, DateOnly? date, string? category = null) => new()
    {
        DonorCode = donor,
        Kind = PledgeKind.Equipment,
        Item = item,
        Category = category,
        Quantity = quantity,
        AnnouncedOn = date,
    };

    private static Pledge Money(string donor, decimal amount, string currency, DateOnly? date) => new()
    {
        DonorCode = donor,
        Kind = PledgeKind.Money,
        Amount = amount,
        Currency = currency,
        AnnouncedOn = date,
    };

    private static ReportedTotalRecord Reported(string donor, decimal amount, string currency, DateOnly? asOf, string source = "https://example.org/a") => new()
    {
        DonorCode = donor,
        Kind = PledgeKind.Money,
        Amount = amount,
        Currency = currency,
        AsOf = asOf,
        Source = source,
    };

    private static async Task<long> ScalarAsync(LedgerDatabase db, string sql)
    {
        await using var conn = await db.OpenConnectionAsync(Ct);
        return await conn.ExecuteScalarAsync<long>(sql);
    }

    private static DocumentRecord Doc(string hash, string body) =>
        new(hash.PadLeft(64, '0'), "doc-" + hash + ".txt", null, null, new DateOnly(2024, 6, 1), "text", body);

    [Fact]
    public async Task A_free_text_item_round_trips_through_add_bulk_copy_history_and_listings()
    {
        await using var db = await OpenAsync();
        var store = new PledgeStore(db);
        var added = await store.AddAsync(Item("DE", "  demining   vehicles ", 4, new DateOnly(2024, 5, 1), "engineering"), Ct);
        var ids = await new BulkStore(db).AddAllAsync([Item("FR", "night-vision goggles", 500, new DateOnly(2024, 5, 2), "protective_gear")], Ct);

        var view = await store.GetAsync(added.Id, null, Ct);
        Assert.Equal("demining vehicles", view!.Pledge.Item); // white space cleaned
        Assert.Null(view.Pledge.SystemId);
        Assert.Equal("engineering", view.Category);
        Assert.Equal(4, view.Pledge.Quantity);
        Assert.Equal("night-vision goggles", (await store.GetAsync(ids[0], null, Ct))!.Pledge.Item);
        Assert.Equal("demining vehicles", Assert.Single(await store.HistoryAsync(added.Id, Ct)).Item);
        var listed = await store.ListAsync(new PledgeFilter(), Ct);
        Assert.Equal(["demining vehicles", "night-vision goggles"], listed.Select(v => v.Pledge.Item).Order());
        Assert.Equal(0, (await new ProjectionStore(db).CheckAsync(Ct)).Sum(c => c.Differences));
    }

    [Fact]
    public async Task The_same_item_and_quantity_is_the_same_pledge_ignoring_case_and_a_different_item_is_not()
    {
        await using var db = await OpenAsync();
        var store = new PledgeStore(db);
        await store.AddAsync(Item("DE", "Demining vehicles", 4, new DateOnly(2024, 5, 1)), Ct);
        Assert.Single(await store.FindSameAsync(Item("DE", "demining  VEHICLES", 4, new DateOnly(2024, 5, 10)), Ct));
        Assert.Empty(await store.FindSameAsync(Item("DE", "demining vehicles", 5, new DateOnly(2024, 5, 10)), Ct));
        Assert.Empty(await store.FindSameAsync(Item("DE", "bulldozers", 4, new DateOnly(2024, 5, 10)), Ct));
        Assert.Empty(await store.FindSameAsync(Item("DE", "demining vehicles", 4, new DateOnly(2024, 6, 10)), Ct));

        // Ingest: two documents stating the item once each make one pledge with two pieces of evidence.
        var ingest = new IngestStore(db);
        var ev = new EvidenceRecord(0, 10, 1, "sentence");
        var counts = await ingest.IngestBatchAsync([
            new IngestItem(Doc("a1", "a"), [new CandidateRecord(Item("PL", "Bulldozers", 3, new DateOnly(2024, 5, 1)), [ev])]),
            new IngestItem(Doc("a2", "b"), [new CandidateRecord(Item("PL", "bulldozers", 3, new DateOnly(2024, 5, 3)), [ev])]),
        ], Ct);
        Assert.Equal(1, counts.PledgesNew);
        Assert.Equal(2L, await ScalarAsync(db, "SELECT count(*) FROM evidence"));
        var again = await ingest.IngestBatchAsync([new IngestItem(Doc("a3", "c"), [new CandidateRecord(Item("PL", "BULLDOZERS", 3, new DateOnly(2024, 5, 12)), [ev])])], Ct);
        Assert.Equal((0, 1), (again.PledgesNew, again.PledgesMerged));
    }

    [Fact]
    public async Task The_database_refuses_an_item_on_money_or_beside_a_system()
    {
        await using var db = await OpenAsync();
        await using var conn = await db.OpenConnectionAsync(Ct);
        await conn.ExecuteAsync("INSERT INTO pledges DEFAULT VALUES");
        foreach (var sql in new[]
        {
            "INSERT INTO pledge_versions (pledge_id, version, donor_code, kind, amount, currency, item) SELECT max(id), 1, 'DE', 'money', 5, 'EUR', 'x' FROM pledges",
            "INSERT INTO pledge_versions (pledge_id, version, donor_code, kind, system_id, item) SELECT max(id), 1, 'DE', 'equipment', 'patriot', 'x' FROM pledges",
        })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync(sql));
            Assert.Equal("23514", e.SqlState);
        }
    }

    [Fact]
    public async Task Promoting_an_item_writes_a_new_version_per_pledge_records_the_alias_and_keeps_projections_consistent()
    {
        await using var db = await OpenAsync();
        var store = new PledgeStore(db);
        var a = await store.AddAsync(Item("DE", "Demining vehicles", 4, new DateOnly(2024, 5, 1)), Ct);
        var b = await store.AddAsync(Item("FR", "demining vehicles", 2, new DateOnly(2024, 5, 2)), Ct);
        var other = await store.AddAsync(Item("FR", "bulldozers", 2, new DateOnly(2024, 5, 2)), Ct);
        var catalog = new CatalogStore(db);
        Assert.Equal(["Demining vehicles", "bulldozers"], (await catalog.UnlistedAsync("UA", Ct)).Select(u => u.Item));

        var added = await catalog.AddSystemAsync("wisent-2", "Wisent 2", "engineering", ["Wisent 2 mine-clearing vehicle"], "test", Ct);
        Assert.True(added.NewSystem);
        var promoted = await catalog.PromoteAsync("DEMINING vehicles", "wisent-2", ["mine clearing vehicle"], null, Ct);
        Assert.Equal(2, promoted.PledgesMoved);

        foreach (var id in new[] { a.Id, b.Id })
        {
            var history = await store.HistoryAsync(id, Ct);
            Assert.Equal(2, history.Count);
            Assert.Equal(("wisent-2", (string?)null, "engineering"), (history[1].SystemId, history[1].Item, history[1].Category));
            Assert.Contains("free-text item", history[1].Reason);
            Assert.NotNull(history[0].Item); // the free-text version stays in the record
        }
        Assert.Equal(1, (await store.GetAsync(other.Id, null, Ct))!.Pledge.Version);
        Assert.Equal(["bulldozers"], (await catalog.UnlistedAsync("UA", Ct)).Select(u => u.Item));
        var system = (await catalog.SystemsAsync(Ct)).Single(s => s.Id == "wisent-2");
        Assert.Equal(["Wisent 2 mine-clearing vehicle", "DEMINING vehicles", "mine clearing vehicle"], system.Aliases); // as typed; aliases match ignoring case
        Assert.Equal(2, (await catalog.AdditionsAsync(Ct)).Count(x => x.SystemId == "wisent-2"));
        Assert.Equal(0, (await new ProjectionStore(db).CheckAsync(Ct)).Sum(c => c.Differences));
        // Counted under the system now.
        var totals = await new TotalsStore(db).TotalsAsync(new PledgeFilter(), TotalsGrouping.System, Ct);
        Assert.Equal(6, totals.Single(t => t.Key == "wisent-2").EquipmentItems);
    }

    [Fact]
    public async Task Reported_totals_and_catalog_additions_are_append_only()
    {
        await using var db = await OpenAsync();
        await new ReportedTotalStore(db).AddAsync([Reported("DE", 5_000_000_000m, "EUR", new DateOnly(2024, 5, 1))], null, Ct);
        await new CatalogStore(db).AddSystemAsync("test-sys", "Test system", "vehicles", [], null, Ct);
        await using var conn = await db.OpenConnectionAsync(Ct);
        foreach (var sql in new[]
        {
            "UPDATE reported_totals SET amount = 1", "DELETE FROM reported_totals", "TRUNCATE reported_totals",
            "UPDATE catalog_additions SET aliases = '{}'", "DELETE FROM catalog_additions", "TRUNCATE catalog_additions",
        })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync(sql));
            Assert.Contains("append-only", e.MessageText);
        }
        Assert.Equal(1L, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM reported_totals"));
    }

    [Fact]
    public async Task Ingest_stores_a_documents_reported_totals_once_even_when_the_document_comes_again()
    {
        await using var db = await OpenAsync();
        var ingest = new IngestStore(db);
        var total = Reported("NO", 10_000_000_000m, "NOK", new DateOnly(2024, 6, 1)) with { Evidence = new EvidenceRecord(5, 60, 2, "total sentence") };
        var equipment = new ReportedTotalRecord { DonorCode = "US", Kind = PledgeKind.Equipment, SystemId = "abrams", Quantity = 31, AsOf = new DateOnly(2024, 6, 1) };
        var item = new IngestItem(Doc("b1", "body"), []) { ReportedTotals = [total, equipment] };
        await ingest.IngestBatchAsync([item], Ct);
        await ingest.IngestBatchAsync([item, item], Ct);
        var stored = await new ReportedTotalStore(db).ListAsync(null, Ct);
        Assert.Equal(2, stored.Count);
        var nok = stored.Single(s => s.Total.DonorCode == "NO");
        Assert.Equal((10_000_000_000m, "NOK", "total sentence", 2), (nok.Total.Amount!.Value, nok.Total.Currency!, nok.Total.Evidence!.Sentence, nok.Total.Evidence.Line));
        Assert.NotNull(nok.DocumentId);
    }

    [Fact]
    public async Task The_latest_reported_total_by_as_of_date_then_recorded_at_is_compared_with_the_ledger_up_to_that_date()
    {
        await using var db = await OpenAsync();
        await using (var conn = await db.OpenConnectionAsync(Ct))
        {
            // USD rates: 1.10 on Friday 2024-05-10 (a Saturday total takes it); none near 2023-01-15.
            await conn.ExecuteAsync("INSERT INTO fx_rates (rate_date, currency, units_per_eur) VALUES ('2024-05-10', 'USD', 1.10), ('2024-04-01', 'USD', 1.08)");
        }
        var pledges = new PledgeStore(db);
        await pledges.AddAsync(Money("DE", 1_000_000_000m, "EUR", new DateOnly(2024, 3, 1)), Ct);
        await pledges.AddAsync(Money("DE", 500_000_000m, "EUR", null), Ct); // undated: counted
        await pledges.AddAsync(Money("DE", 700_000_000m, "EUR", new DateOnly(2024, 8, 1)), Ct); // after the total's date: not
        await pledges.AddAsync(Money("US", 1_080_000_000m, "USD", new DateOnly(2024, 4, 1)), Ct); // EUR 1 bn
        await pledges.AddAsync(new Pledge { DonorCode = "US", Kind = PledgeKind.Equipment, SystemId = "himars", Quantity = 3, AnnouncedOn = new DateOnly(2024, 4, 2) }, Ct);

        var reported = new ReportedTotalStore(db);
        await reported.AddAsync([Reported("DE", 3_000_000_000m, "EUR", new DateOnly(2024, 5, 10), "https://example.org/new")], null, Ct);
        await reported.AddAsync([Reported("DE", 2_000_000_000m, "EUR", new DateOnly(2024, 1, 10), "https://example.org/old")], null, Ct); // recorded later, older date
        await reported.AddAsync([Reported("US", 5_500_000_000m, "USD", new DateOnly(2024, 5, 11))], null, Ct);
        await reported.AddAsync([Reported("US", 5_610_000_000m, "USD", new DateOnly(2024, 5, 11), "https://example.org/later")], null, Ct); // same date, recorded later: wins
        await reported.AddAsync([new ReportedTotalRecord { DonorCode = "US", Kind = PledgeKind.Equipment, SystemId = "himars", Quantity = 39, AsOf = new DateOnly(2024, 5, 11) }], null, Ct);
        await reported.AddAsync([Reported("PL", 1_000_000m, "USD", new DateOnly(2023, 1, 15))], null, Ct); // no rate then
        await pledges.AddAsync(Money("FR", 100_000_000m, "EUR", new DateOnly(2024, 3, 1)), Ct);
        await pledges.AddAsync(Money("FR", 50_000_000m, "USD", null), Ct); // undated: counted, but has no rate
        await reported.AddAsync([Reported("FR", 1_000_000_000m, "EUR", new DateOnly(2024, 5, 10))], null, Ct);

        var rows = await reported.CompareAsync(null, Ct);
        var de = rows.Single(r => r.Latest.Total.DonorCode == "DE");
        Assert.Equal(("https://example.org/new", 2), (de.Latest.Total.Source!, de.Reports));
        Assert.Equal(1_500_000_000m, de.LedgerEur);
        Assert.Equal(1_500_000_000m, de.Gap);

        var usMoney = rows.Single(r => r.Latest.Total.DonorCode == "US" && r.Latest.Total.Kind == PledgeKind.Money);
        Assert.Equal("https://example.org/later", usMoney.Latest.Total.Source);
        Assert.Equal(5_100_000_000m, usMoney.ReportedEur);
        Assert.Equal(1_000_000_000m, usMoney.LedgerEur);
        Assert.Equal(4_100_000_000m, usMoney.Gap);

        var himars = rows.Single(r => r.Latest.Total.Kind == PledgeKind.Equipment);
        Assert.Equal(("HIMARS", 3L, 36m), (himars.What!, himars.LedgerItems, himars.Gap!.Value));

        var pl = rows.Single(r => r.Latest.Total.DonorCode == "PL");
        Assert.Null(pl.ReportedEur);
        Assert.Null(pl.Gap);

        // Ledger money without a rate: shown beside the EUR sum, and no gap (it would overstate what the ledger lacks).
        var fr = rows.Single(r => r.Latest.Total.DonorCode == "FR");
        Assert.Equal(100_000_000m, fr.LedgerEur);
        Assert.Equal(new Money(50_000_000m, "USD"), Assert.Single(fr.LedgerUnconverted));
        Assert.Null(fr.Gap);
    }
}
