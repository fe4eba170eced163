using PledgeLedger.Cli;

StartupTrace.Mark("main");
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
var exit = await PledgeCli.RunAsync(args, CliEnvironment.FromConsole(), cts.Token);
StartupTrace.Mark("done");
return exit;
