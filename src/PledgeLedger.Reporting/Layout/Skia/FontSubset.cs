using System.Buffers.Binary;

namespace PledgeLedger.Reporting.Layout.Skia;

/// <summary>
/// A minimal TrueType subsetter. Skia's bundled PDF backend embeds fonts whole (DejaVu Sans is 0.75 MB a face), so
/// the fonts are trimmed once per process before Skia sees them: outlines of glyphs outside the kept set are
/// emptied, glyph ids stay as they are (cmap and hmtx unchanged), and tables only a shaper reads are dropped
/// (Skia draws with cmap glyphs, no shaping). Fixed script ranges are kept, not the glyphs of one report, so the
/// typeface is the same for every document and output stays deterministic.
/// </summary>
internal static class FontSubset
{
    private static readonly HashSet<string> DroppedTables = ["GPOS", "GSUB", "GDEF", "MATH", "kern", "FFTM", "DSIG", "LTSH", "VDMX", "hdmx"];

    /// <summary>Returns the font with only <paramref name="keep"/> (plus composite parts and glyph 0) outlined.</summary>
    public static byte[] Subset(byte[] font, IEnumerable<ushort> keep)
    {
        var tables = ReadTables(font);
        if (!tables.TryGetValue("glyf", out var glyf) || !tables.TryGetValue("loca", out var loca)
            || !tables.TryGetValue("head", out var head) || !tables.TryGetValue("maxp", out var maxp))
        {
            return font; // not a glyf-outline TrueType font: leave it alone
        }
        var numGlyphs = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(maxp.Offset + 4));
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(head.Offset + 50)) == 1;
        var offsets = new uint[numGlyphs + 1];
        for (var i = 0; i <= numGlyphs; i++)
        {
            offsets[i] = longLoca
                ? BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(loca.Offset + (4 * i)))
                : BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(loca.Offset + (2 * i))) * 2u;
        }

        // Keep glyph 0 and the requested glyphs, then the parts of composite glyphs.
        var kept = new bool[numGlyphs];
        var work = new Stack<int>();
        foreach (var g in keep.Append((ushort)0))
        {
            if (g < numGlyphs && !kept[g])
            {
                kept[g] = true;
                work.Push(g);
            }
        }
        while (work.Count > 0)
        {
            var g = work.Pop();
            foreach (var part in Components(font, glyf.Offset + (int)offsets[g], (int)(offsets[g + 1] - offsets[g])))
            {
                if (part < numGlyphs && !kept[part])
                {
                    kept[part] = true;
                    work.Push(part);
                }
            }
        }

        using var newGlyf = new MemoryStream();
        var newLoca = new byte[4 * (numGlyphs + 1)];
        for (var g = 0; g < numGlyphs; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(4 * g), (uint)newGlyf.Length);
            var length = (int)(offsets[g + 1] - offsets[g]);
            if (!kept[g] || length == 0) continue;
            newGlyf.Write(font, glyf.Offset + (int)offsets[g], length);
            while (newGlyf.Length % 4 != 0) newGlyf.WriteByte(0);
        }
        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(4 * numGlyphs), (uint)newGlyf.Length);

        var newHead = font.AsSpan(head.Offset, head.Length).ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(newHead.AsSpan(8), 0); // checkSumAdjustment, recomputed below
        BinaryPrimitives.WriteInt16BigEndian(newHead.AsSpan(50), 1); // long loca

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (tag, t) in tables)
        {
            if (DroppedTables.Contains(tag)) continue;
            output[tag] = tag switch
            {
                "glyf" => newGlyf.ToArray(),
                "loca" => newLoca,
                "head" => newHead,
                "post" => PostVersion3(font.AsSpan(t.Offset, t.Length)),
                _ => font.AsSpan(t.Offset, t.Length).ToArray(),
            };
        }
        return Write(BinaryPrimitives.ReadUInt32BigEndian(font), output);
    }

    private static Dictionary<string, (int Offset, int Length)> ReadTables(byte[] font)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = font.AsSpan(12 + (16 * i), 16);
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            tables[tag] = ((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }
        return tables;
    }

    /// <summary>The glyph ids a composite glyph is built from (none for a simple glyph).</summary>
    private static List<ushort> Components(byte[] font, int offset, int length)
    {
        var parts = new List<ushort>();
        if (length < 10 || BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(offset)) >= 0) return parts;
        var at = offset + 10;
        const int ArgsAreWords = 0x0001, HaveScale = 0x0008, MoreComponents = 0x0020, HaveXYScale = 0x0040, HaveTwoByTwo = 0x0080;
        int flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at));
            parts.Add(BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at + 2)));
            at += 4 + ((flags & ArgsAreWords) != 0 ? 4 : 2);
            if ((flags & HaveScale) != 0) at += 2;
            else if ((flags & HaveXYScale) != 0) at += 4;
            else if ((flags & HaveTwoByTwo) != 0) at += 8;
        }
        while ((flags & MoreComponents) != 0 && at + 4 <= offset + length);
        return parts;
    }

    /// <summary>'post' without glyph names (version 3.0): the names are a tenth of DejaVu and nothing reads them.</summary>
    private static byte[] PostVersion3(ReadOnlySpan<byte> post)
    {
        var header = post[..32].ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x00030000);
        return header;
    }

    private static byte[] Write(uint sfntVersion, SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var entrySelector = (int)Math.Floor(Math.Log2(count));
        var searchRange = (1 << entrySelector) * 16;
        var headerLength = 12 + (16 * count);
        var total = headerLength + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var result = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(result, sfntVersion);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(4), (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(6), (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(8), (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(10), (ushort)((count * 16) - searchRange));
        var offset = headerLength;
        var headOffset = -1;
        var i = 0;
        foreach (var (tag, data) in tables)
        {
            var record = result.AsSpan(12 + (16 * i), 16);
            System.Text.Encoding.ASCII.GetBytes(tag, record);
            data.CopyTo(result, offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(result.AsSpan(offset, (data.Length + 3) & ~3)));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            if (tag == "head") headOffset = offset;
            offset += (data.Length + 3) & ~3;
            i++;
        }
        if (headOffset >= 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(headOffset + 8), unchecked(0xB1B0AFBA - Checksum(result)));
        }
        return result;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 4 <= data.Length; i += 4) sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        return sum;
    }
}
