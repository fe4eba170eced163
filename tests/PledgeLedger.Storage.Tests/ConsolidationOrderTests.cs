using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using PledgeLedger.Core;
using PledgeLedger.Tests;

namespace PledgeLedger.Storage.Tests;

/// <summary>
/// Consolidation is a function of the set of statements: chains of restatements are one pledge, a statement that
/// bridges two ledger pledges merges them, and neither the order, the batch size nor concurrent ingests change the
/// groups or the totals.
/// </summary>
[Collection("db")]
public sealed class ConsolidationOrderTests(PostgresFixture pg)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private async Task<LedgerDatabase> OpenAsync() => await LedgerDatabase.OpenAsync(await pg.NewDatabaseAsync(), migrate: true, Ct);

    private static Pledge Patriots(DateOnly? date, PledgeStatus status = PledgeStatus.Pledged) =>
        new() { DonorCode = "DE", Kind = PledgeKind.Equipment, SystemId = "patriot", Quantity = 5, AnnouncedOn = date, Status = status, Confidence = 0.9m };

    private static IngestItem Doc(string text, params Pledge[] pledges) => new(
        new DocumentRecord(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), text, null, null, null, "text", text),
        pledges.Select((p, i) => new CandidateRecord(p, [new EvidenceRecord(i * 100, i * 100 + 50, 1, $"{text} #{i}")])).ToList());

    [Fact]
    public async Task Restatements_eleven_days_apart_chain_into_one_pledge_forward_and_in_reverse()
    {
        var docs = new[] { 1, 12, 23 }.Select(d => Doc($"BERLIN 2024-03-{d:00}", Patriots(new(2024, 3, d)))).ToList();
        foreach (var order in new[] { docs, Enumerable.Reverse(docs).ToList() })
        {
            await using var db = await OpenAsync();
            foreach (var d in order) await new IngestStore(db).IngestBatchAsync([d], Ct);
            var view = Assert.Single(await new PledgeStore(db).ListAsync(new PledgeFilter(), Ct));
            Assert.Equal((new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 23), 3), (view.Pledge.AnnouncedOn!.Value, view.Pledge.LastStatedOn!.Value, view.SourceCount));
            var totals = Assert.Single(await new TotalsStore(db).TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, Ct));
            Assert.Equal(5, totals.EquipmentItems);
        }
    }

    [Fact]
    public async Task A_statement_between_two_ledger_pledges_merges_them_into_the_older_one()
    {
        await using var db = await OpenAsync();
        var ingest = new IngestStore(db);
        await ingest.IngestBatchAsync([Doc("first", Patriots(new(2024, 3, 1)))], Ct);
        await ingest.IngestBatchAsync([Doc("third", Patriots(new(2024, 3, 23), PledgeStatus.Delivered))], Ct);
        var store = new PledgeStore(db);
        var before = await store.ListAsync(new PledgeFilter(), Ct);
        Assert.Equal(2, before.Count);
        var (older, later) = (before.Min(v => v.Pledge.Id), before.Max(v => v.Pledge.Id));

        var counts = await ingest.IngestBatchAsync([Doc("second", Patriots(new(2024, 3, 12)))], Ct);

        Assert.Equal((0, 1, 1), (counts.PledgesNew, counts.PledgesMerged, counts.PledgesJoined));
        var survivor = Assert.Single(await store.ListAsync(new PledgeFilter(), Ct));
        Assert.Equal(older, survivor.Pledge.Id);
        Assert.Equal((new DateOnly(2024, 3, 1), PledgeStatus.Delivered, 3), (survivor.Pledge.AnnouncedOn!.Value, survivor.Pledge.Status, survivor.SourceCount));
        var merged = (await store.HistoryAsync(later, Ct))[^1];
        Assert.True(merged.Retracted);
        Assert.Equal(Consolidation.MergedInto(older), merged.Reason);
        Assert.Equal(5, Assert.Single(await new TotalsStore(db).TotalsAsync(new PledgeFilter(), TotalsGrouping.Donor, Ct)).EquipmentItems);
        // Append-only: the merged pledge keeps its evidence; the survivor has a copy of it.
        Assert.Single(await store.EvidenceAsync(later, Ct));
        Assert.Equal(3, (await store.EvidenceAsync(older, Ct)).Count);
    }

    [Fact]
    public async Task Undated_statements_are_one_pledge_among_themselves_and_never_bridge_dated_ones()
    {
        await using var db = await OpenAsync();
        await new IngestStore(db).IngestBatchAsync(
            [Doc("a", Patriots(new(2024, 3, 1))), Doc("b", Patriots(null)), Doc("c", Patriots(new(2024, 9, 1))), Doc("d", Patriots(null))], Ct);
        var views = await new PledgeStore(db).ListAsync(new PledgeFilter(), Ct);
        Assert.Equal([1, 1, 2], views.Select(v => v.SourceCount).Order());
        Assert.Equal(2, views.Single(v => v.Pledge.AnnouncedOn is null).SourceCount);
    }

    [Fact]
    public async Task A_new_document_joins_a_hand_entry_and_pledge_add_applies_the_same_rule()
    {
        await using var db = await OpenAsync();
        var store = new PledgeStore(db);
        var hand = await store.AddAsync(Patriots(new(2024, 3, 1)) with { Confidence = 1m, Source = "manual" }, Ct);
        await new IngestStore(db).IngestBatchAsync([Doc("restated", Patriots(new(2024, 3, 12)))], Ct);
        var view = Assert.Single(await store.ListAsync(new PledgeFilter(), Ct));
        Assert.Equal((hand.Id, 1), (view.Pledge.Id, view.SourceCount));
        // The span now reaches 2024-03-26: pledge add refuses what an ingest would join, and takes what it would not.
        Assert.NotEmpty((await store.AddUnlessSameAsync(Patriots(new(2024, 3, 26)), Ct)).Same);
        Assert.NotNull((await store.AddUnlessSameAsync(Patriots(new(2024, 3, 27)), Ct)).Added);
        Assert.NotNull((await store.AddUnlessSameAsync(Patriots(null), Ct)).Added);
        Assert.NotEmpty((await store.AddUnlessSameAsync(Patriots(null), Ct)).Same);
    }

    // ---- Property: random corpora, any order, any batch size, concurrent ingests -> the serial result ----

    private static readonly string[] Donors = ["DE", "FR", "PL"];
    private static readonly decimal[] Amounts = [100_000_000m, 250_000_000m, 500_000_000m];
    private static readonly string[] Systems = ["patriot", "leopard-2a4", "caesar"];

    /// <summary>
    /// A corpus of documents restating a few pledges: each pledge (donor and amount or system+quantity from small sets,
    /// so keys collide) is stated 1-5 times, each restatement 0-30 days after the one before, one in ten undated, some
    /// as delivered, with confidences around the review threshold; a document states one or two pledges.
    /// </summary>
    private static List<IngestItem> Corpus(int seed)
    {
        var rng = new Random(seed);
        var statements = new List<Pledge>();
        for (var k = 0; k < 14; k++)
        {
            var donor = Donors[rng.Next(Donors.Length)];
            var basis = rng.Next(2) == 0
                ? new Pledge { DonorCode = donor, Kind = PledgeKind.Money, Amount = Amounts[rng.Next(Amounts.Length)], Currency = "EUR" }
                : new Pledge { DonorCode = donor, Kind = PledgeKind.Equipment, SystemId = Systems[rng.Next(Systems.Length)], Quantity = rng.Next(1, 3) };
            var day = new DateOnly(2024, 1, 1).AddDays(rng.Next(120));
            for (int i = 0, n = rng.Next(1, 6); i < n; i++)
            {
                day = day.AddDays(rng.Next(0, 31));
                statements.Add(basis with
                {
                    AnnouncedOn = rng.Next(10) == 0 ? null : day,
                    Status = rng.Next(4) == 0 ? PledgeStatus.Delivered : PledgeStatus.Pledged,
                    AidType = rng.Next(3) == 0 ? AidType.Military : AidType.Unknown,
                    Confidence = 0.5m + (rng.Next(46) / 100m),
                    Source = $"src{rng.Next(5)}",
                });
            }
        }
        var docs = new List<IngestItem>();
        for (var i = 0; i < statements.Count;)
        {
            var take = Math.Min(rng.Next(1, 3), statements.Count - i);
            docs.Add(Doc($"seed {seed} document {docs.Count}", [.. statements.GetRange(i, take)]));
            i += take;
        }
        return docs;
    }

    /// <summary>The ledger's groups (each live pledge: what it says and the statements behind it) and its totals table.</summary>
    private static async Task<string> SnapshotAsync(LedgerDatabase db)
    {
        await using var conn = await db.OpenConnectionAsync(Ct);
        var groups = await conn.QueryAsync<string>("""
            SELECT concat_ws('|', pc.donor_code, pc.kind, pc.amount, pc.system_id, pc.quantity, pc.status, pc.announced_on,
                              pc.last_stated_on, pc.aid_type, pc.confidence, pc.needs_review, pc.source,
                              string_agg(d.source || '@' || e.start_offset, ',' ORDER BY d.source, e.start_offset))
            FROM pledge_current pc JOIN evidence e ON e.pledge_id = pc.pledge_id JOIN documents d ON d.id = e.document_id
            WHERE NOT pc.retracted
            GROUP BY pc.pledge_id ORDER BY 1
            """);
        var totals = await conn.QueryAsync<string>("""
            SELECT concat_ws('|', donor_code, status, kind, currency, month, pledges, eur, items) FROM pledge_totals ORDER BY 1
            """);
        return string.Join("\n", groups) + "\n--\n" + string.Join("\n", totals);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(202)]
    [InlineData(303)]
    public async Task Any_order_batch_size_and_four_concurrent_ingests_give_the_serial_groups_and_totals(int seed)
    {
        var corpus = Corpus(seed);
        string expected;
        await using (var serial = await OpenAsync())
        {
            foreach (var doc in corpus) await new IngestStore(serial).IngestBatchAsync([doc], Ct);
            expected = await SnapshotAsync(serial);
        }
        Assert.Contains("--", expected);

        var rng = new Random(seed * 7);
        for (var permutation = 0; permutation < 2; permutation++)
        {
            var shuffled = corpus.OrderBy(_ => rng.Next()).ToList();
            foreach (var batch in new[] { 1, 7, 500 })
            {
                await using var db = await OpenAsync();
                // The batches are dealt to four ingests that run at once, each on its own connections.
                var batches = shuffled.Chunk(batch).ToList();
                await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
                {
                    var store = new IngestStore(db);
                    for (var b = w; b < batches.Count; b += 4) await store.IngestBatchAsync(batches[b], Ct);
                })));
                var actual = await SnapshotAsync(db);
                Assert.True(expected == actual,
                    $"seed {seed}, permutation {permutation}, batch {batch}: the ledger differs from the serial ingest\nexpected:\n{expected}\nactual:\n{actual}");
            }
        }
    }

    [Fact]
    public void The_merge_of_a_group_does_not_depend_on_the_order_of_its_statements()
    {
        var rng = new Random(5);
        var statements = Corpus(404).SelectMany(d => d.Candidates).Select(c => Consolidation.Normalise(c.Pledge)).ToList();
        foreach (var group in Consolidation.Group(statements, p => p))
        {
            var reference = Consolidation.Merge(group);
            for (var i = 0; i < 5; i++)
            {
                var shuffled = group.OrderBy(_ => rng.Next()).ToList();
                // Any bracketing too: merge halves, then the halves.
                var cut = rng.Next(1, Math.Max(2, shuffled.Count));
                var merged = shuffled.Count < 2 ? Consolidation.Merge(shuffled)
                    : Consolidation.Merge(Consolidation.Merge(shuffled.Take(cut)), Consolidation.Merge(shuffled.Skip(cut)));
                Assert.True(Consolidation.SameContent(reference, merged), string.Create(CultureInfo.InvariantCulture, $"{reference} != {merged}"));
            }
        }
    }
}
