using System.Runtime.InteropServices;

namespace PledgeLedger.Core.IO;

/// <summary>What a path names in the file system.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    SymbolicLink,
    Unknown,
}

/// <summary>The type and size of a path, asked of the file system before it is opened.</summary>
/// <remarks>
/// Opening a FIFO blocks until a writer comes, and a device such as /dev/zero never ends, so readers must know what
/// a path is before they open it; the BCL reports both as ordinary files. On Linux this asks <c>statx(2)</c> (one
/// layout on every architecture); elsewhere it falls back to the BCL's file/directory distinction.
/// </remarks>
public static class FileKinds
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;

    /// <summary>The kind of <paramref name="path"/> and its size in bytes (0 unless regular).</summary>
    /// <param name="path">The path.</param>
    /// <param name="followLinks">false: a symbolic link is reported as <see cref="FileKind.SymbolicLink"/>.</param>
    public static (FileKind Kind, long Size) Stat(string path, bool followLinks = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsLinux())
        {
            var max = System.Text.Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
            var rented = max > StackPathBytes ? System.Buffers.ArrayPool<byte>.Shared.Rent(max) : null;
            try
            {
                Span<byte> utf8 = rented is not null ? rented : stackalloc byte[StackPathBytes];
                var n = System.Text.Encoding.UTF8.GetBytes(path, utf8);
                utf8[n] = 0;
                if (TryStatLinux(utf8[..(n + 1)], followLinks, out var kind, out var size)) return (kind, size);
            }
            finally
            {
                if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
        return StatPortable(path, followLinks);
    }

    /// <summary>Paths up to this many UTF-8 bytes are converted on the stack.</summary>
    public const int StackPathBytes = 1024;

    /// <summary>
    /// As <see cref="Stat(string, bool)"/> on Linux, for a path already in UTF-8 and ending in a NUL byte (a reader that
    /// opens the file next converts it once for both calls). False when this C library has no statx: use the string form.
    /// </summary>
    public static bool TryStatLinux(ReadOnlySpan<byte> utf8PathWithNul, bool followLinks, out FileKind kind, out long size)
    {
        kind = FileKind.Unknown;
        size = 0;
        if (!OperatingSystem.IsLinux() || utf8PathWithNul.IsEmpty || utf8PathWithNul[^1] != 0) return false;
        return TryStatx(AtFdCwd, utf8PathWithNul, followLinks ? 0 : AtSymlinkNoFollow, out kind, out size);
    }

    /// <summary>
    /// As <see cref="TryStatLinux"/>, for a file already open (<c>fstat</c>): what <paramref name="fd"/> is, with no
    /// second walk of its path, and no window between the question and the open. False when this C library has no statx.
    /// </summary>
    public static bool TryStatLinuxFd(int fd, out FileKind kind, out long size)
    {
        kind = FileKind.Unknown;
        size = 0;
        if (!OperatingSystem.IsLinux()) return false;
        return TryStatx(fd, "\0"u8, AtEmptyPath, out kind, out size);
    }

    private static bool TryStatx(int dirfd, ReadOnlySpan<byte> utf8PathWithNul, int flags, out FileKind kind, out long size)
    {
        kind = FileKind.Unknown;
        size = 0;
        Span<byte> buffer = stackalloc byte[256];
        int rc;
        try
        {
            rc = NativeStatx(dirfd, ref System.Runtime.InteropServices.MemoryMarshal.GetReference(utf8PathWithNul),
                flags, StatxType | StatxSize, ref System.Runtime.InteropServices.MemoryMarshal.GetReference(buffer));
        }
        catch (EntryPointNotFoundException)
        {
            // An old C library without statx: the caller falls back to the BCL.
            return false;
        }
        if (rc != 0)
        {
            // ENOENT, ENOTDIR: nothing there.
            kind = Marshal.GetLastPInvokeError() is 2 or 20 ? FileKind.Missing : FileKind.Unknown;
            return true;
        }
        var mode = BitConverter.ToUInt16(buffer[28..]);
        kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Unknown,
        };
        size = kind == FileKind.Regular ? BitConverter.ToInt64(buffer[40..]) : 0;
        return true;
    }

    private static (FileKind Kind, long Size) StatPortable(string path, bool followLinks)
    {
        if (!followLinks && new FileInfo(path) is { Exists: true, LinkTarget: not null }) return (FileKind.SymbolicLink, 0);
        if (Directory.Exists(path)) return (FileKind.Directory, 0);
        return File.Exists(path) ? (FileKind.Regular, new FileInfo(path).Length) : (FileKind.Missing, 0);
    }

    /// <summary>"a FIFO", "a character device" ...: for messages saying why a path was not read.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "no such file or directory",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a named pipe",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.SymbolicLink => "a symbolic link",
        _ => "not a file that can be inspected",
    };

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int NativeStatx(int dirfd, ref byte path, int flags, uint mask, ref byte buffer);
}
