using Dapper;
using PledgeLedger.Core;
using PledgeLedger.Tests;

namespace PledgeLedger.Storage.Tests;

/// <summary>
/// One writer (<see cref="LedgerWriter"/>) turns a pledge into a pledge_versions row: the same pledge stored by an add
/// (one INSERT), a CSV import and a bulk load (binary COPY) is the same row, derived columns included (adjustment,
/// cleaned item, span end, rounded confidence, NUL characters dropped).
/// </summary>
[Collection("db")]
public sealed class LedgerWriterTests(PostgresFixture pg)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static readonly Pledge[] Samples =
    [
        new()
        {
            DonorCode = "DE", Kind = PledgeKind.Money, Amount = 123_456.78m, Currency = "USD", Qualifier = Qualifier.AtLeast,
            Period = Period.MultiYear, Years = 3, Status = PledgeStatus.Allocated, AidType = AidType.Military,
            AnnouncedOn = new(2024, 5, 1), LastStatedOn = new(2024, 5, 10), Note = "a\0b", Source = "s", Confidence = 0.876m,
        },
        new() { DonorCode = "FR", Kind = PledgeKind.Money, Amount = -5m, Currency = "EUR", AnnouncedOn = new(2024, 5, 1) },
        new() { DonorCode = "PL", Kind = PledgeKind.Equipment, Item = "  demining   vehicles ", Category = "engineering", Quantity = 4 },
        new() { DonorCode = "NL", Kind = PledgeKind.Equipment, SystemId = "patriot", Item = "Patriot", Quantity = 1, StatedValueEur = 0m },
    ];

    [Fact]
    public async Task An_add_an_import_and_a_bulk_load_store_the_same_rows()
    {
        await using var db = await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);
        var added = new List<long>();
        foreach (var p in Samples) added.Add((await new PledgeStore(db).AddAsync(p, Ct)).Id);
        var imported = (await new ImportStore(db).ImportAsync(
            new DocumentRecord(new string('a', 64), "t.csv", null, null, null, "csv", "x"),
            Samples.Select((p, i) => new ImportedPledge(p, new EvidenceRecord(0, 1, i + 2, "row"))).ToList(), Ct)).PledgeIds;
        var bulk = await new BulkStore(db).AddAllAsync(Samples, Ct);

        await using var conn = await db.OpenConnectionAsync(Ct);
        async Task<List<string>> Rows(IEnumerable<long> ids) => (await conn.QueryAsync<string>(
            "SELECT (to_jsonb(p) - 'pledge_id' - 'recorded_at')::text FROM pledge_current p WHERE pledge_id = ANY(@ids) ORDER BY pledge_id",
            new { ids = ids.ToArray() })).ToList();
        var byAdd = await Rows(added);
        Assert.Equal(byAdd, await Rows(imported));
        Assert.Equal(byAdd, await Rows(bulk));

        var first = (await new PledgeStore(db).HistoryAsync(added[0], Ct)).Single();
        Assert.Equal(("ab", 0.88m, new DateOnly(2024, 5, 10)), (first.Note, first.Confidence, first.LastStatedOn));
        Assert.True(await conn.ExecuteScalarAsync<bool>("SELECT adjustment FROM pledge_current WHERE pledge_id = @id", new { id = added[1] }));
        Assert.Equal(["demining vehicles", null], await conn.QueryAsync<string?>(
            "SELECT item FROM pledge_current WHERE pledge_id = ANY(@ids) ORDER BY pledge_id", new { ids = added.Skip(2).ToArray() }));
    }
}
