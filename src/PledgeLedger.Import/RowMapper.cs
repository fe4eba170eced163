using System.Globalization;
using System.Text;
using PledgeLedger.Core;

namespace PledgeLedger.Import;

/// <summary>A mapping bound to one file's header: turns each record into pledges or problems.</summary>
internal sealed class RowMapper
{
    private readonly string _file;
    private readonly ImportMapping _map;
    private readonly string[] _header;
    private readonly Dictionary<string, Binding> _bindings;
    private readonly DonorRegistry _donors;
    private readonly SystemMatcher _systems;
    private readonly bool _kiel;
    private readonly int[] _noteColumns;
    private readonly Dictionary<string, Donor?> _donorCache = new(StringComparer.Ordinal);

    private RowMapper(string file, ImportMapping map, string[] header, Dictionary<string, Binding> bindings,
        DonorRegistry donors, SystemCatalog systems)
    {
        _file = file;
        _map = map;
        _header = header;
        _bindings = bindings;
        _donors = donors;
        _kiel = map.Aliases == ImportMapping.KielAliasSet;
        _systems = new SystemMatcher(systems, _kiel);
        var used = bindings.Values.Where(b => b.Column >= 0).Select(b => b.Column).ToHashSet();
        _noteColumns = [.. Enumerable.Range(0, header.Length).Where(i => !used.Contains(i) && header[i].Length > 0)];
    }

    /// <summary>Where a field's value comes from once the header is known: a column index, or a literal (Column -1).</summary>
    private sealed record Binding(int Column, string? Literal, bool AllOthers, IReadOnlyDictionary<string, string>? Map);

    public static RowMapper? Create(string file, ImportMapping map, string[] header, DonorRegistry donors, SystemCatalog systems, out ImportProblem? refusal)
    {
        refusal = null;
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++) byName.TryAdd(header[i].Trim(), i);
        var categories = systems.All.Select(s => s.Category).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var bindings = new Dictionary<string, Binding>(StringComparer.Ordinal);
        foreach (var (field, rule) in map.Rules)
        {
            Binding? b = rule.Kind switch
            {
                FieldRuleKind.Literal => new Binding(-1, rule.Value, false, rule.ValueMap),
                FieldRuleKind.AllOtherColumns => new Binding(-1, null, true, rule.ValueMap),
                FieldRuleKind.Index => int.Parse(rule.Value, CultureInfo.InvariantCulture) - 1 is var ix && (!map.HasHeader || ix < header.Length)
                    ? new Binding(ix, null, false, rule.ValueMap) : null,
                FieldRuleKind.Column => byName.TryGetValue(rule.Value, out var c) ? new Binding(c, null, false, rule.ValueMap) : null,
                _ => byName.TryGetValue(rule.Value, out var c2) ? new Binding(c2, null, false, rule.ValueMap)
                    : IsBareLiteral(field, rule.Value, map, donors, systems, categories) ? new Binding(-1, rule.Value, false, rule.ValueMap) : null,
            };
            if (b is null)
            {
                refusal = ImportMessages.MissingColumnProblem(file, field, rule.Kind == FieldRuleKind.Index ? "%" + rule.Value : rule.Value, header);
                return null;
            }
            bindings[field] = b;
        }
        return new RowMapper(file, map, header, bindings, donors, systems);
    }

    /// <summary>The bare-value rule: a bare value that names no column is a literal when it is valid for its field.</summary>
    private static bool IsBareLiteral(string field, string value, ImportMapping map, DonorRegistry donors, SystemCatalog systems, HashSet<string> categories) => field switch
    {
        "donor" or "recipient" => donors.Find(value) is not null || (map.Aliases == ImportMapping.KielAliasSet && KielAliases.FindDonor(donors, value) is not null),
        "system" => systems.Find(value) is not null,
        "category" => categories.Contains(value),
        "date" => map.DateFormats.Any(f => DateOnly.TryParseExact(value, f, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)),
        "note" or "source" or "systems" => false,
        _ => ImportMapping.IsValidLiteral(field, value, allowEmpty: false),
    };

    private string? Get(string field, string[] record)
    {
        if (!_bindings.TryGetValue(field, out var b)) return null;
        string value;
        if (b.AllOthers) value = OtherColumns(record);
        else if (b.Column < 0) value = b.Literal!;
        else value = b.Column < record.Length ? record[b.Column].Trim() : "";
        if (b.Map is { } map)
        {
            if (map.TryGetValue(value, out var mapped)) value = mapped;
            else if (map.TryGetValue("*", out var fallback)) value = fallback;
        }
        return value;
    }

    private string OtherColumns(string[] record)
    {
        var sb = new StringBuilder();
        foreach (var i in _noteColumns)
        {
            if (i >= record.Length || record[i].Length == 0) continue;
            if (sb.Length > 0) sb.Append("; ");
            sb.Append(_header[i]).Append('=').Append(record[i].Trim());
        }
        return sb.ToString();
    }

    public void Map(string[] record, int line, Action<ImportedRow> onRow, List<ImportProblem> problems)
    {
        var start = problems.Count;
        var donorText = Get("donor", record) ?? "";
        var donor = FindDonor(donorText);
        if (donorText.Length == 0) problems.Add(ImportMessages.MissingValueProblem(_file, line, "donor"));
        else if (donor is null) problems.Add(ImportMessages.UnknownDonorProblem(_file, line, "donor", donorText));

        var recipient = "UA";
        if (Get("recipient", record) is { Length: > 0 } recText)
        {
            if (FindDonor(recText) is { } r) recipient = r.Code;
            else problems.Add(ImportMessages.UnknownDonorProblem(_file, line, "recipient", recText));
        }

        DateOnly? date = null;
        if (Get("date", record) is { Length: > 0 } dateText)
        {
            if (TryDate(dateText, out var d) && PledgeRules.IsDate(d)) date = d;
            else if (TryDate(dateText, out _)) problems.Add(ImportMessages.BadValueProblem(_file, line, "date", dateText, $"a date {Bounds.DateRange}"));
            else problems.Add(ImportMessages.BadDateProblem(_file, line, "date", dateText, string.Join(" or ", _map.DateFormats)));
        }

        var status = ParseEnum<PledgeStatus>("status", record, line, problems, EnumNames.TryParseStatus, PledgeStatus.Pledged, "a status (proposed, pledged, allocated, delivered)");
        var aidType = ParseEnum<AidType>("aid_type", record, line, problems, EnumNames.TryParseAidType, AidType.Unknown, "an aid type (military, financial, humanitarian)");
        var period = ParseEnum<Period>("period", record, line, problems, EnumNames.TryParsePeriod, Period.Once, "a period (once, annual, multi_year)");
        var hasQualifier = Get("qualifier", record) is { Length: > 0 };
        var qualifier = ParseEnum<Qualifier>("qualifier", record, line, problems, EnumNames.TryParseQualifier, Qualifier.Exact, "a qualifier (exact, at_least, up_to, about)");
        var equipmentMapped = _bindings.ContainsKey("system") || _bindings.ContainsKey("systems") || _bindings.ContainsKey("category")
            || (_bindings.ContainsKey("quantity") && !_bindings.ContainsKey("amount"));
        var kind = ParseEnum<PledgeKind>("kind", record, line, problems, EnumNames.TryParseKind, equipmentMapped ? PledgeKind.Equipment : PledgeKind.Money, "money or equipment");

        int? years = null;
        if (Get("years", record) is { Length: > 0 } yearsText)
        {
            if (int.TryParse(yearsText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && PledgeRules.IsYears(y)) years = y;
            else problems.Add(ImportMessages.BadValueProblem(_file, line, "years", yearsText, "a number of years"));
        }

        decimal? amount = null;
        string? currency = null;
        if (Get("amount", record) is { Length: > 0 } amountText)
        {
            if (!TryAmount(amountText, out var a)) problems.Add(ImportMessages.BadValueProblem(_file, line, "amount", amountText, "an amount"));
            else if (a != 0 && !PledgeRules.IsAmount(a, adjustment: true)) problems.Add(ImportMessages.BadValueProblem(_file, line, "amount", amountText, $"an amount of at most {Bounds.MaxAmount:#,0} in its currency"));
            else if (a < 0 && !_map.AllowNegative) problems.Add(ImportMessages.NegativeAmountProblem(_file, line, "amount", amountText));
            else if (a == 0 && _map.SkipZero && kind == PledgeKind.Money) problems.Add(ImportMessages.ZeroAmountProblem(_file, line, "amount"));
            else amount = a;
        }
        if (Get("currency", record) is { Length: > 0 } curText)
        {
            var code = curText.ToUpperInvariant();
            if (Currencies.IsKnown(code)) currency = code;
            else problems.Add(ImportMessages.UnknownCurrencyProblem(_file, line, "currency", curText));
        }
        if (kind == PledgeKind.Money && (amount is null || currency is null) && problems.Count == start)
            problems.Add(ImportMessages.MissingAmountProblem(_file, line, amount is null ? "amount" : "currency"));

        decimal? stated = null;
        if (Get("value_eur", record) is { Length: > 0 } valueText)
        {
            if (TryAmount(valueText, out var v) && (PledgeRules.IsStatedValue(v) || (_map.AllowNegative && PledgeRules.IsStatedValue(-v)))) stated = v;
            else problems.Add(ImportMessages.BadValueProblem(_file, line, "value_eur", valueText, "an EUR value"));
        }

        long? quantity = null;
        var atLeast = false;
        if (Get("quantity", record) is { Length: > 0 } qText)
        {
            if (TryQuantity(qText, out var q, out atLeast) && PledgeRules.IsQuantity(q)) quantity = q;
            else problems.Add(ImportMessages.BadQuantityProblem(_file, line, "quantity", qText));
        }

        var fileCategory = Get("category", record) is { Length: > 0 } cat
            ? (_kiel && KielAliases.Categories.TryGetValue(cat, out var c) ? c : cat) : null;
        var note = Get("note", record) is { Length: > 0 } n ? n : null;
        var source = Get("source", record) is { Length: > 0 } s ? s : $"{_file}:{line}";

        // Equipment items: a list cell (systems) yields one pledge per entry; a single system, one.
        List<(string? Name, long? Quantity, bool AtLeast)> items;
        if (_bindings.ContainsKey("systems"))
        {
            var listText = Get("systems", record) ?? "";
            items = [.. WeaponsList.Parse(listText).Select(e => ((string?)e.Name, e.Count, e.AtLeast))];
            if (items.Count == 0) problems.Add(ImportMessages.MissingValueProblem(_file, line, "systems"));
        }
        else items = [(Get("system", record) is { Length: > 0 } sys ? sys : null, quantity, atLeast)];

        if (problems.Count > start || donor is null) return;

        for (var i = 0; i < items.Count; i++)
        {
            var (systemName, itemQuantity, itemAtLeast) = items[i];
            var remarks = new List<string>();
            if (amount < 0) remarks.Add(ImportMessages.RemarkNegativeAmount);
            if (note is not null) remarks.Add(note);
            EquipmentSystem? system = null;
            if (systemName is not null)
            {
                system = _systems.Match(systemName);
                if (system is null) remarks.Add(ImportMessages.RemarkUnknownSystem(systemName));
                else if (!string.Equals(system.Name, systemName, StringComparison.OrdinalIgnoreCase)) remarks.Add(ImportMessages.RemarkSystemAsWritten(systemName));
            }
            if (items.Count > 1)
            {
                remarks.Add(i == 0 ? ImportMessages.RemarkValueCoversRow(items.Count, _file, line) : ImportMessages.RemarkValueOnFirst(_file, line));
            }
            var noteText = remarks.Count == 0 ? null : string.Join("; ", remarks);
            var pledge = new Pledge
            {
                DonorCode = donor.Code,
                RecipientCode = recipient,
                AidType = aidType,
                Kind = kind,
                Amount = amount,
                Currency = amount is null ? null : currency,
                Qualifier = hasQualifier ? qualifier : (itemAtLeast ? Qualifier.AtLeast : Qualifier.Exact),
                SystemId = system?.Id,
                Category = kind == PledgeKind.Equipment ? system?.Category ?? fileCategory : null,
                Quantity = itemQuantity,
                Period = period,
                Years = years,
                Status = status,
                AnnouncedOn = date,
                Note = noteText,
                Source = source,
            };
            onRow(new ImportedRow(pledge, _file, line, i == 0 ? stated : null, noteText));
        }
    }

    private Donor? FindDonor(string name)
    {
        if (name.Length == 0) return null;
        if (!_donorCache.TryGetValue(name, out var d))
        {
            d = _kiel ? KielAliases.FindDonor(_donors, name) : _donors.Find(name);
            _donorCache[name] = d;
        }
        return d;
    }

    private delegate bool TryParser<T>(string? s, out T value);

    private T ParseEnum<T>(string field, string[] record, int line, List<ImportProblem> problems, TryParser<T> parse, T fallback, string expected)
    {
        if (Get(field, record) is not { Length: > 0 } text) return fallback;
        if (parse(text, out var v)) return v;
        problems.Add(ImportMessages.BadValueProblem(_file, line, field, text, expected));
        return fallback;
    }

    private bool TryDate(string text, out DateOnly date)
    {
        foreach (var f in _map.DateFormats)
        {
            if (DateOnly.TryParseExact(text, f, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        }
        date = default;
        return false;
    }

    /// <summary>Plain decimals as written (any precision, exponent allowed), else the ways people type amounts ("2,500,000", "1.5bn").</summary>
    internal static bool TryAmount(string text, out decimal amount) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out amount) || Amounts.TryParse(text, out amount);

    /// <summary>A count of items; "230+" (a lower bound, as Oryx writes it) sets <paramref name="atLeast"/>.</summary>
    internal static bool TryQuantity(string text, out long quantity, out bool atLeast)
    {
        atLeast = text.EndsWith('+');
        var digits = (atLeast ? text[..^1] : text).Replace(",", "").Trim();
        // Some exports write counts as floats ("6.0").
        if (digits.EndsWith(".0", StringComparison.Ordinal)) digits = digits[..^2];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out quantity) && quantity <= Bounds.MaxQuantity;
    }
}
