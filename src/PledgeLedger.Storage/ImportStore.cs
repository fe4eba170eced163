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
        if (!(await LedgerWriter.InsertDocumentsAsync(conn, tx, [document], ct)).TryGetValue(document.ContentHash, out var docId))
        {
            await tx.RollbackAsync(ct);
            return new ImportOutcome(true, null, []);
        }
        var ids = await LedgerWriter.AllocateIdsAsync(conn, tx, pledges.Count, ct);
        await LedgerWriter.CopyVersionsAsync(conn, pledges.Select((p, i) => p.Pledge with { Id = ids[i], Version = 1 }).ToList(), ct);
        await LedgerWriter.CopyEvidenceAsync(conn, pledges.Select((p, i) => (ids[i], docId, p.Evidence)), ct);
        await tx.CommitAsync(ct);
        return new ImportOutcome(false, docId, ids);
    }
}
