using PledgeLedger.Tests;

namespace PledgeLedger.Cli.Tests;

/// <summary>
/// Each rule of Core's <c>PledgeRules</c> through every path a pledge comes in by: <c>pledge add</c> refuses it (exit
/// 2, naming the option), <c>pledge import csv</c> rejects the row (FILE:LINE, the good rows imported, exit 1), and
/// <c>pledge ingest</c> never stores it (the extractor reads no date, sum or count outside the rules). In every case
/// the ledger holds nothing that breaks the rule, and what keeps to it is written.
/// </summary>
[Collection("db")]
public sealed class PledgeRulesPathTests(PostgresFixture pg)
{
    private const string MoneyMap = "donor=country,date=day,amount=eur,currency='EUR'";

    [Theory]
    [InlineData("add")]
    [InlineData("csv")]
    [InlineData("ingest")]
    public async Task A_date_outside_1990_to_2100_never_reaches_the_ledger(string path)
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        switch (path)
        {
            case "add":
                var (exit, _, err) = await cli.RunAsync("add", "--donor", "DE", "--amount", "500m", "--currency", "EUR", "--date", "1985-06-12");
                Assert.Equal(ExitCodes.BadInput, exit);
                Assert.Contains("--date: '1985-06-12' is not a date between 1990 and 2100", err);
                Assert.Equal(0, await cli.CountAsync("pledge_versions"));
                break;
            case "csv":
                (exit, _, err) = await cli.RunAsync("import", "csv", cli.Write("pledges.csv", "country,day,eur\nGermany,1985-06-12,500000000\nFrance,2024-06-13,250000000\n"), "--map", MoneyMap);
                Assert.Equal(ExitCodes.PartlyFailed, exit);
                Assert.Contains("pledges.csv:2: date: '1985-06-12' is not a date between 1990-01-01 and 2100-12-31", err);
                Assert.Equal(1, await cli.CountAsync("pledge_current"));
                break;
            default:
                // The only date the document gives is outside the ledger's range: the pledge is kept undated, never dated 1985.
                (exit, _, err) = await cli.RunAsync("ingest", cli.Write("old.txt", "Berlin, 12 June 1985. Germany pledged EUR 500 million in military aid to Ukraine.\n"));
                Assert.True(exit == ExitCodes.Ok, err);
                Assert.Equal(1, await cli.CountAsync("pledge_current"));
                Assert.Equal(1L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_current WHERE announced_on IS NULL"));
                break;
        }
        Assert.Equal(0L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_versions WHERE announced_on < DATE '1990-01-01'"));
    }

    [Theory]
    [InlineData("add")]
    [InlineData("csv")]
    [InlineData("ingest")]
    public async Task An_amount_over_ten_to_the_fifteenth_never_reaches_the_ledger(string path)
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        switch (path)
        {
            case "add":
                var (exit, _, err) = await cli.RunAsync("add", "--donor", "DE", "--amount", "2000000000000000", "--currency", "EUR", "--date", "2024-06-12");
                Assert.Equal(ExitCodes.BadInput, exit);
                Assert.Contains("--amount: '2000000000000000' is not a positive amount", err);
                Assert.Equal(0, await cli.CountAsync("pledge_versions"));
                break;
            case "csv":
                (exit, _, err) = await cli.RunAsync("import", "csv", cli.Write("pledges.csv", "country,day,eur\nGermany,2024-06-12,2000000000000000\nFrance,2024-06-13,250000000\n"), "--map", MoneyMap);
                Assert.Equal(ExitCodes.PartlyFailed, exit);
                Assert.Contains("pledges.csv:2: amount: '2000000000000000' is not an amount of at most", err);
                Assert.Equal(1, await cli.CountAsync("pledge_current"));
                break;
            default:
                (exit, _, err) = await cli.RunAsync("ingest", "--date", "2024-06-12", cli.Write("huge.txt",
                    "Germany pledged EUR 2,000,000 billion to Ukraine.\nFrance pledged EUR 250 million in military aid to Ukraine.\n"));
                Assert.True(exit == ExitCodes.Ok, err);
                Assert.Equal(1L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_current WHERE donor_code = 'FR'"));
                break;
        }
        Assert.Equal(0L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_versions WHERE abs(amount) > 1e15"));
    }

    [Theory]
    [InlineData("add")]
    [InlineData("csv")]
    [InlineData("ingest")]
    public async Task A_count_of_items_over_the_bound_never_reaches_the_ledger(string path)
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        switch (path)
        {
            case "add":
                var (exit, _, err) = await cli.RunAsync("add", "--donor", "DE", "--system", "Patriot", "--quantity", "20000000", "--date", "2024-06-12");
                Assert.Equal(ExitCodes.BadInput, exit);
                Assert.Contains("--quantity: '20000000' is not a whole number between 1 and 10,000,000", err);
                Assert.Equal(0, await cli.CountAsync("pledge_versions"));
                break;
            case "csv":
                (exit, _, err) = await cli.RunAsync("import", "csv", cli.Write("systems.csv", "country,day,sys,n\nGermany,2024-06-12,Patriot,20000000\nFrance,2024-06-13,CAESAR,6\n"),
                    "--map", "donor=country,date=day,system=sys,quantity=n");
                Assert.Equal(ExitCodes.PartlyFailed, exit);
                Assert.Contains("systems.csv:2: quantity:", err);
                Assert.Equal(1, await cli.CountAsync("pledge_current"));
                break;
            default:
                // More than the bound is no count of items: the pledge is kept with its number unstated.
                (exit, _, err) = await cli.RunAsync("ingest", "--date", "2024-06-12", cli.Write("shells.txt", "Germany pledged 20,000,000 Patriot systems to Ukraine.\n"));
                Assert.True(exit == ExitCodes.Ok, err);
                Assert.Equal(1L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_current WHERE kind = 'equipment' AND quantity IS NULL"));
                break;
        }
        Assert.Equal(0L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_versions WHERE quantity > 10000000"));
    }

    [Theory]
    [InlineData("add")]
    [InlineData("csv")]
    [InlineData("ingest")]
    public async Task A_pledge_is_money_or_equipment_never_both(string path)
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        switch (path)
        {
            case "add":
                var (exit, _, err) = await cli.RunAsync("add", "--donor", "DE", "--amount", "5m", "--currency", "EUR", "--system", "Patriot", "--date", "2024-06-12");
                Assert.Equal(ExitCodes.BadInput, exit);
                Assert.Contains("--amount/--system: a pledge is money or equipment, not both", err);
                Assert.Equal(0, await cli.CountAsync("pledge_versions"));
                break;
            case "csv":
                // An equipment row with an amount: rejected on its line (the database's constraint used to refuse the whole file).
                (exit, _, err) = await cli.RunAsync("import", "csv", cli.Write("mixed.csv", "country,day,k,sys,eur\nGermany,2024-06-12,equipment,Patriot,5000000\nFrance,2024-06-13,money,,250000000\n"),
                    "--map", "donor=country,date=day,kind=k,system=sys,amount=eur,currency='EUR'");
                Assert.True(exit == ExitCodes.PartlyFailed, err);
                Assert.Contains("mixed.csv:2: kind: 'equipment' is not a pledge of one kind", err);
                Assert.Equal(1L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_current WHERE donor_code = 'FR' AND kind = 'money'"));
                Assert.Equal(1, await cli.CountAsync("pledge_current"));
                break;
            default:
                // One sentence with a sum and a system: two pledges, each of one kind.
                (exit, _, err) = await cli.RunAsync("ingest", "--date", "2024-06-12", cli.Write("both.txt", "Germany pledged EUR 500 million and two Patriot systems to Ukraine.\n"));
                Assert.True(exit == ExitCodes.Ok, err);
                Assert.Equal(1L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_current WHERE kind = 'money' AND system_id IS NULL AND quantity IS NULL"));
                Assert.Equal(1L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_current WHERE kind = 'equipment' AND amount IS NULL AND system_id = 'patriot'"));
                break;
        }
        Assert.Equal(0L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_versions WHERE kind = 'equipment' AND amount IS NOT NULL"));
    }

    [Theory]
    [InlineData("add")]
    [InlineData("csv")]
    [InlineData("ingest")]
    public async Task Years_only_on_a_multi_year_pledge_and_at_most_100(string path)
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        switch (path)
        {
            case "add":
                var (exit, _, err) = await cli.RunAsync("add", "--donor", "DE", "--amount", "5m", "--currency", "EUR", "--period", "once", "--years", "3");
                Assert.Equal(ExitCodes.BadInput, exit);
                Assert.Contains("--years: only with --period multi_year", err);
                (exit, _, err) = await cli.RunAsync("add", "--donor", "DE", "--amount", "5m", "--currency", "EUR", "--years", "101");
                Assert.Equal(ExitCodes.BadInput, exit);
                Assert.Contains("--years: '101' is not a number of years (1 to 100)", err);
                (exit, _, err) = await cli.RunAsync("add", "--donor", "DE", "--amount", "5m", "--currency", "EUR", "--years", "100");
                Assert.True(exit == ExitCodes.Ok, err);
                break;
            case "csv":
                // Years on a one-off row are rejected on their line (the database's constraint used to refuse the whole file); 100 years are as many as `pledge add` takes.
                (exit, _, err) = await cli.RunAsync("import", "csv", cli.Write("years.csv", "country,day,eur,p,y\nGermany,2024-06-12,5000000,once,3\nFrance,2024-06-13,250000000,multi_year,100\nItaly,2024-06-14,1000000,multi_year,101\n"),
                    "--map", MoneyMap + ",period=p,years=y");
                Assert.True(exit == ExitCodes.PartlyFailed, err);
                Assert.Contains("years.csv:2: years: '3' is not allowed on a once pledge (years only with period multi_year)", err);
                Assert.Contains("years.csv:4: years:", err);
                Assert.Equal(1L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_current WHERE donor_code = 'FR' AND years = 100"));
                Assert.Equal(1, await cli.CountAsync("pledge_current"));
                break;
            default:
                (exit, _, err) = await cli.RunAsync("ingest", "--date", "2024-06-12", cli.Write("years.txt", "Germany pledged EUR 500 million to Ukraine over three years.\n"));
                Assert.True(exit == ExitCodes.Ok, err);
                Assert.Equal(1L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_current WHERE period = 'multi_year' AND years = 3"));
                break;
        }
        Assert.Equal(0L, await cli.ScalarAsync<long>("SELECT count(*) FROM pledge_versions WHERE years IS NOT NULL AND (period <> 'multi_year' OR years > 100)"));
    }

    /// <summary>
    /// A stated EUR value comes only from a tracker's file (no option of `pledge add` gives one, and the extractor never
    /// reads one): the importer takes one for equipment within the bound, and rejects a row over it.
    /// </summary>
    [Fact]
    public async Task A_stated_value_over_the_bound_is_rejected_on_its_line()
    {
        var cli = await MoneyRunner.CreateAsync(pg);
        var (exit, _, err) = await cli.RunAsync("import", "csv", cli.Write("valued.csv", "country,day,sys,n,v\nGermany,2024-06-12,Patriot,1,2000000000000000\nFrance,2024-06-13,CAESAR,6,35000000\n"),
            "--map", "donor=country,date=day,system=sys,quantity=n,value_eur=v");
        Assert.True(exit == ExitCodes.PartlyFailed, err);
        Assert.Contains("valued.csv:2: value_eur:", err);
        Assert.Equal(35_000_000m, await cli.ScalarAsync<decimal>("SELECT stated_value_eur FROM pledge_current WHERE donor_code = 'FR'"));
        Assert.Equal(1, await cli.CountAsync("pledge_current"));
    }
}
