using System.Globalization;

namespace PledgeLedger.Core;

/// <summary>
/// The bounds of every value a person or a file can give the ledger. The CLI, the importers and the extractor refuse
/// values outside them with a message naming the field; migration 0012 holds the same bounds in the database.
/// </summary>
public static class Bounds
{
    /// <summary>The first date the ledger knows (announcements, rates, months).</summary>
    public static readonly DateOnly FirstDate = new(1990, 1, 1);

    /// <summary>The last date the ledger knows.</summary>
    public static readonly DateOnly LastDate = new(2100, 12, 31);

    /// <summary>The most items one equipment pledge may count (more than any army holds of one system).</summary>
    public const long MaxQuantity = 10_000_000;

    /// <summary>The largest amount of one pledge in its own currency (10^15; adjustments down to its negative).</summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    /// <summary>The smallest and largest reference rate, units per EUR.</summary>
    public const decimal MinUnitsPerEur = 0.000001m;

    /// <inheritdoc cref="MinUnitsPerEur"/>
    public const decimal MaxUnitsPerEur = 10_000_000m;

    public static bool InRange(DateOnly date) => date >= FirstDate && date <= LastDate;

    public static bool InRange(long quantity) => quantity is >= 1 and <= MaxQuantity;

    /// <summary>"between 1990-01-01 and 2100-12-31": for messages.</summary>
    public static string DateRange => $"between {FirstDate:yyyy-MM-dd} and {LastDate:yyyy-MM-dd}";

    /// <summary>"between 1 and 10,000,000": for messages.</summary>
    public static string QuantityRange => $"between 1 and {MaxQuantity.ToString("#,0", CultureInfo.InvariantCulture)}";
}
