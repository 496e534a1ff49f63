using OutlookCrm.Core.Domain;

namespace OutlookCrm.Core.Tests.Connectors.Ews;

public sealed class EwsContactMappingTests
{
    [Fact]
    public async Task A_contact_maps_every_synced_field_and_ignores_the_rest()
    {
        var host = new EwsTestHost();
        host.Server.Enqueue("GetItem", EwsTestHost.Fixture("GetItem-Contact.xml"));

        var item = Assert.Single(await host.Connector.Contacts.ReadAsync(EwsTestHost.Scope, ["AAMkADContact1="], CancellationToken.None));
        var c = item.Body;

        Assert.Equal("EQAAABYAAAA9", item.Version);
        Assert.Equal(("Bob", "Lee", "Bob Lee", "Fabrikam", "CTO", "Engineering"), (c.GivenName, c.Surname, c.DisplayName, c.CompanyName, c.JobTitle, c.Department));
        Assert.Equal(["bob@fabrikam.com", "bob.lee@example.org"], c.Emails);
        Assert.Equal(("+1 425 555 0100", "+1 425 555 0101", (string?)null), (c.BusinessPhone, c.MobilePhone, c.HomePhone));
        Assert.Equal(new PostalAddress("1 Main St", "Redmond", "WA", "98052", "United States"), c.BusinessAddress);
        Assert.Equal("0035e00000AbCdEAAA", c.PartnerId); // PropertySetId compared case-insensitively, as GUIDs are
    }
}
