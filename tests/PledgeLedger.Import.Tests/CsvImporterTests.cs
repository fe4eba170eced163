using PledgeLedger.Core;

namespace PledgeLedger.Import.Tests;

public class CsvImporterTests
{
    private static ImportResult Run(string csv, string mapping)
    {
        var parsed = ImportMapping.Parse(mapping);
        Assert.Empty(parsed.Problems);
        return CsvImporter.Import(new StringReader(csv), "in.csv", parsed.Mapping!, DonorRegistry.Default, SystemCatalog.Default);
    }

    [Fact]
    public void Imports_good_rows_and_reports_an_unknown_donor_with_file_and_line()
    {
        var result = Run("who,when,how_much\nGermany,2024-05-31,500000000\nAtlantis,2024-06-01,10\nFrance,,1.5bn\n",
            "donor=who,date=when,amount=how_much,currency=EUR");

        Assert.Equal(3, result.RowsRead);
        Assert.Equal(1, result.RowsRejected);
        Assert.Equal(["DE", "FR"], result.Rows.Select(r => r.Pledge.DonorCode));
        Assert.Equal("in.csv:3: donor: donor 'Atlantis' is not in the donor registry; row not imported", Assert.Single(result.Problems).ToString());
        Assert.Equal([2, 4], result.Rows.Select(r => r.Line));
        Assert.Null(result.Rows[1].Pledge.AnnouncedOn);
        Assert.Equal(1_500_000_000m, result.Rows[1].Pledge.Amount);
    }

    [Fact]
    public void Refuses_the_whole_file_when_the_mapping_names_a_missing_column()
    {
        var result = Run("who,when,how_much\nGermany,2024-05-31,5\n", "donor=who,date=datum,amount=how_much,currency=EUR");

        Assert.Empty(result.Rows);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("in.csv", 1, "date", ImportMessages.MissingColumn), (problem.File, problem.Line, problem.Field, problem.Code));
    }

    [Fact]
    public void Takes_a_bare_value_as_a_column_when_one_is_named_so_and_else_as_a_literal()
    {
        var literal = Run("donor,amount\nGermany,5\n", "donor=donor,amount=amount,currency=USD");
        var column = Run("donor,amount,USD\nGermany,5,GBP\n", "donor=donor,amount=amount,currency=USD");

        Assert.Equal("USD", literal.Rows[0].Pledge.Currency);
        Assert.Equal("GBP", column.Rows[0].Pledge.Currency);
    }

    [Theory]
    [InlineData("Germany,31.05.2024,5,EUR,pledged", 2, "date", ImportMessages.BadDate)]
    [InlineData("Germany,2024-05-31,five,EUR,pledged", 2, "amount", ImportMessages.BadValue)]
    [InlineData("Germany,2024-05-31,-5,EUR,pledged", 2, "amount", ImportMessages.NegativeAmount)]
    [InlineData("Germany,2024-05-31,5,EURO,pledged", 2, "currency", ImportMessages.UnknownCurrency)]
    [InlineData("Germany,2024-05-31,,EUR,pledged", 2, "amount", ImportMessages.MissingAmount)]
    [InlineData("Germany,2024-05-31,5,EUR,promised", 2, "status", ImportMessages.BadValue)]
    [InlineData(",2024-05-31,5,EUR,pledged", 2, "donor", ImportMessages.MissingValue)]
    public void Reports_one_problem_for_each_bad_row(string row, int line, string field, string code)
    {
        var result = Run("donor,date,amount,currency,status\n" + row + "\nFrance,2024-05-31,1,EUR,pledged\n",
            "donor=donor,date=date,amount=amount,currency=currency,status=status");

        var problem = Assert.Single(result.Problems);
        Assert.Equal((line, field, code), (problem.Line, problem.Field, problem.Code));
        Assert.Equal("FR", Assert.Single(result.Rows).Pledge.DonorCode);
    }

    [Fact]
    public void Reads_day_first_dates_semicolons_and_skipped_preamble_lines()
    {
        var result = Run("Export of 2024-06-01\n\ngeber;datum;betrag\nPolen;31.05.2024;12.5\n",
            "donor=geber,date=datum,amount=betrag,currency=PLN,skip=2,delimiter=;,date_format=dd.MM.yyyy,aliases=kiel");

        // "Polen" is not English: reported, with the line it stands on in the file.
        Assert.Equal(4, Assert.Single(result.Problems).Line);
        var ok = Run("Export\ngeber;datum;betrag\nPoland;31.05.2024;12.5\n", "donor=geber,date=datum,amount=betrag,currency=PLN,skip=1,delimiter=;,date_format=dd.MM.yyyy");
        var row = Assert.Single(ok.Rows);
        Assert.Equal((new DateOnly(2024, 5, 31), 12.5m, "PLN", 3), (row.Pledge.AnnouncedOn!.Value, row.Pledge.Amount!.Value, row.Pledge.Currency!, row.Line));
    }

    [Fact]
    public void Keeps_every_digit_of_an_amount()
    {
        var result = Run("d,a\nAustralia,23417159.978473667\n", "donor=d,amount=a,currency=EUR");

        Assert.Equal(23417159.978473667m, result.Rows[0].Pledge.Amount);
    }

    [Fact]
    public void Reads_columns_by_index_when_a_file_has_no_header()
    {
        var result = Run("Germany,100,2\nFrance,200,3\n", "donor=%1,amount=%2,currency=EUR,years=%3,period=multi_year,header=false");

        Assert.Equal([2, 3], result.Rows.Select(r => r.Pledge.Years!.Value));
        Assert.Equal([1, 2], result.Rows.Select(r => r.Line));
        Assert.All(result.Rows, r => Assert.Equal(Period.MultiYear, r.Pledge.Period));
    }

    [Fact]
    public void Keeps_the_rows_other_values_in_the_note_and_the_file_and_line_in_the_source()
    {
        var result = Run("d,a,remark,extra\nGermany,5,first,x\n", "donor=d,amount=a,currency=EUR,note=*");

        Assert.Equal("remark=first; extra=x", result.Rows[0].Pledge.Note);
        Assert.Equal("in.csv:2", result.Rows[0].Pledge.Source);
    }

    [Fact]
    public void Matches_systems_through_the_catalog_and_keeps_an_unknown_one_by_name()
    {
        var result = Run("d,s,n\nGermany,Leopard 2A6,18\nGermany,Flying Carpet,2\nUnited States,230+ HIMARS,x\n",
            "donor=d,system=s,quantity=n,category='tanks'");

        Assert.Equal("leopard-2a6", result.Rows[0].Pledge.SystemId);
        Assert.Equal(PledgeKind.Equipment, result.Rows[0].Pledge.Kind);
        Assert.Null(result.Rows[1].Pledge.SystemId);
        Assert.Equal("tanks", result.Rows[1].Pledge.Category);
        Assert.Contains("Flying Carpet", result.Rows[1].Pledge.Note, StringComparison.Ordinal);
        Assert.Equal(ImportMessages.BadQuantity, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Reads_a_lower_bound_quantity_as_at_least()
    {
        var result = Run("d,s,n\nPoland,T-72,230+\n", "donor=d,system=s,quantity=n");

        Assert.Equal((230L, Qualifier.AtLeast), (result.Rows[0].Pledge.Quantity!.Value, result.Rows[0].Pledge.Qualifier));
    }

    [Fact]
    public void Reports_malformed_quoting_and_goes_on()
    {
        var result = Run("d,a\nGermany,5\n\"Fra\"nce,6\nItaly,7\n", "donor=d,amount=a,currency=EUR");

        Assert.Equal(["DE", "IT"], result.Rows.Select(r => r.Pledge.DonorCode));
        Assert.Equal((3, ImportMessages.BadRow), (Assert.Single(result.Problems).Line, result.Problems[0].Code));
    }

    [Fact]
    public void Reports_an_unreadable_file_instead_of_throwing()
    {
        var result = CsvImporter.Import("/nonexistent/x.csv", ImportMapping.Parse("donor=d,amount=a,currency=EUR").Mapping!, DonorRegistry.Default, SystemCatalog.Default);

        Assert.Equal(ImportMessages.FileUnreadable, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Skips_zero_amounts_with_a_problem_when_asked()
    {
        var result = Run("d,a\nGermany,0\nFrance,1\n", "donor=d,amount=a,currency=EUR,zero=skip");

        Assert.Equal(ImportMessages.ZeroAmount, Assert.Single(result.Problems).Code);
        Assert.Single(result.Rows);
    }
}

public class CsvImporterLineTests
{
    [Fact]
    public void Names_the_first_line_of_a_row_whose_quoted_note_spans_lines()
    {
        var mapping = ImportMapping.Parse("donor=d,amount=a,currency=EUR,note=n").Mapping!;

        var result = CsvImporter.Import(new StringReader("d,a,n\nGermany,1,\"two\nlines\"\nAtlantis,2,x\n"), "in.csv", mapping, DonorRegistry.Default, SystemCatalog.Default);

        Assert.Equal(2, Assert.Single(result.Rows).Line);
        Assert.Equal("two\nlines", result.Rows[0].Pledge.Note);
        Assert.Equal(4, Assert.Single(result.Problems).Line);
    }

    [Fact]
    public void Resolves_the_mapping_option_as_inline_text_or_a_name()
    {
        var store = new MappingStore(Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N")));

        Assert.Equal("kiel-bilateral", store.Resolve("kiel-bilateral").Mapping!.Name);
        Assert.NotNull(store.Resolve("donor=d,amount=a,currency=EUR").Mapping);
    }
}
