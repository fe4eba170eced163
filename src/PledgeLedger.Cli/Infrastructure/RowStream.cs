using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;

namespace PledgeLedger.Cli;

/// <summary>
/// Writes rows as they arrive, in the same formats and bytes as <see cref="Output.Write"/>, holding at most one
/// table page in memory: CSV and JSON row by row (JSON flushed in chunks), tables in pages of
/// <see cref="TablePage"/> rows. A listing of up to one page prints exactly as <see cref="Output.Write"/> prints it;
/// a longer one prints one table per page (titled with its row range; column widths are per page) and the total
/// on a line after the last page.
/// </summary>
public static class RowStream
{
    /// <summary>Rows per table page (a person reads a page; scripts use --format csv|json for everything).</summary>
    public const int TablePage = 1000;

    private const int JsonChunk = 64 * 1024;
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes every row; returns how many. <paramref name="title"/> names the whole listing from its row count.</summary>
    public static async Task<long> WriteAsync(CliContext ctx, OutputFormat format, IReadOnlyList<string> columns, IAsyncEnumerable<Row> rows,
        Func<long, string> title, IReadOnlySet<string>? tableColumns, CancellationToken ct, IReadOnlyList<string>? priority = null) => format switch
        {
            OutputFormat.Json => await WriteJsonAsync(ctx.Out, columns, rows, ct),
            OutputFormat.Csv => await WriteCsvAsync(ctx.Out, columns, rows, ct),
            _ => await WriteTableAsync(ctx, columns, rows, title, tableColumns, priority, ct),
        };

    /// <summary>The JSON array of <see cref="Output.WriteJson"/>, byte for byte, written as the rows come.</summary>
    public static async Task<long> WriteJsonAsync(TextWriter writer, IReadOnlyList<string> columns, IAsyncEnumerable<Row> rows, CancellationToken ct)
    {
        long n = 0;
        var decoder = Encoding.UTF8.GetDecoder();
        using var ms = new MemoryStream();
        await using (var w = new Utf8JsonWriter(ms, JsonOptions))
        {
            w.WriteStartArray();
            await foreach (var row in rows.WithCancellation(ct))
            {
                Output.WriteObject(w, row.Ordered(columns));
                n++;
                if (w.BytesPending + ms.Length >= JsonChunk)
                {
                    await w.FlushAsync(ct);
                    await Drain(writer, ms, decoder, ct);
                }
            }
            w.WriteEndArray();
        }
        await Drain(writer, ms, decoder, ct);
        await writer.WriteLineAsync();
        return n;
    }

    private static async Task Drain(TextWriter writer, MemoryStream ms, Decoder decoder, CancellationToken ct)
    {
        var bytes = ms.GetBuffer().AsMemory(0, (int)ms.Length);
        var chars = new char[decoder.GetCharCount(bytes.Span, flush: false)];
        decoder.GetChars(bytes.Span, chars, flush: false);
        await writer.WriteAsync(chars, ct);
        ms.SetLength(0);
    }

    /// <summary>The CSV of <see cref="Output.WriteCsv"/>, byte for byte, written row by row.</summary>
    public static async Task<long> WriteCsvAsync(TextWriter writer, IReadOnlyList<string> columns, IAsyncEnumerable<Row> rows, CancellationToken ct)
    {
        long n = 0;
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var c in columns) csv.WriteField(c);
        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(ct))
        {
            var map = row.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            foreach (var c in columns) csv.WriteField(Output.Plain(map.GetValueOrDefault(c)));
            await csv.NextRecordAsync();
            n++;
        }
        await csv.FlushAsync();
        return n;
    }

    private static async Task<long> WriteTableAsync(CliContext ctx, IReadOnlyList<string> columns, IAsyncEnumerable<Row> rows,
        Func<long, string> title, IReadOnlySet<string>? tableColumns, IReadOnlyList<string>? priority, CancellationToken ct)
    {
        var page = new List<Row>(TablePage);
        long n = 0;
        var paged = false;
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (page.Count == TablePage)
            {
                Output.Write(ctx, OutputFormat.Table, columns, page, PageTitle(n - page.Count, n), tableColumns, priority);
                page.Clear();
                paged = true;
            }
            page.Add(row);
            n++;
        }
        if (!paged)
        {
            Output.Write(ctx, OutputFormat.Table, columns, page, title(n), tableColumns, priority);
            return n;
        }
        Output.Write(ctx, OutputFormat.Table, columns, page, PageTitle(n - page.Count, n), tableColumns, priority);
        await ctx.Out.WriteLineAsync(title(n));
        return n;
    }

    private static string PageTitle(long skipped, long last) =>
        string.Create(CultureInfo.InvariantCulture, $"rows {skipped + 1:N0}-{last:N0}");
}
