using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace PledgeLedger.Extraction;

public static partial class DocumentReader
{
    private static Result ReadPdf(string source, ReadOnlySpan<byte> bytes, string contentHash)
    {
        // Checked on the bytes first: PdfPig may open some encrypted or cut files and return garbage or nothing.
        if (bytes.IndexOf("/Encrypt"u8) >= 0) return Result.Of(ReadProblemCodes.Encrypted(source));
        var tail = bytes[Math.Max(0, bytes.Length - 2048)..];
        if (tail.IndexOf("%%EOF"u8) < 0) return Result.Of(ReadProblemCodes.PdfCut(source));
        try
        {
            using var pdf = PdfDocument.Open(bytes.ToArray());
            var sb = new System.Text.StringBuilder();
            foreach (var page in pdf.GetPages())
            {
                if (sb.Length > 0) sb.Append("\n\n");
                sb.Append(ContentOrderTextExtractor.GetText(page));
                if (sb.Length > MaxTextBytes) break;
            }
            var text = sb.ToString();
            if (string.IsNullOrWhiteSpace(text)) return Result.Of(ReadProblemCodes.EmptyFile(source));
            var title = string.IsNullOrWhiteSpace(pdf.Information.Title) ? FirstLine(text) : pdf.Information.Title.Trim();
            return Result.Of(new ExtractedDocument(source, contentHash, title, Dates.FindDateline(text), "pdf", text, null));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig throws its own exception types (and sometimes InvalidOperation/Argument ones) for broken files.
            var message = e.Message.Contains("encrypt", StringComparison.OrdinalIgnoreCase)
                ? null : e.Message.Split('\n')[0];
            return Result.Of(message is null ? ReadProblemCodes.Encrypted(source) : ReadProblemCodes.PdfBroken(source, message));
        }
    }
}
