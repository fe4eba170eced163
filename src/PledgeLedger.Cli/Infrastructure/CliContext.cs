using PledgeLedger.Core;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli;

/// <summary>What every command gets: the environment, the consoles, the global options and the ledger on demand.</summary>
public sealed class CliContext(CliEnvironment env, string? dbOption, bool verbose) : IAsyncDisposable
{
    private LedgerDatabase? _db;

    public CliEnvironment Env { get; } = env;
    public TextWriter Out => Env.Out;
    public TextWriter Error => Env.Error;
    public bool Verbose { get; } = verbose;
    /// <summary>--wide: tables show every column on a terminal too (the terminal may wrap the line, never a value).</summary>
    public bool Wide { get; init; }
    public IAnsiConsole Console { get; } = env.CreateConsole(env.Out, env.OutputIsTerminal);
    public IAnsiConsole ErrorConsole { get; } = env.CreateConsole(env.Error, env.ErrorIsTerminal);
    public DonorRegistry Donors { get; } = DonorRegistry.Default;
    public SystemCatalog Systems { get; } = SystemCatalog.Default;

    public LedgerLocation Location { get; } = new(
        string.IsNullOrWhiteSpace(dbOption ?? env.Variable("PLEDGE_DB")) ? null : dbOption ?? env.Variable("PLEDGE_DB"),
        string.IsNullOrWhiteSpace(env.Variable("PLEDGE_HOME")) ? EmbeddedPostgres.DefaultHome() : env.Variable("PLEDGE_HOME")!);

    /// <summary>The ledger, opened (and migrated) on first use.</summary>
    public async Task<LedgerDatabase> LedgerAsync(CancellationToken ct, bool migrate = true) =>
        _db ??= await LedgerDatabase.OpenAsync(Location, migrate, ct);

    /// <summary>A warning on standard error: one unwrapped line, coloured only on a terminal.</summary>
    public void Warn(string message)
    {
        if (Env.ErrorIsTerminal && !Env.NoColor) ErrorConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");
        else Error.WriteLine("warning: " + message);
    }

    /// <summary>Progress and summary lines on standard error, so standard output stays clean for json/csv.</summary>
    public void Info(string message) => Error.WriteLine(message);

    public async ValueTask DisposeAsync()
    {
        if (_db is not null) await _db.DisposeAsync();
    }
}
