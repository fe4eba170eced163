using Npgsql;
using PledgeLedger.Storage;

namespace PledgeLedger.Tests;

/// <summary>
/// A real PostgreSQL for integration tests: PLEDGE_TEST_DB when set, else a throw-away cluster started through the
/// same embedded mechanism as the CLI, in a temporary directory. Each test gets a database of its own, copied from
/// a migrated template, so tests never see each other's rows.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string Template = "pledge_template";
    private static int _counter;
    private string? _tempHome;
    private EmbeddedPostgres? _embedded;

    /// <summary>Connection string of the server's maintenance database.</summary>
    public string AdminConnectionString { get; private set; } = "";

    public string? PasswordUserConnectionString { get; private set; }

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("PLEDGE_TEST_DB");
        if (!string.IsNullOrWhiteSpace(external))
        {
            AdminConnectionString = external;
        }
        else
        {
            _tempHome = Path.Combine(Path.GetTempPath(), "pledge-tests-" + Guid.NewGuid().ToString("N")[..10]);
            Directory.CreateDirectory(_tempHome);
            _embedded = new EmbeddedPostgres(_tempHome);
            await _embedded.EnsureRunningAsync(CancellationToken.None);
            AdminConnectionString = _embedded.ConnectionString("postgres");
            await EnablePasswordUserAsync();
        }
        await ExecAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS {Template}");
        await ExecAsync(AdminConnectionString, $"CREATE DATABASE {Template}");
        Migrator.Migrate(WithDatabase(Template));
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A fresh, migrated database for one test.</summary>
    public async Task<LedgerLocation> NewDatabaseAsync()
    {
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await ExecAsync(AdminConnectionString, $"CREATE DATABASE {name} TEMPLATE {Template}");
        return new LedgerLocation(WithDatabase(name), _tempHome ?? Path.GetTempPath());
    }

    /// <summary>A fresh, EMPTY database (no migrations applied).</summary>
    public async Task<LedgerLocation> NewEmptyDatabaseAsync()
    {
        var name = $"e{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await ExecAsync(AdminConnectionString, $"CREATE DATABASE {name}");
        return new LedgerLocation(WithDatabase(name), _tempHome ?? Path.GetTempPath());
    }

    public string WithDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;

    /// <summary>Unpooled: one test database per test would otherwise leave an idle pooled connection each.</summary>
    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public static async Task ExecAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(Unpooled(connectionString));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(Unpooled(connectionString));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>A role that must log in with a password, to test what a wrong password does.</summary>
    private async Task EnablePasswordUserAsync()
    {
        await ExecAsync(AdminConnectionString, "CREATE ROLE pw_user LOGIN PASSWORD 'right-password'");
        var hba = Path.Combine(_embedded!.DataDirectory, "pg_hba.conf");
        var lines = await File.ReadAllTextAsync(hba);
        await File.WriteAllTextAsync(hba, "local all pw_user scram-sha-256\n" + lines);
        await ExecAsync(AdminConnectionString, "SELECT pg_reload_conf()");
        PasswordUserConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Username = "pw_user", Password = "wrong-password", Database = "postgres" }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_embedded is not null)
        {
            try
            {
                await _embedded.StopAsync(CancellationToken.None);
            }
            catch (LedgerEnvironmentException)
            {
                // Best effort: the temp directory goes anyway.
            }
            catch (IOException)
            {
            }
        }
        try
        {
            _embedded?.RemoveRuntimeDirectory();
        }
        catch (IOException)
        {
        }
        if (_tempHome is not null && Directory.Exists(_tempHome))
        {
            try
            {
                Directory.Delete(_tempHome, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}

[CollectionDefinition("db")]
public sealed class DatabaseCollection : ICollectionFixture<PostgresFixture>;
