namespace PledgeLedger.Extraction.Tests;

/// <summary>
/// The sentence rules' word-led patterns are tried only at the words whose first letters can start them
/// (<see cref="WordKeys"/>, <see cref="PrefixGate"/>, <see cref="GatedPattern"/>): they must find exactly what the plain
/// patterns find, on crafted phrases naming every alternative, the labelled sentences and ../shared/realnews.
/// </summary>
public class PrefixGateTests
{
    // Every alternative of the gated patterns in a phrase it matches, and word starts the gates must get right.
    private static readonly string[] Crafted =
    [
        // Status verbs, traps and refusals.
        "The aid was delivered, disbursed and transferred; kits were handed over, shipped, arrived, received, collected and distributed.",
        "Germany has already sent tanks, has provided shells, have given, had supplied, has donated, has allocated, has paid; was sent, were delivered, been provided.",
        "It was already sent. It provided that nothing more. Disbursements and disbursement followed.",
        "Berlin pledged, commits, committed, committing, commitments, promised, vowed, announced, offered packages, tranches, donated, granted, unveiled, contributed, agreed to help.",
        "They will provide, to send, would supply, shall deliver, set to give, ready to transfer, prepared to fund, will also finance, to buy, to purchase, to hand over, to train, to receive, to get, to ship, to share, to take on, to cover.",
        "It provides, providing, sends, sending, supply, supplies, supplying, gives, giving, delivers, delivering, funds, funding, funded, financing, purchases, buy, buys, buying, bought, to deliver, joins, mobilises, mobilized, boosts, adds another, added more, gifts, gifted, hands over, handed over.",
        "Parliament allocated, approves, approved, approval, earmarked, authorised, authorizes, authorization, a drawdown, will draw down, set aside, reserved, signs, signed, adopts, adopted, decided, a decision, agreed, allotted, allots.",
        "Aid, assistance, support, help, a loan, loans, a grant, a fund, a contribution, a donation, relief.",
        "Fraud, embezzlement, bribes, corruption, smuggling, laundering, stole, stolen, theft, kickbacks, destroyed, hit, hits, struck, shot down, downed, damaged, wrecked.",
        "Losses, casualties, killed, wounded, injured, dead, death toll, GDP, prices, priced, inflation, revenues, profits, windfall profits, exports, imports.",
        "Defence budgets, defense spending, military expenditures, state budget, federal spending, national budgets, budget deficit, ransom, bounty, reward, fined, salary, salaries, wages, pensions.",
        "Sold, sells, selling, contracts with, ordered from, bought from, captured, seized, confiscated, trophy, potential sales, possible arms sale, proposed sales, approved sales, Foreign Military Sales, FMS.",
        "To replenish stocks, replace its fleet, replacing their tanks, its own forces, their own stocks, communities hit by the war, a tank hit by a drone.",
        "Berlin refused, rejects, declined to, vetoed, blocks, blocked, blocking, halted, suspends, failed to, opposes, no plans to, no intention, not on the cards, rules out, ruled out, not provide, not yet send.",
        "It won't send, won’t give, wouldn't supply, cannot deliver, can't pledge, can’t fund, doesn't transfer, doesn’t allocate, didn't commit, didn’t give.",
        // Proposals and tentative giving.
        "Paris proposed, proposes a proposal, plans to, planned to, planning to, a plan for, plan to, plan of, Berlin's plan, Berlin’s plan, a plan, suggested, considers, mulls.",
        "It calls on, called for, calling upon, urges, urged, urging, asks allies, asked members, asking partners, could provide, may send, intends to, envisages, drafted, wants allies, should allocate.",
        "Aid is expected to, are set to, was likely to, were poised to, could include, would include, may include, studying, preparing, under consideration, in talks, negotiating, close to reaching, close to a deal.",
        "The bill, bills, legislation, House passed, Senate voted, passed by the House, passed the Senate, sending the bill.",
        "France may ship, might also deliver, could soon transfer, may donate, could hand over, might offer, may fund, could finance, may provide, might send, could supply, may give.",
        "It is also expected to, are now likely to, was still poised to, were also expected to.",
        // Non-donations and recalls.
        "It will not be part of the package, not be included, not be among them, rather than donate, rather than sending, stalled for months on, stalls on, crowdfunding, collectively pledged, collectively provide.",
        "Australia has previously provided, earlier this year, earlier this month, last year, last spring, last winter, as reported, had already pledged, had delivered, had received.",
        "In March, Berlin also delivered shells.",
        "In March 2024, Berlin delivered shells.",
        " In June , it sent more.",
        "Not In March, it sent more.",
        // Aid types and requests.
        "Military aid, weapons, a weapon, arms, defence, defense, security assistance, ammunition, munitions, air defence, armoured, armored, artillery.",
        "Financial aid, budget support, budgetary support, macro-financial, macrofinancial, a loan, loans, the budget, grants, fiscal, ERA loans, the Ukraine Facility.",
        "Humanitarian aid, relief, refugees, a refugee, food, medical kits, medicine, shelter, winterisation, winterization, energy aid, energy support, energy equipment, generators.",
        "Ukraine asks, ask, asked, asking, requests, request, requested, requesting, appeal, appeals, appealed, seeks, seek, sought, needs, need, wants, want, hopes, hope, expects, expect.",
        // Word starts: after a digit or underscore no word starts; a non-ASCII letter is always tried.
        "2delivered 3sent _sent x_pledged re-sent pre-approved ſent ſold Ｓent ÀDelivered éaid K-killed (pledged) \"aid\" 'sent' ſ ſtate thef\u212At",
        "DELIVERED PLEDGED APPROVED AID FRAUD REFUSED won't PROPOSED MILITARY FINANCIAL HUMANITARIAN ASKS IN MARCH, NOT BE PART OF",
        "a\u00a0plan, to\u00a0send, no\u00a0plans to, is\u00a0expected to, in\u00a0talks, as\u00a0reported",
        "It will not\u00a0send arms; its own\u00a0stocks are low.", "Aid is\u00a0set\nto grow.", "It is in the bill", "The House\tpassed it.", "last\u00a0year",
        "In\u00a0March, it had\u00a0sent shells.",
        "s", "a", "", " ", "sent", "to", "no", "in", "is", "aid", "In",
    ];

    public static TheoryData<string> Patterns =>
    [
        "Trap", "Refusal", "Delivered", "Pledged", "Allocated", "Weak", "ProposedWords", "Recall", "Military", "Financial", "Humanitarian",
        "Request", "NonDonation", "MayGive",
    ];

    [Theory]
    [MemberData(nameof(Patterns))]
    public void A_gated_pattern_finds_what_the_plain_pattern_finds(string name)
    {
        var pattern = Pattern(name);
        var words = new SentenceWords();
        var keys = new WordKeys();
        var hits = new List<(int Index, int Length)>();
        var matched = 0;
        foreach (var text in Texts())
        {
            var expected = new List<(int Index, int Length)>();
            foreach (var m in pattern.Plain.EnumerateMatches(text)) expected.Add((m.Index, m.Length));
            var k = keys.For(words.For(text));
            pattern.Matches(k, hits);
            Assert.True(expected.SequenceEqual(hits), $"{name} on \"{text}\": expected {string.Join(" ", expected)}, got {string.Join(" ", hits)}");
            Assert.Equal(expected.Count > 0, pattern.IsMatch(k));
            var first = pattern.Plain.Match(text);
            var gated = pattern.Match(k);
            Assert.Equal(first.Success, gated is not null);
            if (gated is not null)
            {
                Assert.Equal((first.Index, first.Length, first.Value), (gated.Index, gated.Length, gated.Value));
            }
            matched += expected.Count;
        }
        // The crafted phrases name every alternative: each pattern matches many times.
        Assert.True(matched >= 8, $"{name} matched only {matched} times");
    }

    [Fact]
    public void The_sentence_tests_on_the_words_are_those_on_the_text()
    {
        var words = new SentenceWords();
        var keys = new WordKeys();
        var (cancelled, proposed, recalled) = (0, 0, 0);
        foreach (var text in Texts())
        {
            var k = keys.For(words.For(text));
            // The rules themselves: the plain patterns; the text forms (a stem search, then the patterns) give the same.
            var cancels = Cues.Trap().IsMatch(text) || Cues.Refusal().IsMatch(text);
            Assert.True(cancels == Cues.Cancels(k), $"Cancels on \"{text}\"");
            Assert.True(cancels == Cues.Cancels(text), $"Cancels on the text \"{text}\"");
            var proposes = Cues.Proposed().IsMatch(text);
            Assert.True(proposes == Cues.Proposes(k), $"Proposes on \"{text}\"");
            Assert.True(proposes == Cues.Proposes(text), $"Proposes on the text \"{text}\"");
            var recalls = Cues.RecallWords.Plain.IsMatch(text);
            Assert.True(recalls == Cues.Recalls(k), $"Recalls on \"{text}\"");
            Assert.True(recalls == Cues.Recalls(text), $"Recalls on the text \"{text}\"");
            cancelled += cancels ? 1 : 0;
            proposed += proposes ? 1 : 0;
            recalled += recalls ? 1 : 0;
        }
        Assert.True(cancelled > 5 && proposed > 5 && recalled > 3, $"cancelled {cancelled}, proposed {proposed}, recalled {recalled}");
    }

    [Fact]
    public void The_proposal_words_and_the_possessive_plan_are_the_whole_proposal_pattern()
    {
        var words = new SentenceWords();
        var keys = new WordKeys();
        Assert.True(Cues.Proposes(keys.For(words.For("Berlin’s plan covers shells."))));
        Assert.False(Cues.ProposedWords.IsMatch(keys));
        Assert.False(Cues.Proposes(keys.For(words.For("Berlin’s aid arrived."))));
    }

    [Fact]
    public void A_key_holds_the_first_three_letters_and_a_non_ascii_letter_passes_every_gate()
    {
        Assert.Equal(WordKeys.KeyOf('t' - 'a', 'o' - 'a', WordKeys.NoLetter), WordKeys.KeyAt("to send", 0));
        Assert.Equal(WordKeys.KeyOf('t' - 'a', 'o' - 'a', WordKeys.NoLetter), WordKeys.KeyAt("To2", 0));
        Assert.Equal(WordKeys.KeyOf('a' - 'a', WordKeys.NoLetter, WordKeys.NoLetter), WordKeys.KeyAt("a-b", 0));
        Assert.Equal(WordKeys.KeyOf('s' - 'a', 'e' - 'a', 'n' - 'a'), WordKeys.KeyAt("SENT", 0));
        Assert.Equal(WordKeys.AnyKey, WordKeys.KeyAt("ſent", 0));
        Assert.Equal(WordKeys.AnyKey, WordKeys.KeyAt("se\u00f1t", 0));
        Assert.Equal(WordKeys.NoKey, WordKeys.KeyAt("2nd", 0));

        var gate = new PrefixGate("to$", "pledg", "has");
        var words = new SentenceWords();
        var keys = new WordKeys().For(words.For("to top pledge pled hasty haſ Pledgeſ PLEDſ"));
        bool[] passes = [.. Enumerable.Range(0, keys.Count).Select(w => gate.Passes(keys, w))];
        Assert.Equal([true, false, true, false, true, true, true, true], passes);
    }

    [Fact]
    public void The_keys_stay_those_of_their_sentence_when_the_words_are_tokenised_again()
    {
        var words = new SentenceWords();
        var keys = new WordKeys().For(words.For("Berlin pledged aid."));
        words.For("Nothing here at all today, nothing");
        Assert.Equal("Berlin pledged aid.", keys.Text);
        Assert.Equal(3, keys.Count);
        Assert.True(Cues.PledgedWords.IsMatch(keys));
        Assert.Same(keys, keys.For(words.For("Berlin pledged aid.")));
        Assert.False(Cues.PledgedWords.IsMatch(keys.For(words.For("Nothing here at all today, nothing"))));
    }

    [Fact]
    public void The_clause_breaks_are_those_of_the_whole_pattern()
    {
        var breaks = new List<(int Index, int End)>();
        var found = 0;
        string[] crafted =
        [
            "Germany sent shells; Canada sent tanks, and Japan will share the cost, but Italy sent nothing while Spain whereas France.",
            "Berlin sent tanks, and Paris, Rome and Madrid will send guns; London BUT\u00a0also\tWHILE Oslo.",
            "No break here, and none there.",
        ];
        foreach (var text in crafted.Concat(Texts()))
        {
            var expected = new List<(int Index, int End)>();
            foreach (var m in PledgeExtractor.ClauseBreak().EnumerateMatches(text)) expected.Add((m.Index, m.Index + m.Length));
            PledgeExtractor.ClauseBreaks(text, breaks);
            Assert.True(expected.SequenceEqual(breaks), $"clause breaks of \"{text}\"");
            found += expected.Count;
        }
        Assert.True(found > 20);
    }

    [Theory]
    [InlineData("P1")]
    [InlineData("Pl")]
    [InlineData("p")]
    [InlineData("pla$")]
    [InlineData("$")]
    [InlineData("p-l")]
    public void A_gate_takes_only_lower_case_ascii_prefixes(string prefix) => Assert.Throws<ArgumentException>(() => new PrefixGate(prefix));

    private static GatedPattern Pattern(string name) => name switch
    {
        "Trap" => Cues.TrapWords,
        "Refusal" => Cues.RefusalWords,
        "Delivered" => Cues.DeliveredWords,
        "Pledged" => Cues.PledgedWords,
        "Allocated" => Cues.AllocatedWords,
        "Weak" => Cues.WeakWords,
        "ProposedWords" => Cues.ProposedWords,
        "Recall" => Cues.RecallWords,
        "Military" => Cues.MilitaryWords,
        "Financial" => Cues.FinancialWords,
        "Humanitarian" => Cues.HumanitarianWords,
        "Request" => Cues.RequestWords,
        "NonDonation" => PledgeExtractor.NonDonationWords,
        "MayGive" => PledgeExtractor.MayGiveWords,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>These crafted phrases, then <see cref="SentenceWordsTests.Texts"/> (its crafted phrases, the labelled
    /// sentences and, when ../shared is present, the real news texts).</summary>
    internal static IEnumerable<string> Texts() => Crafted.Concat(SentenceWordsTests.Texts());
}
