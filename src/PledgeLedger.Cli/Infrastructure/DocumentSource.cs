using PledgeLedger.Extraction;

namespace PledgeLedger.Cli;

/// <summary>Documents from a path argument: "-" is standard input; files and directories go to the reader.</summary>
internal static class DocumentSource
{
    public static IEnumerable<Result> Read(CliContext ctx, string path)
    {
        if (path == "-")
        {
            // Bounded like a file: standard input fed from /dev/zero ends at the size limit with one problem.
            using var stdin = ctx.Env.OpenStandardInput();
            return DocumentReader.ReadStream("-", stdin, ctx.MaxFileBytes);
        }
        var full = Path.IsPathRooted(path) ? path : Path.Combine(ctx.Env.WorkingDirectory, path);
        return DocumentReader.ReadUpTo(full, ctx.MaxFileBytes);
    }

    /// <summary>How many files a path holds (for the progress bar); 1 for a file or standard input.</summary>
    public static int CountFiles(CliContext ctx, string path)
    {
        if (path == "-") return 1;
        var full = Path.IsPathRooted(path) ? path : Path.Combine(ctx.Env.WorkingDirectory, path);
        if (!Directory.Exists(full)) return 1;
        try
        {
            return Directory.EnumerateFiles(full, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Count();
        }
        catch (IOException)
        {
            return 1;
        }
        catch (UnauthorizedAccessException)
        {
            return 1;
        }
    }
}
