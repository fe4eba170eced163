using System.Security.Cryptography;

namespace PledgeLedger.Storage.Tests;

/// <summary>
/// A landed migration never changes: DbUp records only a script's name, so an edited migration would leave every
/// ledger created before the edit on the old text, silently. migrations/manifest.sha256 (sha256sum format) holds
/// each landed migration's SHA-256; a fix goes forward as a new migration, whose line is added to the manifest.
/// </summary>
public sealed class MigrationManifestTests
{
    private static readonly string MigrationsDir = FindMigrations();

    [Fact]
    public void Every_migration_the_binary_carries_matches_its_manifest_line()
    {
        var manifest = ReadManifest();
        foreach (var resource in Migrator.Known)
        {
            var name = Migrator.ShortName(resource);
            Assert.True(manifest.ContainsKey(name), $"{name} is not in migrations/manifest.sha256: add its line (sha256sum {name}) when it lands");
            using var stream = typeof(Migrator).Assembly.GetManifestResourceStream(resource)!;
            var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            Assert.True(manifest[name] == hash,
                $"{name} changed after it landed (manifest {manifest[name]}, now {hash}): restore it and fix forward with a new migration");
        }
    }

    [Fact]
    public void The_manifest_names_exactly_the_migrations_in_the_folder()
    {
        var files = Directory.GetFiles(MigrationsDir, "*.sql").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, ReadManifest().Keys.Order(StringComparer.Ordinal).ToList());
        Assert.Equal(files, Migrator.Known.Select(Migrator.ShortName).ToList());
    }

    private static Dictionary<string, string> ReadManifest() =>
        File.ReadAllLines(Path.Combine(MigrationsDir, "manifest.sha256"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => l.Split("  ", 2))
            .ToDictionary(p => p[1].Trim(), p => p[0].Trim(), StringComparer.Ordinal);

    private static string FindMigrations()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "migrations");
            if (File.Exists(Path.Combine(dir.FullName, "PledgeLedger.sln")) && Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("migrations/ not found above " + AppContext.BaseDirectory);
    }
}
