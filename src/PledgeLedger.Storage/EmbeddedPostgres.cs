using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace PledgeLedger.Storage;

/// <summary>
/// The local PostgreSQL cluster the CLI runs for itself when PLEDGE_DB is not set: initdb on first use, started on
/// demand with pg_ctl and left running, Unix socket only (no TCP listener), password (scram-sha-256) login with a
/// random secret kept 0600 in <c>$PLEDGE_HOME/pgpass</c>. As root (CI, containers) the server runs as the
/// unprivileged <c>postgres</c> user, since initdb refuses root.
/// <para>
/// The server never sees $PLEDGE_HOME's path: pg_ctl passes its paths through a shell and the socket path must fit
/// in 107 bytes, so every path the server tools get lives in a short private directory (<c>/tmp/pledge-XXXXXX</c>,
/// mode 0700, made by mkdtemp and named in <c>runtime.path</c> beside the cluster) holding the socket and symbolic
/// links to the data directory and the log. Any PLEDGE_HOME works, whatever its length or characters (control
/// characters are refused).
/// </para>
/// </summary>
public sealed partial class EmbeddedPostgres
{
    public const string DatabaseName = "pledgeledger";
    private const int DefaultPort = 5432;
    private const string RuntimeBase = "/tmp";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(120);
    private readonly int? _tcpPort;

    public EmbeddedPostgres(string home)
        : this(home, tcpPort: null)
    {
    }

    /// <summary>
    /// With <paramref name="tcpPort"/> the server also listens on 127.0.0.1 at that port (password login): a stand-in
    /// for a shared server in tests. The CLI never asks for it.
    /// </summary>
    public EmbeddedPostgres(string home, int? tcpPort)
    {
        Home = CheckHome(home);
        ClusterRoot = ResolveClusterRoot(Home);
        _tcpPort = tcpPort;
    }

    /// <summary>$PLEDGE_HOME: where the cluster lives (or, as root, where a pointer to it lives), and its secret.</summary>
    public string Home { get; }

    public string ClusterRoot { get; }
    public string DataDirectory => Path.Combine(ClusterRoot, "data");
    public string LogFile => Path.Combine(ClusterRoot, "server.log");
    public int Port => _tcpPort ?? DefaultPort;

    /// <summary>The secret of the cluster's owner role, in .pgpass format (0600): what Npgsql and psql log in with.</summary>
    public string PasswordFile => Path.Combine(Home, "pgpass");

    /// <summary>The short private directory holding the socket; empty before the first start.</summary>
    public string SocketDirectory => RecordedRuntimeDirectory() ?? "";

    private string RuntimePointer => Path.Combine(ClusterRoot, "runtime.path");
    private string PidFile => Path.Combine(DataDirectory, "postmaster.pid");
    private string SocketFileIn(string runtime) => Path.Combine(runtime, $".s.PGSQL.{Port}");

    private static bool IsRoot => Environment.UserName == "root" || GetEuid() == 0;

    /// <summary>The database user: the OS user that owns the cluster.</summary>
    public string UserName => IsRoot ? "postgres" : Environment.UserName;

    public string ConnectionString(string database = DatabaseName) => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDirectory,
        Port = Port,
        Username = UserName,
        Password = ReadSecret(),
        Database = database,
        Pooling = true,
        Timeout = 15,
        CommandTimeout = 0,
    }.ConnectionString;

    /// <summary>
    /// A libpq connection URI (psql takes it as its argument): socket directory, port, user and database, and the
    /// password file rather than the password.
    /// </summary>
    public string ConnectionUri(string database = DatabaseName) =>
        $"postgresql:///{UriPart(database)}?host={UriPart(SocketDirectory)}&port={Port}&user={UriPart(UserName)}&passfile={UriPart(PasswordFile)}";

    private static string UriPart(string value) => Uri.EscapeDataString(value).Replace("%2F", "/", StringComparison.Ordinal);

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
    /// Any path the file system takes works (the server never sees it); a control character (a line break pasted
    /// into the variable) is refused, as it would split every message and is never meant.
    /// </summary>
    private static string CheckHome(string home)
    {
        if (home.Any(char.IsControl))
        {
            var shown = string.Concat(home.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
            throw new LedgerInputException($"PLEDGE_HOME: \"{shown}\" contains a control character (a line break or tab); name a directory without one");
        }
        return Path.GetFullPath(home);
    }

    /// <summary>
    /// Whether the server seems to be up: its socket exists and the process named in postmaster.pid is a live
    /// postgres (not a zombie, not another program under a reused pid). Cheap: used on every command. After a
    /// reboot or a killed server both files are left behind; this check sees through them.
    /// </summary>
    public bool LooksRunning => RecordedRuntimeDirectory() is { } runtime && File.Exists(SocketFileIn(runtime)) && PostmasterAlive();

    private bool PostmasterAlive() => ReadPostmasterPid() is { } pid && (pid == -1 || ProcessAlive(pid));

    /// <summary>The pid in postmaster.pid; null when there is none; -1 when it cannot be read (let the connection decide).</summary>
    private int? ReadPostmasterPid()
    {
        string? first;
        try
        {
            using var reader = new StreamReader(PidFile);
            first = reader.ReadLine();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
        return int.TryParse(first, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
    }

    /// <summary>
    /// Whether a process is a live PostgreSQL server. A SIGKILLed postmaster stays a zombie until its parent reaps
    /// it, and kill(pid, 0) still succeeds on a zombie, so Linux's /proc/PID/stat is read: state Z or X is dead, and
    /// a command name other than postgres means the pid was reused. Elsewhere kill(pid, 0) is all there is.
    /// </summary>
    internal static bool ProcessAlive(int pid)
    {
        if (Directory.Exists("/proc/self"))
        {
            string text;
            try
            {
                text = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return true;
            }
            // "PID (COMM) STATE ...": COMM may hold spaces and parentheses, so the state follows the last ')'.
            var open = text.IndexOf('(', StringComparison.Ordinal);
            var close = text.LastIndexOf(')');
            if (open < 0 || close < open || close + 2 >= text.Length) return false;
            var comm = text[(open + 1)..close];
            var state = text[close + 2];
            return state is not ('Z' or 'X' or 'x') && comm is "postgres" or "postmaster";
        }
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

    /// <summary>Whether the server's socket accepts a connection (the postmaster is listening, not just present).</summary>
    private bool SocketAccepts(string runtime)
    {
        var path = SocketFileIn(runtime);
        if (!File.Exists(path)) return false;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public bool IsInitialised => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    /// <summary>Initialises (once) and starts the cluster if it is not running. Safe against concurrent first runs.</summary>
    public async Task EnsureRunningAsync(CancellationToken ct)
    {
        if (LooksRunning && File.Exists(PasswordFile)) return;
        await RecoverAsync(ct);
    }

    /// <summary>
    /// Under the cluster lock: checks the server for real (its socket accepts a connection) and initialises,
    /// upgrades, clears up after a killed server, or starts it as needed. Also what a command calls when its first
    /// connection was refused although the server looked up (a postmaster killed a moment ago).
    /// </summary>
    public async Task RecoverAsync(CancellationToken ct)
    {
        if (OperatingSystem.IsWindows()) throw new LedgerEnvironmentException("the embedded PostgreSQL cluster needs a Unix system; set PLEDGE_DB");
        using var gate = await AcquireLockAsync(ct);
        if (LooksRunning && File.Exists(PasswordFile) && SocketAccepts(RecordedRuntimeDirectory()!)) return;
        var bin = PostgresBinaries.Find();
        PrepareDirectories();
        var runtime = PrepareRuntimeDirectory();
        if (!IsInitialised) await InitDbAsync(bin, runtime, ct);
        await SettleOldServerAsync(bin, runtime, ct);
        WriteSocketSetting(runtime);
        WriteServerSettings();
        await StartAsync(bin, runtime, ct);
        await RequirePasswordAsync(ct);
        await CreateDatabaseAsync(ct);
    }

    /// <summary>Stops the server if it runs. Returns false when it was not running.</summary>
    public async Task<bool> StopAsync(CancellationToken ct)
    {
        if (!IsInitialised || !File.Exists(PidFile)) return false;
        using var gate = await AcquireLockAsync(ct);
        if (ReadPostmasterPid() is not { } pid) return false;
        if (pid != -1 && !ProcessAlive(pid))
        {
            TryDelete(PidFile);
            return false;
        }
        var bin = PostgresBinaries.Find();
        // pg_ctl stop reads the pid file and signals; no shell sees the path.
        await RunAsync(bin.Tool("pg_ctl"), ["-D", DataDirectory, "-w", "-t", "60", "-m", "fast", "stop"], ct, "pg_ctl stop");
        return true;
    }

    /// <summary>Removes the short runtime directory (its links and a stale socket), for a cluster that is stopped and about to be deleted.</summary>
    public void RemoveRuntimeDirectory()
    {
        if (RecordedRuntimeDirectory() is not { } dir) return;
        // A server that has just stopped may still be removing its socket files: try a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(dir)) File.Delete(entry);
                Directory.Delete(dir);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(100);
            }
        }
    }

    private void PrepareDirectories()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(ClusterRoot);
        FileModes.Set(ClusterRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        if (IsRoot) ChownToPostgres(ClusterRoot, recursive: true);
    }

    private string? RecordedRuntimeDirectory()
    {
        string dir;
        try
        {
            dir = File.ReadAllText(RuntimePointer).Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        return dir.Length > 0 && Directory.Exists(dir) ? dir : null;
    }

    /// <summary>
    /// The short private directory for this cluster, made anew (mkdtemp, 0700) when the recorded one is gone (a
    /// reboot cleared /tmp) or is not a private directory; links to the data directory and the log refreshed.
    /// </summary>
    private string PrepareRuntimeDirectory()
    {
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var dir = RecordedRuntimeDirectory();
        if (dir is null || new DirectoryInfo(dir) is not { LinkTarget: null, UnixFileMode: Private })
        {
            dir = MakePrivateDirectory(RuntimeBase);
            File.WriteAllText(RuntimePointer, dir + Environment.NewLine);
            FileModes.Set(RuntimePointer, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        Link(Path.Combine(dir, "data"), DataDirectory);
        Link(Path.Combine(dir, "server.log"), LogFile);
        if (IsRoot) ChownToPostgres(dir, recursive: false);
        return dir;
    }

    private static void Link(string link, string target)
    {
        var info = new FileInfo(link);
        if (info.LinkTarget == target) return;
        if (info.LinkTarget is not null || info.Exists) info.Delete();
        File.CreateSymbolicLink(link, target);
    }

    private static string MakePrivateDirectory(string baseDir)
    {
        var template = Encoding.UTF8.GetBytes(Path.Combine(baseDir, "pledge-XXXXXX") + "\0");
        if (Mkdtemp(template) == IntPtr.Zero)
        {
            throw new LedgerEnvironmentException($"cannot create a private directory in {baseDir} for the server's socket (errno {Marshal.GetLastPInvokeError()})");
        }
        return Encoding.UTF8.GetString(template, 0, template.Length - 1);
    }

    private async Task InitDbAsync(PostgresBinaries bin, string runtime, CancellationToken ct)
    {
        var data = DataDirectory;
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
        {
            // A half-finished initdb (killed run): nothing of value can be in it yet.
            Directory.Delete(data, recursive: true);
        }
        Directory.CreateDirectory(data);
        FileModes.Set(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (IsRoot) ChownToPostgres(data, recursive: false);
        var secret = ReadSecret() ?? WriteSecret();
        // initdb reads the owner's password from a file the server user can read; it lives only while initdb runs.
        var pwfile = Path.Combine(runtime, "initdb.pw");
        await File.WriteAllTextAsync(pwfile, secret + "\n", ct);
        FileModes.Set(pwfile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (IsRoot) ChownToPostgres(pwfile, recursive: false);
        try
        {
            await RunAsync(bin.Tool("initdb"),
                ["-D", Path.Combine(runtime, "data"), "-U", UserName, "--auth=scram-sha-256", "--pwfile", pwfile,
                 "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"], ct, "initdb");
        }
        finally
        {
            TryDelete(pwfile);
        }
        var conf = new StringBuilder()
            .AppendLine(_tcpPort is null
                ? "# PledgeLedger: Unix socket only, in a directory only the owner can enter; password login."
                : "# PledgeLedger (test server): Unix socket and 127.0.0.1; password login.")
            .AppendLine(_tcpPort is null ? "listen_addresses = ''" : "listen_addresses = '127.0.0.1'")
            .AppendLine("unix_socket_permissions = 0700")
            .AppendLine("password_encryption = 'scram-sha-256'")
            .AppendLine($"port = {Port}")
            .AppendLine("max_connections = 100")
            .AppendLine("shared_buffers = 256MB")
            .AppendLine("work_mem = 32MB")
            .AppendLine("maintenance_work_mem = 256MB")
            .AppendLine("jit = off")
            .AppendLine("log_min_messages = warning");
        // The checkpoint settings (WriteSettings) are written by WriteServerSettings, before every start, new cluster or old.
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.auto.conf"), conf.ToString(), ct);
    }

    /// <summary>
    /// Checkpoint settings for a write-heavy local ledger, with the values an earlier PledgeLedger wrote. A checkpoint
    /// makes the next change to every page write the whole page to the WAL again (full-page writes), and an ingest
    /// changes index pages all over: at max_wal_size 2GB (a checkpoint about every 1 GB of WAL) the 1 GB corpus wrote
    /// 10 GB of WAL, about half of it page images (issue 13). With 4GB a checkpoint comes about every 2 GB of WAL (or 15
    /// minutes, not 5); the WAL directory may hold up to ~4 GB while a big ingest runs (not 8 GB: a local ledger's disk).
    /// Durability is unchanged (fsync, synchronous_commit and full_page_writes stay on); a crash replays more WAL
    /// before the server is up.
    /// </summary>
    internal static readonly (string Name, string Value, string[] Earlier)[] WriteSettings =
    [
        ("max_wal_size", "4GB", ["2GB"]),
        ("checkpoint_timeout", "15min", []),
    ];

    /// <summary>
    /// Brings a cluster made by an earlier PledgeLedger to <see cref="WriteSettings"/> before the server starts: a
    /// setting it lacks is added, one still at a value PledgeLedger wrote before is replaced, one set otherwise (the
    /// owner's choice) is kept.
    /// </summary>
    private void WriteServerSettings()
    {
        var conf = Path.Combine(DataDirectory, "postgresql.auto.conf");
        var lines = File.ReadAllLines(conf).ToList();
        var changed = false;
        foreach (var (name, value, earlier) in WriteSettings)
        {
            var at = lines.FindLastIndex(l => SettingName(l) == name);
            if (at < 0)
            {
                lines.Add($"{name} = {value}");
                changed = true;
            }
            else if (earlier.Contains(SettingValue(lines[at]), StringComparer.Ordinal))
            {
                lines[at] = $"{name} = {value}";
                changed = true;
            }
        }
        if (changed) File.WriteAllLines(conf, lines);

        static string SettingName(string line) => line.Split('=', 2)[0].Trim();
        static string SettingValue(string line) => line.Split('=', 2) is [_, var v] ? v.Trim().Trim('\'') : "";
    }

    /// <summary>
    /// The socket directory setting, rewritten when the runtime directory changed (after a reboot, or for a cluster
    /// made before the short directory, whose socket lived in $PLEDGE_HOME/pg/run). The value is /tmp/pledge-XXXXXX:
    /// nothing of $PLEDGE_HOME reaches the configuration.
    /// </summary>
    private void WriteSocketSetting(string runtime)
    {
        var conf = Path.Combine(DataDirectory, "postgresql.auto.conf");
        var setting = $"unix_socket_directories = '{runtime}'";
        var lines = File.ReadAllLines(conf).ToList();
        if (lines.LastOrDefault(l => l.StartsWith("unix_socket_directories", StringComparison.Ordinal)) == setting) return;
        lines.RemoveAll(l => l.StartsWith("unix_socket_directories", StringComparison.Ordinal));
        lines.Add(setting);
        File.WriteAllLines(conf, lines);
    }

    /// <summary>
    /// What postmaster.pid names: nothing; a server that is up and listening (left alone); a server that is dying
    /// (a SIGKILL a moment ago: waited for) or listening elsewhere (a cluster from before the short directory:
    /// stopped); or a dead process, a zombie or another program (its pid file removed, or the new server would
    /// refuse to start while the zombie lingers).
    /// </summary>
    private async Task SettleOldServerAsync(PostgresBinaries bin, string runtime, CancellationToken ct)
    {
        if (ReadPostmasterPid() is not { } pid || pid == -1) return;
        if (ProcessAlive(pid))
        {
            if (SocketAccepts(runtime)) return;
            var oldSocket = Path.Combine(ClusterRoot, "run", $".s.PGSQL.{Port}");
            for (var i = 0; i < 30 && !File.Exists(oldSocket) && ProcessAlive(pid); i++) await Task.Delay(100, ct);
            if (ProcessAlive(pid))
            {
                await RunAsync(bin.Tool("pg_ctl"), ["-D", DataDirectory, "-w", "-t", "60", "-m", "fast", "stop"], ct, "pg_ctl stop");
                return;
            }
        }
        TryDelete(PidFile);
    }

    private async Task StartAsync(PostgresBinaries bin, string runtime, CancellationToken ct)
    {
        if (PostmasterAlive() && SocketAccepts(runtime)) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunAsync(bin.Tool("pg_ctl"),
                    ["-D", Path.Combine(runtime, "data"), "-l", Path.Combine(runtime, "server.log"), "-w", "-t", "60", "start"], ct, "pg_ctl start");
                return;
            }
            catch (LedgerEnvironmentException e)
            {
                var reason = LastLogProblem();
                // The backends of a server killed a moment ago hold its shared memory until they notice and exit.
                var transient = reason is not null && (reason.Contains("shared memory", StringComparison.Ordinal) || reason.Contains("lock file", StringComparison.Ordinal));
                if (!transient || attempt >= 20) throw new LedgerEnvironmentException(reason is null ? e.Message : $"{e.Message}: {reason} (log: {LogFile})", e);
                await Task.Delay(250, ct);
                if (ReadPostmasterPid() is { } pid && pid != -1 && !ProcessAlive(pid)) TryDelete(PidFile);
            }
        }
    }

    /// <summary>The last FATAL, PANIC or ERROR line of the server log, if any.</summary>
    private string? LastLogProblem()
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Max(0, stream.Length - 8192), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var tail = reader.ReadToEnd().Split('\n');
            return tail.LastOrDefault(l => l.Contains("FATAL:", StringComparison.Ordinal) || l.Contains("PANIC:", StringComparison.Ordinal) || l.Contains("ERROR:", StringComparison.Ordinal))?.Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// A cluster made before password login (initdb --auth=trust) is switched over once: its owner role gets a
    /// random password (kept in the password file), then pg_hba.conf's trust lines ask for scram-sha-256 and the
    /// server reloads. The password is set first, so a run killed between the two steps just repeats them.
    /// </summary>
    private async Task RequirePasswordAsync(CancellationToken ct)
    {
        var hba = Path.Combine(DataDirectory, "pg_hba.conf");
        var lines = await File.ReadAllLinesAsync(hba, ct);
        if (!lines.Any(l => TrustLine().IsMatch(l)))
        {
            if (ReadSecret() is null)
            {
                throw new LedgerEnvironmentException($"{PasswordFile} is missing: the embedded cluster asks for its password and this file held it; restore it, or use a new PLEDGE_HOME");
            }
            return;
        }
        var secret = ReadSecret() ?? WriteSecret();
        await using (var conn = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand(
                $"SET password_encryption = 'scram-sha-256'; ALTER ROLE \"{UserName.Replace("\"", "\"\"", StringComparison.Ordinal)}\" PASSWORD '{secret}'", conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await File.WriteAllLinesAsync(hba, lines.Select(l => TrustLine().Replace(l, "${head}scram-sha-256")), ct);
        await using (var conn = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await conn.OpenAsync(ct);
            await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", conn);
            await reload.ExecuteNonQueryAsync(ct);
        }
        NpgsqlConnection.ClearAllPools();
    }

    [GeneratedRegex(@"^(?<head>\s*(local|host\w*)\s.*\s)trust\s*$")]
    private static partial Regex TrustLine();

    /// <summary>The owner's password from the password file (the last field of its line); null when there is none.</summary>
    private string? ReadSecret()
    {
        try
        {
            var line = File.ReadLines(PasswordFile).FirstOrDefault(l => l.Length > 0 && l[0] != '#');
            return line is null ? null : line[(line.LastIndexOf(':') + 1)..];
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A new random secret in the password file (mode 0600 from its creation), in .pgpass format for psql.</summary>
    private string WriteSecret()
    {
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var user = UserName.Replace(@"\", @"\\", StringComparison.Ordinal).Replace(":", @"\:", StringComparison.Ordinal);
        Directory.CreateDirectory(Home);
        using (var stream = new FileStream(PasswordFile, FileModes.PrivateFile()))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write($"*:*:*:{user}:{secret}\n");
        }
        FileModes.Set(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task CreateDatabaseAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var check = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", conn);
        check.Parameters.AddWithValue("n", DatabaseName);
        if (await check.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", conn);
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

    private static void ChownToPostgres(string path, bool recursive)
    {
        var psi = new ProcessStartInfo("chown", recursive ? ["-R", "postgres:postgres", path] : ["-h", "postgres:postgres", path]) { RedirectStandardError = true, UseShellExecute = false };
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

    [DllImport("libc", EntryPoint = "mkdtemp", SetLastError = true)]
    private static extern IntPtr Mkdtemp(byte[] template);

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
