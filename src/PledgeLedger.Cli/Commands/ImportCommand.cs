using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using PledgeLedger.Core;
using PledgeLedger.Import;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary>
/// <c>pledge import csv FILE --map ... | --rules NAME</c>: pledges from a tracker's CSV through a column mapping
/// (hledger's CSV rules are the model). Every good row is written in one transaction with the file as a document;
/// every pledge's source is FILE:LINE. Bad rows are reported one line each and counted; rows of amount 0 are
/// skipped and counted. The same file (same bytes) is imported once.
/// </summary>
internal static class ImportCommand
{
    /// <summary>How many skipped (amount 0) rows are listed without --verbose.</summary>
    private const int SkippedShown = 5;

    public static Command Create(CliApp app)
    {
        var cmd = new Command("import", "Import pledges from files (csv: a tracker's CSV through a column mapping)");
        cmd.Subcommands.Add(Csv(app));
        return cmd;
    }

    private static Command Csv(CliApp app)
    {
        var file = new Argument<string>("FILE") { Description = "The CSV file" };
        var map = new Option<string?>("--map") { Description = "Inline mapping: donor=COL,date=COL,amount=COL,currency=CODE|COL,kind=...,status=COL,... (see the README, Imports)" };
        var rules = new Option<string?>("--rules") { Description = "A saved mapping by name ($PLEDGE_HOME/rules/NAME.rules) or a built-in one: kiel-bilateral, kiel-weapons, oryx" };
        var saveRules = new Option<string?>("--save-rules") { Description = "Save the mapping as NAME for --rules NAME (letters, digits, '-', '_')" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read, map and report; write nothing" };
        var format = new Option<string>("--format", "-f") { Description = "The summary as table (one line, default), json or csv", DefaultValueFactory = _ => "table" };
        var cmd = new Command("csv", "Import a CSV: exit 0 all rows imported (or already imported), 1 some rows rejected (the good ones imported), 2 file or mapping refused (nothing written)");
        cmd.Arguments.Add(file);
        foreach (var o in new Option[] { map, rules, saveRules, dryRun, format }) cmd.Options.Add(o);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var path = Files.Existing(ctx, "FILE", parse.GetValue(file));
            var name = Path.GetFileName(path);
            var store = new MappingStore(Path.Combine(ctx.Location.Home, "rules"));
            var mapping = ResolveMapping(ctx, store, parse.GetValue(map), parse.GetValue(rules), parse.GetValue(saveRules));
            if (mapping is null) return ExitCodes.BadInput;
            var dry = parse.GetValue(dryRun);

            var bytes = await File.ReadAllBytesAsync(path, ct);
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var db = await ctx.LedgerAsync(ct);
            if (await new IngestStore(db).IsKnownAsync(hash, ct)) return AlreadyImported(ctx, fmt, name);

            string text;
            using (var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true)) text = await reader.ReadToEndAsync(ct);
            var result = CsvImporter.Import(new StringReader(text), name, mapping, ctx.Donors, ctx.Systems);
            var refusal = result.Problems.Where(IsRefusal).ToList();
            if (refusal.Count > 0)
            {
                foreach (var p in refusal) ctx.Error.WriteLine(p.ToString());
                ctx.Error.WriteLine($"{name}: refused, nothing imported");
                return ExitCodes.BadInput;
            }
            if (parse.GetValue(saveRules) is { } saveName && !dry)
            {
                try
                {
                    ctx.Info($"mapping saved as '{saveName}': {store.Save(saveName, mapping)} (use --rules {saveName})");
                }
                catch (ArgumentException e)
                {
                    throw new UserInputException("--save-rules: " + e.Message);
                }
            }

            var plan = ImportPlan.Build(result, text, name, ctx.Systems);
            foreach (var p in plan.Rejected) ctx.Error.WriteLine(p.ToString());
            var shown = ctx.Verbose ? plan.Skipped.Count : Math.Min(SkippedShown, plan.Skipped.Count);
            foreach (var p in plan.Skipped.Take(shown)) ctx.Error.WriteLine(p.ToString());
            if (shown < plan.Skipped.Count) ctx.Error.WriteLine($"{name}: ... and {plan.Skipped.Count - shown} more rows of amount 0 skipped (--verbose lists them)");

            var written = 0;
            if (!dry && plan.Pledges.Count > 0)
            {
                var outcome = await new ImportStore(db).ImportAsync(
                    new DocumentRecord(hash, name, path, $"{name} imported with mapping {mapping.Name}", null, "csv", text), plan.Pledges, ct);
                if (outcome.AlreadyImported) return AlreadyImported(ctx, fmt, name);
                written = outcome.PledgeIds.Count;
            }
            var adjustments = plan.Pledges.Count(p => p.Pledge.Amount < 0);
            if (fmt != OutputFormat.Table)
            {
                var row = Summary(name, false, dry).Set("rows_read", result.RowsRead).Set("imported_rows", plan.ImportedRows)
                    .Set("pledges", plan.Pledges.Count).Set("adjustments", adjustments).Set("skipped_rows", plan.SkippedRows)
                    .Set("rejected_rows", plan.RejectedRows).Set("written", written)
                    .Set("problems", plan.Rejected.Select(p => new Row().Set("line", p.Line).Set("field", p.Field).Set("code", p.Code).Set("message", p.ToString())).ToList());
                Output.Write(ctx, fmt, SummaryColumns, [row]);
                return plan.RejectedRows > 0 ? ExitCodes.PartlyFailed : ExitCodes.Ok;
            }
            ctx.Out.WriteLine($"{name}: rows read {result.RowsRead}, imported {plan.ImportedRows}"
                + (plan.Pledges.Count != plan.ImportedRows ? $" ({plan.Pledges.Count} pledges)" : "")
                + (adjustments > 0 ? $" including {adjustments} adjustment(s) (negative: the source's own corrections)" : "")
                + $", skipped {plan.SkippedRows} (amount 0), rejected {plan.RejectedRows}"
                + (dry ? " [dry run: nothing written]" : plan.Pledges.Count == 0 ? " [nothing written]" : $" [{written} pledges written in one transaction]"));
            return plan.RejectedRows > 0 ? ExitCodes.PartlyFailed : ExitCodes.Ok;
        });
        return cmd;
    }

    private static readonly string[] SummaryColumns =
        ["file", "already_imported", "dry_run", "rows_read", "imported_rows", "pledges", "adjustments", "skipped_rows", "rejected_rows", "written", "problems"];

    private static Row Summary(string file, bool alreadyImported, bool dryRun) =>
        new Row().Set("file", file).Set("already_imported", alreadyImported).Set("dry_run", dryRun);

    private static int AlreadyImported(CliContext ctx, OutputFormat fmt, string name)
    {
        if (fmt == OutputFormat.Table) ctx.Out.WriteLine($"{name}: already imported (a file with the same content is in the ledger); nothing changed");
        else Output.Write(ctx, fmt, SummaryColumns, [Summary(name, true, false).Set("written", 0)]);
        return ExitCodes.Ok;
    }

    private static ImportMapping? ResolveMapping(CliContext ctx, MappingStore store, string? inline, string? rulesName, string? saveName)
    {
        if ((inline is null) == (rulesName is null))
            throw new UserInputException("--map/--rules: give one: --map donor=COL,amount=COL,... or --rules NAME (built-in: kiel-bilateral, kiel-weapons, oryx)");
        var resolved = inline is not null ? ImportMapping.Parse(inline, saveName ?? "command-line") : store.Load(rulesName!.Trim());
        if (resolved.Mapping is not null) return resolved.Mapping;
        foreach (var p in resolved.Problems) ctx.Error.WriteLine(p.ToString());
        ctx.Error.WriteLine("mapping refused, nothing imported");
        return null;
    }

    /// <summary>Problems that refuse the whole file: nothing is written then.</summary>
    private static bool IsRefusal(ImportProblem p) =>
        p.Code is ImportMessages.MissingColumn or ImportMessages.FileUnreadable or ImportMessages.BadMappingSyntax
        || (p.Code == ImportMessages.BadRow && p.Message.StartsWith("unreadable CSV", StringComparison.Ordinal));
}

/// <summary>
/// What an import will write: the good rows as pledges with their evidence line, the rows skipped (amount 0: the
/// ledger stores no zero pledges) and the rows rejected (with the ledger's own constraints checked here, so one bad
/// row never refuses the whole transaction).
/// </summary>
internal sealed class ImportPlan
{
    public List<ImportedPledge> Pledges { get; } = [];
    public List<ImportProblem> Skipped { get; } = [];
    public List<ImportProblem> Rejected { get; } = [];
    public int ImportedRows { get; private set; }
    public int SkippedRows { get; private set; }
    public int RejectedRows { get; private set; }

    public static ImportPlan Build(ImportResult result, string text, string file, SystemCatalog systems)
    {
        var plan = new ImportPlan();
        var lines = LineIndex(text);
        var categories = systems.All.Select(s => s.Category).ToHashSet(StringComparer.Ordinal);
        var rejectedLines = new HashSet<int>();
        var skippedLines = new HashSet<int>();
        foreach (var g in result.Problems.GroupBy(p => p.Line))
        {
            if (g.All(p => p.Code == ImportMessages.ZeroAmount))
            {
                skippedLines.Add(g.Key);
                plan.Skipped.AddRange(g);
            }
            else
            {
                rejectedLines.Add(g.Key);
                plan.Rejected.AddRange(g);
            }
        }
        foreach (var row in result.Rows.GroupBy(r => r.Line))
        {
            var candidates = new List<ImportedPledge>();
            var problems = new List<ImportProblem>();
            var zero = false;
            foreach (var r in row)
            {
                var p = r.Pledge;
                if (p.Kind == PledgeKind.Money && p.Amount == 0)
                {
                    zero = true;
                    continue;
                }
                // Source is always FILE:LINE; a source the mapping names (Oryx's proof link) moves into the note.
                var where = $"{r.File}:{r.Line}";
                var note = p.Source is { } s && s != where ? Join(p.Note, "source: " + s) : p.Note;
                var stated = p.Kind == PledgeKind.Equipment && r.StatedValueEur > 0 ? r.StatedValueEur : p.StatedValueEur;
                var pledge = p with { Source = where, Note = note, StatedValueEur = stated, Confidence = 1m };
                if (Check(r, pledge, categories) is { } problem)
                {
                    problems.Add(problem);
                    continue;
                }
                candidates.Add(new ImportedPledge(pledge, Evidence(text, lines, r.Line)));
            }
            // A value the source states for a whole row of several systems sits on the first one; the others get 0
            // ("stated together"), so in-kind totals count the row's value once and add no catalog estimate on top.
            if (candidates.Count > 1 && candidates[0].Pledge.StatedValueEur > 0)
            {
                for (var i = 1; i < candidates.Count; i++)
                {
                    if (candidates[i].Pledge.Kind == PledgeKind.Equipment && candidates[i].Pledge.StatedValueEur is null)
                        candidates[i] = candidates[i] with { Pledge = candidates[i].Pledge with { StatedValueEur = 0m } };
                }
            }
            if (problems.Count > 0)
            {
                // One bad pledge of a row rejects the row (a weapons-list row is one statement).
                rejectedLines.Add(row.Key);
                plan.Rejected.AddRange(problems);
            }
            else if (candidates.Count > 0)
            {
                plan.Pledges.AddRange(candidates);
                plan.ImportedRows++;
            }
            else if (zero)
            {
                skippedLines.Add(row.Key);
                plan.Skipped.Add(ImportMessages.ZeroAmountProblem(file, row.Key, "amount"));
            }
        }
        plan.RejectedRows = rejectedLines.Count;
        plan.SkippedRows = skippedLines.Count;
        plan.Rejected.Sort((a, b) => a.Line.CompareTo(b.Line));
        plan.Skipped.Sort((a, b) => a.Line.CompareTo(b.Line));
        return plan;
    }

    /// <summary>
    /// The ledger's rules (<see cref="PledgeRules"/>) and catalog that the mapping cannot see, as row problems: the
    /// first one found. A missing equipment category is said as a category problem (with how to map one).
    /// </summary>
    private static ImportProblem? Check(ImportedRow r, Pledge p, HashSet<string> categories)
    {
        var broken = PledgeRules.Check(p);
        if (broken.FirstOrDefault(v => v.Rule != PledgeRule.MoneyOrEquipment) is { } v)
            return ImportMessages.BadValueProblem(r.File, r.Line, v.Field, v.Value, v.Expected);
        if (p.Kind == PledgeKind.Equipment && p.SystemId is null && (p.Category is null || !categories.Contains(p.Category)))
            return ImportMessages.BadValueProblem(r.File, r.Line, "category", p.Category ?? "",
                $"a catalog system or equipment category ({string.Join(", ", categories.Order(StringComparer.Ordinal))}); map it with category=COL{{From:to,...}}");
        if (p.Kind == PledgeKind.Equipment && p.SystemId is not null && p.Category is not null && !categories.Contains(p.Category))
            return ImportMessages.BadValueProblem(r.File, r.Line, "category", p.Category, "an equipment category");
        return broken.Count > 0 ? ImportMessages.BadValueProblem(r.File, r.Line, broken[0].Field, broken[0].Value, broken[0].Expected) : null;
    }

    private static string Join(string? a, string b) => string.IsNullOrEmpty(a) ? b : a + "; " + b;

    private static List<int> LineIndex(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') starts.Add(i + 1);
        }
        return starts;
    }

    private static EvidenceRecord Evidence(string text, List<int> starts, int line)
    {
        if (line < 1 || line > starts.Count) return new EvidenceRecord(0, 0, Math.Max(1, line), "");
        var start = starts[line - 1];
        var end = line < starts.Count ? starts[line] - 1 : text.Length;
        while (end > start && text[end - 1] is '\r' or '\n') end--;
        return new EvidenceRecord(start, end, line, text[start..end]);
    }
}
