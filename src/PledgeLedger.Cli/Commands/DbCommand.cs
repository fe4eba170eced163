using System.CommandLine;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary><c>pledge db migrate|status|check|start|stop|url|roles</c>: the ledger database itself.</summary>
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
            var applied = await Task.Run(() => Migrator.Migrate(db.ConnectionString), ct);
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

        var check = new Command("check", "Compare the derived tables (current versions, daily rates, the totals roll-up) with the record, and check the record itself (evidence, documents, versions); exit 1 when anything differs");
        var repair = new Option<bool>("--repair") { Description = "Refill the derived tables from the record (one transaction), then check again" };
        var checkFormat = CliApp.FormatOption();
        check.Options.Add(repair);
        check.Options.Add(checkFormat);
        check.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(checkFormat));
            var store = new ProjectionStore(await ctx.LedgerAsync(ct));
            if (parse.GetValue(repair))
            {
                await store.RepairAsync(ct);
                ctx.Info("derived tables refilled from the record");
            }
            var results = await store.CheckAsync(ct);
            // The record is checked against itself too (evidence, documents, versions): damage there cannot be repaired.
            var record = await new RecordCheckStore(await ctx.LedgerAsync(ct)).CheckAsync(ct);
            var rows = results.Select(r => new Row()
                .Set("table", r.Table).Set("derived_from", r.DerivedFrom).Set("rows", r.Rows).Set("differences", r.Differences)
                .Set("state", r.Differences == 0 ? "consistent" : "differs")).ToList();
            rows.AddRange(record.Select(r => new Row()
                .Set("table", r.Table).Set("derived_from", "record: " + r.Rule).Set("rows", r.Rows).Set("differences", r.Violations)
                .Set("state", r.Violations == 0 ? "consistent" : "damaged")));
            Output.Write(ctx, fmt, ["table", "derived_from", "rows", "differences", "state"], rows, title: ctx.Location.Describe());
            var bad = results.Where(r => r.Differences > 0).ToList();
            var damaged = record.Where(r => r.Violations > 0).ToList();
            if (bad.Count == 0 && damaged.Count == 0) return ExitCodes.Ok;
            if (bad.Count > 0)
            {
                ctx.Warn($"{string.Join(", ", bad.Select(b => $"{b.Table} ({b.Differences} rows)"))} differ from the record; `pledge db check --repair` refills them");
            }
            foreach (var d in damaged)
            {
                ctx.Warn($"the record is damaged: {d.Table}: {d.Violations} row(s) break \"{d.Rule}\"; --repair cannot restore removed records (restore from a backup)");
            }
            return ExitCodes.PartlyFailed;
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

        var url = new Command("url", "Print a libpq connection URI for the ledger (psql \"$(pledge db url)\"); the password stays in a 0600 passfile");
        url.SetAction(async (_, ct) =>
        {
            var ctx = app.Context;
            await ctx.LedgerAsync(ct);
            ctx.Out.WriteLine(ConnectionUri.For(ctx.Location));
            return ExitCodes.Ok;
        });

        var roles = new Command("roles", "Create the roles pledge_reader (reads) and pledge_writer (reads, appends; no UPDATE/DELETE/TRUNCATE) on this database (sql/roles.sql)");
        var showScript = new Option<bool>("--print") { Description = "Print the SQL script instead of running it" };
        roles.Options.Add(showScript);
        roles.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            if (parse.GetValue(showScript))
            {
                ctx.Out.Write(LedgerRoles.Script);
                return ExitCodes.Ok;
            }
            var db = await ctx.LedgerAsync(ct);
            await using var conn = await db.OpenConnectionAsync(ct);
            await LedgerDatabase.Guard(ctx.Location, () => LedgerRoles.ApplyAsync(conn, ct));
            ctx.Console.MarkupLine($"roles {LedgerRoles.Reader} and {LedgerRoles.Writer} ready on {Spectre.Console.Markup.Escape(ctx.Location.Describe())}; grant them to login roles (CREATE ROLE name LOGIN PASSWORD '...' IN ROLE {LedgerRoles.Writer})");
            return ExitCodes.Ok;
        });

        cmd.Subcommands.Add(migrate);
        cmd.Subcommands.Add(status);
        cmd.Subcommands.Add(check);
        cmd.Subcommands.Add(start);
        cmd.Subcommands.Add(stop);
        cmd.Subcommands.Add(url);
        cmd.Subcommands.Add(roles);
        return cmd;
    }

    private static void RequireEmbedded(CliContext ctx)
    {
        if (!ctx.Location.IsEmbedded) throw new UserInputException("db start/stop: only for the embedded cluster (PLEDGE_DB or --db points elsewhere)");
    }
}
