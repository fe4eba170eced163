using PledgeLedger.Core;

namespace PledgeLedger.Reporting;

/// <summary>
/// Adds pledges up by the ledger's counting rules: proposals apart, one-off money apart from annual and
/// multi-year sums, unconverted money kept in its currency, equipment as items, in-kind as an estimate.
/// </summary>
internal sealed class Totals
{
    private readonly SortedDictionary<(string Currency, Period Period), decimal> _unconverted = [];

    public int Pledges { get; private set; }
    public decimal Eur { get; private set; }
    public decimal PledgedEur { get; private set; }
    public decimal AllocatedEur { get; private set; }
    public decimal DeliveredEur { get; private set; }
    public decimal MultiYearEur { get; private set; }
    public decimal AnnualEurPerYear { get; private set; }
    public long EquipmentItems { get; private set; }
    public int UnquantifiedEquipment { get; private set; }
    public decimal InKindEur { get; private set; }
    public int Proposals { get; private set; }

    public IReadOnlyList<OriginalAmount> Unconverted =>
        _unconverted.Select(kv => new OriginalAmount(kv.Key.Currency, kv.Value, kv.Key.Period)).ToList();

    public void Add(PledgeView v)
    {
        var p = v.Pledge;
        if (p.Status == PledgeStatus.Proposed)
        {
            Proposals++;
            return;
        }
        Pledges++;
        if (p.Kind == PledgeKind.Money)
        {
            if (v.Eur is { } eur)
            {
                switch (p.Period)
                {
                    case Period.Annual: AnnualEurPerYear += eur; break;
                    case Period.MultiYear: MultiYearEur += eur; break;
                    default:
                        Eur += eur;
                        if (p.Status == PledgeStatus.Allocated) AllocatedEur += eur;
                        else if (p.Status == PledgeStatus.Delivered) DeliveredEur += eur;
                        else PledgedEur += eur;
                        break;
                }
            }
            else if (p.Amount is { } amount)
            {
                var key = (p.Currency ?? "???", p.Period);
                _unconverted[key] = _unconverted.GetValueOrDefault(key) + amount;
            }
        }
        else
        {
            if (p.Quantity is { } q) EquipmentItems += q;
            else UnquantifiedEquipment++;
            if (v.InKindEur is { } k) InKindEur += k;
        }
    }

    /// <summary>Adds a roll-up of pledges by the same rules as <see cref="Add(PledgeView)"/> one by one.</summary>
    public void Add(PledgeAggregate a)
    {
        if (a.Status == PledgeStatus.Proposed)
        {
            Proposals += a.Pledges;
            return;
        }
        Pledges += a.Pledges;
        if (a.Kind == PledgeKind.Money)
        {
            switch (a.Period)
            {
                case Period.Annual: AnnualEurPerYear += a.Eur; break;
                case Period.MultiYear: MultiYearEur += a.Eur; break;
                default:
                    Eur += a.Eur;
                    if (a.Status == PledgeStatus.Allocated) AllocatedEur += a.Eur;
                    else if (a.Status == PledgeStatus.Delivered) DeliveredEur += a.Eur;
                    else PledgedEur += a.Eur;
                    break;
            }
            if (a.UnconvertedPledges > 0)
            {
                var key = (a.Currency ?? "???", a.Period);
                _unconverted[key] = _unconverted.GetValueOrDefault(key) + a.Unconverted;
            }
        }
        else
        {
            EquipmentItems += a.Items;
            UnquantifiedEquipment += a.Unquantified;
            InKindEur += a.InKindEur;
        }
    }

    public AllyTotal ToAllyTotal(string code, string name) => new(
        code, name, Pledges, Eur, PledgedEur, AllocatedEur, DeliveredEur, MultiYearEur, AnnualEurPerYear,
        Unconverted, EquipmentItems, UnquantifiedEquipment, InKindEur, Proposals);
}
