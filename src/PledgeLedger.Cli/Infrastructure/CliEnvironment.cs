
namespace PledgeLedger.Cli;

/// <summary>
/// What a command writes to and reads from: standard output and error, standard input, environment variables and
/// the clock. Tests pass StringWriters and a fixed clock; Program passes the console.
/// </summary>
public sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public Func<Stream> OpenStandardInput { get; init; } = Console.OpenStandardInput;
    /// <summary>Standard output as bytes (a PDF report to <c>--out -</c>); text goes through <see cref="Out"/>.</summary>
    public Func<Stream> OpenStandardOutput { get; init; } = Console.OpenStandardOutput;
    public bool OutputIsTerminal { get; init; }
    public bool ErrorIsTerminal { get; init; }
    public IReadOnlyDictionary<string, string?> Variables { get; init; } = new Dictionary<string, string?>();
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>The directory relative paths are resolved against (reports/ goes here).</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The terminal's width in columns when known (tests); else Spectre asks the console.</summary>
    public int? TerminalWidth { get; init; }

    public string? Variable(string name) => Variables.TryGetValue(name, out var v) ? v : null;

    public bool NoColor => !string.IsNullOrEmpty(Variable("NO_COLOR"));

    public static CliEnvironment FromConsole()
    {
        var vars = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in System.Environment.GetEnvironmentVariables())
        {
            vars[(string)e.Key] = e.Value as string;
        }
        var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var stderr = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
        return new CliEnvironment
        {
            Out = stdout,
            Error = stderr,
            OutputIsTerminal = !Console.IsOutputRedirected,
            ErrorIsTerminal = !Console.IsErrorRedirected,
            Variables = vars,
        };
    }

    /// <summary>A Spectre console on standard output that honours NO_COLOR and plain (non-terminal) output.</summary>
    public IAnsiConsole CreateConsole(TextWriter writer, bool isTerminal)
    {
        var plain = !isTerminal || NoColor;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = isTerminal && !NoColor ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!isTerminal) console.Profile.Width = 200;
        else if (TerminalWidth is { } width) console.Profile.Width = width;
        return console;
    }
}
