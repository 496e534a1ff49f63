using OutlookCrm.Core.Connectors.Salesforce.Crm;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Api.Admin.Crm;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Api.Tests.Admin.Support;

/// <summary>Stands in for the Exchange connectors: records what it was built with and answers a canned test.</summary>
public sealed class FakeMailboxConnectorFactory : IMailboxConnectorFactory
{
    public ExchangeConnection? BuiltWith { get; private set; }
    public string? TestedMailbox { get; private set; }
    public Exception? ThrowOnCreate { get; set; }

    public ConnectionTestResult Result { get; set; } = new(true, [new TestStep("authenticate", true, ElapsedMs: 1)], 1);

    public IMailboxConnector Create(ExchangeConnection connection)
    {
        BuiltWith = connection;
        return ThrowOnCreate is null ? new Connector(this) : throw ThrowOnCreate;
    }

    private sealed class Connector(FakeMailboxConnectorFactory owner) : IMailboxConnector
    {
        public ISyncSide<Contact> Contacts => throw new NotSupportedException();

        public ISyncSide<CalendarEvent> Events => throw new NotSupportedException();

        public Task<ConnectionTestResult> TestAsync(string mailbox, CancellationToken cancellationToken)
        {
            owner.TestedMailbox = mailbox;
            return Task.FromResult(owner.Result);
        }
    }
}

/// <summary>A CRM with a fixed describe and a canned connection test.</summary>
public sealed class FakeCrm : ICrmConnectionTester, ICrmFieldCatalog
{
    public CrmConnection? TestedWith { get; private set; }

    public Dictionary<string, List<CrmField>> Fields { get; } = new()
    {
        ["Contact"] =
        [
            new("Title", "string", true, true),
            new("Birthdate", "date", true, true),
            new("AccountId", "reference", true, true),
            new("Id", "id", false, false),
            new("CreatedDate", "datetime", false, false),
            new("Rating__c", "double", true, true),
            new("Legacy_Code__c", "string", true, false),
        ],
        ["Event"] =
        [
            new("Subject", "string", true, true),
            new("IsAllDayEvent", "boolean", true, true),
            new("ActivityDateTime", "datetime", true, true),
            new("WhatId", "reference", true, true),
        ],
    };

    public Task<CrmConnectionTestResult> TestAsync(CrmConnection connection, CancellationToken cancellationToken)
    {
        TestedWith = connection;
        var result = new ConnectionTestResult(false, [new TestStep("authenticate", true, ElapsedMs: 3), new TestStep("query", false, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", "Wait for the daily allocation to reset.", 2)], 5);
        return Task.FromResult(new CrmConnectionTestResult(result, new ApiLimit(15000, 0)));
    }

    public Task<IReadOnlyList<CrmField>> DescribeAsync(CrmConnection connection, string objectName, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CrmField>>(Fields[objectName]);
}
