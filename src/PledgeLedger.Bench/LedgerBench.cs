namespace PledgeLedger.Bench;

internal static class LedgerBench
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("not written yet");
        return Task.FromResult(3);
    }
}
