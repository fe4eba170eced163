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
        JsonSerializer.Serialize(stream, report, report.GetType(), Options);
    }
}
