using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Api.Admin.Connections;

/// <summary>Builds the Exchange connector (Graph or EWS) for a stored connection, with its real secrets.</summary>
public interface IMailboxConnectorFactory
{
    /// <summary>Throws <see cref="ArgumentException"/> when the settings cannot make a connector.</summary>
    IMailboxConnector Create(ExchangeConnection connection);
}
