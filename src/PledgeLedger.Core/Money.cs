using System.Globalization;

namespace PledgeLedger.Core;

/// <summary>An amount in one currency. Decimal only: money is never a floating-point number.</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public override string ToString() => $"{Currency} {Amount.ToString("#,0.##", CultureInfo.InvariantCulture)}";

    /// <summary>"EUR 1.5 bn", "AUD 20 mln": how news writes large sums.</summary>
    public string ToShortString() => $"{Currency} {Amounts.Short(Amount)}";

    /// <summary>One amount per currency (the sum of that currency's amounts), in ordinal currency order.</summary>
    public static List<Money> SumPerCurrency(IEnumerable<Money> amounts) =>
        amounts.GroupBy(m => m.Currency).Select(g => new Money(g.Sum(m => m.Amount), g.Key)).OrderBy(m => m.Currency, StringComparer.Ordinal).ToList();
}

/// <summary>Reading and writing amounts the way people type them: "500m", "1.5bn", "500000000".</summary>
public static class Amounts
{
    /// <summary>The largest amount the ledger accepts, in any currency (<see cref="Bounds.MaxAmount"/>, 10^15).</summary>
    public const decimal Max = Bounds.MaxAmount;

    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("trillion", 1_000_000_000_000m), ("tn", 1_000_000_000_000m), ("t", 1_000_000_000_000m),
        ("billion", 1_000_000_000m), ("bln", 1_000_000_000m), ("bn", 1_000_000_000m), ("b", 1_000_000_000m),
        ("million", 1_000_000m), ("mln", 1_000_000m), ("mn", 1_000_000m), ("m", 1_000_000m),
        ("thousand", 1_000m), ("k", 1_000m),
    ];

    /// <summary>Parses "500m", "1.5bn", "2,500,000", "500000000". Fails on signs, exponents and garbage.</summary>
    public static bool TryParse(string? text, out decimal amount)
    {
        amount = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim().Replace("_", "").Replace(" ", "").ToLowerInvariant();
        var factor = 1m;
        foreach (var (suffix, f) in Suffixes)
        {
            if (s.Length > suffix.Length && s.EndsWith(suffix, StringComparison.Ordinal) && char.IsDigit(s[^(suffix.Length + 1)]))
            {
                factor = f;
                s = s[..^suffix.Length];
                break;
            }
        }
        if (s.Length == 0 || s.Length > 40) return false;
        // Digits, at most one decimal point, thousands commas only between digit groups.
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c) && c != '.' && c != ',') return false;
        }
        if (s.Contains(',') && !IsGroupedWithCommas(s)) return false;
        if (!decimal.TryParse(s.Replace(",", ""), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)) return false;
        try
        {
            amount = n * factor;
        }
        catch (OverflowException)
        {
            return false;
        }
        return amount <= Max;
    }

    private static bool IsGroupedWithCommas(string s)
    {
        var intPart = s.Split('.')[0];
        var groups = intPart.Split(',');
        if (groups[0].Length is < 1 or > 3) return false;
        return groups.Skip(1).All(g => g.Length == 3);
    }

    /// <summary>1500000000 -> "1.5 bn"; 20000000 -> "20 mln"; small amounts in full.</summary>
    public static string Short(decimal amount)
    {
        var abs = Math.Abs(amount);
        if (abs >= 1_000_000_000m) return (amount / 1_000_000_000m).ToString("0.###", CultureInfo.InvariantCulture) + " bn";
        if (abs >= 1_000_000m) return (amount / 1_000_000m).ToString("0.###", CultureInfo.InvariantCulture) + " mln";
        return amount.ToString("#,0.##", CultureInfo.InvariantCulture);
    }
}
