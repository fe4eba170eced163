using System.Globalization;
using PledgeLedger.Storage;

namespace PledgeLedger.Bench;

/// <summary>
/// The SQL the CLI runs, with its parameters written out, so psql can run the same query as a yardstick. Built from
/// Storage's own query builders (visible to the bench only), so it stays the query the CLI runs.
/// </summary>
internal static class BenchSql
{
    /// <summary>The listing query of <c>pledge list --limit N</c> on the default filter.</summary>
    public static string DefaultList(int limit)
    {
        var filter = new PledgeFilter { Limit = limit };
        var (where, args) = PledgeQueries.BuildWhere(filter);
        return PledgeQueries.View(false, where, PledgeStore.ListOrder(filter, args))
            .Replace("@recipient", "'UA'", StringComparison.Ordinal)
            .Replace("@limit", limit.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) + ";";
    }

    /// <summary>The default <c>pledge totals</c>: the roll-up query the CLI runs, or (rollup: false) the scan over the pledges it replaced.</summary>
    public static string DefaultTotals(bool rollup = true)
    {
        var filter = new PledgeFilter { IncludeUnreviewed = false, Statuses = TotalsStore.DefaultStatuses };
        var (where, _) = PledgeQueries.BuildWhere(filter);
        return (rollup ? TotalsStore.BuildRollupSql(filter, TotalsGrouping.Donor).Sql : TotalsStore.BuildSql(false, where, TotalsGrouping.Donor, null))
            .Replace("@statuses", "ARRAY['pledged','allocated','delivered']", StringComparison.Ordinal)
            .Replace("@recipient", "'UA'", StringComparison.Ordinal) + ";";
    }
}
