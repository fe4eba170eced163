using System.Globalization;

namespace PledgeLedger.Core;

/// <summary>
/// The one rule that decides which statements are the same pledge and what the pledge then says. Extraction (within
/// a document), ingestion (against the ledger) and <c>pledge add</c> (duplicate refusal) all apply it, so a pledge is
/// counted once however, in whatever order and in whatever batches it enters.
/// <para><b>Same pledge.</b> Two statements are the same pledge when their <see cref="Key(Pledge)"/> is equal (donor,
/// kind, period, amount+currency or system/item/category+quantity, and proposal or commitment: pledged, allocated and
/// delivered are stages of one pledge) and either both are dated and their dates are at most <see cref="WindowDays"/>
/// days apart, or both are undated. An undated statement is never the same pledge as a dated one: if it were, one
/// undated "EUR 500 million" would join every such pledge of that donor across the years into one.</para>
/// <para><b>No figure.</b> A statement that gives no figure (money without an amount, with or without a currency;
/// equipment without a quantity) has a key of its own ("? EUR", "x?"): such statements consolidate among themselves,
/// and a later statement with a figure stays a separate pledge; nothing guesses that the figure completes it.</para>
/// <para><b>Groups.</b> A pledge is a connected group under that relation (it chains: statements of the 1st, 12th
/// and 23rd are one pledge), so the groups are a function of the set of statements alone. A dated pledge covers the
/// span from its earliest to its latest statement (<see cref="Pledge.AnnouncedOn"/> to <see cref="LastDate"/>); a
/// statement within <see cref="WindowDays"/> days of that span joins it, and one that reaches two pledges joins them.</para>
/// <para><b>Merge.</b> <see cref="Merge(Pledge, Pledge)"/> is commutative and associative (each field is a minimum or
/// maximum), so the pledge a group makes does not depend on the order its statements arrive in.</para>
/// </summary>
public static class Consolidation
{
    public const int WindowDays = 14;

    /// <summary>Extractions less confident than this wait in <c>pledge review</c> and are not counted until accepted.</summary>
    public const decimal ReviewThreshold = 0.6m;

    /// <summary>The reason of the version a ledger pledge gets when another statement of it moves its date, stage or confidence.</summary>
    public const string ConsolidatedReason = "consolidated: another source states this pledge";

    /// <summary>
    /// The reason of the (retracted) version a ledger pledge gets when a new statement shows it is the same pledge as
    /// an older one, <paramref name="survivor"/>, whose evidence it joins.
    /// </summary>
    public static string MergedInto(long survivor) => $"merged into #{survivor.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The part of the rule that must match exactly; dates are compared with <see cref="SpansMeet"/>.</summary>
    public static string Key(Pledge p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Key(p.DonorCode, p.Kind, p.Status, p.Period, p.Amount, p.Currency, p.SystemId, p.Category, p.Quantity, p.Item);
    }

    public static string Key(string donor, PledgeKind kind, PledgeStatus status, Period period,
        decimal? amount, string? currency, string? systemId, string? category, long? quantity, string? item = null)
    {
        ArgumentNullException.ThrowIfNull(donor);
        var what = kind == PledgeKind.Money
            ? $"{amount?.ToString("0.##", CultureInfo.InvariantCulture) ?? "?"} {currency}"
            : $"{systemId ?? (item is null ? "category:" + category : "item:" + Items.MatchKey(item))} x{quantity?.ToString(CultureInfo.InvariantCulture) ?? "?"}";
        var stage = status == PledgeStatus.Proposed ? "proposed" : "committed";
        return $"{donor.ToUpperInvariant()}|{kind.Name()}|{stage}|{period.Name()}|{what}";
    }

    /// <summary>The latest date a statement of the pledge gives (its span's end); null when undated.</summary>
    public static DateOnly? LastDate(Pledge p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.AnnouncedOn is { } d ? (p.LastStatedOn is { } l && l > d ? l : d) : null;
    }

    /// <summary>Whether the dates of two pledges (or statements) allow them to be one: both undated, or both dated with spans at most <see cref="WindowDays"/> days apart.</summary>
    public static bool SpansMeet(Pledge a, Pledge b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.AnnouncedOn is not { } aStart || b.AnnouncedOn is not { } bStart) return a.AnnouncedOn is null && b.AnnouncedOn is null;
        return aStart.DayNumber - LastDate(b)!.Value.DayNumber <= WindowDays && bStart.DayNumber - LastDate(a)!.Value.DayNumber <= WindowDays;
    }

    /// <summary>Whether two statements (or a statement and a ledger pledge) are the same pledge.</summary>
    public static bool IsSamePledge(Pledge a, Pledge b) => Key(a) == Key(b) && SpansMeet(a, b);

    /// <summary>An extraction below <see cref="ReviewThreshold"/> waits for a person (confidence kept to the ledger's two decimals).</summary>
    public static Pledge Normalise(Pledge p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var confidence = Math.Round(p.Confidence, 2);
        return confidence < ReviewThreshold && !p.NeedsReview
            ? p with { Confidence = confidence, NeedsReview = true, ReviewReason = p.ReviewReason ?? "low confidence" }
            : p with { Confidence = confidence };
    }

    /// <summary>
    /// The connected groups of <paramref name="items"/> under the same-pledge relation. The grouping depends only on
    /// the set: per key, the undated items are one group, and the dated ones, sorted by date, start a new group wherever
    /// the next span begins more than <see cref="WindowDays"/> days after every earlier one has ended.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<T>> Group<T>(IEnumerable<T> items, Func<T, Pledge> pledgeOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(pledgeOf);
        var byKey = new Dictionary<string, List<(T Item, Pledge Pledge)>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var p = pledgeOf(item);
            var key = Key(p);
            if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
            list.Add((item, p));
        }
        var groups = new List<IReadOnlyList<T>>();
        foreach (var key in byKey.Keys.Order(StringComparer.Ordinal))
        {
            var list = byKey[key];
            var undated = list.Where(x => x.Pledge.AnnouncedOn is null).Select(x => x.Item).ToList();
            if (undated.Count > 0) groups.Add(undated);
            List<T>? current = null;
            var end = 0;
            foreach (var (item, p) in list.Where(x => x.Pledge.AnnouncedOn is not null)
                         .OrderBy(x => x.Pledge.AnnouncedOn!.Value.DayNumber).ThenBy(x => LastDate(x.Pledge)!.Value.DayNumber))
            {
                var start = p.AnnouncedOn!.Value.DayNumber;
                if (current is null || start - end > WindowDays)
                {
                    current = [];
                    groups.Add(current);
                    end = start;
                }
                current.Add(item);
                end = Math.Max(end, LastDate(p)!.Value.DayNumber);
            }
        }
        return groups;
    }

    /// <summary>
    /// What two statements of one pledge say together. Every field is a minimum or a maximum, so merging is
    /// commutative and associative: the earliest date and the latest (<see cref="Pledge.LastStatedOn"/>), the furthest
    /// stage, the highest confidence, waiting for review only when every statement does, a stated aid type over
    /// unknown, the plainest qualifier, and for the free texts (source, note, category, review reason) the first in
    /// ordinal order. Identity fields (id, version, reason, retracted, recorded time) are <paramref name="a"/>'s; the
    /// caller sets them.
    /// </summary>
    public static Pledge Merge(Pledge a, Pledge b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var start = Min(a.AnnouncedOn, b.AnnouncedOn);
        var end = Max(LastDate(a), LastDate(b));
        var needsReview = a.NeedsReview && b.NeedsReview;
        return a with
        {
            RecipientCode = string.CompareOrdinal(a.RecipientCode, b.RecipientCode) <= 0 ? a.RecipientCode : b.RecipientCode,
            AidType = a.AidType > b.AidType ? a.AidType : b.AidType,
            Qualifier = a.Qualifier < b.Qualifier ? a.Qualifier : b.Qualifier,
            Category = First(a.Category, b.Category),
            StatedValueEur = Max(a.StatedValueEur, b.StatedValueEur),
            Years = Max(a.Years, b.Years),
            Status = a.Status > b.Status ? a.Status : b.Status,
            AnnouncedOn = start,
            LastStatedOn = end > start ? end : null,
            Note = First(a.Note, b.Note),
            Source = First(a.Source, b.Source),
            Confidence = Math.Max(a.Confidence, b.Confidence),
            NeedsReview = needsReview,
            ReviewReason = needsReview ? First(a.ReviewReason, b.ReviewReason) : null,
        };
    }

    /// <summary>What all statements of one pledge say together (see <see cref="Merge(Pledge, Pledge)"/>).</summary>
    public static Pledge Merge(IEnumerable<Pledge> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        return statements.Aggregate(Merge);
    }

    /// <summary>Whether two versions say the same (ignoring id, version, reason and recorded time).</summary>
    public static bool SameContent(Pledge a, Pledge b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a == b with { Id = a.Id, Version = a.Version, Reason = a.Reason, RecordedAt = a.RecordedAt };
    }

    private static string? First(string? a, string? b) =>
        a is null ? b : b is null ? a : string.CompareOrdinal(a, b) <= 0 ? a : b;

    private static T? Min<T>(T? a, T? b) where T : struct, IComparable<T> =>
        a is null ? b : b is null ? a : a.Value.CompareTo(b.Value) <= 0 ? a : b;

    private static T? Max<T>(T? a, T? b) where T : struct, IComparable<T> =>
        a is null ? b : b is null ? a : a.Value.CompareTo(b.Value) >= 0 ? a : b;
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
