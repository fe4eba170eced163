using System.CommandLine;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli;

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
