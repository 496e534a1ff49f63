using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Sync.Running;

/// <summary>The connectors for the stored connections, built once and reused while the connections are unchanged (token caches live in them).</summary>
public interface IConnectorSource
{
    /// <summary>Throws <see cref="SyncRunException"/> when a connection is missing or unusable.</summary>
    Task<IMailboxConnector> MailboxAsync(CancellationToken cancellationToken);

    /// <summary>Throws <see cref="SyncRunException"/> when a connection is missing or unusable.</summary>
    Task<ICrmConnector> CrmAsync(CancellationToken cancellationToken);
}

/// <summary>A mailbox run could not start or had to stop, with a code an admin can look up.</summary>
public sealed class SyncRunException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The code when the admin has not stored the connection (yet).</summary>
    public const string ConnectionMissing = "ConnectionMissing";

    public string Code { get; } = code;
}
