using System.Globalization;
using OutlookCrm.Core.Connectors.Salesforce.Http;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;

namespace OutlookCrm.Core.Connectors.Salesforce.Changes;

/// <summary>
/// <c>/sobjects/{T}/deleted</c>: the ids deleted in a window. Deleted records are kept ~15 days, and
/// the resource refuses windows shorter than a minute. (Changed records are read by SOQL on
/// SystemModstamp, which returns their fields too: see <see cref="Sync.SalesforceChangeReader{T}"/>.)
/// </summary>
internal sealed class SalesforceChangeFeed(SalesforceTransport transport)
{
    /// <summary>A cursor older than this can't be read incrementally.</summary>
    public static readonly TimeSpan DeletedWindow = TimeSpan.FromDays(15);

    public static readonly TimeSpan MinimumWindow = TimeSpan.FromMinutes(1);

    public async Task<DeletedIds> ReadDeletedAsync(string sobject, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var query = $"?start={Encode(start)}&end={Encode(end)}";
        var deleted = await transport.SendAsync<DeletedResponse>(
            SalesforceCall.Get($"{transport.DataPath}/sobjects/{sobject}/deleted/{query}", "sf.deleted"), cancellationToken);

        // latestDateCovered may trail end when transactions were still open: resume from it, not from end.
        var covered = new[] { end, RecordFields.ParseInstant(deleted.LatestDateCovered) ?? end }.Min();
        return new DeletedIds(deleted.DeletedRecords.Select(d => d.Id).ToList(), SalesforceCursor.Truncate(covered));
    }

    /// <summary>ISO 8601 with an explicit offset, URL-encoded (<c>+</c> would otherwise read as a space).</summary>
    private static string Encode(DateTimeOffset instant) =>
        Uri.EscapeDataString(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));
}

internal sealed record DeletedIds(IReadOnlyList<string> Ids, DateTimeOffset CoveredUntil);
