using PledgeLedger.Storage;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

/// <summary>
/// A <see cref="CliRunner"/> with a PLEDGE_HOME of its own (saved import rules live there) and a working directory
/// to write input files into. Deleted by the OS's temp cleanup; each test gets fresh ones.
/// </summary>
internal sealed class MoneyRunner
{
    private readonly CliRunner _cli;

    private MoneyRunner(CliRunner cli, string home)
    {
        _cli = cli;
        Home = home;
    }

    public string Home { get; }

    /// <summary>The runner's ledger, for writing through a store what no command writes yet.</summary>
    public LedgerLocation Location => _cli.Location;

    public static async Task<MoneyRunner> CreateAsync(PostgresFixture pg)
    {
        var home = Path.Combine(Path.GetTempPath(), "pledge-money-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(home);
        return new MoneyRunner(new CliRunner(await pg.NewDatabaseAsync(), home), home);
    }

    /// <summary>Writes a file in the working directory and returns its path.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(Home, name);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }

    public async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = new CliEnvironment
        {
            Out = stdout,
            Error = stderr,
            Variables = new Dictionary<string, string?> { ["PLEDGE_DB"] = _cli.Location.ConnectionString, ["PLEDGE_HOME"] = Home, ["NO_COLOR"] = "1" },
            WorkingDirectory = Home,
            OpenStandardInput = () => new MemoryStream(),
        };
        var exit = await PledgeCli.RunAsync(args, env);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public Task<long> CountAsync(string table) => _cli.CountAsync(table);

    public Task<T> ScalarAsync<T>(string sql) => PostgresFixture.ScalarAsync<T>(_cli.Location.ConnectionString!, sql);
}
