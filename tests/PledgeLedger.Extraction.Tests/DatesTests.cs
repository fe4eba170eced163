namespace PledgeLedger.Extraction.Tests;

/// <summary>
/// A date match is read by hand (<see cref="Dates.TryParseMatch"/>) instead of by running the date regex a second
/// time: it must give the same date, or the same refusal, as the regex's own groups, for every shape the regex takes.
/// </summary>
public class DatesTests
{
    private static readonly string[] Months =
        ["Jan", "January", "Feb", "February", "Mar", "March", "Apr", "April", "May", "Jun", "June", "Jul", "July", "Aug", "August",
         "Sep", "Sept", "September", "Oct", "October", "Nov", "November", "Dec", "December", "Sepember", "Maybe"];

    /// <summary>Every shape the regex knows, with days and months valid, invalid (31 June, 29 February) and out of range.</summary>
    private static IEnumerable<string> Texts()
    {
        string[] days = ["1", "01", "7", "09", "10", "28", "29", "30", "31"];
        string[] years = ["1999", "2000", "2022", "2023", "2024", "2100"];
        foreach (var y in years)
        {
            for (var m = 1; m <= 12; m++)
            {
                foreach (var d in days)
                {
                    yield return $"on {y}-{m}-{d} and {y}-{m:00}-{d}.";
                    yield return $"({d}.{m}.{y}) {d}.{m:00}.{y}";
                }
            }
            foreach (var mn in Months)
            {
                foreach (var d in days)
                {
                    yield return $"KYIV, {mn} {d}, {y} - {mn}. {d} {y}; {mn}  {d}th, {y}";
                    yield return $"{d} {mn} {y}, {d}st {mn}. {y} and {d}rd\t{mn}, {y}";
                }
            }
        }
        yield return "20:48 19.03.2024";
        yield return "Brussels (7 April 2024) - Italy has delivered";
        yield return "On 24 February 2022 Russia invaded; 2024-6-12 and 2024-06-1";
    }

    [Fact]
    public void A_match_read_by_hand_gives_what_the_regex_groups_give()
    {
        var matches = 0;
        var dated = 0;
        foreach (var text in Texts())
        {
            foreach (System.Text.RegularExpressions.Match m in Dates.DateRegex().Matches(text))
            {
                matches++;
                var fast = Dates.TryParseMatch(m.ValueSpan, out var fastDate);
                var plain = Dates.TryParseMatchPlain(m.Value, out var plainDate);
                Assert.True(fast == plain, $"'{m.Value}' in '{text}': by hand {fast}, by regex {plain}");
                if (!plain) continue;
                dated++;
                Assert.Equal(plainDate, fastDate);
            }
        }
        // The texts reach both answers, in numbers (not a vacuous pass).
        Assert.True(matches > 5000, $"{matches} matches");
        Assert.True(dated > 2000 && dated < matches, $"{dated} of {matches} dated");
    }

    [Theory]
    [InlineData("20:48 19.03.2024", "2024-03-19")]
    [InlineData("19.03.2024 20:48", "2024-03-19")]
    [InlineData("2024-05-31", "2024-05-31")]
    [InlineData("March 3, 2024", "2024-03-03")]
    public void A_stamp_line_names_its_date(string line, string expected)
    {
        Assert.True(Dates.TryParseStampLine(line, out var d));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), d);
        // The span form (the segmenter's, for a line inside a document) says the same.
        var inText = "x\n" + line + "\ny";
        Assert.True(Dates.TryParseStampLine(inText.AsSpan(2, line.Length), out var d2));
        Assert.Equal(d, d2);
    }

    [Theory]
    [InlineData("Talks on 19.03.2024 ended")]
    [InlineData("20:48 19.03.2024 20:49 x")]
    [InlineData("no date here at all")]
    public void A_line_with_words_besides_its_date_is_not_a_stamp(string line)
    {
        Assert.False(Dates.TryParseStampLine(line, out _));
        Assert.False(Dates.TryParseStampLine(line.AsSpan(), out _));
    }

    [Theory]
    [InlineData("20:48 19.03.2024\n\nHeadline\n\nBody.", "2024-03-19")]
    [InlineData("Brussels (7 April 2024) - Italy has delivered 36 CAESAR howitzers.", "2024-04-07")]
    [InlineData("KYIV, June 12, 2024 - Germany said.", "2024-06-12")]
    [InlineData("Posted: 3 April 2024\nText.", "2024-04-03")]
    [InlineData("Headline\nOn 24 February 2022 Russia invaded.", null)]
    public void The_dateline_is_found_where_datelines_sit(string text, string? expected)
    {
        var found = Dates.FindDateline(text);
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), found);
    }
}
