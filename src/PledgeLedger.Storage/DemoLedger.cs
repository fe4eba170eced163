using Npgsql;

namespace PledgeLedger.Storage;

/// <summary>
/// The ledger <c>pledge demo</c> writes to: a database of its own beside the user's, on the same server (the embedded
/// cluster's <c>pledgeledger_demo</c>, or <c>&lt;database&gt;_demo</c> next to PLEDGE_DB). The user's ledger is
/// append-only, so sample data must never land in it; a separate database is created on demand and dropped whole.
/// </summary>
public sealed class DemoLedger
{
    public const string Suffix = "_demo";

    private readonly LedgerLocation _main;
    private readonly string _adminConnectionString;

    private DemoLedger(LedgerLocation main, string adminConnectionString, string mainDatabase, string database, LedgerLocation location)
    {
        _main = main;
        MainDatabase = mainDatabase;
        _adminConnectionString = adminConnectionString;
        Database = database;
        Location = location;
    }

    /// <summary>The user's database (never touched by the demo).</summary>
    public string MainDatabase { get; }

    /// <summary>The demo database's name.</summary>
    public string Database { get; }

    /// <summary>Where the demo ledger lives (an explicit connection string; open it with <see cref="LedgerDatabase.OpenAsync"/>).</summary>
    public LedgerLocation Location { get; }

    /// <summary>The demo ledger beside <paramref name="main"/>; starts the embedded server when the main ledger is embedded.</summary>
    public static async Task<DemoLedger> ForAsync(LedgerLocation main, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(main);
        string mainCs;
        if (main.IsEmbedded)
        {
            var pg = new EmbeddedPostgres(main.Home);
            await LedgerDatabase.Guard(main, () => pg.EnsureRunningAsync(ct));
            mainCs = pg.ConnectionString();
        }
        else
        {
            mainCs = main.ConnectionString!;
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(mainCs);
        }
        catch (ArgumentException e)
        {
            throw new LedgerEnvironmentException($"PLEDGE_DB is not a valid connection string: {e.Message}", e);
        }
        var mainDatabase = string.IsNullOrEmpty(builder.Database) ? builder.Username ?? "postgres" : builder.Database;
        var database = mainDatabase + Suffix;
        if (database.Length > 63) throw new LedgerEnvironmentException($"the demo database name '{database}' is longer than PostgreSQL's 63 characters");
        var admin = new NpgsqlConnectionStringBuilder(mainCs) { Pooling = false }.ConnectionString;
        var demo = new NpgsqlConnectionStringBuilder(mainCs) { Database = database }.ConnectionString;
        return new DemoLedger(main, admin, mainDatabase, database, new LedgerLocation(demo, main.Home));
    }

    /// <summary>
    /// The demo's connection string for <c>--db</c>: server, user and database, never a password; for the embedded
    /// cluster, which asks for one, the 0600 password file that holds it (<see cref="EmbeddedPostgres.PasswordFile"/>).
    /// </summary>
    public string ShareableConnectionString
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(Location.ConnectionString);
            var shared = new NpgsqlConnectionStringBuilder { Host = b.Host, Port = b.Port, Username = b.Username, Database = b.Database };
            if (_main.IsEmbedded) shared.Passfile = new EmbeddedPostgres(_main.Home).PasswordFile;
            return shared.ConnectionString;
        }
    }

    /// <summary>"database pledgeledger_demo in the embedded cluster in /home/x/.local/share/pledgeledger": for messages.</summary>
    public string Describe() => _main.IsEmbedded
        ? $"database {Database} in the embedded cluster in {_main.Home}"
        : $"database {Database} on the server of {_main.Describe()}";

    /// <summary>Whether the demo database exists.</summary>
    public async Task<bool> ExistsAsync(CancellationToken ct) => await LedgerDatabase.Guard(_main, async () =>
    {
        await using var conn = new NpgsqlConnection(_adminConnectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = Database });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    });

    /// <summary>Creates the demo database unless it exists (two demos at once: the second finds it there).</summary>
    public Task EnsureCreatedAsync(CancellationToken ct) => Run($"CREATE DATABASE {Quote(Database)}", "create", ct, ignore: PostgresErrorCodes.DuplicateDatabase);

    /// <summary>Drops the demo database and everything in it; false when there was none.</summary>
    public async Task<bool> DropAsync(CancellationToken ct)
    {
        if (!await ExistsAsync(ct)) return false;
        // WITH (FORCE): a pooled connection of this or another process would otherwise block the drop.
        await Run($"DROP DATABASE IF EXISTS {Quote(Database)} WITH (FORCE)", "remove", ct, ignore: null);
        return true;
    }

    private Task Run(string sql, string verb, CancellationToken ct, string? ignore) => LedgerDatabase.Guard(_main, async () =>
    {
        try
        {
            await using var conn = new NpgsqlConnection(_adminConnectionString);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == ignore)
        {
        }
        catch (PostgresException e) when (e.SqlState is not (PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification
            or PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow))
        {
            throw new LedgerEnvironmentException($"cannot {verb} the demo database {Database} ({_main.Describe()}): {e.MessageText}", e);
        }
    });

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
