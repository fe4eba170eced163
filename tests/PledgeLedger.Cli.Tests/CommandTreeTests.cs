namespace PledgeLedger.Cli.Tests;

/// <summary>Start-up builds only the command asked for; it must be the same command the whole tree holds under that name.</summary>
public sealed class CommandTreeTests
{
    [Fact]
    public void Building_one_command_gives_the_command_of_that_name_and_only_it()
    {
        var app = new CliApp(new CliEnvironment { Out = new StringWriter(), Error = new StringWriter(), Variables = new Dictionary<string, string?>() });
        var all = app.BuildRoot().Subcommands.Select(c => c.Name).ToList();
        Assert.Contains("redate", all);
        foreach (var name in all)
        {
            Assert.Equal([name], app.BuildRoot(name).Subcommands.Select(c => c.Name).ToList());
        }
    }
}
