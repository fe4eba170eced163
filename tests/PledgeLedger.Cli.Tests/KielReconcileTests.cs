using System.Text.Json;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

/// <summary>The tracker files in ../shared imported through the CLI, and the ledger reconciled with Kiel's own totals.</summary>
[Collection("db")]
public sealed class KielReconcileTests(PostgresFixture pg)
{
    [SkippableFact]
    public async Task After_importing_the_Kiel_extract_allocations_match_the_country_summary_for_at_least_40_of_42_donors()
    {
        var bilateral = SharedData.Require("data/kiel/bilateral_activities.csv");
        var summary = SharedData.Require("data/kiel/country_summary.csv");
        var cli = await MoneyRunner.CreateAsync(pg);

        var (exit, output, err) = await cli.RunAsync("import", "csv", bilateral, "--rules", "kiel-bilateral");
        Assert.True(exit == 0, err);
        Assert.Contains("rows read 5565, imported 2612 including 2 adjustment(s)", output);
        Assert.Contains("skipped 2953 (amount 0), rejected 0", output);
        Assert.Equal(2612, await cli.CountAsync("pledge_current"));
        Assert.Equal(2L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_current WHERE adjustment"));

        (exit, output, err) = await cli.RunAsync("reconcile", "kiel", summary, "--format", "json");
        Assert.True(exit == 0, err);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        var tracker = rows.Where(r => r.GetProperty("tracker_eur").ValueKind != JsonValueKind.Null).ToList();
        Assert.Equal(42, tracker.Count);
        var within = tracker.Count(r => r.GetProperty("within_tolerance").GetBoolean());
        Assert.True(within >= 40, $"{within} of 42 within 0.5 %");
        // Only EU institutions and Slovenia may differ (the source itself does not add up for them).
        Assert.All(tracker.Where(r => !r.GetProperty("within_tolerance").GetBoolean()),
            r => Assert.Contains(r.GetProperty("donor").GetString(), new[] { "EU", "SI" }));
        // The EIB has no line of its own: Kiel's summary counts it under EU institutions, and so does reconcile.
        Assert.DoesNotContain(rows, r => r.GetProperty("donor").GetString() == "EIB");
        var slovenia = rows.Single(r => r.GetProperty("donor").GetString() == "SI");
        Assert.NotEqual(0, slovenia.GetProperty("explaining").GetArrayLength());
        Assert.StartsWith("#", slovenia.GetProperty("explaining")[0].GetProperty("reference").GetString());
    }

    [SkippableFact]
    public async Task The_Kiel_weapons_table_and_the_Oryx_list_import_with_spot_checked_counts()
    {
        var weapons = SharedData.Require("data/kiel/weapons.csv");
        var oryx = SharedData.Require("data/oryx/donated_vehicles.csv");
        var cli = await MoneyRunner.CreateAsync(pg);

        var (exit, output, err) = await cli.RunAsync("import", "csv", weapons, "--rules", "kiel-weapons");
        Assert.True(exit == 0, err);
        Assert.Contains("rows read 61, imported 61 (101 pledges)", output);
        // Australia's 49 M1A1 Abrams, with Kiel's stated EUR value of the row.
        Assert.Equal(463_047_927m, await cli.ScalarAsync<decimal>(
            "SELECT stated_value_eur FROM pledge_current WHERE donor_code = 'AU' AND system_id = 'abrams' AND quantity = 49"));

        // In-kind, the weapons table adds up to Kiel's own total: a row's value counts once, on its first system.
        Assert.Equal(17_949_980_893m, await cli.ScalarAsync<decimal>("""
            SELECT sum(coalesce(p.stated_value_eur, p.quantity * v.unit_value_eur)) FROM pledge_current p
            LEFT JOIN (SELECT DISTINCT ON (system_id) system_id, unit_value_eur FROM system_valuations
                       ORDER BY system_id, recorded_at DESC, id DESC) v ON v.system_id = p.system_id
            """));
        var (_, totals, _) = await cli.RunAsync("totals", "--in-kind", "--format", "json");
        Assert.Equal(17_949_980_893m, JsonDocument.Parse(totals).RootElement.EnumerateArray().Sum(r => r.GetProperty("in_kind_eur").GetDecimal()));

        (exit, output, err) = await cli.RunAsync("import", "csv", oryx, "--rules", "oryx");
        Assert.Equal(ExitCodes.PartlyFailed, exit);
        Assert.Contains("rows read 355, imported 349, skipped 0 (amount 0), rejected 6", output);
        Assert.Equal(6, err.Trim().Split('\n').Count(l => l.StartsWith("donated_vehicles.csv:", StringComparison.Ordinal) && l.Contains("donor 'NONE'")));
        // File and line stay the source; Oryx's proof link goes into the note.
        var (source, note) = (await cli.ScalarAsync<string>("SELECT source FROM pledge_current WHERE source = 'donated_vehicles.csv:2'"),
            await cli.ScalarAsync<string>("SELECT note FROM pledge_current WHERE source = 'donated_vehicles.csv:2'"));
        Assert.Equal("donated_vehicles.csv:2", source);
        Assert.Contains("source: https://i.postimg.cc/RF9WvybT/547.png", note);
        Assert.Equal(101 + 349, await cli.CountAsync("pledge_current"));
    }
}
