using OutlookCrm.Core.Connectors.Salesforce.Query;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

public sealed class SoqlTests
{
    [Theory]
    [InlineData("o'brien@example.com", @"'o\'brien@example.com'")]
    [InlineData(@"a\b", @"'a\\b'")]
    [InlineData("say \"hi\"", "'say \\\"hi\\\"'")]
    [InlineData("line1\nline2\r\tend", @"'line1\nline2\r\tend'")]
    [InlineData("100%_x", "'100%_x'")] // outside LIKE, % and _ are plain characters
    public void String_values_are_quoted_and_escaped(string value, string expected) =>
        Assert.Equal(expected, ((SoqlLiteral)value).Text);

    [Fact]
    public void Like_patterns_escape_wildcards_in_the_value_but_keep_their_own()
    {
        var query = SoqlQuery.Select("Id").From("Contact").Where(SoqlCondition.Like("Email", SoqlLiteral.LikeContains(@"100%_x'\"))).ToString();

        Assert.Equal(@"SELECT Id FROM Contact WHERE Email LIKE '%100\%\_x\'\\%'", query);
    }

    [Fact]
    public void An_injection_attempt_stays_inside_the_literal()
    {
        var query = SoqlQuery.Select("Id").From("Contact")
            .Where(SoqlCondition.Eq("Email", "x' OR Name != '")).ToString();

        Assert.Equal(@"SELECT Id FROM Contact WHERE Email = 'x\' OR Name != \''", query);
    }

    [Fact]
    public void Full_query_with_in_semi_join_dates_order_and_limit()
    {
        var query = SoqlQuery.Select("Id", "Name").From("Opportunity")
            .Where(SoqlCondition.Eq("IsClosed", false))
            .Where(SoqlCondition.InQuery("AccountId", SoqlQuery.Select("AccountId").From("Contact").Where(SoqlCondition.In("Email", ["a@x.com", "o'b@y.com"]))))
            .Where(SoqlCondition.Or(SoqlCondition.Ge("SystemModstamp", new DateTimeOffset(2026, 11, 20, 10, 0, 0, 500, TimeSpan.FromHours(1))),
                SoqlCondition.Eq("CloseDate", new DateOnly(2026, 12, 1))))
            .OrderBy("CloseDate", descending: true).Limit(10).ToString();

        Assert.Equal(
            "SELECT Id, Name FROM Opportunity WHERE IsClosed = false AND AccountId IN (SELECT AccountId FROM Contact WHERE Email IN ('a@x.com', 'o\\'b@y.com'))"
            + " AND (SystemModstamp >= 2026-11-20T09:00:00Z OR CloseDate = 2026-12-01) ORDER BY CloseDate DESC LIMIT 10",
            query);
    }

    [Theory]
    [InlineData("Email = '' OR Id")]
    [InlineData("Name; DELETE")]
    [InlineData("")]
    [InlineData("Account..Name")]
    public void Field_names_that_are_not_identifiers_are_refused(string field) =>
        Assert.Throws<ArgumentException>(() => SoqlCondition.Eq(field, "x"));

    [Fact]
    public void Custom_fields_and_relationship_paths_are_accepted() =>
        Assert.Equal("SELECT Account.Name, OutlookCrm_ExchangeId__c FROM Contact",
            SoqlQuery.Select("Account.Name", "OutlookCrm_ExchangeId__c").From("Contact").ToString());

    [Fact]
    public void In_with_no_values_is_refused_rather_than_sent_as_invalid_soql() =>
        Assert.Throws<ArgumentException>(() => SoqlCondition.In("Id", []));

    [Fact]
    public void Sosl_email_search_escapes_reserved_characters()
    {
        var sosl = SoslEmailSearch.Build(["o'brien+news@example.com", "a-b{c}@x.io"], [("Contact", ["Id", "Email"]), ("Lead", ["Id"])]);

        Assert.Equal(
            "FIND {\"o\\'brien\\+news@example.com\" OR \"a\\-b\\{c\\}@x.io\"} IN EMAIL FIELDS RETURNING Contact(Id, Email), Lead(Id)",
            sosl);
    }
}
