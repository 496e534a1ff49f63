using System.Collections.Concurrent;
using System.Security.Cryptography;
using OutlookCrm.Emulators.Salesforce.Soql;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce.Api;

/// <summary>Open query locators behind <c>nextRecordsUrl</c>; the oldest are dropped beyond a cap, as Salesforce limits open cursors.</summary>
public sealed class QueryCursors
{
    private const int MaxOpen = 500;
    private readonly ConcurrentDictionary<string, QueryCursor> open = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    public string Open(QueryCursor cursor)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var locator = "01g8d" + new string(RandomNumberGenerator.GetItems<char>(alphabet, 10));
        locator = SalesforceIds.WithSuffix(locator);
        open[locator] = cursor;
        order.Enqueue(locator);
        while (order.Count > MaxOpen && order.TryDequeue(out var oldest))
        {
            open.TryRemove(oldest, out _);
        }

        return locator;
    }

    public QueryCursor? Find(string locator) => open.GetValueOrDefault(locator);

    public void Clear()
    {
        open.Clear();
        order.Clear();
    }
}

public sealed record QueryCursor(SoqlQuery Query, IReadOnlyList<SObjectRecord> Rows, int BatchSize, string Endpoint);
