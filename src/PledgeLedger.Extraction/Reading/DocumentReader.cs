using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using PledgeLedger.Core.IO;

namespace PledgeLedger.Extraction;

/// <summary>
/// Reads files into <see cref="ExtractedDocument"/>s. The format comes from the content, not the extension:
/// PDF (%PDF-), RSS/Atom XML (one document per item), HTML, else plain UTF-8 text. Never throws for a bad file:
/// each one yields a <see cref="ReadProblem"/> and the rest of the batch is still read.
/// </summary>
public static partial class DocumentReader
{
    /// <summary>Text beyond this many bytes is not analysed (the file is still hashed in full); a warning says so.</summary>
    public const int MaxTextBytes = 8 * 1024 * 1024;

    /// <summary>The default size limit of one document (a file or standard input): larger ones are refused unread.</summary>
    public const long DefaultMaxDocumentBytes = 64L * 1024 * 1024;

    private const int SniffBytes = 8192;

    // Creating a hash object costs more than hashing a 1 KB article; one per thread is reused.
    [ThreadStatic]
    private static IncrementalHash? _threadHash;

    /// <summary>Reads a file, a directory (recursively, in ordinal path order) or "-" (stdin).</summary>
    /// <remarks>Only regular files are read: a FIFO, a device or a socket is one problem each, never opened.</remarks>
    public static IEnumerable<Result> Read(string path) => ReadUpTo(path, DefaultMaxDocumentBytes);

    /// <summary>Reads a file, a directory or "-", refusing (unread) any file larger than <paramref name="maxDocumentBytes"/>.</summary>
    /// <param name="path">The path, or "-" for standard input.</param>
    /// <param name="maxDocumentBytes">Files (and standard input) larger than this are refused with a problem, unread.</param>
    public static IEnumerable<Result> ReadUpTo(string path, long maxDocumentBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDocumentBytes, 1);
        if (path == "-")
        {
            using var stdin = Console.OpenStandardInput();
            return ReadStream("-", stdin, maxDocumentBytes);
        }
        return ReadFile(path, maxDocumentBytes);
    }

    /// <summary>Reads a stream (standard input, an upload) under the given source name, up to the size limit.</summary>
    public static IReadOnlyList<Result> ReadStream(string source, Stream stream, long maxDocumentBytes = DefaultMaxDocumentBytes)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDocumentBytes, 1);
        try
        {
            return ReadStream(source, stream, -1, maxDocumentBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [Result.Of(ReadProblemCodes.CannotRead(source, e.Message))];
        }
    }

    /// <summary>Reads bytes already in memory (a test, an upload) under the given source name.</summary>
    public static IEnumerable<Result> ReadBytes(string source, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(bytes);
        return Decode(source, bytes, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>
    /// The files under a directory in ordinal order of their full paths, holding one directory listing at a time (a
    /// corpus of a million files is never a list in memory). A directory sorts as its name plus '/', which gives the
    /// same order as sorting every full path. An unreadable directory is one problem; the rest is still read.
    /// </summary>
    private static IEnumerable<Result> ReadDirectory(string dir, long max)
    {
        // Only names are held (a flat directory of 275,000 files is ~30 MB of names, not of FileSystemInfo objects).
        List<(string Key, bool IsDirectory)> entries = [];
        Result? problem = null;
        try
        {
            var listing = new System.IO.Enumeration.FileSystemEnumerable<(string Name, bool IsDirectory, bool IsLink)>(
                dir,
                // Only a directory is asked whether it is a link: asking for a file's attributes costs an lstat and a
                // geteuid per file, and a link to a file is read like the file.
                (ref System.IO.Enumeration.FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory, e.IsDirectory && (e.Attributes & FileAttributes.ReparsePoint) != 0),
                new EnumerationOptions { IgnoreInaccessible = false, AttributesToSkip = FileAttributes.None });
            foreach (var (name, isDirectory, isLink) in listing)
            {
                // A link to a directory is not followed (no cycles); a link to a file is read.
                if (isDirectory && isLink) continue;
                entries.Add((isDirectory ? name + "/" : name, isDirectory));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = Result.Of(ReadProblemCodes.CannotRead(dir, e.Message));
        }
        if (problem is not null)
        {
            yield return problem;
            yield break;
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (key, isDirectory) in entries)
        {
            var path = Path.Join(dir, isDirectory ? key[..^1] : key);
            foreach (var r in isDirectory ? ReadDirectory(path, max) : ReadFile(path, max)) yield return r;
        }
    }

    private static IEnumerable<Result> ReadFile(string path, long max)
    {
        // Ask what the path is before opening it: opening a FIFO blocks until a writer comes, a device never ends.
        // On Linux the path is converted to UTF-8 once, for the stat and for the open of a small file.
        if (OperatingSystem.IsLinux() && ReadFileLinux(path, max) is { } linux) return linux;
        var (kind, size) = FileKinds.Stat(path);
        return ReadFileOfKind(path, max, kind, size, default);
    }

    /// <summary>As <see cref="ReadFile"/>, with one UTF-8 copy of the path for statx and open; null: no statx here.</summary>
    private static IEnumerable<Result>? ReadFileLinux(string path, long max)
    {
        var bytes = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        var rented = bytes > FileKinds.StackPathBytes ? System.Buffers.ArrayPool<byte>.Shared.Rent(bytes) : null;
        try
        {
            Span<byte> utf8 = rented is not null ? rented : stackalloc byte[FileKinds.StackPathBytes];
            var n = Encoding.UTF8.GetBytes(path, utf8);
            utf8[n] = 0;
            var utf8Path = utf8[..(n + 1)];
            if (OpenAndStat(path, max, utf8Path) is { } opened) return opened;
            if (!FileKinds.TryStatLinux(utf8Path, followLinks: true, out var kind, out var size)) return null;
            return ReadFileOfKind(path, max, kind, size, utf8Path);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Opens the path and then asks the open file what it is (fstat), which walks the path once instead of twice (a
    /// stat and then an open) and answers for the very file that is read. The open cannot hang or read anything it
    /// should not: O_NONBLOCK makes opening a FIFO return at once, O_NOCTTY keeps a terminal from becoming ours, and
    /// anything but a regular file is closed unread and refused (a FIFO, a device, a socket) or listed (a directory),
    /// as the stat made it before. Null when the open or the fstat fails: the caller then stats the path and reports
    /// what is wrong as before.
    /// </summary>
    private static IEnumerable<Result>? OpenAndStat(string path, long max, ReadOnlySpan<byte> utf8Path)
    {
        int fd;
        try
        {
            fd = NativeOpenUtf8(ref MemoryMarshal.GetReference(utf8Path), OpenReadOnly | OpenNonBlock | OpenCloseOnExec | OpenNoCtty);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
        if (fd < 0) return null;
        if (!FileKinds.TryStatLinuxFd(fd, out var kind, out var size) || kind == FileKind.Missing)
        {
            _ = NativeClose(fd);
            return null;
        }
        if (kind == FileKind.Regular && size is > 0 and <= SmallFileBytes && size <= max)
        {
            // ReadSmallFromFd closes the descriptor; null: read it through a FileStream, which reports any error.
            return ReadSmallFromFd(path, fd, (int)size) ?? ReadFileOfKind(path, max, kind, size, utf8Path, tryDirect: false);
        }
        _ = NativeClose(fd);
        return ReadFileOfKind(path, max, kind, size, utf8Path);
    }

    /// <summary>Reads a path whose kind and size the stat gave.</summary>
    /// <param name="path">The path.</param>
    /// <param name="max">The size limit.</param>
    /// <param name="kind">What the stat said the path is.</param>
    /// <param name="size">Its size (regular files).</param>
    /// <param name="utf8Path">The path in UTF-8 with a closing NUL, or empty (then converted where needed).</param>
    /// <param name="tryDirect">false: a small file is not read with open/read/close (that just failed), only through a FileStream.</param>
    private static IEnumerable<Result> ReadFileOfKind(string path, long max, FileKind kind, long size, ReadOnlySpan<byte> utf8Path, bool tryDirect = true)
    {
        switch (kind)
        {
            case FileKind.Missing:
                return [Result.Of(ReadProblemCodes.Missing(path))];
            case FileKind.Directory:
                return ReadDirectory(path, max);
            case FileKind.Regular when size > max:
                return [Result.Of(ReadProblemCodes.FileTooLarge(path, size, max))];
            case FileKind.Regular or FileKind.Unknown:
                break;
            default:
                return [Result.Of(ReadProblemCodes.NotRegular(path, FileKinds.Describe(kind)))];
        }
        if (tryDirect && kind == FileKind.Regular && size is > 0 and <= SmallFileBytes && size <= max && ReadSmallDirect(path, utf8Path, (int)size) is { } direct) return direct;
        FileStream stream;
        long length;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            length = stream.Length;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [Result.Of(ReadProblemCodes.Missing(path))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return [Result.Of(ReadProblemCodes.CannotRead(path, e.Message))];
        }
        using (stream)
        {
            try
            {
                return ReadStream(path, stream, length, max);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return [Result.Of(ReadProblemCodes.CannotRead(path, e.Message))];
            }
        }
    }

    /// <summary>
    /// Reads up to <see cref="MaxTextBytes"/> of text (PDF/XML/HTML: all of it) into memory and hashes the whole
    /// stream, so a 60 MB single-line file costs a few MB of memory and one pass. A stream longer than
    /// <paramref name="max"/> is refused as soon as it passes the limit (standard input fed from /dev/zero ends).
    /// </summary>
    private static List<Result> ReadStream(string source, Stream stream, long length, long max)
    {
        if (length is > 0 and <= SmallFileBytes && length <= max) return ReadSmall(source, stream, (int)length, max);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[SniffBytes];
        var headLength = ReadAtLeast(stream, head, hash);
        if (headLength == 0) return [Result.Of(ReadProblemCodes.EmptyFile(source))];
        var kind = Sniff(head.AsSpan(0, headLength));
        var limit = kind is Kind.Text ? Math.Min(MaxTextBytes, max) : max;

        var buffer = new MemoryStream(length > 0 ? (int)Math.Min(length, limit) : headLength);
        buffer.Write(head, 0, headLength);
        var chunk = new byte[1 << 16];
        long total = headLength;
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            hash.AppendData(chunk, 0, n);
            var room = limit - buffer.Length;
            if (room > 0) buffer.Write(chunk, 0, (int)Math.Min(room, n));
            total += n;
            if (total > max) return [Result.Of(ReadProblemCodes.StreamTooLarge(source, max))];
        }
        var contentHash = Convert.ToHexStringLower(hash.GetHashAndReset());
        var bytes = buffer.GetBuffer();
        var results = Decode(source, bytes, (int)buffer.Length, contentHash, cut: total > limit).ToList();
        if (total > limit)
        {
            // Stored and extracted from its first part: a warning on the document, not a failure of its own.
            var warning = ReadProblemCodes.TextTruncated(source, buffer.Length, total);
            return results.Select(r => r.IsDocument ? r with { Warning = warning } : r).ToList();
        }
        return results;
    }

    /// <summary>The common case (an article of a few KB): one pooled buffer, one hash call, no copies.</summary>
    private static List<Result> ReadSmall(string source, Stream stream, int length, long max)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length + 1);
        try
        {
            var read = 0;
            int n;
            while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0) read += n;
            if (read > length)
            {
                // The file grew while we read it: fall back to the streaming path from the start.
                stream.Position = 0;
                return ReadStream(source, stream, -1, max);
            }
            return HashAndDecode(source, buffer, read);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static List<Result> HashAndDecode(string source, byte[] buffer, int read)
    {
        var hasher = _threadHash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hasher.AppendData(buffer, 0, read);
        Span<byte> digest = stackalloc byte[32];
        hasher.GetHashAndReset(digest);
        var hash = Convert.ToHexStringLower(digest);
        return Decode(source, buffer, read, hash).ToList();
    }

    /// <summary>
    /// A small regular file (the stat just said so) read with open/read/close and nothing else: a
    /// <see cref="FileStream"/> also takes an advisory lock (flock), asks fstat again and allocates its strategy, which
    /// was a tenth of reading an article. Null when anything is unusual (not Linux, open or read fails, the file grew):
    /// the caller then reads it through a <see cref="FileStream"/>, which reports the error as before.
    /// </summary>
    private static List<Result>? ReadSmallDirect(string path, ReadOnlySpan<byte> utf8Path, int length)
    {
        if (!OperatingSystem.IsLinux()) return null;
        int fd;
        try
        {
            fd = utf8Path.IsEmpty ? NativeOpen(path, OpenReadOnly | OpenCloseOnExec | OpenNoCtty)
                : NativeOpenUtf8(ref MemoryMarshal.GetReference(utf8Path), OpenReadOnly | OpenCloseOnExec | OpenNoCtty);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
        return fd < 0 ? null : ReadSmallFromFd(path, fd, length);
    }

    /// <summary>As <see cref="ReadSmallDirect"/>, from a descriptor open for reading, which it closes.</summary>
    private static List<Result>? ReadSmallFromFd(string path, int fd, int length)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length + 1);
        try
        {
            var read = 0;
            while (read < length + 1)
            {
                var n = NativeRead(fd, ref buffer[read], length + 1 - read);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == Eintr) continue;
                    return null;
                }
                if (n == 0) break;
                read += (int)n;
                // A regular file returns less than asked only at its end: the size the stat gave is all there is, and a
                // further read would only say so.
                if (read == length) break;
            }
            // Grown since the stat: the streaming path reads it as it is now.
            if (read > length) return null;
            return HashAndDecode(path, buffer, read);
        }
        finally
        {
            _ = NativeClose(fd);
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Files up to this size are read in one piece into a pooled buffer (an article is a few KB).</summary>
    private const int SmallFileBytes = SniffBytes * 16;

    private const int OpenReadOnly = 0;
    private const int OpenNoCtty = 0x100;
    private const int OpenNonBlock = 0x800;
    private const int OpenCloseOnExec = 0x80000;
    private const int Eintr = 4;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int NativeOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int NativeOpenUtf8(ref byte path, int flags);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint NativeRead(int fd, ref byte buffer, nint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int NativeClose(int fd);

    private static int ReadAtLeast(Stream stream, byte[] buffer, IncrementalHash hash)
    {
        var read = 0;
        int n;
        while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0) read += n;
        hash.AppendData(buffer, 0, read);
        return read;
    }

    private enum Kind { Text, Html, Pdf, Feed, Binary }

    private static Kind Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8) || head[..Math.Min(head.Length, 1024)].IndexOf("%PDF-"u8) >= 0) return Kind.Pdf;
        if (LooksBinary(head)) return Kind.Binary;
        var start = SkipBomAndSpace(head);
        if (start >= head.Length || head[start] != (byte)'<') return Kind.Text;
        var probe = Encoding.UTF8.GetString(head[start..Math.Min(head.Length, start + 1024)]).ToLowerInvariant();
        if (probe.StartsWith("<?xml", StringComparison.Ordinal) || probe.StartsWith("<rss", StringComparison.Ordinal)
            || probe.StartsWith("<feed", StringComparison.Ordinal) || probe.StartsWith("<rdf:rdf", StringComparison.Ordinal))
        {
            // XHTML also starts with <?xml; a feed names its root early.
            return probe.Contains("<html", StringComparison.Ordinal) ? Kind.Html : Kind.Feed;
        }
        if (probe.StartsWith("<!doctype html", StringComparison.Ordinal) || probe.StartsWith("<html", StringComparison.Ordinal)
            || probe.StartsWith("<head", StringComparison.Ordinal) || probe.StartsWith("<body", StringComparison.Ordinal)
            || (probe.StartsWith('<') && (probe.Contains("<div", StringComparison.Ordinal) || probe.Contains("<p>", StringComparison.Ordinal)
                || probe.Contains("</", StringComparison.Ordinal))))
        {
            return Kind.Html;
        }
        return Kind.Text;
    }

    private static int SkipBomAndSpace(ReadOnlySpan<byte> b)
    {
        var i = b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        while (i < b.Length && b[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        return i;
    }

    /// <summary>NUL bytes, or many control characters, mean a binary file (UTF-16 text has a BOM and is decoded as such).</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return false;
        var control = 0;
        var rest = head;
        while (true)
        {
            // Text is long runs of printable bytes: jump from one control byte to the next.
            var i = rest.IndexOfAnyInRange((byte)0, (byte)0x1F);
            if (i < 0) break;
            var b = rest[i];
            if (b == 0) return true;
            if (b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0C) control++;
            rest = rest[(i + 1)..];
        }
        return control > head.Length / 20 + 1;
    }

    private static IEnumerable<Result> Decode(string source, byte[] bytes, int length, string contentHash, bool cut = false)
    {
        if (length == 0) return [Result.Of(ReadProblemCodes.EmptyFile(source))];
        var span = bytes.AsSpan(0, length);
        var kind = Sniff(span[..Math.Min(span.Length, SniffBytes)]);
        switch (kind)
        {
            case Kind.Binary:
                return [Result.Of(ReadProblemCodes.BinaryFile(source))];
            case Kind.Pdf:
                return [ReadPdf(source, span, contentHash)];
        }
        if (!TryDecodeText(source, span, cut, out var text, out var problem)) return [Result.Of(problem!)];
        if (string.IsNullOrWhiteSpace(text)) return [Result.Of(ReadProblemCodes.EmptyFile(source))];
        return kind switch
        {
            Kind.Feed => ReadFeed(source, text),
            Kind.Html => ReadHtml(source, text, contentHash),
            _ => [Result.Of(new ExtractedDocument(source, contentHash, FirstLine(text), Dates.FindDateline(text), "text", text, null))],
        };
    }

    private static bool TryDecodeText(string source, ReadOnlySpan<byte> span, bool cut, out string text, out ReadProblem? problem)
    {
        problem = null;
        text = "";
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = Encoding.Unicode.GetString(span[2..]);
            return true;
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = Encoding.BigEndianUnicode.GetString(span[2..]);
            return true;
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
        if (System.Text.Ascii.IsValid(span))
        {
            text = Encoding.ASCII.GetString(span);
            return true;
        }
        // A cap may cut a multi-byte character in two; that is the cap's doing, not the file's.
        var trimmed = cut ? TrimIncompleteUtf8(span) : span;
        var status = System.Text.Unicode.Utf8.IsValid(trimmed);
        if (!status)
        {
            problem = ReadProblemCodes.BadUtf8(source, FirstInvalidUtf8(trimmed));
            return false;
        }
        text = Encoding.UTF8.GetString(trimmed);
        return true;
    }

    private static ReadOnlySpan<byte> TrimIncompleteUtf8(ReadOnlySpan<byte> s)
    {
        var i = s.Length;
        var back = 0;
        while (i > 0 && back < 3 && (s[i - 1] & 0xC0) == 0x80)
        {
            i--;
            back++;
        }
        if (i > 0 && s[i - 1] >= 0xC0)
        {
            var lead = s[i - 1];
            var need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
            if (back < need) return s[..(i - 1)];
        }
        return s;
    }

    private static long FirstInvalidUtf8(ReadOnlySpan<byte> s)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(s, new char[s.Length], out var read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.InvalidData ? read : s.Length;
    }

    private static string? FirstLine(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var t = line.Trim();
            if (!t.IsEmpty) return t.Length > 200 ? t[..200].ToString() : t.ToString();
        }
        return null;
    }

    internal static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
