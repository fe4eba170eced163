using Npgsql;

namespace PledgeLedger.Storage.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task Two_first_runs_at_once_share_one_healthy_cluster()
    {
        var home = Path.Combine(Path.GetTempPath(), "pledge-embedded-" + Guid.NewGuid().ToString("N")[..8]);
        var a = new EmbeddedPostgres(home);
        var b = new EmbeddedPostgres(home);
        try
        {
            await Task.WhenAll(Task.Run(() => a.EnsureRunningAsync(CancellationToken.None)), Task.Run(() => b.EnsureRunningAsync(CancellationToken.None)));
            Assert.True(a.LooksRunning);
            await using var db = await LedgerDatabase.OpenAsync(new LedgerLocation(null, home), migrate: true, CancellationToken.None);
            await using var conn = await db.DataSource.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM donors", conn);
            Assert.True((long)(await cmd.ExecuteScalarAsync())! > 190);
            // Unix socket only: no TCP listener is configured.
            await using var listen = new NpgsqlCommand("SHOW listen_addresses", conn);
            Assert.Equal("", (string)(await listen.ExecuteScalarAsync())!);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(a.SocketDirectory));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await a.StopAsync(CancellationToken.None);
            Assert.False(a.LooksRunning);
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task A_server_killed_without_clean_up_is_started_again_on_the_next_command()
    {
        // After a reboot or a SIGKILL the socket file and postmaster.pid stay behind: the next command must see
        // through them and start the server, not fail with "connection refused".
        var home = Path.Combine(Path.GetTempPath(), "pledge-embedded-" + Guid.NewGuid().ToString("N")[..8]);
        var pg = new EmbeddedPostgres(home);
        try
        {
            await pg.EnsureRunningAsync(CancellationToken.None);
            var pidFile = Path.Combine(pg.DataDirectory, "postmaster.pid");
            var pid = int.Parse(File.ReadLines(pidFile).First(), System.Globalization.CultureInfo.InvariantCulture);
            using (var postmaster = System.Diagnostics.Process.GetProcessById(pid))
            {
                postmaster.Kill();
                await postmaster.WaitForExitAsync();
            }
            NpgsqlConnection.ClearAllPools();
            Assert.True(File.Exists(pidFile), "the killed server leaves its pid file behind");
            Assert.False(pg.LooksRunning);

            await using var db = await LedgerDatabase.OpenAsync(new LedgerLocation(null, home), migrate: true, CancellationToken.None);
            await using var conn = await db.OpenConnectionAsync(CancellationToken.None);
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM donors", conn);
            Assert.True((long)(await cmd.ExecuteScalarAsync())! > 190);
            Assert.True(pg.LooksRunning);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await pg.StopAsync(CancellationToken.None);
            Directory.Delete(home, recursive: true);
        }
    }
}
