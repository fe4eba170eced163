using Dapper;
using Npgsql;
using PledgeLedger.Core;
using PledgeLedger.Tests;

namespace PledgeLedger.Storage.Tests;

[Collection("db")]
public sealed class LedgerTests(PostgresFixture pg)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static Pledge Money(string donor, decimal amount, string currency, DateOnly? date, PledgeStatus status = PledgeStatus.Pledged) => new()
    {
        DonorCode = donor,
        Kind = PledgeKind.Money,
        Amount = amount,
        Currency = currency,
        AnnouncedOn = date,
        Status = status,
    };

    private static Pledge Equipment(string donor, string system, long? quantity, DateOnly? date) => new()
    {
        DonorCode = donor,
        Kind = PledgeKind.Equipment,
        SystemId = system,
        Quantity = quantity,
        AnnouncedOn = date,
    };

    private async Task<LedgerDatabase> OpenAsync() => await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);

    [Fact]
    public async Task Migrations_are_all_applied_and_none_pending()
    {
        await using var db = await OpenAsync();
        var status = await Migrator.GetStatusAsync(db.DataSource, Ct);
        Assert.Empty(status.Pending);
        Assert.Equal(Migrator.Known.Count, status.Applied.Count);
        Assert.False(status.DatabaseIsNewer);
    }

    [Fact]
    public async Task An_empty_database_is_migrated_on_first_use()
    {
        var location = await pg.NewEmptyDatabaseAsync();
        await using var db = await LedgerDatabase.OpenAsync(location, migrate: true, Ct);
        Assert.Empty((await Migrator.GetStatusAsync(db.DataSource, Ct)).Pending);
    }

    [Fact]
    public async Task Seeded_catalog_matches_the_core_reference_data()
    {
        await using var db = await OpenAsync();
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var donors = (await conn.QueryAsync<(string Code, string Name, string Kind)>("SELECT code, name, kind FROM donors")).ToHashSet();
        foreach (var d in ReferenceData.Donors) Assert.Contains((d.Code, d.Name, d.Kind.Name()), donors);
        var systems = (await conn.QueryAsync<(string Id, string Name, string Category)>("SELECT id, name, category FROM equipment_systems")).ToHashSet();
        foreach (var s in ReferenceData.Systems) Assert.Contains((s.Id, s.Name, s.Category), systems);
        Assert.True(donors.Count(d => d.Kind == "state") >= 193);
        Assert.True(systems.Count >= 150);
    }

    [Fact]
    public async Task The_migrated_catalog_equals_the_core_csv_systems_aliases_values_and_categories()
    {
        // 0002 seeds the first catalog and 0008 grows it (new systems, aliases of seeded systems as catalog additions,
        // new valuations): together they must be exactly Core's systems.csv, so parsers and the ledger agree.
        await using var db = await OpenAsync();
        var inDb = (await new CatalogStore(db).SystemsAsync(Ct)).ToDictionary(s => s.Id);
        Assert.Equal(ReferenceData.Systems.Select(s => s.Id).Order(), inDb.Keys.Order());
        foreach (var s in ReferenceData.Systems)
        {
            var d = inDb[s.Id];
            Assert.Equal((s.Name, s.Category), (d.Name, d.Category));
            Assert.Equal(s.Aliases.Order(StringComparer.Ordinal), d.Aliases.Order(StringComparer.Ordinal));
            Assert.True(s.UnitValueEur == d.UnitValueEur, $"{s.Id}: unit value {s.UnitValueEur} in the CSV, {d.UnitValueEur} in the database");
            Assert.Equal(s.ValueBasis, d.ValueBasis);
        }
        Assert.Equal(ReferenceData.Categories, await new CatalogStore(db).CategoriesAsync(Ct));
    }

    [Fact]
    public async Task A_database_newer_than_the_binary_is_refused()
    {
        var location = await pg.NewDatabaseAsync();
        await PostgresFixture.ExecAsync(location.ConnectionString!,
            "INSERT INTO schemaversions (scriptname, applied) VALUES ('PledgeLedger.Migrations.9999_from_the_future.sql', now())");
        var e = await Assert.ThrowsAsync<LedgerEnvironmentException>(() => LedgerDatabase.OpenAsync(location, migrate: true, Ct));
        Assert.Contains("newer than the binary", e.Message);
    }

    [SkippableFact]
    public async Task A_wrong_password_is_an_environment_error_of_one_line()
    {
        Skip.If(pg.PasswordUserConnectionString is null, "needs the embedded test cluster");
        var e = await Assert.ThrowsAsync<LedgerEnvironmentException>(() =>
            LedgerDatabase.OpenAsync(new LedgerLocation(pg.PasswordUserConnectionString, "/tmp"), migrate: true, Ct));
        Assert.Contains("refused the login", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("wrong-password", e.Message);
    }

    [Fact]
    public async Task A_database_that_is_down_is_an_environment_error()
    {
        var e = await Assert.ThrowsAsync<LedgerEnvironmentException>(() =>
            LedgerDatabase.OpenAsync(new LedgerLocation("Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=3", "/tmp"), migrate: true, Ct));
        Assert.Contains("cannot reach the database", e.Message);
    }

    [Fact]
    public void Missing_postgres_binaries_name_the_package_to_install()
    {
        var e = Assert.Throws<LedgerEnvironmentException>(() => PostgresBinaries.Find(["/nonexistent/bin"], includeSystemPaths: false));
        Assert.Contains("apt-get install postgresql", e.Message);
    }

    [Fact]
    public async Task Versions_are_appended_and_history_keeps_every_one()
    {
        await using var db = await OpenAsync();
        var store = new PledgeStore(db);
        var p = await store.AddAsync(Money("DE", 500_000_000m, "EUR", new(2024, 5, 31)), Ct);
        await store.AppendVersionAsync(p.Id, c => c with { Amount = 600_000_000m }, "typo in amount", Ct);
        await store.AppendVersionAsync(p.Id, c => c with { Retracted = true }, "withdrawn", Ct);
        var history = await store.HistoryAsync(p.Id, Ct);
        Assert.Equal([1, 2, 3], history.Select(h => h.Version));
        Assert.Equal(500_000_000m, history[0].Amount);
        Assert.Equal(600_000_000m, history[1].Amount);
        Assert.True(history[2].Retracted);
        Assert.Equal("withdrawn", history[2].Reason);
        Assert.Empty(await store.ListAsync(new PledgeFilter(), Ct));
    }

    [Fact]
    public async Task The_ledger_refuses_update_delete_and_truncate()
    {
        await using var db = await OpenAsync();
        await new PledgeStore(db).AddAsync(Money("DE", 1m, "EUR", null), Ct);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        foreach (var sql in new[] { "UPDATE pledge_versions SET amount = 2", "DELETE FROM pledge_versions", "TRUNCATE pledge_versions CASCADE", "DELETE FROM pledges" })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync(sql));
            Assert.Contains("append-only", e.MessageText);
        }
    }

    [Theory]
    [InlineData("amount = 0")]
    [InlineData("amount = -5")]
    [InlineData("currency = 'euro'")]
    [InlineData("kind = 'gift'")]
    [InlineData("status = 'maybe'")]
    [InlineData("donor_code = 'XX'")]
    public async Task Database_constraints_hold_without_the_CSharp_checks(string change)
    {
        await using var db = await OpenAsync();
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var id = await conn.ExecuteScalarAsync<long>("INSERT INTO pledges DEFAULT VALUES RETURNING id");
        var values = new Dictionary<string, string>
        {
            ["donor_code"] = "'DE'",
            ["kind"] = "'money'",
            ["amount"] = "5",
            ["currency"] = "'EUR'",
            ["status"] = "'pledged'",
        };
        var (col, val) = (change.Split(" = ")[0], change.Split(" = ")[1]);
        values[col] = val;
        var sql = $"INSERT INTO pledge_versions (pledge_id, version, {string.Join(", ", values.Keys)}) VALUES ({id}, 1, {string.Join(", ", values.Values)})";
        await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync(sql));
    }

    [Fact]
    public async Task Equipment_quantity_must_be_positive_in_the_database()
    {
        await using var db = await OpenAsync();
        await Assert.ThrowsAsync<LedgerInputException>(() => new PledgeStore(db).AddAsync(Equipment("DE", "f-16", 0, null), Ct));
    }

    [Fact]
    public async Task As_of_reproduces_the_ledger_as_it_stood()
    {
        await using var db = await OpenAsync();
        var store = new PledgeStore(db);
        var p = await store.AddAsync(Money("FR", 100m, "EUR", new(2024, 6, 1)), Ct);
        var before = (await store.HistoryAsync(p.Id, Ct))[0].RecordedAt;
        await Task.Delay(20);
        await store.AppendVersionAsync(p.Id, c => c with { Amount = 200m }, "correction", Ct);
        var then = await store.ListAsync(new PledgeFilter { AsOf = before }, Ct);
        var now = await store.ListAsync(new PledgeFilter(), Ct);
        Assert.Equal(100m, Assert.Single(then).Pledge.Amount);
        Assert.Equal(200m, Assert.Single(now).Pledge.Amount);
        var totalsThen = await new TotalsStore(db).TotalsAsync(new PledgeFilter { AsOf = before }, TotalsGrouping.Donor, Ct);
        Assert.Equal(100m, Assert.Single(totalsThen).Eur);
    }

    [Fact]
    public async Task Totals_convert_with_the_last_earlier_rate_and_never_count_a_missing_rate_as_zero()
    {
        await using var db = await OpenAsync();
        var rates = new RateStore(db);
        await rates.AddAsync([new RateRecord(new(2024, 5, 31), "AUD", 1.6315m), new RateRecord(new(2024, 6, 3), "AUD", 1.629m)], "test", Ct);
        var store = new PledgeStore(db);
        await store.AddAsync(Money("AU", 20_000_000m, "AUD", new(2024, 6, 1)), Ct); // Saturday: Friday's rate
        await store.AddAsync(Money("NZ", 5_000_000m, "NZD", new(2024, 6, 1)), Ct); // no NZD rate
        await store.AddAsync(Money("AU", 1_000m, "AUD", null), Ct); // undated: no conversion
        await store.AddAsync(Money("DE", 7m, "EUR", new(2024, 6, 1), PledgeStatus.Proposed), Ct); // proposals never count
        var totals = await new TotalsStore(db).TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, Ct);
        var au = totals.Single(t => t.Key == "AU");
        Assert.Equal(Math.Round(20_000_000m / 1.6315m, 2), Math.Round(au.Eur, 2));
        Assert.Equal(new Money(1_000m, "AUD"), Assert.Single(au.Unconverted));
        var nz = totals.Single(t => t.Key == "NZ");
        Assert.Equal(0m, nz.Eur);
        Assert.Equal(new Money(5_000_000m, "NZD"), Assert.Single(nz.Unconverted));
        Assert.DoesNotContain(totals, t => t.Key == "DE");
        var list = await store.ListAsync(new PledgeFilter { Donors = ["AU"] }, Ct);
        Assert.Equal(new DateOnly(2024, 5, 31), list.Single(v => v.Pledge.AnnouncedOn is not null).RateDate);
    }

    [Fact]
    public async Task Rates_reimport_is_idempotent_and_conflicts_are_reported_not_replaced()
    {
        await using var db = await OpenAsync();
        var rates = new RateStore(db);
        RateRecord[] batch = [new(new(2024, 5, 31), "USD", 1.0852m), new(new(2024, 6, 3), "USD", 1.0842m)];
        Assert.Equal(2, (await rates.AddAsync(batch, "t", Ct)).Inserted);
        var again = await rates.AddAsync(batch, "t", Ct);
        Assert.Equal((0, 2), (again.Inserted, again.Identical));
        var conflict = await rates.AddAsync([new(new(2024, 5, 31), "USD", 1.2m)], "t", Ct);
        Assert.Equal(new RateConflict(new(2024, 5, 31), "USD", 1.0852m, 1.2m), Assert.Single(conflict.Conflicts));
        Assert.Equal(1.0852m, (await rates.RateOnAsync("USD", new(2024, 6, 1), Ct))!.UnitsPerEur);
    }

    [Fact]
    public async Task Same_pledge_within_the_window_is_found_as_a_likely_duplicate()
    {
        await using var db = await OpenAsync();
        var store = new PledgeStore(db);
        await store.AddAsync(Equipment("DE", "patriot", 1, new(2024, 5, 31)), Ct);
        Assert.Single(await store.FindSameAsync(Equipment("DE", "patriot", 1, new(2024, 6, 12)), Ct));
        Assert.Empty(await store.FindSameAsync(Equipment("DE", "patriot", 1, new(2024, 7, 30)), Ct));
        Assert.Empty(await store.FindSameAsync(Equipment("DE", "patriot", 2, new(2024, 6, 1)), Ct));
    }

    [Fact]
    public async Task Text_with_sql_metacharacters_is_stored_literally()
    {
        await using var db = await OpenAsync();
        const string note = "x'); DROP TABLE pledges; -- \"quoted\" \\ %_";
        var p = await new PledgeStore(db).AddAsync(Money("DE", 1m, "EUR", null) with { Note = note }, Ct);
        Assert.Equal(note, (await new PledgeStore(db).GetAsync(p.Id, null, Ct))!.Pledge.Note);
    }

    private static IngestItem Doc(string text, params CandidateRecord[] candidates) => new(
        new DocumentRecord(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
            "test.txt", null, null, null, "text", text), candidates);

    private static CandidateRecord Cand(Pledge p, int start = 0) => new(p with { Confidence = 0.9m }, [new EvidenceRecord(start, start + 10, 1, "a sentence")]);

    [Fact]
    public async Task Ingesting_a_document_twice_changes_nothing_and_repeats_merge_into_one_pledge()
    {
        await using var db = await OpenAsync();
        var ingest = new IngestStore(db);
        var a = Doc("doc A", Cand(Money("AU", 20_000_000m, "AUD", new(2024, 5, 31))));
        var b = Doc("doc B", Cand(Money("AU", 20_000_000m, "AUD", new(2024, 6, 2))), Cand(Equipment("IT", "samp-t", 1, new(2024, 6, 12)), 40));
        var first = await ingest.IngestBatchAsync([a], Ct);
        Assert.Equal(new IngestCounts(1, 0, 1, 0, 0), first);
        var second = await ingest.IngestBatchAsync([a, b], Ct);
        Assert.Equal(new IngestCounts(1, 1, 1, 1, 0), second);
        var views = await new PledgeStore(db).ListAsync(new PledgeFilter(), Ct);
        Assert.Equal(2, views.Count);
        Assert.Equal(2, views.Single(v => v.Pledge.DonorCode == "AU").SourceCount);
    }

    [Fact]
    public async Task Matching_against_the_ledger_uses_the_whole_window_and_keeps_undated_pledges_apart()
    {
        // The database narrows candidates by date before the rule is applied: exactly 14 days apart is still the
        // same pledge, 15 days is not; an undated statement is the same pledge only as an undated one.
        await using var db = await OpenAsync();
        var store = new PledgeStore(db);
        await store.AddAsync(Money("NL", 150_000_000m, "EUR", new(2024, 3, 1)), Ct);
        await store.AddAsync(Money("BE", 70_000_000m, "EUR", null), Ct);
        Assert.Single(await store.FindSameAsync(Money("NL", 150_000_000m, "EUR", new(2024, 3, 15)), Ct));
        Assert.Single(await store.FindSameAsync(Money("NL", 150_000_000m, "EUR", new(2024, 2, 16)), Ct));
        Assert.Empty(await store.FindSameAsync(Money("NL", 150_000_000m, "EUR", new(2024, 3, 16)), Ct));
        Assert.Empty(await store.FindSameAsync(Money("NL", 150_000_000m, "EUR", null), Ct));
        Assert.Empty(await store.FindSameAsync(Money("BE", 70_000_000m, "EUR", new(2025, 1, 1)), Ct));
        Assert.Single(await store.FindSameAsync(Money("BE", 70_000_000m, "EUR", null), Ct));

        var ingest = new IngestStore(db);
        var counts = await ingest.IngestBatchAsync([
            Doc("window edge", Cand(Money("NL", 150_000_000m, "EUR", new(2024, 3, 15)))),
            Doc("dated vs undated", Cand(Money("BE", 70_000_000m, "EUR", new(2025, 1, 1)))),
            Doc("undated vs undated", Cand(Money("BE", 70_000_000m, "EUR", null))),
            Doc("outside", Cand(Money("NL", 150_000_000m, "EUR", new(2024, 3, 30)))),
        ], Ct);
        var views = await store.ListAsync(new PledgeFilter(), Ct);
        Assert.Equal(4, views.Count);
        Assert.Equal(1, views.Single(v => v.Pledge.DonorCode == "NL" && v.Pledge.AnnouncedOn == new DateOnly(2024, 3, 1)).SourceCount);
        Assert.Contains(views, v => v.Pledge.DonorCode == "NL" && v.Pledge.AnnouncedOn == new DateOnly(2024, 3, 30));
        // The hand entry has no document; the undated statement is its first.
        Assert.Equal(1, views.Single(v => v.Pledge.DonorCode == "BE" && v.Pledge.AnnouncedOn is null).SourceCount);
        Assert.Equal(1, views.Single(v => v.Pledge.DonorCode == "BE" && v.Pledge.AnnouncedOn is not null).SourceCount);
        Assert.Equal(2, counts.PledgesNew);
        Assert.Equal(2, counts.PledgesMerged);
    }

    [Fact]
    public async Task Ingest_order_does_not_change_the_ledger()
    {
        async Task<string> Run(bool reversed)
        {
            await using var db = await OpenAsync();
            var docs = new[]
            {
                Doc("late", Cand(Money("AU", 20_000_000m, "AUD", new(2024, 6, 10)))),
                Doc("early", Cand(Money("AU", 20_000_000m, "AUD", new(2024, 6, 1)))),
                Doc("undated", Cand(Money("AU", 20_000_000m, "AUD", null))),
            };
            foreach (var d in reversed ? docs.Reverse() : docs) await new IngestStore(db).IngestBatchAsync([d], Ct);
            var views = await new PledgeStore(db).ListAsync(new PledgeFilter(), Ct);
            return string.Join(";", views.Select(v => $"{v.Pledge.DonorCode} {v.Pledge.Amount} {v.Pledge.AnnouncedOn:yyyy-MM-dd} {v.SourceCount}"));
        }
        Assert.Equal(await Run(false), await Run(true));
        // The undated statement stays its own pledge: it could be either of two dated pledges, so it joins none.
        Assert.Equal("AU 20000000 2024-06-01 2;AU 20000000  1", await Run(false));
    }

    [Fact]
    public async Task Unsure_extractions_wait_for_review_and_stay_out_of_totals()
    {
        await using var db = await OpenAsync();
        var unsure = new CandidateRecord(Equipment("SE", "f-16", 30, new(2024, 6, 12)) with { Confidence = 0.4m }, [new EvidenceRecord(0, 5, 1, "Including 30 F-16 jets")]);
        var counts = await new IngestStore(db).IngestBatchAsync([Doc("d", unsure)], Ct);
        Assert.Equal(1, counts.SentToReview);
        var view = Assert.Single(await new PledgeStore(db).ListAsync(new PledgeFilter(), Ct));
        Assert.True(view.Pledge.NeedsReview);
        Assert.Empty(await new TotalsStore(db).TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, Ct));
    }
}

[Collection("db")]
public sealed class IngestBatchTests(PostgresFixture pg)
{
    [Fact]
    public async Task Many_statements_of_one_ledger_pledge_in_one_batch_write_one_new_version()
    {
        await using var db = await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, CancellationToken.None);
        var ingest = new IngestStore(db);
        static IngestItem Doc(string text, DateOnly? date, PledgeStatus status) => new(
            new DocumentRecord(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))), text, null, null, null, "text", text),
            [new CandidateRecord(new Pledge { DonorCode = "PL", Kind = PledgeKind.Equipment, SystemId = "artillery-shells", Quantity = 50_000, AnnouncedOn = date, Status = status, Confidence = 0.9m },
                [new EvidenceRecord(0, 4, 1, text)])]);
        // The statements chain: the third is 22 days after the first but 12 after the second.
        await ingest.IngestBatchAsync([Doc("first", new(2024, 6, 10), PledgeStatus.Pledged)], CancellationToken.None);
        var counts = await ingest.IngestBatchAsync(
            [Doc("second", new(2024, 6, 20), PledgeStatus.Pledged), Doc("third", new(2024, 7, 2), PledgeStatus.Delivered)], CancellationToken.None);
        Assert.Equal(1, counts.PledgesMerged);
        var view = Assert.Single(await new PledgeStore(db).ListAsync(new PledgeFilter(), CancellationToken.None));
        Assert.Equal((2, new DateOnly(2024, 6, 10), PledgeStatus.Delivered, 3), (view.Pledge.Version, view.Pledge.AnnouncedOn!.Value, view.Pledge.Status, view.SourceCount));
    }
}
