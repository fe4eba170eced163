using System.Text.Json;
using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

[Collection("db")]
public sealed class ImportCommandTests(PostgresFixture pg)
{
    private const string Map = "donor=country,date=day,amount=eur,currency='EUR',status=stage{A:allocated,C:pledged},aid_type='military'";

    private const string Good = """
        country,day,eur,stage
        Germany,2024-06-12,500000000,A
        France,2024-06-13,250000000.50,C
        """;

    [Fact]
    public async Task A_mapping_naming_a_missing_column_refuses_the_file_and_writes_nothing()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var file = cli.Write("pledges.csv", Good);
        var (exit, _, err) = await cli.RunAsync("import", "csv", file, "--map", Map.Replace("eur,", "value_in_eur,"));
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("pledges.csv:1: amount: column 'value_in_eur' is not in the header", err);
        Assert.Equal(0, await cli.CountAsync("pledge_versions"));
        Assert.Equal(0, await cli.CountAsync("documents"));
    }

    [Fact]
    public async Task Bad_mapping_syntax_is_refused_before_reading()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var (exit, _, err) = await cli.RunAsync("import", "csv", cli.Write("pledges.csv", Good), "--map", "donor=country,colour=red");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("colour", err);
        Assert.Equal(0, await cli.CountAsync("pledge_versions"));
    }

    [Fact]
    public async Task An_unknown_donor_row_is_rejected_with_file_and_line_and_the_good_rows_are_written()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var file = cli.Write("pledges.csv", Good + "\nAtlantis,2024-06-14,1000000,A\nItaly,2024-06-15,3000000,A\n");
        var (exit, output, err) = await cli.RunAsync("import", "csv", file, "--map", Map);
        Assert.Equal(ExitCodes.PartlyFailed, exit);
        Assert.Equal("pledges.csv:4: donor: donor 'Atlantis' is not in the donor registry; row not imported", err.Trim());
        Assert.Contains("rows read 4, imported 3, skipped 0 (amount 0), rejected 1", output);
        Assert.Equal(3, await cli.CountAsync("pledge_current"));
        Assert.Equal(1, await cli.CountAsync("documents"));

        var (_, listed, _) = await cli.RunAsync("list", "--donor", "IT", "--format", "json");
        var italy = JsonDocument.Parse(listed).RootElement[0];
        Assert.Equal("pledges.csv:5", italy.GetProperty("source").GetString());
        Assert.Equal("allocated", italy.GetProperty("status").GetString());
        Assert.Equal(1, italy.GetProperty("sources").GetInt32()); // the evidence row pointing at the file's line
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var file = cli.Write("pledges.csv", Good);
        Assert.Equal(0, (await cli.RunAsync("import", "csv", file, "--map", Map)).Exit);
        var (exit, output, _) = await cli.RunAsync("import", "csv", file, "--map", Map);
        Assert.Equal(0, exit);
        Assert.Contains("already imported", output);
        Assert.Equal(2, await cli.CountAsync("pledge_versions"));
        Assert.Equal(1, await cli.CountAsync("documents"));
    }

    [Fact]
    public async Task The_summary_is_available_as_json_for_scripts()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var file = cli.Write("pledges.csv", Good + "\nAtlantis,2024-06-14,1000000,A\n");
        var (exit, output, _) = await cli.RunAsync("import", "csv", file, "--map", Map, "--format", "json");
        Assert.Equal(ExitCodes.PartlyFailed, exit);
        var summary = JsonDocument.Parse(output).RootElement[0];
        Assert.Equal(3, summary.GetProperty("rows_read").GetInt32());
        Assert.Equal(2, summary.GetProperty("written").GetInt32());
        Assert.Equal(1, summary.GetProperty("rejected_rows").GetInt32());
        Assert.Equal("unknown-donor", summary.GetProperty("problems")[0].GetProperty("code").GetString());
        (exit, output, _) = await cli.RunAsync("import", "csv", file, "--map", Map, "--format", "json");
        Assert.Equal(0, exit);
        Assert.True(JsonDocument.Parse(output).RootElement[0].GetProperty("already_imported").GetBoolean());
    }

    [Fact]
    public async Task A_value_stated_for_a_row_of_several_systems_counts_once_in_kind()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var file = cli.Write("weapons.csv", """
            donor,value,list
            Germany,100000000,"Leopard 2A6 (10); Leopard 2A4 (5)"
            Poland,,"Leopard 2A4 (3)"
            """);
        var (exit, _, err) = await cli.RunAsync("import", "csv", file, "--map", "donor=donor,kind='equipment',systems=list,value_eur=value");
        Assert.True(exit == 0, err);
        var (_, totals, _) = await cli.RunAsync("totals", "--in-kind", "--format", "json");
        var rows = JsonDocument.Parse(totals).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("donor").GetString()!);
        // Germany: the source's EUR 100 m for both systems, not 100 m + 5 x the catalog's Leopard 2A4 value.
        Assert.Equal(100_000_000m, rows["DE"].GetProperty("in_kind_eur").GetDecimal());
        Assert.Equal(15, rows["DE"].GetProperty("equipment_items").GetInt64());
        // Poland: no stated value, so the catalog estimate (Kiel's implied EUR 2.0 m per Leopard 2A4).
        Assert.Equal(6_000_000m, rows["PL"].GetProperty("in_kind_eur").GetDecimal());
    }

    [Fact]
    public async Task A_dry_run_reports_and_writes_nothing()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var (exit, output, _) = await cli.RunAsync("import", "csv", cli.Write("pledges.csv", Good), "--map", Map, "--dry-run");
        Assert.Equal(0, exit);
        Assert.Contains("imported 2", output);
        Assert.Contains("dry run: nothing written", output);
        Assert.Equal(0, await cli.CountAsync("pledge_versions"));
        Assert.Equal(0, await cli.CountAsync("documents"));
    }

    [Fact]
    public async Task Saved_rules_are_reusable_by_name()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var (exit, _, err) = await cli.RunAsync("import", "csv", cli.Write("first.csv", Good), "--map", Map, "--save-rules", "my-tracker");
        Assert.True(exit == 0, err);
        Assert.True(File.Exists(Path.Combine(cli.Home, "rules", "my-tracker.rules")));
        var second = cli.Write("second.csv", "country,day,eur,stage\nNorway,2024-07-01,42000000,A\n");
        (exit, _, err) = await cli.RunAsync("import", "csv", second, "--rules", "my-tracker");
        Assert.True(exit == 0, err);
        Assert.Equal(3, await cli.CountAsync("pledge_current"));
        Assert.Equal(42_000_000m, await cli.ScalarAsync<decimal>("SELECT amount FROM pledge_current WHERE donor_code = 'NO'"));
        (exit, _, err) = await cli.RunAsync("import", "csv", second, "--rules", "no-such-rules");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("no mapping named 'no-such-rules'", err);
    }

    [Fact]
    public async Task Zero_rows_are_skipped_and_counted_and_negative_rows_are_adjustments_summed_with_their_sign()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var file = cli.Write("kiel-like.csv", """
            country,day,eur,stage
            Czechia,2023-01-10,100000000,A
            Czechia,2023-02-10,0,A
            Czechia,2023-03-10,-30000000,A
            """);
        var (exit, output, err) = await cli.RunAsync("import", "csv", file, "--map", Map + ",negative=allow");
        Assert.True(exit == 0, err);
        Assert.Contains("rows read 3, imported 2 including 1 adjustment(s)", output);
        Assert.Contains("skipped 1 (amount 0), rejected 0", output);
        Assert.Contains("kiel-like.csv:3: amount: amount is 0", err);
        Assert.Equal(1L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_current WHERE adjustment AND amount < 0"));
        var (_, totals, _) = await cli.RunAsync("totals", "--format", "json");
        Assert.Equal(70_000_000m, JsonDocument.Parse(totals).RootElement[0].GetProperty("eur").GetDecimal());
    }

    [Fact]
    public async Task Negative_rows_are_rejected_unless_the_mapping_allows_them()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var file = cli.Write("neg.csv", "country,day,eur,stage\nSweden,2023-01-10,-5,A\nSweden,2023-01-11,5,A\n");
        var (exit, _, err) = await cli.RunAsync("import", "csv", file, "--map", Map);
        Assert.Equal(ExitCodes.PartlyFailed, exit);
        Assert.StartsWith("neg.csv:2: amount: amount '-5' is negative", err);
        Assert.Equal(1, await cli.CountAsync("pledge_current"));
    }

    [Fact]
    public async Task A_missing_file_or_no_mapping_is_bad_input()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        Assert.Equal(ExitCodes.BadInput, (await cli.RunAsync("import", "csv", "nope.csv", "--map", Map)).Exit);
        Assert.Equal(ExitCodes.BadInput, (await cli.RunAsync("import", "csv", cli.Write("p.csv", Good))).Exit);
    }
}
