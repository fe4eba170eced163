using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;

namespace PledgeLedger.Cli;

/// <summary>How listings are printed: a table for people, JSON or CSV for scripts (stable snake_case keys).</summary>
public enum OutputFormat { Table, Json, Csv }

/// <summary>One output row: ordered snake_case keys and plain values (string, number, bool, date, null or nested rows).</summary>
public sealed class Row : List<KeyValuePair<string, object?>>
{
    public Row Set(string key, object? value)
    {
        Add(new(key, value));
        return this;
    }

    /// <summary>The same fields with the given columns first, in their order (stable JSON key order).</summary>
    public Row Ordered(IReadOnlyList<string> columns)
    {
        var ordered = new Row();
        var map = this.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var c in columns)
        {
            if (map.Remove(c, out var v)) ordered.Set(c, v);
        }
        foreach (var kv in this)
        {
            if (map.ContainsKey(kv.Key)) ordered.Add(kv);
        }
        return ordered;
    }
}

/// <summary>Writes rows as a Spectre table, a JSON array or CSV, the same columns in each.</summary>
public static class Output
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static OutputFormat Parse(string? s) => (s ?? "table").ToLowerInvariant() switch
    {
        "table" => OutputFormat.Table,
        "json" => OutputFormat.Json,
        "csv" => OutputFormat.Csv,
        _ => throw new UserInputException($"--format: '{s}' is not a format (table, json or csv)"),
    };

    /// <summary>Columns of free text: on a narrow terminal they wrap at word boundaries; every other value stays whole.</summary>
    private static readonly HashSet<string> ProseColumns = new(StringComparer.Ordinal) { "reason", "text", "note", "title", "basis", "review_reason", "message" };

    /// <summary>The narrowest a prose column gets before it is left out.</summary>
    private const int MinProseWidth = 16;

    /// <summary>
    /// Writes <c>rows</c> in <c>format</c>; a table shows <c>tableColumns</c> (all when null). <c>priority</c> names table
    /// columns most useful first: on a terminal too narrow for all of them the least useful are left out (and named
    /// under the table; <c>--wide</c> shows all). Columns not named come last, in table order.
    /// </summary>
    public static void Write(CliContext ctx, OutputFormat format, IReadOnlyList<string> columns, IReadOnlyList<Row> rows, string? title = null, IReadOnlySet<string>? tableColumns = null,
        IReadOnlyList<string>? priority = null)
    {
        switch (format)
        {
            case OutputFormat.Json:
                WriteJson(ctx.Out, rows.Select(r => r.Ordered(columns)).ToList());
                break;
            case OutputFormat.Csv:
                WriteCsv(ctx.Out, columns, rows);
                break;
            default:
                WriteTable(ctx, columns.Where(c => tableColumns is null || tableColumns.Contains(c)).ToList(), rows, title, priority);
                break;
        }
    }

    public static void WriteJson(TextWriter writer, IReadOnlyList<Row> rows)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, JsonOptions))
        {
            w.WriteStartArray();
            foreach (var row in rows) WriteObject(w, row);
            w.WriteEndArray();
        }
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
    }

    public static void WriteObject(Utf8JsonWriter w, Row row)
    {
        w.WriteStartObject();
        foreach (var (key, value) in row)
        {
            w.WritePropertyName(key);
            WriteValue(w, value);
        }
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case decimal d: w.WriteNumberValue(Normalize(d)); break;
            case DateOnly d: w.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset t: w.WriteStringValue(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)); break;
            case Row r: WriteObject(w, r); break;
            case IEnumerable<Row> rows:
                w.WriteStartArray();
                foreach (var r in rows) WriteObject(w, r);
                w.WriteEndArray();
                break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    public static void WriteCsv(TextWriter writer, IReadOnlyList<string> columns, IReadOnlyList<Row> rows)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var c in columns) csv.WriteField(c);
        csv.NextRecord();
        foreach (var row in rows)
        {
            var map = row.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            foreach (var c in columns) csv.WriteField(Plain(map.GetValueOrDefault(c)));
            csv.NextRecord();
        }
        csv.Flush();
    }

    /// <summary>A value as plain invariant text (CSV cells; table cells before markup escaping).</summary>
    public static string Plain(object? value) => value switch
    {
        null => "",
        decimal d => Normalize(d).ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Row r => string.Join(" ", r.Select(kv => Plain(kv.Value))),
        IEnumerable<Row> rows => string.Join("; ", rows.Select(Plain)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static void WriteTable(CliContext ctx, IReadOnlyList<string> columns, IReadOnlyList<Row> rows, string? title, IReadOnlyList<string>? priority)
    {
        var cells = rows.Select(row =>
        {
            var map = row.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            return columns.ToDictionary(c => c, c => CellText(c, map.GetValueOrDefault(c)), StringComparer.Ordinal);
        }).ToList();
        var widths = columns.ToDictionary(c => c, c => Width(c, cells.Select(r => r[c])), StringComparer.Ordinal);

        // A terminal shows what fits whole; a pipe or a file (and --wide) gets every column.
        var shown = columns;
        var hidden = new List<string>();
        if (ctx.Env.OutputIsTerminal && !ctx.Wide)
        {
            (shown, hidden) = Fit(columns, widths, priority, ctx.Console.Profile.Width);
        }
        else if (ctx.Env.OutputIsTerminal)
        {
            // --wide: every column at its full width; the terminal may wrap the line, never a value.
            ctx.Console.Profile.Width = Math.Max(ctx.Console.Profile.Width, TableWidth(columns.Select(c => widths[c].Full)));
        }
        // Headers on one line when the table still fits that way; else they wrap at their spaces (values never do).
        var headersWhole = !ctx.Env.OutputIsTerminal || ctx.Wide || TableWidth(shown.Select(c => widths[c].Full)) <= ctx.Console.Profile.Width;
        // Prose shares what the value columns leave, so the table fits and Spectre never squeezes a value column.
        var prose = shown.Count(ProseColumns.Contains);
        var valueWidth = TableWidth(shown.Where(c => !ProseColumns.Contains(c)).Select(c => headersWhole ? widths[c].Full : widths[c].Natural)) + (3 * prose);
        var proseShare = prose == 0 ? 0 : (ctx.Console.Profile.Width - valueWidth) / prose;

        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null) table.Title(Markup.Escape(title));
        foreach (var c in shown)
        {
            var col = new TableColumn(Markup.Escape(c.Replace('_', ' ')));
            if (rows.Count > 0 && rows[0].FirstOrDefault(kv => kv.Key == c).Value is decimal or int or long) col.RightAligned();
            // A value column is as wide as its widest value, so no value is ever broken; prose takes what is left.
            if (!ProseColumns.Contains(c)) col.Width(headersWhole ? widths[c].Full : widths[c].Natural);
            else if (ctx.Env.OutputIsTerminal && !ctx.Wide) col.Width(Math.Clamp(proseShare, widths[c].Minimum, widths[c].Natural));
            table.AddColumn(col);
        }
        foreach (var row in cells) table.AddRow(shown.Select(c => Markup.Escape(row[c])).ToArray());
        if (hidden.Count > 0) table.Caption(Markup.Escape($"not shown at {ctx.Console.Profile.Width} columns: {string.Join(", ", hidden.Select(h => h.Replace('_', ' ')))} (--wide shows all)"));
        ctx.Console.Write(table);
    }

    /// <param name="Full">The widest value and the whole header on one line.</param>
    /// <param name="Natural">The widest value and the header's longest word (the header wraps at its spaces).</param>
    /// <param name="Minimum">What the column needs to be shown: <paramref name="Natural"/>, or less for prose that wraps.</param>
    private readonly record struct ColumnWidth(int Full, int Natural, int Minimum);

    /// <summary>A value column needs its widest value (and the header's longest word); prose can wrap down to a minimum.</summary>
    private static ColumnWidth Width(string column, IEnumerable<string> values)
    {
        var word = column.Split('_').Max(w => w.Length);
        var value = values.SelectMany(v => v.Split('\n')).Select(l => l.Length).DefaultIfEmpty(0).Max();
        var natural = Math.Max(word, value);
        var minimum = ProseColumns.Contains(column) ? Math.Min(natural, Math.Max(word, MinProseWidth)) : natural;
        return new ColumnWidth(Math.Max(column.Length, value), natural, minimum);
    }

    /// <summary>Rounded border: "│ a │ b │" is each width plus three, plus one.</summary>
    private static int TableWidth(IEnumerable<int> widths) => widths.Sum(w => w + 3) + 1;

    /// <summary>
    /// The columns that fit <paramref name="available"/> whole: taken in priority order, each one kept when it still
    /// fits (a wide column left out does not keep a narrower, less useful one out), shown in table order.
    /// </summary>
    private static (IReadOnlyList<string> Shown, List<string> Hidden) Fit(IReadOnlyList<string> columns, Dictionary<string, ColumnWidth> widths, IReadOnlyList<string>? priority, int available)
    {
        if (TableWidth(columns.Select(c => widths[c].Minimum)) <= available) return (columns, []);
        var order = (priority ?? []).Where(columns.Contains).Concat(columns.Where(c => priority is null || !priority.Contains(c))).ToList();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var used = 1;
        foreach (var c in order)
        {
            var need = widths[c].Minimum + 3;
            if (kept.Count == 0 || used + need <= available)
            {
                kept.Add(c);
                used += need;
            }
        }
        return (columns.Where(kept.Contains).ToList(), columns.Where(c => !kept.Contains(c)).ToList());
    }

    /// <summary>A table cell: like <see cref="Display"/>, but EUR to the euro and a list one item per line.</summary>
    private static string CellText(string key, object? value) => value switch
    {
        IEnumerable<Row> rows => string.Join("\n", rows.Select(r => Display(key, r))),
        decimal d when IsEur(key) => TableEur(d).ToString("#,0", CultureInfo.InvariantCulture),
        _ => Display(key, value),
    };

    /// <summary>
    /// EUR in a table, rounded to the euro (as in the PDF reports; JSON and CSV keep cents). A total row adds these
    /// rounded values, so the rows and the total shown agree.
    /// </summary>
    public static decimal TableEur(decimal eur) => Math.Round(eur, 0, MidpointRounding.AwayFromZero);

    /// <summary>EUR values (the key says so): "eur", "eur_once", "in_kind_eur", "ours_eur" ...; not a rate ("units_per_eur").</summary>
    public static bool IsEur(string key) => key is "eur" || key.StartsWith("eur_", StringComparison.Ordinal) || key.Contains("_eur_", StringComparison.Ordinal)
        || (key.EndsWith("_eur", StringComparison.Ordinal) && !key.EndsWith("_per_eur", StringComparison.Ordinal));

    /// <summary>
    /// EUR and amounts to the cent ("5,413,791,955.50", never ".5"; whole sums without cents); other numbers (rates,
    /// confidences) with every digit they have.
    /// </summary>
    private static string Number(string key, decimal d)
    {
        if (IsEur(key) || key == "amount") return d.ToString(d != decimal.Truncate(d) ? "#,0.00" : "#,0", CultureInfo.InvariantCulture);
        return Normalize(d).ToString("#,0.############################", CultureInfo.InvariantCulture);
    }

    /// <summary>The same value without trailing zeros of its scale (numeric 1500000000.0 -> 1500000000).</summary>
    public static decimal Normalize(decimal d) => d / 1.0000000000000000000000000000m;

    /// <summary>Human display of the value of <paramref name="key"/>: thousands separators, money to the cent.</summary>
    public static string Display(string key, object? value) => value switch
    {
        decimal d => Number(key, d),
        long l => l.ToString("#,0", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        Row r => string.Join(" ", r.Select(kv => Display(kv.Key, kv.Value))),
        IEnumerable<Row> rows => string.Join("; ", rows.Select(r => Display(key, r))),
        _ => Plain(value),
    };
}
