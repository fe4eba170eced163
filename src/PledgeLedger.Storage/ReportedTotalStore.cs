using Dapper;
using PledgeLedger.Core;

namespace PledgeLedger.Storage;

/// <summary>
/// A running total a document reports ("brings its total aid to EUR 5 bn", "has provided 31 Abrams so far"): money
/// (amount and currency) or equipment (a system, a free-text item or a category, with a quantity). Never a pledge.
/// </summary>
public sealed record ReportedTotalRecord
{
    public required string DonorCode { get; init; }
    public PledgeKind Kind { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    public string? SystemId { get; init; }
    public string? Item { get; init; }
    public string? Category { get; init; }
    public long? Quantity { get; init; }
    public Qualifier Qualifier { get; init; } = Qualifier.Exact;
    public PledgeStatus Status { get; init; } = PledgeStatus.Pledged;
    /// <summary>The date the total is stated for (the document's date unless the text names one).</summary>
    public DateOnly? AsOf { get; init; }
    /// <summary>Where in its document it is stated; null when not from a document.</summary>
    public EvidenceRecord? Evidence { get; init; }
    /// <summary>The document's URL or path.</summary>
    public string? Source { get; init; }
}

/// <summary>One reported total as stored (reported_totals, append-only), with its document's title when it has one.</summary>
public sealed record StoredReportedTotal(long Id, ReportedTotalRecord Total, long? DocumentId, string? DocumentTitle, DateTimeOffset RecordedAt);

/// <summary>
/// One line of <c>pledge totals --reported</c>: the latest reported total of a donor (money, or one system/item)
/// beside the ledger's own counted sum up to that total's date, and the gap (reported minus ledger).
/// </summary>
public sealed record ReportedComparison
{
    public required StoredReportedTotal Latest { get; init; }
    public required string DonorName { get; init; }
    /// <summary>The system's catalog name, the item or the category the total is about; null for money.</summary>
    public string? What { get; init; }
    /// <summary>The reported money in EUR (rate of the as-of date or up to 7 days before); null when it has no rate.</summary>
    public decimal? ReportedEur { get; init; }
    /// <summary>The ledger's counted money up to the as-of date, EUR (one-off and multi-year; annual sums left out).</summary>
    public decimal LedgerEur { get; init; }
    /// <summary>The ledger's counted money without a rate, per currency (not in <see cref="LedgerEur"/>).</summary>
    public IReadOnlyList<Money> LedgerUnconverted { get; init; } = [];
    /// <summary>The ledger's counted items of the system/item/category up to the as-of date.</summary>
    public long LedgerItems { get; init; }
    public int LedgerPledges { get; init; }
    /// <summary>Reported minus ledger: EUR for money (null when the reported total or some of the ledger's money has no
    /// rate), items for equipment.</summary>
    public decimal? Gap { get; init; }
    /// <summary>How many reported totals of the same donor and subject there are (the latest is shown).</summary>
    public int Reports { get; init; }
}

/// <summary>Reported running totals: written with their document by ingest, compared with the ledger by <c>pledge totals --reported</c>.</summary>
public sealed class ReportedTotalStore(LedgerDatabase db)
{
    /// <summary>Appends reported totals (not from an ingested document, or of one already stored), in one transaction.</summary>
    public async Task AddAsync(IReadOnlyList<ReportedTotalRecord> totals, long? documentId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LedgerWriter.CopyReportedTotalsAsync(conn, totals.Select(t => (documentId, t)).ToList(), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Every reported total of the donors (all when null), newest first.</summary>
    public async Task<IReadOnlyList<StoredReportedTotal>> ListAsync(IReadOnlyCollection<string>? donors, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition($"""
            {SelectSql}
            WHERE @donors::text[] IS NULL OR rt.donor_code = ANY(@donors)
            ORDER BY rt.as_of DESC NULLS LAST, rt.recorded_at DESC, rt.id DESC
            """, new { donors = donors?.ToArray() }, cancellationToken: ct));
        return rows.Select(r => r.ToStored()).ToList();
    }

    /// <summary>
    /// Per donor and subject (money; or one system, item or category), the latest reported total (by as-of date, then
    /// recorded_at; undated ones last) beside the ledger's counted pledges (pledged, allocated, delivered; not
    /// retracted, not waiting for review; to Ukraine) announced up to its as-of date or undated. Money is compared in
    /// EUR: the reported amount at the rate of its as-of date (or up to 7 days before), the ledger's pledges each at
    /// its own date's rate; annual sums are left out of the ledger side (a running total is not a per-year sum).
    /// </summary>
    public async Task<IReadOnlyList<ReportedComparison>> CompareAsync(IReadOnlyCollection<string>? donors, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<CompareRow>(new CommandDefinition($"""
            WITH keyed AS (
                SELECT rt.*, CASE WHEN rt.kind = 'money' THEN 'money'
                                  ELSE coalesce('system:' || rt.system_id, 'item:' || lower(rt.item), 'category:' || rt.category) END AS subject
                FROM reported_totals rt
                WHERE @donors::text[] IS NULL OR rt.donor_code = ANY(@donors)),
            latest AS (
                SELECT DISTINCT ON (k.donor_code, k.subject) k.id, k.donor_code, k.subject,
                       count(*) OVER (PARTITION BY k.donor_code, k.subject) AS reports
                FROM keyed k
                ORDER BY k.donor_code, k.subject, k.as_of DESC NULLS LAST, k.recorded_at DESC, k.id DESC)
            SELECT r.*, l.reports, dn.name AS donor_name, coalesce(s.name, r.item, r.category) AS what,
                   eur_value(r.currency, r.amount, fx.units_per_eur) AS reported_eur,
                   led.pledges AS ledger_pledges, coalesce(led.eur, 0) AS ledger_eur, coalesce(led.items, 0) AS ledger_items,
                   led.unconverted_currencies, led.unconverted_amounts
            FROM latest l
            JOIN ({SelectSql}) r ON r.id = l.id
            JOIN donors dn ON dn.code = l.donor_code
            LEFT JOIN equipment_systems s ON s.id = r.system_id
            LEFT JOIN fx_daily fx ON fx.currency = r.currency AND fx.day = r.as_of
            CROSS JOIN LATERAL (
                SELECT count(*)::int AS pledges,
                       sum(p.eur) AS eur,
                       sum(p.quantity)::bigint AS items,
                       array_agg(p.currency ORDER BY p.currency) FILTER (WHERE p.unconverted IS NOT NULL) AS unconverted_currencies,
                       array_agg(p.unconverted ORDER BY p.currency) FILTER (WHERE p.unconverted IS NOT NULL) AS unconverted_amounts
                FROM valued_pledges p
                WHERE p.donor_code = l.donor_code AND p.recipient_code = 'UA' AND p.kind = r.kind
                  AND NOT p.retracted AND NOT p.needs_review AND p.status IN ('pledged', 'allocated', 'delivered')
                  AND (r.as_of IS NULL OR p.announced_on IS NULL OR p.announced_on <= r.as_of)
                  AND (r.kind = 'money' AND p.period <> 'annual'
                       OR r.kind = 'equipment' AND CASE WHEN r.system_id IS NOT NULL THEN p.system_id = r.system_id
                                                        WHEN r.item IS NOT NULL THEN lower(p.item) = lower(r.item)
                                                        ELSE coalesce(s.category, p.category) = r.category END)) led
            ORDER BY dn.name, l.subject
            """, new { donors = donors?.ToArray() }, cancellationToken: ct));
        return rows.Select(r =>
        {
            var stored = r.ToStored();
            var money = stored.Total.Kind == PledgeKind.Money;
            var unconverted = Money.SumPerCurrency((r.UnconvertedCurrencies ?? []).Zip(r.UnconvertedAmounts ?? [], (c, a) => new Money(a, c)));
            return new ReportedComparison
            {
                Latest = stored,
                DonorName = r.DonorName,
                What = money ? null : r.What,
                ReportedEur = money ? r.ReportedEur : null,
                LedgerEur = money ? r.LedgerEur : 0m,
                LedgerUnconverted = money ? unconverted : [],
                LedgerItems = money ? 0 : r.LedgerItems,
                LedgerPledges = r.LedgerPledges,
                // Money the ledger holds without a rate is part of the comparison too: a gap that left it out would
                // overstate what the ledger lacks, so there is none then.
                Gap = money ? (unconverted.Count > 0 ? null : r.ReportedEur - r.LedgerEur) : stored.Total.Quantity - r.LedgerItems,
                Reports = (int)r.Reports,
            };
        }).ToList();
    }

    private const string SelectSql = """
        SELECT rt.id, rt.donor_code, rt.kind, rt.amount, rt.currency, rt.system_id, rt.item, rt.category, rt.quantity,
               rt.qualifier, rt.status, rt.as_of, rt.document_id, rt.start_offset, rt.end_offset, rt.line, rt.sentence,
               coalesce(rt.source, d.origin, d.source) AS source, d.title AS document_title, rt.recorded_at
        FROM reported_totals rt LEFT JOIN documents d ON d.id = rt.document_id
        """;

    private class Row
    {
        public long Id { get; set; }
        public string DonorCode { get; set; } = "";
        public string Kind { get; set; } = "money";
        public decimal? Amount { get; set; }
        public string? Currency { get; set; }
        public string? SystemId { get; set; }
        public string? Item { get; set; }
        public string? Category { get; set; }
        public long? Quantity { get; set; }
        public string Qualifier { get; set; } = "exact";
        public string Status { get; set; } = "pledged";
        public DateOnly? AsOf { get; set; }
        public long? DocumentId { get; set; }
        public int? StartOffset { get; set; }
        public int? EndOffset { get; set; }
        public int? Line { get; set; }
        public string? Sentence { get; set; }
        public string? Source { get; set; }
        public string? DocumentTitle { get; set; }
        public DateTime RecordedAt { get; set; }

        public StoredReportedTotal ToStored() => new(Id, new ReportedTotalRecord
        {
            DonorCode = DonorCode,
            Kind = EnumNames.ParseKind(Kind),
            Amount = Amount,
            Currency = Currency,
            SystemId = SystemId,
            Item = Item,
            Category = Category,
            Quantity = Quantity,
            Qualifier = EnumNames.ParseQualifier(Qualifier),
            Status = EnumNames.ParseStatus(Status),
            AsOf = AsOf,
            Evidence = Sentence is null ? null : new EvidenceRecord(StartOffset ?? 0, EndOffset ?? 0, Line ?? 1, Sentence),
            Source = Source,
        }, DocumentId, DocumentTitle, new DateTimeOffset(DateTime.SpecifyKind(RecordedAt, DateTimeKind.Utc)));
    }

    private sealed class CompareRow : Row
    {
        public long Reports { get; set; }
        public string DonorName { get; set; } = "";
        public string? What { get; set; }
        public decimal? ReportedEur { get; set; }
        public int LedgerPledges { get; set; }
        public decimal LedgerEur { get; set; }
        public long LedgerItems { get; set; }
        public string[]? UnconvertedCurrencies { get; set; }
        public decimal[]? UnconvertedAmounts { get; set; }
    }
}
