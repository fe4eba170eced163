using System.Text.Json;
using System.Text.Json.Serialization;

namespace PledgeLedger.Reporting.Export;

/// <summary>The report model as JSON: snake_case names and enum values, decimals as numbers.</summary>
public static class JsonExport
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    public static void Write(IReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        // The async serializer flushes to the stream as its buffer fills; the sync one holds the whole document.
        // Reports are written from a console process (no synchronization context), so blocking here is safe.
        JsonSerializer.SerializeAsync(stream, report, report.GetType(), Options).GetAwaiter().GetResult();
    }
}
