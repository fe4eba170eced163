namespace PledgeLedger.Core;

/// <summary>Kiel's three aid types; Unknown when a source does not say.</summary>
public enum AidType { Unknown, Military, Financial, Humanitarian }

/// <summary>What a pledge promises: an amount of money or a number of items of an equipment system.</summary>
public enum PledgeKind { Money, Equipment }

/// <summary>How the source words an amount: "more than" is AtLeast, "up to" UpTo, "some" About.</summary>
public enum Qualifier { Exact, AtLeast, UpTo, About }

/// <summary>A one-off sum, a yearly sum, or a sum spread over several years.</summary>
public enum Period { Once, Annual, MultiYear }

/// <summary>
/// Where a pledge stands. Proposed is nobody's promise yet; Allocated is a package earmarked for delivery
/// (Kiel's sense of the word); Delivered has arrived.
/// </summary>
public enum PledgeStatus { Proposed, Pledged, Allocated, Delivered }

/// <summary>A state, an international organisation, or a coalition/initiative of several donors.</summary>
public enum DonorKind { State, Organisation, Coalition }

/// <summary>The snake_case names used in the database, JSON/CSV output and on the command line.</summary>
public static class EnumNames
{
    public static string Name(this AidType v) => v switch
    {
        AidType.Military => "military",
        AidType.Financial => "financial",
        AidType.Humanitarian => "humanitarian",
        _ => "unknown",
    };

    public static string Name(this PledgeKind v) => v == PledgeKind.Money ? "money" : "equipment";

    public static string Name(this Qualifier v) => v switch
    {
        Qualifier.AtLeast => "at_least",
        Qualifier.UpTo => "up_to",
        Qualifier.About => "about",
        _ => "exact",
    };

    public static string Name(this Period v) => v switch
    {
        Period.Annual => "annual",
        Period.MultiYear => "multi_year",
        _ => "once",
    };

    public static string Name(this PledgeStatus v) => v switch
    {
        PledgeStatus.Proposed => "proposed",
        PledgeStatus.Allocated => "allocated",
        PledgeStatus.Delivered => "delivered",
        _ => "pledged",
    };

    public static string Name(this DonorKind v) => v switch
    {
        DonorKind.Organisation => "organisation",
        DonorKind.Coalition => "coalition",
        _ => "state",
    };

    public static bool TryParseAidType(string? s, out AidType v) => TryParse(s, out v, AidType.Unknown, AidType.Military, AidType.Financial, AidType.Humanitarian);
    public static bool TryParseKind(string? s, out PledgeKind v) => TryParse(s, out v, PledgeKind.Money, PledgeKind.Equipment);
    public static bool TryParseQualifier(string? s, out Qualifier v) => TryParse(s, out v, Qualifier.Exact, Qualifier.AtLeast, Qualifier.UpTo, Qualifier.About);
    public static bool TryParsePeriod(string? s, out Period v) => TryParse(s, out v, Period.Once, Period.Annual, Period.MultiYear);
    public static bool TryParseStatus(string? s, out PledgeStatus v) => TryParse(s, out v, PledgeStatus.Proposed, PledgeStatus.Pledged, PledgeStatus.Allocated, PledgeStatus.Delivered);
    public static bool TryParseDonorKind(string? s, out DonorKind v) => TryParse(s, out v, DonorKind.State, DonorKind.Organisation, DonorKind.Coalition);

    public static AidType ParseAidType(string s) => TryParseAidType(s, out var v) ? v : throw new FormatException($"unknown aid type '{s}'");
    public static PledgeKind ParseKind(string s) => TryParseKind(s, out var v) ? v : throw new FormatException($"unknown kind '{s}'");
    public static Qualifier ParseQualifier(string s) => TryParseQualifier(s, out var v) ? v : throw new FormatException($"unknown qualifier '{s}'");
    public static Period ParsePeriod(string s) => TryParsePeriod(s, out var v) ? v : throw new FormatException($"unknown period '{s}'");
    public static PledgeStatus ParseStatus(string s) => TryParseStatus(s, out var v) ? v : throw new FormatException($"unknown status '{s}'");
    public static DonorKind ParseDonorKind(string s) => TryParseDonorKind(s, out var v) ? v : throw new FormatException($"unknown donor kind '{s}'");

    private static bool TryParse<T>(string? s, out T value, params T[] all) where T : struct, Enum
    {
        var key = (s ?? "").Trim().Replace('-', '_').ToLowerInvariant();
        foreach (var candidate in all)
        {
            if (NameOf(candidate) == key)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string NameOf<T>(T v) where T : struct, Enum => v switch
    {
        AidType a => a.Name(),
        PledgeKind k => k.Name(),
        Qualifier q => q.Name(),
        Period p => p.Name(),
        PledgeStatus s => s.Name(),
        DonorKind d => d.Name(),
        _ => v.ToString().ToLowerInvariant(),
    };
}
