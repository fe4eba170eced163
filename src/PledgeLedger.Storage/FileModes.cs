namespace PledgeLedger.Storage;

/// <summary>Unix file modes, a no-op on Windows (where the embedded cluster is refused anyway).</summary>
internal static class FileModes
{
    public static void Set(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
    }

    /// <summary>Options that create (or truncate) a file readable and writable by its owner only (0600) from the start.</summary>
    public static FileStreamOptions PrivateFile()
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }
}
