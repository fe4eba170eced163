using System.CommandLine;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary><c>pledge db migrate|status|start|stop</c>: the ledger database itself.</summary>
internal static class DbCommand
{
    public static Command Create(CliApp app)
    {
        var cmd = new Command("db", "The ledger database: migrations and the embedded local server");

        var migrate = new Command("migrate", "Apply pending migrations (also done automatically on first use)");
        migrate.SetAction(async (_, ct) =>
        {
            var ctx = app.Context;
            var db = await ctx.LedgerAsync(ct, migrate: false);
            var applied = await Task.Run(() => Migrator.Migrate(db.DataSource.ConnectionString), ct);
            ctx.Console.MarkupLine(applied.Count == 0 ? "up to date" : $"applied {applied.Count} migration(s): {string.Join(", ", applied.Select(Migrator.ShortName))}");
            return ExitCodes.Ok;
        });

        var status = new Command("status", "List applied and pending migrations and where the database is");
        var format = CliApp.FormatOption();
        status.Options.Add(format);
        status.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var db = await ctx.LedgerAsync(ct, migrate: false);
            var s = await LedgerDatabase.Guard(ctx.Location, () => Migrator.GetStatusAsync(db.DataSource, ct));
            var rows = s.Applied.Select(a => new Row().Set("migration", Migrator.ShortName(a)).Set("state", "applied"))
                .Concat(s.Pending.Select(p => new Row().Set("migration", Migrator.ShortName(p)).Set("state", "pending")))
                .Concat(s.Unknown.Select(u => new Row().Set("migration", Migrator.ShortName(u)).Set("state", "unknown to this binary")))
                .ToList();
            Output.Write(ctx, fmt, ["migration", "state"], rows, title: ctx.Location.Describe());
            return s.DatabaseIsNewer ? ExitCodes.Environment : ExitCodes.Ok;
        });

        var start = new Command("start", "Start the embedded local server (commands start it on demand anyway)");
        start.SetAction(async (_, ct) =>
        {
            var ctx = app.Context;
            RequireEmbedded(ctx);
            var pg = new EmbeddedPostgres(ctx.Location.Home);
            await pg.EnsureRunningAsync(ct);
            ctx.Console.MarkupLine($"running: {Spectre.Console.Markup.Escape(pg.ClusterRoot)} (socket {Spectre.Console.Markup.Escape(pg.SocketDirectory)})");
            return ExitCodes.Ok;
        });

        var stop = new Command("stop", "Stop the embedded local server");
        stop.SetAction(async (_, ct) =>
        {
            var ctx = app.Context;
            RequireEmbedded(ctx);
            var stopped = await new EmbeddedPostgres(ctx.Location.Home).StopAsync(ct);
            ctx.Console.MarkupLine(stopped ? "stopped" : "not running");
            return ExitCodes.Ok;
        });

        cmd.Subcommands.Add(migrate);
        cmd.Subcommands.Add(status);
        cmd.Subcommands.Add(start);
        cmd.Subcommands.Add(stop);
        return cmd;
    }

    private static void RequireEmbedded(CliContext ctx)
    {
        if (!ctx.Location.IsEmbedded) throw new UserInputException("db start/stop: only for the embedded cluster (PLEDGE_DB or --db points elsewhere)");
    }
}
