using System.Text.Json;
using PledgeLedger.Tests;

namespace PledgeLedger.Extraction.Tests;

/// <summary>
/// The tokenisation the word matchers share (<see cref="SentenceWords"/>), and the texts the fast-path tests hold
/// each matcher to its plain form over (here, <see cref="PrefixGateTests"/>, <see cref="LexiconFastPathTests"/>).
/// </summary>
public class SentenceWordsTests
{
    // Every alternative of the status-verb, trap and refusal patterns in a phrase it matches, and word starts to get right.
    private static readonly string[] Crafted =
    [
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
        "To replenish stocks, replace its fleet, replacing their tanks, its own forces, their own stocks.",
        "Berlin refused, rejects, declined to, vetoed, blocks, blocked, blocking, halted, suspends, failed to, opposes, no plans to, no intention, not on the cards, rules out, ruled out, not provide, not yet send.",
        "It won't send, won’t give, wouldn't supply, cannot deliver, can't pledge, can’t fund, doesn't transfer, doesn’t allocate, didn't commit, didn’t give.",
        // Word starts: after a digit or underscore no word starts; a non-ASCII letter is always tried.
        "2delivered 3sent _sent x_pledged re-sent pre-approved ſent ſold Ｓent ÀDelivered éaid K-killed (pledged) \"aid\" 'sent'",
        "DELIVERED PLEDGED APPROVED AID FRAUD REFUSED won't",
        "s", "a", "", " ", "sent", "to",
    ];

    [Fact]
    public void Words_start_at_a_letter_or_digit_after_neither()
    {
        var words = new SentenceWords().For("Send 3 HIMARS, 155mm shells and re-armed T-72s (x2).");
        var starts = Enumerable.Range(0, words.Count).Select(words.Start).ToArray();
        Assert.Equal([0, 5, 7, 15, 21, 28, 32, 35, 41, 43, 48], starts);
    }

    /// <summary>The crafted phrases, the labelled sentences and, when ../shared is present, the real news texts.</summary>
    internal static IEnumerable<string> Texts()
    {
        foreach (var t in Crafted) yield return t;
        foreach (var t in JsonlTexts(Path.Combine(SharedData.RepoRoot, "tests", "PledgeLedger.Extraction.Tests", "Labelled", "sentences.jsonl"))) yield return t;
        if (SharedData.Root is not { } shared) yield break;
        foreach (var t in JsonlTexts(Path.Combine(shared, "realnews", "sentences.jsonl"))) yield return t;
        var articles = Path.Combine(shared, "realnews", "articles");
        if (!Directory.Exists(articles)) yield break;
        foreach (var file in Directory.EnumerateFiles(articles, "*.txt").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file)) yield return line;
        }
    }

    private static IEnumerable<string> JsonlTexts(string path)
    {
        if (!File.Exists(path)) yield break;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("text", out var text) && text.GetString() is { } s) yield return s;
        }
    }
}
