using System.CommandLine;
using PledgeLedger.Core;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary><c>pledge list</c>: the pledges, current or as of a past time, filtered.</summary>
internal static class ListCommand
{
    public static Command Create(CliApp app)
    {
        var f = new FilterOptions();
        var retracted = new Option<bool>("--retracted") { Description = "Include retracted pledges" };
        var limit = new Option<int?>("--limit") { Description = "At most this many rows" };
        var offset = new Option<int?>("--offset") { Description = "Skip this many rows first (paging: --offset 100 --limit 100 is the second page of 100)" };
        var format = CliApp.FormatOption();
        var cmd = new Command("list", "List pledges (filters: --donor --from --to --kind --status --system; --as-of for the past)");
        f.AddTo(cmd, withKindAndSystem: true);
        cmd.Options.Add(retracted);
        cmd.Options.Add(limit);
        cmd.Options.Add(offset);
        cmd.Options.Add(format);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var filter = f.Read(ctx, parse) with { IncludeRetracted = parse.GetValue(retracted), Limit = parse.GetValue(limit), Offset = parse.GetValue(offset) };
            if (filter.Limit is <= 0) throw new UserInputException("--limit: must be a positive number");
            if (filter.Offset is < 0) throw new UserInputException("--offset: must be 0 or a positive number");
            var db = await ctx.LedgerAsync(ct);
            // Streamed: rows are written as the server sends them (tables a page at a time), so memory stays flat.
            await PledgeRows.WriteStreamAsync(ctx, fmt, Rows(new PledgeStore(db).StreamAsync(filter, ct), ct), n => $"{n} pledge(s)",
                withRecipient: filter.Recipient is null, ct);
            StartupTrace.Mark("rows written");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static async IAsyncEnumerable<Row> Rows(IAsyncEnumerable<PledgeView> views, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var first = true;
        await foreach (var v in views.WithCancellation(ct))
        {
            if (first) StartupTrace.Mark("first row read");
            first = false;
            yield return PledgeRows.ToRow(v);
        }
    }
}

/// <summary>Filter options shared by list, totals and reports.</summary>
internal sealed class FilterOptions
{
    public Option<string[]> Donor { get; } = new("--donor") { Description = "Only these donors (repeat or comma-separate: DE,FR)", AllowMultipleArgumentsPerToken = true };
    public Option<string?> From { get; } = new("--from") { Description = "Announced on or after YYYY-MM-DD" };
    public Option<string?> To { get; } = new("--to") { Description = "Announced on or before YYYY-MM-DD" };
    public Option<string?> Kind { get; } = new("--kind") { Description = "money or equipment" };
    public Option<string[]> Status { get; } = new("--status") { Description = "Only these statuses (proposed, pledged, allocated, delivered)", AllowMultipleArgumentsPerToken = true };
    public Option<string?> System { get; } = new("--system") { Description = "Only this equipment system" };
    public Option<string?> Recipient { get; } = new("--recipient") { Description = "Recipient (default UA; 'any' for all, e.g. Oryx's supplies to Russia)" };
    public Option<string?> AsOf { get; } = new("--as-of") { Description = "The ledger as it stood at this time (YYYY-MM-DD = end of that day UTC, or ISO 8601)" };

    public void AddTo(Command cmd, bool withKindAndSystem)
    {
        cmd.Options.Add(Donor);
        cmd.Options.Add(From);
        cmd.Options.Add(To);
        if (withKindAndSystem)
        {
            cmd.Options.Add(Kind);
            cmd.Options.Add(System);
        }
        cmd.Options.Add(Status);
        cmd.Options.Add(Recipient);
        cmd.Options.Add(AsOf);
    }

    public PledgeFilter Read(CliContext ctx, ParseResult p)
    {
        var from = Inputs.Date("--from", p.GetValue(From));
        var to = Inputs.Date("--to", p.GetValue(To));
        Inputs.CheckRange(from, to);
        var donors = Inputs.Split(p.GetValue(Donor)).Select(d => Inputs.DonorCode(ctx, "--donor", d)).Distinct().ToList();
        return new PledgeFilter
        {
            Donors = donors.Count > 0 ? donors : null,
            From = from,
            To = to,
            Kind = Inputs.Kind("--kind", p.GetValue(Kind)),
            Statuses = Inputs.Statuses("--status", p.GetValue(Status)),
            SystemId = Inputs.SystemId(ctx, "--system", p.GetValue(System)),
            AsOf = Inputs.Timestamp("--as-of", p.GetValue(AsOf)),
            Recipient = p.GetValue(Recipient) is { } r
                ? (r.Equals("any", StringComparison.OrdinalIgnoreCase) ? null : Inputs.DonorCode(ctx, "--recipient", r))
                : "UA",
        };
    }
}
