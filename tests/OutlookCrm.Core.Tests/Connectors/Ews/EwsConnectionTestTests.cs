using System.Net;
using System.Security.Authentication;
using OutlookCrm.Core.Connectors.Ews;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Ews;

public sealed class EwsConnectionTestTests
{
    private static readonly string Folder = EwsTestHost.Fixture("GetFolder-Success.xml");
    private static readonly string TimeZones = EwsTestHost.Fixture("GetServerTimeZones-Success.xml");

    private static string[] Names(ConnectionTestResult r) => r.Steps.Select(s => s.Name).ToArray();

    [Fact]
    public async Task A_healthy_connection_passes_four_read_only_steps()
    {
        var host = new EwsTestHost();
        host.Server.Enqueue("GetServerTimeZones", TimeZones).Enqueue("GetFolder", Folder).Enqueue("GetFolder", Folder).Enqueue("GetFolder", Folder);

        var result = await host.Connector.TestAsync(EwsTestHost.Mailbox, CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal(["authenticate", "impersonate", "calendar", "contacts"], Names(result));
        Assert.All(result.Steps, s => Assert.True(s.Ok));
        Assert.Equal(["GetServerTimeZones", "GetFolder", "GetFolder", "GetFolder"], host.Server.Requests.Select(r => r.Operation));
        Assert.Null(host.Server.Requests[0].ImpersonatedSmtp); // the service account's own call needs no mailbox
        Assert.Equal(["msgfolderroot", "calendar", "contacts"], host.Server.Of("GetFolder").Select(r => r.Body.Descendants().Single(e => e.Name.LocalName == "DistinguishedFolderId").Attribute("Id")!.Value));
        Assert.All(host.Server.Of("GetFolder"), r => Assert.Equal(EwsTestHost.Mailbox, r.ImpersonatedSmtp));
    }

    [Fact]
    public async Task Denied_impersonation_names_the_role_to_grant_and_skips_the_later_steps()
    {
        var host = new EwsTestHost();
        host.Server.Enqueue("GetServerTimeZones", TimeZones)
            .Enqueue("GetFolder", EwsTestHost.Fixture("Fault-ImpersonateUserDenied.xml"), HttpStatusCode.InternalServerError);

        var result = await host.Connector.TestAsync(EwsTestHost.Mailbox, CancellationToken.None);

        Assert.False(result.Ok);
        var step = result.Steps[1];
        Assert.Equal(("impersonate", false, "ErrorImpersonateUserDenied"), (step.Name, step.Ok, step.Code));
        Assert.Equal("Grant the service account the ApplicationImpersonation role for this mailbox", step.Hint);
        Assert.Contains("permission to impersonate", step.Message);
        Assert.Equal([true, false, false, false], result.Steps.Select(s => s.Ok));
        Assert.Null(result.Steps[2].Code);
        Assert.Equal(2, host.Server.Requests.Count);
    }

    [Fact]
    public async Task An_unknown_mailbox_says_so()
    {
        var host = new EwsTestHost();
        host.Server.Enqueue("GetServerTimeZones", TimeZones)
            .Enqueue("GetFolder", EwsTestHost.Fixture("Fault-NonExistentMailbox.xml"), HttpStatusCode.InternalServerError);

        var step = (await host.Connector.TestAsync("nobody@contoso.com", CancellationToken.None)).Steps[1];

        Assert.Equal("ErrorNonExistentMailbox", step.Code);
        Assert.StartsWith("No mailbox exists with this address", step.Hint);
    }

    [Fact]
    public async Task Http_401_is_a_wrong_username_or_password()
    {
        var host = new EwsTestHost();
        host.Server.Fallback = _ => new HttpResponseMessage(HttpStatusCode.Unauthorized);

        var result = await host.Connector.TestAsync(EwsTestHost.Mailbox, CancellationToken.None);

        Assert.Equal(("authenticate", false, "Http401"), (result.Steps[0].Name, result.Steps[0].Ok, result.Steps[0].Code));
        Assert.StartsWith("Wrong username or password", result.Steps[0].Hint);
        Assert.All(result.Steps.Skip(1), s => Assert.False(s.Ok));
        Assert.Single(host.Server.Requests);
    }

    [Fact]
    public async Task An_untrusted_certificate_names_the_problem_and_the_trusted_ca_setting()
    {
        var host = new EwsTestHost();
        host.Server.Fallback = _ => throw new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established, see inner exception.",
            new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"));

        var step = (await host.Connector.TestAsync(EwsTestHost.Mailbox, CancellationToken.None)).Steps[0];

        Assert.Equal("SecureConnectionError", step.Code);
        Assert.Contains("UntrustedRoot", step.Message);
        Assert.Contains("Http__TrustedCaFile", step.Hint);
    }

    [Fact]
    public async Task A_refused_token_fails_authentication_with_the_oauth_error()
    {
        var settings = new EwsConnectionSettings(new Uri("https://outlook.office365.com/EWS/Exchange.asmx"),
            new EwsClientCredentialsAuth(new Uri("https://login.microsoftonline.com"), "tenant", "client", "wrong"));
        var host = new EwsTestHost(settings: settings, tokens: new FailingTokenSource());

        var result = await host.Connector.TestAsync(EwsTestHost.Mailbox, CancellationToken.None);

        Assert.Equal(("invalid_client", false), (result.Steps[0].Code, result.Steps[0].Ok));
        Assert.Empty(host.Server.Requests);
    }

    private sealed class FailingTokenSource : IEwsTokenSource
    {
        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
            throw new EwsTokenException("invalid_client", "AADSTS7000215: Invalid client secret provided.");
    }
}
