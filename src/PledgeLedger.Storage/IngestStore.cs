using Dapper;
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
        var inserted = await LedgerWriter.InsertDocumentsAsync(conn, tx, unique.Select(i => i.Document), ct);

        // 2. Statements of the new documents, consolidated with each other and with the ledger pledges they reach, by
        // Core's rule; this method only persists what the plan decides.
        var fresh = unique.Where(i => inserted.ContainsKey(i.Document.ContentHash)).OrderBy(i => i.Document.ContentHash, StringComparer.Ordinal).ToList();
        var statements = fresh
            .SelectMany(i => i.Candidates.Select(c => new Statement(Consolidation.Normalise(c.Pledge), inserted[i.Document.ContentHash], c.Evidence)))
            .ToList();
        var plan = Plan(await PledgeQueries.LoadReachedAsync(conn, tx, statements.Select(s => s.Pledge).ToList(), ct), statements);

        // 3. New pledges and versions, then evidence, all by COPY.
        var versions = new List<Pledge>(plan.Versions);
        var ids = await LedgerWriter.AllocateIdsAsync(conn, tx, plan.NewPledges.Count, ct);
        for (var i = 0; i < plan.NewPledges.Count; i++)
        {
            plan.NewPledges[i].Id = ids[i];
            versions.Add(plan.NewPledges[i].Pledge with { Id = ids[i], Version = 1 });
        }
        await LedgerWriter.CopyVersionsAsync(conn, versions, ct);
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
        await LedgerWriter.CopyEvidenceAsync(conn, evidence, ct);
        // 4. Running totals the new documents report (a known document is skipped above, so never twice).
        await LedgerWriter.CopyReportedTotalsAsync(conn, fresh.SelectMany(i => i.ReportedTotals.Select(t => ((long?)inserted[i.Document.ContentHash], t))).ToList(), ct);
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
