using Dapper;
using NpgsqlTypes;
using PledgeLedger.Core;

namespace PledgeLedger.Storage;

/// <summary>A pledge read from an imported file, with the place in the file it came from.</summary>
public sealed record ImportedPledge(Pledge Pledge, EvidenceRecord Evidence);

/// <summary>What an import did: nothing when the file was already imported, else the document and the new pledges.</summary>
public sealed record ImportOutcome(bool AlreadyImported, long? DocumentId, IReadOnlyList<long> PledgeIds);

/// <summary>
/// Writes an imported file (tracker CSV) and its pledges in ONE transaction: the file as a <c>documents</c> row
/// (identified by the SHA-256 of its bytes), every pledge as a new ledger pledge (version 1, binary COPY) and one
/// evidence row per pledge pointing at its line. A file already in the ledger changes nothing. Imports and ingests
/// are serialised by the ledger's write lock (<see cref="LedgerLocks"/>), so two runs of the same file never both write.
/// </summary>
public sealed class ImportStore(LedgerDatabase db)
{
    public async Task<ImportOutcome> ImportAsync(DocumentRecord document, IReadOnlyList<ImportedPledge> pledges, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LedgerLocks.TakeWriteAsync(conn, tx, ct);
        var documentId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("""
            INSERT INTO documents (content_hash, source, origin, title, published_on, format, body)
            VALUES (@ContentHash, @Source, @Origin, @Title, @PublishedOn, @Format, @Body)
            ON CONFLICT (content_hash) DO NOTHING
            RETURNING id
            """, document with { Body = document.Body.Replace("\0", "", StringComparison.Ordinal) }, tx, cancellationToken: ct));
        if (documentId is not { } docId)
        {
            await tx.RollbackAsync(ct);
            return new ImportOutcome(true, null, []);
        }
        if (pledges.Count == 0)
        {
            await tx.CommitAsync(ct);
            return new ImportOutcome(false, docId, []);
        }
        var ids = (await conn.QueryAsync<long>(new CommandDefinition(
            "INSERT INTO pledges SELECT FROM generate_series(1, @n) RETURNING id", new { n = pledges.Count }, tx, cancellationToken: ct))).Order().ToList();
        await IngestStore.CopyVersionsAsync(conn, pledges.Select((p, i) => p.Pledge with { Id = ids[i], Version = 1 }).ToList(), ct);
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY evidence (pledge_id, document_id, start_offset, end_offset, line, sentence) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < pledges.Count; i++)
            {
                var e = pledges[i].Evidence;
                await w.StartRowAsync(ct);
                await w.WriteAsync(ids[i], NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(docId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(Math.Max(0, e.Start), NpgsqlDbType.Integer, ct);
                await w.WriteAsync(Math.Max(Math.Max(0, e.Start), e.End), NpgsqlDbType.Integer, ct);
                await w.WriteAsync(Math.Max(1, e.Line), NpgsqlDbType.Integer, ct);
                await w.WriteAsync(e.Sentence.Replace("\0", "", StringComparison.Ordinal), NpgsqlDbType.Text, ct);
            }
            await w.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new ImportOutcome(false, docId, ids);
    }
}
