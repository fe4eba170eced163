namespace PledgeLedger.Extraction;

/// <summary>The codes and messages of every read problem, in one place so tests and the CLI agree on them.</summary>
public static class ReadProblemCodes
{
    public const string Binary = "binary";
    public const string InvalidUtf8 = "invalid-utf8";
    public const string Empty = "empty";
    public const string Truncated = "truncated";
    public const string TooLarge = "too-large";
    public const string PdfEncrypted = "pdf-encrypted";
    public const string PdfTruncated = "pdf-truncated";
    public const string PdfInvalid = "pdf-invalid";
    public const string HtmlMalformed = "html-malformed";
    public const string FeedMalformed = "feed-malformed";
    public const string Unreadable = "unreadable";
    public const string NotFound = "not-found";
    public const string NotRegularFile = "not-regular-file";

    internal static ReadProblem BinaryFile(string source) => new(source, Binary, "binary file");
    internal static ReadProblem BadUtf8(string source, long offset) => new(source, InvalidUtf8, $"invalid UTF-8 at byte {offset}");
    internal static ReadProblem EmptyFile(string source) => new(source, Empty, "empty file");
    internal static ReadProblem TextTruncated(string source, long analysed, long total) =>
        new(source, Truncated, $"long text: stored, pledges looked for in the first {analysed:N0} of {total:N0} bytes");
    internal static ReadProblem FileTooLarge(string source, long total, long max) =>
        new(source, TooLarge, $"file too large ({total:N0} bytes, limit {max:N0}; raise it with --max-file-size or PLEDGE_MAX_FILE_SIZE); not read");
    internal static ReadProblem StreamTooLarge(string source, long max) =>
        new(source, TooLarge, $"too large (more than the limit of {max:N0} bytes; raise it with --max-file-size or PLEDGE_MAX_FILE_SIZE); not read");
    internal static ReadProblem NotRegular(string source, string what) =>
        new(source, NotRegularFile, $"not a regular file ({what}); not read");
    internal static ReadProblem Encrypted(string source) => new(source, PdfEncrypted, "PDF is encrypted");
    internal static ReadProblem PdfCut(string source) => new(source, PdfTruncated, "PDF is truncated (no %%EOF marker)");
    internal static ReadProblem PdfBroken(string source, string detail) => new(source, PdfInvalid, $"PDF cannot be parsed: {detail}");
    internal static ReadProblem BadHtml(string source, int line, int column) =>
        new(source, HtmlMalformed, $"malformed HTML: unexpected end of file at line {line}, column {column} (text recovered)");
    internal static ReadProblem BadFeed(string source, string detail) => new(source, FeedMalformed, $"malformed feed XML: {detail}");
    internal static ReadProblem CannotRead(string source, string detail) => new(source, Unreadable, $"unreadable: {detail}");
    internal static ReadProblem Missing(string source) => new(source, NotFound, "no such file or directory");
}
