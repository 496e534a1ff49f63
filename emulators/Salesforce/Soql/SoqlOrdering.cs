using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce.Soql;

/// <summary>
/// ORDER BY over the matched rows. Each sort key is read once per row into a column; a column whose
/// values are all text (the usual Name/Email sort) compares as strings without type tests, so
/// sorting 20,000 records costs a few milliseconds. Ties keep the store's order (a stable result,
/// so paging through the same query twice gives the same pages).
/// </summary>
internal static class SoqlOrdering
{
    public static List<SObjectRecord> Sort(List<SObjectRecord> rows, IReadOnlyList<OrderItem> orderBy, Func<FieldPath, SObjectRecord, object?> read)
    {
        var columns = orderBy.Select(item => Column(rows, item, read)).ToArray();
        var order = new int[rows.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            foreach (var column in columns)
            {
                var c = column(a, b);
                if (c != 0)
                {
                    return c;
                }
            }

            return a.CompareTo(b);
        });
        var sorted = new List<SObjectRecord>(rows.Count);
        foreach (var i in order)
        {
            sorted.Add(rows[i]);
        }

        return sorted;
    }

    /// <summary>Compares two row positions by one ORDER BY item; nulls go first or last whatever the direction (NULLS FIRST/LAST).</summary>
    private static Comparison<int> Column(List<SObjectRecord> rows, OrderItem item, Func<FieldPath, SObjectRecord, object?> read)
    {
        var values = new object?[rows.Count];
        var allText = true;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = read(item.Path, rows[i]);
            allText &= values[i] is null or string;
        }

        var direction = item.Descending ? -1 : 1;
        var nullFirst = item.NullsFirst ? -1 : 1;
        if (allText)
        {
            var text = Array.ConvertAll(values, v => (string?)v);
            return (a, b) => (text[a], text[b]) switch
            {
                (null, null) => 0,
                (null, _) => nullFirst,
                (_, null) => -nullFirst,
                var (x, y) => direction * string.Compare(x, y, StringComparison.OrdinalIgnoreCase),
            };
        }

        return (a, b) => (values[a], values[b]) switch
        {
            (null, null) => 0,
            (null, _) => nullFirst,
            (_, null) => -nullFirst,
            var (x, y) => direction * SoqlExecutor.CompareValues(x, y),
        };
    }
}
