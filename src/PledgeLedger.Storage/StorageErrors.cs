namespace PledgeLedger.Storage;

/// <summary>The database or the PostgreSQL binaries are missing, unreachable or incompatible (CLI exit code 3).</summary>
public sealed class LedgerEnvironmentException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A write the ledger refuses because of what was asked (CLI exit code 2): unknown id, constraint, duplicate.</summary>
public sealed class LedgerInputException(string message, Exception? inner = null) : Exception(message, inner);
