using Dapper;
using PledgeLedger.Core;
using PledgeLedger.Tests;

namespace PledgeLedger.Storage.Tests;

/// <summary>
/// The trigger-kept roll-up (pledge_totals) must answer exactly what a scan of the pledges answers, after every
/// kind of change: bulk COPY, single adds, amendments that move a pledge between groups, retractions, reviews,
/// rates that arrive after the pledges, and new system valuations.
/// </summary>
[Collection("db")]
public sealed class TotalsRollupTests(PostgresFixture pg)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly string[] Donors = ["DE", "FR", "GB", "US", "JP", "PL"];
    private static readonly string[] Currencies = ["EUR", "USD", "GBP", "JPY"];

    private static IReadOnlyList<Pledge> Generate(Random rng, int n)
    {
        var systems = ReferenceData.Systems.Take(6).Select(s => s.Id).ToArray();
        var list = new List<Pledge>();
        for (var i = 0; i < n; i++)
        {
            var date = rng.Next(10) == 0 ? (DateOnly?)null : new DateOnly(2024, 1, 1).AddDays(rng.Next(200));
            var status = (PledgeStatus)rng.Next(4);
            var donor = Donors[rng.Next(Donors.Length)];
            var recipient = rng.Next(15) == 0 ? "MD" : "UA";
            var review = rng.Next(12) == 0;
            if (rng.Next(3) == 0)
            {
                list.Add(new Pledge
                {
                    DonorCode = donor,
                    RecipientCode = recipient,
                    Kind = PledgeKind.Equipment,
                    SystemId = systems[rng.Next(systems.Length)],
                    Quantity = rng.Next(4) == 0 ? null : rng.Next(1, 50),
                    StatedValueEur = rng.Next(5) == 0 ? rng.Next(1, 1000) * 1_000_000m : null,
                    AnnouncedOn = date,
                    Status = status,
                    NeedsReview = review,
                });
            }
            else
            {
                var period = (Period)rng.Next(3);
                var adjustment = rng.Next(20) == 0;
                // Money committed without a figure (issue 9), with or without a named currency.
                var noFigure = rng.Next(10) == 0;
                var currency = Currencies[rng.Next(Currencies.Length)];
                list.Add(new Pledge
                {
                    DonorCode = donor,
                    RecipientCode = recipient,
                    Kind = PledgeKind.Money,
                    Amount = noFigure ? null : (adjustment ? -1 : 1) * rng.Next(1, 5000) * 100_000.37m,
                    Currency = noFigure && rng.Next(2) == 0 ? null : currency,
                    Period = period,
                    Years = period == Period.MultiYear ? rng.Next(2, 5) : null,
                    AnnouncedOn = date,
                    Status = status,
                    NeedsReview = review,
                });
            }
        }
        return list;
    }

    private static List<PledgeFilter> Questions() =>
    [
        new PledgeFilter(),
        new PledgeFilter { Recipient = null },
        new PledgeFilter { Statuses = [PledgeStatus.Proposed] },
        new PledgeFilter { Statuses = [PledgeStatus.Proposed, PledgeStatus.Pledged, PledgeStatus.Allocated, PledgeStatus.Delivered] },
        new PledgeFilter { From = new DateOnly(2024, 3, 1) },
        new PledgeFilter { To = new DateOnly(2024, 4, 30) },
        new PledgeFilter { From = new DateOnly(2024, 2, 1), To = new DateOnly(2024, 2, 29), Donors = ["DE", "US"] },
        new PledgeFilter { Kind = PledgeKind.Money },
        new PledgeFilter { Kind = PledgeKind.Equipment, Donors = ["GB"] },
    ];

    private static async Task AssertRollupEqualsScanAsync(LedgerDatabase db, string when)
    {
        var rollup = new TotalsStore(db);
        var scan = new TotalsStore(db) { UseRollup = false };
        foreach (var by in new[] { TotalsGrouping.Donor, TotalsGrouping.Month })
        {
            foreach (var q in Questions())
            {
                Assert.True(TotalsStore.CanUseRollup(q with { IncludeUnreviewed = false }, by), $"{when}: {q} should use the roll-up");
                var expected = Describe(await scan.TotalsAsync(q, by, Ct));
                var actual = Describe(await rollup.TotalsAsync(q, by, Ct));
                Assert.True(expected == actual, $"{when}, by {by}, {q}:\nscan:\n{expected}\nroll-up:\n{actual}");
                // As of a time after every change: the versions, rates and valuations recorded by then say the same.
                var asOf = Describe(await scan.TotalsAsync(q with { AsOf = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero) }, by, Ct));
                Assert.True(expected == asOf, $"{when}, by {by}, {q}:\nscan:\n{expected}\nas of:\n{asOf}");
            }
        }
    }

    private static string Describe(IReadOnlyList<TotalsRow> rows) => string.Join('\n', rows.Select(r =>
        $"{r.Key} {r.Label} n={r.Pledges} once={r.EurOnce} multi={r.EurMultiYear} annual={r.EurAnnualPerYear} " +
        $"unconv=[{string.Join(',', r.Unconverted.Select(m => $"{m.Amount} {m.Currency}"))}]/{r.UnconvertedPledges} " +
        $"unconv-annual=[{string.Join(',', r.UnconvertedAnnualPerYear.Select(m => $"{m.Amount} {m.Currency}"))}] " +
        $"items={r.EquipmentItems} unq={r.UnquantifiedEquipment} nofig={r.UnstatedMoney} inkind={r.InKindEur}"));

    [Fact]
    public async Task The_rollup_answers_what_a_scan_answers_after_every_kind_of_change()
    {
        await using var db = await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);
        var rng = new Random(7);
        var store = new PledgeStore(db);
        var rates = new RateStore(db);

        // Some rates first (USD only for part of the period), then pledges by COPY and one by one.
        await rates.AddAsync([.. Enumerable.Range(0, 60).Select(d => new RateRecord(new DateOnly(2024, 1, 1).AddDays(d), "USD", 1.08m + d / 1000m))], "test", Ct);
        var ids = new List<long>(await new BulkStore(db).AddAllAsync(Generate(rng, 600), Ct));
        // What the ledger bench runs after its bulk load: VACUUM must not be sent inside a pipeline (SQLSTATE 25001).
        await new BulkStore(db).AnalyzeAsync(Ct);
        foreach (var p in Generate(rng, 40)) ids.Add((await store.AddAsync(p, Ct)).Id);
        await AssertRollupEqualsScanAsync(db, "after adding");
        var before = await new TotalsStore(db).TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, Ct);
        Assert.Contains(before, r => r.Unconverted.Count > 0);
        Assert.Contains(before, r => r.InKindEur > 0);
        Assert.Contains(before, r => r.UnstatedMoney > 0);

        // Amendments that move pledges between donors, months, statuses and currencies; retractions; reviews.
        for (var i = 0; i < 80; i++)
        {
            var id = ids[rng.Next(ids.Count)];
            var step = rng.Next(5);
            await store.AppendVersionAsync(id, p => step switch
            {
                0 => p with { DonorCode = Donors[rng.Next(Donors.Length)] },
                1 => p with { AnnouncedOn = new DateOnly(2024, 1, 1).AddDays(rng.Next(200)) },
                2 => p with { Status = (PledgeStatus)rng.Next(4) },
                3 => p with { Retracted = true },
                _ => p with { NeedsReview = false },
            }, "test change", Ct);
        }
        await AssertRollupEqualsScanAsync(db, "after amending");

        // Rates that arrive after the pledges convert some of them; a new valuation changes in-kind values.
        await rates.AddAsync([.. Enumerable.Range(0, 200).Select(d => new RateRecord(new DateOnly(2024, 1, 1).AddDays(d), "GBP", 0.85m))], "test", Ct);
        await rates.AddAsync([new RateRecord(new DateOnly(2024, 3, 4), "JPY", 160m)], "test", Ct);
        await AssertRollupEqualsScanAsync(db, "after new rates");
        await new CatalogStore(db).AddValuationAsync(ReferenceData.Systems[0].Id, 12_345_678.9m, "test", Ct);
        await AssertRollupEqualsScanAsync(db, "after a new valuation");

        var after = await new TotalsStore(db).TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, Ct);
        Assert.NotEqual(Describe(before), Describe(after));

        // No empty groups are left behind, and every derived table is exactly what the record says.
        await using var conn = await db.OpenConnectionAsync(Ct);
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM pledge_totals WHERE pledges = 0"));
        Assert.All(await new ProjectionStore(db).CheckAsync(Ct), c => Assert.True(c.Differences == 0, $"{c.Table}: {c.Differences} rows differ"));
    }

    [Fact]
    public async Task Annual_sums_without_a_rate_stay_apart_from_one_off_money_without_a_rate()
    {
        await using var db = await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);
        var store = new PledgeStore(db);
        var day = new DateOnly(2024, 5, 2);
        await store.AddAsync(new Pledge { DonorCode = "AU", Kind = PledgeKind.Money, Amount = 10_000_000m, Currency = "AUD", AnnouncedOn = day }, Ct);
        await store.AddAsync(new Pledge { DonorCode = "AU", Kind = PledgeKind.Money, Amount = 3_000_000m, Currency = "AUD", AnnouncedOn = day, Period = Period.MultiYear, Years = 3 }, Ct);
        await store.AddAsync(new Pledge { DonorCode = "AU", Kind = PledgeKind.Money, Amount = 5_000_000m, Currency = "AUD", AnnouncedOn = day, Period = Period.Annual }, Ct);
        foreach (var totals in new[] { new TotalsStore(db), new TotalsStore(db) { UseRollup = false } })
        {
            var au = Assert.Single(await totals.TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, Ct));
            Assert.Equal([new Money(13_000_000m, "AUD")], au.Unconverted);
            Assert.Equal([new Money(5_000_000m, "AUD")], au.UnconvertedAnnualPerYear);
            Assert.Equal(3, au.UnconvertedPledges);
            Assert.Equal(0m, au.Eur);
        }
    }

    [Fact]
    public void Day_bounds_as_of_and_other_groupings_scan_the_pledges()
    {
        var f = new PledgeFilter { IncludeUnreviewed = false };
        Assert.True(TotalsStore.CanUseRollup(f, TotalsGrouping.Donor));
        Assert.False(TotalsStore.CanUseRollup(f with { From = new DateOnly(2024, 3, 2) }, TotalsGrouping.Donor));
        Assert.False(TotalsStore.CanUseRollup(f with { To = new DateOnly(2024, 3, 30) }, TotalsGrouping.Donor));
        Assert.False(TotalsStore.CanUseRollup(f with { AsOf = DateTimeOffset.UtcNow }, TotalsGrouping.Donor));
        Assert.False(TotalsStore.CanUseRollup(f with { SystemId = "f16" }, TotalsGrouping.Donor));
        Assert.False(TotalsStore.CanUseRollup(f, TotalsGrouping.Category));
        Assert.False(TotalsStore.CanUseRollup(f, TotalsGrouping.System));
    }
}
