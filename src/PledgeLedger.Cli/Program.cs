using PledgeLedger.Cli;

StartupTrace.Mark("main");
#if PLEDGE_FRONT
// The native front runs the quick commands itself and hands the others to the full CLI beside it (Front).
if (!Front.Handles(args)) return Front.HandOff(args);
#endif
StartupTrace.Hook();
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C cancels the running command cleanly (open transactions roll back); a second one kills.
    e.Cancel = !cts.IsCancellationRequested;
    cts.Cancel();
};
// SIGTERM (a cron job's timeout, `kill`) is an interruption too: cancel the same way, exit 130 when done.
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    cts.Cancel();
});
#if PLEDGE_FRONT
int exit;
try
{
    exit = await PledgeCli.RunAsync(args, CliEnvironment.FromConsole(), cts.Token);
}
catch (HandOffException e)
{
    StartupTrace.Mark(e.Message);
    return Front.HandOff(args);
}
#else
var exit = await PledgeCli.RunAsync(args, CliEnvironment.FromConsole(), cts.Token);
#endif
StartupTrace.Mark("done");
return exit;
