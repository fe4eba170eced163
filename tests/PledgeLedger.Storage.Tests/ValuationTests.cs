using System.Security.Cryptography;
using System.Text;
using Dapper;
using PledgeLedger.Core;
using PledgeLedger.Tests;

namespace PledgeLedger.Storage.Tests;

/// <summary>
/// Valuation has one definition (migration 0014: the rate window fx_rate_in_force_until, the unit value in force
/// system_values_as_of, the arithmetic pledge_value, read through valued_pledges): the same pledges written by each
/// path that writes pledges (an add, a CSV import, an ingest) are valued alike by every reader (a listing, the
/// totals roll-up, a scan, the ledger as of a time, <c>rates show</c>).
/// </summary>
[Collection("db")]
public sealed class ValuationTests(PostgresFixture pg)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateOnly RateDay = new(2024, 5, 31);
    private static readonly DateOnly NextRateDay = new(2024, 6, 14);

    private async Task<LedgerDatabase> OpenAsync() => await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);

    private static Pledge Usd(string donor, DateOnly? date, decimal amount = 1_000_000m) => new()
    {
        DonorCode = donor,
        Kind = PledgeKind.Money,
        Amount = amount,
        Currency = "USD",
        AnnouncedOn = date,
        Source = donor,
    };

    /// <summary>Dated on the rate's day, 7 days after it (still in force), 8 days after (none), on the next rate's day, and undated.</summary>
    private static readonly (int Days, bool Converted)[] Offsets = [(0, true), (7, true), (8, false), (14, true)];

    /// <summary>EUR values compared to 8 decimals: the database divides to its own precision, C# to 28 digits.</summary>
    private static decimal? Round(decimal? eur) => eur is { } e ? Math.Round(e, 8) : null;

    /// <summary>Amounts differ, so that ingest does not consolidate the statements into one pledge.</summary>
    private static IEnumerable<Pledge> Pledges(string donor) =>
        Offsets.Select((o, i) => Usd(donor, RateDay.AddDays(o.Days), 1_000_000m * (i + 1))).Append(Usd(donor, null, 9_000_000m));

    private static decimal? Expected(Pledge p) => p.AnnouncedOn switch
    {
        null => null,
        { } d when d >= NextRateDay => p.Amount / 1.25m,
        { } d when d.DayNumber - RateDay.DayNumber <= RateStore.MaxRateAgeDays => p.Amount / 1.0852m,
        _ => null,
    };

    private static async Task WriteByEveryPathAsync(LedgerDatabase db)
    {
        var store = new PledgeStore(db);
        foreach (var p in Pledges("DE")) await store.AddAsync(p, Ct);
        var csv = Pledges("FR").ToList();
        await new ImportStore(db).ImportAsync(
            new DocumentRecord(new string('c', 64), "t.csv", null, null, null, "csv", "x"),
            csv.Select((p, i) => new ImportedPledge(p, new EvidenceRecord(0, 1, i + 2, "row"))).ToList(), Ct);
        var items = Pledges("PL").Select((p, i) =>
        {
            var text = $"document {i}";
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            return new IngestItem(new DocumentRecord(hash, text, null, null, p.AnnouncedOn, "text", text),
                [new CandidateRecord(p, [new EvidenceRecord(0, text.Length, 1, text)])]);
        }).ToList();
        await new IngestStore(db).IngestBatchAsync(items, Ct);
    }

    [Fact]
    public async Task Every_path_that_writes_a_pledge_is_converted_by_the_one_rate_window()
    {
        await using var db = await OpenAsync();
        await new RateStore(db).AddAsync([new(RateDay, "USD", 1.0852m), new(NextRateDay, "USD", 1.25m)], "t", Ct);
        await WriteByEveryPathAsync(db);

        // The C# constant the messages quote is the database's window.
        await using (var conn = await db.OpenConnectionAsync(Ct))
        {
            Assert.Equal(RateStore.MaxRateAgeDays, await conn.ExecuteScalarAsync<int>("SELECT fx_rate_in_force_until(DATE '2024-05-31') - DATE '2024-05-31'"));
            // A day's rate looked up (a few pledges as of a time) is the day's rate spread (many pledges, fx_daily).
            Assert.Equal(0, await conn.ExecuteScalarAsync<int>("""
                SELECT count(*)::int FROM generate_series(DATE '2024-05-20', DATE '2024-07-10', interval '1 day') g(d)
                LEFT JOIN fx_rates_in_force('infinity', 'USD') s ON s.day = g.d
                LEFT JOIN LATERAL fx_rate_on('USD', g.d::date) o ON true
                WHERE s.rate_date IS DISTINCT FROM o.rate_date OR s.units_per_eur IS DISTINCT FROM o.units_per_eur
                """));
        }

        var views = await new PledgeStore(db).ListAsync(new PledgeFilter(), Ct);
        Assert.Equal(15, views.Count);
        var later = new PledgeFilter { AsOf = DateTimeOffset.UtcNow.AddMinutes(1) };
        Assert.Equal(views.Select(v => (v.Eur, v.RateDate)), (await new PledgeStore(db).ListAsync(later, Ct)).Select(v => (v.Eur, v.RateDate)));
        Assert.Equal(views.Select(v => (v.Eur, v.RateDate)).OrderBy(x => x.Eur),
            (await new PledgeStore(db).ReportViewsAsync(later with { Statuses = null }, Ct)).Select(v => (v.Eur, v.RateDate)).OrderBy(x => x.Eur));
        foreach (var v in views)
        {
            var p = v.Pledge;
            Assert.True(Round(Expected(p)) == Round(v.Eur), $"{p.DonorCode} {p.AnnouncedOn}: EUR {v.Eur}, expected {Expected(p)}");
            var rate = p.AnnouncedOn is { } d ? await new RateStore(db).RateOnAsync("USD", d, Ct) : null;
            Assert.Equal(rate?.Date, v.RateDate);
            Assert.Equal(rate?.UnitsPerEur, v.UnitsPerEur);
        }

        // Totals: the roll-up, a scan and the ledger as of now count each path's pledges alike.
        var converted = Pledges("X").Sum(p => Expected(p) ?? 0m);
        var now = DateTimeOffset.UtcNow.AddMinutes(1);
        foreach (var (label, rows) in new[]
        {
            ("roll-up", await new TotalsStore(db).TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, Ct)),
            ("scan", await new TotalsStore(db) { UseRollup = false }.TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, Ct)),
            ("as of", await new TotalsStore(db).TotalsAsync(new PledgeFilter { AsOf = now }, TotalsGrouping.Donor, Ct)),
        })
        {
            Assert.Equal(["DE", "FR", "PL"], rows.Select(r => r.Key).Order());
            foreach (var r in rows)
            {
                Assert.True(Round(converted) == Round(r.EurOnce), $"{label} {r.Key}: {r.EurOnce}, expected {converted}");
                Assert.Equal((2, new Money(12_000_000m, "USD")), (r.UnconvertedPledges, Assert.Single(r.Unconverted)));
            }
        }
    }

    [Fact]
    public async Task As_of_a_time_rates_and_unit_values_recorded_later_are_not_used()
    {
        await using var db = await OpenAsync();
        var store = new PledgeStore(db);
        var money = await store.AddAsync(Usd("DE", RateDay), Ct);
        var tanks = await store.AddAsync(new Pledge { DonorCode = "DE", Kind = PledgeKind.Equipment, SystemId = "leopard-2a6", Quantity = 3, AnnouncedOn = RateDay }, Ct);
        var stated = await store.AddAsync(new Pledge { DonorCode = "DE", Kind = PledgeKind.Equipment, SystemId = "leopard-2a6", Quantity = 2, StatedValueEur = 5m, AnnouncedOn = RateDay }, Ct);
        var before = (await store.GetAsync(tanks.Id, null, Ct))!;
        await Task.Delay(10);
        var then = DateTimeOffset.UtcNow;
        await Task.Delay(10);
        await new RateStore(db).AddAsync([new(RateDay, "USD", 1.0852m)], "t", Ct);
        await new CatalogStore(db).AddValuationAsync("leopard-2a6", 7m, "test", Ct);

        Assert.Null((await store.GetAsync(money.Id, then, Ct))!.Eur);
        Assert.Equal(Round(1_000_000m / 1.0852m), Round((await store.GetAsync(money.Id, null, Ct))!.Eur));
        var exact = await store.AddAsync(Usd("FR", RateDay, 1_085_200m), Ct);
        Assert.Equal("1000000", (await store.GetAsync(exact.Id, null, Ct))!.Eur!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3 * 9_300_000m, before.InKindEur);
        Assert.Equal(before.InKindEur, (await store.GetAsync(tanks.Id, then, Ct))!.InKindEur);
        Assert.Equal(21m, (await store.GetAsync(tanks.Id, null, Ct))!.InKindEur);
        Assert.Equal(7m, (await new CatalogStore(db).GetAsync("leopard-2a6", Ct))!.UnitValueEur);
        // A stated value is the pledge's own; money has no in-kind value.
        Assert.Equal(5m, (await store.GetAsync(stated.Id, null, Ct))!.InKindEur);
        Assert.Null((await store.GetAsync(money.Id, null, Ct))!.InKindEur);
    }
}
