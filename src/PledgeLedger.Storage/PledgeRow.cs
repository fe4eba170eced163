using System.Globalization;
using Npgsql;
using PledgeLedger.Core;

namespace PledgeLedger.Storage;

/// <summary>A pledge_versions / pledge_current row as Dapper reads it; mapped to Core's <see cref="Pledge"/>.</summary>
internal sealed class PledgeRow
{
    public long PledgeId { get; set; }
    public int Version { get; set; }
    public string DonorCode { get; set; } = "";
    public string RecipientCode { get; set; } = "UA";
    public string AidType { get; set; } = "unknown";
    public string Kind { get; set; } = "money";
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    public string Qualifier { get; set; } = "exact";
    public string? SystemId { get; set; }
    public string? Category { get; set; }
    public long? Quantity { get; set; }
    public decimal? StatedValueEur { get; set; }
    public string Period { get; set; } = "once";
    public int? Years { get; set; }
    public string Status { get; set; } = "pledged";
    public DateOnly? AnnouncedOn { get; set; }
    public string? Note { get; set; }
    public string? Source { get; set; }
    public decimal Confidence { get; set; } = 1m;
    public bool NeedsReview { get; set; }
    public string? ReviewReason { get; set; }
    public bool Retracted { get; set; }
    public string? Reason { get; set; }
    public DateTime RecordedAt { get; set; }
    /// <summary>A source's own correction with a negative amount (migration 0004); only imports write them.</summary>
    public bool Adjustment { get; set; }
    /// <summary>A free-text equipment item when no catalog system matches (migration 0007).</summary>
    public string? Item { get; set; }
    /// <summary>The latest date a statement of the pledge gives (migration 0009).</summary>
    public DateOnly? LastStatedOn { get; set; }

    // Columns of valued_pledges (migration 0014): the valuation the database computes.
    public decimal? UnitsPerEur { get; set; }
    public DateOnly? RateDate { get; set; }
    public decimal? UnitValueEur { get; set; }
    public decimal? Eur { get; set; }
    public decimal? InKind { get; set; }

    // Joined columns of the view queries.
    public string? DonorName { get; set; }
    public string? DonorKind { get; set; }
    public string? SystemName { get; set; }
    public string? ViewCategory { get; set; }
    public int SourceCount { get; set; }

    /// <summary>Every row of <paramref name="sql"/> read with <see cref="Reader"/> (no Dapper: the Native AOT front runs it).</summary>
    internal static async Task<List<PledgeRow>> ReadAllAsync(NpgsqlConnection conn, string sql, Dapper.DynamicParameters args, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = LedgerDatabase.Command(conn, sql, args, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var read = Reader(reader);
        var rows = new List<PledgeRow>();
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }

    /// <summary>
    /// How to read the columns of <paramref name="reader"/> into a row without Dapper (start-up time of `pledge list`,
    /// issue 13): one setter per column, by name as Dapper matches them (snake_case to the property); unknown columns
    /// are skipped, and NULL leaves the property's default, as with Dapper.
    /// </summary>
    public static Func<NpgsqlDataReader, PledgeRow> Reader(NpgsqlDataReader reader)
    {
        var setters = new Action<PledgeRow, NpgsqlDataReader, int>?[reader.FieldCount];
        for (var i = 0; i < setters.Length; i++) setters[i] = Setter(reader.GetName(i));
        return r =>
        {
            var row = new PledgeRow();
            for (var i = 0; i < setters.Length; i++)
            {
                if (setters[i] is { } set && !r.IsDBNull(i)) set(row, r, i);
            }
            return row;
        };
    }

    private static Action<PledgeRow, NpgsqlDataReader, int>? Setter(string column)
    {
        static string S(NpgsqlDataReader r, int i) => r.GetString(i);
        static decimal Dec(NpgsqlDataReader r, int i) => Convert.ToDecimal(r.GetValue(i), CultureInfo.InvariantCulture);
        static long L(NpgsqlDataReader r, int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
        static int I(NpgsqlDataReader r, int i) => Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);
        static DateOnly D(NpgsqlDataReader r, int i) => r.GetFieldValue<DateOnly>(i);
        return column switch
        {
            "pledge_id" => (p, r, i) => p.PledgeId = L(r, i),
            "version" => (p, r, i) => p.Version = I(r, i),
            "donor_code" => (p, r, i) => p.DonorCode = S(r, i),
            "recipient_code" => (p, r, i) => p.RecipientCode = S(r, i),
            "aid_type" => (p, r, i) => p.AidType = S(r, i),
            "kind" => (p, r, i) => p.Kind = S(r, i),
            "amount" => (p, r, i) => p.Amount = Dec(r, i),
            "currency" => (p, r, i) => p.Currency = S(r, i),
            "qualifier" => (p, r, i) => p.Qualifier = S(r, i),
            "system_id" => (p, r, i) => p.SystemId = S(r, i),
            "category" => (p, r, i) => p.Category = S(r, i),
            "quantity" => (p, r, i) => p.Quantity = L(r, i),
            "stated_value_eur" => (p, r, i) => p.StatedValueEur = Dec(r, i),
            "period" => (p, r, i) => p.Period = S(r, i),
            "years" => (p, r, i) => p.Years = I(r, i),
            "status" => (p, r, i) => p.Status = S(r, i),
            "announced_on" => (p, r, i) => p.AnnouncedOn = D(r, i),
            "note" => (p, r, i) => p.Note = S(r, i),
            "source" => (p, r, i) => p.Source = S(r, i),
            "confidence" => (p, r, i) => p.Confidence = Dec(r, i),
            "needs_review" => (p, r, i) => p.NeedsReview = r.GetBoolean(i),
            "review_reason" => (p, r, i) => p.ReviewReason = S(r, i),
            "retracted" => (p, r, i) => p.Retracted = r.GetBoolean(i),
            "reason" => (p, r, i) => p.Reason = S(r, i),
            "recorded_at" => (p, r, i) => p.RecordedAt = r.GetDateTime(i),
            "adjustment" => (p, r, i) => p.Adjustment = r.GetBoolean(i),
            "item" => (p, r, i) => p.Item = S(r, i),
            "last_stated_on" => (p, r, i) => p.LastStatedOn = D(r, i),
            "donor_name" => (p, r, i) => p.DonorName = S(r, i),
            "donor_kind" => (p, r, i) => p.DonorKind = S(r, i),
            "system_name" => (p, r, i) => p.SystemName = S(r, i),
            "view_category" => (p, r, i) => p.ViewCategory = S(r, i),
            "units_per_eur" => (p, r, i) => p.UnitsPerEur = Dec(r, i),
            "rate_date" => (p, r, i) => p.RateDate = D(r, i),
            "unit_value_eur" => (p, r, i) => p.UnitValueEur = Dec(r, i),
            "eur" => (p, r, i) => p.Eur = Dec(r, i),
            "in_kind" => (p, r, i) => p.InKind = Dec(r, i),
            "source_count" => (p, r, i) => p.SourceCount = I(r, i),
            _ => null,
        };
    }

    public Pledge ToPledge() => new()
    {
        Id = PledgeId,
        Version = Version,
        DonorCode = DonorCode,
        RecipientCode = RecipientCode,
        AidType = EnumNames.ParseAidType(AidType),
        Kind = EnumNames.ParseKind(Kind),
        Amount = Amount,
        Currency = Currency,
        Qualifier = EnumNames.ParseQualifier(Qualifier),
        SystemId = SystemId,
        Category = Category,
        Item = Item,
        Quantity = Quantity,
        StatedValueEur = StatedValueEur,
        Period = EnumNames.ParsePeriod(Period),
        Years = Years,
        Status = EnumNames.ParseStatus(Status),
        AnnouncedOn = AnnouncedOn,
        LastStatedOn = LastStatedOn,
        Note = Note,
        Source = Source,
        Confidence = Confidence,
        NeedsReview = NeedsReview,
        ReviewReason = ReviewReason,
        Retracted = Retracted,
        Reason = Reason,
        RecordedAt = new DateTimeOffset(DateTime.SpecifyKind(RecordedAt, DateTimeKind.Utc)),
    };

    /// <summary>
    /// The pledge as listings and reports see it; its values are the view's, never recomputed here. EUR comes without
    /// the trailing zeros of the database's division scale (316160, not 316160.0000000000000000), as C# divided before.
    /// </summary>
    public PledgeView ToView() => new()
    {
        Pledge = ToPledge(),
        DonorName = DonorName ?? DonorCode,
        DonorKind = DonorKind is null ? Core.DonorKind.State : EnumNames.ParseDonorKind(DonorKind),
        SystemName = SystemName,
        Category = ViewCategory ?? Category,
        Eur = Eur is { } eur ? eur / 1.000000000000000000000000000000000m : null,
        RateDate = RateDate,
        UnitsPerEur = UnitsPerEur,
        InKindEur = InKind,
        SourceCount = SourceCount,
    };
}
