using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using PledgeLedger.Core;
using PledgeLedger.Import;
using PledgeLedger.Storage;

namespace PledgeLedger.Cli.Commands;

/// <summary>
/// <c>pledge rates import|show|list</c>: EUR reference rates (units of currency per EUR, the ECB convention). Rates
/// are append-only: a re-import changes nothing, a different rate for a day already held is reported, never replaced.
/// </summary>
internal static class RatesCommand
{
    public static Command Create(CliApp app)
    {
        var cmd = new Command("rates", "EUR reference rates: import the ECB history (or a plain date,currency,units_per_eur file), show the rate used for a date, list");
        cmd.Subcommands.Add(Import(app));
        cmd.Subcommands.Add(Show(app));
        cmd.Subcommands.Add(List(app));
        return cmd;
    }

    private static Command Import(CliApp app)
    {
        var file = new Argument<string>("FILE") { Description = "eurofxref-hist.csv (or the eurofxref-hist.zip it comes in) as the ECB publishes it (Date,USD,JPY,...), or a plain date,currency,units_per_eur CSV" };
        var cmd = new Command("import", "Import reference rates; exit 0 clean, 1 some rows bad or conflicting (the good ones imported), 2 file refused (nothing written)");
        cmd.Arguments.Add(file);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var path = Files.Existing(ctx, "FILE", parse.GetValue(file));
            var (name, text) = ReadRatesText(path, ctx.MaxFileBytes);
            var parsed = RatesFile.Parse(new StringReader(text), name);
            if (parsed.Format.Length == 0)
            {
                foreach (var p in parsed.Problems) ctx.Error.WriteLine(p.ToString());
                ctx.Error.WriteLine($"{name}: refused, nothing imported");
                return ExitCodes.BadInput;
            }
            // A second, different rate for the same day inside the file is a conflict with the first one read.
            var merge = FxTable.MergeConflicts([], parsed.Rates);
            var db = await ctx.LedgerAsync(ct);
            var result = await new RateStore(db).AddAsync(
                merge.New.Select(r => new RateRecord(r.Date, r.Currency, r.UnitsPerEur)).ToList(), $"{name} ({parsed.Format})", ct);

            var lines = RateLines.Index(text, parsed.Format);
            foreach (var p in parsed.Problems) ctx.Error.WriteLine(p.ToString());
            foreach (var c in merge.Conflicts)
            {
                ctx.Error.WriteLine($"{name}:{lines.Last(c.Incoming.Date, c.Incoming.Currency)}: {c.Incoming.Currency}: {Day(c.Incoming.Date)}: rate {Num(c.Incoming.UnitsPerEur)} conflicts with {Num(c.Existing.UnitsPerEur)} earlier in the file (line {lines.First(c.Existing.Date, c.Existing.Currency)}); kept the first");
            }
            foreach (var c in result.Conflicts)
            {
                ctx.Error.WriteLine($"{name}:{lines.First(c.Date, c.Currency)}: {c.Currency}: {Day(c.Date)}: the ledger holds {Num(c.Existing)}, the file says {Num(c.Incoming)}; kept the held rate (rates are never replaced)");
            }
            var conflicts = merge.Conflicts.Count + result.Conflicts.Count;
            ctx.Out.WriteLine($"{name} ({parsed.Format}): {parsed.Rates.Count} rates read, {result.Inserted} inserted, {result.Identical} already there, {conflicts} conflicting (not replaced), {parsed.Problems.Count} problems");
            return parsed.Problems.Count + conflicts > 0 ? ExitCodes.PartlyFailed : ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Show(CliApp app)
    {
        var currency = new Argument<string>("CURRENCY") { Description = "ISO 4217 code: USD, GBP, JPY ..." };
        var on = new Option<string?>("--on") { Description = "The date YYYY-MM-DD (default today)" };
        var format = CliApp.FormatOption();
        var cmd = new Command("show", $"The rate a pledge of that date is converted with: the date's own, or the last earlier day's (at most {RateStore.MaxRateAgeDays} days back)");
        cmd.Arguments.Add(currency);
        cmd.Options.Add(on);
        cmd.Options.Add(format);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var code = CurrencyCode("CURRENCY", parse.GetValue(currency));
            var date = Inputs.Date("--on", parse.GetValue(on)) ?? DateOnly.FromDateTime(ctx.Env.Clock.GetUtcNow().UtcDateTime);
            var rate = await new RateStore(await ctx.LedgerAsync(ct)).RateOnAsync(code, date, ct);
            var row = new Row().Set("currency", code).Set("on", date).Set("rate_date", rate?.Date).Set("units_per_eur", rate?.UnitsPerEur)
                .Set("days_back", rate is null ? null : date.DayNumber - rate.Date.DayNumber);
            if (fmt != OutputFormat.Table)
            {
                Output.Write(ctx, fmt, ["currency", "on", "rate_date", "units_per_eur", "days_back"], [row]);
            }
            else if (rate is null)
            {
                ctx.Out.WriteLine($"no {code} rate for {Day(date)} or the {RateStore.MaxRateAgeDays} days before it: {code} amounts of that date stay unconverted (import rates with `pledge rates import`)");
            }
            else
            {
                var which = rate.Date == date ? "the rate of that day" : $"the rate of {Day(rate.Date)} ({rate.Date.DayOfWeek}), the last earlier day with a rate";
                ctx.Out.WriteLine($"{code} on {Day(date)} ({date.DayOfWeek}): {Num(rate.UnitsPerEur)} {code} per EUR, {which}");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command List(CliApp app)
    {
        var currency = new Option<string?>("--currency") { Description = "Only this currency" };
        var from = new Option<string?>("--from") { Description = "From YYYY-MM-DD" };
        var to = new Option<string?>("--to") { Description = "To YYYY-MM-DD" };
        var limit = new Option<int?>("--limit") { Description = "At most this many rows" };
        var all = new Option<bool>("--all") { Description = "Every rate held (the history), not only the latest per currency" };
        var format = CliApp.FormatOption();
        var cmd = new Command("list", "The latest rate held per currency (--all, --from or --to: the history)");
        foreach (var o in new Option[] { currency, from, to, limit, all, format }) cmd.Options.Add(o);
        cmd.SetAction(async (parse, ct) =>
        {
            var ctx = app.Context;
            var fmt = Output.Parse(parse.GetValue(format));
            var code = parse.GetValue(currency) is { } c ? CurrencyCode("--currency", c) : null;
            var f = Inputs.Date("--from", parse.GetValue(from));
            var t = Inputs.Date("--to", parse.GetValue(to));
            Inputs.CheckRange(f, t);
            if (parse.GetValue(limit) is <= 0) throw new UserInputException("--limit: must be a positive number");
            var db = await ctx.LedgerAsync(ct);
            var history = parse.GetValue(all) || f is not null || t is not null;
            var rates = history
                ? await new RateStore(db).ListAsync(code, f, t, parse.GetValue(limit), ct)
                : (await LatestRates.ListAsync(db, code, ct)).Take(parse.GetValue(limit) ?? int.MaxValue).ToList();
            // Every digit the rate has, as `rates show` prints it (0.8479, never 0.85).
            Output.Write(ctx, fmt, ["date", "currency", "units_per_eur"],
                rates.Select(r => new Row().Set("date", r.Date).Set("currency", r.Currency).Set("units_per_eur", r.UnitsPerEur)).ToList(),
                title: history ? $"{rates.Count} rate(s), units per EUR" : $"latest rate of {rates.Count} currenc{(rates.Count == 1 ? "y" : "ies")}, units per EUR (--all: the history)");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The rates file's text and name; a .zip (as the ECB serves it) is read from its first .csv entry.</summary>
    private static (string Name, string Text) ReadRatesText(string path, long max)
    {
        try
        {
            if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) return (Path.GetFileName(path), File.ReadAllText(path));
            using var zip = ZipFile.OpenRead(path);
            var entry = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                ?? throw new UserInputException($"FILE: '{Path.GetFileName(path)}' holds no .csv file");
            // The entry's declared size is checked, and the read is cut at the limit whatever the header says.
            if (entry.Length > max) throw new UserInputException($"FILE: '{Path.GetFileName(path)}': {entry.Name} is too large unpacked ({entry.Length:N0} bytes, limit {max:N0}; raise it with --max-file-size or {Files.SizeVariable})");
            using var reader = new StreamReader(new BoundedStream(entry.Open(), max));
            return (entry.Name, reader.ReadToEnd());
        }
        catch (InvalidDataException e)
        {
            throw new UserInputException($"FILE: '{Path.GetFileName(path)}' is not a readable zip file ({e.Message})");
        }
    }

    private static string CurrencyCode(string option, string? s)
    {
        var code = (s ?? "").Trim().ToUpperInvariant();
        return Currencies.IsKnown(code) ? code : throw new UserInputException($"{option}: '{s}' is not an ISO 4217 currency code (USD, GBP, JPY, ...)");
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Where each rate sits in its file, so conflicts are reported as FILE:LINE like every other problem.</summary>
internal sealed class RateLines
{
    private readonly Dictionary<(DateOnly, string?), (int First, int Last)> _lines = [];
    private readonly bool _byDateOnly;

    private RateLines(bool byDateOnly) => _byDateOnly = byDateOnly;

    /// <summary>ECB files have one line per date (all currencies); plain files one line per date and currency.</summary>
    public static RateLines Index(string text, string format)
    {
        var index = new RateLines(format == RatesFile.EcbFormat);
        var lineNo = 0;
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (lineNo == 1) continue;
            var cells = Csv.SplitLine(line);
            if (!DateOnly.TryParseExact(cells[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) continue;
            var key = (date, index._byDateOnly ? null : cells.Length > 1 ? cells[1].Trim().ToUpperInvariant() : "");
            index._lines[key] = index._lines.TryGetValue(key, out var seen) ? (seen.First, lineNo) : (lineNo, lineNo);
        }
        return index;
    }

    public int First(DateOnly date, string currency) => _lines.TryGetValue(Key(date, currency), out var l) ? l.First : 0;

    public int Last(DateOnly date, string currency) => _lines.TryGetValue(Key(date, currency), out var l) ? l.Last : 0;

    private (DateOnly, string?) Key(DateOnly date, string currency) => (date, _byDateOnly ? null : currency);
}
