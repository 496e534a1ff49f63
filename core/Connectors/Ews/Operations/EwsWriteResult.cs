using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Ews.Operations;

/// <summary>Turns one write's response message into the engine's outcome, mapping EWS codes to what the engine does next.</summary>
public static class EwsWriteResult
{
    public static WriteOutcome ToOutcome(string key, string? knownId, EwsResponseMessage message)
    {
        if (message.IsSuccess)
        {
            var itemId = message.Element.Descendants(EwsXml.T + "ItemId").FirstOrDefault();
            var id = (string?)itemId?.Attribute("Id") ?? knownId ?? "";
            return WriteOutcome.Success(key, id, (string?)itemId?.Attribute("ChangeKey") ?? "");
        }

        return WriteOutcome.Failure(key, ToError(message.Code, message.MessageText ?? message.Code, message.BackOff));
    }

    public static WriteError ToError(string code, string message, TimeSpan? backOff = null) => code switch
    {
        EwsCodes.ItemNotFound => new WriteError(code, message, WriteErrorKind.NotFound),
        EwsCodes.IrresolvableConflict => new WriteError(code, message, WriteErrorKind.Conflict),
        EwsCodes.ServerBusy or "ErrorTimeoutExpired" or "ErrorInternalServerTransientError" or "ErrorMailboxStoreUnavailable"
            or "ErrorMailboxMoveInProgress" or "ErrorConnectionFailed" or "ErrorBatchProcessingStopped" => new WriteError(code, message, WriteErrorKind.Transient, backOff),
        _ => new WriteError(code, message, WriteErrorKind.Item),
    };
}
