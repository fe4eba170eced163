using System.Globalization;

namespace PledgeLedger.Core;

/// <summary>
/// The one rule that decides whether two statements are the same pledge. Used by extraction (within a
/// batch), by ingestion (against the ledger) and by <c>pledge add</c> (likely-duplicate check), so a pledge
/// is counted once however it enters.
/// <para>Two statements are the same pledge when donor, kind, period and the amount+currency (money) or
/// system+quantity (equipment) are equal, both are proposals or both are commitments (pledged, allocated and
/// delivered are stages of one pledge), and their dates lie within <see cref="WindowDays"/> days of each other or
/// either is undated. The merged pledge takes the earliest date and the furthest stage.</para>
/// </summary>
public static class Consolidation
{
    public const int WindowDays = 14;

    /// <summary>The part of the rule that must match exactly; dates are compared with <see cref="DatesMatch"/>.</summary>
    public static string Key(Pledge p) => Key(p.DonorCode, p.Kind, p.Status, p.Period, p.Amount, p.Currency, p.SystemId, p.Category, p.Quantity, p.Item);

    /// <summary>
    /// The exact part of the rule. Equipment is identified by its catalog system, else by its free-text item (case
    /// and spacing ignored, <see cref="Items.MatchKey"/>), else by its category.
    /// </summary>
    public static string Key(string donor, PledgeKind kind, PledgeStatus status, Period period,
        decimal? amount, string? currency, string? systemId, string? category, long? quantity, string? item = null)
    {
        var what = kind == PledgeKind.Money
            ? $"{(amount ?? 0m).ToString("0.##", CultureInfo.InvariantCulture)} {currency}"
            : $"{systemId ?? (item is null ? "category:" + category : "item:" + Items.MatchKey(item))} x{quantity?.ToString(CultureInfo.InvariantCulture) ?? "?"}";
        var stage = status == PledgeStatus.Proposed ? "proposed" : "committed";
        return $"{donor.ToUpperInvariant()}|{kind.Name()}|{stage}|{period.Name()}|{what}";
    }

    public static bool DatesMatch(DateOnly? a, DateOnly? b) =>
        a is null || b is null || Math.Abs(a.Value.DayNumber - b.Value.DayNumber) <= WindowDays;

    public static bool IsSamePledge(Pledge a, Pledge b) => Key(a) == Key(b) && DatesMatch(a.AnnouncedOn, b.AnnouncedOn);

    /// <summary>When statements merge, the pledge takes the furthest stage (delivered over allocated over pledged).</summary>
    public static PledgeStatus MergedStatus(PledgeStatus a, PledgeStatus b) => a > b ? a : b;

    /// <summary>When statements merge, the pledge takes the earliest known date, so the order of ingestion does not matter.</summary>
    public static DateOnly? MergedDate(DateOnly? a, DateOnly? b) =>
        a is null ? b : b is null ? a : (a.Value < b.Value ? a : b);
}

/// <summary>Free-text equipment items (<see cref="Pledge.Item"/>): how they are cleaned and compared.</summary>
public static class Items
{
    /// <summary>The longest item the ledger stores.</summary>
    public const int MaxLength = 200;

    /// <summary>The item as stored: runs of white space collapsed to one space, trimmed; null when empty.</summary>
    public static string? Clean(string? item)
    {
        if (string.IsNullOrWhiteSpace(item)) return null;
        var cleaned = string.Join(' ', item.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length > MaxLength ? cleaned[..MaxLength].TrimEnd() : cleaned;
    }

    /// <summary>What two statements of an item must share to be the same item: the cleaned text, lower case.</summary>
    public static string MatchKey(string item) => (Clean(item) ?? "").ToLowerInvariant();
}
