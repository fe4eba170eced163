using System.Text.Json;
using PledgeLedger.Reporting.Export;

namespace PledgeLedger.Reporting.Tests;

public class ExportTests
{
    private static readonly MonthlyReport March = ReportBuilder.Monthly(Samples.Ten(), 2024, 3);

    [Fact]
    public void Csv_has_a_stable_snake_case_header_and_one_row_per_ally_total()
    {
        using var sw = new StringWriter();
        CsvExport.Write(March, sw);
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("section,key,donor_code,donor_name,pledge_id,date,kind,", lines[0], StringComparison.Ordinal);
        Assert.Equal(March.Body.Totals.Count, lines.Count(l => l.StartsWith("ally_total,", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("ally_total,,PL,Poland,", StringComparison.Ordinal) && l.Contains(",73000000.40,", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_is_the_model_in_snake_case_with_decimals_as_numbers()
    {
        using var ms = new MemoryStream();
        JsonExport.Write(March, ms);
        using var doc = JsonDocument.Parse(ms.ToArray());
        var root = doc.RootElement;
        Assert.Equal("monthly", root.GetProperty("kind").GetString());
        var headline = root.GetProperty("body").GetProperty("headline");
        Assert.Equal(JsonValueKind.Number, headline.GetProperty("eur").ValueKind);
        Assert.Equal(March.Body.Headline.OnceEur, headline.GetProperty("eur").GetDecimal());
        Assert.Equal(8_000_000_000m, headline.GetProperty("multi_year_eur").GetDecimal());
        var commitment = root.GetProperty("body").GetProperty("commitments")[0];
        Assert.Equal("multi_year", commitment.GetProperty("period").GetString());
    }

    [Fact]
    public void Writers_replace_the_target_file_atomically()
    {
        var dir = Directory.CreateTempSubdirectory("pledge-report-");
        try
        {
            var path = Path.Combine(dir.FullName, "out", "march.csv");
            // The directory is the caller's to make: a writer never creates one.
            Assert.Throws<ReportTargetException>(() => ReportWriter.WriteCsv(March, path));
            Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            ReportWriter.WriteCsv(March, path);
            ReportWriter.WriteCsv(March, path);
            ReportWriter.WriteJson(March, Path.ChangeExtension(path, ".json"));
            ReportWriter.WritePdf(March, Path.ChangeExtension(path, ".pdf"), PaperSize.A4);
            Assert.Equal(["march.csv", "march.json", "march.pdf"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).Order());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public void Writers_write_through_a_symlink_and_refuse_what_is_not_a_regular_file()
    {
        Skip.If(OperatingSystem.IsWindows() || !File.Exists("/dev/null"), "POSIX links and devices");
        var dir = Directory.CreateTempSubdirectory("pledge-report-");
        try
        {
            var target = Path.Combine(dir.FullName, "target.csv");
            var link = Path.Combine(dir.FullName, "link.csv");
            File.CreateSymbolicLink(link, target);
            ReportWriter.WriteCsv(March, link);
            Assert.NotNull(new FileInfo(link).LinkTarget);
            Assert.True(new FileInfo(target).Length > 0);
            Assert.Equal(["link.csv", "target.csv"], Directory.GetFiles(dir.FullName).Select(Path.GetFileName).Order());

            Assert.Throws<ReportTargetException>(() => ReportWriter.WriteCsv(March, "/dev/null"));
            Assert.Throws<ReportTargetException>(() => ReportWriter.WriteCsv(March, dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

public class ExportAgreementTests
{
    [Fact]
    public void Csv_and_json_carry_the_same_ally_totals_for_a_large_summary()
    {
        var report = ReportBuilder.Summary(Samples.Many(2_000, new DateOnly(2024, 3, 1)), new DateOnly(2022, 1, 1), new DateOnly(2026, 12, 31), null, SummaryGrouping.Country);
        using var sw = new StringWriter();
        CsvExport.Write(report, sw);
        using var csv = new CsvHelper.CsvReader(new StringReader(sw.ToString()), System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var fromCsv = new Dictionary<string, decimal>();
        while (csv.Read())
        {
            if (csv.GetField("section") == "ally_total") fromCsv[csv.GetField("donor_code")!] = decimal.Parse(csv.GetField("eur")!, System.Globalization.CultureInfo.InvariantCulture);
        }
        using var ms = new MemoryStream();
        JsonExport.Write(report, ms);
        using var json = JsonDocument.Parse(ms.ToArray());
        var fromJson = json.RootElement.GetProperty("body").GetProperty("totals").EnumerateArray()
            .ToDictionary(t => t.GetProperty("donor_code").GetString()!, t => t.GetProperty("eur").GetDecimal());
        Assert.Equal(fromCsv.OrderBy(kv => kv.Key), fromJson.OrderBy(kv => kv.Key));
        Assert.Equal(report.Body.Totals.Sum(t => t.OnceEur), report.Body.Groups.Sum(g => g.OnceEur));
    }
}
