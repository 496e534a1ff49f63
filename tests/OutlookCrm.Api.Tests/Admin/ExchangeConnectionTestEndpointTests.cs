using System.Net;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Api.Tests.Admin.Support;
using OutlookCrm.Core.Connectors.Ews;
using OutlookCrm.Core.Connectors.Graph;
using OutlookCrm.Core.Sync.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace OutlookCrm.Api.Tests.Admin;

/// <summary><c>POST /api/admin/connections/exchange/test</c> against a fake connector factory.</summary>
public sealed class ExchangeConnectionTestEndpointTests
{
    private const string Ews =
        """{"type":"ews","ewsUrl":"https://mail.contoso.com/EWS/Exchange.asmx","auth":{"type":"basic","username":"svc-sync@contoso.com","password":"pw-1"}}""";

    [Fact]
    public async Task Step_failures_come_back_with_the_remote_code_and_a_hint()
    {
        await using var host = await AdminHost.StartAsync();
        var admin = host.Admin();
        (await admin.PutAsync("/api/admin/connections/exchange", AdminHost.Json(Ews))).EnsureSuccessStatusCode();
        host.Exchange.Result = new ConnectionTestResult(false,
        [
            new TestStep("authenticate", true, ElapsedMs: 12),
            new TestStep("impersonate", false, "ErrorImpersonateUserDenied", "The account does not have permission to impersonate the requested user.",
                "Grant the service account the ApplicationImpersonation role for this mailbox", 30),
            new TestStep("calendar", false), new TestStep("contacts", false),
        ], 45);

        using var response = await admin.PostAsync("/api/admin/connections/exchange/test", AdminHost.Json("""{"mailbox":"alice@contoso.com"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AdminHost.BodyAsync(response);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal(45, body.GetProperty("elapsedMs").GetInt64());
        var steps = body.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["authenticate", "impersonate", "calendar", "contacts"], steps.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal([true, false, false, false], steps.Select(s => s.GetProperty("ok").GetBoolean()));
        Assert.Equal("ErrorImpersonateUserDenied", steps[1].GetProperty("code").GetString());
        Assert.Contains("ApplicationImpersonation", steps[1].GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.False(steps[2].TryGetProperty("code", out _));
        Assert.Equal("alice@contoso.com", host.Exchange.TestedMailbox);
        Assert.Equal("pw-1", host.Exchange.BuiltWith!.Auth!.Password);
    }

    [Fact]
    public async Task Settings_that_cannot_build_a_connector_fail_the_first_step()
    {
        await using var host = await AdminHost.StartAsync();
        var admin = host.Admin();
        (await admin.PutAsync("/api/admin/connections/exchange", AdminHost.Json(Ews))).EnsureSuccessStatusCode();
        host.Exchange.ThrowOnCreate = new ArgumentException("The Entra authority must be an absolute HTTPS URL.");

        using var response = await admin.PostAsync("/api/admin/connections/exchange/test", AdminHost.Json("""{"mailbox":"alice@contoso.com"}"""));

        var body = await AdminHost.BodyAsync(response);
        Assert.False(body.GetProperty("ok").GetBoolean());
        var first = body.GetProperty("steps")[0];
        Assert.Equal("InvalidConnectionSettings", first.GetProperty("code").GetString());
        Assert.Equal(4, body.GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public async Task Testing_needs_a_stored_connection_and_a_valid_mailbox()
    {
        await using var host = await AdminHost.StartAsync();
        var admin = host.Admin();

        using var missing = await admin.PostAsync("/api/admin/connections/exchange/test", AdminHost.Json("""{"mailbox":"alice@contoso.com"}"""));
        (await admin.PutAsync("/api/admin/connections/exchange", AdminHost.Json(Ews))).EnsureSuccessStatusCode();
        using var badMailbox = await admin.PostAsync("/api/admin/connections/exchange/test", AdminHost.Json("""{"mailbox":"alice"}"""));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(["mailbox"], await AdminHost.ErrorFieldsAsync(badMailbox));
        Assert.Null(host.Exchange.TestedMailbox);
    }

    [Fact]
    public void The_real_factory_builds_the_connector_the_connection_names()
    {
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var factory = new MailboxConnectorFactory(new Core.Connectors.ExchangeConnectorBuilder(services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System, NullLoggerFactory.Instance));
        var auth = new ExchangeAuth("clientCredentials", null, null, "https://login.microsoftonline.com", "t1", "c1", "s1");

        Assert.IsType<GraphMailboxConnector>(factory.Create(new ExchangeConnection("graph", null, null, auth)));
        Assert.IsType<EwsMailboxConnector>(factory.Create(new ExchangeConnection("ews", "https://mail.contoso.com/EWS/Exchange.asmx", null, auth)));
        Assert.IsType<EwsMailboxConnector>(factory.Create(
            new ExchangeConnection("ews", "https://mail.contoso.com/EWS/Exchange.asmx", null, new ExchangeAuth("basic", "svc", "pw", null, null, null, null))));
        Assert.Throws<ArgumentException>(() => factory.Create(new ExchangeConnection("graph", null, "http://graph.example.com", auth)));
    }
}
