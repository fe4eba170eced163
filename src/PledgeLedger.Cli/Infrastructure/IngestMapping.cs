using PledgeLedger.Core;
using PledgeLedger.Extraction;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli;

/// <summary>
/// Extraction's results as Storage records, for ingest and the demo. Extraction and Storage never reference each
/// other, so the mapping between them lives here, where the two are wired together.
/// </summary>
internal static class IngestMapping
{
    /// <summary>
    /// A read document, its extracted pledges and the running totals it reports, as the ledger stores them. A
    /// free-text item the ledger's catalog knows (a system added or an item promoted in this ledger,
    /// <paramref name="ledgerSystems"/>) is stored as that system, so it consolidates with the pledges promoted before.
    /// A pledge that breaks a rule of <see cref="PledgeRules"/> is left out and given to <paramref name="refused"/>
    /// (the extractor keeps to the rules, so this is the last check before the database's constraints).
    /// </summary>
    internal static IngestItem ToItem(PledgeExtractor extractor, ExtractedDocument doc, DateOnly? fallback, SystemCatalog? ledgerSystems = null,
        Action<PledgeRuleViolation>? refused = null)
    {
        var result = extractor.ExtractAll(doc, fallback);
        var source = doc.Origin ?? doc.Source;
        return new IngestItem(
            new DocumentRecord(doc.ContentHash, doc.Source, doc.Origin, doc.Title, doc.PublishedOn, doc.Format, doc.Text),
            result.Pledges.Select(c => new CandidateRecord(
                MapItem(c.Pledge, ledgerSystems) with { Source = source },
                c.Evidence.Select(e => new EvidenceRecord(e.Start, e.End, e.Line, e.Text)).ToList()))
                .Where(c => Keeps(c.Pledge, refused)).ToList())
        {
            ReportedTotals = result.ReportedTotals.Select(t => ToRecord(t, source, ledgerSystems)).ToList(),
        };
    }

    /// <summary>Whether the ledger may hold <paramref name="p"/>; else its first broken rule goes to <paramref name="refused"/>.</summary>
    internal static bool Keeps(Pledge p, Action<PledgeRuleViolation>? refused)
    {
        var broken = PledgeRules.Check(p);
        if (broken.Count == 0) return true;
        refused?.Invoke(broken[0]);
        return false;
    }

    /// <summary>A free-text item that names a system of the ledger's catalog becomes that system.</summary>
    internal static Pledge MapItem(Pledge p, SystemCatalog? ledgerSystems) =>
        p.SystemId is null && p.Item is { } item && ledgerSystems?.Find(item) is { } s
            ? p with { SystemId = s.Id, Category = s.Category, Item = null }
            : p;

    /// <summary>
    /// A reported total as stored. Extraction names a system it does not know in <see cref="ReportedTotal.SystemName"/>
    /// with no id: that is a free-text item (mapped to the ledger's catalog when it knows it).
    /// </summary>
    internal static ReportedTotalRecord ToRecord(ReportedTotal t, string source, SystemCatalog? ledgerSystems)
    {
        var item = t.SystemId is null ? Items.Clean(t.SystemName) : null;
        var mapped = item is null ? null : ledgerSystems?.Find(item);
        return new ReportedTotalRecord
        {
            DonorCode = t.DonorCode,
            Kind = t.Kind,
            Amount = t.Amount,
            Currency = t.Currency,
            SystemId = t.SystemId ?? mapped?.Id,
            Item = mapped is null ? item : null,
            Category = mapped?.Category ?? t.Category,
            Quantity = t.Quantity,
            Qualifier = t.Qualifier,
            Status = t.Status,
            AsOf = t.AsOf,
            Evidence = new EvidenceRecord(t.Evidence.Start, t.Evidence.End, t.Evidence.Line, t.Evidence.Text),
            Source = source,
        };
    }
}
