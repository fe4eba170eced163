using System.Globalization;
using PledgeLedger.Core;

namespace PledgeLedger.Import;

/// <summary>Every problem code and message the import library produces, in one place.</summary>
public static class ImportMessages
{
    // Rates files.
    public const string WrongHeader = "wrong-header";
    public const string BadDate = "bad-date";
    public const string NotANumber = "not-a-number";
    public const string NotPositive = "not-positive";
    public const string UnknownCurrency = "unknown-currency";
    public const string MissingValue = "missing-value";
    public const string RateConflict = "rate-conflict";

    // Mappings.
    public const string UnknownField = "unknown-field";
    public const string BadMappingSyntax = "bad-mapping";
    public const string MissingField = "missing-field";
    public const string MissingColumn = "missing-column";
    public const string BadOption = "bad-option";
    public const string UnknownMapping = "unknown-mapping";

    // Rows.
    public const string UnknownDonor = "unknown-donor";
    public const string BadValue = "bad-value";
    public const string NegativeAmount = "negative-amount";
    public const string MissingAmount = "missing-amount";
    public const string ZeroAmount = "zero-amount";
    public const string BadQuantity = "bad-quantity";
    public const string BadRow = "bad-row";
    public const string FileUnreadable = "file-unreadable";

    // Reconciliation.
    public const string UnknownTrackerDonor = "unknown-tracker-donor";

    private static string Q(string? s) => s is null ? "(empty)" : $"'{s}'";

    public static ImportProblem WrongHeaderProblem(string file, string header) =>
        new(file, 1, "header", WrongHeader,
            $"not a rates file: expected the ECB header 'Date,USD,JPY,...' or 'date,currency,units_per_eur', found {Q(Truncate(header))}");

    public static ImportProblem BadDateProblem(string file, int line, string field, string value, string format) =>
        new(file, line, field, BadDate, $"{Q(value)} is not a date ({format})");

    public static ImportProblem NotANumberProblem(string file, int line, string field, string value) =>
        new(file, line, field, NotANumber, $"{Q(value)} is not a number");

    public static ImportProblem RateOutOfBoundsProblem(string file, int line, string field, decimal value) =>
        new(file, line, field, NotPositive, $"rate {value.ToString(CultureInfo.InvariantCulture)} is not between {Bounds.MinUnitsPerEur.ToString(CultureInfo.InvariantCulture)} and {Bounds.MaxUnitsPerEur.ToString("#,0", CultureInfo.InvariantCulture)} units per EUR");

    public static ImportProblem DateOutOfBoundsProblem(string file, int line, string field, DateOnly value) =>
        new(file, line, field, BadDate, $"{value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is not a rate date {Bounds.DateRange}; row skipped");

    public static ImportProblem EuroRateProblem(string file, int line, string field) =>
        new(file, line, field, UnknownCurrency, "EUR is the base currency (rates are units per EUR, EUR itself is 1 by definition); not imported");

    public static ImportProblem NotPositiveProblem(string file, int line, string field, decimal value) =>
        new(file, line, field, NotPositive, $"rate {value.ToString(CultureInfo.InvariantCulture)} must be above zero");

    public static ImportProblem UnknownCurrencyProblem(string file, int line, string field, string value) =>
        new(file, line, field, UnknownCurrency, $"{Q(value)} is not a known ISO 4217 currency code");

    public static ImportProblem MissingValueProblem(string file, int line, string field) =>
        new(file, line, field, MissingValue, "value missing");

    public static ImportProblem RateConflictProblem(string file, FxConflict c) =>
        new(file, 0, c.Incoming.Currency, RateConflict,
            $"{c.Incoming.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: held rate {c.Existing.UnitsPerEur.ToString(CultureInfo.InvariantCulture)} differs from incoming {c.Incoming.UnitsPerEur.ToString(CultureInfo.InvariantCulture)}; kept the held one");

    public static ImportProblem UnknownFieldProblem(string file, int line, string field, string known) =>
        new(file, line, field, UnknownField, $"unknown mapping field '{field}' (known: {known})");

    public static ImportProblem BadMappingProblem(string file, int line, string field, string detail) =>
        new(file, line, field, BadMappingSyntax, detail);

    public static ImportProblem MissingFieldProblem(string file, int line, string field, string why) =>
        new(file, line, field, MissingField, $"the mapping must say where '{field}' comes from ({why})");

    public static ImportProblem MissingColumnProblem(string file, string field, string column, IEnumerable<string> header) =>
        new(file, 1, field, MissingColumn,
            $"column {Q(column)} is not in the header ({Truncate(string.Join(",", header))}); nothing imported");

    public static ImportProblem BadOptionProblem(string file, int line, string field, string value, string expected) =>
        new(file, line, field, BadOption, $"{Q(value)} is not valid here: {expected}");

    public static ImportProblem UnknownMappingProblem(string name, IEnumerable<string> known) =>
        new(name, 0, "mapping", UnknownMapping, $"no mapping named '{name}' (known: {string.Join(", ", known)})");

    public static ImportProblem UnknownDonorProblem(string file, int line, string field, string value) =>
        new(file, line, field, UnknownDonor, $"donor {Q(value)} is not in the donor registry; row not imported");

    public static ImportProblem BadValueProblem(string file, int line, string field, string value, string expected) =>
        new(file, line, field, BadValue, $"{Q(value)} is not {expected}; row not imported");

    public static ImportProblem NegativeAmountProblem(string file, int line, string field, string value) =>
        new(file, line, field, NegativeAmount, $"amount {Q(value)} is negative; row not imported");

    public static ImportProblem MissingAmountProblem(string file, int line, string field) =>
        new(file, line, field, MissingAmount, "a money row needs an amount and a currency; row not imported");

    public static ImportProblem ZeroAmountProblem(string file, int line, string field) =>
        new(file, line, field, ZeroAmount, "amount is 0 (the source gives no value); row not imported (zero=skip)");

    public static ImportProblem BadQuantityProblem(string file, int line, string field, string value) =>
        new(file, line, field, BadQuantity, $"{Q(value)} is not a count of items (a whole number {Bounds.QuantityRange}); row not imported");

    public static ImportProblem BadRowProblem(string file, int line, string detail) =>
        new(file, line, "row", BadRow, detail);

    public static ImportProblem FileUnreadableProblem(string file, string detail) =>
        new(file, 0, "file", FileUnreadable, $"cannot read the file: {detail}");

    public static ImportProblem UnknownTrackerDonorProblem(string file, int line, string value) =>
        new(file, line, "land", UnknownTrackerDonor, $"tracker donor {Q(value)} is not in the donor registry; not reconciled");

    // Remarks the importer writes into a pledge's note (not problems: the row is imported).
    public static string RemarkUnknownSystem(string name) => $"system '{name}' is not in the catalog";

    public static string RemarkSystemAsWritten(string name) => $"system as written: '{name}'";

    public static string RemarkValueCoversRow(int systems, string file, int line) =>
        $"the row's stated value covers all {systems} systems of {file}:{line}";

    public static string RemarkValueOnFirst(string file, int line) => $"the row's stated value sits on its first system ({file}:{line})";

    public const string RemarkNegativeAmount = "negative amount: a correction booked in the source";

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
