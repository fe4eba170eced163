using System.Globalization;
using PledgeLedger.Core.IO;
using PledgeLedger.Extraction;

namespace PledgeLedger.Cli;

/// <summary>
/// Input files named on the command line (rates import, import csv, reconcile): resolved against the working
/// directory, read only when they are regular files no larger than the size limit (<c>--max-file-size</c>,
/// <c>PLEDGE_MAX_FILE_SIZE</c>). A FIFO, a device or a socket is refused before it is opened, so nothing hangs on
/// a pipe with no writer or reads /dev/zero until memory runs out.
/// </summary>
internal static class Files
{
    public const string SizeVariable = "PLEDGE_MAX_FILE_SIZE";

    /// <summary>The full path of an existing regular file within the size limit; else a one-line refusal (exit 2).</summary>
    public static string Existing(CliContext ctx, string argument, string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException($"{argument}: required (a file path)");
        var full = Path.GetFullPath(path, ctx.Env.WorkingDirectory);
        var (kind, size) = FileKinds.Stat(full);
        return kind switch
        {
            FileKind.Missing => throw new UserInputException($"{argument}: '{path}' is not a file (not found)"),
            FileKind.Regular when size > ctx.MaxFileBytes => throw new UserInputException(
                $"{argument}: '{path}' is too large ({size:N0} bytes, limit {ctx.MaxFileBytes:N0}; raise it with --max-file-size or {SizeVariable})"),
            FileKind.Regular or FileKind.Unknown => full,
            _ => throw new UserInputException($"{argument}: '{path}' is not a regular file ({FileKinds.Describe(kind)}); only regular files are read"),
        };
    }

    /// <summary>
    /// Parses a size: bytes ("1000000") or with a binary suffix k, m, g ("64m" = 64 MiB). Between 1 KiB and 16 GiB.
    /// </summary>
    public static long ParseSize(string option, string text)
    {
        var t = text.Trim().ToLowerInvariant();
        long factor = 1;
        if (t.EndsWith('b')) t = t[..^1];
        if (t.Length > 0 && t[^1] is 'k' or 'm' or 'g')
        {
            factor = t[^1] switch { 'k' => 1L << 10, 'm' => 1L << 20, _ => 1L << 30 };
            t = t[..^1];
        }
        if (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= (16L << 30) / factor
            && n * factor >= 1024)
        {
            return n * factor;
        }
        throw new UserInputException($"{option}: '{text}' is not a size between 1k and 16g (bytes, or a number with k, m or g: 64m)");
    }

    /// <summary>The size limit from the option, else the variable, else the default (64 MiB).</summary>
    public static long MaxFileBytes(string? option, CliEnvironment env)
    {
        if (!string.IsNullOrWhiteSpace(option)) return ParseSize("--max-file-size", option);
        if (env.Variable(SizeVariable) is { Length: > 0 } v) return ParseSize(SizeVariable, v);
        return DocumentReader.DefaultMaxDocumentBytes;
    }
}
