using System.Globalization;
using System.Text;

namespace OutlookCrm.Core.Connectors.Salesforce.Query;

/// <summary>A typed SOQL statement: <c>SoqlQuery.Select("Id").From("Contact").Where(…).OrderBy("Id").Limit(2000)</c>.</summary>
public sealed class SoqlQuery
{
    private readonly List<string> fields;
    private readonly List<SoqlCondition> conditions = [];
    private string? from;
    private string? orderBy;
    private int? limit;

    private SoqlQuery(IEnumerable<string> fields) => this.fields = fields.Select(SoqlCondition.Field).ToList();

    public static SoqlQuery Select(params IEnumerable<string> fields) => new(fields);

    public SoqlQuery From(string sobject)
    {
        from = SoqlCondition.Field(sobject);
        return this;
    }

    /// <summary>Adds a condition; several are joined with AND.</summary>
    public SoqlQuery Where(SoqlCondition condition)
    {
        conditions.Add(condition);
        return this;
    }

    public SoqlQuery OrderBy(string field, bool descending = false)
    {
        orderBy = SoqlCondition.Field(field) + (descending ? " DESC" : "");
        return this;
    }

    public SoqlQuery Limit(int value)
    {
        limit = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        return this;
    }

    public override string ToString()
    {
        if (fields.Count == 0 || from is null)
        {
            throw new InvalidOperationException("A SOQL query needs fields and FROM.");
        }

        var text = new StringBuilder($"SELECT {string.Join(", ", fields.Distinct())} FROM {from}");
        if (conditions.Count > 0)
        {
            text.Append(" WHERE ").Append(string.Join(" AND ", conditions.Select(c => c.Text)));
        }

        if (orderBy is not null)
        {
            text.Append(" ORDER BY ").Append(orderBy);
        }

        if (limit is { } n)
        {
            text.Append(" LIMIT ").Append(n.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
