using System.Globalization;

namespace PledgeLedger.Core;

/// <summary>A donor: a state (code = ISO 3166-1 alpha-2), an organisation or a coalition (code = registry code).</summary>
public sealed record Donor(string Code, string? Alpha3, string Name, DonorKind Kind, IReadOnlyList<string> Aliases);

/// <summary>An equipment system from the catalog, with an optional estimated unit value and its basis.</summary>
public sealed record EquipmentSystem(
    string Id, string Name, string Category, IReadOnlyList<string> Aliases, decimal? UnitValueEur, string? ValueBasis);

/// <summary>
/// The reference lists shipped with the code (Catalog/*.csv, embedded): every UN member state plus the
/// organisations and coalitions seen in aid tracking, and the equipment systems donated to Ukraine.
/// migrations/ seeds the same rows into the database; a test keeps the two in step.
/// </summary>
public static class ReferenceData
{
    private static readonly Lazy<IReadOnlyList<Donor>> LazyDonors = new(() => ReadCsv("donors.csv").Select(r => new Donor(
        r[0], r[1].Length == 0 ? null : r[1], r[2], EnumNames.ParseDonorKind(r[3]), SplitAliases(r[4]))).ToList());

    private static readonly Lazy<IReadOnlyList<EquipmentSystem>> LazySystems = new(() => ReadCsv("systems.csv").Select(r => new EquipmentSystem(
        r[0], r[1], r[2], SplitAliases(r[3]),
        r[4].Length == 0 ? null : decimal.Parse(r[4], CultureInfo.InvariantCulture),
        r[5].Length == 0 ? null : r[5])).ToList());

    public static IReadOnlyList<Donor> Donors => LazyDonors.Value;
    public static IReadOnlyList<EquipmentSystem> Systems => LazySystems.Value;

    /// <summary>
    /// Categories no catalog system has, for free-text items whose head noun names none of the systems' categories:
    /// helmets, body armour, night-vision goggles (protective_gear); generators, tents, medical kits, winter clothing
    /// (supplies). Seeded by migration 0008 with the systems' categories.
    /// </summary>
    public static IReadOnlyList<string> ItemCategories { get; } = ["protective_gear", "supplies", "other"];

    private static readonly Lazy<IReadOnlyList<string>> LazyCategories = new(() =>
        Systems.Select(s => s.Category).Concat(ItemCategories).Distinct().Order(StringComparer.Ordinal).ToList());

    /// <summary>The equipment categories: those of the catalog's systems and <see cref="ItemCategories"/>.</summary>
    public static IReadOnlyList<string> Categories => LazyCategories.Value;

    private static string[] SplitAliases(string s) => s.Length == 0 ? [] : s.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<string[]> ReadCsv(string name)
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("PledgeLedger.Core.Catalog." + name)
            ?? throw new InvalidOperationException($"embedded catalog {name} missing");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) rows.Add(Csv.SplitLine(line));
        }
        return rows;
    }
}

/// <summary>Looks donors up by code (alpha-2, alpha-3, registry code), name or alias, ignoring case.</summary>
public sealed class DonorRegistry
{
    private readonly Dictionary<string, Donor> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Donor> _byCode = new(StringComparer.OrdinalIgnoreCase);

    public DonorRegistry(IEnumerable<Donor> donors)
    {
        All = donors.ToList();
        foreach (var d in All)
        {
            _byCode[d.Code] = d;
        }
        // Codes first so an alias can never shadow a code; then names, then aliases.
        foreach (var d in All) _byKey.TryAdd(d.Code, d);
        foreach (var d in All)
        {
            if (d.Alpha3 is { } a3) _byKey.TryAdd(a3, d);
        }
        foreach (var d in All) _byKey.TryAdd(d.Name, d);
        foreach (var d in All)
        {
            foreach (var a in d.Aliases) _byKey.TryAdd(a, d);
        }
    }

    public static DonorRegistry Default { get; } = new(ReferenceData.Donors);

    public IReadOnlyList<Donor> All { get; }

    public Donor? Find(string? nameOrCode) =>
        nameOrCode is null ? null : _byKey.GetValueOrDefault(nameOrCode.Trim());

    public Donor? ByCode(string code) => _byCode.GetValueOrDefault(code);
}

/// <summary>Looks equipment systems up by id, name or alias, ignoring case.</summary>
public sealed class SystemCatalog
{
    private readonly Dictionary<string, EquipmentSystem> _byKey = new(StringComparer.OrdinalIgnoreCase);

    public SystemCatalog(IEnumerable<EquipmentSystem> systems)
    {
        All = systems.ToList();
        foreach (var s in All) _byKey.TryAdd(s.Id, s);
        foreach (var s in All) _byKey.TryAdd(s.Name, s);
        foreach (var s in All)
        {
            foreach (var a in s.Aliases) _byKey.TryAdd(a, s);
        }
    }

    public static SystemCatalog Default { get; } = new(ReferenceData.Systems);

    public IReadOnlyList<EquipmentSystem> All { get; }

    public EquipmentSystem? Find(string? nameOrId) =>
        nameOrId is null ? null : _byKey.GetValueOrDefault(nameOrId.Trim());
}

/// <summary>The smallest CSV reader that handles quoted fields; Core depends on the BCL only.</summary>
public static class Csv
{
    public static string[] SplitLine(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return [.. fields];
    }
}
