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

    public static void Write(CliContext ctx, OutputFormat format, IReadOnlyList<string> columns, IReadOnlyList<Row> rows, string? title = null, IReadOnlySet<string>? tableColumns = null)
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
                WriteTable(ctx, columns.Where(c => tableColumns is null || tableColumns.Contains(c)).ToList(), rows, title);
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
            case decimal d: w.WriteNumberValue(d); break;
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
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Row r => string.Join(" ", r.Select(kv => Plain(kv.Value))),
        IEnumerable<Row> rows => string.Join("; ", rows.Select(Plain)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static void WriteTable(CliContext ctx, IReadOnlyList<string> columns, IReadOnlyList<Row> rows, string? title)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null) table.Title(Markup.Escape(title));
        foreach (var c in columns)
        {
            var col = new TableColumn(Markup.Escape(c.Replace('_', ' ')));
            if (rows.Count > 0 && rows[0].FirstOrDefault(kv => kv.Key == c).Value is decimal or int or long) col.RightAligned();
            table.AddColumn(col);
        }
        foreach (var row in rows)
        {
            var map = row.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            table.AddRow(columns.Select(c => Markup.Escape(Display(map.GetValueOrDefault(c)))).ToArray());
        }
        ctx.Console.Write(table);
    }

    /// <summary>Human display: thousands separators, money rounded to cents.</summary>
    public static string Display(object? value) => value switch
    {
        decimal d => d.ToString("#,0.##", CultureInfo.InvariantCulture),
        long l => l.ToString("#,0", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        Row r => string.Join(" ", r.Select(kv => Display(kv.Value))),
        IEnumerable<Row> rows => string.Join("; ", rows.Select(Display)),
        _ => Plain(value),
    };
}
