using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Npgsql;
using PledgeLedger.Storage;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

/// <summary>Issue 10: what a hostile user, a strange file or a shared machine can throw at the CLI.</summary>
[Collection("db")]
public sealed class HostileInputTests(PostgresFixture pg) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pledge-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static void MakeFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    /// <summary>A read that blocks (a FIFO with no writer) fails the test instead of hanging the run.</summary>
    private static async Task<T> NotHangingAsync<T>(Task<T> run)
    {
        var done = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.True(done == run, "the command hung (it opened something that never ends)");
        return await run;
    }

    private static void OneErrorLine(string err, string contains)
    {
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(contains, err);
        Assert.DoesNotContain("   at ", err);
    }

    // Item 3: report --out.

    [SkippableFact]
    public async Task Report_out_writes_through_a_symlink_to_its_target_and_the_link_stays()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links as on POSIX");
        var cli = await CliRunner.CreateAsync(pg, _dir);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "DE", "--amount", "1m", "--currency", "EUR", "--date", "2024-06-03")).Exit);
        var target = Path.Combine(_dir, "target.json");
        var link = Path.Combine(_dir, "link.json");
        File.CreateSymbolicLink(link, target);

        var (exit, _, err) = await cli.RunAsync("report", "ally", "DE", "--format", "json", "--out", link);

        Assert.True(exit == 0, err);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("ally", JsonDocument.Parse(File.ReadAllText(target)).RootElement.GetProperty("kind").GetString());
    }

    [SkippableFact]
    public async Task Report_out_refuses_a_device_and_leaves_it_a_device()
    {
        Skip.IfNot(File.Exists("/dev/null"), "no /dev/null");
        var cli = await CliRunner.CreateAsync(pg, _dir);

        var (exit, _, err) = await cli.RunAsync("report", "ally", "DE", "--format", "json", "--out", "/dev/null");

        Assert.Equal(2, exit);
        OneErrorLine(err, "character device");
        Assert.Equal(Core.IO.FileKind.CharacterDevice, Core.IO.FileKinds.Stat("/dev/null").Kind);
    }

    [Fact]
    public async Task Report_out_in_a_missing_directory_is_an_error_and_the_directory_is_not_created()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var missing = Path.Combine(_dir, "no-such-dir");

        var (exit, _, err) = await cli.RunAsync("report", "ally", "DE", "--format", "json", "--out", Path.Combine(missing, "r.json"));

        Assert.Equal(2, exit);
        OneErrorLine(err, "does not exist");
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task Report_out_dash_writes_the_report_to_standard_output()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "DE", "--amount", "1m", "--currency", "EUR", "--date", "2024-06-03")).Exit);

        var (exit, output, err) = await cli.RunAsync("report", "ally", "DE", "--format", "json", "--out", "-");

        Assert.True(exit == 0, err);
        Assert.Equal("ally", JsonDocument.Parse(output).RootElement.GetProperty("kind").GetString());
        Assert.False(File.Exists(Path.Combine(_dir, "-")));
    }

    // Item 4: db check looks at the record too.

    [Fact]
    public async Task Db_check_finds_evidence_whose_document_was_removed_behind_the_guards()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        Write("news/a.txt", "BERLIN, 2024-03-01 — Germany will send 5 Patriot systems to Ukraine, the government said.");
        Assert.Equal(0, (await cli.RunAsync("ingest", Path.Combine(_dir, "news"))).Exit);
        Assert.Equal(0, (await cli.RunAsync("db", "check")).Exit);

        // Only a superuser switching triggers and foreign keys off gets past append-only: db check must notice.
        await PostgresFixture.ExecAsync(cli.Location.ConnectionString!, "SET session_replication_role = replica; DELETE FROM documents;");
        var (exit, output, err) = await cli.RunAsync("db", "check", "--format", "json");

        Assert.Equal(1, exit);
        var broken = JsonDocument.Parse(output).RootElement.EnumerateArray().Where(r => r.GetProperty("state").GetString() == "damaged").ToList();
        Assert.Contains(broken, r => r.GetProperty("derived_from").GetString()!.Contains("document exists", StringComparison.Ordinal));
        Assert.Contains("the record is damaged", err);
    }

    // Item 5: bounds and sums.

    [Theory]
    [InlineData("--system", "Patriot", "--quantity", "10000001", "--quantity: '10000001' is not a whole number between 1 and 10,000,000")]
    [InlineData("--system", "Patriot", "--quantity", "9223372036854775807", "--quantity")]
    [InlineData("--amount", "2000000000000000", "--currency", "EUR", "--amount: '2000000000000000' is not a positive amount")]
    public async Task Add_refuses_values_beyond_the_bounds(string o1, string v1, string o2, string v2, string message)
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);

        var (exit, _, err) = await cli.RunAsync("add", "--donor", "DE", o1, v1, o2, v2, "--date", "2024-01-01");

        Assert.Equal(2, exit);
        OneErrorLine(err, message);
        Assert.Equal(0, await cli.CountAsync("pledges"));
    }

    [Fact]
    public async Task Import_csv_rejects_a_quantity_beyond_the_bound_and_imports_the_rest()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var csv = Write("q.csv", "donor,system,count\nGermany,Patriot,3\nGermany,Patriot,9223372036854775807\n");

        var (exit, _, err) = await cli.RunAsync("import", "csv", csv, "--map", "donor=donor,system=system,quantity=count");

        Assert.Equal(1, exit);
        Assert.Contains("q.csv:3", err);
        Assert.Contains("between 1 and 10,000,000", err);
        Assert.Equal(1, await cli.CountAsync("pledges"));
    }

    [Fact]
    public async Task Item_counts_are_summed_in_numeric_so_an_old_ledger_with_huge_quantities_still_reports()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        Assert.Equal(0, (await cli.RunAsync("add", "--donor", "DE", "--amount", "1m", "--currency", "EUR", "--date", "2024-06-03")).Exit);
        // A ledger written before the bounds (0012's checks are NOT VALID): two quantities near 2^62 sum past 2^63.
        await PostgresFixture.ExecAsync(cli.Location.ConnectionString!, """
            ALTER TABLE pledge_versions DROP CONSTRAINT pledge_versions_quantity_bound;
            WITH p AS (INSERT INTO pledges DEFAULT VALUES RETURNING id)
            INSERT INTO pledge_versions (pledge_id, version, donor_code, kind, system_id, quantity, announced_on)
            SELECT id, 1, 'DE', 'equipment', 'patriot', 6000000000000000000, DATE '2024-06-04' FROM p;
            WITH p AS (INSERT INTO pledges DEFAULT VALUES RETURNING id)
            INSERT INTO pledge_versions (pledge_id, version, donor_code, kind, system_id, quantity, announced_on)
            SELECT id, 1, 'DE', 'equipment', 'patriot', 6000000000000000000, DATE '2024-06-05' FROM p;
            """);

        var (exit, json, err) = await cli.RunAsync("totals", "--format", "json");
        Assert.True(exit == 0, err);
        var de = JsonDocument.Parse(json).RootElement.EnumerateArray().Single(r => r.GetProperty("donor").GetString() == "DE");
        Assert.Equal(12_000_000_000_000_000_000m, de.GetProperty("equipment_items").GetDecimal());

        (exit, var path, err) = await cli.RunAsync("report", "ally", "DE", "--format", "json");
        Assert.True(exit == 0, err);
        Assert.Contains("12000000000000000000", File.ReadAllText(path.Trim()));
        Assert.Equal(0, (await cli.RunAsync("db", "check")).Exit);
    }

    // Item 6: only regular files, within a size limit.

    [SkippableFact]
    public async Task Ingest_of_a_directory_with_a_fifo_reads_the_rest_and_names_the_fifo_once()
    {
        Skip.If(OperatingSystem.IsWindows(), "FIFOs are POSIX");
        var cli = await CliRunner.CreateAsync(pg, _dir);
        Write("news/a.txt", "BERLIN, 2024-03-01 — Germany will send 5 Patriot systems to Ukraine, the government said.");
        MakeFifo(Path.Combine(_dir, "news", "b.fifo"));

        var (exit, _, err) = await NotHangingAsync(cli.RunAsync("ingest", Path.Combine(_dir, "news")));

        Assert.Equal(1, exit);
        Assert.Single(err.Split('\n'), l => l.Contains("b.fifo", StringComparison.Ordinal));
        Assert.Contains("not a regular file (a named pipe)", err);
        Assert.Equal(1, await cli.CountAsync("documents"));
        (exit, _, err) = await NotHangingAsync(cli.RunAsync("extract", Path.Combine(_dir, "news")));
        Assert.Equal(1, exit);
    }

    [SkippableFact]
    public async Task Devices_are_refused_unread_by_extract_rates_import_and_import_csv()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "no /dev/zero");
        var cli = await CliRunner.CreateAsync(pg, _dir);

        var (exit, _, err) = await NotHangingAsync(cli.RunAsync("extract", "/dev/zero"));
        Assert.Equal(1, exit);
        Assert.Contains("/dev/zero: not a regular file (a character device)", err);

        (exit, _, err) = await NotHangingAsync(cli.RunAsync("rates", "import", "/dev/zero"));
        Assert.Equal(2, exit);
        OneErrorLine(err, "is not a regular file (a character device)");

        (exit, _, err) = await NotHangingAsync(cli.RunAsync("import", "csv", "/dev/zero", "--rules", "oryx"));
        Assert.Equal(2, exit);
        OneErrorLine(err, "is not a regular file (a character device)");
    }

    [Fact]
    public async Task Files_over_the_size_limit_are_refused_by_option_and_by_variable()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var big = Write("big.txt", "Germany will send 5 Patriot systems to Ukraine. " + new string('x', 4000));
        var rates = Write("rates.csv", "date,currency,units_per_eur\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"2024-01-02,USD,1.{i:D4}\n")));

        var (exit, _, err) = await cli.RunAsync("extract", big, "--max-file-size", "1k");
        Assert.Equal(1, exit);
        Assert.Contains("file too large", err);

        (exit, _, err) = await cli.RunAsync("rates", "import", rates, "--max-file-size", "1k");
        Assert.Equal(2, exit);
        OneErrorLine(err, "is too large");

        (exit, _, err) = await cli.RunAsync("extract", big, "--max-file-size", "lots");
        Assert.Equal(2, exit);
        OneErrorLine(err, "--max-file-size: 'lots' is not a size");
    }

    [Fact]
    public async Task A_long_one_line_text_is_stored_once_with_a_warning_not_also_counted_as_failed()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var sentence = "BERLIN, 2024-03-01 — Germany will send 5 Patriot systems to Ukraine. ";
        var sb = new StringBuilder();
        while (sb.Length <= Extraction.DocumentReader.MaxTextBytes + 100_000) sb.Append(sentence);
        var path = Write("long.txt", sb.ToString());

        var (exit, _, err) = await cli.RunAsync("ingest", path);

        Assert.True(exit == 0, err);
        Assert.Contains("documents: 1 read, 1 new, 0 skipped as already known, 0 failed", err);
        Assert.Contains("warning: ", err);
        Assert.Equal(1, await cli.CountAsync("documents"));
    }

    // Item 10: months within the ledger's dates.

    [Theory]
    [InlineData("9999-12")]
    [InlineData("1800-01")]
    [InlineData("2101-01")]
    public async Task Monthly_report_refuses_a_month_outside_1990_to_2100(string month)
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);

        var (exit, _, err) = await cli.RunAsync("report", "monthly", "--month", month, "--format", "json");

        Assert.Equal(2, exit);
        OneErrorLine(err, $"--month: '{month}' is not a month between 1990-01 and 2100-12");
    }

    // Messages.

    [Fact]
    public async Task A_rates_file_with_a_EUR_row_rejects_that_row_and_imports_the_rest()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var path = Write("r.csv", "date,currency,units_per_eur\n2024-01-02,USD,1.1\n2024-01-02,EUR,1\n1985-01-02,USD,1.2\n");

        var (exit, output, err) = await cli.RunAsync("rates", "import", path);

        Assert.Equal(1, exit);
        Assert.Contains("r.csv:3: currency: EUR is the base currency", err);
        Assert.Contains("r.csv:4: date: 1985-01-02 is not a rate date between 1990-01-01 and 2100-12-31", err);
        Assert.DoesNotContain("database error", err);
        Assert.Contains("1 inserted", output);
        Assert.Equal(1, await cli.CountAsync("fx_rates"));
    }

    [Fact]
    public async Task Control_characters_in_echoed_values_are_escaped()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);

        var (exit, _, err) = await cli.RunAsync("add", "--donor", "\u001b[31mX\u0007", "--amount", "1m", "--currency", "EUR");

        Assert.Equal(2, exit);
        Assert.Contains("'\\x1b[31mX\\x07'", err);
        Assert.DoesNotContain('\u001b', err);
        Assert.DoesNotContain('\u0007', err);
    }

    [Fact]
    public async Task A_file_name_with_control_characters_is_escaped_in_problem_lines()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var path = Write("bad\u001b]0;owned\u0007.txt", "");

        var (exit, _, err) = await cli.RunAsync("extract", path);

        Assert.Equal(1, exit);
        Assert.Contains("bad\\x1b]0;owned\\x07.txt: empty file", err);
        Assert.DoesNotContain('\u001b', err);
    }

    [Fact]
    public async Task A_number_option_given_text_says_what_is_accepted_not_a_dotnet_type()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);

        var (exit, _, err) = await cli.RunAsync("list", "--limit", "abc");

        Assert.Equal(2, exit);
        Assert.Contains("error: --limit: 'abc' is not a whole number", err);
        Assert.DoesNotContain("System.", err);
        Assert.DoesNotContain("Nullable", err);
    }

    [Fact]
    public void A_database_error_names_the_ledger_not_an_empty_embedded_path()
    {
        var location = new LedgerLocation(null, "/srv/ledger-home");

        var (code, message) = PledgeCli.Classify(new NpgsqlException("connection lost", new SocketException()), location);

        Assert.Equal(3, code);
        Assert.Contains("embedded cluster in /srv/ledger-home", message);
    }
}
