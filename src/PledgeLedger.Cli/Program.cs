using PledgeLedger.Cli;

StartupTrace.Mark("main");
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C cancels the running command cleanly (open transactions roll back); a second one kills.
    e.Cancel = !cts.IsCancellationRequested;
    cts.Cancel();
};
var exit = await PledgeCli.RunAsync(args, CliEnvironment.FromConsole(), cts.Token);
StartupTrace.Mark("done");
return exit;
