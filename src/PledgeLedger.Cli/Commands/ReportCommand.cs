using System.CommandLine;
using System.Text;
using PledgeLedger.Reporting;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary>
/// <c>pledge report monthly|summary|ally</c>: the ledger's reports as PDF, with the same numbers as CSV and JSON.
/// Reports read the ledger as of a time (default now), so a report can be made again byte for byte.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliApp app)
    {
        var cmd = new Command("report", "Write a report (PDF, CSV or JSON): monthly, summary by country or date, or one ally's record");
        cmd.Subcommands.Add(Monthly(app));
        cmd.Subcommands.Add(Summary(app));
        cmd.Subcommands.Add(Ally(app));
        return cmd;
    }

    private static Command Monthly(CliApp app)
    {
        var month = new Option<string?>("--month") { Description = "The month, YYYY-MM", Required = true };
        var common = new CommonOptions();
        var cmd = new Command("monthly", "The monthly pledge report: what happened this month, charts, totals per ally, sources");
        cmd.Options.Add(month);
        common.AddTo(cmd);
        cmd.SetAction(async (parse, ct) =>
        {
            var first = Inputs.Month("--month", parse.GetValue(month));
            // The month, the months before it (previous month, cumulative chart, totals so far) and undated pledges.
            // The month's pledges are read one by one; of the time before it only sums are needed, which the
            // database gives without sending those pledges (the roll-up for the current state, a SQL sum --as-of).
            var scope = new PledgeFilter { To = first.AddMonths(1).AddDays(-1), KeepUndated = true };
            var path = await common.RunAsync(app.Context, parse, $"monthly-{first:yyyy-MM}", scope, input => ReportBuilder.Monthly(input, first.Year, first.Month), ct,
                sumsBefore: first);
            if (path is not null) app.Context.Out.WriteLine(path);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Summary(CliApp app)
    {
        var from = new Option<string?>("--from") { Description = "First day, YYYY-MM-DD", Required = true };
        var to = new Option<string?>("--to") { Description = "Last day, YYYY-MM-DD", Required = true };
        var donors = new Option<string[]>("--donor") { Description = "Only these donors (repeat or comma-separate)", AllowMultipleArgumentsPerToken = true };
        var by = new Option<string>("--by") { Description = "country (default) or date", DefaultValueFactory = _ => "country" };
        var common = new CommonOptions();
        var cmd = new Command("summary", "A summary over a date range, by country or by date");
        cmd.Options.Add(from);
        cmd.Options.Add(to);
        cmd.Options.Add(donors);
        cmd.Options.Add(by);
        common.AddTo(cmd);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var f = Inputs.Date("--from", parse.GetValue(from))!.Value;
            var t = Inputs.Date("--to", parse.GetValue(to))!.Value;
            Inputs.CheckRange(f, t);
            var grouping = (parse.GetValue(by) ?? "country").ToLowerInvariant() switch
            {
                "country" or "donor" => SummaryGrouping.Country,
                "date" or "month" => SummaryGrouping.Date,
                var other => throw new UserInputException($"--by: '{other}' is not a grouping (country or date)"),
            };
            var codes = Inputs.Split(parse.GetValue(donors)).Select(d => Inputs.DonorCode(ctx, "--donor", d)).Distinct().ToList();
            var name = $"summary-{f:yyyy-MM-dd}_{t:yyyy-MM-dd}" + (codes.Count > 0 ? "-" + string.Join("-", codes) : "")
                + (grouping == SummaryGrouping.Date ? "-by-date" : "");
            var scope = new PledgeFilter { From = f, To = t, KeepUndated = true, Donors = codes.Count > 0 ? codes : null };
            var path = await common.RunAsync(ctx, parse, name, scope, input => ReportBuilder.Summary(input, f, t, codes.Count > 0 ? codes : null, grouping), ct);
            if (path is not null) ctx.Out.WriteLine(path);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Ally(CliApp app)
    {
        var donor = new Argument<string>("DONOR") { Description = "The donor: name, ISO alpha-2 or alpha-3, or registry code" };
        var from = new Option<string?>("--from") { Description = "First day, YYYY-MM-DD" };
        var to = new Option<string?>("--to") { Description = "Last day, YYYY-MM-DD" };
        var common = new CommonOptions();
        var cmd = new Command("ally", "One donor's full record");
        cmd.Arguments.Add(donor);
        cmd.Options.Add(from);
        cmd.Options.Add(to);
        common.AddTo(cmd);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var code = Inputs.DonorCode(ctx, "DONOR", parse.GetValue(donor));
            var f = Inputs.Date("--from", parse.GetValue(from));
            var t = Inputs.Date("--to", parse.GetValue(to));
            Inputs.CheckRange(f, t);
            var name = $"ally-{code}" + (f is not null || t is not null ? $"-{f:yyyy-MM-dd}_{t:yyyy-MM-dd}" : "");
            var scope = new PledgeFilter { Donors = [code], From = f, To = t, KeepUndated = true };
            var path = await common.RunAsync(ctx, parse, name, scope, input => ReportBuilder.Ally(input, code, f, t), ct);
            if (path is not null) ctx.Out.WriteLine(path);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>Options every report takes, and the common run: load as of, build, write atomically.</summary>
    private sealed class CommonOptions
    {
        private readonly Option<string?> _out = new("--out", "-o") { Description = "Output file, or - for standard output (default reports/<kind>-<period>.<format>); a symbolic link is written through, anything but a regular file is refused, the directory must exist" };
        private readonly Option<string> _format = new("--format", "-f") { Description = "pdf (default), csv or json", DefaultValueFactory = _ => "pdf" };
        private readonly Option<string?> _asOf = new("--as-of") { Description = "Report the ledger as it stood at this time" };
        private readonly Option<string> _paper = new("--paper") { Description = "a4 (default) or letter", DefaultValueFactory = _ => "a4" };
        private readonly Option<string?> _generatedAt = new("--generated-at") { Description = "The timestamp printed and stored in the PDF (default now); with the same ledger state gives the same bytes" };

        public void AddTo(Command cmd)
        {
            cmd.Options.Add(_out);
            cmd.Options.Add(_format);
            cmd.Options.Add(_asOf);
            cmd.Options.Add(_paper);
            cmd.Options.Add(_generatedAt);
        }

        /// <summary>Loads what the report needs (<paramref name="scope"/>: only the pledges it can show), builds it, writes it.</summary>
        /// <returns>The file written; null when the report went to standard output.</returns>
        /// <remarks><paramref name="sumsBefore"/>: see <see cref="ReportStore.LoadAsync"/>.</remarks>
        public async Task<string?> RunAsync(CliContext ctx, ParseResult parse, string name, PledgeFilter scope, Func<ReportInput, IReport> build, CancellationToken ct,
            DateOnly? sumsBefore = null)
        {
            // Without --format, an --out file's extension says it (x.csv is CSV, not PDF bytes under a .csv name).
            var outExtension = Path.GetExtension(parse.GetValue(_out) ?? "").TrimStart('.').ToLowerInvariant();
            var formatGiven = parse.GetResult(_format) is { Implicit: false };
            var format = (formatGiven || outExtension is not ("pdf" or "csv" or "json") ? parse.GetValue(_format) ?? "pdf" : outExtension).ToLowerInvariant();
            if (format is not ("pdf" or "csv" or "json")) throw new UserInputException($"--format: '{format}' is not a report format (pdf, csv or json)");
            var paper = (parse.GetValue(_paper) ?? "a4").ToLowerInvariant() switch
            {
                "a4" => PaperSize.A4,
                "letter" => PaperSize.Letter,
                var other => throw new UserInputException($"--paper: '{other}' is not a paper size (a4 or letter)"),
            };
            var now = ctx.Env.Clock.GetUtcNow();
            var asOf = Inputs.Timestamp("--as-of", parse.GetValue(_asOf));
            var generatedAt = Inputs.Timestamp("--generated-at", parse.GetValue(_generatedAt)) ?? now;
            var toStdout = parse.GetValue(_out) == "-";
            if (toStdout && format == "pdf" && ctx.Env.OutputIsTerminal)
            {
                throw new UserInputException("--out -: standard output is a terminal; a PDF goes to a file or a pipe (or use --format csv|json)");
            }
            string? path = null;
            if (!toStdout)
            {
                if (parse.GetValue(_out) is { Length: > 0 } o)
                {
                    path = Path.GetFullPath(o, ctx.Env.WorkingDirectory);
                }
                else
                {
                    // The default place is ours to make; a directory the user names must exist.
                    path = Path.Combine(ctx.Env.WorkingDirectory, "reports", $"{name}.{format}");
                    CreateDefaultDirectory(path);
                }
                CheckWritable(path);
            }

            var data = await new ReportStore(await ctx.LedgerAsync(ct)).LoadAsync(scope, asOf, sumsBefore, ct);
            var input = new ReportInput(data.Pledges, data.Documents, data.AsOf ?? generatedAt, generatedAt, "Aid pledges to Ukraine", data.Earlier);
            var report = build(input);
            if (path is null)
            {
                WriteToStandardOutput(ctx, report, format, paper);
                return null;
            }
            try
            {
                switch (format)
                {
                    case "csv": ReportWriter.WriteCsv(report, path); break;
                    case "json": ReportWriter.WriteJson(report, path); break;
                    default: ReportWriter.WritePdf(report, path, paper); break;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"--out: cannot write {path}: {e.Message}");
            }
            return path;
        }

        /// <summary>CSV and JSON go through the text output; a PDF's bytes straight to the standard output stream.</summary>
        private static void WriteToStandardOutput(CliContext ctx, IReport report, string format, PaperSize paper)
        {
            if (format == "pdf")
            {
                ctx.Out.Flush();
                using var stdout = ctx.Env.OpenStandardOutput();
                ReportWriter.Write(report, format, stdout, paper);
                return;
            }
            using var buffer = new MemoryStream();
            ReportWriter.Write(report, format, buffer, paper);
            ctx.Out.Write(new UTF8Encoding(false).GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            ctx.Out.Flush();
        }

        private static void CreateDefaultDirectory(string path)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"--out: cannot create {Path.GetDirectoryName(path)}: {e.Message}");
            }
        }

        /// <summary>
        /// Refuses, before any work is done, an output path that is not a regular file (or absent) once symbolic links
        /// are followed, whose directory is missing, or where no file can be created.
        /// </summary>
        private static void CheckWritable(string path)
        {
            string target;
            try
            {
                target = ReportWriter.ResolveTarget(path);
            }
            catch (ReportTargetException e)
            {
                throw new UserInputException($"--out: {e.Message}");
            }
            var dir = Path.GetDirectoryName(target) ?? ".";
            try
            {
                var probe = Path.Combine(dir, $".pledge-write-test-{Environment.ProcessId}");
                using (File.Create(probe, 1, FileOptions.DeleteOnClose))
                {
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"--out: cannot write to {dir}: {e.Message}");
            }
        }
    }
}
