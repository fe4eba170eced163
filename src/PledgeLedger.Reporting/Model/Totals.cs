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
    /// <summary>One-off money in EUR.</summary>
    public decimal OnceEur { get; private set; }
    public decimal PledgedEur { get; private set; }
    public decimal AllocatedEur { get; private set; }
    public decimal DeliveredEur { get; private set; }
    public decimal MultiYearEur { get; private set; }
    public decimal AnnualEurPerYear { get; private set; }
    public decimal EquipmentItems { get; private set; }
    public int UnquantifiedEquipment { get; private set; }
    /// <summary>Money pledges without a figure: counted as pledges, in no sum.</summary>
    public int UnstatedMoney { get; private set; }
    public decimal InKindEur { get; private set; }
    public int Proposals { get; private set; }

    public IReadOnlyList<OriginalAmount> Unconverted =>
        _unconverted.Select(kv => new OriginalAmount(kv.Key.Currency, kv.Value, kv.Key.Period)).ToList();

    /// <summary>Adds one pledge.</summary>
    public void Add(PledgeView v)
    {
        var p = v.Pledge;
        var unconverted = p.Kind == PledgeKind.Money && v.Eur is null && p.Amount is not null;
        Add(p.Status, p.Kind, p.Period, p.Currency, 1, v.Eur ?? 0m, unconverted ? p.Amount!.Value : 0m, unconverted ? 1 : 0,
            p.Quantity ?? 0, (p.Kind == PledgeKind.Equipment ? p.Quantity is null : p.Amount is null) ? 1 : 0, v.InKindEur ?? 0m);
    }

    /// <summary>Adds a roll-up of pledges, by the same rules as adding them one by one.</summary>
    public void Add(PledgeAggregate a) => Add(
        a.Status, a.Kind, a.Period, a.Currency, a.Pledges, a.Eur, a.Unconverted, a.UnconvertedPledges, a.Items, a.Unquantified, a.InKindEur);

    private void Add(
        PledgeStatus status, PledgeKind kind, Period period, string? currency, int pledges, decimal eur,
        decimal unconverted, int unconvertedPledges, decimal items, int unquantified, decimal inKindEur)
    {
        if (status == PledgeStatus.Proposed)
        {
            Proposals += pledges;
            return;
        }
        Pledges += pledges;
        if (kind == PledgeKind.Money)
        {
            switch (period)
            {
                case Period.Annual: AnnualEurPerYear += eur; break;
                case Period.MultiYear: MultiYearEur += eur; break;
                default:
                    OnceEur += eur;
                    if (status == PledgeStatus.Allocated) AllocatedEur += eur;
                    else if (status == PledgeStatus.Delivered) DeliveredEur += eur;
                    else PledgedEur += eur;
                    break;
            }
            UnstatedMoney += unquantified;
            if (unconvertedPledges > 0)
            {
                var key = (currency ?? "???", period);
                _unconverted[key] = _unconverted.GetValueOrDefault(key) + unconverted;
            }
        }
        else
        {
            EquipmentItems += items;
            UnquantifiedEquipment += unquantified;
            InKindEur += inKindEur;
        }
    }

    public MoneySummary Money => new(OnceEur, MultiYearEur, AnnualEurPerYear, Unconverted);

    public AllyTotal ToAllyTotal(string code, string name) => new(
        code, name, Pledges, OnceEur, PledgedEur, AllocatedEur, DeliveredEur, MultiYearEur, AnnualEurPerYear,
        Unconverted, EquipmentItems, UnquantifiedEquipment, InKindEur, Proposals, UnstatedMoney);
}
