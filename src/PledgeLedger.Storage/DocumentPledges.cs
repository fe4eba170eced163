using Dapper;

namespace PledgeLedger.Storage;

/// <summary>A document in the ledger and the pledges its statements support (for <c>pledge redate</c>).</summary>
public sealed record DocumentPledges(long DocumentId, string Source, DateOnly? PublishedOn, IReadOnlyList<long> PledgeIds)
{
    /// <summary>
    /// The document named by its id, or by its source (the path or URL it was ingested from) when exactly one has it;
    /// null when none. Several documents of one source (a feed's items) are refused with their ids.
    /// </summary>
    public static async Task<DocumentPledges?> FindAsync(LedgerDatabase db, string document, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var conn = await db.OpenConnectionAsync(ct);
        var id = long.TryParse(document, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (long?)null;
        var docs = (await conn.QueryAsync<DocRow>(new CommandDefinition("""
            SELECT id, source, published_on FROM documents
            WHERE id = @id OR (@id IS NULL AND (source = @document OR origin = @document))
            ORDER BY id LIMIT 20
            """, new { id, document }, cancellationToken: ct))).ToList();
        if (docs.Count == 0) return null;
        if (docs.Count > 1)
        {
            throw new LedgerInputException($"DOC: '{document}' names {docs.Count} documents (ids {string.Join(", ", docs.Select(d => d.Id))}); give one id");
        }
        var pledges = (await conn.QueryAsync<long>(new CommandDefinition(
            "SELECT DISTINCT pledge_id FROM evidence WHERE document_id = @id ORDER BY pledge_id", new { id = docs[0].Id }, cancellationToken: ct))).ToList();
        return new DocumentPledges(docs[0].Id, docs[0].Source, docs[0].PublishedOn, pledges);
    }

    private sealed class DocRow
    {
        public long Id { get; set; }
        public string Source { get; set; } = "";
        public DateOnly? PublishedOn { get; set; }
    }
}
