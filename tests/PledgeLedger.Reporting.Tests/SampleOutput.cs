
namespace PledgeLedger.Reporting.Tests;

/// <summary>Writes sample reports for looking at (PLEDGE_SAMPLE_DIR=dir dotnet test ...); does nothing otherwise.</summary>
public class SampleOutput
{
    [Fact]
    public void Write_samples_when_asked()
    {
        var dir = Environment.GetEnvironmentVariable("PLEDGE_SAMPLE_DIR");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        var ten = Samples.Ten();
        ReportWriter.WritePdf(ReportBuilder.Monthly(ten, 2024, 3), Path.Combine(dir, "monthly-10.pdf"), PaperSize.A4);
        ReportWriter.WriteCsv(ReportBuilder.Monthly(ten, 2024, 3), Path.Combine(dir, "monthly-10.csv"));
        ReportWriter.WritePdf(ReportBuilder.Monthly(ten, 2021, 1), Path.Combine(dir, "monthly-empty.pdf"), PaperSize.A4);
        ReportWriter.WritePdf(ReportBuilder.Summary(ten, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), null, SummaryGrouping.Date), Path.Combine(dir, "summary-10.pdf"), PaperSize.Letter);
        ReportWriter.WritePdf(ReportBuilder.Ally(ten, "DE", null, null), Path.Combine(dir, "ally-de.pdf"), PaperSize.A4);
        var many = Samples.Many(10_000, new DateOnly(2024, 3, 1));
        ReportWriter.WritePdf(ReportBuilder.Monthly(many, 2024, 3), Path.Combine(dir, "monthly-10000.pdf"), PaperSize.A4);
    }
}
