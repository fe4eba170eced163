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

    public static string ShortName(string script) => script.StartsWith(Prefix, StringComparison.Ordinal) ? script[Prefix.Length..] : script;

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

    /// <summary>Applies pending migrations, each in its own transaction. Returns the names applied.</summary>
    public static IReadOnlyList<string> Migrate(string connectionString)
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
