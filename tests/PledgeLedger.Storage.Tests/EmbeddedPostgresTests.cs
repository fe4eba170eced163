using Npgsql;
using PledgeLedger.Tests;

namespace PledgeLedger.Storage.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmbeddedPostgresTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static string NewHome() => Path.Combine(Path.GetTempPath(), "pledge-embedded-" + Guid.NewGuid().ToString("N")[..8]);

    private static async Task<long> DonorCountAsync(string home)
    {
        await using var db = await LedgerDatabase.OpenAsync(new LedgerLocation(null, home), migrate: true, CancellationToken.None);
        await using var conn = await db.OpenConnectionAsync(CancellationToken.None);
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM donors", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task CleanUpAsync(EmbeddedPostgres pg, string? deleteRoot = null)
    {
        NpgsqlConnection.ClearAllPools();
        await pg.StopAsync(CancellationToken.None);
        pg.RemoveRuntimeDirectory();
        Directory.Delete(deleteRoot ?? pg.Home, recursive: true);
    }

    [Fact]
    public async Task Two_first_runs_at_once_share_one_healthy_cluster_that_asks_for_its_password()
    {
        var home = NewHome();
        var a = new EmbeddedPostgres(home);
        var b = new EmbeddedPostgres(home);
        try
        {
            await Task.WhenAll(Task.Run(() => a.EnsureRunningAsync(CancellationToken.None)), Task.Run(() => b.EnsureRunningAsync(CancellationToken.None)));
            Assert.True(a.LooksRunning);
            Assert.True(await DonorCountAsync(home) > 190);
            await using (var conn = new NpgsqlConnection(a.ConnectionString()))
            {
                await conn.OpenAsync();
                // Unix socket only: no TCP listener is configured.
                await using var listen = new NpgsqlCommand("SHOW listen_addresses", conn);
                Assert.Equal("", (string)(await listen.ExecuteScalarAsync())!);
            }
            Assert.Equal(Private, File.GetUnixFileMode(a.SocketDirectory));
            Assert.StartsWith("/tmp/pledge-", a.SocketDirectory);

            // Password login: the secret is the owner's alone, no pg_hba line trusts anyone, a wrong password is refused.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(a.PasswordFile));
            var hba = await File.ReadAllLinesAsync(Path.Combine(a.DataDirectory, "pg_hba.conf"));
            Assert.DoesNotContain(hba, l => !l.TrimStart().StartsWith('#') && l.Contains("trust", StringComparison.Ordinal));
            var wrong = new NpgsqlConnectionStringBuilder(a.ConnectionString()) { Password = "not-the-secret", Pooling = false }.ConnectionString;
            var refused = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                await using var c = new NpgsqlConnection(wrong);
                await c.OpenAsync();
            });
            Assert.Equal("28P01", refused.SqlState);
        }
        finally
        {
            await CleanUpAsync(a);
            Assert.False(a.LooksRunning);
        }
    }

    [Fact]
    public async Task A_postmaster_killed_a_moment_ago_is_started_again_by_the_next_command()
    {
        // A SIGKILLed postmaster stays a zombie until it is reaped (kill(pid, 0) still succeeds on it), and its socket
        // file and postmaster.pid stay behind: the very next command must see through all three and start the server.
        var home = NewHome();
        var pg = new EmbeddedPostgres(home);
        try
        {
            await pg.EnsureRunningAsync(CancellationToken.None);
            Assert.True(await DonorCountAsync(home) > 190);
            var pidFile = Path.Combine(pg.DataDirectory, "postmaster.pid");
            var pid = int.Parse(File.ReadLines(pidFile).First(), System.Globalization.CultureInfo.InvariantCulture);
            using (var postmaster = System.Diagnostics.Process.GetProcessById(pid))
            {
                postmaster.Kill(); // SIGKILL, not waited for
            }
            NpgsqlConnection.ClearAllPools();

            Assert.True(await DonorCountAsync(home) > 190);
            Assert.True(pg.LooksRunning);
            var newPid = int.Parse(File.ReadLines(pidFile).First(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.NotEqual(pid, newPid);
        }
        finally
        {
            await CleanUpAsync(pg);
        }
    }

    [Fact]
    public async Task A_cluster_with_an_earlier_checkpoint_setting_gets_the_new_one_at_its_next_start_and_an_owners_choice_is_kept()
    {
        var home = NewHome();
        var pg = new EmbeddedPostgres(home);
        try
        {
            await pg.EnsureRunningAsync(CancellationToken.None);
            Assert.Equal("4GB", await ShowAsync(pg, "max_wal_size"));
            Assert.Equal("15min", await ShowAsync(pg, "checkpoint_timeout"));

            // As an earlier PledgeLedger left it: max_wal_size at its old value, no checkpoint_timeout line; and a
            // setting of the owner's own (checkpoint_completion_target) that is not PledgeLedger's to touch.
            NpgsqlConnection.ClearAllPools();
            await pg.StopAsync(CancellationToken.None);
            var conf = Path.Combine(pg.DataDirectory, "postgresql.auto.conf");
            var lines = (await File.ReadAllLinesAsync(conf))
                .Where(l => !l.StartsWith("max_wal_size", StringComparison.Ordinal) && !l.StartsWith("checkpoint_timeout", StringComparison.Ordinal))
                .Append("max_wal_size = 2GB").Append("checkpoint_completion_target = 0.8");
            await File.WriteAllLinesAsync(conf, lines);
            await pg.EnsureRunningAsync(CancellationToken.None);
            Assert.Equal("4GB", await ShowAsync(pg, "max_wal_size"));
            Assert.Equal("15min", await ShowAsync(pg, "checkpoint_timeout"));
            Assert.Equal("0.8", await ShowAsync(pg, "checkpoint_completion_target"));
            Assert.Single(await File.ReadAllLinesAsync(conf), l => l.StartsWith("max_wal_size", StringComparison.Ordinal));

            // The owner's own value is kept at the next start.
            NpgsqlConnection.ClearAllPools();
            await pg.StopAsync(CancellationToken.None);
            await File.WriteAllLinesAsync(conf, (await File.ReadAllLinesAsync(conf)).Select(l => l.StartsWith("max_wal_size", StringComparison.Ordinal) ? "max_wal_size = '3GB'" : l));
            await pg.EnsureRunningAsync(CancellationToken.None);
            Assert.Equal("3GB", await ShowAsync(pg, "max_wal_size"));

            // Durability is not traded: every commit still reaches the disk.
            Assert.Equal("on", await ShowAsync(pg, "fsync"));
            Assert.Equal("on", await ShowAsync(pg, "synchronous_commit"));
            Assert.Equal("on", await ShowAsync(pg, "full_page_writes"));
        }
        finally
        {
            await CleanUpAsync(pg);
        }

        static async Task<string> ShowAsync(EmbeddedPostgres pg, string name)
        {
            await using var conn = new NpgsqlConnection(pg.ConnectionString());
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"SHOW {name}", conn);
            return (string)(await cmd.ExecuteScalarAsync())!;
        }
    }

    [Fact]
    public async Task A_home_with_quotes_semicolons_and_shell_characters_works_and_reaches_no_configuration()
    {
        // ';' broke the connection string, a quote could add lines to the server's configuration, and pg_ctl hands
        // its paths to a shell: none of the home's path may reach any of them.
        var root = NewHome();
        var marker = Path.Combine(root, "shell-ran");
        var home = Path.Combine(root, $"it's; a \"home\" $(touch {marker}) `touch {marker}`\\ & more");
        var pg = new EmbeddedPostgres(home);
        try
        {
            Assert.True(await DonorCountAsync(home) > 190);
            Assert.False(File.Exists(marker), "a shell ran what the path said");
            await using var conn = new NpgsqlConnection(pg.ConnectionString());
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT current_setting('listen_addresses') || '|' || current_setting('unix_socket_directories')", conn);
            Assert.Equal($"|{pg.SocketDirectory}", (string)(await cmd.ExecuteScalarAsync())!);
            Assert.DoesNotContain("home", await File.ReadAllTextAsync(Path.Combine(pg.DataDirectory, "postgresql.auto.conf")));
        }
        finally
        {
            await CleanUpAsync(pg, root);
        }
    }

    [Fact]
    public async Task A_home_far_longer_than_a_socket_path_allows_works()
    {
        // A Unix socket path holds at most 107 bytes: the socket lives in a short directory whatever the home's length.
        var root = NewHome();
        var home = Path.Combine(root, string.Join('/', Enumerable.Range(0, 8).Select(i => $"a-rather-long-directory-name-number-{i}")));
        Assert.True(home.Length > 300);
        var pg = new EmbeddedPostgres(home);
        try
        {
            Assert.True(await DonorCountAsync(home) > 190);
            Assert.True(pg.SocketDirectory.Length < 40, pg.SocketDirectory);
        }
        finally
        {
            await CleanUpAsync(pg, root);
        }
    }

    [Theory]
    [InlineData("/tmp/x'\nlisten_addresses = '*")]
    [InlineData("/tmp/tab\there")]
    public void A_home_with_a_control_character_is_refused_with_one_line(string home)
    {
        var e = Assert.Throws<LedgerInputException>(() => new EmbeddedPostgres(home));
        Assert.StartsWith("PLEDGE_HOME: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\t', e.Message);
    }

    [Fact]
    public async Task A_cluster_from_before_password_login_still_running_on_its_old_socket_is_taken_over()
    {
        // Clusters made by an earlier pledge had `trust` lines, no secret and their socket in $PLEDGE_HOME/pg/run, and
        // their server may be running when pledge is upgraded. The next command stops it, moves the socket to the
        // short directory, gives the owner a random password (written to the password file) and makes pg_hba.conf
        // ask for it.
        var home = NewHome();
        var pg = new EmbeddedPostgres(home);
        try
        {
            await pg.EnsureRunningAsync(CancellationToken.None);
            var hbaPath = Path.Combine(pg.DataDirectory, "pg_hba.conf");
            await using (var conn = new NpgsqlConnection(pg.ConnectionString("postgres")))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"ALTER ROLE \"{pg.UserName}\" PASSWORD NULL", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            NpgsqlConnection.ClearAllPools();
            await pg.StopAsync(CancellationToken.None);
            await File.WriteAllTextAsync(hbaPath, "local all all trust\nhost all all 127.0.0.1/32 trust\n");
            var oldRun = Path.Combine(pg.ClusterRoot, "run");
            Directory.CreateDirectory(oldRun);
            File.SetUnixFileMode(oldRun, Private);
            if (Environment.UserName == "root") System.Diagnostics.Process.Start("chown", ["postgres:postgres", oldRun])!.WaitForExit();
            var conf = Path.Combine(pg.DataDirectory, "postgresql.auto.conf");
            var lines = (await File.ReadAllLinesAsync(conf)).Where(l => !l.StartsWith("unix_socket_directories", StringComparison.Ordinal)).Append($"unix_socket_directories = '{oldRun}'");
            await File.WriteAllLinesAsync(conf, lines);
            pg.RemoveRuntimeDirectory();
            File.Delete(Path.Combine(pg.ClusterRoot, "runtime.path"));
            File.Delete(pg.PasswordFile);
            await StartTheOldWayAsync(pg);
            Assert.True(File.Exists(Path.Combine(oldRun, ".s.PGSQL.5432")));

            Assert.True(await DonorCountAsync(home) > 190);
            Assert.StartsWith("/tmp/pledge-", pg.SocketDirectory);
            Assert.False(File.Exists(Path.Combine(oldRun, ".s.PGSQL.5432")));
            Assert.Single(await File.ReadAllLinesAsync(conf), l => l.StartsWith("unix_socket_directories", StringComparison.Ordinal));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pg.PasswordFile));
            Assert.Equal("local all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\n", (await File.ReadAllTextAsync(hbaPath)).ReplaceLineEndings("\n"));
            NpgsqlConnection.ClearAllPools();
            var wrong = new NpgsqlConnectionStringBuilder(pg.ConnectionString()) { Password = "not-the-secret", Pooling = false }.ConnectionString;
            var refused = await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                await using var c = new NpgsqlConnection(wrong);
                await c.OpenAsync();
            });
            Assert.Equal("28P01", refused.SqlState);
        }
        finally
        {
            await CleanUpAsync(pg);
        }
    }

    /// <summary>pg_ctl start on the real data directory, as the earlier pledge did (as the postgres user when root).</summary>
    private static async Task StartTheOldWayAsync(EmbeddedPostgres pg)
    {
        var pgCtl = PostgresBinaries.Find().Tool("pg_ctl");
        string[] args = ["-D", pg.DataDirectory, "-l", pg.LogFile, "-w", "-t", "60", "start"];
        var root = Environment.UserName == "root";
        var psi = new System.Diagnostics.ProcessStartInfo(root ? "runuser" : pgCtl, root ? ["-u", "postgres", "--", pgCtl, .. args] : args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await output;
        Assert.True(p.ExitCode == 0, error);
    }
}

[Collection("db")]
public sealed class MigrationConcurrencyTests(PostgresFixture pg)
{
    [Fact]
    public async Task Six_first_opens_of_an_empty_database_at_once_all_succeed_and_migrate_once()
    {
        // Without the migration lock, two runs both saw the same pending scripts and the second failed with
        // "relation donors already exists".
        var location = await pg.NewEmptyDatabaseAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var opens = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await using var db = await LedgerDatabase.OpenAsync(location, migrate: true, cts.Token);
            await using var conn = await db.OpenConnectionAsync(cts.Token);
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM donors", conn);
            return (long)(await cmd.ExecuteScalarAsync(cts.Token))!;
        }, cts.Token)).ToList();
        var counts = await Task.WhenAll(opens);
        Assert.All(counts, c => Assert.True(c > 190));
        var journal = await PostgresFixture.ScalarAsync<long>(location.ConnectionString!, "SELECT count(*) FROM schemaversions");
        Assert.Equal(Migrator.Known.Count, journal);
    }

    [Fact]
    public async Task The_cheap_schema_check_tells_current_from_behind()
    {
        var migrated = await pg.NewDatabaseAsync();
        var empty = await pg.NewEmptyDatabaseAsync();
        Assert.True(await IsCurrentAsync(migrated.ConnectionString!));
        Assert.False(await IsCurrentAsync(empty.ConnectionString!));
        await PostgresFixture.ExecAsync(migrated.ConnectionString!, $"DELETE FROM schemaversions WHERE scriptname = '{Migrator.Known[^1]}'");
        Assert.False(await IsCurrentAsync(migrated.ConnectionString!));
    }

    private static async Task<bool> IsCurrentAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        return await Migrator.IsCurrentAsync(conn, CancellationToken.None);
    }
}
