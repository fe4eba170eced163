using System.Text;
using PledgeLedger.Reporting.Documents;
using PledgeLedger.Reporting.Export;
using PledgeLedger.Reporting.Layout;
using PledgeLedger.Reporting.Layout.Skia;

namespace PledgeLedger.Reporting;

/// <summary>
/// Writes a report to a file atomically: into a temporary file in the target directory, then moved over the
/// target, so a reader never sees half a report.
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

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
