using FluentValidation;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Tests;

/// <summary>Each kind of outcome has its own exit code, so a script can tell a bug from bad input or a partial batch.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public void Codes_are_distinct_and_documented_values()
    {
        int[] codes = [ExitCodes.Ok, ExitCodes.PartlyFailed, ExitCodes.BadInput, ExitCodes.Environment, ExitCodes.Internal, ExitCodes.Interrupted];
        Assert.Equal([0, 1, 2, 3, 70, 130], codes);
    }

    [Fact]
    public void A_bug_is_an_internal_error_not_a_partial_batch()
    {
        var (code, message) = PledgeCli.Classify(new InvalidOperationException("sequence contains no elements"));
        Assert.Equal(ExitCodes.Internal, code);
        Assert.Contains("internal error", message);
        Assert.Contains("--verbose", message);
    }

    [Fact]
    public void An_interruption_has_its_own_code()
    {
        Assert.Equal(ExitCodes.Interrupted, PledgeCli.Classify(new OperationCanceledException()).Code);
        Assert.Equal(ExitCodes.Interrupted, PledgeCli.Classify(new TaskCanceledException()).Code);
    }

    [Fact]
    public void Input_and_environment_keep_their_codes()
    {
        Assert.Equal(ExitCodes.BadInput, PledgeCli.Classify(new UserInputException("--x: bad")).Code);
        Assert.Equal(ExitCodes.BadInput, PledgeCli.Classify(new ValidationException("bad")).Code);
        Assert.Equal(ExitCodes.Environment, PledgeCli.Classify(new LedgerEnvironmentException("down")).Code);
    }
}
