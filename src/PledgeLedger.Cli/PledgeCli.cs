using System.CommandLine;
using FluentValidation;
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
        if (UnknownCommand(root, args) is { } unknown)
        {
            await env.Error.WriteLineAsync($"error: {unknown}");
            await env.Error.WriteLineAsync("(pledge --help lists the commands and options)");
            return ExitCodes.BadInput;
        }
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors.Take(3)) await env.Error.WriteLineAsync($"error: {Printable.Escape(ParseErrors.Explain(error.Message))}");
            await env.Error.WriteLineAsync("(pledge --help lists the commands and options)");
            return ExitCodes.BadInput;
        }
        if (parse.GetValue(app.DbOption) is { } db && !LedgerLocation.IsConnectionString(db))
        {
            // A typo on the command line is bad input (exit 2) about --db; an unusable PLEDGE_DB stays an environment error.
            await env.Error.WriteLineAsync("error: --db: not a connection string (e.g. \"Host=localhost;Username=me;Database=pledges\")");
            return ExitCodes.BadInput;
        }
        await using var ctx = new CliContext(env, parse.GetValue(app.DbOption), verbose) { Wide = parse.GetValue(app.WideOption) };
        app.Context = ctx;
        StartupTrace.Mark("context");
        try
        {
            ctx.MaxFileBytes = Files.MaxFileBytes(parse.GetValue(app.MaxFileSizeOption), env);
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = env.Out,
                Error = env.Error,
                EnableDefaultExceptionHandler = false,
            }, ct);
        }
        catch (Exception e) when (e is not HandOffException)
        {
            return Report(env, e, verbose, ctx.Location);
        }
    }

    /// <summary>
    /// "unknown command 'addd'; did you mean 'add'?" for a word where a (sub)command is expected, instead of the
    /// parser's "Required command was not provided".
    /// </summary>
    private static string? UnknownCommand(Command root, string[] args)
    {
        Command current = root;
        foreach (var arg in args)
        {
            if (arg.StartsWith('-')) return null;
            var next = current.Subcommands.FirstOrDefault(c => c.Name == arg || c.Aliases.Contains(arg));
            if (next is not null)
            {
                current = next;
                continue;
            }
            // A word after a command that takes only subcommands (pledge, pledge report, pledge db ...).
            if (current.Subcommands.Count == 0 || current.Arguments.Count > 0 || current.Action is not null) return null;
            var path = current == root ? "" : current.Name + " ";
            var names = current.Subcommands.Select(c => c.Name).ToList();
            var hint = Suggest.DidYouMean(arg, names);
            return $"unknown command '{path}{arg}'" + (hint.Length > 0 ? hint.Replace("did you mean '", "did you mean '" + path, StringComparison.Ordinal) : $" (commands: {string.Join(", ", names)})");
        }
        return null;
    }

    /// <summary>One line for the person, the exit code for the script; the stack trace only with --verbose.</summary>
    internal static int Report(CliEnvironment env, Exception e, bool verbose, LedgerLocation? location = null)
    {
        var (code, message) = Classify(e, location);
        // Messages echo what was typed or read (a file name, a value): control characters are shown escaped.
        env.Error.WriteLine($"error: {Printable.Escape(message)}");
        if (verbose) env.Error.WriteLine(e.ToString());
        return code;
    }

    /// <summary>The exit code and the one-line message for an exception; database errors name <paramref name="location"/>.</summary>
    public static (int Code, string Message) Classify(Exception e, LedgerLocation? location = null) => e switch
    {
        UserInputException u => (ExitCodes.BadInput, u.Message),
        ValidationException v => (ExitCodes.BadInput, string.Join(Environment.NewLine + "error: ", v.Errors.Select(x => x.ErrorMessage))),
        LedgerInputException l => (ExitCodes.BadInput, l.Message),
        LedgerEnvironmentException l => (ExitCodes.Environment, l.Message),
        Reporting.ReportEnvironmentException r => (ExitCodes.Environment, r.Message),
        OperationCanceledException => (ExitCodes.Interrupted, "interrupted: nothing half-written was kept (every write is one transaction)"),
        _ when LedgerDatabase.FromDatabase(e, location) is { } d => (ExitCodes.Environment, d.Message),
        IOException io => (ExitCodes.Environment, io.Message),
        UnauthorizedAccessException ua => (ExitCodes.Environment, ua.Message),
        _ => (ExitCodes.Internal, $"internal error, a bug in pledge: {e.GetType().Name}: {e.Message} (run with --verbose for the details to report)"),
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

    public Option<string?> MaxFileSizeOption { get; } = new("--max-file-size")
    {
        Description = $"Largest input file or document read, e.g. 64m, 1g (default 64m, or {Files.SizeVariable}); larger ones are refused unread",
        Recursive = true,
    };

    public Option<bool> WideOption { get; } = new("--wide")
    {
        Description = "Tables show every column, however narrow the terminal (by default the least useful are left out so every value stays whole)",
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
#if PLEDGE_FRONT
    // The native front (Front) builds only the commands it runs; it hands the others to the full CLI.
    [
        ("add", AddCommand.Create),
        ("list", ListCommand.Create),
        ("show", ShowCommand.Create),
        ("totals", TotalsCommand.Create),
        ("extract", ExtractCommand.Create),
        ("db", DbCommand.Create),
    ];
#else
    [
        ("demo", DemoCommand.Create),
        ("add", AddCommand.Create),
        ("list", ListCommand.Create),
        ("show", ShowCommand.Create),
        ("amend", AmendCommand.Create),
        ("redate", RedateCommand.Create),
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
#endif

    /// <summary>The command tree: every command, or only <paramref name="only"/> when it names one.</summary>
    public RootCommand BuildRoot(string? only = null)
    {
        var root = new RootCommand("pledge: an append-only ledger of aid pledges to Ukraine, fed by hand and from news documents");
        root.Options.Add(DbOption);
        root.Options.Add(VerboseOption);
        root.Options.Add(MaxFileSizeOption);
        root.Options.Add(WideOption);
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
