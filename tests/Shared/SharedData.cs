namespace PledgeLedger.Tests;

/// <summary>
/// Finds ../shared (the sample documents, acceptance files and tracker data that sit beside the repository).
/// Tests that need it call <see cref="Require"/>, which skips the test with a message when it is absent.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> LazyRoot = new(FindRoot);

    /// <summary>The repository root (the folder holding PledgeLedger.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string? Root => LazyRoot.Value;

    /// <summary>The path of a file under ../shared, or a skipped test when ../shared is absent.</summary>
    public static string Require(string relative)
    {
        Skip.If(Root is null, "../shared is absent beside the repository: test skipped");
        var path = Path.Combine(Root!, relative);
        Skip.IfNot(File.Exists(path) || Directory.Exists(path), $"../shared/{relative} is absent: test skipped");
        return path;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PledgeLedger.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PledgeLedger.sln not found above " + AppContext.BaseDirectory);
    }

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("PLEDGE_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        var candidate = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
        return Directory.Exists(candidate) ? candidate : null;
    }
}
