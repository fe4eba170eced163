using PledgeLedger.Storage;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

/// <summary>Runs pledge commands in-process against a test database, capturing output like a terminal would not.</summary>
internal sealed class CliRunner(LedgerLocation location, string? workingDirectory = null)
{
    public LedgerLocation Location { get; } = location;

    public Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public async Task<(int Exit, string Out, string Err)> RunAsync(CancellationToken ct, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = new CliEnvironment
        {
            Out = stdout,
            Error = stderr,
            Variables = new Dictionary<string, string?> { ["PLEDGE_DB"] = Location.ConnectionString, ["NO_COLOR"] = "1" },
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
            OpenStandardInput = () => new MemoryStream(),
        };
        var exit = await PledgeCli.RunAsync(args, env, ct);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public Task<long> CountAsync(string table) => PostgresFixture.ScalarAsync<long>(Location.ConnectionString!, $"SELECT count(*) FROM {table}");

    public static async Task<CliRunner> CreateAsync(PostgresFixture pg, string? workingDirectory = null) => new(await pg.NewDatabaseAsync(), workingDirectory);
}
