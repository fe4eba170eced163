using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PledgeLedger.Core;

namespace PledgeLedger.Extraction;

/// <summary>
/// The <c>pledge extract --format jsonl</c> contract: one consolidated pledge per line, snake_case keys, nulls
/// written, donor as ISO alpha-2 (states) or registry code, amounts as plain JSON numbers (never an exponent).
/// </summary>
public static class ExtractJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static string ToJsonLine(CandidatePledge c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var p = c.Pledge;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("donor", p.DonorCode);
            w.WriteString("donor_name", c.DonorName);
            w.WriteString("kind", p.Kind.Name());
            WriteDecimal(w, "amount", p.Amount);
            w.WriteString("currency", p.Currency);
            w.WriteString("qualifier", p.Qualifier.Name());
            w.WriteString("period", p.Period.Name());
            if (p.Years is { } y) w.WriteNumber("years", y);
            else w.WriteNull("years");
            w.WriteString("system", c.SystemName);
            w.WriteString("item", p.SystemId is null ? p.Item : null);
            w.WriteString("category", c.Category ?? p.Category);
            if (p.Quantity is { } q) w.WriteNumber("quantity", q);
            else w.WriteNull("quantity");
            w.WriteString("status", p.Status.Name());
            w.WriteString("aid_type", p.AidType.Name());
            if (p.AnnouncedOn is { } d) w.WriteString("date", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            else w.WriteNull("date");
            WriteDecimal(w, "confidence", p.Confidence);
            w.WriteBoolean("needs_review", p.NeedsReview);
            w.WriteString("review_reason", p.ReviewReason);
            w.WriteStartArray("evidence");
            foreach (var e in c.Evidence)
            {
                w.WriteStartObject();
                w.WriteString("source", e.Source);
                w.WriteNumber("start", e.Start);
                w.WriteNumber("end", e.End);
                w.WriteNumber("line", e.Line);
                w.WriteString("text", e.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteDecimal(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
            return;
        }
        // "G29"-style plain digits without trailing zeros: 1500000000, 0.93.
        var s = value.Value.ToString("0.############################", CultureInfo.InvariantCulture);
        w.WritePropertyName(name);
        w.WriteRawValue(s, skipInputValidation: false);
    }
}
