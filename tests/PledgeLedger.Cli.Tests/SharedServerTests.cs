using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using PledgeLedger.Storage;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

/// <summary>Runs pledge in-process with the given environment variables (PLEDGE_DB or PLEDGE_HOME), like a shell would.</summary>
internal static class PledgeProcess
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(IReadOnlyDictionary<string, string?> variables, string workingDirectory, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var vars = new Dictionary<string, string?>(variables) { ["NO_COLOR"] = "1" };
        var env = new CliEnvironment
        {
            Out = stdout,
            Error = stderr,
            Variables = vars,
            WorkingDirectory = workingDirectory,
            OpenStandardInput = () => new MemoryStream(),
        };
        var exit = await PledgeCli.RunAsync(args, env);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>psql with a connection URI as its argument (no other connection settings in its environment).</summary>
    public static async Task<(int Exit, string Out, string Err)> PsqlAsync(string uri, string sql)
    {
        var psi = new ProcessStartInfo("psql", ["-X", uri, "-Atc", sql]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in new[] { "PGPASSWORD", "PGPASSFILE", "PGHOST", "PGUSER", "PGDATABASE", "PGPORT" }) psi.Environment.Remove(name);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, (await output).Trim(), (await error).Trim());
    }
}

/// <summary>
/// A team on one shared server: a second PostgreSQL listening on 127.0.0.1 (TCP, scram-sha-256 passwords, started
/// by the test through the embedded mechanism), the ledger migrated by its owner, `pledge db roles`, and the CLI
/// used through PLEDGE_DB as a pledge_writer and as a pledge_reader.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SharedServerTests : IAsyncLifetime
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "pledge-shared-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _work = Path.Combine(Path.GetTempPath(), "pledge-shared-work-" + Guid.NewGuid().ToString("N")[..8]);
    private EmbeddedPostgres _server = null!;
    private string _admin = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _server = new EmbeddedPostgres(_home, tcpPort: port);
        await _server.EnsureRunningAsync(CancellationToken.None);
        // Over TCP with the owner's password: the way a DBA reaches a shared server.
        _admin = new NpgsqlConnectionStringBuilder(_server.ConnectionString("postgres")) { Host = "127.0.0.1", Pooling = false }.ConnectionString;
        await PostgresFixture.ExecAsync(_admin, "CREATE DATABASE ledger");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _server.StopAsync(CancellationToken.None);
        _server.RemoveRuntimeDirectory();
        Directory.Delete(_home, recursive: true);
        Directory.Delete(_work, recursive: true);
    }

    private string Login(string user, string password) =>
        new NpgsqlConnectionStringBuilder(_admin) { Username = user, Password = password, Database = "ledger" }.ConnectionString;

    private Task<(int Exit, string Out, string Err)> As(string connectionString, params string[] args) =>
        PledgeProcess.RunAsync(new Dictionary<string, string?> { ["PLEDGE_DB"] = connectionString, ["PLEDGE_HOME"] = _home }, _work, args);

    [Fact]
    public async Task A_writer_appends_a_reader_only_reads_and_neither_may_rewrite_the_record()
    {
        var owner = new NpgsqlConnectionStringBuilder(_admin) { Database = "ledger" }.ConnectionString;
        var migrate = await As(owner, "db", "migrate");
        Assert.True(migrate.Exit == 0, migrate.Err);
        var roles = await As(owner, "db", "roles");
        Assert.True(roles.Exit == 0, roles.Err);
        await PostgresFixture.ExecAsync(_admin, "CREATE ROLE wanda LOGIN PASSWORD 'w-secret' IN ROLE pledge_writer");
        await PostgresFixture.ExecAsync(_admin, "CREATE ROLE rita LOGIN PASSWORD 'r-secret' IN ROLE pledge_reader");
        var writer = Login("wanda", "w-secret");
        var reader = Login("rita", "r-secret");

        // The writer adds, and corrects by appending a version; the triggers keep the derived tables for it.
        var add = await As(writer, "add", "--donor", "DE", "--amount", "500m", "--currency", "EUR", "--date", "2024-06-03");
        Assert.True(add.Exit == 0, add.Err);
        var add2 = await As(writer, "add", "--donor", "FR", "--system", "Patriot", "--quantity", "1", "--date", "2024-06-04");
        Assert.True(add2.Exit == 0, add2.Err);
        // Rates (their triggers refill fx_daily and re-convert the roll-up) and an ingest (staging tables, COPY,
        // documents and evidence) work for the writer too.
        var rates = Path.Combine(_work, "rates.csv");
        await File.WriteAllTextAsync(rates, "Date,USD,GBP,\n2024-06-03,1.0800,0.8500,\n");
        var import = await As(writer, "rates", "import", rates);
        Assert.True(import.Exit == 0, import.Err);
        var news = Path.Combine(_work, "news.txt");
        await File.WriteAllTextAsync(news, "20:40 31.05.2024\nAustralia announces new aid package worth AUD20 mln for Ukraine\n");
        var ingest = await As(writer, "ingest", news);
        Assert.True(ingest.Exit == 0, ingest.Err);
        Assert.Equal(1, await PostgresFixture.ScalarAsync<long>(owner, "SELECT count(*) FROM evidence"));
        var id = await PostgresFixture.ScalarAsync<long>(owner, "SELECT max(pledge_id) FROM pledge_current WHERE donor_code = 'FR'");
        var retract = await As(writer, "retract", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "announced twice");
        Assert.True(retract.Exit == 0, retract.Err);

        // The reader's write fails with one line and exit 3; its reports work.
        var refused = await As(reader, "add", "--donor", "PL", "--amount", "1m", "--currency", "EUR", "--date", "2024-06-05");
        Assert.Equal(ExitCodes.Environment, refused.Exit);
        Assert.Single(refused.Err.Trim().Split('\n'));
        Assert.StartsWith("error: ", refused.Err);
        Assert.Contains("permission denied", refused.Err);
        Assert.Equal(3, await PostgresFixture.ScalarAsync<long>(owner, "SELECT count(*) FROM pledges"));
        var totals = await As(reader, "totals", "--format", "csv");
        Assert.True(totals.Exit == 0, totals.Err);
        Assert.Contains("DE,", totals.Out);
        Assert.Contains("500000000", totals.Out);
        var report = await As(reader, "report", "monthly", "--month", "2024-06", "--format", "csv", "--out", Path.Combine(_work, "june.csv"));
        Assert.True(report.Exit == 0, report.Err);
        Assert.Contains("DE", await File.ReadAllTextAsync(Path.Combine(_work, "june.csv")));

        // Append-only by privilege: the writer has no UPDATE, DELETE or TRUNCATE on the record (42501 is
        // insufficient_privilege, raised before any trigger runs).
        foreach (var sql in new[] { "UPDATE pledge_versions SET note = 'x'", "DELETE FROM evidence", "TRUNCATE pledges CASCADE", "TRUNCATE fx_rates", "DELETE FROM pledge_totals" })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => PostgresFixture.ExecAsync(writer, sql));
            Assert.Equal("42501", e.SqlState);
        }

        // What the writer's inserts did to the derived tables equals what the record says.
        var check = await As(owner, "db", "check");
        Assert.True(check.Exit == 0, check.Out + check.Err);

        // The reader's connection URI works in psql; its password is in a 0600 passfile, not in the URI.
        var url = await As(reader, "db", "url");
        Assert.Equal(0, url.Exit);
        var uri = url.Out.Trim();
        Assert.DoesNotContain("r-secret", uri);
        var passfile = Uri.UnescapeDataString(uri[(uri.IndexOf("passfile=", StringComparison.Ordinal) + 9)..].Split('&')[0]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passfile));
        var psql = await PledgeProcess.PsqlAsync(uri, "select current_user, count(*) from pledges group by 1");
        Assert.True(psql.Exit == 0, psql.Err);
        Assert.Equal("rita|3", psql.Out);
    }
}

/// <summary>The CLI on a new embedded home: first commands at once, and the URI psql takes.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmbeddedHomeTests
{
    [Fact]
    public async Task Six_first_commands_at_once_on_a_new_home_all_succeed_and_db_url_works_in_psql()
    {
        var home = Path.Combine(Path.GetTempPath(), "pledge-home-" + Guid.NewGuid().ToString("N")[..8]);
        var vars = new Dictionary<string, string?> { ["PLEDGE_HOME"] = home };
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            var runs = Enumerable.Range(0, 6).Select(i => Task.Run(() => i % 2 == 0
                ? PledgeProcess.RunAsync(vars, home, "totals", "--format", "csv")
                : PledgeProcess.RunAsync(vars, home, "add", "--donor", "DE", "--amount", $"{i}m", "--currency", "EUR", "--date", "2024-06-0" + i), cts.Token)).ToList();
            var results = await Task.WhenAll(runs).WaitAsync(cts.Token);
            Assert.All(results, r => Assert.True(r.Exit == 0, r.Err));

            var url = await PledgeProcess.RunAsync(vars, home, "db", "url");
            Assert.Equal(0, url.Exit);
            var uri = url.Out.Trim();
            Assert.StartsWith("postgresql:///pledgeledger?host=/tmp/pledge-", uri);
            Assert.DoesNotContain(await File.ReadAllTextAsync(Path.Combine(home, "pgpass")) is var pass ? pass[(pass.LastIndexOf(':') + 1)..].Trim() : "", uri);
            var psql = await PledgeProcess.PsqlAsync(uri, "select count(*) from pledges");
            Assert.True(psql.Exit == 0, psql.Err);
            Assert.Equal("3", psql.Out);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            var pg = new EmbeddedPostgres(home);
            await pg.StopAsync(CancellationToken.None);
            pg.RemoveRuntimeDirectory();
            Directory.Delete(home, recursive: true);
        }
    }
}
