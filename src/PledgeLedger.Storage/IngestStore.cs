using Dapper;
using Npgsql;
using NpgsqlTypes;
using PledgeLedger.Core;

namespace PledgeLedger.Storage;

/// <summary>A document to store: identified by the SHA-256 of its content.</summary>
public sealed record DocumentRecord(string ContentHash, string Source, string? Origin, string? Title, DateOnly? PublishedOn, string Format, string Body);

/// <summary>Where in its document a candidate pledge was stated.</summary>
public sealed record EvidenceRecord(int Start, int End, int Line, string Sentence);

/// <summary>A pledge found in a document, with the places it was stated.</summary>
public sealed record CandidateRecord(Pledge Pledge, IReadOnlyList<EvidenceRecord> Evidence);

/// <summary>A document and what was extracted from it: its pledges and the running totals it reports (never pledges).</summary>
public sealed record IngestItem(DocumentRecord Document, IReadOnlyList<CandidateRecord> Candidates)
{
    public IReadOnlyList<ReportedTotalRecord> ReportedTotals { get; init; } = [];
}

/// <summary>
/// What a batch did to the ledger. PledgesMerged counts groups of statements that went to a pledge already in the
/// ledger; PledgesJoined the ledger pledges a new statement showed to be the same as an older one, merged into it.
/// </summary>
public sealed record IngestCounts(int DocumentsNew, int DocumentsKnown, int PledgesNew, int PledgesMerged, int SentToReview, int PledgesJoined = 0)
{
    public static IngestCounts Zero { get; } = new(0, 0, 0, 0, 0);

    public IngestCounts Add(IngestCounts o) => new(DocumentsNew + o.DocumentsNew, DocumentsKnown + o.DocumentsKnown,
        PledgesNew + o.PledgesNew, PledgesMerged + o.PledgesMerged, SentToReview + o.SentToReview, PledgesJoined + o.PledgesJoined);
}

/// <summary>
/// Writes documents and their pledges in batches, each batch one transaction (a document is never half
/// written), with binary COPY. A document already in the ledger (same content hash) changes nothing. The statements
/// of new documents are consolidated with each other and with the ledger pledges they reach by Core's rule
/// (<see cref="Plan"/>): a statement of a ledger pledge adds evidence to it instead of a second pledge (and a new
/// version when that changes what the pledge says), and a statement that reaches two ledger pledges merges them.
/// Ingest batches, imports, adds and amendments are serialised by the ledger's write lock (<see cref="LedgerLocks"/>), so
/// each batch consolidates against the ledger as the previous writer left it.
/// </summary>
public sealed class IngestStore(LedgerDatabase db)
{
    public async Task<IngestCounts> IngestBatchAsync(IReadOnlyList<IngestItem> items, CancellationToken ct)
    {
        if (items.Count == 0) return IngestCounts.Zero;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LedgerLocks.TakeWriteAsync(conn, tx, ct);

        // 1. Documents: new ones get ids, known ones (same hash, earlier or in this batch) are skipped.
        var unique = items.GroupBy(i => i.Document.ContentHash, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var duplicatesInBatch = items.Count - unique.Count;
        await conn.ExecuteAsync(new CommandDefinition(
            "CREATE TEMP TABLE stage_docs (content_hash text, source text, origin text, title text, published_on date, format text, body text) ON COMMIT DROP",
            transaction: tx, cancellationToken: ct));
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY stage_docs (content_hash, source, origin, title, published_on, format, body) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var d in unique.Select(i => i.Document))
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(d.ContentHash, NpgsqlDbType.Text, ct);
                await w.WriteAsync(d.Source, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(w, d.Origin, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(w, d.Title, NpgsqlDbType.Text, ct);
                if (d.PublishedOn is { } pub) await w.WriteAsync(pub, NpgsqlDbType.Date, ct);
                else await w.WriteNullAsync(ct);
                await w.WriteAsync(d.Format, NpgsqlDbType.Text, ct);
                await w.WriteAsync(StripNul(d.Body), NpgsqlDbType.Text, ct);
            }
            await w.CompleteAsync(ct);
        }
        var inserted = (await conn.QueryAsync<(long Id, string ContentHash)>(new CommandDefinition("""
            INSERT INTO documents (content_hash, source, origin, title, published_on, format, body)
            SELECT content_hash, source, origin, title, published_on, format, body FROM stage_docs
            ON CONFLICT (content_hash) DO NOTHING
            RETURNING id, content_hash
            """, transaction: tx, cancellationToken: ct))).ToDictionary(r => r.ContentHash, r => r.Id, StringComparer.Ordinal);

        // 2. Statements of the new documents, consolidated with each other and with the ledger pledges they reach, by
        // Core's rule; this method only persists what the plan decides.
        var fresh = unique.Where(i => inserted.ContainsKey(i.Document.ContentHash)).OrderBy(i => i.Document.ContentHash, StringComparer.Ordinal).ToList();
        var statements = fresh
            .SelectMany(i => i.Candidates.Select(c => new Statement(Consolidation.Normalise(c.Pledge), inserted[i.Document.ContentHash], c.Evidence)))
            .ToList();
        var plan = Plan(await LoadReachedAsync(conn, tx, statements.Select(s => s.Pledge).ToList(), ct), statements);

        // 3. New pledges and versions, then evidence, all by COPY.
        var versions = new List<Pledge>(plan.Versions);
        if (plan.NewPledges.Count > 0)
        {
            var ids = (await conn.QueryAsync<long>(new CommandDefinition(
                "INSERT INTO pledges SELECT FROM generate_series(1, @n) RETURNING id", new { n = plan.NewPledges.Count }, tx, cancellationToken: ct))).Order().ToList();
            for (var i = 0; i < plan.NewPledges.Count; i++)
            {
                plan.NewPledges[i].Id = ids[i];
                versions.Add(plan.NewPledges[i].Pledge with { Id = ids[i], Version = 1 });
            }
        }
        await CopyVersionsAsync(conn, versions, ct);
        if (plan.MergedAway.Count > 0)
        {
            // A pledge merged into another: its evidence (from earlier documents) counts for the survivor too.
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO evidence (pledge_id, document_id, start_offset, end_offset, line, sentence)
                SELECT m.survivor, e.document_id, e.start_offset, e.end_offset, e.line, e.sentence
                FROM unnest(@from::bigint[], @to::bigint[]) AS m(merged, survivor)
                JOIN evidence e ON e.pledge_id = m.merged
                ORDER BY m.survivor, e.id
                ON CONFLICT (pledge_id, document_id, start_offset) DO NOTHING
                """, new { from = plan.MergedAway.Select(m => m.Merged).ToArray(), to = plan.MergedAway.Select(m => m.Survivor).ToArray() },
                tx, cancellationToken: ct));
        }
        var evidence = plan.Targets
            .SelectMany(t => t.Statements.SelectMany(s => s.Evidence.Select(e => (PledgeId: t.Id, s.DocId, Ev: e))))
            .DistinctBy(x => (x.PledgeId, x.DocId, x.Ev.Start))
            .ToList();
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY evidence (pledge_id, document_id, start_offset, end_offset, line, sentence) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (pledgeId, docId, e) in evidence)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(pledgeId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(docId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(Math.Max(0, e.Start), NpgsqlDbType.Integer, ct);
                await w.WriteAsync(Math.Max(Math.Max(0, e.Start), e.End), NpgsqlDbType.Integer, ct);
                await w.WriteAsync(Math.Max(1, e.Line), NpgsqlDbType.Integer, ct);
                await w.WriteAsync(StripNul(e.Sentence), NpgsqlDbType.Text, ct);
            }
            await w.CompleteAsync(ct);
        }
        // 4. Running totals the new documents report (a known document is skipped above, so never twice).
        await ReportedTotalStore.CopyAsync(conn, fresh.SelectMany(i => i.ReportedTotals.Select(t => ((long?)inserted[i.Document.ContentHash], t))).ToList(), ct);
        await tx.CommitAsync(ct);
        return new IngestCounts(fresh.Count, unique.Count - fresh.Count + duplicatesInBatch, plan.NewPledges.Count, plan.Linked,
            plan.NewPledges.Count(n => n.Pledge.NeedsReview), plan.MergedAway.Count);
    }

    /// <summary>Whether a document with this content hash is already in the ledger.</summary>
    public async Task<bool> IsKnownAsync(string contentHash, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM documents WHERE content_hash = @h)", new { h = contentHash }, cancellationToken: ct));
    }

    /// <summary>Writes versions with binary COPY (the pledge_current trigger fires per row).</summary>
    internal static async Task CopyVersionsAsync(NpgsqlConnection conn, IReadOnlyList<Pledge> versions, CancellationToken ct)
    {
        if (versions.Count == 0) return;
        try
        {
            await using var w = await conn.BeginBinaryImportAsync("""
                COPY pledge_versions (pledge_id, version, donor_code, recipient_code, aid_type, kind, amount, currency, qualifier,
                    system_id, category, quantity, stated_value_eur, period, years, status, announced_on, note, source, confidence,
                    needs_review, review_reason, retracted, reason, adjustment, item, last_stated_on) FROM STDIN (FORMAT BINARY)
                """, ct);
            foreach (var p in versions)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(p.Id, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(p.Version, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(p.DonorCode, NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.RecipientCode, NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.AidType.Name(), NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.Kind.Name(), NpgsqlDbType.Text, ct);
                await WriteNullableAsync(w, p.Amount, NpgsqlDbType.Numeric, ct);
                await WriteNullableAsync(w, p.Currency, NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.Qualifier.Name(), NpgsqlDbType.Text, ct);
                await WriteNullableAsync(w, p.SystemId, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(w, p.Category, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(w, p.Quantity, NpgsqlDbType.Bigint, ct);
                await WriteNullableAsync(w, p.StatedValueEur, NpgsqlDbType.Numeric, ct);
                await w.WriteAsync(p.Period.Name(), NpgsqlDbType.Text, ct);
                await WriteNullableAsync(w, p.Years, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(p.Status.Name(), NpgsqlDbType.Text, ct);
                if (p.AnnouncedOn is { } d) await w.WriteAsync(d, NpgsqlDbType.Date, ct);
                else await w.WriteNullAsync(ct);
                await WriteNullableAsync(w, p.Note, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(w, p.Source, NpgsqlDbType.Text, ct);
                await w.WriteAsync(Math.Round(p.Confidence, 2), NpgsqlDbType.Numeric, ct);
                await w.WriteAsync(p.NeedsReview, NpgsqlDbType.Boolean, ct);
                await WriteNullableAsync(w, p.ReviewReason, NpgsqlDbType.Text, ct);
                await w.WriteAsync(p.Retracted, NpgsqlDbType.Boolean, ct);
                await WriteNullableAsync(w, p.Reason, NpgsqlDbType.Text, ct);
                await w.WriteAsync(IsAdjustment(p), NpgsqlDbType.Boolean, ct);
                await WriteNullableAsync(w, p.SystemId is null ? Items.Clean(p.Item) : null, NpgsqlDbType.Text, ct);
                if (StoredLastStatedOn(p) is { } last) await w.WriteAsync(last, NpgsqlDbType.Date, ct);
                else await w.WriteNullAsync(ct);
            }
            await w.CompleteAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is "23503" or "23514" or "22003")
        {
            throw new LedgerInputException(PledgeStore.DescribeConstraint(e), e);
        }
    }

    /// <summary>
    /// A negative money amount can only be stored as an adjustment (a source's own correction, migration 0004).
    /// Only imports with negative=allow produce them; <c>pledge add</c>/<c>amend</c> validate amounts as positive.
    /// </summary>
    internal static bool IsAdjustment(Pledge p) => p.Kind == PledgeKind.Money && p.Amount < 0;

    /// <summary>The span's end as the ledger keeps it: only when later than the announcement date (migration 0009).</summary>
    internal static DateOnly? StoredLastStatedOn(Pledge p) => Consolidation.LastDate(p) is { } last && last > p.AnnouncedOn ? last : null;

    /// <summary>
    /// What a batch does to the ledger, decided by Core's rule alone: the statements and the ledger pledges they reach
    /// are grouped (<see cref="Consolidation.Group{T}"/>); a group without a ledger pledge is a new pledge; a group with
    /// ledger pledges keeps the oldest (lowest id), which gets a new version when the merge changes what it says, and
    /// every other ledger pledge of the group gets a retracted version "merged into #N". Groups without a statement
    /// of this batch are left alone.
    /// </summary>
    internal static IngestPlan Plan(IReadOnlyList<Pledge> reached, IReadOnlyList<Statement> statements)
    {
        var plan = new IngestPlan();
        var entries = reached.Select(p => (Pledge: p, Statement: (Statement?)null))
            .Concat(statements.Select(s => (s.Pledge, Statement: (Statement?)s)));
        foreach (var group in Consolidation.Group(entries, e => e.Pledge))
        {
            var said = group.Where(e => e.Statement is not null).Select(e => e.Statement!).ToList();
            if (said.Count == 0) continue;
            var held = group.Where(e => e.Statement is null).Select(e => e.Pledge).OrderBy(p => p.Id).ToList();
            var merged = Consolidation.Merge(group.Select(e => e.Pledge));
            if (held.Count == 0)
            {
                var target = new Target(merged with { Id = 0, Version = 1, Reason = null, Retracted = false }, said);
                plan.NewPledges.Add(target);
                plan.Targets.Add(target);
                continue;
            }
            var survivor = held[0];
            plan.Linked++;
            plan.Targets.Add(new Target(survivor, said) { Id = survivor.Id });
            var next = merged with { Id = survivor.Id, Version = survivor.Version + 1, Reason = Consolidation.ConsolidatedReason, Retracted = false, RecordedAt = default };
            if (!Consolidation.SameContent(next, survivor)) plan.Versions.Add(next);
            foreach (var other in held.Skip(1))
            {
                plan.Versions.Add(other with { Version = other.Version + 1, Retracted = true, Reason = Consolidation.MergedInto(survivor.Id), RecordedAt = default });
                plan.MergedAway.Add((other.Id, survivor.Id));
            }
        }
        return plan;
    }

    /// <summary>
    /// Ledger pledges a statement of the batch reaches: current, not retracted, not a tracker import (CSV imports are a
    /// tracker's own accounting and never merged with other sources), same donor, kind and amount or quantity, and a
    /// span within the consolidation window of the statement's date (or, for an undated statement, undated). Index
    /// lookups; the rule itself is applied by <see cref="Plan"/>.
    /// </summary>
    internal static async Task<List<Pledge>> LoadReachedAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyList<Pledge> statements, CancellationToken ct)
    {
        if (statements.Count == 0) return [];
        var keys = statements.Select(s => (s.DonorCode, Kind: s.Kind.Name(), Amount: s.Amount ?? -1m, Quantity: s.Quantity ?? -1L,
                What: s.Currency ?? s.SystemId ?? "", Period: s.Period.Name(), First: s.AnnouncedOn, Last: Consolidation.LastDate(s)))
            .Distinct().ToList();
        // Three index range scans (match and long-span indexes, since 0018 on live pledges and with the currency or
        // system and the period, parts of Core's key that sort a common amount or quantity apart; hence NOT retracted in
        // each branch): undated pledges; pledges starting at most LongSpanDays before the window (the span's end is then
        // checked on few rows); and the rare longer spans.
        const string same = "pc.donor_code = c.donor AND pc.kind = c.kind AND coalesce(pc.amount, -1) = c.amount AND coalesce(pc.quantity, -1) = c.quantity"
            + " AND coalesce(pc.currency, pc.system_id, '') = c.what AND pc.period = c.period AND NOT pc.retracted";
        const int w = Consolidation.WindowDays;
        var rows = await conn.QueryAsync<PledgeRow>(new CommandDefinition($"""
            WITH c AS (
                SELECT * FROM unnest(@donors::text[], @kinds::text[], @amounts::numeric[], @quantities::bigint[], @whats::text[], @periods::text[],
                                     @firsts::date[], @lasts::date[])
                    AS c(donor, kind, amount, quantity, what, period, first_day, last_day))
            SELECT DISTINCT ON (pc.pledge_id) pc.*
            FROM (SELECT pc.* FROM c JOIN pledge_current pc ON {same} AND pc.announced_on IS NULL WHERE c.first_day IS NULL
                  UNION ALL
                  SELECT pc.* FROM c JOIN pledge_current pc ON {same}
                       AND pc.announced_on BETWEEN c.first_day - {w + LongSpanDays} AND c.last_day + {w}
                       AND coalesce(pc.last_stated_on, pc.announced_on) >= c.first_day - {w}
                  UNION ALL
                  SELECT pc.* FROM c JOIN pledge_current pc ON {same}
                       AND pc.last_stated_on > pc.announced_on + {LongSpanDays}
                       AND pc.announced_on <= c.last_day + {w} AND pc.last_stated_on >= c.first_day - {w}) pc
            WHERE NOT pc.retracted AND NOT {ImportedCondition("pc.pledge_id")}
            ORDER BY pc.pledge_id
            """, new
        {
            donors = keys.Select(k => k.DonorCode).ToArray(),
            kinds = keys.Select(k => k.Kind).ToArray(),
            amounts = keys.Select(k => k.Amount).ToArray(),
            quantities = keys.Select(k => k.Quantity).ToArray(),
            whats = keys.Select(k => k.What).ToArray(),
            periods = keys.Select(k => k.Period).ToArray(),
            firsts = keys.Select(k => k.First).ToArray(),
            lasts = keys.Select(k => k.Last).ToArray(),
        }, tx, cancellationToken: ct));
        return rows.Select(r => r.ToPledge()).ToList();
    }

    /// <summary>A span longer than this is looked up through the long-span index (migration 0010 uses the same number).</summary>
    private const int LongSpanDays = 60;

    /// <summary>
    /// SQL condition: the pledge came from a tracker import (its evidence is a CSV document). The few CSV documents are
    /// listed once per statement (index of migration 0017) and the pledge's evidence is probed for them alone: joining
    /// every evidence row of the pledge to its document cost more the more often a pledge was restated (issue 13).
    /// </summary>
    internal static string ImportedCondition(string pledgeId) =>
        $"EXISTS (SELECT 1 FROM evidence ie WHERE ie.pledge_id = {pledgeId} AND ie.document_id = ANY (ARRAY(SELECT id.id FROM documents id WHERE id.format = 'csv')))";

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct
    {
        if (value is { } v) await w.WriteAsync(v, type, ct);
        else await w.WriteNullAsync(ct);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter w, string? value, NpgsqlDbType type, CancellationToken ct)
    {
        if (value is not null) await w.WriteAsync(StripNul(value), type, ct);
        else await w.WriteNullAsync(ct);
    }

    /// <summary>PostgreSQL text cannot hold NUL characters.</summary>
    private static string StripNul(string s) => s.Contains('\0', StringComparison.Ordinal) ? s.Replace("\0", "", StringComparison.Ordinal) : s;

    /// <summary>A statement of a new document: its pledge (normalised) and where it was said.</summary>
    internal sealed record Statement(Pledge Pledge, long DocId, IReadOnlyList<EvidenceRecord> Evidence);

    /// <summary>A pledge the statements of one group are evidence of: a new one (id set once allocated) or a ledger pledge.</summary>
    internal sealed class Target(Pledge pledge, IReadOnlyList<Statement> statements)
    {
        public Pledge Pledge { get; } = pledge;
        public IReadOnlyList<Statement> Statements { get; } = statements;
        public long Id { get; set; }
    }

    /// <summary>What <see cref="Plan"/> decided for a batch.</summary>
    internal sealed class IngestPlan
    {
        public List<Target> NewPledges { get; } = [];
        /// <summary>Every group's target, new or in the ledger; their statements' evidence is written to them.</summary>
        public List<Target> Targets { get; } = [];
        /// <summary>New versions of ledger pledges: survivors whose merge changed them, and pledges merged away.</summary>
        public List<Pledge> Versions { get; } = [];
        public List<(long Merged, long Survivor)> MergedAway { get; } = [];
        /// <summary>Groups whose statements went to a pledge already in the ledger.</summary>
        public int Linked { get; set; }
    }
}
