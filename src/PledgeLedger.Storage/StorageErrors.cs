using Npgsql;

namespace PledgeLedger.Storage;

/// <summary>The database or the PostgreSQL binaries are missing, unreachable or incompatible (CLI exit code 3).</summary>
public sealed class LedgerEnvironmentException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A write the ledger refuses because of what was asked (CLI exit code 2): unknown id, constraint, duplicate.</summary>
public sealed class LedgerInputException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What a write's PostgreSQL error says about its values (SQLSTATE through <see cref="PostgresErrorCodes"/>).</summary>
internal static class RefusedValues
{
    /// <summary>Whether the database refused the values written (a constraint, a bound, a reference), not the environment.</summary>
    public static bool Are(PostgresException e) => e.SqlState is PostgresErrorCodes.ForeignKeyViolation
        or PostgresErrorCodes.CheckViolation or PostgresErrorCodes.NumericValueOutOfRange
        or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.StringDataRightTruncation;

    /// <summary>One line naming the refused field or constraint.</summary>
    public static string Describe(PostgresException e) => e.SqlState switch
    {
        PostgresErrorCodes.ForeignKeyViolation when e.ConstraintName?.Contains("donor", StringComparison.Ordinal) == true => "donor: not in the donor registry",
        PostgresErrorCodes.ForeignKeyViolation when e.ConstraintName?.Contains("system", StringComparison.Ordinal) == true => "system: not in the equipment catalog",
        PostgresErrorCodes.ForeignKeyViolation when e.ConstraintName?.Contains("category", StringComparison.Ordinal) == true => "category: not an equipment category",
        PostgresErrorCodes.CheckViolation => $"the ledger refused the values ({e.ConstraintName}): {e.MessageText}",
        _ => $"the ledger refused the values: {e.MessageText}",
    };

    /// <summary>The error as a <see cref="LedgerInputException"/> (CLI exit code 2), its message prefixed by <paramref name="what"/>.</summary>
    public static LedgerInputException Refused(PostgresException e, string what = "") => new(what + Describe(e), e);
}
