namespace PledgeLedger.Extraction.Tests;

/// <summary>The rule tests' one way to extract a sentence written for the test, as a plain-text document of a given date.</summary>
internal static class RuleText
{
    private static readonly PledgeExtractor Extractor = new();

    public static ExtractionResult Extract(string text, DateOnly date) =>
        Extractor.ExtractAll(new ExtractedDocument("test", "", null, null, "text", text, null), date);

    /// <summary>The pledges one JSON line each: the message of a failed assertion.</summary>
    public static string Dump(IEnumerable<CandidatePledge> found) => string.Join("\n", found.Select(ExtractJson.ToJsonLine));
}
