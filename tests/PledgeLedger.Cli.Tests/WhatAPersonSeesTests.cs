using System.Text.Json;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

/// <summary>Issue 11: what a person sees (the demo apart from real work, tables that fit, small things).</summary>
[Collection("db")]
public sealed class WhatAPersonSeesTests(PostgresFixture pg) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pledge-see-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Demo_runs_in_a_ledger_of_its_own_named_in_its_output_and_never_touches_the_users()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "FR", "--system", "CAESAR", "--quantity", "12", "--date", "2024-06-07")).Exit);
        var (exit, output, err) = await cli.RunAsync("demo");
        Assert.True(exit == 0, err);
        Assert.Contains("Denmark", output);
        var demoDb = new Npgsql.NpgsqlConnectionStringBuilder(cli.Location.ConnectionString) { Database = Database(cli) + "_demo" }.ConnectionString;
        Assert.Contains($"database {Database(cli)}_demo", err);
        Assert.Contains("pledge demo --clean", err);
        Assert.True(File.Exists(Path.Combine(_dir, "reports", "demo-monthly-2024-06.pdf")));

        // The user's ledger holds exactly what the user put there: one pledge, no rates.
        Assert.Equal(1, await cli.CountAsync("pledge_versions"));
        Assert.Equal(0, await cli.CountAsync("fx_rates"));
        var (_, list, _) = await cli.RunAsync("list", "--donor", "FR", "--format", "json");
        Assert.Single(JsonDocument.Parse(list).RootElement.EnumerateArray());

        // The demo's own ledger has the sample, once however often it runs.
        var pledges = await PostgresFixture.ScalarAsync<long>(demoDb, "SELECT count(*) FROM pledges");
        Assert.True(pledges >= 10);
        Assert.Equal(0, (await cli.RunAsync("demo")).Exit);
        Assert.Equal(pledges, await PostgresFixture.ScalarAsync<long>(demoDb, "SELECT count(*) FROM pledges"));

        // One command removes it; the user's ledger stays.
        (exit, _, err) = await cli.RunAsync("demo", "--clean");
        Assert.Equal(0, exit);
        Assert.Contains("demo ledger removed", err);
        Assert.False(await PostgresFixture.ScalarAsync<bool>(pg.AdminConnectionString, $"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = '{Database(cli)}_demo')"));
        Assert.Equal(1, await cli.CountAsync("pledge_versions"));
        (exit, _, err) = await cli.RunAsync("demo", "--clean");
        Assert.Equal(0, exit);
        Assert.Contains("no demo ledger to remove", err);
    }

    private static string Database(CliRunner cli) => new Npgsql.NpgsqlConnectionStringBuilder(cli.Location.ConnectionString).Database!;
}
