using PledgeLedger.Core;

namespace PledgeLedger.Extraction.Tests;

/// <summary>
/// The catalog, donor and open-item matchers skip word starts a cheap test rules out (see <see cref="Lexicon"/>):
/// they must find exactly what the plain walk from every word start finds, on crafted phrases that probe the
/// separators, cases, plurals and non-ASCII letters the walk allows, the labelled sentences and the real news texts.
/// </summary>
public class LexiconFastPathTests
{
    private static readonly string[] Crafted =
    [
        "Send F-16s, F16, F 16, F‑16 jets, F\u00a016 fighters, f-16 and F-16AM/BM aircraft; the F-1, Pat and Patri.",
        "Patriot, patriot, PATRIOT, Patriots, patriotic Patriot batteries, the Patriot-system, Patriot missiles and Patriot-",
        "Leopard 2A6, Leopard2A6, Leo pard 2, Leopard-2 tanks and 14 Leopard 1A5s, T-72s, T 72, T72M1, M-84, Mi-8 and Mi-2 helicopters.",
        "The 2S1 Goździk, Gozdzik, T-155 Fırtına and Firtina, Büffel, Buffel, Brückenlegepanzer Biber and Bärgningsbandvagn 90.",
        "Three AN/TPQ-36 radars, AN/TPQ-50, MG3 machine guns, AT4, AT-4s, TB2 Bayraktar, D-30, D-20 and 2S1s.",
        "Storm Shadow, Storm-Shadow, StormShadow, SCALP-EG, IRIS-T SLM, IRIS T, NASAMS, nasams, HIMARS and M142 HIMARS.",
        "drones, attack drones, first-person-view drones, artillery shells, 155mm shells, mortar rounds, trucks and patrol boats.",
        "THeMIS, the Themis, THE THEMIS, thermal, theme; a K\u212Ait, \u212A-2 Black Panther, ſhells, İRIS-T.",
        "(F-16) [Patriot] \"HIMARS\" 'Leopard' F-16's Patriot’s HIMARS, CAESAR/Caesar; 12xLeopard; x-Patriot",
        "F-", "F", "Pa", "M", "2", "Patriot", "F-16", "", " ", "-F-16", "F-16-", "F-16 -", "F - 16", "F--16", "F -\u00a0- 16",
    ];

    private static IEnumerable<string> Texts() => Crafted.Concat(SentenceWordsTests.Texts());

    [Fact]
    public void The_catalog_gate_finds_what_the_walk_from_every_word_finds()
    {
        var lexicon = new Lexicon(DonorRegistry.Default, SystemCatalog.Default);
        var words = new SentenceWords();
        var gated = new List<(int Start, int End, EquipmentSystem System, string Alias, string Head)>();
        var plain = new List<(int Start, int End, EquipmentSystem System, string Alias, string Head)>();
        var found = 0;
        foreach (var text in Texts())
        {
            foreach (bool? may in new bool?[] { null, true })
            {
                lexicon.FindSystems(words.For(text), gated, may, gated: true);
                lexicon.FindSystems(words.For(text), plain, may, gated: false);
                Assert.True(plain.SequenceEqual(gated), $"on \"{text}\" ({may}): expected {Show(plain.Select(h => (h.Start, h.End, h.System.Id)))}, got {Show(gated.Select(h => (h.Start, h.End, h.System.Id)))}");
                found += plain.Count;
            }
        }
        Assert.True(found > 100, $"only {found} catalog names found");
    }

    [Fact]
    public void The_name_prefix_bits_answer_as_the_hashed_keys()
    {
        var lexicon = new Lexicon(DonorRegistry.Default, SystemCatalog.Default);
        var named = 0;
        foreach (var text in Texts().Concat(["x/y Q/ 9/9 ./ F/A-18 K2 \u212A2 ſu-24 - - - - - - - - - - F", "zz", "a", "2", "/", "A-"]))
        {
            // Each word start alone, and the whole text.
            for (var i = 0; i < text.Length; i++)
            {
                if (!char.IsLetterOrDigit(text[i]) || (i > 0 && char.IsLetterOrDigit(text[i - 1]))) continue;
                var word = text[i..];
                Assert.True(lexicon.MayNameSystemByKey(word) == lexicon.MayNameSystem(word), $"at {i} of \"{text}\"");
            }
            var expected = lexicon.MayNameSystemByKey(text);
            Assert.True(expected == lexicon.MayNameSystem(text), $"on \"{text}\"");
            if (expected) named++;
        }
        Assert.True(named > 50, $"only {named} texts may name a system");
    }

    [Fact]
    public void The_head_noun_bits_answer_as_the_prefix_keys()
    {
        var starts = 0;
        foreach (var text in Texts().Concat(["trucks TRUCKS Trück trück tﬁ kit KIT kıt Kit's guns gun- g uav UAVs quad quadcopters supp ſhell", "k", "ki", "kit"]))
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (!char.IsLetter(text[i])) continue;
                var expected = OpenItems.MayStartHeadByKey(text, i);
                Assert.True(expected == OpenItems.MayStartHead(text, i), $"at {i} of \"{text}\"");
                if (expected) starts++;
            }
        }
        Assert.True(starts > 100, $"only {starts} head starts");
        // The sentence test, its word test first: the same answer.
        var holds = 0;
        foreach (var text in Texts().Concat(["8 Zetros truc\u212As", "tank\u017F and \u212Aits", "TRUCKS", "spare  parts", "body armour"]))
        {
            var expected = OpenItems.MayHoldStemsFirst(text);
            Assert.True(expected == OpenItems.MayHold(text), $"MayHold on \"{text}\"");
            if (expected) holds++;
        }
        Assert.True(holds > 50, $"only {holds} texts may hold an item");
        // By word, with the two-letter key first: the same answer at every word start.
        var words = new SentenceWords();
        foreach (var text in Texts())
        {
            words.For(text);
            for (var w = 0; w < words.Count; w++)
            {
                Assert.True(OpenItems.MayStartHeadByKey(text, words.Start(w)) == OpenItems.MayStartHead(words, w), $"word {w} of \"{text}\"");
            }
        }
    }

    [Fact]
    public void The_donor_search_from_capitals_finds_what_the_walk_from_every_letter_finds()
    {
        var lexicon = new Lexicon(DonorRegistry.Default, SystemCatalog.Default);
        var fast = new List<(int Start, int End, Donor Donor, bool Official)>();
        var plain = new List<(int Start, int End, Donor Donor, bool Official)>();
        string[] donorPhrases =
        [
            "the Alliance and NATO, the-Alliance, the\u00a0Alliance, tank coalition, the drone coalition and air defence capability coalition.",
            "Ursula von der Leyen, von der Leyen's plan, Von der Leyen, the Élysée and Elysee, Støre and Store, Anušauskas, Kosiniak-Kamysz.",
            "GERMANY PLEDGES EUR 1 BN; USA, UK, EU; xGermany 2Germany GermanyFrance US-Germany U.S. USAI DoD DOD MoD",
            "The United States, the U.S., Germany's, Britain, the UK, The Hague, De Croo, Lloyd Austin and Austin; Washington.",
        ];
        var found = 0;
        foreach (var text in donorPhrases.Concat(Texts()))
        {
            lexicon.FindDonors(text, fast, fast: true);
            lexicon.FindDonors(text, plain, fast: false);
            Assert.True(plain.SequenceEqual(fast), $"on \"{text}\": expected {Show(plain.Select(h => (h.Start, h.End, h.Donor.Code)))}, got {Show(fast.Select(h => (h.Start, h.End, h.Donor.Code)))}");
            found += plain.Count;
        }
        Assert.True(found > 100, $"only {found} donors found");
    }

    [Fact]
    public void The_word_test_before_the_preposition_patterns_keeps_their_answers()
    {
        var matched = 0;
        string[] crafted =
        [
            "aid to Israel, a loan for the Netherlands, thanks to Germany, FOR THE UK, (to Poland, bought from the Czech firm, visits France",
            "jointly developed with France, made in Sweden, acro\u017Fs Poland, li\u212Ae Japan, between the  \u00a0Baltics, to\tthe\n",
        ];
        foreach (var text in crafted.Concat(Texts()))
        {
            for (var end = 0; end <= text.Length; end++)
            {
                foreach (var size in new[] { 16, 40 })
                {
                    var window = text.AsSpan(Math.Max(0, end - size), Math.Min(size, end));
                    var (recipient, obj, seller) = PledgeExtractor.PlainBefore(window);
                    Assert.True(recipient == PledgeExtractor.IsRecipientBefore(window), $"recipient before {end} of \"{text}\"");
                    Assert.True(obj == PledgeExtractor.IsObjectBefore(window), $"object before {end} of \"{text}\"");
                    Assert.True(seller == PledgeExtractor.IsSellerOrMakerBefore(window), $"seller before {end} of \"{text}\"");
                    if (recipient || obj || seller) matched++;
                }
            }
        }
        Assert.True(matched > 500, $"only {matched} windows matched");
    }

    private static string Show<T>(IEnumerable<T> items) => string.Join(" ", items);
}
