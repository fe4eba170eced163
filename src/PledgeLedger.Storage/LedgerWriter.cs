using Dapper;
using Npgsql;
using NpgsqlTypes;
using PledgeLedger.Core;

namespace PledgeLedger.Storage;

/// <summary>
/// The one writer of the record's pledge tables: pledge ids, versions (one INSERT, binary COPY, or next versions made
/// from current ones in SQL), evidence, documents and the reported totals an ingested document carries. Every store
/// that writes them goes through it, inside the caller's transaction, so how a <see cref="Pledge"/> becomes a
/// pledge_versions row is written once.
/// </summary>
internal static class LedgerWriter
{
    /// <summary>
    /// How each pledge_versions column is written from a <see cref="Pledge"/> (the table's order; recorded_at is the
    /// database's clock). Derived columns: adjustment (a negative money amount, migration 0004), item (only without a
    /// system, white space cleaned), last_stated_on (only when later than the announcement, migration 0009).
    /// </summary>
    private static readonly (string Column, NpgsqlDbType Type, Func<Pledge, object?> Value)[] Fields =
    [
        ("pledge_id", NpgsqlDbType.Bigint, p => p.Id),
        ("version", NpgsqlDbType.Integer, p => p.Version),
        ("donor_code", NpgsqlDbType.Text, p => p.DonorCode),
        ("recipient_code", NpgsqlDbType.Text, p => p.RecipientCode),
        ("aid_type", NpgsqlDbType.Text, p => p.AidType.Name()),
        ("kind", NpgsqlDbType.Text, p => p.Kind.Name()),
        ("amount", NpgsqlDbType.Numeric, p => p.Amount),
        ("currency", NpgsqlDbType.Text, p => p.Currency),
        ("qualifier", NpgsqlDbType.Text, p => p.Qualifier.Name()),
        ("system_id", NpgsqlDbType.Text, p => p.SystemId),
        ("category", NpgsqlDbType.Text, p => p.Category),
        ("quantity", NpgsqlDbType.Bigint, p => p.Quantity),
        ("stated_value_eur", NpgsqlDbType.Numeric, p => p.StatedValueEur),
        ("period", NpgsqlDbType.Text, p => p.Period.Name()),
        ("years", NpgsqlDbType.Integer, p => p.Years),
        ("status", NpgsqlDbType.Text, p => p.Status.Name()),
        ("announced_on", NpgsqlDbType.Date, p => p.AnnouncedOn),
        ("note", NpgsqlDbType.Text, p => p.Note),
        ("source", NpgsqlDbType.Text, p => p.Source),
        ("confidence", NpgsqlDbType.Numeric, p => Math.Round(p.Confidence, 2)),
        ("needs_review", NpgsqlDbType.Boolean, p => p.NeedsReview),
        ("review_reason", NpgsqlDbType.Text, p => p.ReviewReason),
        ("retracted", NpgsqlDbType.Boolean, p => p.Retracted),
        ("reason", NpgsqlDbType.Text, p => p.Reason),
        ("adjustment", NpgsqlDbType.Boolean, p => IsAdjustment(p)),
        ("item", NpgsqlDbType.Text, p => p.SystemId is null ? Items.Clean(p.Item) : null),
        ("last_stated_on", NpgsqlDbType.Date, p => StoredLastStatedOn(p)),
    ];

    /// <summary>The columns a version is written with, in <see cref="Fields"/> order.</summary>
    public static IEnumerable<string> WrittenColumns => Fields.Select(f => f.Column);

    private static readonly string WrittenList = string.Join(", ", WrittenColumns);

    private static readonly string InsertSql =
        $"INSERT INTO pledge_versions ({WrittenList}) VALUES ({string.Join(", ", Fields.Select((_, i) => $"${i + 1}"))}) RETURNING recorded_at";

    /// <summary>
    /// A negative money amount can only be stored as an adjustment (a source's own correction, migration 0004).
    /// Only imports with negative=allow produce them; <c>pledge add</c>/<c>amend</c> validate amounts as positive.
    /// </summary>
    private static bool IsAdjustment(Pledge p) => p.Kind == PledgeKind.Money && p.Amount < 0;

    /// <summary>The span's end as the ledger keeps it: only when later than the announcement date (migration 0009).</summary>
    private static DateOnly? StoredLastStatedOn(Pledge p) => Consolidation.LastDate(p) is { } last && last > p.AnnouncedOn ? last : null;

    /// <summary>Allocates <paramref name="count"/> new pledge ids, in ascending order.</summary>
    public static async Task<IReadOnlyList<long>> AllocateIdsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int count, CancellationToken ct)
    {
        if (count == 0) return [];
        // Read without Dapper (`pledge add` runs in the Native AOT front, issue 13).
        await using var cmd = new NpgsqlCommand("INSERT INTO pledges SELECT FROM generate_series(1, @n) RETURNING id", conn, tx);
        cmd.Parameters.AddWithValue("n", count);
        var ids = new List<long>(count);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
        }
        ids.Sort();
        return ids;
    }

    /// <summary>Writes a new pledge (a new id, version 1) and returns it as stored.</summary>
    public static async Task<Pledge> InsertNewAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Pledge pledge, CancellationToken ct)
    {
        var ids = await AllocateIdsAsync(conn, tx, 1, ct);
        return await InsertVersionAsync(conn, tx, pledge with { Id = ids[0], Version = 1 }, ct);
    }

    /// <summary>Writes one version and returns it with the time the database recorded it at.</summary>
    public static async Task<Pledge> InsertVersionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Pledge p, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(InsertSql, conn, tx);
        foreach (var (_, type, value) in Fields)
        {
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = Clean(value(p)) ?? DBNull.Value });
        }
        try
        {
            var recorded = (DateTime)(await cmd.ExecuteScalarAsync(ct))!;
            return p with { RecordedAt = new DateTimeOffset(DateTime.SpecifyKind(recorded, DateTimeKind.Utc)) };
        }
        catch (PostgresException e) when (RefusedValues.Are(e))
        {
            throw RefusedValues.Refused(e);
        }
    }

    /// <summary>Writes versions with binary COPY (the pledge_current trigger fires once for the statement).</summary>
    public static async Task CopyVersionsAsync(NpgsqlConnection conn, IReadOnlyList<Pledge> versions, CancellationToken ct)
    {
        if (versions.Count == 0) return;
        try
        {
            await using var w = await conn.BeginBinaryImportAsync($"COPY pledge_versions ({WrittenList}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var p in versions)
            {
                await w.StartRowAsync(ct);
                foreach (var (_, type, value) in Fields) await WriteAsync(w, value(p), type, ct);
            }
            await w.CompleteAsync(ct);
        }
        catch (PostgresException e) when (RefusedValues.Are(e))
        {
            throw RefusedValues.Refused(e);
        }
    }

    /// <summary>
    /// SQL that writes the next version of every row of <paramref name="current"/> (a query over pledge_current
    /// columns, e.g. a CTE name) in one INSERT ... SELECT: each column as it is, but version + 1 and the
    /// <paramref name="changes"/> (column to SQL expression). Returns the statement; its parameters are the caller's.
    /// </summary>
    public static string NextVersionsSql(string current, IReadOnlyDictionary<string, string> changes) => $"""
        INSERT INTO pledge_versions ({WrittenList})
        SELECT {string.Join(", ", Fields.Select(f => f.Column == "version" ? "version + 1" : changes.GetValueOrDefault(f.Column, f.Column)))}
        FROM {current}
        """;

    /// <summary>Writes evidence rows with binary COPY: offsets clamped to the schema's bounds, NUL characters dropped.</summary>
    public static async Task CopyEvidenceAsync(NpgsqlConnection conn, IEnumerable<(long PledgeId, long DocumentId, EvidenceRecord Evidence)> rows, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY evidence (pledge_id, document_id, start_offset, end_offset, line, sentence) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (pledgeId, docId, e) in rows)
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

    /// <summary>
    /// Writes the documents not yet in the ledger (by content hash; the first of several with one hash) through a
    /// staging table and binary COPY, and returns the ids of those written by content hash: a document already there
    /// is not among them.
    /// </summary>
    public static async Task<Dictionary<string, long>> InsertDocumentsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<DocumentRecord> documents, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(
            "CREATE TEMP TABLE stage_docs (content_hash text, source text, origin text, title text, published_on date, format text, body text) ON COMMIT DROP",
            transaction: tx, cancellationToken: ct));
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY stage_docs (content_hash, source, origin, title, published_on, format, body) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var d in documents)
            {
                await w.StartRowAsync(ct);
                await WriteAsync(w, d.ContentHash, NpgsqlDbType.Text, ct);
                await WriteAsync(w, d.Source, NpgsqlDbType.Text, ct);
                await WriteAsync(w, d.Origin, NpgsqlDbType.Text, ct);
                await WriteAsync(w, d.Title, NpgsqlDbType.Text, ct);
                await WriteAsync(w, d.PublishedOn, NpgsqlDbType.Date, ct);
                await WriteAsync(w, d.Format, NpgsqlDbType.Text, ct);
                await WriteAsync(w, d.Body, NpgsqlDbType.Text, ct);
            }
            await w.CompleteAsync(ct);
        }
        return (await conn.QueryAsync<(long Id, string ContentHash)>(new CommandDefinition("""
            INSERT INTO documents (content_hash, source, origin, title, published_on, format, body)
            SELECT content_hash, source, origin, title, published_on, format, body FROM stage_docs
            ON CONFLICT (content_hash) DO NOTHING
            RETURNING id, content_hash
            """, transaction: tx, cancellationToken: ct))).ToDictionary(r => r.ContentHash, r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>Writes reported totals by binary COPY (ingest: inside its batch transaction).</summary>
    public static async Task CopyReportedTotalsAsync(NpgsqlConnection conn, IReadOnlyList<(long? DocumentId, ReportedTotalRecord Total)> totals, CancellationToken ct)
    {
        if (totals.Count == 0) return;
        try
        {
            await using var w = await conn.BeginBinaryImportAsync("""
                COPY reported_totals (donor_code, kind, amount, currency, system_id, item, category, quantity, qualifier, status,
                    as_of, document_id, start_offset, end_offset, line, sentence, source) FROM STDIN (FORMAT BINARY)
                """, ct);
            foreach (var (docId, t) in totals)
            {
                var money = t.Kind == PledgeKind.Money;
                await w.StartRowAsync(ct);
                await w.WriteAsync(t.DonorCode, NpgsqlDbType.Text, ct);
                await w.WriteAsync(t.Kind.Name(), NpgsqlDbType.Text, ct);
                await WriteAsync(w, money ? t.Amount : null, NpgsqlDbType.Numeric, ct);
                await WriteAsync(w, money ? t.Currency : null, NpgsqlDbType.Text, ct);
                await WriteAsync(w, money ? null : t.SystemId, NpgsqlDbType.Text, ct);
                await WriteAsync(w, money || t.SystemId is not null ? null : Items.Clean(t.Item), NpgsqlDbType.Text, ct);
                await WriteAsync(w, money ? null : t.Category, NpgsqlDbType.Text, ct);
                await WriteAsync(w, money ? null : t.Quantity, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(t.Qualifier.Name(), NpgsqlDbType.Text, ct);
                await w.WriteAsync(t.Status.Name(), NpgsqlDbType.Text, ct);
                await WriteAsync(w, t.AsOf, NpgsqlDbType.Date, ct);
                await WriteAsync(w, docId, NpgsqlDbType.Bigint, ct);
                var e = t.Evidence;
                await WriteAsync(w, e is null ? (int?)null : Math.Max(0, e.Start), NpgsqlDbType.Integer, ct);
                await WriteAsync(w, e is null ? (int?)null : Math.Max(Math.Max(0, e.Start), e.End), NpgsqlDbType.Integer, ct);
                await WriteAsync(w, e is null ? (int?)null : Math.Max(1, e.Line), NpgsqlDbType.Integer, ct);
                await WriteAsync(w, e?.Sentence, NpgsqlDbType.Text, ct);
                await WriteAsync(w, t.Source, NpgsqlDbType.Text, ct);
            }
            await w.CompleteAsync(ct);
        }
        catch (PostgresException e) when (RefusedValues.Are(e))
        {
            throw RefusedValues.Refused(e, "reported total: ");
        }
    }

    /// <summary>Writes one COPY field: NULL for null, text without NUL characters (PostgreSQL text cannot hold them).</summary>
    public static Task WriteAsync(NpgsqlBinaryImporter w, object? value, NpgsqlDbType type, CancellationToken ct) =>
        Clean(value) is { } v ? w.WriteAsync(v, type, ct) : w.WriteNullAsync(ct);

    private static object? Clean(object? value) => value is string s ? StripNul(s) : value;

    /// <summary>PostgreSQL text cannot hold NUL characters.</summary>
    public static string StripNul(string s) => s.Contains('\0', StringComparison.Ordinal) ? s.Replace("\0", "", StringComparison.Ordinal) : s;
}
