using System.Net.Sockets;
using Dapper;
using Npgsql;

namespace PledgeLedger.Storage;

/// <summary>Where the ledger lives: a connection string (PLEDGE_DB or --db) or the embedded cluster in a home directory.</summary>
public sealed record LedgerLocation(string? ConnectionString, string Home)
{
    /// <summary>Whether <paramref name="s"/> reads as an Npgsql connection string with at least one setting.</summary>
    public static bool IsConnectionString(string s)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(s);
            return b.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public bool IsEmbedded => ConnectionString is null;

    /// <summary>A description for messages that never shows a password.</summary>
    public string Describe()
    {
        if (IsEmbedded) return $"embedded cluster in {Home}";
        try
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"{b.Username}@{b.Host}:{b.Port}/{b.Database}";
        }
        catch (ArgumentException)
        {
            return "PLEDGE_DB";
        }
    }
}

/// <summary>
/// Called at each step of opening the ledger when set (the CLI's PLEDGE_TRACE=1 start-up trace). Apart from
/// <see cref="LedgerDatabase"/> so that setting it runs none of that class's start-up.
/// </summary>
public static class LedgerTrace
{
    public static Action<string>? Step { get; set; }
}

/// <summary>
/// One NpgsqlDataSource per process, opened on a migrated ledger. Every infrastructure failure comes out as a
/// <see cref="LedgerEnvironmentException"/> with one line a person can act on.
/// </summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    static LedgerDatabase()
    {
        // Dapper maps rows with code it emits at run time. Native AOT (the published front, issue 13) has no such
        // code and reads every row it needs with Npgsql's reader, so Dapper is set up only where it can run.
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }

    private LedgerDatabase(NpgsqlDataSource dataSource, LedgerLocation location, string connectionString)
    {
        DataSource = dataSource;
        Location = location;
        ConnectionString = connectionString;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The connection string with its password (the data source's own leaves the password out).</summary>
    public string ConnectionString { get; }
    public LedgerLocation Location { get; }

    /// <summary>Opened without migrating (<c>migrate: false</c>) on a ledger that has migrations to apply.</summary>
    public bool MigrationsPending { get; private set; }

    /// <summary>
    /// Opens the ledger; starts the embedded server when needed; applies pending migrations unless told not to. The
    /// schema check is one query on the first connection (which the command then reuses from the pool); the full
    /// status and DbUp run only when the journal differs from this binary's migrations.
    /// </summary>
    public static async Task<LedgerDatabase> OpenAsync(LedgerLocation location, bool migrate, CancellationToken ct)
    {
        EmbeddedPostgres? pg = null;
        string cs;
        if (location.IsEmbedded)
        {
            pg = new EmbeddedPostgres(location.Home);
            await Guard(location, () => pg.EnsureRunningAsync(ct));
            LedgerTrace.Step?.Invoke("  embedded server checked");
            cs = pg.ConnectionString();
        }
        else
        {
            try
            {
                cs = new NpgsqlConnectionStringBuilder(location.ConnectionString).ConnectionString;
            }
            catch (ArgumentException e)
            {
                throw new LedgerEnvironmentException($"PLEDGE_DB is not a valid connection string: {e.Message}", e);
            }
        }
        var dataSource = Build(cs);
        LedgerTrace.Step?.Invoke("  data source built");
        bool current;
        try
        {
            current = await Guard(location, () => IsCurrentAsync(dataSource, ct));
        }
        catch (LedgerEnvironmentException) when (pg is not null && !ct.IsCancellationRequested)
        {
            // The server looked up but refused the connection: a postmaster killed a moment ago. Check for real
            // under the cluster lock, start it again, and try once more.
            await dataSource.DisposeAsync();
            await Guard(location, () => pg.RecoverAsync(ct));
            cs = pg.ConnectionString();
            dataSource = Build(cs);
            current = await Guard(location, () => IsCurrentAsync(dataSource, ct));
        }
        LedgerTrace.Step?.Invoke("  schema version checked");
        var db = new LedgerDatabase(dataSource, location, cs);
        try
        {
            if (current) return db;
            var status = await Guard(location, () => Migrator.GetStatusAsync(dataSource, ct));
            if (status.DatabaseIsNewer)
            {
                throw new LedgerEnvironmentException(
                    $"the database ({location.Describe()}) has migrations this pledge binary does not know ({string.Join(", ", status.Unknown.Select(Migrator.ShortName))}): it is newer than the binary; upgrade pledge");
            }
            if (migrate && status.Pending.Count > 0)
            {
                await Guard(location, () => Task.Run(() => Migrator.Migrate(cs), ct));
            }
            db.MigrationsPending = !migrate && status.Pending.Count > 0;
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    // The slim builder loads only the type handlers the ledger uses; the ledger uses only built-in types, so the
    // server's type catalog is not read on first connect (~20 ms of every command).
    private static NpgsqlDataSource Build(string cs) =>
        new NpgsqlSlimDataSourceBuilder(cs).EnableArrays().ConfigureTypeLoading(t => t.EnableTypeLoading(false)).Build();

    private static async Task<bool> IsCurrentAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        LedgerTrace.Step?.Invoke("  first connection open");
        return await Migrator.IsCurrentAsync(conn, ct);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    /// <summary>A pooled connection; a server that is gone or refuses the login comes out as one actionable line.</summary>
    public Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken ct) =>
        Guard(Location, async () => await DataSource.OpenConnectionAsync(ct));

    /// <summary>
    /// A query over many pledges. As of a past time the daily rates come from a function (fx_daily_as_of) whose
    /// output the planner has no statistics for; it then prefers sorting every pledge for a merge join (1.7 s at
    /// 1,000,000 pledges) to hashing the ~50,000 rates (0.7 s). The as-of query runs in a transaction that rules
    /// the merge join out for itself alone.
    /// </summary>
    internal async Task<List<T>> QueryManyAsync<T>(string sql, DynamicParameters args, bool asOf, CancellationToken ct)
    {
        await using var conn = await OpenConnectionAsync(ct);
        if (!asOf) return (await conn.QueryAsync<T>(new CommandDefinition(sql, args, cancellationToken: ct))).ToList();
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SET LOCAL enable_mergejoin = off", transaction: tx, cancellationToken: ct));
        var rows = (await conn.QueryAsync<T>(new CommandDefinition(sql, args, tx, cancellationToken: ct))).ToList();
        await tx.CommitAsync(ct);
        return rows;
    }

    /// <summary>
    /// The rows of a query read straight from Npgsql's reader, <paramref name="read"/> mapping each one, without Dapper:
    /// for the commands whose start-up time counts (totals, list), where Dapper's first use (building and compiling
    /// its row mapper) is ~40 ms of CPU (issue 13). The parameters are Dapper's, as the SQL builders make them.
    /// With <paramref name="asOf"/>, as <see cref="QueryManyAsync{T}"/>: no merge join, in a transaction of its own.
    /// </summary>
    internal async Task<List<T>> ReadManyAsync<T>(string sql, DynamicParameters args, bool asOf, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        await using var conn = await OpenConnectionAsync(ct);
        await using var tx = asOf ? await conn.BeginTransactionAsync(ct) : null;
        if (tx is not null)
        {
            await using var off = new NpgsqlCommand("SET LOCAL enable_mergejoin = off", conn, tx);
            await off.ExecuteNonQueryAsync(ct);
        }
        var rows = new List<T>();
        await using (var cmd = Command(conn, sql, args, tx))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        }
        if (tx is not null) await tx.CommitAsync(ct);
        return rows;
    }

    /// <summary>
    /// A command with the parameters of a Dapper <see cref="DynamicParameters"/> (names without '@', values as added:
    /// DateOnly, DateTime, arrays, numbers, strings; null as NULL), for queries run without Dapper.
    /// </summary>
    internal static NpgsqlCommand Command(NpgsqlConnection conn, string sql, DynamicParameters args, NpgsqlTransaction? tx = null)
    {
        var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var name in args.ParameterNames) cmd.Parameters.AddWithValue(name, args.Get<object?>(name) ?? DBNull.Value);
        return cmd;
    }

    /// <summary>Runs an operation and turns connection-level failures into one actionable line.</summary>
    public static async Task<T> Guard<T>(LedgerLocation location, Func<Task<T>> op)
    {
        try
        {
            return await op();
        }
        catch (Exception e) when (Translate(location, e) is { } translated)
        {
            throw translated;
        }
    }

    public static Task Guard(LedgerLocation location, Func<Task> op) => Guard(location, async () =>
    {
        await op();
        return 0;
    });

    /// <summary>Maps an infrastructure exception to a LedgerEnvironmentException, or null when it is not one.</summary>
    public static LedgerEnvironmentException? Translate(LedgerLocation location, Exception e) => e switch
    {
        LedgerEnvironmentException => null,
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } pe => new($"the database ({location.Describe()}) refused the login: {pe.MessageText}", e),
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } pe => new($"the database ({location.Describe()}) refused: {pe.MessageText} (this role may not do that; a pledge_reader can only read)", e),
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } pe => new($"the database ({location.Describe()}) does not exist: {pe.MessageText}", e),
        PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow } pe => new($"the database ({location.Describe()}) is shutting down or starting: {pe.MessageText}", e),
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => new($"cannot reach the database ({location.Describe()}): {e.InnerException!.Message}", e),
        NpgsqlException ne when ne is not PostgresException => new($"database error ({location.Describe()}): {ne.Message}", e),
        SocketException => new($"cannot reach the database ({location.Describe()}): {e.Message}", e),
        _ => null,
    };

    /// <summary>
    /// Any error the database or its driver raised, as a <see cref="LedgerEnvironmentException"/> (CLI exit code 3)
    /// whose message names <paramref name="location"/>; null when <paramref name="e"/> did not come from the database.
    /// </summary>
    public static LedgerEnvironmentException? FromDatabase(Exception e, LedgerLocation? location) => e switch
    {
        NpgsqlException n when Translate(location ?? new LedgerLocation(null, ""), n) is { } t => t,
        PostgresException p => new($"database error {p.SqlState}: {p.MessageText}", p),
        _ => null,
    };

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            _ => throw new InvalidCastException($"cannot convert {value.GetType()} to DateOnly"),
        };

        public override void SetValue(System.Data.IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = System.Data.DbType.Date;
            parameter.Value = value;
        }
    }
}
