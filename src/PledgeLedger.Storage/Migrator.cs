using DbUp;
using Npgsql;

namespace PledgeLedger.Storage;

/// <summary>The numbered SQL files of migrations/, embedded in this assembly, applied with DbUp.</summary>
public static class Migrator
{
    private const string Prefix = "PledgeLedger.Migrations.";

    /// <summary>Every migration this binary carries, in order.</summary>
    public static IReadOnlyList<string> Known { get; } = typeof(Migrator).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    public sealed record Status(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown)
    {
        /// <summary>Scripts in the database this binary does not know: the database is newer than the binary.</summary>
        public bool DatabaseIsNewer => Unknown.Count > 0;
    }

    /// <summary>Names of the known migrations joined by line breaks, as the cheap check's query joins the journal's.</summary>
    private static readonly string KnownJoined = string.Join('\n', Known);

    /// <summary>
    /// Session advisory lock key held around a migration run (0x706c65646765 = "pledge"): two first commands at once
    /// would otherwise both see the same pending scripts and both run them ("relation donors already exists").
    /// </summary>
    private const long MigrationLockKey = 0x706c65646765;

    public static string ShortName(string script) => script.StartsWith(Prefix, StringComparison.Ordinal) ? script[Prefix.Length..] : script;

    /// <summary>
    /// The check every command makes: one query comparing the journal (its script names, joined) with the
    /// migrations this binary carries. True means up to date; false (behind, ahead, or no journal yet) sends the
    /// caller to <see cref="GetStatusAsync"/> for the details.
    /// </summary>
    public static async Task<bool> IsCurrentAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT string_agg(scriptname, E'\\n' ORDER BY scriptname COLLATE \"C\") FROM public.schemaversions", conn);
        try
        {
            return await cmd.ExecuteScalarAsync(ct) is string applied && applied == KnownJoined;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return false;
        }
    }

    public static async Task<Status> GetStatusAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('public.schemaversions') IS NOT NULL", conn);
        var applied = new List<string>();
        if ((bool)(await exists.ExecuteScalarAsync(ct))!)
        {
            await using var cmd = new NpgsqlCommand("SELECT scriptname FROM public.schemaversions ORDER BY scriptname", conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
        }
        var appliedSet = applied.ToHashSet(StringComparer.Ordinal);
        return new Status(
            applied.Where(Known.Contains).ToList(),
            Known.Where(k => !appliedSet.Contains(k)).ToList(),
            applied.Where(a => !Known.Contains(a)).ToList());
    }

    /// <summary>
    /// Applies pending migrations, each in its own transaction, under a session advisory lock so concurrent runs
    /// take turns; the journal is read again under the lock, so the second run finds nothing left to do. Returns the
    /// names applied.
    /// </summary>
    public static IReadOnlyList<string> Migrate(string connectionString)
    {
        using var gate = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        gate.Open();
        using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", gate)) take.ExecuteNonQuery();
        try
        {
            var applied = MigrateLocked(connectionString);
            if (applied.Count > 0) LedgerRoles.ReapplyIfPresent(gate);
            return applied;
        }
        finally
        {
            // Closing the unpooled session releases the lock too; unlocking says so.
            using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", gate);
            release.ExecuteNonQuery();
        }
    }

    private static IReadOnlyList<string> MigrateLocked(string connectionString)
    {
        var upgrader = DeployChanges.To.PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build();
        var pending = upgrader.GetScriptsToExecute().Select(s => s.Name).ToList();
        if (pending.Count == 0) return [];
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new LedgerEnvironmentException($"migration {ShortName(result.ErrorScript?.Name ?? "?")} failed: {result.Error?.Message}", result.Error);
        }
        return pending;
    }
}
