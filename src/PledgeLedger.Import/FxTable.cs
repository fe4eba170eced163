namespace PledgeLedger.Import;

/// <summary>A rate already held and a different one offered for the same day and currency.</summary>
public sealed record FxConflict(FxRate Existing, FxRate Incoming);

/// <summary>How incoming rates relate to the ones already held: new, identical (skipped), conflicting (reported, not replaced).</summary>
public sealed record FxMerge(IReadOnlyList<FxRate> New, IReadOnlyList<FxRate> Identical, IReadOnlyList<FxConflict> Conflicts);

/// <summary>The EUR total of many amounts: rounded once at the end; amounts without a rate listed, never counted as 0.</summary>
public sealed record FxTotal(decimal Eur, int Converted, IReadOnlyList<int> Unconverted);

/// <summary>
/// An in-memory table of EUR reference rates. A conversion uses the rate of the day, or of the last earlier day
/// that has one (the ECB publishes on business days only), never a later one. EUR converts 1:1. Conversions
/// are exact decimal divisions; round with <see cref="RoundEur"/> once, at the end (sums are made unrounded).
/// </summary>
public sealed class FxTable
{
    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);

    public FxTable(IEnumerable<FxRate> rates)
    {
        var grouped = new Dictionary<string, List<(int Day, int Order, decimal Rate)>>(StringComparer.Ordinal);
        var order = 0;
        foreach (var r in rates)
        {
            if (!grouped.TryGetValue(r.Currency, out var days)) grouped[r.Currency] = days = [];
            days.Add((r.Date.DayNumber, order++, r.UnitsPerEur));
        }
        foreach (var (code, days) in grouped)
        {
            days.Sort((a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day) : a.Order.CompareTo(b.Order));
            var dayList = new List<int>(days.Count);
            var rateList = new List<decimal>(days.Count);
            foreach (var (day, _, rate) in days)
            {
                // Two rates for one day: the first one read wins, as in MergeConflicts.
                if (dayList.Count > 0 && dayList[^1] == day) continue;
                dayList.Add(day);
                rateList.Add(rate);
            }
            _series[code] = new Series([.. dayList], [.. rateList]);
        }
    }

    /// <summary>The currencies that have at least one rate.</summary>
    public IReadOnlyCollection<string> Currencies => _series.Keys;

    public int Count => _series.Values.Sum(s => s.Days.Length);

    /// <summary>
    /// Converts <paramref name="amount"/> of <paramref name="currency"/> to EUR (unrounded). False when the amount is
    /// undated (and not EUR) or no rate exists on or before the date: the caller lists it unconverted, never as 0.
    /// EUR needs no rate: true even undated, with <paramref name="rateDate"/> the date itself (default when undated).
    /// </summary>
    public bool TryConvert(decimal amount, string currency, DateOnly? on, out decimal eur, out DateOnly rateDate, out decimal unitsPerEur)
    {
        eur = 0;
        rateDate = default;
        unitsPerEur = 0;
        if (currency == "EUR")
        {
            if (on is { } d) rateDate = d;
            eur = amount;
            unitsPerEur = 1m;
            // EUR needs no rate; an undated EUR amount is still its own value.
            return true;
        }
        if (on is not { } date || !TryRate(currency, date, out rateDate, out unitsPerEur)) return false;
        eur = amount / unitsPerEur;
        return true;
    }

    /// <summary>The rate used for <paramref name="currency"/> on <paramref name="on"/>: that day's or the last earlier one.</summary>
    public bool TryRate(string currency, DateOnly on, out DateOnly rateDate, out decimal unitsPerEur)
    {
        rateDate = default;
        unitsPerEur = 0;
        if (!_series.TryGetValue(currency, out var s)) return false;
        var i = Array.BinarySearch(s.Days, on.DayNumber);
        if (i < 0) i = ~i - 1; // last earlier day
        if (i < 0) return false;
        rateDate = DateOnly.FromDayNumber(s.Days[i]);
        unitsPerEur = s.Rates[i];
        return true;
    }

    /// <summary>EUR amounts are shown and stored with 2 decimals, banker's rounding, applied once at the end.</summary>
    public static decimal RoundEur(decimal eur) => Math.Round(eur, 2, MidpointRounding.ToEven);

    /// <summary>Converts and sums; the total is rounded once. Indexes of amounts that could not be converted are listed.</summary>
    public FxTotal Total(IEnumerable<(decimal Amount, string Currency, DateOnly? On)> amounts)
    {
        var sum = 0m;
        var converted = 0;
        var unconverted = new List<int>();
        var i = 0;
        foreach (var (amount, currency, on) in amounts)
        {
            if (TryConvert(amount, currency, on, out var eur, out _, out _))
            {
                sum += eur;
                converted++;
            }
            else unconverted.Add(i);
            i++;
        }
        return new FxTotal(RoundEur(sum), converted, unconverted);
    }

    /// <summary>
    /// Re-import: splits <paramref name="incoming"/> into rates not held yet, rates held already with the same value
    /// (idempotent, skip them) and conflicts (same day and currency, different rate: report, do not replace).
    /// A second, different rate for the same day inside <paramref name="incoming"/> is a conflict with the first.
    /// </summary>
    public static FxMerge MergeConflicts(IEnumerable<FxRate> existing, IEnumerable<FxRate> incoming)
    {
        var held = new Dictionary<(DateOnly, string), FxRate>();
        foreach (var r in existing) held.TryAdd((r.Date, r.Currency), r);
        var added = new List<FxRate>();
        var identical = new List<FxRate>();
        var conflicts = new List<FxConflict>();
        foreach (var r in incoming)
        {
            if (held.TryGetValue((r.Date, r.Currency), out var old))
            {
                if (old.UnitsPerEur == r.UnitsPerEur) identical.Add(r);
                else conflicts.Add(new FxConflict(old, r));
            }
            else
            {
                held.Add((r.Date, r.Currency), r);
                added.Add(r);
            }
        }
        return new FxMerge(added, identical, conflicts);
    }

    /// <summary>Conflicts as one-line problems ("FILE:LINE" cannot be known here, so the line is 0).</summary>
    public static IReadOnlyList<ImportProblem> Describe(string file, IEnumerable<FxConflict> conflicts) =>
        [.. conflicts.Select(c => ImportMessages.RateConflictProblem(file, c))];

    private sealed record Series(int[] Days, decimal[] Rates);
}
