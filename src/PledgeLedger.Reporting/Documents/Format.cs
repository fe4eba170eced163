using System.Globalization;
using PledgeLedger.Core;

namespace PledgeLedger.Reporting.Documents;

/// <summary>How numbers, dates and pledges read in the PDF. Tables show EUR to the euro; CSV/JSON keep cents.</summary>
public static class Format
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>EUR rounded to the euro, thousands separated: 1234567.5 -> "1,234,568".</summary>
    public static string Eur(decimal eur) => Math.Round(eur, 0, MidpointRounding.AwayFromZero).ToString("#,0", Inv);

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
        ? p.Amount is { } a ? Money(a, p.Currency) : "amount not stated"
        : $"{p.SystemName ?? p.SystemId ?? p.Category ?? "equipment"} x {(p.Quantity is { } q ? Count(q) : "unquantified")}";

    public static string LineEur(PledgeLine p) => p.Kind == PledgeKind.Money
        ? p.Eur is { } e ? Eur(e) : "not converted"
        : p.InKindEur is { } k ? "est. " + Eur(k) : "";

    public static string Percent(decimal? pct) => pct is { } p ? (p > 0 ? "+" : "") + p.ToString("0.0", Inv) + " %" : "n/a";

    public static string Id(long id) => "#" + id.ToString(Inv);
}
