using System.Globalization;
using PledgeLedger.Core;

namespace PledgeLedger.Cli;

/// <summary>Parsing of single option values; every failure is one line naming the option and what it accepts.</summary>
public static class Inputs
{
    public static DateOnly? Date(string option, string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        if (DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && Bounds.InRange(d)) return d;
        throw new UserInputException($"{option}: '{s}' is not a date {Bounds.DateRange} (use YYYY-MM-DD, e.g. 2024-06-12)");
    }

    /// <summary>A month "YYYY-MM" within the ledger's dates; its first day.</summary>
    public static DateOnly Month(string option, string? s)
    {
        if (DateOnly.TryParseExact((s ?? "").Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) && Bounds.InRange(first))
        {
            return first;
        }
        throw new UserInputException($"{option}: '{s}' is not a month between {Bounds.FirstDate:yyyy-MM} and {Bounds.LastDate:yyyy-MM} (use YYYY-MM, e.g. 2024-06)");
    }

    /// <summary>A point in time: "2024-06-30" (end of that day, UTC), or an ISO 8601 timestamp (UTC unless an offset is given).</summary>
    public static DateTimeOffset? Timestamp(string option, string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        var t = s.Trim();
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return new DateTimeOffset(d.ToDateTime(new TimeOnly(23, 59, 59, 999), DateTimeKind.Utc).AddTicks(9999));
        }
        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var ts)) return ts;
        throw new UserInputException($"{option}: '{s}' is not a timestamp (use YYYY-MM-DD or ISO 8601, e.g. 2024-06-30T12:00:00Z)");
    }

    public static string DonorCode(CliContext ctx, string option, string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) throw new UserInputException($"{option}: required (a donor name, ISO alpha-2 or alpha-3 code: Germany, DE, DEU)");
        if (Suggest.AmbiguousDonor(s) is { } choices) throw new UserInputException($"{option}: '{s}' could be {Suggest.Choices(choices)}: give the code");
        return ctx.Donors.Find(s)?.Code
            ?? throw new UserInputException($"{option}: '{s}' is not a known donor{Suggest.DidYouMean(s, Suggest.DonorNames(ctx.Donors))} (use a name, ISO alpha-2 or alpha-3 code: Germany, DE, DEU; or a registry code: EU, NATO)");
    }

    public static IReadOnlyList<PledgeStatus>? Statuses(string option, IEnumerable<string>? values)
    {
        var list = Split(values);
        if (list.Count == 0) return null;
        return list.Select(v => EnumNames.TryParseStatus(v, out var s) ? s
            : throw new UserInputException($"{option}: '{v}' is not a status (proposed, pledged, allocated, delivered)")).Distinct().ToList();
    }

    public static PledgeKind? Kind(string option, string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        return EnumNames.TryParseKind(s, out var k) ? k : throw new UserInputException($"{option}: '{s}' is not a kind (money or equipment)");
    }

    public static string? SystemId(CliContext ctx, string option, string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        return ctx.Systems.Find(s)?.Id
            ?? throw new UserInputException($"{option}: '{s}' is not in the equipment catalog{Suggest.DidYouMean(s, Suggest.SystemNames(ctx.Systems))} (see `pledge catalog list`)");
    }

    public static long PledgeId(string? s)
    {
        if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
        throw new UserInputException($"ID: '{s}' is not a pledge id (a positive whole number)");
    }

    /// <summary>Accepts repeated options and comma-separated lists alike: --donor DE --donor FR, --donor DE,FR.</summary>
    public static List<string> Split(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    public static void CheckRange(DateOnly? from, DateOnly? to)
    {
        if (from is { } f && to is { } t && f > t) throw new UserInputException($"--from/--to: the range is reversed ({f:yyyy-MM-dd} is after {t:yyyy-MM-dd})");
    }
}
