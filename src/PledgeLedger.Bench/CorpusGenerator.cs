using System.Globalization;
using System.Text;

namespace PledgeLedger.Bench;

/// <summary>
/// A deterministic corpus of realistic news articles (~1 KB each): datelines, headlines with time stamps,
/// body text, about one pledge per article on average, and the usual traps (destroyed equipment, fraud, casualties,
/// GDP shares, durations). Shared by the extraction and ingest benchmarks.
/// </summary>
public static class CorpusGenerator
{
    /// <summary>Bumped whenever the generated text changes, so a corpus on disk is never stale.</summary>
    public const int Version = 2;

    private static readonly string[] Donors =
    [
        "Germany", "France", "Italy", "Spain", "Poland", "the Netherlands", "Sweden", "Norway", "Denmark", "Finland", "Canada",
        "Japan", "Australia", "the United Kingdom", "Britain", "the United States", "the U.S.", "Belgium", "Portugal", "Lithuania",
        "Latvia", "Estonia", "Czechia", "Slovakia", "Romania", "the EU", "the European Commission", "NATO", "the World Bank",
    ];

    private static readonly string[] Adjectives = ["German", "French", "Dutch", "Swedish", "Norwegian", "Danish", "Canadian", "British", "American", "Polish"];

    private static readonly (string Text, bool Plural)[] Systems =
    [
        ("F-16 jets", true), ("Leopard 2A4 tanks", true), ("Leopard 1A5 tanks", true), ("CAESAR howitzers", true), ("M777 howitzers", true),
        ("Patriot system", false), ("IRIS-T SLM system", false), ("NASAMS battery", false), ("SAMP/T", false), ("HIMARS launchers", true),
        ("Bradley vehicles", true), ("Archer howitzers", true), ("155mm shells", true), ("Storm Shadow missiles", true), ("MiG-29 fighters", true),
        ("Gepard anti-aircraft guns", true), ("Marder infantry fighting vehicles", true), ("M113 APCs", true), ("Stinger launchers", true),
    ];

    private static readonly string[] Currencies = ["EUR {0} million", "€{0} million", "${0} million", "EUR {0} bln", "£{0}m", "CAD {0} million", "NOK {0} billion", "{0} million euros", "AUD{0} mln", "SEK {0} billion"];

    private static readonly string[] PledgeTemplates =
    [
        "{D} pledges {M} in military aid to Ukraine",
        "{D} to provide Ukraine with {Q} {S}",
        "{D} announces new aid package worth {M} for Ukraine",
        "{D} has delivered {Q} {S} to Ukraine, the defence ministry said.",
        "{D} will send Ukraine {Q} more {S} and {M} for ammunition.",
        "The government of {D} approved {M} in budget support for Ukraine on Tuesday.",
        "{D} plans to transfer {Q} {S} to Ukraine next year.",
        "{D} and {D2} have each pledged more than {M} in new support.",
        "Stoltenberg welcomed {D}'s offer of an additional Patriot battery.",
        "{D} has committed {M} a year for 2025-2027 to the Ukraine fund.",
    ];

    private static readonly string[] Traps =
    [
        "Ukrainian drones hit a Russian radar worth ${0} mln in Crimea.",
        "Investigators exposed a fraud scheme that cost the state budget UAH {0} mln.",
        "The death toll rose to {0}, with {0} more people injured, emergency services said.",
        "{D} called on NATO allies to raise defence spending from 2% to 3% of GDP.",
        "A Russian missile violated Polish airspace for {0} seconds.",
        "Russia's defence budget will grow to RUB {0} trillion next year.",
        "Over {0},000 subscribers in {0} settlements were left without power.",
        "Ukraine says it still needs {0} more Patriot systems to protect its cities.",
        "Russian forces lost {0} tanks and {0} artillery systems over the past day, the General Staff said.",
        "Hungary is refusing to provide financial assistance to Ukraine.",
    ];

    private static readonly string[] Filler =
    [
        "The ministers met in Brussels for two days of talks on long-term support and the coordination of security assistance.",
        "Officials said the details would be announced in the coming weeks after consultations with partners.",
        "The meeting also discussed the situation at the front, where Ukrainian forces continue to face heavy pressure.",
        "Analysts say the war has entered a new phase, with both sides relying heavily on drones and artillery.",
        "The foreign minister emphasized the need for predictable support for Ukraine's Euro-Atlantic path.",
        "According to the statement, the talks focused on air defence, training and the defence industry.",
        "Leaders are expected to meet again at the summit in Washington in July.",
        "The president thanked partners for their support during a phone call on Monday evening.",
        "Read also: Zelenskyy meets European leaders ahead of the summit",
        "At a two-day meeting on June 13 and 14, defence ministers will discuss support for Ukraine and the Alliance's deterrence.",
        "Since the full-scale invasion in 2022, millions of Ukrainians have been forced to leave their homes.",
        "The summit marks the 75th anniversary of the Alliance and will be attended by 32 heads of state.",
        "2 min read",
        "Kuleba and his counterpart agreed to take steps to improve relations in the coming days and weeks.",
        "The Prime Minister said the country would remain a reliable partner of Ukraine for as long as it takes.",
        "Air raid alerts were declared in 12 regions on Tuesday night, the Air Force reported.",
        "The talks in Geneva lasted more than 6 hours, according to diplomats familiar with the matter.",
        "Ukraine and the EU opened accession negotiations in Luxembourg on 25 June.",
        "The parliament will vote on the bill in its second reading next week, MPs said.",
        "Tags: #ukraine #nato #aid",
    ];

    private static readonly string[] Words = ["three", "four", "five", "six", "ten", "twelve", "twenty", "another", "an additional", "two"];

    public static IEnumerable<(string Name, string Text)> Generate(int articles, int seed)
    {
        var rng = new Random(seed);
        var start = new DateOnly(2023, 1, 1);
        var sb = new StringBuilder(1400);
        for (var i = 0; i < articles; i++)
        {
            sb.Clear();
            var date = start.AddDays(rng.Next(0, 900));
            var style = rng.Next(4);
            if (style == 0) sb.Append(" date ").Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(" Facts\n\n");
            else if (style == 1) sb.Append(Clock(rng)).Append(' ').Append(date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)).Append("\n\n");
            else if (style == 2) sb.Append("Brussels (").Append(date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)).Append(") - ");
            // Density as on a news site about the war: a third of headlines state a pledge, a fifth carry a trap.
            var h = rng.Next(15);
            var headline = h < 5 ? Pledge(rng) : h < 8 ? Fill(Traps[rng.Next(Traps.Length)], rng) : Filler[rng.Next(6)];
            sb.Append(headline).Append("\n\n");
            var body = 0;
            while (sb.Length < 850)
            {
                var r = rng.Next(20);
                if (r < 15) sb.Append(Filler[rng.Next(Filler.Length)]);
                else if (r < 18) sb.Append(Fill(Traps[rng.Next(Traps.Length)], rng));
                else sb.Append(Pledge(rng));
                sb.Append(++body % 2 == 0 ? "\n\n" : " ");
            }
            if (rng.Next(3) == 0)
            {
                sb.Append("\n\nMORE ABOUT\n\n").Append(Clock(rng)).Append(' ')
                    .Append(date.AddDays(-rng.Next(1, 5)).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)).Append('\n').Append(Pledge(rng)).Append('\n');
            }
            yield return (i.ToString("D7", CultureInfo.InvariantCulture) + ".txt", sb.ToString());
        }
    }

    private static string Clock(Random rng) => $"{rng.Next(24):D2}:{rng.Next(60):D2}";

    private static string Pledge(Random rng)
    {
        var t = PledgeTemplates[rng.Next(PledgeTemplates.Length)];
        var (system, plural) = Systems[rng.Next(Systems.Length)];
        var q = plural ? (rng.Next(3) == 0 ? Words[rng.Next(7)] : rng.Next(2, 60).ToString(CultureInfo.InvariantCulture)) : Words[7 + rng.Next(2)];
        var d = Donors[rng.Next(Donors.Length)];
        var d2 = Donors[rng.Next(Donors.Length)];
        var money = string.Format(CultureInfo.InvariantCulture, Currencies[rng.Next(Currencies.Length)], rng.Next(1, 20) * 25);
        var s = t.Replace("{D}", Capital(d), StringComparison.Ordinal).Replace("{D2}", d2, StringComparison.Ordinal)
            .Replace("{Q}", q, StringComparison.Ordinal).Replace("{S}", system, StringComparison.Ordinal).Replace("{M}", money, StringComparison.Ordinal);
        if (rng.Next(8) == 0) s = Adjectives[rng.Next(Adjectives.Length)] + " officials said: " + s;
        return s;
    }

    private static string Fill(string template, Random rng)
    {
        var d = Donors[rng.Next(Donors.Length)];
        return string.Format(CultureInfo.InvariantCulture, template.Replace("{D}", Capital(d), StringComparison.Ordinal), rng.Next(2, 99));
    }

    private static string Capital(string s) => s.Length > 0 && char.IsLower(s[0]) ? char.ToUpperInvariant(s[0]) + s[1..] : s;
}
