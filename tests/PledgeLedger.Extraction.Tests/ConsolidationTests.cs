using System.Text.Json;
using PledgeLedger.Core;
using PledgeLedger.Tests;

namespace PledgeLedger.Extraction.Tests;

/// <summary>Counting a pledge once: within a document, across documents, whatever the input order.</summary>
public sealed class ConsolidationTests
{
    private static readonly PledgeExtractor Extractor = new();

    private static ExtractedDocument Doc(string source, string text, DateOnly? published = null) =>
        new(source, "", null, published, "text", text, null);

    [Fact]
    public void A_headline_printed_twice_is_one_pledge_with_two_evidence_rows()
    {
        const string Text = "12:31 31.05.2024\nAustralia announces new aid package worth AUD20 mln for Ukraine\n\nAustralia announces new aid package worth AUD20 mln for Ukraine\n";
        var c = Assert.Single(Extractor.Extract(Doc("a.txt", Text)));
        Assert.Equal([2, 4], c.Evidence.Select(e => e.Line));
        Assert.Equal(new DateOnly(2024, 5, 31), c.Pledge.AnnouncedOn);
    }

    [Theory]
    [InlineData("2024-05-31", "2024-06-12", 1)]
    [InlineData("2024-05-01", "2024-06-12", 2)]
    [InlineData(null, "2024-06-12", 2)] // an undated statement is never the same pledge as a dated one
    public void The_same_pledge_in_two_outlets_merges_within_the_date_window(string? a, string b, int expected)
    {
        DateOnly? Parse(string? s) => s is null ? null : DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var first = Extractor.Extract(Doc("a.txt", "Germany pledges EUR 500 mln to Ukraine", Parse(a)));
        var second = Extractor.Extract(Doc("b.txt", "Germany has pledged EUR 500 million for Ukraine", Parse(b)));
        var merged = PledgeConsolidator.Consolidate(first.Concat(second));
        Assert.Equal(expected, merged.Count);
        if (expected == 1)
        {
            Assert.Equal(2, merged[0].Evidence.Count);
            Assert.Equal(Parse(a) ?? Parse(b), merged[0].Pledge.AnnouncedOn);
        }
    }

    [Fact]
    public void A_restatement_in_another_currency_is_not_a_second_pledge()
    {
        var c = Assert.Single(Extractor.Extract(Doc("a.txt", "NATO chief Jens Stoltenberg has proposed a 5-year, €100 billion ($107 billion) military aid package for Ukraine.")));
        Assert.Equal("EUR", c.Pledge.Currency);
        Assert.Equal(PledgeStatus.Proposed, c.Pledge.Status);
        Assert.Equal(Period.MultiYear, c.Pledge.Period);
        Assert.Equal(5, c.Pledge.Years);
    }

    [SkippableFact]
    public void Consolidating_a_shuffled_corpus_gives_identical_json_lines()
    {
        var seeds = SharedData.Require("seeds");
        var docs = Directory.GetFiles(seeds).SelectMany(DocumentReader.Read).Where(r => r.IsDocument).Select(r => r.Document!).ToList();
        var labelled = Path.Combine(SharedData.RepoRoot, "tests", "PledgeLedger.Extraction.Tests", "Labelled", "sentences.jsonl");
        var i = 0;
        foreach (var line in File.ReadLines(labelled))
        {
            var text = JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!;
            docs.Add(Doc($"labelled-{i++ % 7}", text, new DateOnly(2024, 3, 1).AddDays(i % 40)));
        }
        var candidates = docs.SelectMany(d => Extractor.Extract(d)).ToList();
        var expected = PledgeConsolidator.Consolidate(candidates).Select(ExtractJson.ToJsonLine).ToList();
        Assert.True(expected.Count > 50);
        for (var seed = 1; seed <= 5; seed++)
        {
            var shuffled = candidates.OrderBy(_ => Random.Shared.Next()).ToList();
            new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
            var actual = PledgeConsolidator.Consolidate(shuffled).Select(ExtractJson.ToJsonLine).ToList();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Json_lines_follow_the_contract()
    {
        var c = Extractor.Extract(Doc("p.txt", "20:40 31.05.2024\nGermany to provide Ukraine with another Patriot system, additional EUR 1.5 bln – Baerbock"));
        var lines = c.Select(ExtractJson.ToJsonLine).ToList();
        Assert.Equal(2, lines.Count);
        var money = JsonDocument.Parse(lines.Single(l => l.Contains("\"kind\":\"money\"", StringComparison.Ordinal))).RootElement;
        Assert.Equal("DE", money.GetProperty("donor").GetString());
        Assert.Equal("Germany", money.GetProperty("donor_name").GetString());
        Assert.Contains("\"amount\":1500000000,", lines.Single(l => l.Contains("money", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("2024-05-31", money.GetProperty("date").GetString());
        Assert.Equal(JsonValueKind.Null, money.GetProperty("system").ValueKind);
        Assert.Equal(JsonValueKind.Null, money.GetProperty("review_reason").ValueKind);
        var patriot = JsonDocument.Parse(lines.Single(l => l.Contains("equipment", StringComparison.Ordinal))).RootElement;
        Assert.Equal("Patriot", patriot.GetProperty("system").GetString());
        Assert.Equal("air_defence", patriot.GetProperty("category").GetString());
        Assert.Equal(1, patriot.GetProperty("quantity").GetInt32());
        Assert.Equal("military", patriot.GetProperty("aid_type").GetString());
        var ev = patriot.GetProperty("evidence")[0];
        Assert.Equal(2, ev.GetProperty("line").GetInt32());
        string[] keys = ["donor", "donor_name", "kind", "amount", "currency", "qualifier", "period", "years", "system", "item", "category", "quantity",
            "status", "aid_type", "date", "confidence", "needs_review", "review_reason", "evidence"];
        Assert.Equal(keys, patriot.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_document_without_any_date_yields_null_dates_never_today()
    {
        var c = Assert.Single(Extractor.Extract(Doc("x.txt", "Finland pledges EUR 30 mln for demining.")));
        Assert.Null(c.Pledge.AnnouncedOn);
        var dated = Assert.Single(Extractor.Extract(Doc("x.txt", "Finland pledges EUR 30 mln for demining."), new DateOnly(2024, 1, 2)));
        Assert.Equal(new DateOnly(2024, 1, 2), dated.Pledge.AnnouncedOn);
    }
}
