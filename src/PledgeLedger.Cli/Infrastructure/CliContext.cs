using PledgeLedger.Core;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli;

/// <summary>What every command gets: the environment, the consoles, the global options and the ledger on demand.</summary>
public sealed class CliContext(CliEnvironment env, string? dbOption, bool verbose) : IAsyncDisposable
{
    private LedgerDatabase? _db;
    private IAnsiConsole? _console;
    private IAnsiConsole? _errorConsole;

    public CliEnvironment Env { get; } = env;
    public TextWriter Out => Env.Out;
    /// <summary>Standard error; control characters in what is written are shown escaped (<see cref="Printable"/>).</summary>
    public TextWriter Error { get; } = new PrintableWriter(env.Error);
    public bool Verbose { get; } = verbose;
    // Made on first use: a command that prints CSV never loads Spectre's console, one that reads no donor or system
    // name never parses the registries (start-up time of every command, issue 13).
    public IAnsiConsole Console => _console ??= CreateConsole();

    private IAnsiConsole CreateConsole()
    {
        StartupTrace.Mark("creating the console");
        var console = Env.CreateConsole(Env.Out, Env.OutputIsTerminal);
        StartupTrace.Mark("console");
        return console;
    }
    public IAnsiConsole ErrorConsole => _errorConsole ??= Env.CreateConsole(Env.Error, Env.ErrorIsTerminal);
    public DonorRegistry Donors => DonorRegistry.Default;
    public SystemCatalog Systems => SystemCatalog.Default;
    /// <summary>--wide: tables show every column on a terminal too (the terminal may wrap the line, never a value).</summary>
    public bool Wide { get; init; }

    /// <summary>The size limit of one input file or document (<c>--max-file-size</c>, <c>PLEDGE_MAX_FILE_SIZE</c>).</summary>
    public long MaxFileBytes { get; set; } = Extraction.DocumentReader.DefaultMaxDocumentBytes;

    public LedgerLocation Location { get; } = new(
        string.IsNullOrWhiteSpace(dbOption ?? env.Variable("PLEDGE_DB")) ? null : dbOption ?? env.Variable("PLEDGE_DB"),
        string.IsNullOrWhiteSpace(env.Variable("PLEDGE_HOME")) ? EmbeddedPostgres.DefaultHome() : env.Variable("PLEDGE_HOME")!);

    /// <summary>The ledger, opened (and migrated) on first use.</summary>
    public async Task<LedgerDatabase> LedgerAsync(CancellationToken ct, bool migrate = true)
    {
        if (_db is null)
        {
            StartupTrace.Mark("opening the ledger");
#if PLEDGE_FRONT
            // The native front carries no migration runner: a ledger with migrations to apply goes to the full CLI,
            // which applies them and runs the command (nothing has been written yet).
            var db = await LedgerDatabase.OpenAsync(Location, migrate: false, ct);
            if (migrate && db.MigrationsPending)
            {
                await db.DisposeAsync();
                throw new HandOffException("migrations pending");
            }
            _db = db;
#else
            _db = await LedgerDatabase.OpenAsync(Location, migrate, ct);
#endif
            StartupTrace.Mark("ledger open");
        }
        return _db;
    }

    private SystemCatalog? _ledgerSystems;

    /// <summary>
    /// The ledger's catalog: Core's systems plus those added in this ledger (<c>pledge catalog add</c>) and the
    /// aliases promoted into it (<c>pledge catalog promote</c>). Opens the ledger.
    /// </summary>
    public async Task<SystemCatalog> LedgerSystemsAsync(CancellationToken ct)
    {
        if (_ledgerSystems is not null) return _ledgerSystems;
        var stored = (await new CatalogStore(await LedgerAsync(ct)).SystemsAsync(ct)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        // Core's own rows first (their names and aliases win a tie), with the aliases added in the ledger; then the
        // systems added in the ledger.
        var merged = Systems.All
            .Select(s => stored.TryGetValue(s.Id, out var db) ? s with { Aliases = [.. s.Aliases, .. db.Aliases.Except(s.Aliases)] } : s)
            .Concat(stored.Values.Where(s => Systems.All.All(c => c.Id != s.Id)).OrderBy(s => s.Id, StringComparer.Ordinal));
        return _ledgerSystems = new SystemCatalog(merged);
    }

    /// <summary>A warning on standard error: one unwrapped line, coloured only on a terminal.</summary>
    public void Warn(string message)
    {
        if (Env.ErrorIsTerminal && !Env.NoColor) ErrorConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(Printable.Escape(message))}");
        else Error.WriteLine("warning: " + message);
    }

    /// <summary>Progress and summary lines on standard error, so standard output stays clean for json/csv.</summary>
    public void Info(string message) => Error.WriteLine(message);

    public async ValueTask DisposeAsync()
    {
        if (_db is not null) await _db.DisposeAsync();
    }
}
