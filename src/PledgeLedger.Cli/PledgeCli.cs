using System.CommandLine;
using FluentValidation;
using Npgsql;
using PledgeLedger.Cli.Commands;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli;

/// <summary>The pledge command line: builds the command tree, runs one command, maps outcomes to exit codes.</summary>
public static class PledgeCli
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken ct = default)
    {
        var app = new CliApp(env);
        // Only the command asked for is built (every command's options cost start-up time); anything else (help,
        // a global option first, a typo) builds the whole tree.
        var root = app.BuildRoot(args.Length > 0 ? args[0] : null);
        StartupTrace.Mark("command tree built");
        var parse = root.Parse(args);
        StartupTrace.Mark("parsed");
        var verbose = parse.GetValue(app.VerboseOption);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors.Take(3)) await env.Error.WriteLineAsync($"error: {error.Message}");
            await env.Error.WriteLineAsync("(pledge --help lists the commands and options)");
            return ExitCodes.BadInput;
        }
        await using var ctx = new CliContext(env, parse.GetValue(app.DbOption), verbose);
        app.Context = ctx;
        StartupTrace.Mark("context");
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = env.Out,
                Error = env.Error,
                EnableDefaultExceptionHandler = false,
            }, ct);
        }
        catch (Exception e)
        {
            return Report(env, e, verbose);
        }
    }

    /// <summary>One line for the person, the exit code for the script; the stack trace only with --verbose.</summary>
    internal static int Report(CliEnvironment env, Exception e, bool verbose)
    {
        var (code, message) = Classify(e);
        env.Error.WriteLine($"error: {message}");
        if (verbose) env.Error.WriteLine(e.ToString());
        return code;
    }

    internal static (int Code, string Message) Classify(Exception e) => e switch
    {
        UserInputException u => (ExitCodes.BadInput, u.Message),
        ValidationException v => (ExitCodes.BadInput, string.Join(Environment.NewLine + "error: ", v.Errors.Select(x => x.ErrorMessage))),
        LedgerInputException l => (ExitCodes.BadInput, l.Message),
        LedgerEnvironmentException l => (ExitCodes.Environment, l.Message),
        Reporting.ReportEnvironmentException r => (ExitCodes.Environment, r.Message),
        OperationCanceledException => (ExitCodes.PartlyFailed, "interrupted: nothing half-written was kept (every write is one transaction)"),
        NpgsqlException n when LedgerDatabase.Translate(new LedgerLocation(null, ""), n) is { } t => (ExitCodes.Environment, t.Message),
        PostgresException p => (ExitCodes.Environment, $"database error {p.SqlState}: {p.MessageText}"),
        IOException io => (ExitCodes.Environment, io.Message),
        UnauthorizedAccessException ua => (ExitCodes.Environment, ua.Message),
        _ => (ExitCodes.PartlyFailed, $"unexpected {e.GetType().Name}: {e.Message} (run with --verbose for details)"),
    };
}

/// <summary>The command tree and its shared options. Commands read <see cref="Context"/> when they run.</summary>
public sealed class CliApp(CliEnvironment env)
{
    private CliContext? _context;

    public CliEnvironment Env { get; } = env;

    public Option<string?> DbOption { get; } = new("--db")
    {
        Description = "Npgsql connection string of the ledger database (default: PLEDGE_DB, else the embedded local cluster)",
        Recursive = true,
    };

    public Option<bool> VerboseOption { get; } = new("--verbose", "-v")
    {
        Description = "Show details (stack traces) of errors",
        Recursive = true,
    };

    public CliContext Context
    {
        get => _context ?? throw new InvalidOperationException("command context not set");
        set => _context = value;
    }

    /// <summary>The commands in help order, each built on demand.</summary>
    private static readonly (string Name, Func<CliApp, Command> Create)[] Commands =
    [
        ("demo", DemoCommand.Create),
        ("add", AddCommand.Create),
        ("list", ListCommand.Create),
        ("show", ShowCommand.Create),
        ("amend", AmendCommand.Create),
        ("retract", RetractCommand.Create),
        ("history", HistoryCommand.Create),
        ("totals", TotalsCommand.Create),
        ("review", ReviewCommand.Create),
        ("extract", ExtractCommand.Create),
        ("ingest", IngestCommand.Create),
        ("report", ReportCommand.Create),
        ("rates", RatesCommand.Create),
        ("catalog", CatalogCommand.Create),
        ("import", ImportCommand.Create),
        ("reconcile", ReconcileCommand.Create),
        ("db", DbCommand.Create),
    ];

    /// <summary>The command tree: every command, or only <paramref name="only"/> when it names one.</summary>
    public RootCommand BuildRoot(string? only = null)
    {
        var root = new RootCommand("pledge: an append-only ledger of aid pledges to Ukraine, fed by hand and from news documents");
        root.Options.Add(DbOption);
        root.Options.Add(VerboseOption);
        var one = Array.FindIndex(Commands, c => c.Name == only);
        foreach (var (_, create) in one >= 0 ? Commands[one..(one + 1)] : Commands)
        {
            var command = create(this);
            root.Subcommands.Add(command);
        }
        return root;
    }

    public static Option<string> FormatOption() => new("--format", "-f")
    {
        Description = "Output format: table, json or csv",
        DefaultValueFactory = _ => "table",
    };
}
