using System.Text.RegularExpressions;
using PledgeLedger.Core;

namespace PledgeLedger.Import;

/// <summary>
/// Importer-local names for donors, systems and categories as the Kiel tracker and the Oryx list write them,
/// for names the shared registry and catalog do not carry. Used by mappings with <c>aliases=kiel</c>
/// (the built-in kiel-bilateral, kiel-weapons and oryx mappings) and by Reconciler.
/// <para>The European Investment Bank stays its own donor (registry code EIB): Kiel's per-donor summary counts
/// its allocations under "EU (Commission and Council)", which is exactly the EU line's difference when reconciling.</para>
/// </summary>
public static class KielAliases
{
    /// <summary>Tracker donor name to registry code.</summary>
    public static readonly IReadOnlyDictionary<string, string> Donors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["EU (Commission and Council)"] = "EU",
        ["EU Institutions"] = "EU",
        ["EU institutions"] = "EU",
        ["European Union"] = "EU",
        ["European Peace Facility"] = "EU",
        ["European Investment Bank"] = "EIB",
        ["Czech Republic"] = "CZ",
        ["Czechia"] = "CZ",
        ["Slovak Republic"] = "SK",
        ["South Korea"] = "KR",
        ["Korea"] = "KR",
        ["Turkiye"] = "TR",
        ["Türkiye"] = "TR",
        ["Turkey"] = "TR",
        ["Taiwan"] = "TW",
        ["United Kingdom"] = "GB",
        ["United States"] = "US",
        ["Macedonia"] = "MK",
        ["North Macedonia"] = "MK",
    };

    /// <summary>Kiel weapons-table and Oryx system names the catalog does not spell that way, to catalog ids.</summary>
    public static readonly IReadOnlyDictionary<string, string> Systems = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["BVP-1 infantry fighting vehicle"] = "bmp-1", // Czechoslovak BMP-1
        ["BVP-1"] = "bmp-1",
        ["BWP-1"] = "bmp-1", // Polish BMP-1
        ["Zusana-2 howitzer"] = "zuzana",
        ["CV9035 MKIIIC"] = "cv90",
        ["SCALP EG Cruise Missile"] = "storm-shadow",
        ["Spada 2000 Battery"] = "aspide",
        ["International M1224 MaxxPro"] = "mrap",
        ["Unknown MRAP"] = "mrap",
        ["AGM-84 Harpoon (Launcher and Missiles)"] = "harpoon",
    };

    /// <summary>Names that contain a catalog system's name but are another vehicle (engineering variants): left unmatched.</summary>
    public static readonly IReadOnlySet<string> NotSystems = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Challenger Armoured Repair and Recovery Vehicle",
    };

    /// <summary>Kiel weapons categories and Oryx vehicle types to catalog categories, for systems the catalog lacks.</summary>
    public static readonly IReadOnlyDictionary<string, string> Categories = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Howitzers"] = "artillery",
        ["Tanks"] = "tanks",
        ["Air Defense"] = "air_defence",
        ["IFV"] = "armoured_vehicles",
        ["MLRS"] = "mlrs",
        ["Aircraft"] = "aircraft",
        ["Helicopters"] = "helicopters",
        ["Armored Personnel Carriers"] = "armoured_vehicles",
        ["Infantry Fighting Vehicles"] = "armoured_vehicles",
        ["Infantry Mobility Vehicles"] = "armoured_vehicles",
        ["MRAP Vehicles"] = "armoured_vehicles",
        ["Armored Fighting Vehicles"] = "armoured_vehicles",
        ["Towed Artillery"] = "artillery",
        ["Surface-To-Air Missile Systems"] = "air_defence",
        ["Anti-Aircraft Guns"] = "air_defence",
        ["Self-Propelled Anti-Air Guns"] = "air_defence",
        ["Anti-Ship Missiles"] = "missiles",
        ["Surface-To-Surface Missiles"] = "missiles",
        ["Air-To-Ground Weaponry"] = "missiles",
        ["Reconnaissance UAVs"] = "drones",
        ["Cargo Drones"] = "drones",
        ["Loitering Munitions"] = "drones",
        ["Unmanned Combat Aerial Vehicles"] = "drones",
        ["Trucks"] = "vehicles",
    };

    /// <summary>Resolves a tracker donor name: the alias table first, then the registry (codes, names, aliases).</summary>
    public static Donor? FindDonor(DonorRegistry registry, string name) =>
        Donors.TryGetValue(name.Trim(), out var code) ? registry.ByCode(code) ?? registry.Find(name) : registry.Find(name);
}

/// <summary>
/// Matches free-text system names ("CAESAR artillery howitzer", "155mm M109A3GN", "Modified T-72 tank (...)") to the
/// catalog: exact id/name/alias first; then the alias table (with <c>aliases=kiel</c>); then the longest catalog name
/// or alias found inside the text as a whole word. Designators ending in a digit may be followed by a variant suffix
/// ("T-72" in "T-72A", "M113" in "M113AS4") or a plural s. Aliases without a digit count only from 6 letters and
/// never the generic ones ("Mamba", "Challenger", "drones"), which name other things too.
/// </summary>
public sealed class SystemMatcher
{
    private static readonly HashSet<string> Generic = new(StringComparer.OrdinalIgnoreCase)
    {
        "Mamba", "Challenger", "drones", "attack drones", "Bayraktar", "Leopard tank", "Leopard tanks", "Mirage", "trucks",
        "mortars", "Paladin", "Hercules transport aircraft", "logistics vehicles", "military truck", "Korea",
    };

    private readonly SystemCatalog _catalog;
    private readonly bool _useKielAliases;
    private readonly List<(string Key, EquipmentSystem System)> _keys;
    private readonly Dictionary<string, EquipmentSystem?> _cache = new(StringComparer.OrdinalIgnoreCase);

    public SystemMatcher(SystemCatalog catalog, bool useKielAliases)
    {
        _catalog = catalog;
        _useKielAliases = useKielAliases;
        _keys = [];
        foreach (var s in catalog.All)
        {
            _keys.Add((s.Name, s));
            foreach (var a in s.Aliases)
            {
                if (Generic.Contains(a)) continue;
                if (a.Any(char.IsAsciiDigit) || a.Length >= 6) _keys.Add((a, s));
            }
        }
        // Longest first, so "Leopard 2A4" wins over "Leopard 2" and "IRIS-T SLM" over "IRIS-T".
        _keys.Sort((x, y) => y.Key.Length.CompareTo(x.Key.Length));
    }

    public EquipmentSystem? Match(string name)
    {
        var key = name.Trim();
        if (key.Length == 0) return null;
        if (_cache.TryGetValue(key, out var hit)) return hit;
        var found = _useKielAliases && KielAliases.NotSystems.Contains(key) ? null
            : _catalog.Find(key)
            ?? (_useKielAliases && KielAliases.Systems.TryGetValue(key, out var id) ? _catalog.Find(id) : null)
            ?? FindInside(key);
        _cache[key] = found;
        return found;
    }

    private EquipmentSystem? FindInside(string text)
    {
        foreach (var (key, system) in _keys)
        {
            var from = 0;
            while (from <= text.Length - key.Length)
            {
                var i = text.IndexOf(key, from, StringComparison.OrdinalIgnoreCase);
                if (i < 0) break;
                if (IsWordStart(text, i) && IsWordEnd(text, i + key.Length, key)) return system;
                from = i + 1;
            }
        }
        return null;
    }

    // A hyphen joins words here: "Counter-Mortar Radar" is no mortar, "Mini-Bayraktar" no Bayraktar TB2.
    private static bool IsWordStart(string text, int i) => i == 0 || !(char.IsLetterOrDigit(text[i - 1]) || text[i - 1] == '-');

    private static bool IsWordEnd(string text, int end, string key)
    {
        if (end == text.Length || !char.IsLetterOrDigit(text[end])) return true;
        // Plural: "Zuzana 2s", "Howitzers".
        if (text[end] == 's' && (end + 1 == text.Length || !char.IsLetterOrDigit(text[end + 1]))) return true;
        // Variant suffix after a designator: "T-72A", "M113AS4", "Mi-8MTV", "F-16A/B".
        return char.IsAsciiDigit(key[^1]) && char.IsAsciiLetterUpper(text[end]);
    }
}

/// <summary>Splits Kiel's weapons_list cells: "CAESAR artillery howitzer (19); Bohdana self-propelled howitzer (18)".</summary>
public static partial class WeaponsList
{
    /// <summary>One entry: the system as written, and its count (null when none is given; AtLeast for "230+").</summary>
    public sealed record Entry(string Name, long? Count, bool AtLeast);

    [GeneratedRegex(@"^(?<name>.*?)\s*\((?<n>\d[\d,]*)(?<plus>\+?)\)\s*$")]
    private static partial Regex EntryPattern();

    public static IReadOnlyList<Entry> Parse(string cell)
    {
        var entries = new List<Entry>();
        foreach (var part in cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var m = EntryPattern().Match(part);
            if (m.Success && long.TryParse(m.Groups["n"].Value.Replace(",", ""), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                entries.Add(new Entry(m.Groups["name"].Value.Trim(), n, m.Groups["plus"].Length > 0));
            else entries.Add(new Entry(part, null, false));
        }
        return entries;
    }
}
