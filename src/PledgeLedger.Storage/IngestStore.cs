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

/// <summary>What a batch did to the ledger.</summary>
public sealed record IngestCounts(int DocumentsNew, int DocumentsKnown, int PledgesNew, int PledgesMerged, int SentToReview)
{
    public static IngestCounts Zero { get; } = new(0, 0, 0, 0, 0);

    public IngestCounts Add(IngestCounts o) => new(DocumentsNew + o.DocumentsNew, DocumentsKnown + o.DocumentsKnown,
        PledgesNew + o.PledgesNew, PledgesMerged + o.PledgesMerged, SentToReview + o.SentToReview);
}

/// <summary>
/// Writes documents and their pledges in batches, each batch one transaction (a document is never half
/// written), with binary COPY. A document already in the ledger (same content hash) changes nothing. A candidate
/// the consolidation rule calls the same as a ledger pledge adds evidence to it instead of a second pledge; when
/// that moves the pledge's earliest date, advances its stage or confirms an unsure pledge, the pledge gets a new version. Ingest
/// batches are serialised by an advisory lock so two ingests never create the same pledge twice.
/// </summary>
public sealed class IngestStore(LedgerDatabase db)
{
    internal const long IngestLockKey = 0x504c4544474531; // "PLEDGE1"

    /// <summary>Confidence below which an extraction waits in <c>pledge review</c>.</summary>
    public const decimal ReviewThreshold = 0.6m;

    public async Task<IngestCounts> IngestBatchAsync(IReadOnlyList<IngestItem> items, CancellationToken ct)
    {
        if (items.Count == 0) return IngestCounts.Zero;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@k)", new { k = IngestLockKey }, tx, cancellationToken: ct));

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

        // 2. Candidates of the new documents, consolidated among themselves and against the ledger.
        var fresh = unique.Where(i => inserted.ContainsKey(i.Document.ContentHash)).ToList();
        var groups = new List<Group>();
        var groupsByKey = new Dictionary<string, List<Group>>(StringComparer.Ordinal);
        foreach (var item in fresh.OrderBy(i => i.Document.ContentHash, StringComparer.Ordinal))
        {
            var docId = inserted[item.Document.ContentHash];
            foreach (var c in item.Candidates)
            {
                var p = Normalise(c.Pledge);
                var key = Consolidation.Key(p);
                if (!groupsByKey.TryGetValue(key, out var sameKey)) groupsByKey[key] = sameKey = [];
                var g = sameKey.FirstOrDefault(x => Consolidation.DatesMatch(x.Pledge.AnnouncedOn, p.AnnouncedOn));
                if (g is null)
                {
                    g = new Group(p);
                    groups.Add(g);
                    sameKey.Add(g);
                }
                else
                {
                    g.Pledge = MergeInto(g.Pledge, p);
                }
                g.Evidence.AddRange(c.Evidence.Select(e => (docId, e)));
            }
        }

        var existing = new Dictionary<string, List<Pledge>>(StringComparer.Ordinal);
        foreach (var e in await LoadMatchesAsync(conn, tx, groups, ct))
        {
            var key = Consolidation.Key(e);
            if (!existing.TryGetValue(key, out var list)) existing[key] = list = [];
            list.Add(e);
        }
        var newPledges = new List<Group>();
        // Several groups of one batch may merge into the same ledger pledge: fold them, then write one version.
        var updated = new Dictionary<long, (Pledge Original, Pledge Current)>();
        int merged = 0, review = 0;
        foreach (var g in groups)
        {
            var gKey = Consolidation.Key(g.Pledge);
            if (!existing.TryGetValue(gKey, out var candidates)) existing[gKey] = candidates = [];
            var match = candidates.FirstOrDefault(e => Consolidation.DatesMatch(e.AnnouncedOn, g.Pledge.AnnouncedOn));
            if (match is null)
            {
                newPledges.Add(g);
                if (g.Pledge.NeedsReview) review++;
                candidates.Add(g.Pledge); // later groups in this batch may merge into it
                continue;
            }
            merged++;
            if (match.Id == 0)
            {
                // Merged into a pledge created earlier in this batch.
                var target = newPledges.First(n => ReferenceEquals(n.Pledge, match));
                target.Evidence.AddRange(g.Evidence);
                continue;
            }
            g.TargetId = match.Id;
            var original = updated.TryGetValue(match.Id, out var u) ? u.Original : match;
            var current = updated.TryGetValue(match.Id, out u) ? u.Current : match;
            updated[match.Id] = (original, MergeInto(current, g.Pledge));
        }
        var newVersions = updated.Values
            .Where(u => u.Current != u.Original)
            .Select(u => u.Current with { Version = u.Original.Version + 1, Reason = "consolidated: another source states this pledge" })
            .ToList();

        // 3. New pledges and versions, then evidence, all by COPY.
        if (newPledges.Count > 0)
        {
            var ids = (await conn.QueryAsync<long>(new CommandDefinition(
                "INSERT INTO pledges SELECT FROM generate_series(1, @n) RETURNING id", new { n = newPledges.Count }, tx, cancellationToken: ct))).Order().ToList();
            for (var i = 0; i < newPledges.Count; i++)
            {
                newPledges[i].TargetId = ids[i];
                newVersions.Add(newPledges[i].Pledge with { Id = ids[i], Version = 1 });
            }
        }
        await CopyVersionsAsync(conn, newVersions, ct);
        var evidence = groups // new pledges are groups too
            .SelectMany(g => g.Evidence.Select(e => (PledgeId: g.TargetId, e.DocId, e.Ev)))
            .Where(x => x.PledgeId > 0)
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
        return new IngestCounts(fresh.Count, unique.Count - fresh.Count + duplicatesInBatch, newPledges.Count, merged, review);
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
                    needs_review, review_reason, retracted, reason, adjustment, item) FROM STDIN (FORMAT BINARY)
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

    /// <summary>
    /// Ledger pledges that could be the same as a group: same donor, kind and amount or quantity, and a date within the
    /// consolidation window or no date on either side (index lookups; the rule itself is applied in C#).
    /// </summary>
    private static async Task<List<Pledge>> LoadMatchesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<Group> groups, CancellationToken ct)
    {
        if (groups.Count == 0) return [];
        var keys = groups.Select(g => (g.Pledge.DonorCode, Kind: g.Pledge.Kind.Name(), Amount: g.Pledge.Amount ?? -1m, Quantity: g.Pledge.Quantity ?? -1L, Date: g.Pledge.AnnouncedOn))
            .Distinct().ToList();
        var rows = await conn.QueryAsync<PledgeRow>(new CommandDefinition($"""
            SELECT pc.*
            FROM unnest(@donors::text[], @kinds::text[], @amounts::numeric[], @quantities::bigint[], @dates::date[]) AS c(donor, kind, amount, quantity, day)
            JOIN pledge_current pc ON pc.donor_code = c.donor AND pc.kind = c.kind
                 AND coalesce(pc.amount, -1) = c.amount AND coalesce(pc.quantity, -1) = c.quantity
                 AND (c.day IS NULL OR pc.announced_on IS NULL
                      OR pc.announced_on BETWEEN c.day - {Consolidation.WindowDays} AND c.day + {Consolidation.WindowDays})
            WHERE NOT pc.retracted
            """, new
        {
            donors = keys.Select(k => k.DonorCode).ToArray(),
            kinds = keys.Select(k => k.Kind).ToArray(),
            amounts = keys.Select(k => k.Amount).ToArray(),
            quantities = keys.Select(k => k.Quantity).ToArray(),
            dates = keys.Select(k => k.Date).ToArray(),
        }, tx, cancellationToken: ct));
        return rows.Select(r => r.ToPledge()).DistinctBy(p => p.Id).OrderBy(p => p.Id).ToList();
    }

    /// <summary>Extractions below the review threshold wait for a person.</summary>
    private static Pledge Normalise(Pledge p) =>
        p.Confidence < ReviewThreshold && !p.NeedsReview ? p with { NeedsReview = true, ReviewReason = p.ReviewReason ?? "low confidence" } : p;

    /// <summary>
    /// The pledge after another statement of it: the earliest known date, the highest confidence, confirmed when
    /// any statement is confident. Independent of the order statements arrive in.
    /// </summary>
    private static Pledge MergeInto(Pledge target, Pledge other)
    {
        var confident = !target.NeedsReview || !other.NeedsReview;
        return target with
        {
            AnnouncedOn = Consolidation.MergedDate(target.AnnouncedOn, other.AnnouncedOn),
            Status = Consolidation.MergedStatus(target.Status, other.Status),
            Confidence = Math.Max(target.Confidence, other.Confidence),
            NeedsReview = !confident,
            ReviewReason = confident ? null : target.ReviewReason,
            Qualifier = target.Qualifier,
        };
    }

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

    private sealed class Group(Pledge pledge)
    {
        public Pledge Pledge { get; set; } = pledge;
        public long TargetId { get; set; }
        public List<(long DocId, EvidenceRecord Ev)> Evidence { get; } = [];
    }
}
