using System.Text.Json;
using PledgeLedger.Tests;
using UglyToad.PdfPig;

namespace PledgeLedger.Cli.Tests;

[Collection("db")]
public sealed class ReportCommandsTests(PostgresFixture pg) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pledge-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<CliRunner> LedgerWithPledgesAsync()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        string[][] adds =
        [
            ["--donor", "DE", "--amount", "500m", "--currency", "EUR", "--date", "2024-06-03"],
            ["--donor", "DE", "--system", "Patriot", "--quantity", "1", "--date", "2024-06-03"],
            ["--donor", "SK", "--amount", "2.5m", "--currency", "EUR", "--date", "2024-06-10", "--note", "Žilina plant"],
            ["--donor", "GB", "--amount", "242m", "--currency", "GBP", "--date", "2024-06-13"],
            ["--donor", "AU", "--amount", "20m", "--currency", "AUD", "--date", "2024-06-01"],
            ["--donor", "EU", "--amount", "50bn", "--currency", "EUR", "--date", "2024-06-20", "--period", "multi_year", "--years", "4"],
            ["--donor", "NATO", "--amount", "40bn", "--currency", "EUR", "--date", "2024-06-12", "--period", "annual", "--status", "proposed"],
            ["--donor", "FR", "--amount", "100m", "--currency", "EUR", "--date", "2024-05-10"],
        ];
        foreach (var a in adds) Assert.Equal(0, (await cli.RunAsync(["add", .. a])).Exit);
        await PostgresFixture.ExecAsync(cli.Location.ConnectionString!,
            "INSERT INTO fx_rates (rate_date, currency, units_per_eur) VALUES ('2024-06-13', 'GBP', 0.84468)");
        return cli;
    }

    [Fact]
    public async Task Monthly_report_numbers_equal_the_json_export_and_pledge_totals()
    {
        var cli = await LedgerWithPledgesAsync();
        var (exit, output, err) = await cli.RunAsync("report", "monthly", "--month", "2024-06", "--format", "json", "--generated-at", "2024-07-01T00:00:00Z");
        Assert.True(exit == 0, err);
        var report = JsonDocument.Parse(File.ReadAllText(output.Trim())).RootElement;
        var totals = report.GetProperty("body").GetProperty("totals").EnumerateArray().ToDictionary(t => t.GetProperty("donor_code").GetString()!);
        var (_, totalsJson, _) = await cli.RunAsync("totals", "--format", "json");
        var ours = JsonDocument.Parse(totalsJson).RootElement.EnumerateArray().ToDictionary(t => t.GetProperty("donor").GetString()!);
        foreach (var (donor, row) in ours)
        {
            Assert.Equal(row.GetProperty("eur_once").GetDecimal(), Math.Round(totals[donor].GetProperty("eur").GetDecimal(), 2));
            Assert.Equal(row.GetProperty("eur_multi_year").GetDecimal(), Math.Round(totals[donor].GetProperty("multi_year_eur").GetDecimal(), 2));
            Assert.Equal(row.GetProperty("equipment_items").GetInt64(), totals[donor].GetProperty("equipment_items").GetInt64());
        }
        Assert.Equal(500_000_000m, ours["DE"].GetProperty("eur").GetDecimal());
        Assert.Equal(Math.Round(242_000_000m / 0.84468m, 2), ours["GB"].GetProperty("eur").GetDecimal());
        Assert.Equal(50_000_000_000m, ours["EU"].GetProperty("eur_multi_year").GetDecimal());
        Assert.False(ours.ContainsKey("NATO"));
    }

    [Fact]
    public async Task Pdf_is_real_text_with_accented_names_metadata_and_the_same_bytes_for_the_same_state()
    {
        var cli = await LedgerWithPledgesAsync();
        string[] args = ["report", "monthly", "--month", "2024-06", "--generated-at", "2024-07-01T00:00:00Z", "--as-of", "2099-01-01"];
        var (exit, output, err) = await cli.RunAsync(args);
        Assert.True(exit == 0, err);
        var path = output.Trim();
        Assert.Equal(Path.Combine(_dir, "reports", "monthly-2024-06.pdf"), path);
        var first = await File.ReadAllBytesAsync(path);
        await cli.RunAsync(args);
        Assert.Equal(first, await File.ReadAllBytesAsync(path));
        using var pdf = PdfDocument.Open(first);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Germany", text, StringComparison.Ordinal);
        Assert.Contains("Slovakia", text, StringComparison.Ordinal);
        Assert.Contains("500,000,000", text, StringComparison.Ordinal);
        Assert.Contains("2024-06-03", text, StringComparison.Ordinal);
        Assert.Equal("PledgeLedger", pdf.Information.Author);
        Assert.False(string.IsNullOrEmpty(pdf.Information.Title));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "reports"), "*.tmp"));
    }

    [Theory]
    [InlineData("monthly --month 2024-13", "--month:")]
    [InlineData("summary --from 2024-06-30 --to 2024-01-01", "--from/--to:")]
    [InlineData("ally Atlantis", "DONOR:")]
    [InlineData("monthly --month 2024-06 --out /proc/no/such/dir/report.pdf", "--out:")]
    [InlineData("monthly --month 2024-06 --paper a3", "--paper:")]
    public async Task Bad_report_requests_are_one_line_and_exit_2(string args, string field)
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var (exit, _, err) = await cli.RunAsync(["report", .. args.Split(' ')]);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("error: " + field, err.Trim());
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_month_without_pledges_gives_a_valid_report_that_says_so()
    {
        var cli = await CliRunner.CreateAsync(pg, _dir);
        var (exit, output, _) = await cli.RunAsync("report", "monthly", "--month", "2023-02");
        Assert.Equal(0, exit);
        using var pdf = PdfDocument.Open(output.Trim());
        Assert.Contains("no pledges", string.Concat(pdf.GetPages().Select(p => p.Text)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Summary_and_ally_reports_are_written_where_the_readme_says()
    {
        var cli = await LedgerWithPledgesAsync();
        var (exit, output, _) = await cli.RunAsync("report", "summary", "--from", "2024-01-01", "--to", "2024-06-30", "--by", "date", "--format", "csv");
        Assert.Equal(0, exit);
        Assert.Equal(Path.Combine(_dir, "reports", "summary-2024-01-01_2024-06-30-by-date.csv"), output.Trim());
        var (exit2, output2, _) = await cli.RunAsync("report", "ally", "DEU");
        Assert.Equal(0, exit2);
        using var pdf = PdfDocument.Open(output2.Trim());
        Assert.Contains("Patriot", string.Concat(pdf.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monthly_report_from_the_rollup_equals_the_report_from_every_pledge()
    {
        // The monthly report reads the month's pledges and only sums of the time before it: from the roll-up for the
        // current state, summed from the versions with --as-of. Both must say what a report built from every pledge
        // in memory says.
        var cli = await CliRunner.CreateAsync(pg, _dir);
        await using (var db = await Storage.LedgerDatabase.OpenAsync(cli.Location, migrate: true, CancellationToken.None))
        {
            var rng = new Random(11);
            string[] donors = ["DE", "FR", "GB", "US", "PL"];
            string[] currencies = ["EUR", "USD", "GBP"];
            var pledges = new List<Core.Pledge>();
            for (var i = 0; i < 400; i++)
            {
                var date = rng.Next(12) == 0 ? (DateOnly?)null : new DateOnly(2024, 1, 1).AddDays(rng.Next(182));
                var status = (Core.PledgeStatus)rng.Next(4);
                var period = (Core.Period)rng.Next(3);
                pledges.Add(rng.Next(3) == 0
                    ? new Core.Pledge
                    {
                        DonorCode = donors[rng.Next(donors.Length)],
                        Kind = Core.PledgeKind.Equipment,
                        SystemId = Core.ReferenceData.Systems[rng.Next(5)].Id,
                        Quantity = rng.Next(5) == 0 ? null : rng.Next(1, 30),
                        AnnouncedOn = date,
                        Status = status,
                    }
                    : new Core.Pledge
                    {
                        DonorCode = donors[rng.Next(donors.Length)],
                        Kind = Core.PledgeKind.Money,
                        Amount = rng.Next(1, 900) * 1_000_000.5m,
                        Currency = currencies[rng.Next(currencies.Length)],
                        Period = period,
                        Years = period == Core.Period.MultiYear ? 3 : null,
                        AnnouncedOn = date,
                        Status = status,
                    });
            }
            var ids = await new Storage.BulkStore(db).AddAllAsync(pledges, CancellationToken.None);
            var store = new Storage.PledgeStore(db);
            foreach (var id in ids.Where((_, i) => i % 37 == 0)) await store.AppendVersionAsync(id, p => p with { Retracted = true }, "test", CancellationToken.None);
            await new Storage.RateStore(db).AddAsync(
                [.. Enumerable.Range(0, 120).Select(d => new Storage.RateRecord(new DateOnly(2024, 1, 1).AddDays(d), "USD", 1.07m + (d % 9) / 100m))], "test", CancellationToken.None);
        }

        foreach (var month in new[] { "2024-01", "2024-04", "2024-06", "2024-09", "2023-12" })
        {
            string[] args = ["report", "monthly", "--month", month, "--format", "json", "--generated-at", "2024-07-01T00:00:00Z"];
            var (exit1, out1, err1) = await cli.RunAsync([.. args, "--out", Path.Combine(_dir, "rollup.json")]);
            Assert.True(exit1 == 0, err1);
            var (exit2, out2, err2) = await cli.RunAsync([.. args, "--out", Path.Combine(_dir, "all.json"), "--as-of", "2099-01-01"]);
            Assert.True(exit2 == 0, err2);
            var fromRollup = Normalise(File.ReadAllText(out1.Trim()));
            var fromVersions = Normalise(File.ReadAllText(out2.Trim()));
            var fromAll = Normalise(await EveryPledgeMonthlyJsonAsync(cli, month));
            Assert.True(fromAll == fromRollup, $"{month}, roll-up:\n{fromAll}\n---\n{fromRollup}");
            Assert.True(fromAll == fromVersions, $"{month}, as of:\n{fromAll}\n---\n{fromVersions}");
            if (month == "2024-04")
            {
                var body = JsonDocument.Parse(fromRollup).RootElement.GetProperty("body");
                Assert.True(body.GetProperty("totals").GetArrayLength() == 5, "every donor has totals up to April");
                Assert.True(body.GetProperty("cumulative_eur").GetArrayLength() >= 4, "the cumulative chart runs from January");
            }
        }
    }

    [Fact]
    public async Task Monthly_report_as_of_a_past_time_is_the_report_made_then()
    {
        var cli = await LedgerWithPledgesAsync();
        string[] args = ["report", "monthly", "--month", "2024-06", "--format", "json", "--generated-at", "2024-07-01T00:00:00Z"];
        var (exit, then, err) = await cli.RunAsync([.. args, "--out", Path.Combine(_dir, "then.json")]);
        Assert.True(exit == 0, err);
        var thenJson = Normalise(File.ReadAllText(then.Trim()));
        await Task.Delay(50);
        var cut = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(50);

        // After the cut: a May pledge (before the month: only in the sums) is corrected and a rate arrives; a June one is retracted.
        var (_, listed, _) = await cli.RunAsync("list", "--format", "json");
        var ids = JsonDocument.Parse(listed).RootElement.EnumerateArray().Where(r => r.GetProperty("kind").GetString() == "money")
            .ToDictionary(r => r.GetProperty("donor").GetString() + r.GetProperty("date").GetString(), r => r.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, (await cli.RunAsync("amend", ids["FR2024-05-10"], "--amount", "300m", "--reason", "corrected")).Exit);
        Assert.Equal(0, (await cli.RunAsync("retract", ids["SK2024-06-10"], "--reason", "double count")).Exit);
        await PostgresFixture.ExecAsync(cli.Location.ConnectionString!,
            "INSERT INTO fx_rates (rate_date, currency, units_per_eur) VALUES ('2024-06-01', 'AUD', 1.63)");

        (exit, var now, err) = await cli.RunAsync([.. args, "--out", Path.Combine(_dir, "now.json")]);
        Assert.True(exit == 0, err);
        Assert.NotEqual(thenJson, Normalise(File.ReadAllText(now.Trim())));
        (exit, var asOf, err) = await cli.RunAsync([.. args, "--out", Path.Combine(_dir, "as-of.json"), "--as-of", cut]);
        Assert.True(exit == 0, err);
        Assert.Equal(thenJson, Normalise(File.ReadAllText(asOf.Trim())));
    }

    /// <summary>The monthly report built in memory from every pledge up to the month's end (no sums).</summary>
    private async Task<string> EveryPledgeMonthlyJsonAsync(CliRunner cli, string month)
    {
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await using var db = await Storage.LedgerDatabase.OpenAsync(cli.Location, migrate: true, CancellationToken.None);
        var store = new Storage.PledgeStore(db);
        var views = await store.ReportViewsAsync(new Storage.PledgeFilter { To = first.AddMonths(1).AddDays(-1), KeepUndated = true }, CancellationToken.None);
        var documents = await store.DocumentsAsync(null, CancellationToken.None);
        var at = DateTimeOffset.Parse("2024-07-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var report = Reporting.ReportBuilder.Monthly(new Reporting.ReportInput(views, documents, at, at, "Aid pledges to Ukraine"), first.Year, first.Month);
        var path = Path.Combine(_dir, "every-pledge.json");
        Reporting.ReportWriter.WriteJson(report, path);
        return File.ReadAllText(path);
    }

    /// <summary>The report JSON without its as-of time, numbers rounded to cents (sums in SQL and in C# differ below that).</summary>
    private static string Normalise(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        node.AsObject().Remove("as_of");
        return Round(node)!.ToJsonString();

        static System.Text.Json.Nodes.JsonNode? Round(System.Text.Json.Nodes.JsonNode? n)
        {
            switch (n)
            {
                case System.Text.Json.Nodes.JsonObject o:
                    foreach (var key in o.Select(kv => kv.Key).ToList()) o[key] = Round(o[key]?.DeepClone());
                    return o;
                case System.Text.Json.Nodes.JsonArray a:
                    for (var i = 0; i < a.Count; i++) a[i] = Round(a[i]?.DeepClone());
                    return a;
                case System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                    // Rounded to cents and without trailing zeros: the same number, whatever scale its sum came with.
                    return System.Text.Json.Nodes.JsonValue.Create(Math.Round(v.GetValue<decimal>(), 2) / 1.000000000000000000000000000000000m);
                default:
                    return n;
            }
        }
    }
}
