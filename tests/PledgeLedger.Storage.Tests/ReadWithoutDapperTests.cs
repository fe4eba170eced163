using System.Text.Json;
using PledgeLedger.Core;
using PledgeLedger.Tests;

namespace PledgeLedger.Storage.Tests;

/// <summary>
/// `pledge list` streams its rows through a reader of its own instead of Dapper (start-up time, issue 13): every
/// column must come out as Dapper maps it for the buffered listing.
/// </summary>
[Collection("db")]
public sealed class ReadWithoutDapperTests(PostgresFixture pg)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task The_streamed_listing_reads_every_field_as_the_buffered_one_does()
    {
        await using var db = await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);
        await new RateStore(db).AddAsync([new RateRecord(new(2024, 5, 31), "USD", 1.0812m)], "test", Ct);
        var store = new PledgeStore(db);
        // Every kind of value: a converted foreign amount, an undated one, equipment from the catalog with a
        // quantity, a free-text item, a multi-year pledge with years, a flagged extraction with its reason, a note
        // and a source, and a pledge with a second version (reason, new amount).
        await store.AddAsync(new Pledge { DonorCode = "US", Kind = PledgeKind.Money, Amount = 1_500_000_000.50m, Currency = "USD", AnnouncedOn = new(2024, 6, 2), Status = PledgeStatus.Allocated, AidType = AidType.Military, Qualifier = Qualifier.UpTo, Note = "a note", Source = "https://example.org/a" }, Ct);
        await store.AddAsync(new Pledge { DonorCode = "DE", Kind = PledgeKind.Money, Amount = 250m, Currency = "EUR", Period = Period.MultiYear, Years = 4 }, Ct);
        await store.AddAsync(new Pledge { DonorCode = "NL", Kind = PledgeKind.Equipment, SystemId = "f-16", Quantity = 24, AnnouncedOn = new(2024, 1, 10), StatedValueEur = 2_000_000m }, Ct);
        await store.AddAsync(new Pledge { DonorCode = "PL", Kind = PledgeKind.Equipment, Item = "demining vehicles", Category = "engineering", AnnouncedOn = new(2024, 3, 1), Confidence = 0.55m, NeedsReview = true, ReviewReason = "low confidence" }, Ct);
        var amended = await store.AddAsync(new Pledge { DonorCode = "FR", Kind = PledgeKind.Money, Amount = 100m, Currency = "EUR", AnnouncedOn = new(2024, 2, 1) }, Ct);
        await store.AppendVersionAsync(amended.Id, p => p with { Amount = 120m, LastStatedOn = new(2024, 2, 20) }, "correction", Ct);

        var filter = new PledgeFilter { IncludeUnreviewed = true, Recipient = null };
        var buffered = await store.ListAsync(filter, Ct);
        var streamed = new List<PledgeView>();
        await foreach (var v in store.StreamAsync(filter, Ct)) streamed.Add(v);

        Assert.Equal(5, buffered.Count);
        Assert.Equal(Json(buffered), Json(streamed));
        // The mapping is not vacuous: the values read are the ones written.
        var us = Assert.Single(streamed, v => v.Pledge.DonorCode == "US");
        Assert.Equal((1_500_000_000.50m, "USD", Qualifier.UpTo, PledgeStatus.Allocated), (us.Pledge.Amount!.Value, us.Pledge.Currency, us.Pledge.Qualifier, us.Pledge.Status));
        Assert.Equal(new DateOnly(2024, 5, 31), us.RateDate);
        // The database divides (migration 0014) to numeric's scale, not decimal's 28 digits: equal to the micro-euro.
        Assert.Equal(Math.Round(1_500_000_000.50m / 1.0812m, 6), Math.Round(us.Eur!.Value, 6));
        Assert.Equal((2, "correction", 120m), Assert.Single(streamed, v => v.Pledge.DonorCode == "FR") is var fr ? (fr.Pledge.Version, fr.Pledge.Reason, fr.Pledge.Amount!.Value) : default);
        Assert.Equal(("F-16", 24L), Assert.Single(streamed, v => v.Pledge.DonorCode == "NL") is var nl ? (nl.SystemName, nl.Pledge.Quantity!.Value) : default);
    }

    [Fact]
    public async Task As_of_the_streamed_listing_reads_the_version_that_stood()
    {
        await using var db = await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);
        var store = new PledgeStore(db);
        var p = await store.AddAsync(new Pledge { DonorCode = "FR", Kind = PledgeKind.Money, Amount = 100m, Currency = "EUR", AnnouncedOn = new(2024, 6, 1) }, Ct);
        var before = (await store.HistoryAsync(p.Id, Ct))[0].RecordedAt;
        await store.AppendVersionAsync(p.Id, c => c with { Amount = 200m }, "correction", Ct);
        var then = new List<PledgeView>();
        await foreach (var v in store.StreamAsync(new PledgeFilter { AsOf = before }, Ct)) then.Add(v);
        Assert.Equal(100m, Assert.Single(then).Pledge.Amount);
        Assert.Equal(Json(await store.ListAsync(new PledgeFilter { AsOf = before }, Ct)), Json(then));
    }

    private static string Json(IEnumerable<PledgeView> views) => JsonSerializer.Serialize(views.ToList());
}
