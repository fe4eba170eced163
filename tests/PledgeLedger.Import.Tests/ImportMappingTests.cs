using PledgeLedger.Core;

namespace PledgeLedger.Import.Tests;

public class ImportMappingTests
{
    [Fact]
    public void Reads_fields_literals_value_maps_and_options_from_the_command_line_form()
    {
        var result = ImportMapping.Parse("donor=giver,date=dato,amount=verdi,currency=EUR,status=maal{Allocation:allocated,Commitment:pledged},note='from Kiel',date_format=dd.MM.yyyy|yyyy-MM-dd,skip=2,delimiter=;");

        Assert.Empty(result.Problems);
        var map = result.Mapping!;
        Assert.Equal(FieldRuleKind.Bare, map.Rule("currency")!.Kind);
        Assert.Equal(FieldRuleKind.Literal, map.Rule("note")!.Kind);
        Assert.Equal("from Kiel", map.Rule("note")!.Value);
        Assert.Equal("allocated", map.Rule("status")!.ValueMap!["ALLOCATION"]);
        Assert.Equal(["dd.MM.yyyy", "yyyy-MM-dd"], map.DateFormats);
        Assert.Equal((2, ";"), (map.Skip, map.Delimiter));
    }

    [Theory]
    [InlineData("donor=a,amount=b,currency=EUR,colour=red", "colour", ImportMessages.UnknownField)]
    [InlineData("amount=b,currency=EUR", "donor", ImportMessages.MissingField)]
    [InlineData("donor=a,date=d", "amount", ImportMessages.MissingField)]
    [InlineData("donor=a,amount=b", "currency", ImportMessages.MissingField)]
    [InlineData("donor=a,amount=b,currency=EUR,status=maal{Allocation:given}", "status", ImportMessages.BadMappingSyntax)]
    [InlineData("donor=a,amount=b,currency='XYZ'", "currency", ImportMessages.BadMappingSyntax)]
    [InlineData("donor=a,amount=b,currency=EUR,donor=c", "donor", ImportMessages.BadMappingSyntax)]
    [InlineData("donor=a,amount=b,currency=EUR,just-a-word", "just-a-word", ImportMessages.BadMappingSyntax)]
    [InlineData("donor=a,amount=b,currency=EUR,skip=many", "skip", ImportMessages.BadOption)]
    [InlineData("donor=a,amount=b,currency=EUR,date_format=qq", "date_format", ImportMessages.BadOption)]
    [InlineData("donor=a,amount=b,currency=EUR,amount_x=%0", "amount_x", ImportMessages.UnknownField)]
    [InlineData("donor=%0,amount=b,currency=EUR", "donor", ImportMessages.BadMappingSyntax)]
    [InlineData("donor=a,amount=b,currency=EUR,source=*", "source", ImportMessages.BadMappingSyntax)]
    public void Reports_one_problem_for_each_mapping_mistake(string text, string field, string code)
    {
        var result = ImportMapping.Parse(text);

        Assert.Null(result.Mapping);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((field, code), (problem.Field, problem.Code));
    }

    [Fact]
    public void Names_the_position_of_a_bad_item_on_the_command_line()
    {
        var problem = Assert.Single(ImportMapping.Parse("donor=a,amount=b,currency=EUR,colour=red").Problems);

        Assert.StartsWith("mapping:4: colour: unknown mapping field 'colour'", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_rules_file_with_comments_and_names_the_line_of_a_mistake()
    {
        var result = ImportMapping.ParseRules("# my bank export\ndonor=Geber\n\namount=Betrag\ncurrency=EUR\nfarbe=rot\n", "bank.rules", "bank");

        Assert.Equal("bank.rules:6: farbe: ", Assert.Single(result.Problems).ToString()[..21]);
    }

    [Fact]
    public void Round_trips_through_a_rules_file()
    {
        var original = ImportMapping.Parse("donor=giver,amount=verdi,currency='EUR',status=maal{Allocation:allocated},date_format=dd.MM.yyyy,skip=1,delimiter=;,note=*,quantity=%4").Mapping!;

        var again = ImportMapping.ParseRules(original.ToRulesText(), "mapping.rules", "mapping");

        Assert.Empty(again.Problems);
        Assert.Equal(original.ToRulesText(), again.Mapping!.ToRulesText());
    }

    [Fact]
    public void Saves_and_loads_mappings_by_name_and_knows_the_built_in_ones()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pledge-mappings-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new MappingStore(dir);
            var mapping = ImportMapping.Parse("donor=Geber,amount=Betrag,currency=EUR,date=Datum,date_format=dd.MM.yyyy,delimiter=;").Mapping!;

            var path = store.Save("bank", mapping);
            var loaded = store.Load("bank");

            Assert.True(File.Exists(path));
            Assert.Empty(loaded.Problems);
            Assert.Equal(["dd.MM.yyyy"], loaded.Mapping!.DateFormats);
            Assert.Equal(["bank", "kiel-bilateral", "kiel-weapons", "oryx"], store.Names());
            Assert.NotNull(store.Load("oryx").Mapping);
            Assert.Equal(ImportMessages.UnknownMapping, Assert.Single(store.Load("nothing").Problems).Code);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Every_field_it_names_is_a_pledge_field_the_importer_fills()
    {
        Assert.Contains("donor", ImportMapping.Fields);
        Assert.All(ImportMapping.Fields, f => Assert.DoesNotContain(f, ImportMapping.Options));
        Assert.True(EnumNames.TryParseStatus("allocated", out _));
    }
}
