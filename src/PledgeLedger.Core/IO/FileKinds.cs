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
            try
            {
                var buffer = new byte[256];
                var rc = NativeStatx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxSize, buffer);
                if (rc != 0)
                {
                    // ENOENT, ENOTDIR: nothing there.
                    return Marshal.GetLastPInvokeError() is 2 or 20 ? (FileKind.Missing, 0) : (FileKind.Unknown, 0);
                }
                var mode = BitConverter.ToUInt16(buffer, 28);
                var size = BitConverter.ToInt64(buffer, 40);
                var kind = (mode & 0xF000) switch
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
                return (kind, kind == FileKind.Regular ? size : 0);
            }
            catch (EntryPointNotFoundException)
            {
                // An old C library without statx: fall through to the BCL.
            }
        }
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
    private static extern int NativeStatx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
