using System.CommandLine;
using System.Globalization;
using PledgeLedger.Core;
using PledgeLedger.Import;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary>
/// <c>pledge reconcile kiel COUNTRY_SUMMARY.csv</c>: per donor, our EUR total (current pledges) beside the Kiel
/// tracker's, the difference, and the pledges that explain it. Measures: allocation = allocated + delivered;
/// commitment = pledged + allocated + delivered (in the ledger a pledge that is allocated was first committed).
/// Like Kiel's summary, the European Investment Bank is counted under EU institutions.
/// </summary>
internal static class ReconcileCommand
{
    private static readonly string[] Columns =
        ["donor", "donor_name", "ours_eur", "tracker_eur", "difference_eur", "difference_pct", "within_tolerance", "explaining", "hint"];

    /// <summary>Donors Kiel's country summary counts under another line: the EIB under EU institutions.</summary>
    private static readonly IReadOnlyDictionary<string, string> KielGrouping = new Dictionary<string, string>(StringComparer.Ordinal) { ["EIB"] = "EU" };

    public static Command Create(CliApp app)
    {
        var cmd = new Command("reconcile", "Check the ledger against a public tracker's own totals");
        cmd.Subcommands.Add(Kiel(app));
        return cmd;
    }

    private static Command Kiel(CliApp app)
    {
        var file = new Argument<string>("COUNTRY_SUMMARY") { Description = "Kiel's per-donor summary (country_summary.csv: land, total_allocation, total_commitment in EUR bn)" };
        var measure = new Option<string>("--measure") { Description = "allocation (allocated+delivered, default) or commitment (pledged+allocated+delivered)", DefaultValueFactory = _ => "allocation" };
        var tolerance = new Option<decimal>("--tolerance") { Description = "Tolerance in % of the tracker's value (default 0.5)", DefaultValueFactory = _ => Reconciler.DefaultTolerancePct };
        var format = CliApp.FormatOption();
        var cmd = new Command("kiel", "Per donor: our EUR total beside the Kiel tracker's, the difference, and the pledges that explain it");
        cmd.Arguments.Add(file);
        foreach (var o in new Option[] { measure, tolerance, format }) cmd.Options.Add(o);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var path = Files.Existing(ctx, "COUNTRY_SUMMARY", parse.GetValue(file));
            var m = (parse.GetValue(measure) ?? "allocation").Trim().ToLowerInvariant() switch
            {
                "allocation" or "allocations" => KielMeasure.Allocation,
                "commitment" or "commitments" => KielMeasure.Commitment,
                var s => throw new UserInputException($"--measure: '{s}' is not a measure (allocation or commitment)"),
            };
            var tol = parse.GetValue(tolerance);
            if (tol is < 0 or > 100) throw new UserInputException("--tolerance: a percentage between 0 and 100");

            var views = await new PledgeStore(await ctx.LedgerAsync(ct)).ReportViewsAsync(new PledgeFilter(), ct);
            var unconverted = views.Count(v => v.Pledge.Kind == PledgeKind.Money && v.Pledge.CountsForDonor && v.Eur is null && v.Pledge.Amount is not null);
            var noFigure = views.Count(v => v.Pledge.Kind == PledgeKind.Money && v.Pledge.CountsForDonor && v.Pledge.Amount is null);
            var ours = views.Where(v => v.Pledge.CountsForDonor && v.Pledge.Kind == PledgeKind.Money && v.Eur is not null).Select(v => new ReconcileInput(
                KielGrouping.GetValueOrDefault(v.Pledge.DonorCode, v.Pledge.DonorCode),
                // The ledger's commitment: anything promised, whatever it became (Reconciler counts "pledged").
                m == KielMeasure.Commitment ? PledgeStatus.Pledged : v.Pledge.Status,
                v.Pledge.AidType, v.Eur!.Value,
                $"#{v.Pledge.Id} {v.Pledge.Source}" + (KielGrouping.ContainsKey(v.Pledge.DonorCode) ? $" ({v.Pledge.DonorCode})" : "")));
            var result = Reconciler.ReconcileKiel(path, ours.ToList(), m, ctx.Donors, tol);
            var refused = result.Problems.Where(p => p.Code is ImportMessages.MissingColumn or ImportMessages.FileUnreadable).ToList();
            foreach (var p in result.Problems) ctx.Error.WriteLine(p.ToString());
            if (refused.Count > 0)
            {
                ctx.Error.WriteLine($"{Path.GetFileName(path)}: not a Kiel country summary; nothing reconciled");
                return ExitCodes.BadInput;
            }

            var rows = result.Rows.Select(r => new Row()
                .Set("donor", r.DonorCode).Set("donor_name", r.DonorName)
                .Set("ours_eur", FxTable.RoundEur(r.OursEur)).Set("tracker_eur", r.TrackerEur is { } t ? FxTable.RoundEur(t) : null)
                .Set("difference_eur", FxTable.RoundEur(r.DifferenceEur))
                .Set("difference_pct", r.DifferencePct is { } pct ? Math.Round(pct, 3) : null)
                .Set("within_tolerance", r.WithinTolerance)
                .Set("explaining", r.Explaining.Select(e => new Row().Set("reference", e.Reference).Set("eur", FxTable.RoundEur(e.Eur)).Set("why", e.Why)).ToList())
                .Set("hint", r.Hint)).ToList();
            var title = $"reconcile with Kiel ({m.ToString().ToLowerInvariant()}, tolerance {tol.ToString(CultureInfo.InvariantCulture)} %): {result.WithinTolerance} of {result.TrackerDonors} tracker donors within tolerance";
            Output.Write(ctx, fmt, Columns, rows, title: title,
                tableColumns: new HashSet<string>(["donor", "donor_name", "ours_eur", "tracker_eur", "difference_eur", "difference_pct", "within_tolerance"]));
            if (fmt == OutputFormat.Table)
            {
                foreach (var r in result.Outside)
                {
                    ctx.Out.WriteLine($"{r.DonorCode} ({r.DonorName}) differs by EUR {FxTable.RoundEur(r.DifferenceEur).ToString("#,0.00", CultureInfo.InvariantCulture)}:");
                    if (r.Hint is not null) ctx.Out.WriteLine("  hint: " + r.Hint);
                    foreach (var e in r.Explaining) ctx.Out.WriteLine($"  {e.Reference}: EUR {FxTable.RoundEur(e.Eur).ToString("#,0.00", CultureInfo.InvariantCulture)} ({e.Why})");
                }
            }
            ctx.Info(title);
            ctx.Info("(the EIB is counted under EU institutions, as in Kiel's summary)");
            if (noFigure > 0) ctx.Info($"{noFigure} money pledge(s) state no figure and are in no sum (`pledge list --kind money` shows them as 'amount not stated')");
            if (unconverted > 0) ctx.Warn($"{unconverted} money pledge(s) have no EUR rate for their date (or no date) and are left out; import rates with `pledge rates import`");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
