using Npgsql;
using PledgeLedger.Core;
using PledgeLedger.Tests;

namespace PledgeLedger.Storage.Tests;

[Collection("db")]
public sealed class AdjustmentAndImportStoreTests(PostgresFixture pg)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static Pledge Money(string donor, decimal amount, DateOnly date) => new()
    {
        DonorCode = donor,
        Kind = PledgeKind.Money,
        Amount = amount,
        Currency = "EUR",
        AnnouncedOn = date,
        Status = PledgeStatus.Allocated,
    };

    private static ImportedPledge Imported(Pledge p, int line) => new(p with { Source = $"f.csv:{line}" }, new EvidenceRecord(0, 10, line, "row"));

    private static DocumentRecord Document(string hash) => new(hash, "f.csv", "/tmp/f.csv", "f.csv imported", null, "csv", "country,eur\n");

    [Fact]
    public async Task A_negative_amount_is_refused_unless_it_is_an_explicit_adjustment()
    {
        var location = await pg.NewDatabaseAsync();
        const string insert = """
            INSERT INTO pledges DEFAULT VALUES;
            INSERT INTO pledge_versions (pledge_id, version, donor_code, kind, amount, currency, adjustment)
            VALUES (currval('pledges_id_seq'), 1, 'SE', '{0}', {1}, {2}, {3});
            """;
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            PostgresFixture.ExecAsync(location.ConnectionString!, string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, "money", -5, "'EUR'", "false")));
        Assert.Equal("23514", refused.SqlState);
        await PostgresFixture.ExecAsync(location.ConnectionString!, string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, "money", -5, "'EUR'", "true"));
        Assert.True(await PostgresFixture.ScalarAsync<bool>(location.ConnectionString!, "SELECT adjustment FROM pledge_current"));
        var zero = await Assert.ThrowsAsync<PostgresException>(() =>
            PostgresFixture.ExecAsync(location.ConnectionString!, string.Format(System.Globalization.CultureInfo.InvariantCulture, insert, "money", 0, "'EUR'", "true")));
        Assert.Equal("23514", zero.SqlState);
    }

    [Fact]
    public async Task An_import_writes_adjustments_and_totals_sum_them_with_their_sign()
    {
        await using var db = await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);
        var outcome = await new ImportStore(db).ImportAsync(Document(new string('a', 64)),
            [Imported(Money("CZ", 100m, new DateOnly(2023, 1, 1)), 2), Imported(Money("CZ", -30m, new DateOnly(2023, 2, 1)), 3)], Ct);
        Assert.False(outcome.AlreadyImported);
        Assert.Equal(2, outcome.PledgeIds.Count);
        var totals = await new TotalsStore(db).TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, Ct);
        Assert.Equal(70m, Assert.Single(totals).Eur);
        var history = await new PledgeStore(db).HistoryAsync(outcome.PledgeIds[1], Ct);
        Assert.Equal(-30m, Assert.Single(history).Amount);

        // Retracting an adjustment keeps it an adjustment (the new version passes the same constraint).
        await new PledgeStore(db).AppendVersionAsync(outcome.PledgeIds[1], p => p with { Retracted = true }, "test", Ct);
        Assert.Equal(100m, Assert.Single(await new TotalsStore(db).TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, Ct)).Eur);
    }

    [Fact]
    public async Task The_same_document_imported_twice_changes_nothing()
    {
        await using var db = await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);
        var store = new ImportStore(db);
        var hash = new string('b', 64);
        await store.ImportAsync(Document(hash), [Imported(Money("DE", 5m, new DateOnly(2024, 1, 1)), 2)], Ct);
        var again = await store.ImportAsync(Document(hash), [Imported(Money("DE", 5m, new DateOnly(2024, 1, 1)), 2)], Ct);
        Assert.True(again.AlreadyImported);
        Assert.Equal(1L, await new BulkStore(db).CountAsync(Ct));
    }

    [Fact]
    public async Task A_refused_pledge_leaves_nothing_of_the_import_behind()
    {
        var location = await pg.NewDatabaseAsync();
        await using var db = await LedgerDatabase.OpenAsync(location, migrate: true, Ct);
        var bad = Money("DE", 5m, new DateOnly(2024, 1, 1)) with { DonorCode = "XX" };
        await Assert.ThrowsAsync<LedgerInputException>(() => new ImportStore(db).ImportAsync(Document(new string('c', 64)),
            [Imported(Money("DE", 5m, new DateOnly(2024, 1, 1)), 2), Imported(bad, 3)], Ct));
        Assert.Equal(0L, await PostgresFixture.ScalarAsync<long>(location.ConnectionString!, "SELECT count(*) FROM pledge_versions"));
        Assert.Equal(0L, await PostgresFixture.ScalarAsync<long>(location.ConnectionString!, "SELECT count(*) FROM documents"));
    }

    [Fact]
    public async Task Catalog_valuations_append_and_the_newest_is_in_force()
    {
        await using var db = await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);
        var store = new CatalogStore(db);
        Assert.Equal(15_000_000m, (await store.GetAsync("himars", Ct))!.UnitValueEur);
        await store.AddValuationAsync("himars", 16_000_000m, "test, 2025", Ct);
        var entry = await store.GetAsync("himars", Ct);
        Assert.Equal(16_000_000m, entry!.UnitValueEur);
        Assert.Equal("test, 2025", entry.Basis);
        Assert.Equal(2, (await store.HistoryAsync("himars", Ct)).Count);
        await Assert.ThrowsAsync<LedgerInputException>(() => store.AddValuationAsync("no-such", 1m, "x", Ct));
    }
}
