using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Api.Admin.Connections;

/// <summary>The real connectors, built the same way the sync builds them (<see cref="ExchangeConnectorBuilder"/>).</summary>
public sealed class MailboxConnectorFactory(ExchangeConnectorBuilder connectors) : IMailboxConnectorFactory
{
    public IMailboxConnector Create(ExchangeConnection connection)
    {
        try
        {
            return connectors.Create(JsonNode.Parse(AdminJson.Serialize(connection)) as JsonObject ?? []);
        }
        catch (SyncRunException ex)
        {
            throw new ArgumentException(ex.Message, ex);
        }
    }
}
