using PledgeLedger.Core;
using PledgeLedger.Reporting.Layout;

namespace PledgeLedger.Reporting.Documents.Components;

/// <summary>The counting rules, stated so any total in the report can be reproduced.</summary>
internal static class MethodologyComponent
{
    public static IEnumerable<Block> Compose(IReport report)
    {
        yield return Typography.SectionHeading("Methodology");
        foreach (var rule in Rules(report)) yield return new Paragraph("• " + rule, Typography.Body, SpaceAfter: 3f);
    }

    private static IEnumerable<string> Rules(IReport report)
    {
        yield return "What counts: a donor's totals count pledges with status pledged (a stated promise), allocated (a package earmarked for delivery) and delivered (arrived). Proposals are nobody's promise yet: they are listed apart and never counted. Retracted pledges are left out.";
        yield return "Money is kept in its original currency and amount. EUR values use the ECB reference rate of the announcement date, or of the last earlier business day when none was published that day. Money without a rate (or undated) is listed unconverted in its own currency and never counted as 0.";
        yield return "One-off pledges are added up; annual sums (per year) and multi-year commitments (booked in full when announced) are shown in their own columns and sections and never added to the one-off total.";
        yield return "Rankings, bars and the cumulative line use converted EUR of one-off and multi-year pledges (a multi-year commitment counts in full when announced, as in the ledger's totals); annual sums and money without an EUR rate are named beside them in words and in their own currency, never shown as EUR 0.";
        yield return "Equipment is counted as items per system; a pledge without a quantity is \"unquantified\". The in-kind EUR estimate (quantity x catalog unit value) sits in its own column and is never mixed into stated money.";
        if (report.Body.Headline.UnstatedMoney > 0 || report.Body.Totals.Any(t => t.UnstatedMoney > 0))
        {
            yield return "Money committed without a figure (\"financial support for ...\", a share of GDP) is a pledge of its own, counted among a donor's pledges and named \"without a figure\"; it is in no EUR or unconverted sum, and a later statement with a figure is another pledge (as equipment with and without a quantity).";
        }
        yield return $"Consolidation: statements with the same donor, kind, status, period and amount+currency (money) or system or item+quantity (equipment), each dated within {Consolidation.WindowDays} days of another (a chain), or all undated, are one pledge with several sources; the Src column gives the number of sources.";
        yield return "EUR amounts in tables are rounded to the euro, and a total row adds the rounded rows as shown; the CSV and JSON exports of this report carry the exact values.";
        if (report is MonthlyReport)
        {
            yield return "\"New this month\" means announced within the calendar month; the change compares with the previous calendar month. Totals per ally run to the month's end; undated pledges are included in totals but never in a month.";
        }
        yield return $"Versions: each pledge is shown as of {report.AsOf.UtcDateTime:yyyy-MM-dd HH:mm} UTC; corrections are new versions, so this report can be reproduced.";
    }
}
