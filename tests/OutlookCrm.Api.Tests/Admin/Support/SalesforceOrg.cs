using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Salesforce;
using OutlookCrm.Emulators.Salesforce.Auth;

namespace OutlookCrm.Api.Tests.Admin.Support;

/// <summary>A Salesforce emulator the API can reach (same CA as the host), with a connected app for client credentials.</summary>
public sealed class SalesforceOrg : IAsyncDisposable
{
    private SalesforceOrg(SalesforceEmulator emulator) => Emulator = emulator;

    public SalesforceEmulator Emulator { get; }

    public static Task<SalesforceOrg> StartAsync(AdminHost host) => StartAsync(host.Entra.Certificates);

    /// <summary>On the CA of <paramref name="certificates"/>: the one an <see cref="Api.Tests.Support.ApiHost"/> trusts (its Entra emulator's).</summary>
    public static async Task<SalesforceOrg> StartAsync(EmulatorCertificates certificates)
    {
        var emulator = new SalesforceEmulator(certificates);
        await emulator.StartAsync();
        emulator.AddUser("svc@contoso.com", email: "svc@contoso.com");
        emulator.RegisterApp(new ConnectedApp { ClientId = "3MVG9-admin-tests", ClientSecret = "sf-secret", RunAsUsername = "svc@contoso.com" });
        return new SalesforceOrg(emulator);
    }

    public string Connection(string secret) =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "salesforce", ["loginUrl"] = Emulator.LoginUrl, ["apiVersion"] = "62.0",
            ["auth"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "clientCredentials", ["clientId"] = "3MVG9-admin-tests", ["clientSecret"] = secret },
        }.ToJsonString();

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
