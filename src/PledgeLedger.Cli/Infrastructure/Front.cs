using System.Runtime.InteropServices;

namespace PledgeLedger.Cli;

/// <summary>
/// The published <c>pledge</c> is two programs in one folder (issue 13): a Native AOT front (this project compiled with
/// <c>PLEDGE_FRONT</c>, src/PledgeLedger.Cli.Front) that runs the commands whose start-up time counts, and the full
/// JIT-compiled CLI beside it (<see cref="CompanionName"/>) for everything else. The front hands a command over by
/// exec: the companion replaces the front in the same process (same id, standard streams, environment and working
/// directory), so its output and exit code are the user's, as if the companion had been started directly.
/// </summary>
public static partial class Front
{
    /// <summary>The full CLI's executable, next to the front in the publish folder.</summary>
    public const string CompanionName = "pledge-jit";

    /// <summary>
    /// Whether the front runs <paramref name="args"/> itself: <c>totals</c> (not <c>--reported</c>), <c>list</c>,
    /// <c>add</c>, <c>show</c>, <c>db url</c> and <c>extract</c> (which needs no ledger: all of its time is the
    /// extraction, compiled ahead of time here instead of at run time), without help. Anything else (other commands, help, a global option
    /// before the command, no command) goes to the companion. Decided on the words alone, before anything is written.
    /// </summary>
    public static bool Handles(IReadOnlyList<string> args)
    {
        if (args.Count == 0) return false;
        foreach (var a in args)
        {
            if (a is "--help" or "-h" or "-?" or "/?" or "/h" or "--version") return false;
            // A response file (@file) or the parser's own directives ([suggest], [diagram]) are the companion's.
            if (a.StartsWith('@') || (a.StartsWith('[') && a.EndsWith(']'))) return false;
        }
        return args[0] switch
        {
            "list" or "add" or "show" or "extract" => true,
            "totals" => !args.Any(a => a == "--reported" || a.StartsWith("--reported=", StringComparison.Ordinal)),
            "db" => args.Count >= 2 && args[1] == "url",
            _ => false,
        };
    }

    /// <summary>
    /// Replaces this process by the companion with the same arguments; returns only when that cannot be done (no
    /// companion, not executable), after one line on standard error, with exit code 3 (environment).
    /// </summary>
    public static int HandOff(IReadOnlyList<string> args)
    {
        var companion = Path.Combine(AppContext.BaseDirectory, CompanionName);
        StartupTrace.Mark("handing over to " + CompanionName);
        var error = Exec(companion, args);
        Console.Error.WriteLine($"error: cannot start {companion} (the full pledge, installed beside this one): {error}; publish pledge again (README, Installing)");
        return ExitCodes.Environment;
    }

    private static unsafe string Exec(string path, IReadOnlyList<string> args)
    {
        var argv = new nint[args.Count + 2];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8(path);
            for (var i = 0; i < args.Count; i++) argv[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
            Console.Out.Flush();
            Console.Error.Flush();
            fixed (nint* p = argv) execv(argv[0], p);
            return Marshal.GetLastPInvokeErrorMessage();
        }
        finally
        {
            foreach (var a in argv)
            {
                if (a != 0) Marshal.FreeCoTaskMem(a);
            }
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int execv(nint path, nint* argv);
}

/// <summary>
/// Thrown by the front (only there) when the command needs what only the companion does: the ledger's schema is not
/// current (migrations run with DbUp, which is not in the front). Raised before anything is written.
/// </summary>
public sealed class HandOffException(string reason) : Exception(reason);
