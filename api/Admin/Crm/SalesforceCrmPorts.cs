using System.Text.Json;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Core.Connectors.Salesforce;
using OutlookCrm.Core.Connectors.Salesforce.Crm;

namespace OutlookCrm.Api.Admin.Crm;

/// <summary>The admin API's CRM ports on the Salesforce connector, built from the connection being tested or checked.</summary>
public sealed class SalesforceCrmPorts(SalesforceConnectorFactory factory) : ICrmConnectionTester, ICrmFieldCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<CrmConnectionTestResult> TestAsync(CrmConnection connection, CancellationToken cancellationToken)
    {
        var result = await Connector(connection).TestAsync(cancellationToken);
        return new CrmConnectionTestResult(result, result.Details.GetValueOrDefault("dailyApiRequests") as ApiLimit);
    }

    public async Task<IReadOnlyList<CrmField>> DescribeAsync(CrmConnection connection, string objectName, CancellationToken cancellationToken) =>
        (await Connector(connection).DescribeFieldsAsync(objectName, cancellationToken))
            .Select(f => new CrmField(f.Name, f.Type, f.Createable, f.Updateable)).ToList();

    private SalesforceCrmConnector Connector(CrmConnection connection)
    {
        SalesforceConnectionSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize<SalesforceConnectionSettings>(AdminJson.Serialize(connection), Json);
        }
        catch (JsonException ex)
        {
            throw new Problems.ProblemException(StatusCodes.Status400BadRequest, "Unusable CRM connection", $"The stored CRM connection can't be used: {ex.Message}");
        }

        return factory.Create(settings ?? throw new Problems.ProblemException(StatusCodes.Status400BadRequest, "Unusable CRM connection", "The CRM connection is empty."));
    }
}
