namespace PledgeLedger.Cli;

/// <summary>The documented exit codes of every pledge command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Some items of a batch failed; the rest was done.</summary>
    public const int PartlyFailed = 1;
    /// <summary>Bad input: nothing was written.</summary>
    public const int BadInput = 2;
    /// <summary>The environment: database unreachable, binaries or fonts missing, database newer than pledge.</summary>
    public const int Environment = 3;
    /// <summary>A bug in pledge itself (sysexits' EX_SOFTWARE): not the input's fault, not a partial batch.</summary>
    public const int Internal = 70;
    /// <summary>Interrupted (Ctrl+C or SIGTERM; 128 + SIGINT as shells report it): every finished transaction kept, the open one rolled back.</summary>
    public const int Interrupted = 130;
}

/// <summary>Something the user typed or supplied is wrong (exit 2). The message is one line naming the field.</summary>
public sealed class UserInputException(string message) : Exception(message);
