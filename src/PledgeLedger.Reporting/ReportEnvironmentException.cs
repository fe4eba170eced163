namespace PledgeLedger.Reporting;

/// <summary>The machine lacks something reports need (fonts); the CLI maps it to exit code 3.</summary>
public sealed class ReportEnvironmentException : Exception
{
    public ReportEnvironmentException()
    {
    }

    public ReportEnvironmentException(string message) : base(message)
    {
    }

    public ReportEnvironmentException(string message, Exception inner) : base(message, inner)
    {
    }
}
