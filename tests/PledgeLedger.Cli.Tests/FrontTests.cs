namespace PledgeLedger.Cli.Tests;

/// <summary>
/// The native front of the published `pledge` (issue 13) runs a few commands itself (extract among them) and hands
/// the rest to the full CLI. What it runs must exist, under the same name, in the full CLI's tree; help and every other command go on.
/// The hand-over itself (exec of pledge-jit) is run through the published binary by .ci/aot-smoke.
/// </summary>
public sealed class FrontTests
{
    [Theory]
    [InlineData("totals")]
    [InlineData("totals --format csv --by month")]
    [InlineData("totals --as-of 2025-01-01 --in-kind")]
    [InlineData("list --limit 20 --format csv")]
    [InlineData("list --donor DE --format json")]
    [InlineData("add --donor DE --amount 500m --currency EUR --date 2024-05-31")]
    [InlineData("show 12")]
    [InlineData("db url")]
    [InlineData("list --limit abc")]
    [InlineData("extract .bench/corpus --format jsonl")]
    [InlineData("extract a.html b.pdf c.xml d.txt --format table --date 2024-06-01")]
    [InlineData("extract -")]
    [InlineData("extract")]
    public void The_front_runs_the_quick_commands(string line) =>
        Assert.True(Front.Handles(line.Split(' ')));

    [Theory]
    [InlineData("")]
    [InlineData("--help")]
    [InlineData("totals --help")]
    [InlineData("list -h")]
    [InlineData("--version")]
    [InlineData("totals --reported")]
    [InlineData("totals --reported=true")]
    [InlineData("db migrate")]
    [InlineData("db status")]
    [InlineData("db")]
    [InlineData("ingest a.txt")]
    [InlineData("report monthly --month 2024-06")]
    [InlineData("demo")]
    [InlineData("amend 3 --quantity 2 --reason x")]
    [InlineData("--db Host=x list")]
    [InlineData("addd --donor DE")]
    [InlineData("list @args.rsp")]
    [InlineData("[diagram] list")]
    [InlineData("extract --help")]
    [InlineData("--verbose extract a.txt")]
    public void The_front_hands_everything_else_to_the_full_cli(string line) =>
        Assert.False(Front.Handles(line.Length == 0 ? [] : line.Split(' ')));

    [Fact]
    public void Every_command_the_front_runs_is_a_command_of_the_full_cli()
    {
        var app = new CliApp(new CliEnvironment { Out = new StringWriter(), Error = new StringWriter(), Variables = new Dictionary<string, string?>() });
        var root = app.BuildRoot();
        foreach (var name in new[] { "totals", "list", "add", "show", "extract" })
        {
            Assert.Contains(root.Subcommands, c => c.Name == name);
        }
        Assert.Contains(root.Subcommands.Single(c => c.Name == "db").Subcommands, c => c.Name == "url");
    }
}
