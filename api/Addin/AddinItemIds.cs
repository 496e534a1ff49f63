using FluentValidation;
using FluentValidation.Results;
using OutlookCrm.Core.Connectors;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Api.Addin;

/// <summary>
/// The meeting id the task pane sends (Outlook's item id in REST form, Office.js
/// <c>convertToRestId</c>) as the id the sync knows the meeting by, so that the link and the sync
/// meet on one CRM Event: the configured Exchange connector translates it (Graph: the immutable id,
/// kept once known; EWS: the EWS id), an occurrence or exception of a recurring meeting as its series
/// master's id, since the sync keys a series by its master. With no Exchange connection there is no
/// sync, and the id is used as sent.
/// </summary>
public sealed class AddinItemIds(IConnectorSource connectors)
{
    public const string Parameter = "exchangeItemId";

    public async Task<OutlookSyncId> SyncIdAsync(string mailbox, string exchangeItemId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(exchangeItemId) || exchangeItemId.Length > RestItemId.MaxLength || exchangeItemId.Any(char.IsControl))
        {
            throw Invalid($"An Exchange item id of 1 to {RestItemId.MaxLength} printable characters.");
        }

        if (await ConnectorAsync(cancellationToken) is not { } exchange)
        {
            return new OutlookSyncId(exchangeItemId);
        }

        if (!RestItemId.IsWellFormed(exchangeItemId))
        {
            throw Invalid("Outlook's item id in REST form (Office.js convertToRestId): URL-safe base64, padded.");
        }

        try
        {
            return await exchange.SyncIdAsync(mailbox, exchangeItemId, cancellationToken);
        }
        catch (OutlookItemIdException refused) when (refused.Code != OutlookItemIdException.NotFound)
        {
            throw Invalid($"Exchange refused the id ({refused.Code}): {refused.Message}");
        }
    }

    private async Task<IOutlookItemIds?> ConnectorAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await connectors.MailboxAsync(cancellationToken) as IOutlookItemIds;
        }
        catch (SyncRunException missing) when (missing.Code == SyncRunException.ConnectionMissing)
        {
            return null;
        }
    }

    private static ValidationException Invalid(string message) => new([new ValidationFailure(Parameter, message)]);
}
