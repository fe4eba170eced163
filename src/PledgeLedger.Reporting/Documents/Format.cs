using System.Globalization;
using PledgeLedger.Core;

namespace PledgeLedger.Reporting.Documents;

/// <summary>How numbers, dates and pledges read in the PDF. Tables show EUR to the euro; CSV/JSON keep cents.</summary>
public static class Format
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>EUR rounded to the euro, thousands separated: 1234567.5 -> "1,234,568".</summary>
    public static string Eur(decimal eur) => Rounded(eur).ToString("#,0", Inv);

    /// <summary>EUR as a table shows it (to the euro): a total row adds these, so rows and total agree.</summary>
    public static decimal Rounded(decimal eur) => Math.Round(eur, 0, MidpointRounding.AwayFromZero);

    public static string Count(long n) => n.ToString("#,0", Inv);

    public static string Count(decimal n) => n.ToString("#,0", Inv);

    public static string Signed(long n) => (n > 0 ? "+" : "") + Count(n);

    public static string SignedEur(decimal eur) => (eur > 0 ? "+" : "") + Eur(eur);

    public static string Money(decimal amount, string? currency) => $"{currency ?? "???"} {amount.ToString("#,0.##", Inv)}";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", Inv) ?? "undated";

    /// <summary>One amount per line: "UAH 10,000,000", "NOK 5,000 per year".</summary>
    public static string Unconverted(IReadOnlyList<OriginalAmount> amounts) =>
        string.Join("\n", amounts.Select(a => $"{a.Currency}\u00A0{a.Amount.ToString("#,0.##", Inv)}" + a.Period switch
        {
            // A no-break space keeps currency and amount on one line; the period may wrap below.
            Core.Period.Annual => " per year",
            Core.Period.MultiYear => " multi-year",
            _ => "",
        }));

    /// <summary>
    /// All of some money in words, none hidden: "EUR 1,000 one-off, EUR 1,000,000,000 in multi-year commitments,
    /// EUR 40,000,000,000 a year in annual pledges and GBP 3,000,000,000 without an EUR rate"; "no money" when none.
    /// </summary>
    public static string MoneyPhrase(MoneySummary m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var parts = new List<string>();
        if (m.OnceEur != 0m) parts.Add($"EUR {Eur(m.OnceEur)} one-off");
        if (m.MultiYearEur != 0m) parts.Add($"EUR {Eur(m.MultiYearEur)} in multi-year commitments");
        if (m.AnnualEurPerYear != 0m) parts.Add($"EUR {Eur(m.AnnualEurPerYear)} a year in annual pledges");
        var counted = m.Unconverted.Where(a => a.Period != Core.Period.Annual).ToList();
        var annual = m.Unconverted.Where(a => a.Period == Core.Period.Annual).ToList();
        if (counted.Count > 0)
        {
            parts.Add(And(counted.Select(a => Money(a.Amount, a.Currency) + (a.Period == Core.Period.MultiYear ? " multi-year" : ""))) + " without an EUR rate");
        }
        if (annual.Count > 0) parts.Add(And(annual.Select(a => Money(a.Amount, a.Currency))) + " a year without an EUR rate");
        return parts.Count == 0 ? "no money" : And(parts);
    }

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string And(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }

    public static string Qualifier(Qualifier q) => q switch
    {
        Core.Qualifier.AtLeast => "more than",
        Core.Qualifier.UpTo => "up to",
        Core.Qualifier.About => "about",
        _ => "exact",
    };

    public static string Period(Period period, int? years) => period switch
    {
        Core.Period.Annual => "per year",
        Core.Period.MultiYear => years is { } y ? $"over {y} years" : "multi-year",
        _ => "once",
    };

    /// <summary>"USD 1,500,000" or "Leopard 2A6 x 14" or "HIMARS x unquantified".</summary>
    public static string What(PledgeLine p) => p.Kind == PledgeKind.Money
        ? p.Amount is { } a ? Money(a, p.Currency) : p.Currency is { } c ? $"{c} (amount not stated)" : "amount not stated"
        : $"{p.SystemName ?? p.SystemId ?? p.Category ?? "equipment"} x {(p.Quantity is { } q ? Count(q) : "unquantified")}";

    public static string LineEur(PledgeLine p) => p.Kind == PledgeKind.Money
        ? p.Eur is { } e ? Eur(e) : p.Amount is null ? "no figure" : "not converted"
        : p.InKindEur is { } k ? "est. " + Eur(k) : "";

    public static string Percent(decimal? pct) => pct is { } p ? (p > 0 ? "+" : "") + p.ToString("0.0", Inv) + " %" : "n/a";

    public static string Id(long id) => "#" + id.ToString(Inv);
}
