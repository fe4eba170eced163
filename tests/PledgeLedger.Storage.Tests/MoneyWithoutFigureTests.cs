using Dapper;
using Npgsql;
using PledgeLedger.Core;
using PledgeLedger.Tests;

namespace PledgeLedger.Storage.Tests;

/// <summary>
/// Money committed without a figure (issue 9, migration 0019): stored with no amount (and its currency only when the
/// source names one), valued as nothing (no EUR, no unconverted amount, no rate), and counted apart in the totals.
/// </summary>
[Collection("db")]
public sealed class MoneyWithoutFigureTests(PostgresFixture pg)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateOnly Day = new(2024, 6, 3);

    private async Task<LedgerDatabase> OpenAsync() => await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);

    private static Pledge NoFigure(string donor, string? currency) =>
        new() { DonorCode = donor, Kind = PledgeKind.Money, Currency = currency, AnnouncedOn = Day, Note = "funding for demining" };

    [Fact]
    public async Task Money_without_a_figure_is_stored_and_valued_as_nothing_never_as_zero()
    {
        await using var db = await OpenAsync();
        await new RateStore(db).AddAsync([new(Day, "CZK", 25m)], "t", Ct);
        var store = new PledgeStore(db);
        var none = await store.AddAsync(NoFigure("DK", null), Ct);
        var czk = await store.AddAsync(NoFigure("CZ", "CZK"), Ct);
        var eur = await store.AddAsync(NoFigure("FI", "EUR"), Ct);
        foreach (var id in new[] { none.Id, czk.Id, eur.Id })
        {
            var v = (await store.GetAsync(id, null, Ct))!;
            Assert.Null(v.Pledge.Amount);
            Assert.Null(v.Eur);
            Assert.Null(v.RateDate);
        }
        Assert.Equal("CZK", (await store.GetAsync(czk.Id, null, Ct))!.Pledge.Currency);

        await using var conn = await db.OpenConnectionAsync(Ct);
        // No EUR value and no unconverted amount: the sums skip it, and no warning calls it money without a rate.
        Assert.Equal(3, await conn.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM valued_pledges WHERE kind = 'money' AND amount IS NULL AND eur IS NULL AND unconverted IS NULL AND rate_date IS NULL"));

        foreach (var totals in new[] { new TotalsStore(db), new TotalsStore(db) { UseRollup = false } })
        {
            var rows = await totals.TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, Ct);
            Assert.All(rows, r => Assert.True(r.Pledges == 1 && r.UnstatedMoney == 1 && r.Eur == 0m && r.Unconverted.Count == 0 && r.UnconvertedPledges == 0
                && r.UnquantifiedEquipment == 0, r.Key));
        }
        Assert.All(await new ProjectionStore(db).CheckAsync(Ct), c => Assert.True(c.Differences == 0, $"{c.Table}: {c.Differences} rows differ"));
    }

    [Theory]
    [InlineData("amount 5, no currency", "5", null, null, false)]
    [InlineData("no amount, a quantity", null, null, "3", false)]
    [InlineData("no amount, no currency", null, null, null, true)]
    [InlineData("no amount, a currency", null, "SEK", null, true)]
    public async Task The_database_holds_money_without_a_figure_and_nothing_looser(string what, string? amount, string? currency, string? quantity, bool held)
    {
        await using var db = await OpenAsync();
        await using var conn = await db.OpenConnectionAsync(Ct);
        var id = await conn.ExecuteScalarAsync<long>("INSERT INTO pledges DEFAULT VALUES RETURNING id");
        var insert = conn.ExecuteAsync(
            "INSERT INTO pledge_versions (pledge_id, version, donor_code, kind, amount, currency, quantity) VALUES (@id, 1, 'SE', 'money', @amount::numeric, @currency, @quantity::bigint)",
            new { id, amount, currency, quantity });
        if (held)
        {
            await insert;
            return;
        }
        var e = await Assert.ThrowsAsync<PostgresException>(() => insert);
        Assert.True(e.SqlState == PostgresErrorCodes.CheckViolation && e.ConstraintName == "money_or_equipment", $"{what}: {e.SqlState} {e.ConstraintName}");
    }

    [Fact]
    public async Task A_statement_with_a_figure_is_another_pledge_than_one_without()
    {
        await using var db = await OpenAsync();
        var store = new PledgeStore(db);
        var first = await store.AddUnlessSameAsync(NoFigure("DK", "EUR"), Ct);
        Assert.NotNull(first.Added);
        // The same statement again is the same pledge; a figure for it is not (as "F-16 x ?" and "F-16 x 6").
        Assert.Null((await store.AddUnlessSameAsync(NoFigure("DK", "EUR") with { AnnouncedOn = Day.AddDays(3) }, Ct)).Added);
        Assert.NotNull((await store.AddUnlessSameAsync(NoFigure("DK", "EUR") with { Amount = 20_000_000m }, Ct)).Added);
    }
}
