using PledgeLedger.Core;
using PledgeLedger.Tests;

namespace PledgeLedger.Import.Tests;

public class KielImportTests
{
    private static ImportMapping BuiltIn(string name) => MappingStore.LoadBuiltIn(name)!.Mapping!;

    private static ImportResult ImportShared(string relative, string mapping) =>
        CsvImporter.Import(SharedData.Require(relative), BuiltIn(mapping), DonorRegistry.Default, SystemCatalog.Default);

    [Theory]
    [InlineData("kiel-bilateral")]
    [InlineData("kiel-weapons")]
    [InlineData("oryx")]
    public void Built_in_mappings_parse_without_problems(string name)
    {
        var result = MappingStore.LoadBuiltIn(name)!;

        Assert.Empty(result.Problems);
        Assert.NotNull(result.Mapping);
    }

    [SkippableFact]
    public void Imports_every_row_of_the_Kiel_activity_extract()
    {
        var result = ImportShared("data/kiel/bilateral_activities.csv", "kiel-bilateral");

        Assert.Empty(result.Problems);
        Assert.Equal(5565, result.RowsRead);
        Assert.Equal(0, result.RowsRejected);
        Assert.Equal(5565, result.Rows.Count);
        var first = result.Rows[0];
        Assert.Equal(("bilateral_activities.csv", 2), (first.File, first.Line));
        Assert.Equal("AU", first.Pledge.DonorCode);
        Assert.Equal(PledgeStatus.Allocated, first.Pledge.Status);
        Assert.Equal(AidType.Humanitarian, first.Pledge.AidType);
        Assert.Equal(new DateOnly(2022, 3, 1), first.Pledge.AnnouncedOn);
        Assert.Equal(23417159.978473667m, first.Pledge.Amount);
        Assert.Equal("EUR", first.Pledge.Currency);
        Assert.Equal("bilateral_activities.csv:2", first.Pledge.Source);
        Assert.Contains("maaned_nr=3", first.Note, StringComparison.Ordinal);
        Assert.Equal(0, first.Pledge.Id);
    }

    [SkippableFact]
    public void Maps_Kiel_measures_to_allocated_and_pledged_and_keeps_undated_rows_undated()
    {
        var result = ImportShared("data/kiel/bilateral_activities.csv", "kiel-bilateral");

        Assert.Equal(283, result.Rows.Count(r => r.Pledge.Status == PledgeStatus.Pledged));
        Assert.Equal(5565 - 283, result.Rows.Count(r => r.Pledge.Status == PledgeStatus.Allocated));
        Assert.Contains(result.Rows, r => r.Pledge.DonorCode == "BE" && r.Pledge.AnnouncedOn is null);
    }

    [SkippableFact]
    public void Maps_every_Kiel_and_Oryx_donor_name_to_the_registry()
    {
        var kiel = ImportShared("data/kiel/bilateral_activities.csv", "kiel-bilateral");
        var weapons = ImportShared("data/kiel/weapons.csv", "kiel-weapons");
        var oryx = ImportShared("data/oryx/donated_vehicles.csv", "oryx");

        Assert.DoesNotContain(kiel.Problems.Concat(weapons.Problems), p => p.Code == ImportMessages.UnknownDonor);
        // Oryx's "NONE" supplier is not a donor: those rows are reported, the rest map.
        Assert.All(oryx.Problems.Where(p => p.Code == ImportMessages.UnknownDonor), p => Assert.Contains("'NONE'", p.Message, StringComparison.Ordinal));
        var codes = kiel.Rows.Select(r => r.Pledge.DonorCode).ToHashSet();
        Assert.Contains("EU", codes);
        Assert.Contains("EIB", codes);
        Assert.Contains("TR", codes);
        Assert.Contains("TW", codes);
        Assert.Contains("KR", codes);
        // 44 names: the 42 of Kiel's summary, the EIB on its own, and the European Peace Facility under EU.
        Assert.Equal(43, codes.Count);
    }

    [SkippableFact]
    public void Imports_one_equipment_pledge_per_system_from_the_Kiel_weapons_table()
    {
        var result = ImportShared("data/kiel/weapons.csv", "kiel-weapons");

        Assert.Empty(result.Problems);
        Assert.Equal(61, result.RowsRead);
        Assert.Equal(101, result.Rows.Count);
        Assert.All(result.Rows, r => Assert.Equal(PledgeKind.Equipment, r.Pledge.Kind));
        Assert.All(result.Rows, r => Assert.Equal(PledgeStatus.Pledged, r.Pledge.Status));

        var m777 = result.Rows.First(r => r.Pledge.DonorCode == "AU" && r.Pledge.SystemId == "m777");
        Assert.Equal(6, m777.Pledge.Quantity);
        Assert.Equal(28672479m, m777.StatedValueEur);

        // A row listing several systems: one pledge each, the row's value on the first.
        var denmark = result.Rows.Where(r => r.Pledge.DonorCode == "DK" && r.Line == 13).ToList();
        Assert.Equal(["caesar", "bohdana", "zuzana"], denmark.Select(r => r.Pledge.SystemId)); // Bohdana in the catalog since 0008
        Assert.Equal([19L, 18L, 5L], denmark.Select(r => r.Pledge.Quantity!.Value));
        Assert.Equal([189599811m, (decimal?)null, null], denmark.Select(r => r.StatedValueEur));
        Assert.Equal("artillery", denmark[1].Pledge.Category);

        // Stated values are kept whole: the sum over pledges is the sum over rows.
        Assert.Equal(17_949_980_893m, result.Rows.Sum(r => r.StatedValueEur ?? 0));
    }

    [SkippableFact]
    public void Imports_the_Oryx_list_with_delivered_status_and_proof_links()
    {
        var result = ImportShared("data/oryx/donated_vehicles.csv", "oryx");

        Assert.Equal(355, result.RowsRead);
        Assert.Equal(6, result.RowsRejected);
        Assert.Equal(349, result.Rows.Count);
        Assert.All(result.Problems, p => Assert.Equal(ImportMessages.UnknownDonor, p.Code));

        var su25 = result.Rows[0];
        Assert.Equal(("NATO", "su-25", 14L, PledgeStatus.Delivered), (su25.Pledge.DonorCode, su25.Pledge.SystemId, su25.Pledge.Quantity!.Value, su25.Pledge.Status));
        Assert.Equal("https://i.postimg.cc/RF9WvybT/547.png", su25.Pledge.Source);
        Assert.Null(su25.Pledge.AnnouncedOn);

        var marder = result.Rows.Single(r => r.Pledge.DonorCode == "DE" && r.Pledge.SystemId == "marder" && r.Pledge.Quantity == 100);
        Assert.Equal(PledgeStatus.Pledged, marder.Pledge.Status);

        // Oryx writes 0 where it gives no number: unknown, not zero.
        Assert.DoesNotContain(result.Rows, r => r.Pledge.Quantity == 0);
        Assert.Contains(result.Rows, r => r.Pledge.Quantity is null);
    }
}

public class KielImportDetailTests
{
    private static ImportResult ImportShared(string relative, string mapping) =>
        CsvImporter.Import(SharedData.Require(relative), MappingStore.LoadBuiltIn(mapping)!.Mapping!, DonorRegistry.Default, SystemCatalog.Default);

    [SkippableFact]
    public void Keeps_Kiels_negative_corrections_with_a_note()
    {
        var result = ImportShared("data/kiel/bilateral_activities.csv", "kiel-bilateral");

        var correction = result.Rows.Single(r => r.Line == 651);
        Assert.Equal(("CZ", -61973576.04927391m), (correction.Pledge.DonorCode, correction.Pledge.Amount!.Value));
        Assert.Contains("correction", correction.Pledge.Note, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Keeps_Oryx_supplies_to_Russia_under_their_recipient()
    {
        var result = ImportShared("data/oryx/donated_vehicles.csv", "oryx");

        var toRussia = result.Rows.Where(r => r.Pledge.RecipientCode == "RU").ToList();
        Assert.Equal(8, toRussia.Count);
        Assert.Contains(toRussia, r => r.Pledge.DonorCode == "IR");
    }

    [SkippableFact]
    public void Reconciles_from_ledger_views_as_well_as_from_imported_rows()
    {
        var import = ImportShared("data/kiel/bilateral_activities.csv", "kiel-bilateral");
        var views = import.Rows.Select(r => new PledgeView { Pledge = r.Pledge, DonorName = r.Pledge.DonorCode, Eur = r.Pledge.Amount });

        var result = Reconciler.ReconcileKiel(SharedData.Require("data/kiel/country_summary.csv"), views, KielMeasure.Allocation);

        Assert.Equal(40, result.WithinTolerance);
    }

    [Fact]
    public void Streams_rows_and_problems_as_they_are_read()
    {
        var rows = new List<ImportedRow>();
        var problems = new List<ImportProblem>();
        var mapping = ImportMapping.Parse("donor=d,amount=a,currency=EUR").Mapping!;

        var (read, rejected) = CsvImporter.Stream(new StringReader("d,a\nGermany,1\nNowhere,2\nItaly,3\n"), "s.csv", mapping,
            DonorRegistry.Default, SystemCatalog.Default, rows.Add, problems.Add);

        Assert.Equal((3, 1, 2, 1), (read, rejected, rows.Count, problems.Count));
    }
}
