using Dapper;
using Npgsql;
using PledgeLedger.Tests;

namespace PledgeLedger.Storage.Tests;

/// <summary>Issue 10, items 4 and 5: every record table is append-only, db check checks the record, values are bounded.</summary>
[Collection("db")]
public sealed class RecordIntegrityTests(PostgresFixture pg)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>A ledger with one row in every record table (row triggers only fire on rows).</summary>
    private async Task<LedgerDatabase> LedgerWithOneOfEachAsync()
    {
        var db = await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO documents (content_hash, source, format, body) VALUES (repeat('a', 64), 'a.txt', 'text', 'Germany pledges EUR 1 bn');
            INSERT INTO pledges DEFAULT VALUES;
            INSERT INTO pledge_versions (pledge_id, version, donor_code, kind, amount, currency, source)
                SELECT id, 1, 'DE', 'money', 1e9, 'EUR', 'a.txt' FROM pledges;
            INSERT INTO evidence (pledge_id, document_id, start_offset, end_offset, sentence)
                SELECT p.id, d.id, 0, 24, 'Germany pledges EUR 1 bn' FROM pledges p, documents d;
            INSERT INTO fx_rates (rate_date, currency, units_per_eur) VALUES ('2024-01-02', 'USD', 1.1);
            INSERT INTO system_valuations (system_id, unit_value_eur, basis) VALUES ('patriot', 1e8, 'test');
            """);
        return db;
    }

    [Theory]
    [InlineData("documents", "title = 'x'")]
    [InlineData("evidence", "sentence = 'x'")]
    [InlineData("fx_rates", "units_per_eur = 2")]
    [InlineData("system_valuations", "basis = 'x'")]
    [InlineData("pledges", "created_at = now()")]
    [InlineData("pledge_versions", "note = 'x'")]
    public async Task Every_record_table_refuses_update_delete_and_truncate(string table, string set)
    {
        await using var db = await LedgerWithOneOfEachAsync();
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var before = await conn.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
        foreach (var sql in new[] { $"UPDATE {table} SET {set}", $"DELETE FROM {table}", $"TRUNCATE {table} CASCADE" })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync(sql));
            Assert.Contains("append-only", e.MessageText);
        }
        Assert.Equal(before, await conn.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}"));
    }

    [Fact]
    public async Task Record_check_is_clean_on_an_untouched_ledger_and_finds_evidence_removed_behind_the_guards()
    {
        await using var db = await LedgerWithOneOfEachAsync();
        Assert.All(await new RecordCheckStore(db).CheckAsync(Ct), c => Assert.Equal(0, c.Violations));

        await using (var conn = await db.DataSource.OpenConnectionAsync())
        {
            // Only a superuser with triggers off (replica mode) gets past append-only.
            await conn.ExecuteAsync("SET session_replication_role = replica; DELETE FROM evidence; RESET session_replication_role;");
        }
        var checks = await new RecordCheckStore(db).CheckAsync(Ct);

        var lost = Assert.Single(checks, c => c.Violations > 0);
        Assert.Equal("pledges", lost.Table);
        Assert.Contains("have evidence", lost.Rule);
    }

    [Theory]
    [InlineData("INSERT INTO fx_rates (rate_date, currency, units_per_eur) VALUES ('1989-12-31', 'USD', 1.1)")]
    [InlineData("INSERT INTO fx_rates (rate_date, currency, units_per_eur) VALUES ('2101-01-01', 'USD', 1.1)")]
    [InlineData("INSERT INTO fx_rates (rate_date, currency, units_per_eur) VALUES ('2024-01-02', 'USD', 1e8)")]
    [InlineData("INSERT INTO pledge_versions (pledge_id, version, donor_code, kind, system_id, quantity) SELECT id, 2, 'DE', 'equipment', 'patriot', 10000001 FROM pledges")]
    [InlineData("INSERT INTO pledge_versions (pledge_id, version, donor_code, kind, amount, currency) SELECT id, 2, 'DE', 'money', 1e16, 'JPY' FROM pledges")]
    public async Task The_database_holds_the_bounds_without_the_CSharp_checks(string sql)
    {
        await using var db = await LedgerWithOneOfEachAsync();
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var e = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync(sql));
        Assert.Equal("23514", e.SqlState);
    }

    [Fact]
    public async Task The_roll_up_sums_items_in_numeric_past_the_bigint_range()
    {
        await using var db = await LedgerWithOneOfEachAsync();
        await using var conn = await db.DataSource.OpenConnectionAsync();
        // An old ledger (0012's bound is NOT VALID for rows written before it) may hold huge quantities.
        await conn.ExecuteAsync("""
            ALTER TABLE pledge_versions DROP CONSTRAINT pledge_versions_quantity_bound;
            INSERT INTO pledges DEFAULT VALUES; INSERT INTO pledges DEFAULT VALUES;
            INSERT INTO pledge_versions (pledge_id, version, donor_code, kind, system_id, quantity)
                SELECT id, 1, 'DE', 'equipment', 'patriot', 9223372036854775807 FROM pledges WHERE id > 1;
            """);
        var totals = await new TotalsStore(db).TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, Ct);
        Assert.Equal(2m * long.MaxValue, Assert.Single(totals).EquipmentItems);
    }
}
