using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PledgeLedger.Cli;

/// <summary>
/// Text echoed back to a terminal (a value typed, a file name, a line read from a file) with its control characters
/// escaped: a value holding ESC or BEL cannot recolour, retitle or rewrite the terminal; it reads as \x1b, \a.
/// </summary>
public static class Printable
{
    /// <summary>Escapes C0/C1 control characters (but newline and tab) and bidirectional overrides as \xNN or \u{NNNN}.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (!NeedsEscape(text)) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (!IsUnsafe(c)) sb.Append(c);
            else if (c <= 0xFF) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else sb.Append("\\u{").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)).Append('}');
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(string text)
    {
        foreach (var c in text)
        {
            if (IsUnsafe(c)) return true;
        }
        return false;
    }

    private static bool IsUnsafe(char c) =>
        (c < 0x20 && c is not '\n' and not '\t') || c is >= '\u007f' and <= '\u009f'
        || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';
}

/// <summary>A writer that passes text on with <see cref="Printable.Escape"/> applied: standard error of every command.</summary>
public sealed class PrintableWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value) => inner.Write(Printable.Escape(value.ToString()));

    public override void Write(string? value) => inner.Write(Printable.Escape(value));

    public override void Write(char[] buffer, int index, int count) => inner.Write(Printable.Escape(new string(buffer, index, count)));

    public override void WriteLine(string? value) => inner.WriteLine(Printable.Escape(value));

    public override void Flush() => inner.Flush();
}

/// <summary>System.CommandLine's parse errors in the project's words: no .NET type names.</summary>
internal static partial class ParseErrors
{
    public static string Explain(string message)
    {
        var m = CannotParse().Match(message);
        if (!m.Success) return message;
        var type = m.Groups["type"].Value;
        var accepted = type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal)
            ? "a whole number (e.g. 50)"
            : type.Contains("Decimal", StringComparison.Ordinal) || type.Contains("Double", StringComparison.Ordinal) ? "a number (e.g. 2.5)"
            : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
            : "a valid value (see --help)";
        return $"{m.Groups["option"].Value}: '{m.Groups["value"].Value}' is not {accepted}";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<option>[^']*)' as expected type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex CannotParse();
}
