namespace PledgeLedger.Bench;

internal static class ExtractionBench
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("not written yet");
        return Task.FromResult(3);
    }
}
