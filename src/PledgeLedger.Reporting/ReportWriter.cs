using System.Text;
using PledgeLedger.Core.IO;
using PledgeLedger.Reporting.Documents;
using PledgeLedger.Reporting.Export;
using PledgeLedger.Reporting.Layout;
using PledgeLedger.Reporting.Layout.Skia;

namespace PledgeLedger.Reporting;

/// <summary>
/// Writes a report to a file atomically: into a temporary file in the target's directory, then moved over the
/// target, so a reader never sees half a report. Only a regular file (or nothing) is replaced: a symbolic link is
/// followed and its target written; a device, FIFO, socket or directory is refused (<see cref="ReportTargetException"/>),
/// and so is a missing directory (it is not created).
/// </summary>
public static class ReportWriter
{
    /// <summary>Writes the PDF; throws <see cref="ReportEnvironmentException"/> when the DejaVu fonts are missing.</summary>
    public static void WritePdf(IReport report, string path, PaperSize paper)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var fonts = SkiaFonts.Load();
        WriteAtomically(path, stream => RenderPdf(report, stream, paper, fonts));
    }

    /// <summary>Renders the PDF to a stream; returns the page count.</summary>
    public static int RenderPdf(IReport report, Stream output, PaperSize paper, SkiaFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        var document = new ReportDocument(report);
        using var sink = new SkiaPdfSink(output, document.Info, fonts);
        return DocumentLayout.Render(document, paper == PaperSize.Letter ? PageSetup.Letter : PageSetup.A4, fonts, sink);
    }

    public static void WriteCsv(IReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        WriteAtomically(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            CsvExport.Write(report, writer);
        });
    }

    public static void WriteJson(IReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        WriteAtomically(path, stream => JsonExport.Write(report, stream));
    }

    /// <summary>Writes the report in <paramref name="format"/> (pdf, csv or json) to a stream (standard output).</summary>
    public static void Write(IReport report, string format, Stream output, PaperSize paper)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case "csv":
                using (var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true)) CsvExport.Write(report, writer);
                break;
            case "json":
                JsonExport.Write(report, output);
                break;
            default:
                using (var fonts = SkiaFonts.Load()) RenderPdf(report, output, paper, fonts);
                break;
        }
        output.Flush();
    }

    /// <summary>
    /// The file a report for <paramref name="path"/> is written to: the path itself, or the final target of a symbolic
    /// link. Throws <see cref="ReportTargetException"/> when that is not a regular file or absent, or its directory
    /// does not exist.
    /// </summary>
    public static string ResolveTarget(string path)
    {
        var full = Path.GetFullPath(path);
        var (kind, _) = FileKinds.Stat(full, followLinks: false);
        if (kind == FileKind.SymbolicLink)
        {
            // The link stays a link: its (final) target is what gets replaced.
            full = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
            (kind, _) = FileKinds.Stat(full, followLinks: false);
            if (kind == FileKind.SymbolicLink) throw new ReportTargetException($"{path}: the symbolic link cannot be resolved (a loop?)");
        }
        var dir = Path.GetDirectoryName(full) ?? "/";
        switch (kind)
        {
            case FileKind.Regular:
                return full;
            case FileKind.Missing:
                var (dirKind, _) = FileKinds.Stat(dir);
                if (dirKind == FileKind.Missing) throw new ReportTargetException($"{path}: the directory {dir} does not exist (create it first)");
                if (dirKind is not (FileKind.Directory or FileKind.Unknown)) throw new ReportTargetException($"{path}: {dir} is not a directory");
                return full;
            default:
                throw new ReportTargetException($"{path}: {(full == Path.GetFullPath(path) ? "" : full + " ")}is {FileKinds.Describe(kind)}, not a regular file; a report only replaces a regular file");
        }
    }

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var target = ResolveTarget(path);
        var dir = Path.GetDirectoryName(target) ?? ".";
        var temp = Path.Combine(dir, $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}

/// <summary>The output path of a report cannot be written: not a regular file, or its directory is missing.</summary>
public sealed class ReportTargetException(string message) : IOException(message);
