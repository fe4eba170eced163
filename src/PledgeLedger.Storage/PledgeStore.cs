using System.Runtime.CompilerServices;
using Dapper;
using Npgsql;
using PledgeLedger.Core;

namespace PledgeLedger.Storage;

/// <summary>Filters for listings and totals. Null means no filter.</summary>
public sealed record PledgeFilter
{
    public IReadOnlyCollection<string>? Donors { get; init; }
    /// <summary>The ledger is about aid to Ukraine: other recipients (Oryx also lists supplies to Russia) only when asked.</summary>
    public string? Recipient { get; init; } = "UA";
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>Keep undated pledges whatever From/To say (reports count them apart).</summary>
    public bool KeepUndated { get; init; }
    public PledgeKind? Kind { get; init; }
    public IReadOnlyCollection<PledgeStatus>? Statuses { get; init; }
    public string? SystemId { get; init; }
    /// <summary>Reproduce the ledger as it stood at this time (versions, rates and valuations recorded by then).</summary>
    public DateTimeOffset? AsOf { get; init; }
    public bool IncludeRetracted { get; init; }
    /// <summary>Include extractions still waiting for review (listings do; totals don't).</summary>
    public bool IncludeUnreviewed { get; init; } = true;
    /// <summary>Only extractions waiting for review (pledge review).</summary>
    public bool OnlyUnreviewed { get; init; }
    public int? Limit { get; init; }
    /// <summary>Rows to skip before the first one returned (paging with <see cref="Limit"/>).</summary>
    public int? Offset { get; init; }
}

/// <summary>Reads and appends pledges. Nothing is updated in place: every change is a new version.</summary>
public sealed partial class PledgeStore(LedgerDatabase db)
{

    /// <summary>Writes a new pledge (version 1) and returns it with its id, whatever the ledger holds (<c>add --force</c>).</summary>
    public async Task<Pledge> AddAsync(Pledge pledge, CancellationToken ct) =>
        (await AddAsync(pledge, refuseSame: false, ct)).Added!;

    /// <summary>
    /// Writes a new pledge unless the ledger holds the same pledge by the consolidation rule (<see cref="FindSameAsync(Pledge, CancellationToken)"/>);
    /// then nothing is written and <see cref="AddOutcome.Same"/> names the pledges it holds. The check and the insert
    /// are one step under the ledger's write lock, so of N concurrent identical adds exactly one writes.
    /// </summary>
    public async Task<AddOutcome> AddUnlessSameAsync(Pledge pledge, CancellationToken ct) =>
        await AddAsync(pledge, refuseSame: true, ct);

    private async Task<AddOutcome> AddAsync(Pledge pledge, bool refuseSame, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LedgerLocks.TakeWriteAsync(conn, tx, ct);
        if (refuseSame && await FindSameAsync(conn, tx, pledge, ct) is { Count: > 0 } same)
        {
            await tx.RollbackAsync(ct);
            return new AddOutcome(null, same);
        }
        var stored = await LedgerWriter.InsertNewAsync(conn, tx, pledge, ct);
        await tx.CommitAsync(ct);
        return new AddOutcome(stored, []);
    }

    /// <summary>
    /// Appends a new version of pledge <paramref name="id"/> made by <paramref name="change"/> from the current one.
    /// Concurrent writers are serialised by the ledger's write lock, taken before the current version is read: of N
    /// concurrent amendments of one pledge each succeeds in turn, on top of the one before.
    /// </summary>
    public async Task<Pledge> AppendVersionAsync(long id, Func<Pledge, Pledge> change, string reason, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LedgerLocks.TakeWriteAsync(conn, tx, ct);
        // Read after the lock: the version a concurrent writer committed meanwhile is the one changed. (A row lock on
        // pledge_current would not do: its projection trigger replaces the row, and a waiter then found none.)
        var row = await conn.QuerySingleOrDefaultAsync<PledgeRow>(new CommandDefinition(
            $"SELECT {PledgeQueries.Columns} FROM pledge_current WHERE pledge_id = @id", new { id }, tx, cancellationToken: ct))
            ?? throw new LedgerInputException($"pledge {id}: no such pledge");
        var current = row.ToPledge();
        var next = change(current) with { Id = id, Version = current.Version + 1, Reason = reason };
        var stored = await LedgerWriter.InsertVersionAsync(conn, tx, next, ct);
        await tx.CommitAsync(ct);
        return stored;
    }

    public async Task<IReadOnlyList<Pledge>> HistoryAsync(long id, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var args = new DynamicParameters();
        args.Add("id", id);
        var rows = await PledgeRow.ReadAllAsync(conn, $"SELECT {PledgeQueries.Columns} FROM pledge_versions WHERE pledge_id = @id ORDER BY version", args, null, ct);
        return rows.Select(r => r.ToPledge()).ToList();
    }

    public async Task<PledgeView?> GetAsync(long id, DateTimeOffset? asOf, CancellationToken ct)
    {
        var args = new DynamicParameters();
        args.Add("id", id);
        var list = await QueryViewsAsync("p.pledge_id = @id", "", args, asOf, ct);
        return list.FirstOrDefault();
    }

    /// <summary>Pledges with names, EUR conversion and source counts, as of now or a past time.</summary>
    public Task<IReadOnlyList<PledgeView>> ListAsync(PledgeFilter filter, CancellationToken ct)
    {
        var (where, args) = PledgeQueries.BuildWhere(filter);
        return QueryViewsAsync(where, ListOrder(filter, args), args, filter.AsOf, ct);
    }

    /// <summary>
    /// The same rows as <see cref="ListAsync"/>, in the same order, read one at a time from the server (an
    /// unbuffered reader): memory stays flat however many pledges match. The connection stays open until the
    /// enumeration ends.
    /// </summary>
    public async IAsyncEnumerable<PledgeView> StreamAsync(PledgeFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var (where, args) = PledgeQueries.BuildWhere(filter);
        var order = ListOrder(filter, args);
        if (filter.AsOf is { } t) args.Add("as_of", t.UtcDateTime);
        await using var conn = await OpenAsync(ct);
        // Read without Dapper: its first use costs ~40 ms of CPU, a third of `pledge list --limit 20` (issue 13).
        await using var cmd = LedgerDatabase.Command(conn, PledgeQueries.View(filter.AsOf is not null, where, order), args);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var read = PledgeRow.Reader(reader);
        while (await reader.ReadAsync(ct)) yield return read(reader).ToView();
    }

    /// <summary>Listing order (stable: pledge ids are unique, so pages never overlap) with LIMIT/OFFSET as parameters.</summary>
    internal static string ListOrder(PledgeFilter filter, DynamicParameters args)
    {
        var order = "ORDER BY p.announced_on NULLS LAST, p.pledge_id";
        if (filter.Limit is { } limit)
        {
            order += " LIMIT @limit";
            args.Add("limit", limit);
        }
        if (filter.Offset is { } offset and > 0)
        {
            order += " OFFSET @offset";
            args.Add("offset", offset);
        }
        return order;
    }

    /// <summary>
    /// Every pledge a report needs (current, or as of a time), read in bulk: retracted pledges and unreviewed
    /// extractions are left out; proposals are kept (reports list them apart).
    /// </summary>
    public async Task<IReadOnlyList<PledgeView>> ReportViewsAsync(PledgeFilter filter, CancellationToken ct)
    {
        var (where, args) = PledgeQueries.BuildWhere(filter with { IncludeRetracted = false, IncludeUnreviewed = false });
        if (filter.AsOf is { } t) args.Add("as_of", t.UtcDateTime);
        var rows = await db.QueryManyAsync<PledgeRow>(PledgeQueries.BulkView(filter.AsOf is not null, where), args, filter.AsOf is not null, ct);
        return rows.Select(r => r.ToView()).ToList();
    }

    /// <summary>
    /// Current pledges the consolidation rule calls the same pledge as <paramref name="candidate"/>
    /// (<see cref="Consolidation.IsSamePledge"/>): the ledger pledges an ingested statement of it would join. Tracker
    /// imports and retracted pledges are never among them.
    /// </summary>
    public async Task<IReadOnlyList<Pledge>> FindSameAsync(Pledge candidate, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        return await FindSameAsync(conn, null, candidate, ct);
    }

    internal static async Task<IReadOnlyList<Pledge>> FindSameAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Pledge c, CancellationToken ct) =>
        (await PledgeQueries.LoadReachedAsync(conn, tx, [c], ct)).Where(p => Consolidation.IsSamePledge(p, c)).ToList();

    /// <summary>Evidence rows of a pledge with their documents.</summary>
    public async Task<IReadOnlyList<EvidenceView>> EvidenceAsync(long id, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        // Read without Dapper (`pledge show` runs in the Native AOT front, issue 13).
        await using var cmd = new NpgsqlCommand("""
            SELECT e.id, e.document_id, d.source, d.title, d.published_on, d.origin, e.start_offset, e.end_offset, e.line, e.sentence
            FROM evidence e JOIN documents d ON d.id = e.document_id
            WHERE e.pledge_id = @id ORDER BY d.published_on NULLS LAST, e.document_id, e.start_offset
            """, conn);
        cmd.Parameters.AddWithValue("id", id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<EvidenceView>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new EvidenceView
            {
                Id = reader.GetInt64(0),
                DocumentId = reader.GetInt64(1),
                Source = reader.GetString(2),
                Title = reader.IsDBNull(3) ? null : reader.GetString(3),
                PublishedOn = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4),
                Origin = reader.IsDBNull(5) ? null : reader.GetString(5),
                StartOffset = reader.GetInt32(6),
                EndOffset = reader.GetInt32(7),
                Line = reader.IsDBNull(8) ? null : reader.GetInt32(8),
                Sentence = reader.GetString(9),
            });
        }
        return rows;
    }

    /// <summary>
    /// The documents behind pledges (as of a time), each with the ids of the pledges it supports; with
    /// <paramref name="pledgeIds"/>, only the documents behind those pledges (and only those ids).
    /// </summary>
    public async Task<IReadOnlyList<SourceDocument>> DocumentsAsync(DateTimeOffset? asOf, CancellationToken ct, IReadOnlyCollection<long>? pledgeIds = null)
    {
        await using var conn = await OpenAsync(ct);
        var only = pledgeIds is null ? "" : "AND e.pledge_id = ANY(@ids)";
        var rows = await conn.QueryAsync<DocumentRow>(new CommandDefinition($"""
            SELECT d.id, coalesce(d.title, d.source) AS title, d.published_on, coalesce(d.origin, d.source) AS origin, d.format,
                   array_agg(DISTINCT e.pledge_id ORDER BY e.pledge_id) AS pledge_ids
            FROM documents d JOIN evidence e ON e.document_id = d.id
            WHERE (@as_of::timestamptz IS NULL OR (d.ingested_at <= @as_of AND e.recorded_at <= @as_of)) {only}
            GROUP BY d.id ORDER BY d.published_on NULLS LAST, d.id
            """, new { as_of = asOf?.UtcDateTime, ids = pledgeIds?.ToArray() ?? [] }, cancellationToken: ct));
        return rows.Select(r => new SourceDocument(r.Id, r.Title, r.PublishedOn, r.Origin, r.Format, r.PledgeIds)).ToList();
    }

    private sealed class DocumentRow
    {
        public long Id { get; set; }
        public string? Title { get; set; }
        public DateOnly? PublishedOn { get; set; }
        public string? Origin { get; set; }
        public string Format { get; set; } = "";
        public long[] PledgeIds { get; set; } = [];
    }

    private async Task<IReadOnlyList<PledgeView>> QueryViewsAsync(string where, string order, DynamicParameters args, DateTimeOffset? asOf, CancellationToken ct)
    {
        if (asOf is { } t) args.Add("as_of", t.UtcDateTime);
        await using var conn = await OpenAsync(ct);
        // Read without Dapper (`show` and `add` run in the Native AOT front, issue 13).
        var rows = await PledgeRow.ReadAllAsync(conn, PledgeQueries.View(asOf is not null, where, order), args, null, ct);
        return rows.Select(r => r.ToView()).ToList();
    }

    private Task<NpgsqlConnection> OpenAsync(CancellationToken ct) =>
        db.OpenConnectionAsync(ct);
}

/// <summary>What <see cref="PledgeStore.AddUnlessSameAsync"/> did: the pledge written, or the same pledges the ledger already holds.</summary>
public sealed record AddOutcome(Pledge? Added, IReadOnlyList<Pledge> Same);

/// <summary>A piece of evidence: where in which document a pledge was stated.</summary>
public sealed class EvidenceView
{
    public long Id { get; init; }
    public long DocumentId { get; init; }
    public string Source { get; init; } = "";
    public string? Title { get; init; }
    public DateOnly? PublishedOn { get; init; }
    public string? Origin { get; init; }
    public int StartOffset { get; init; }
    public int EndOffset { get; init; }
    public int? Line { get; init; }
    public string Sentence { get; init; } = "";
}
