using System.CommandLine;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary>
/// <c>pledge redate DOC --date D</c>: dates the undated pledges of one document at once (its dateline had no year,
/// say), each as a new version. Pledges that already have a date are left alone and named: `pledge amend` changes
/// one of those. Each pledge is its own transaction; running it again dates only what is still undated.
/// </summary>
internal static class RedateCommand
{
    public static Command Create(CliApp app)
    {
        var doc = new Argument<string>("DOC") { Description = "The document: its id (pledge show lists it under evidence) or the path/URL it was ingested from" };
        var date = new Option<string?>("--date") { Description = "The announcement date, YYYY-MM-DD", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why (kept with each version; default: the document's date)" };
        var cmd = new Command("redate", "Date the undated pledges of one document at once (a new version each)");
        cmd.Arguments.Add(doc);
        cmd.Options.Add(date);
        cmd.Options.Add(reason);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var day = Inputs.Date("--date", parse.GetValue(date))!.Value;
            var name = parse.GetValue(doc) ?? "";
            var db = await ctx.LedgerAsync(ct);
            var found = await DocumentPledges.FindAsync(db, name.Trim(), ct) ?? throw new UserInputException($"DOC: no document '{name}' in the ledger (an id, or the path/URL it was ingested from)");
            var why = parse.GetValue(reason) is { } r ? RetractCommand.Reason(r) : $"dated {day:yyyy-MM-dd} from document {found.DocumentId} ({found.Source})";
            var store = new PledgeStore(db);
            var dated = new List<long>();
            var already = new List<long>();
            foreach (var id in found.PledgeIds)
            {
                try
                {
                    await store.AppendVersionAsync(id, current =>
                    {
                        if (current.AnnouncedOn is not null || current.Retracted) throw new LeftAlone();
                        return current with { AnnouncedOn = day };
                    }, why, ct);
                    dated.Add(id);
                }
                catch (LeftAlone)
                {
                    already.Add(id);
                }
            }
            ctx.Out.WriteLine($"document {found.DocumentId} ({found.Source}): {Count(dated.Count)} dated {day:yyyy-MM-dd}" + (dated.Count > 0 ? $" ({string.Join(", ", dated)})" : ""));
            if (already.Count > 0)
            {
                ctx.Info($"{Count(already.Count)} already dated or retracted, left alone ({string.Join(", ", already)}); `pledge amend ID --date D` changes one");
            }
            if (found.PledgeIds.Count == 0) ctx.Info("the document supports no pledge");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static string Count(int n) => n == 1 ? "1 pledge" : $"{n} pledges";

    /// <summary>Aborts one pledge's version (its transaction rolls back): it has a date already, or was retracted.</summary>
    private sealed class LeftAlone : Exception;
}
