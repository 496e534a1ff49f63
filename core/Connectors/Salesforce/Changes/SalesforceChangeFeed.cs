using System.Globalization;
using OutlookCrm.Core.Connectors.Salesforce.Http;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;

namespace OutlookCrm.Core.Connectors.Salesforce.Changes;

/// <summary>
/// <c>/sobjects/{T}/updated</c> (≤ 30 days back) and <c>/sobjects/{T}/deleted</c> (deleted records
/// are kept ~15 days): the ids that changed in a window. Both refuse windows shorter than a minute.
/// </summary>
internal sealed class SalesforceChangeFeed(SalesforceTransport transport)
{
    public static readonly TimeSpan UpdatedWindow = TimeSpan.FromDays(30);

    /// <summary>The stricter of the two: a cursor older than this can't be read incrementally.</summary>
    public static readonly TimeSpan DeletedWindow = TimeSpan.FromDays(15);

    public static readonly TimeSpan MinimumWindow = TimeSpan.FromMinutes(1);

    public async Task<ChangedIds> ReadAsync(string sobject, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var query = $"?start={Encode(start)}&end={Encode(end)}";
        var updated = await transport.SendAsync<UpdatedResponse>(
            SalesforceCall.Get($"{transport.DataPath}/sobjects/{sobject}/updated/{query}", "sf.updated"), cancellationToken);
        var deleted = await transport.SendAsync<DeletedResponse>(
            SalesforceCall.Get($"{transport.DataPath}/sobjects/{sobject}/deleted/{query}", "sf.deleted"), cancellationToken);

        // latestDateCovered may trail end when transactions were still open: resume from it, not from end.
        var covered = new[] { end, Covered(updated.LatestDateCovered, end), Covered(deleted.LatestDateCovered, end) }.Min();
        return new ChangedIds(updated.Ids, deleted.DeletedRecords.Select(d => d.Id).ToList(), SalesforceCursor.Truncate(covered));
    }

    /// <summary>ISO 8601 with an explicit offset, URL-encoded (<c>+</c> would otherwise read as a space).</summary>
    private static string Encode(DateTimeOffset instant) =>
        Uri.EscapeDataString(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));

    private static DateTimeOffset Covered(string? text, DateTimeOffset fallback) => RecordFields.ParseInstant(text) ?? fallback;
}

internal sealed record ChangedIds(IReadOnlyList<string> Updated, IReadOnlyList<string> Deleted, DateTimeOffset CoveredUntil);
