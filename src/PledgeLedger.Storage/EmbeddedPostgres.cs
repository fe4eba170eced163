using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace PledgeLedger.Storage;

/// <summary>
/// The local PostgreSQL cluster the CLI runs for itself when PLEDGE_DB is not set: initdb on first use, started on
/// demand with pg_ctl and left running, Unix socket only (no TCP listener) in a 0700 directory. As root (CI,
/// containers) the server runs as the unprivileged <c>postgres</c> user, since initdb refuses root.
/// </summary>
public sealed class EmbeddedPostgres
{
    public const string DatabaseName = "pledgeledger";
    private const int Port = 5432;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(120);

    public EmbeddedPostgres(string home)
    {
        Home = Path.GetFullPath(home);
        ClusterRoot = ResolveClusterRoot(Home);
    }

    /// <summary>$PLEDGE_HOME: where the cluster lives (or, as root, where a pointer to it lives).</summary>
    public string Home { get; }

    public string ClusterRoot { get; }
    public string DataDirectory => Path.Combine(ClusterRoot, "data");
    public string SocketDirectory => Path.Combine(ClusterRoot, "run");
    public string LogFile => Path.Combine(ClusterRoot, "server.log");
    private string SocketFile => Path.Combine(SocketDirectory, $".s.PGSQL.{Port}");

    private static bool IsRoot => Environment.UserName == "root" || GetEuid() == 0;

    /// <summary>The database user: the OS user that owns the cluster.</summary>
    public string UserName => IsRoot ? "postgres" : Environment.UserName;

    public string ConnectionString(string database = DatabaseName) =>
        $"Host={SocketDirectory};Port={Port};Username={UserName};Database={database};Pooling=true;Timeout=15;Command Timeout=0";

    /// <summary>The default $PLEDGE_HOME: ${XDG_DATA_HOME:-~/.local/share}/pledgeledger.</summary>
    public static string DefaultHome()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var baseDir = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(baseDir, "pledgeledger");
    }

    /// <summary>
    /// Whether the server seems to be up: its socket exists and the process named in postmaster.pid is alive. Cheap:
    /// used on every command. After a reboot or a killed server both files are left behind; the pid check sees
    /// through them, and pg_ctl start then clears them.
    /// </summary>
    public bool LooksRunning => File.Exists(SocketFile) && PostmasterAlive();

    private bool PostmasterAlive()
    {
        string? first;
        try
        {
            using var reader = new StreamReader(Path.Combine(DataDirectory, "postmaster.pid"));
            first = reader.ReadLine();
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true; // cannot tell: let the connection attempt decide
        }
        if (!int.TryParse(first, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) || pid <= 0) return false;
        try
        {
            // kill(pid, 0): 0 = alive; EPERM = alive but another user's (the postgres user when we are not root).
            return Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1;
        }
        catch (DllNotFoundException)
        {
            return true;
        }
        catch (EntryPointNotFoundException)
        {
            return true;
        }
    }

    public bool IsInitialised => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    /// <summary>Initialises (once) and starts the cluster if it is not running. Safe against concurrent first runs.</summary>
    public async Task EnsureRunningAsync(CancellationToken ct)
    {
        if (LooksRunning) return;
        using var gate = await AcquireLockAsync(ct);
        if (LooksRunning) return;
        var bin = PostgresBinaries.Find();
        PrepareDirectories();
        if (!IsInitialised) await InitDbAsync(bin, ct);
        await RunAsync(bin.Tool("pg_ctl"), ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "start"], ct, "pg_ctl start");
        await CreateDatabaseAsync(ct);
    }

    /// <summary>Stops the server if it runs. Returns false when it was not running.</summary>
    public async Task<bool> StopAsync(CancellationToken ct)
    {
        if (!IsInitialised || !File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))) return false;
        var bin = PostgresBinaries.Find();
        using var gate = await AcquireLockAsync(ct);
        await RunAsync(bin.Tool("pg_ctl"), ["-D", DataDirectory, "-w", "-t", "60", "-m", "fast", "stop"], ct, "pg_ctl stop");
        return true;
    }

    private void PrepareDirectories()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(ClusterRoot);
        Directory.CreateDirectory(SocketDirectory);
        if (OperatingSystem.IsWindows()) throw new LedgerEnvironmentException("the embedded PostgreSQL cluster needs a Unix system; set PLEDGE_DB");
        // Only the owner may reach the socket: the server trusts local connections.
        File.SetUnixFileMode(SocketDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(ClusterRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        if (IsRoot) ChownToPostgres(ClusterRoot);
    }

    private async Task InitDbAsync(PostgresBinaries bin, CancellationToken ct)
    {
        var data = DataDirectory;
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
        {
            // A half-finished initdb (killed run): nothing of value can be in it yet.
            Directory.Delete(data, recursive: true);
        }
        await RunAsync(bin.Tool("initdb"),
            ["-D", data, "-U", UserName, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"], ct, "initdb");
        var conf = new StringBuilder()
            .AppendLine("# PledgeLedger: Unix socket only, in a directory only the owner can enter.")
            .AppendLine("listen_addresses = ''")
            .AppendLine($"unix_socket_directories = '{SocketDirectory}'")
            .AppendLine("unix_socket_permissions = 0700")
            .AppendLine($"port = {Port}")
            .AppendLine("max_connections = 100")
            .AppendLine("shared_buffers = 256MB")
            .AppendLine("work_mem = 32MB")
            .AppendLine("maintenance_work_mem = 256MB")
            .AppendLine("max_wal_size = 2GB")
            .AppendLine("jit = off")
            .AppendLine("log_min_messages = warning");
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.auto.conf"), conf.ToString(), ct);
    }

    private async Task CreateDatabaseAsync(CancellationToken ct)
    {
        await using var conn = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var check = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", conn);
        check.Parameters.AddWithValue("n", DatabaseName);
        if (await check.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {DatabaseName}", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    private async Task<FileStream> AcquireLockAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Home);
        var path = Path.Combine(Home, ".lock");
        var sw = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (sw.Elapsed < LockTimeout)
            {
                await Task.Delay(100, ct);
            }
            catch (IOException e)
            {
                throw new LedgerEnvironmentException($"{path}: another pledge command holds the cluster lock for over {LockTimeout.TotalSeconds:0} s", e);
            }
        }
    }

    /// <summary>
    /// Where the cluster's files go. Normally $PLEDGE_HOME/pg. As root, the postgres user must be able to reach
    /// it; when $PLEDGE_HOME sits under a private directory (/root), the cluster goes to
    /// /var/lib/pledgeledger/&lt;hash of PLEDGE_HOME&gt; and $PLEDGE_HOME/cluster.path says so.
    /// </summary>
    private static string ResolveClusterRoot(string home)
    {
        var inside = Path.Combine(home, "pg");
        if (!IsRoot || ReachableByOthers(home)) return inside;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(home)))[..12];
        var outside = Path.Combine("/var/lib/pledgeledger", hash);
        try
        {
            Directory.CreateDirectory(home);
            File.WriteAllText(Path.Combine(home, "cluster.path"), outside + Environment.NewLine);
        }
        catch (IOException)
        {
            // The pointer file is a courtesy for people; the path is derived, not read back.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return outside;
    }

    private static bool ReachableByOthers(string path)
    {
        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
        {
            if (!dir.Exists) continue;
            if (!OperatingSystem.IsWindows() && (dir.UnixFileMode & UnixFileMode.OtherExecute) == 0) return false;
        }
        return true;
    }

    private static void ChownToPostgres(string path)
    {
        var psi = new ProcessStartInfo("chown", ["-R", "postgres:postgres", path]) { RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi) ?? throw new LedgerEnvironmentException("cannot run chown");
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new LedgerEnvironmentException($"chown postgres {path} failed: {p.StandardError.ReadToEnd().Trim()} (is there a 'postgres' OS user? apt-get install postgresql creates it)");
        }
    }

    private static async Task RunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct, string what)
    {
        ProcessStartInfo psi;
        if (IsRoot)
        {
            // initdb and postgres refuse to run as root: drop to the postgres user.
            psi = new ProcessStartInfo("runuser", ["-u", "postgres", "--", tool, .. args]);
        }
        else
        {
            psi = new ProcessStartInfo(tool, args);
        }
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        psi.WorkingDirectory = "/";
        using var p = Process.Start(psi) ?? throw new LedgerEnvironmentException($"cannot start {tool}");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
        {
            var err = (await stderr).Trim();
            if (err.Length == 0) err = (await stdout).Trim();
            var firstLine = err.Split('\n').FirstOrDefault(l => l.Length > 0) ?? $"exit code {p.ExitCode}";
            throw new LedgerEnvironmentException($"{what} failed: {firstLine}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuidNative();

    private static uint GetEuid()
    {
        try
        {
            return GetEuidNative();
        }
        catch (DllNotFoundException)
        {
            return uint.MaxValue;
        }
        catch (EntryPointNotFoundException)
        {
            return uint.MaxValue;
        }
    }
}

/// <summary>Finds the PostgreSQL server binaries: PATH, then pg_config --bindir, then /usr/lib/postgresql/*/bin.</summary>
public sealed record PostgresBinaries(string Directory)
{
    public string Tool(string name) => Path.Combine(Directory, name);

    public static PostgresBinaries Find() => Find([], includeSystemPaths: true);

    /// <summary>Looks in <paramref name="extra"/> first, then (unless told not to) the usual places.</summary>
    public static PostgresBinaries Find(IEnumerable<string> extra, bool includeSystemPaths)
    {
        foreach (var dir in includeSystemPaths ? extra.Concat(Candidates()) : extra)
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres")))
            {
                return new PostgresBinaries(dir);
            }
        }
        throw new LedgerEnvironmentException(
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in PATH, pg_config --bindir or /usr/lib/postgresql/*/bin: install the 'postgresql' package (apt-get install postgresql), or set PLEDGE_DB to a server");
    }

    private static IEnumerable<string> Candidates()
    {
        var explicitDir = Environment.GetEnvironmentVariable("PLEDGE_PG_BIN");
        if (!string.IsNullOrEmpty(explicitDir)) yield return explicitDir;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = Path.Combine(dir, "initdb");
            if (File.Exists(initdb))
            {
                // Follow symlinks (/usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb) to the real bin directory.
                var target = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
                yield return Path.GetDirectoryName(target)!;
            }
        }
        var fromPgConfig = PgConfigBinDir();
        if (fromPgConfig is not null) yield return fromPgConfig;
        const string root = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(root))
        {
            foreach (var dir in System.IO.Directory.GetDirectories(root)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            {
                yield return Path.Combine(dir, "bin");
            }
        }
    }

    private static string? PgConfigBinDir()
    {
        try
        {
            var psi = new ProcessStartInfo("pg_config", ["--bindir"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi);
            if (p is null) return null;
            var output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
