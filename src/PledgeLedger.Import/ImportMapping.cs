using System.Globalization;
using System.Text;
using PledgeLedger.Core;

namespace PledgeLedger.Import;

/// <summary>Where one pledge field comes from: a column (by name or <c>%N</c>), or a literal, with an optional value map.</summary>
/// <param name="Field">The pledge field (see <see cref="ImportMapping.Fields"/>).</param>
/// <param name="Value">The column name, the <c>%N</c> index, the literal, or <c>*</c> (note only: every unmapped column).</param>
/// <param name="Kind">How <see cref="Value"/> was written.</param>
/// <param name="ValueMap">Cell value (case-insensitive) to replacement; <c>*</c> is the default for cells no key matches.</param>
public sealed record FieldRule(string Field, string Value, FieldRuleKind Kind, IReadOnlyDictionary<string, string>? ValueMap);

/// <summary>How a mapping value was written: bare (column if one is named so, else a literal if valid for the field), quoted literal, <c>"column"</c>, or <c>%N</c>.</summary>
public enum FieldRuleKind { Bare, Literal, Column, Index, AllOtherColumns }

/// <summary>The result of reading a mapping: the mapping, or null and the problems.</summary>
public sealed record MappingParseResult(ImportMapping? Mapping, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// How a CSV file's columns become pledges (modelled on hledger's CSV rules). Written on the command line as
/// <c>donor=COL,date=COL,amount=COL,currency=EUR,status=maal{Allocation:allocated,Commitment:pledged}</c> or in a
/// rules file (one <c>field=value</c> per line, <c>#</c> comments). See README.md for the full syntax.
/// </summary>
public sealed class ImportMapping
{
    /// <summary>The pledge fields a mapping may set.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "donor", "recipient", "date", "amount", "currency", "kind", "status", "aid_type", "system", "systems", "category",
        "quantity", "qualifier", "period", "years", "note", "source", "value_eur",
    ];

    /// <summary>Options that shape how the file is read rather than a pledge field.</summary>
    public static readonly IReadOnlyList<string> Options = ["date_format", "skip", "delimiter", "header", "aliases", "negative", "zero", "name"];

    public const string KielAliasSet = "kiel";

    private ImportMapping(string name, IReadOnlyDictionary<string, FieldRule> rules, IReadOnlyList<string> dateFormats,
        int skip, string delimiter, bool hasHeader, string? aliases, bool allowNegative, bool skipZero)
    {
        AllowNegative = allowNegative;
        SkipZero = skipZero;
        Name = name;
        Rules = rules;
        DateFormats = dateFormats;
        Skip = skip;
        Delimiter = delimiter;
        HasHeader = hasHeader;
        Aliases = aliases;
    }

    public string Name { get; }
    public IReadOnlyDictionary<string, FieldRule> Rules { get; }
    /// <summary>Accepted date formats, tried in order (default ISO <c>yyyy-MM-dd</c>).</summary>
    public IReadOnlyList<string> DateFormats { get; }
    /// <summary>Lines skipped before the header line (titles, notes).</summary>
    public int Skip { get; }
    public string Delimiter { get; }
    /// <summary>False when the file has no header line: columns are then named by <c>%N</c> only.</summary>
    public bool HasHeader { get; }
    /// <summary><c>kiel</c> to also resolve donor and system names through the Kiel/Oryx alias table; null otherwise.</summary>
    public string? Aliases { get; }
    /// <summary><c>negative=allow</c>: negative amounts are corrections in the source (Kiel books some), kept with a note; by default a problem.</summary>
    public bool AllowNegative { get; }
    /// <summary><c>zero=skip</c>: money rows of amount 0 are reported (code zero-amount) and not imported; by default kept.</summary>
    public bool SkipZero { get; }

    public FieldRule? Rule(string field) => Rules.GetValueOrDefault(field);

    /// <summary>The mapping as a rules file text (one <c>field=value</c> per line), for MappingStore.Save.</summary>
    public string ToRulesText()
    {
        var sb = new StringBuilder();
        sb.Append("# PledgeLedger import mapping '").Append(Name).Append("'\n");
        if (Skip != 0) sb.Append("skip=").Append(Skip.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (Delimiter != ",") sb.Append("delimiter=").Append(Delimiter == "\t" ? "tab" : Delimiter).Append('\n');
        if (!HasHeader) sb.Append("header=false\n");
        if (Aliases is { } a) sb.Append("aliases=").Append(a).Append('\n');
        if (AllowNegative) sb.Append("negative=allow\n");
        if (SkipZero) sb.Append("zero=skip\n");
        if (DateFormats is not ["yyyy-MM-dd"]) sb.Append("date_format=").Append(string.Join('|', DateFormats)).Append('\n');
        foreach (var field in Fields)
        {
            if (Rules.GetValueOrDefault(field) is not { } r) continue;
            sb.Append(field).Append('=').Append(r.Kind switch
            {
                FieldRuleKind.Literal => "'" + r.Value + "'",
                FieldRuleKind.Column => "\"" + r.Value + "\"",
                FieldRuleKind.Index => "%" + r.Value,
                _ => r.Value,
            });
            if (r.ValueMap is { } map) sb.Append('{').Append(string.Join(',', map.Select(kv => kv.Key + ":" + kv.Value))).Append('}');
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Parses the command-line form: <c>field=value</c> items separated by commas (commas inside quotes or braces do not separate).</summary>
    public static MappingParseResult Parse(string text, string name = "mapping") =>
        ParseItems(SplitTopLevel(text, ',').Select((item, i) => (item, i + 1)), name, name);

    /// <summary>Parses a rules file's text: one <c>field=value</c> per line, blank lines and <c>#</c> comments ignored.</summary>
    public static MappingParseResult ParseRules(string text, string fileName, string name)
    {
        var items = new List<(string, int)>();
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            items.Add((line, lineNo));
        }
        return ParseItems(items, fileName, name);
    }

    private static MappingParseResult ParseItems(IEnumerable<(string Item, int Line)> items, string file, string name)
    {
        var problems = new List<ImportProblem>();
        var rules = new Dictionary<string, FieldRule>(StringComparer.Ordinal);
        var dateFormats = new List<string> { "yyyy-MM-dd" };
        var skip = 0;
        var delimiter = ",";
        var header = true;
        string? aliases = null;
        var allowNegative = false;
        var mentioned = new HashSet<string>(StringComparer.Ordinal);
        var skipZero = false;
        // On the command line an item's "line" is its position (1 = first item); in a rules file, its line.
        foreach (var (rawItem, where) in items)
        {
            var item = rawItem.Trim();
            if (item.Length == 0) continue;
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problems.Add(ImportMessages.BadMappingProblem(file, where, item, $"'{item}' is not field=value"));
                continue;
            }
            var key = item[..eq].Trim().ToLowerInvariant().Replace('-', '_');
            var value = item[(eq + 1)..].Trim();
            if (Options.Contains(key))
            {
                ReadOption(key, value);
                continue;
            }
            mentioned.Add(key);
            if (!Fields.Contains(key))
            {
                problems.Add(ImportMessages.UnknownFieldProblem(file, where, key, string.Join(", ", Fields.Concat(Options))));
                continue;
            }
            if (rules.ContainsKey(key))
            {
                problems.Add(ImportMessages.BadMappingProblem(file, where, key, $"'{key}' is mapped twice"));
                continue;
            }
            if (TryParseRule(key, value, out var rule, out var error)) rules[key] = rule;
            else problems.Add(ImportMessages.BadMappingProblem(file, where, key, error));

            void ReadOption(string k, string v)
            {
                var unq = Unquote(v);
                switch (k)
                {
                    case "date_format":
                        var formats = unq.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                        if (formats.Length == 0 || formats.Any(f => !IsUsableDateFormat(f)))
                            problems.Add(ImportMessages.BadOptionProblem(file, where, k, v, "a date pattern such as dd.MM.yyyy (several separated by |)"));
                        else
                        {
                            dateFormats.Clear();
                            dateFormats.AddRange(formats);
                        }
                        break;
                    case "skip":
                        if (!int.TryParse(unq, NumberStyles.None, CultureInfo.InvariantCulture, out skip))
                            problems.Add(ImportMessages.BadOptionProblem(file, where, k, v, "a number of lines (0 or more)"));
                        break;
                    case "delimiter":
                        delimiter = unq switch { "tab" or "\\t" => "\t", "semicolon" => ";", "comma" => ",", _ => unq };
                        if (delimiter.Length != 1)
                            problems.Add(ImportMessages.BadOptionProblem(file, where, k, v, "one character, or tab"));
                        break;
                    case "header":
                        if (!bool.TryParse(unq, out header))
                            problems.Add(ImportMessages.BadOptionProblem(file, where, k, v, "true or false"));
                        break;
                    case "aliases":
                        if (unq == KielAliasSet) aliases = unq;
                        else if (unq is not ("none" or "")) problems.Add(ImportMessages.BadOptionProblem(file, where, k, v, "kiel or none"));
                        break;
                    case "negative":
                        if (unq is "allow" or "reject") allowNegative = unq == "allow";
                        else problems.Add(ImportMessages.BadOptionProblem(file, where, k, v, "allow or reject"));
                        break;
                    case "zero":
                        if (unq is "skip" or "keep") skipZero = unq == "skip";
                        else problems.Add(ImportMessages.BadOptionProblem(file, where, k, v, "skip or keep"));
                        break;
                    case "name":
                        name = unq;
                        break;
                }
            }
        }
        // A field written but invalid has its own problem already; these are for fields not written at all.
        if (!mentioned.Contains("donor"))
            problems.Add(ImportMessages.MissingFieldProblem(file, 1, "donor", "every pledge has a donor"));
        if (!new[] { "amount", "system", "systems", "quantity", "category" }.Any(mentioned.Contains))
            problems.Add(ImportMessages.MissingFieldProblem(file, 1, "amount", "a money pledge needs an amount; an equipment pledge a system, systems, category or quantity"));
        if (rules.ContainsKey("system") && rules.ContainsKey("systems"))
            problems.Add(ImportMessages.BadMappingProblem(file, 1, "systems", "map either system (one per row) or systems (a list per row), not both"));
        if (mentioned.Contains("amount") && !mentioned.Contains("currency"))
            problems.Add(ImportMessages.MissingFieldProblem(file, 1, "currency", "an amount needs its currency, e.g. currency=EUR"));
        if (problems.Count > 0) return new MappingParseResult(null, problems);
        return new MappingParseResult(new ImportMapping(name, rules, dateFormats, skip, delimiter, header, aliases, allowNegative, skipZero), []);
    }

    private static bool IsUsableDateFormat(string f)
    {
        try
        {
            var probe = new DateOnly(2024, 5, 31).ToString(f, CultureInfo.InvariantCulture);
            return DateOnly.TryParseExact(probe, f, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) && back == new DateOnly(2024, 5, 31);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool TryParseRule(string field, string value, out FieldRule rule, out string error)
    {
        rule = null!;
        error = "";
        IReadOnlyDictionary<string, string>? map = null;
        if (value.EndsWith('}') && FindMapStart(value) is var open and > 0)
        {
            var body = value[(open + 1)..^1];
            value = value[..open].Trim();
            var dict = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in SplitTopLevel(body, ','))
            {
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    error = $"value map entry '{pair}' is not from:to";
                    return false;
                }
                var from = Unquote(pair[..colon].Trim());
                var to = Unquote(pair[(colon + 1)..].Trim());
                if (!IsValidLiteral(field, to, allowEmpty: true))
                {
                    error = $"value map target '{to}' is not valid for {field}";
                    return false;
                }
                dict[from] = to;
            }
            map = dict;
        }
        if (value.Length == 0)
        {
            error = $"'{field}' has no value";
            return false;
        }
        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            var lit = value[1..^1];
            if (!IsValidLiteral(field, lit, allowEmpty: false))
            {
                error = $"literal '{lit}' is not valid for {field}";
                return false;
            }
            rule = new FieldRule(field, lit, FieldRuleKind.Literal, map);
            return true;
        }
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            rule = new FieldRule(field, value[1..^1], FieldRuleKind.Column, map);
            return true;
        }
        if (value[0] == '%')
        {
            if (!int.TryParse(value[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                error = $"'{value}' is not a column index (%1 is the first column)";
                return false;
            }
            rule = new FieldRule(field, value[1..], FieldRuleKind.Index, map);
            return true;
        }
        if (value == "*")
        {
            if (field != "note")
            {
                error = "'*' (every unmapped column) is only for note";
                return false;
            }
            rule = new FieldRule(field, value, FieldRuleKind.AllOtherColumns, map);
            return true;
        }
        rule = new FieldRule(field, value, FieldRuleKind.Bare, map);
        return true;
    }

    private static int FindMapStart(string value)
    {
        var quoted = '\0';
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (quoted != '\0') { if (c == quoted) quoted = '\0'; }
            else if (c is '\'' or '"') quoted = c;
            else if (c == '{') return i;
        }
        return -1;
    }

    /// <summary>Whether <paramref name="s"/> can stand as a literal for <paramref name="field"/> without quotes (the bare-value rule).</summary>
    internal static bool IsValidLiteral(string field, string s, bool allowEmpty)
    {
        if (s.Length == 0) return allowEmpty;
        return field switch
        {
            "currency" => Currencies.IsKnown(s.ToUpperInvariant()),
            "kind" => EnumNames.TryParseKind(s, out _),
            "status" => EnumNames.TryParseStatus(s, out _),
            "aid_type" => EnumNames.TryParseAidType(s, out _),
            "qualifier" => EnumNames.TryParseQualifier(s, out _),
            "period" => EnumNames.TryParsePeriod(s, out _),
            "years" => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && PledgeRules.IsYears(y),
            "quantity" => long.TryParse(s.TrimEnd('+'), NumberStyles.None, CultureInfo.InvariantCulture, out _),
            "amount" or "value_eur" => decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
    }

    internal static string Unquote(string s) =>
        s.Length >= 2 && ((s[0] == '\'' && s[^1] == '\'') || (s[0] == '"' && s[^1] == '"')) ? s[1..^1] : s;

    /// <summary>Splits on <paramref name="sep"/> outside quotes and braces.</summary>
    internal static List<string> SplitTopLevel(string text, char sep)
    {
        var parts = new List<string>();
        var sb = new StringBuilder();
        var depth = 0;
        var quoted = '\0';
        foreach (var c in text)
        {
            if (quoted != '\0')
            {
                if (c == quoted) quoted = '\0';
            }
            else if (c is '\'' or '"') quoted = c;
            else if (c == '{') depth++;
            else if (c == '}') depth = Math.Max(0, depth - 1);
            else if (c == sep && depth == 0)
            {
                parts.Add(sb.ToString());
                sb.Clear();
                continue;
            }
            sb.Append(c);
        }
        if (sb.Length > 0 || parts.Count > 0) parts.Add(sb.ToString());
        return parts;
    }
}
