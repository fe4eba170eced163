using System.Globalization;
using PledgeLedger.Core;

namespace PledgeLedger.Import;

/// <summary>One reference rate: how many units of <see cref="Currency"/> one euro buys on <see cref="Date"/>.</summary>
public sealed record FxRate(DateOnly Date, string Currency, decimal UnitsPerEur);

/// <summary>What a rates file held: the rates read, the problems met, and which format it was (<see cref="RatesFile.EcbFormat"/> or <see cref="RatesFile.PlainFormat"/>; empty when refused).</summary>
public sealed record RatesParseResult(IReadOnlyList<FxRate> Rates, IReadOnlyList<ImportProblem> Problems, string Format);

/// <summary>
/// Reads exchange-rate files in two formats, detected from the header:
/// <list type="bullet">
/// <item>the ECB reference-rate history as the ECB publishes it: <c>Date,USD,JPY,...</c>, units per EUR, one row per
/// business day, <c>N/A</c> (or empty) where a currency has no rate that day (skipped silently), a trailing comma;</item>
/// <item>a plain <c>date,currency,units_per_eur</c> file, one rate per row.</item>
/// </list>
/// A bad value is a problem for its cell (ECB) or row (plain); the rest of the file is still read.
/// </summary>
public static class RatesFile
{
    public const string EcbFormat = "ecb";
    public const string PlainFormat = "plain";

    public static RatesParseResult Parse(string path)
    {
        var name = Path.GetFileName(path);
        try
        {
            using var reader = new StreamReader(path);
            return Parse(reader, name);
        }
        catch (IOException e)
        {
            return new RatesParseResult([], [ImportMessages.FileUnreadableProblem(name, e.Message)], "");
        }
        catch (UnauthorizedAccessException e)
        {
            return new RatesParseResult([], [ImportMessages.FileUnreadableProblem(name, e.Message)], "");
        }
    }

    public static RatesParseResult Parse(TextReader reader, string fileName)
    {
        var rates = new List<FxRate>();
        var problems = new List<ImportProblem>();
        var header = reader.ReadLine();
        if (header is null) return Refuse("");
        header = header.TrimStart('\uFEFF');
        var cols = header.Split(',').Select(c => c.Trim()).ToArray();
        if (IsPlainHeader(cols))
        {
            ParsePlain(reader, fileName, rates, problems);
            return new RatesParseResult(rates, problems, PlainFormat);
        }
        if (cols.Length >= 2 && cols[0] == "Date" && cols.Skip(1).All(c => c.Length == 0 || IsCodeShaped(c)) && cols.Skip(1).Any(c => c.Length > 0))
        {
            ParseEcb(reader, fileName, cols, rates, problems);
            return new RatesParseResult(rates, problems, EcbFormat);
        }
        return Refuse(header);

        RatesParseResult Refuse(string h) => new([], [ImportMessages.WrongHeaderProblem(fileName, h)], "");
    }

    private static bool IsPlainHeader(string[] cols) =>
        cols.Length == 3
        && cols[0].Equals("date", StringComparison.OrdinalIgnoreCase)
        && cols[1].Equals("currency", StringComparison.OrdinalIgnoreCase)
        && cols[2].Equals("units_per_eur", StringComparison.OrdinalIgnoreCase);

    private static bool IsCodeShaped(string c) => c.Length == 3 && c.All(char.IsAsciiLetterUpper);

    private static void ParseEcb(TextReader reader, string file, string[] cols, List<FxRate> rates, List<ImportProblem> problems)
    {
        // Columns whose code Core does not know are reported once (header line) and skipped.
        var codes = new string?[cols.Length];
        for (var i = 1; i < cols.Length; i++)
        {
            if (cols[i].Length == 0) continue;
            if (cols[i] == "EUR") problems.Add(ImportMessages.EuroRateProblem(file, 1, cols[i]));
            else if (Currencies.IsKnown(cols[i])) codes[i] = string.Intern(cols[i]);
            else problems.Add(ImportMessages.UnknownCurrencyProblem(file, 1, cols[i], cols[i]));
        }
        var lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (!TryDate(cells[0].Trim(), out var date))
            {
                problems.Add(ImportMessages.BadDateProblem(file, lineNo, "Date", cells[0], "yyyy-MM-dd"));
                continue;
            }
            if (!Bounds.InRange(date))
            {
                problems.Add(ImportMessages.DateOutOfBoundsProblem(file, lineNo, "Date", date));
                continue;
            }
            var n = Math.Min(cells.Length, cols.Length);
            for (var i = 1; i < n; i++)
            {
                if (codes[i] is not { } code) continue;
                var cell = cells[i].Trim();
                if (cell.Length == 0 || cell == "N/A") continue;
                if (TryRate(file, lineNo, code, cell, problems, out var rate)) rates.Add(new FxRate(date, code, rate));
            }
        }
    }

    private static void ParsePlain(TextReader reader, string file, List<FxRate> rates, List<ImportProblem> problems)
    {
        var lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            var cells = Csv.SplitLine(line).Select(c => c.Trim()).ToArray();
            if (cells.Length < 3)
            {
                problems.Add(ImportMessages.MissingValueProblem(file, lineNo, cells.Length < 2 ? "currency" : "units_per_eur"));
                continue;
            }
            if (!TryDate(cells[0], out var date))
            {
                problems.Add(ImportMessages.BadDateProblem(file, lineNo, "date", cells[0], "yyyy-MM-dd"));
                continue;
            }
            if (!Bounds.InRange(date))
            {
                problems.Add(ImportMessages.DateOutOfBoundsProblem(file, lineNo, "date", date));
                continue;
            }
            var code = cells[1].ToUpperInvariant();
            if (code == "EUR")
            {
                problems.Add(ImportMessages.EuroRateProblem(file, lineNo, "currency"));
                continue;
            }
            if (!Currencies.IsKnown(code))
            {
                problems.Add(ImportMessages.UnknownCurrencyProblem(file, lineNo, "currency", cells[1]));
                continue;
            }
            if (TryRate(file, lineNo, "units_per_eur", cells[2], problems, out var rate)) rates.Add(new FxRate(date, code, rate));
        }
    }

    private static bool TryDate(string s, out DateOnly date) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TryRate(string file, int line, string field, string cell, List<ImportProblem> problems, out decimal rate)
    {
        if (!decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out rate))
        {
            problems.Add(ImportMessages.NotANumberProblem(file, line, field, cell));
            return false;
        }
        if (rate <= 0)
        {
            problems.Add(ImportMessages.NotPositiveProblem(file, line, field, rate));
            return false;
        }
        if (rate < Bounds.MinUnitsPerEur || rate > Bounds.MaxUnitsPerEur)
        {
            problems.Add(ImportMessages.RateOutOfBoundsProblem(file, line, field, rate));
            return false;
        }
        return true;
    }
}
