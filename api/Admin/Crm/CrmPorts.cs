using OutlookCrm.Core.Connectors.Salesforce.Crm;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Api.Admin.Crm;

/// <summary>
/// Tests a CRM connection (authenticate → query) and reads the org's API allowance. The Salesforce
/// connector implements it; until it is wired in, <see cref="UnavailableCrmConnector"/> answers 503.
/// </summary>
public interface ICrmConnectionTester
{
    /// <param name="connection">The stored connection with its real secrets.</param>
    Task<CrmConnectionTestResult> TestAsync(CrmConnection connection, CancellationToken cancellationToken);
}

public sealed record CrmConnectionTestResult(ConnectionTestResult Result, ApiLimit? DailyApiRequests);

/// <summary>The CRM's fields of an object (Salesforce describe), to check custom field mappings against.</summary>
public interface ICrmFieldCatalog
{
    /// <param name="objectName"><c>Contact</c> or <c>Event</c>.</param>
    Task<IReadOnlyList<CrmField>> DescribeAsync(CrmConnection connection, string objectName, CancellationToken cancellationToken);
}

/// <summary>One field as describe reports it; <see cref="Type"/> is Salesforce's own (<c>string</c>, <c>double</c>, <c>reference</c>...).</summary>
public sealed record CrmField(string Name, string Type, bool Createable, bool Updateable);
