using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using PledgeLedger.Core;

namespace PledgeLedger.Import;

/// <summary>One pledge read from one CSV row.</summary>
/// <param name="Pledge">Id 0 (not stored yet); Source "FILE:LINE" unless the mapping names a source.</param>
/// <param name="File">The file name the row came from.</param>
/// <param name="Line">The row's first physical line in the file (the header is line 1).</param>
/// <param name="StatedValueEur">The file's own EUR valuation of the row (Kiel's verdi_eur / monetary_value_eur), when mapped.</param>
/// <param name="Note">The note written to the pledge (mapped note plus the importer's remarks, e.g. an unmatched system).</param>
public sealed record ImportedRow(Pledge Pledge, string File, int Line, decimal? StatedValueEur, string? Note);

/// <summary>The pledges read, the problems met, and how many data rows the file had (a row can yield several pledges or none).</summary>
public sealed record ImportResult(IReadOnlyList<ImportedRow> Rows, IReadOnlyList<ImportProblem> Problems, int RowsRead)
{
    /// <summary>Data rows that yielded no pledge because of a problem (each has at least one problem).</summary>
    public int RowsRejected { get; init; }
}

/// <summary>
/// Imports pledges from a CSV file through an <see cref="ImportMapping"/>. Rows are streamed; a bad row is
/// reported (FILE:LINE: field: reason) and counted, and the batch goes on. A mapping that names a column the
/// file lacks refuses the whole file with one problem on line 1.
/// </summary>
public static class CsvImporter
{
    public static ImportResult Import(string path, ImportMapping map, DonorRegistry donors, SystemCatalog systems)
    {
        var name = Path.GetFileName(path);
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return Import(reader, name, map, donors, systems);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ImportResult([], [ImportMessages.FileUnreadableProblem(name, e.Message)], 0);
        }
    }

    public static ImportResult Import(TextReader reader, string fileName, ImportMapping map, DonorRegistry donors, SystemCatalog systems)
    {
        var rows = new List<ImportedRow>();
        var problems = new List<ImportProblem>();
        var (read, rejected) = Stream(reader, fileName, map, donors, systems, rows.Add, problems.Add);
        return new ImportResult(rows, problems, read) { RowsRejected = rejected };
    }

    /// <summary>
    /// The streaming form: each pledge and each problem is handed over as soon as its row is read, so memory stays
    /// flat whatever the file size. Returns the data rows read and the rows rejected.
    /// </summary>
    public static (int RowsRead, int RowsRejected) Stream(TextReader reader, string fileName, ImportMapping map,
        DonorRegistry donors, SystemCatalog systems, Action<ImportedRow> onRow, Action<ImportProblem> onProblem)
    {
        for (var i = 0; i < map.Skip; i++)
        {
            if (reader.ReadLine() is null) return (0, 0);
        }
        var badData = new List<string>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = map.Delimiter,
            HasHeaderRecord = false,
            BadDataFound = args => badData.Add(args.Field),
            DetectColumnCountChanges = false,
        };
        using var parser = new CsvParser(reader, config, leaveOpen: true);
        string[] header = [];
        var read = 0;
        var rejected = 0;
        try
        {
            if (map.HasHeader)
            {
                if (!parser.Read()) return (0, 0);
                header = parser.Record ?? [];
                if (header.Length > 0) header[0] = header[0].TrimStart('\uFEFF');
            }
            var row = RowMapper.Create(fileName, map, header, donors, systems, out var refusal);
            if (row is null)
            {
                onProblem(refusal!);
                return (0, 0);
            }
            var rowProblems = new List<ImportProblem>();
            while (parser.Read())
            {
                var line = map.Skip + parser.RawRow - CountLineBreaks(parser.RawRecord);
                var record = parser.Record ?? [];
                if (record.Length == 1 && record[0].Length == 0) continue; // blank line
                read++;
                rowProblems.Clear();
                if (badData.Count > 0)
                {
                    rowProblems.Add(ImportMessages.BadRowProblem(fileName, line, "malformed quoting in '" + badData[0] + "'"));
                    badData.Clear();
                }
                else row.Map(record, line, onRow, rowProblems);
                if (rowProblems.Count > 0)
                {
                    rejected++;
                    foreach (var p in rowProblems) onProblem(p);
                }
            }
        }
        catch (CsvHelperException e)
        {
            onProblem(ImportMessages.BadRowProblem(fileName, map.Skip + parser.RawRow, "unreadable CSV, import stopped here: " + e.GetType().Name));
        }
        return (read, rejected);
    }

    private static int CountLineBreaks(string raw)
    {
        var n = 0;
        var end = raw.Length;
        while (end > 0 && raw[end - 1] is '\n' or '\r') end--;
        for (var i = 0; i < end; i++)
        {
            if (raw[i] == '\n') n++;
        }
        return n;
    }
}
