namespace OutlookCrm.Core.Connectors;

/// <summary>
/// An Exchange connector that can name an item the way its sync does, given the id an Outlook
/// add-in has: Office.js hands out EWS-format ids and the task pane sends their REST form
/// (<c>convertToRestId</c>); the Graph connector keys items by immutable ids, the EWS connector by
/// EWS ids. The add-in's links and the sync then meet on one CRM Event.
/// </summary>
public interface IOutlookItemIds
{
    /// <summary>
    /// The sync's id of the item <paramref name="restId"/> names in <paramref name="mailbox"/>: for an
    /// occurrence or exception of a recurring meeting, its series master's (the sync keys a series by
    /// its master, decision 3). Throws <see cref="OutlookItemIdException"/> when Exchange says the id
    /// is malformed or names no item of that mailbox.
    /// </summary>
    Task<OutlookSyncId> SyncIdAsync(string mailbox, string restId, CancellationToken cancellationToken);
}

/// <summary>
/// The id the sync knows an item by. <see cref="OfSeries"/>: the id named one occurrence (or
/// exception) of a recurring meeting, and <see cref="Id"/> is its series master's.
/// </summary>
public sealed record OutlookSyncId(string Id, bool OfSeries = false);

/// <summary>Exchange refused one item id (not the call): <see cref="Code"/> is its own code (<c>ErrorInvalidIdMalformed</c>, <c>ErrorItemNotFound</c>).</summary>
public sealed class OutlookItemIdException(string code, string message) : Exception(message)
{
    public const string Malformed = "ErrorInvalidIdMalformed";
    public const string NotFound = "ErrorItemNotFound";

    public string Code { get; } = code;
}

/// <summary>
/// The REST item id format: the bytes of the EWS id in URL-safe base64 (<c>-</c> and <c>_</c> for
/// <c>+</c> and <c>/</c>, padding kept). Office.js converts between the two with no call to Exchange
/// (<c>convertToRestId</c>/<c>convertToEwsId</c> are synchronous), so this is the whole mapping.
/// </summary>
public static class RestItemId
{
    public const int MaxLength = 512;

    /// <summary>URL-safe base64 of at least one byte, padded to a multiple of four characters.</summary>
    public static bool IsWellFormed(string id)
    {
        if (id.Length is 0 or > MaxLength || id.Length % 4 != 0)
        {
            return false;
        }

        var padding = id.EndsWith("==", StringComparison.Ordinal) ? 2 : id.EndsWith('=') ? 1 : 0;
        return id[..^padding].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }

    public static string ToEws(string restId) => restId.Replace('-', '/').Replace('_', '+');
}
