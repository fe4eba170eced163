namespace PledgeLedger.Extraction.Tests;

/// <summary>
/// The scan for sums written with digits tries the anchored pattern only where a sum can start (before a digit run, at
/// a symbol, after a number followed by a scale or currency word): it must find the sums a try at every place finds.
/// </summary>
public class MoneyScanTests
{
    private static readonly string[] Crafted =
    [
        "EUR 5 bn, €5bn, $5 m, US$5 million, U.S.$ 3 million, U.S. $3 million, A$20 mln, AU$ 4 bn, C$1.5 billion, CA$2 bn, NZ$ 4bn, £2.5bn, ¥100 billion, ₴5 bn.",
        "In 2022 it gave EUR 5 bn; in March 2023 SEK 1,500 million; F-16 5 billion euros; T-72 tanks 3 bn; NATO 2024 summit; ABC 5 million; xEUR 5 bn; 5EUR 3 bn.",
        "5 billion dollars, 5-billion-euro, 5 k euros, 5 b, 5 m, 5 K, 1.5 mln, 2 mrd. Euro, 3 Mio. euros, 4 trn, 5 bn, 6 mn, 7 tn, 8 bln, 9 milliard, 10 milliarden euros.",
        "20 US dollars, 20 U.S. dollars, 300 American dollars, 4 Australian dollars, 5 Canadian dollars, 6 New Zealand dollars, 7 euros, 8 eur, 9 usd, 10 gbp.",
        "11 British pounds sterling, 12 pounds, 13 Swiss francs, 14 francs, 15 yen, 16 Norwegian crowns, 17 Danish kroner, 18 Swedish kronor, 19 Czech kronas, 20 krone, 21 kronur.",
        "22 zloty, 23 zlotys, 24 hryvnias, 25 hryvnia, 26 rubles, 27 roubles, 28 Icelandic kronur, 100,000 dollars, 250,000 euros, 2024 soldiers, 155mm shells, 30 years.",
        "Odd: 5 \u212Aroner, 5 \u017Fwiss francs, 5\u00a0billion euros, 5\u2009bn, EUR\u00a05 bn, U.S.\u00a0$5 bn, ５ billion, 5 Ｅuros, \u0665 billion euros, 5 billions.",
        "5", "$", "EUR", "EUR 5", "5 bn", "", " 5 m", "A$5", "a$5 m",
    ];

    [Fact]
    public void The_digit_sum_scan_finds_what_a_try_at_every_place_finds()
    {
        var regex = MoneyPattern.DigitSumPattern;
        var found = 0;
        foreach (var text in Crafted.Concat(PrefixGateTests.Texts()))
        {
            var expected = new List<int>();
            for (var p = 0; p < text.Length; p++)
            {
                var m = regex.Match(text, p);
                if (!m.Success) continue;
                expected.Add(p);
                p = m.Index + m.Length - 1;
            }
            var scanned = new List<int>();
            for (var at = MoneyPattern.NextDigitSumIn(text, 0); at >= 0;)
            {
                scanned.Add(at);
                var m = regex.Match(text, at);
                Assert.True(m.Success, $"the scan stopped where no sum starts, at {at} of \"{text}\"");
                at = MoneyPattern.NextDigitSumIn(text, m.Index + m.Length);
            }
            Assert.True(expected.SequenceEqual(scanned), $"digit sums of \"{text}\": expected {string.Join(" ", expected)}, got {string.Join(" ", scanned)}");
            found += expected.Count;
        }
        Assert.True(found > 60, $"only {found} sums");
    }
}
