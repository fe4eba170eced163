namespace PledgeLedger.Import;

/// <summary>
/// One thing wrong with one place of an input file. Parsers never throw for bad input; they return these.
/// <see cref="Code"/> is stable (tests and the CLI match on it); <see cref="Message"/> is for people.
/// </summary>
public sealed record ImportProblem(string File, int Line, string Field, string Code, string Message)
{
    /// <summary>"FILE:LINE: field: reason", one line.</summary>
    public override string ToString() => $"{File}:{Line}: {Field}: {Message}";
}
