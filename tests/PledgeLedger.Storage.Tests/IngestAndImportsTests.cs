using PledgeLedger.Core;
using PledgeLedger.Tests;

namespace PledgeLedger.Storage.Tests;

/// <summary>
/// Ingest never consolidates news with a tracker import's pledges (a tracker's rows are its own accounting). The check
/// probes a reached pledge's evidence for the ledger's CSV documents (migration 0017) instead of joining all of it.
/// </summary>
[Collection("db")]
public sealed class IngestAndImportsTests(PostgresFixture pg)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static Pledge Money(string donor, decimal amount, DateOnly date) => new()
    {
        DonorCode = donor,
        Kind = PledgeKind.Money,
        Amount = amount,
        Currency = "EUR",
        AnnouncedOn = date,
    };

    private static DocumentRecord Csv(char hash, string name) => new(new string(hash, 64), name, "/tmp/" + name, name + " imported", null, "csv", "country,eur\n");

    private static IngestItem News(char hash, Pledge p) =>
        new(new DocumentRecord(new string(hash, 64), hash + ".txt", null, null, p.AnnouncedOn, "text", "news"), [new CandidateRecord(p, [new EvidenceRecord(0, 4, 1, "news")])]);

    [Fact]
    public async Task A_news_statement_of_an_imported_pledge_is_a_pledge_of_its_own_and_later_news_joins_the_news_pledge()
    {
        await using var db = await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);
        var day = new DateOnly(2024, 3, 1);
        var imports = new ImportStore(db);
        var imported = await imports.ImportAsync(Csv('a', "kiel.csv"), [new ImportedPledge(Money("CZ", 100m, day) with { Source = "kiel.csv:2" }, new EvidenceRecord(0, 10, 2, "row"))], Ct);
        // A second tracker file, so the check looks among more than one CSV document.
        await imports.ImportAsync(Csv('c', "other.csv"), [new ImportedPledge(Money("SK", 5m, day) with { Source = "other.csv:2" }, new EvidenceRecord(0, 10, 2, "row"))], Ct);
        var ingest = new IngestStore(db);

        var first = await ingest.IngestBatchAsync([News('b', Money("CZ", 100m, day.AddDays(3)))], Ct);
        Assert.Equal((1, 0, 0), (first.PledgesNew, first.PledgesMerged, first.PledgesJoined));

        // The next statement reaches the imported pledge and the news pledge: it joins the news pledge only (were the
        // import not excluded, the news pledge would be merged into it, the older one).
        var second = await ingest.IngestBatchAsync([News('d', Money("CZ", 100m, day.AddDays(5)))], Ct);
        Assert.Equal((0, 1, 0), (second.PledgesNew, second.PledgesMerged, second.PledgesJoined));

        var importedId = Assert.Single(imported.PledgeIds);
        var evidence = await PostgresFixture.ScalarAsync<long>(db.ConnectionString, $"SELECT count(*) FROM evidence WHERE pledge_id = {importedId}");
        Assert.Equal(1, evidence);
        var newsEvidence = await PostgresFixture.ScalarAsync<long>(db.ConnectionString,
            $"SELECT count(*) FROM evidence WHERE pledge_id <> {importedId} AND document_id IN (SELECT id FROM documents WHERE format = 'text') GROUP BY pledge_id");
        Assert.Equal(2, newsEvidence);
        Assert.False(await PostgresFixture.ScalarAsync<bool>(db.ConnectionString, $"SELECT retracted FROM pledge_current WHERE pledge_id = {importedId}"));
    }
}
