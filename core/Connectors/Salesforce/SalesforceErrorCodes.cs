using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce;

/// <summary>The Salesforce error codes the connector acts on, and what each means for a sync write.</summary>
public static class SalesforceErrorCodes
{
    public const string Unknown = "UNKNOWN_ERROR";
    public const string InvalidSessionId = "INVALID_SESSION_ID";
    public const string RequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED";
    public const string UnableToLockRow = "UNABLE_TO_LOCK_ROW";
    public const string ServerUnavailable = "SERVER_UNAVAILABLE";
    public const string NotFound = "NOT_FOUND";
    public const string EntityIsDeleted = "ENTITY_IS_DELETED";
    public const string InvalidReplicationDate = "INVALID_REPLICATION_DATE";
    public const string ExceededIdLimit = "EXCEEDED_ID_LIMIT";
    public const string MissingExternalIdField = "MISSING_EXTERNAL_ID_FIELD";

    public static bool IsTransient(string code) => code is RequestLimitExceeded or UnableToLockRow or ServerUnavailable;

    /// <summary>What the engine should do with an item that failed with <paramref name="code"/>.</summary>
    public static WriteErrorKind KindOf(string code) => code switch
    {
        NotFound or EntityIsDeleted => WriteErrorKind.NotFound,
        _ when IsTransient(code) => WriteErrorKind.Transient,
        _ => WriteErrorKind.Item,
    };

    public static WriteError ToWriteError(string code, string message) => new(code, message, KindOf(code));
}
