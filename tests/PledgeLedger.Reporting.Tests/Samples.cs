using PledgeLedger.Core;

namespace PledgeLedger.Reporting.Tests;

/// <summary>Hand-made ledger data for tests: a few donors with Cyrillic and accented names, every kind of pledge.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset GeneratedAt = new(2024, 4, 2, 9, 30, 0, TimeSpan.Zero);

    public static PledgeView Money(long id, string donor, string name, decimal amount, string currency, decimal? eur, DateOnly? date,
        PledgeStatus status = PledgeStatus.Pledged, Period period = Period.Once, int sources = 1, Qualifier qualifier = Qualifier.Exact) => new()
        {
            Pledge = new Pledge
            {
                Id = id,
                DonorCode = donor,
                Kind = PledgeKind.Money,
                Amount = amount,
                Currency = currency,
                Status = status,
                Period = period,
                Years = period == Period.MultiYear ? 3 : null,
                AnnouncedOn = date,
                AidType = AidType.Military,
                Qualifier = qualifier,
            },
            DonorName = name,
            Eur = eur,
            RateDate = eur is null ? null : date,
            SourceCount = sources,
        };

    public static PledgeView Equipment(long id, string donor, string name, string system, long? quantity, decimal? inKind, DateOnly? date,
        PledgeStatus status = PledgeStatus.Pledged) => new()
        {
            Pledge = new Pledge
            {
                Id = id,
                DonorCode = donor,
                Kind = PledgeKind.Equipment,
                SystemId = system.ToLowerInvariant(),
                Quantity = quantity,
                Status = status,
                AnnouncedOn = date,
                AidType = AidType.Military,
            },
            DonorName = name,
            SystemName = system,
            Category = "tanks",
            InKindEur = inKind,
            SourceCount = 2,
        };

    public static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>Ten pledges in March 2024 and a few around it.</summary>
    public static ReportInput Ten()
    {
        var pledges = new List<PledgeView>
        {
            Money(1, "PL", "Poland", 100_000_000m, "PLN", 23_000_000.40m, D(2024, 3, 4)),
            Money(2, "DE", "Germany", 500_000_000m, "EUR", 500_000_000m, D(2024, 3, 5), PledgeStatus.Allocated, sources: 3),
            Money(3, "XK", "Київ Міська Рада", 10_000_000m, "UAH", null, D(2024, 3, 6)),
            Money(4, "HU", "Szijjártó Foundation", 2_000_000m, "HUF", 5_100.55m, D(2024, 3, 7), qualifier: Qualifier.AtLeast),
            Money(5, "SK", "Žilina Region", 1_000_000m, "EUR", 1_000_000m, D(2024, 3, 8), PledgeStatus.Delivered),
            Money(6, "DE", "Germany", 8_000_000_000m, "EUR", 8_000_000_000m, D(2024, 3, 12), period: Period.MultiYear),
            Money(7, "NO", "Norway", 1_000_000_000m, "NOK", 87_000_000m, D(2024, 3, 14), period: Period.Annual),
            Equipment(8, "DE", "Germany", "Leopard 2A6", 14, 130_200_000m, D(2024, 3, 15)),
            Equipment(9, "PL", "Poland", "Krab", null, null, D(2024, 3, 20)),
            Money(10, "NATO", "NATO", 100_000_000_000m, "EUR", 100_000_000_000m, D(2024, 3, 21), PledgeStatus.Proposed),
            Money(11, "PL", "Poland", 50_000_000m, "EUR", 50_000_000m, D(2024, 2, 10)),
            Money(12, "FR", "France", 3_000_000_000m, "EUR", 3_000_000_000m, null),
            Money(13, "FR", "France", 200_000_000m, "EUR", 200_000_000m, D(2024, 4, 2)),
        };
        var docs = new List<SourceDocument>
        {
            new(10, "Poland announces aid", D(2024, 3, 4), "https://example.org/pl", "html", [1, 9]),
            new(20, "Germany: Київ visit, Szijjártó reacts", D(2024, 3, 5), "https://example.org/de", "html", [2, 6, 8]),
            new(30, "Summary note", null, "seeds/note.txt", "txt", [3, 4, 5, 7, 10]),
            new(40, "Old", D(2023, 1, 1), "https://example.org/old", "html", [99]),
        };
        return new ReportInput(pledges, docs, new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero), GeneratedAt, "Aid pledges to Ukraine");
    }

    private static readonly string[] DonorNames =
    [
        "Poland", "Germany", "Київська область — територіальна громада з дуже довгою назвою", "Szijjártó Péter Alapítvány", "Žilinský samosprávny kraj",
        "United Kingdom of Great Britain and Northern Ireland", "France", "Norway", "Estonia", "Czech Republic",
    ];

    private static readonly string[] Currencies = ["EUR", "USD", "GBP", "PLN", "NOK", "UAH"];

    /// <summary>A deterministic pseudo-random ledger of <paramref name="count"/> pledges, mostly in <paramref name="month"/>.</summary>
    public static ReportInput Many(int count, DateOnly month)
    {
        var rng = new Random(42);
        var pledges = new List<PledgeView>(count);
        for (var i = 1; i <= count; i++)
        {
            var d = rng.Next(DonorNames.Length);
            var code = "D" + d.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var date = i % 7 == 0 ? month.AddMonths(-rng.Next(1, 20)) : month.AddDays(rng.Next(0, 28));
            if (i % 3 == 0)
            {
                var q = i % 11 == 0 ? (long?)null : rng.Next(1, 200);
                pledges.Add(Equipment(i, code, DonorNames[d], i % 2 == 0 ? "Leopard 2A6 main battle tank with a long designation" : "HIMARS", q, q * 1_000_000m, date));
            }
            else
            {
                var cur = Currencies[rng.Next(Currencies.Length)];
                var amount = rng.Next(1, 100_000) * 1000m;
                var status = (PledgeStatus)rng.Next(0, 4);
                pledges.Add(Money(i, code, DonorNames[d], amount, cur, cur == "UAH" ? null : amount * 0.9m, date, status,
                    i % 13 == 0 ? Period.MultiYear : i % 17 == 0 ? Period.Annual : Period.Once));
            }
        }
        var docs = Enumerable.Range(1, Math.Max(1, count / 5)).Select(k => new SourceDocument(
            k, "Statement number " + k, month.AddDays(k % 28), "https://example.org/news/" + k + "/a-rather-long-path-that-needs-wrapping-in-its-cell",
            "html", Enumerable.Range((k * 5) - 4, 5).Select(x => (long)x).ToList())).ToList();
        return new ReportInput(pledges, docs, new DateTimeOffset(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), GeneratedAt, "Aid pledges to Ukraine");
    }
}
