using System.Diagnostics;

namespace PledgeLedger.Cli;

/// <summary>
/// PLEDGE_TRACE=1: milliseconds since the process started at each step of a command, on standard error (where the
/// start-up time of a command goes). Off, it costs one environment read.
/// </summary>
internal static class StartupTrace
{
    private static readonly bool On = Environment.GetEnvironmentVariable("PLEDGE_TRACE") == "1";
    private static readonly DateTime Start = On ? Process.GetCurrentProcess().StartTime.ToUniversalTime() : default;

    /// <summary>Also traces the steps inside opening the ledger (Storage reports them through a hook).</summary>
    public static void Hook()
    {
        if (On) PledgeLedger.Storage.LedgerTrace.Step = Mark;
    }

    public static void Mark(string step)
    {
        if (On) Console.Error.WriteLine($"trace: {(DateTime.UtcNow - Start).TotalMilliseconds,6:0} ms wall {Environment.CpuUsage.TotalTime.TotalMilliseconds,6:0} ms CPU  {step}");
    }
}
