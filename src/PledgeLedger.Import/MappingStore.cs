namespace PledgeLedger.Import;

/// <summary>
/// Named mappings: the built-in ones for the shared tracker files (<c>kiel-bilateral</c>, <c>kiel-weapons</c>,
/// <c>oryx</c>) and <c>NAME.rules</c> files in a directory (one <c>field=value</c> per line, <c>#</c> comments).
/// A rules file of the same name as a built-in one takes precedence, so users can adjust a ready mapping.
/// </summary>
public sealed class MappingStore(string directory)
{
    public const string Extension = ".rules";

    /// <summary>The built-in mappings' rules text, by name.</summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltIn = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        // Kiel activity sheet extract: one money pledge in EUR per row; Allocation = allocated, Commitment = pledged.
        ["kiel-bilateral"] = """
            # Kiel Ukraine Support Tracker, activity sheet extract (bilateral_activities.csv)
            # Negative rows are Kiel's own corrections; rows of 0 (unvalued activities, and every Commitment row:
            # the extract carries commitment values only in verdi_eur_activity) are kept as the source has them.
            aliases=kiel
            negative=allow
            donor=giver
            date=dato
            aid_type=kategori
            status=maal{Allocation:allocated,Commitment:pledged}
            kind='money'
            amount=verdi_eur
            currency='EUR'
            value_eur=verdi_eur
            note=*
            """,
        // Kiel heavy-weapons table: one equipment pledge per system in weapons_list. Kiel counts heavy weapons
        // committed, not proven delivered, so the status is pledged. The row's EUR value stays on its first system.
        ["kiel-weapons"] = """
            # Kiel Ukraine Support Tracker, heavy weapons table (weapons.csv)
            aliases=kiel
            donor=donor
            kind='equipment'
            aid_type='military'
            status='pledged'
            systems=weapons_list
            category=category{Howitzers:artillery,Tanks:tanks,Air Defense:air_defence,IFV:armoured_vehicles,MLRS:mlrs}
            value_eur=monetary_value_eur
            """,
        // Oryx list scrape: count 0 means "no number given" (null quantity), not zero items.
        ["oryx"] = """
            # Oryx, heavy weaponry supplied to Ukraine (donated_vehicles.csv, 2023 scrape)
            aliases=kiel
            donor=supplier
            recipient=recipient_abbr
            kind='equipment'
            aid_type='military'
            system=vehicle_name
            category=vehicle_type{Aircraft:aircraft,Helicopters:helicopters,Tanks:tanks,Armored Personnel Carriers:armoured_vehicles,Infantry Fighting Vehicles:armoured_vehicles,Infantry Mobility Vehicles:armoured_vehicles,MRAP Vehicles:armoured_vehicles,Armored Fighting Vehicles:armoured_vehicles,Towed Artillery:artillery,Surface-To-Air Missile Systems:air_defence,Anti-Aircraft Guns:air_defence,Self-Propelled Anti-Air Guns:air_defence,Anti-Ship Missiles:missiles,Surface-To-Surface Missiles:missiles,Air-To-Ground Weaponry:missiles,Reconnaissance UAVs:drones,Cargo Drones:drones,Loitering Munitions:drones,Unmanned Combat Aerial Vehicles:drones,Trucks:vehicles}
            quantity=count{0:''}
            status=is_delivered{True:delivered,False:pledged}
            source=proof
            note=*
            """,
    };

    public string Directory { get; } = directory;

    /// <summary>The names available: rules files in the directory and the built-in ones.</summary>
    public IReadOnlyList<string> Names()
    {
        var names = new SortedSet<string>(BuiltIn.Keys, StringComparer.OrdinalIgnoreCase);
        if (System.IO.Directory.Exists(Directory))
        {
            foreach (var f in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension)) names.Add(Path.GetFileNameWithoutExtension(f));
        }
        return [.. names];
    }

    /// <summary>Loads a mapping by name (a rules file first, then a built-in), or the problems why not.</summary>
    public MappingParseResult Load(string name)
    {
        var path = PathOf(name);
        if (path is not null && File.Exists(path))
        {
            try
            {
                return ImportMapping.ParseRules(File.ReadAllText(path), Path.GetFileName(path), name);
            }
            catch (IOException e)
            {
                return new MappingParseResult(null, [ImportMessages.FileUnreadableProblem(Path.GetFileName(path), e.Message)]);
            }
        }
        return LoadBuiltIn(name) is { } builtIn ? builtIn : new MappingParseResult(null, [ImportMessages.UnknownMappingProblem(name, Names())]);
    }

    /// <summary>
    /// What the CLI's <c>--mapping</c> takes: an inline mapping when the text contains '=' (<c>donor=giver,...</c>),
    /// else a name (a rules file in the directory, then a built-in).
    /// </summary>
    public MappingParseResult Resolve(string nameOrMapping) =>
        nameOrMapping.Contains('=', StringComparison.Ordinal) ? ImportMapping.Parse(nameOrMapping) : Load(nameOrMapping.Trim());

    /// <summary>A built-in mapping by name, or null.</summary>
    public static MappingParseResult? LoadBuiltIn(string name) =>
        BuiltIn.TryGetValue(name, out var text) ? ImportMapping.ParseRules(text, name + Extension, name.ToLowerInvariant()) : null;

    /// <summary>Writes <paramref name="mapping"/> as <c>NAME.rules</c>; returns the path. Names are letters, digits, '-' and '_'.</summary>
    public string Save(string name, ImportMapping mapping)
    {
        var path = PathOf(name) ?? throw new ArgumentException($"'{name}' is not a mapping name (letters, digits, '-', '_')", nameof(name));
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(path, mapping.ToRulesText());
        return path;
    }

    private string? PathOf(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? Path.Combine(Directory, name + Extension) : null;
}
