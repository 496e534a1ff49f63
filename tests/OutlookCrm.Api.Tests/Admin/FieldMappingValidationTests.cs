using System.Net;
using OutlookCrm.Api.Tests.Admin.Support;

namespace OutlookCrm.Api.Tests.Admin;

/// <summary>Custom field mappings are checked against the CRM's describe (a fake catalog here).</summary>
public sealed class FieldMappingValidationTests
{
    private const string Crm =
        """{"type":"salesforce","loginUrl":"https://login.salesforce.com","apiVersion":"62.0","auth":{"type":"clientCredentials","clientId":"c","clientSecret":"s"}}""";

    [Theory]
    [InlineData("both", """{"crm":"Title","exchange":"jobTitle"}""")]
    [InlineData("both", """{"crm":"Rating__c","exchange":"title"}""", "fieldMappings.contacts[0].crm")]
    [InlineData("both", """{"crm":"Birthdate","exchange":"birthday"}""")]
    [InlineData("both", """{"crm":"Title","exchange":"birthday"}""", "fieldMappings.contacts[0].crm")]
    [InlineData("both", """{"crm":"NoSuchField__c","exchange":"jobTitle"}""", "fieldMappings.contacts[0].crm")]
    [InlineData("both", """{"crm":"Title","exchange":"shoeSize"}""", "fieldMappings.contacts[0].exchange")]
    [InlineData("both", """{"crm":"CreatedDate","exchange":"birthday"}""", "fieldMappings.contacts[0].crm")]
    [InlineData("exchangeToCrm", """{"crm":"Legacy_Code__c","exchange":"department"}""", "fieldMappings.contacts[0].crm")]
    [InlineData("crmToExchange", """{"crm":"Legacy_Code__c","exchange":"department"}""")]
    [InlineData("both", """{"crm":"AccountId","exchange":"companyName"}""", "fieldMappings.contacts[0].crm")]
    [InlineData("crmToExchange", """{"crm":"AccountId","exchange":"companyName"}""")]
    [InlineData("crmToExchange", """{"crm":"Id","exchange":"personalNotes"}""")]
    [InlineData("both", """{"crm":"Title","exchange":"jobTitle"},{"crm":"title","exchange":"department"}""", "fieldMappings.contacts[1].crm")]
    [InlineData("both", """{"crm":"Title","exchange":"jobTitle"},{"crm":"Bad Name","exchange":"department"}""", "fieldMappings.contacts[1].crm")]
    public async Task Mappings_are_checked_for_existence_writability_and_type(string direction, string mappings, string? field = null)
    {
        await using var host = await AdminHost.StartAsync();
        var admin = host.Admin();
        (await admin.PutAsync("/api/admin/connections/crm", AdminHost.Json(Crm))).EnsureSuccessStatusCode();

        using var response = await admin.PutAsync("/api/admin/sync-configurations/sales",
            AdminHost.Json(SyncConfigurationTests.Body(contactsDirection: direction, contactMappings: mappings)));

        if (field is null)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal([field], await AdminHost.ErrorFieldsAsync(response));
        }
    }

    [Fact]
    public async Task Event_mappings_are_checked_against_the_event_object()
    {
        await using var host = await AdminHost.StartAsync();
        var admin = host.Admin();
        (await admin.PutAsync("/api/admin/connections/crm", AdminHost.Json(Crm))).EnsureSuccessStatusCode();
        var body = SyncConfigurationTests.Body().Replace("\"events\":[]",
            """ "events":[{"crm":"IsAllDayEvent","exchange":"isAllDay"},{"crm":"Subject","exchange":"isAllDay"},{"crm":"WhatId","exchange":"location"}]""");

        using var response = await admin.PutAsync("/api/admin/sync-configurations/sales", AdminHost.Json(body));

        Assert.Equal(["fieldMappings.events[1].crm", "fieldMappings.events[2].crm"], (await AdminHost.ErrorFieldsAsync(response)).Order());
    }

    [Fact]
    public async Task Mappings_without_a_crm_connection_are_rejected()
    {
        await using var host = await AdminHost.StartAsync();

        using var response = await host.Admin().PutAsync("/api/admin/sync-configurations/sales",
            AdminHost.Json(SyncConfigurationTests.Body(contactMappings: """{"crm":"Title","exchange":"jobTitle"}""")));

        Assert.Equal(["fieldMappings.contacts[0].crm"], await AdminHost.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Mappings_are_checked_against_the_orgs_own_describe()
    {
        await using var host = await AdminHost.StartAsync(fakeCrm: false);
        await using var org = await SalesforceOrg.StartAsync(host);
        var admin = host.Admin();
        (await admin.PutAsync("/api/admin/connections/crm", AdminHost.Json(org.Connection("sf-secret")))).EnsureSuccessStatusCode();

        using var known = await admin.PutAsync("/api/admin/sync-configurations/sales",
            AdminHost.Json(SyncConfigurationTests.Body(contactMappings: """{"crm":"Title","exchange":"jobTitle"}""")));
        using var unknown = await admin.PutAsync("/api/admin/sync-configurations/sales",
            AdminHost.Json(SyncConfigurationTests.Body(contactMappings: """{"crm":"NoSuchField__c","exchange":"jobTitle"}""")));

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(["fieldMappings.contacts[0].crm"], await AdminHost.ErrorFieldsAsync(unknown));
    }
}
