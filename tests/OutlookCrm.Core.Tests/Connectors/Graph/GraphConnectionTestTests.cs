using System.Security.Authentication;
using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Entra;
using OutlookCrm.Core.Sync.Ports;
using static OutlookCrm.Core.Tests.Connectors.Graph.GraphFixtures;

namespace OutlookCrm.Core.Tests.Connectors.Graph;

public sealed class GraphConnectionTestTests
{
    private static readonly string[] StepNames = ["authenticate", "mailboxAccess", "calendar", "contacts"];

    private static FakeGraph HealthyMailbox()
    {
        var fake = new FakeGraph();
        fake.On("GET", "/users/alice@contoso.com?$select=id,mail", _ => FakeAnswer.Json(new JsonObject { ["id"] = "u-1", ["mail"] = Mailbox }));
        fake.On("GET", "/users/alice@contoso.com/calendar?", _ => FakeAnswer.Json(new JsonObject { ["id"] = "cal-1", ["name"] = "Calendar" }));
        fake.On("GET", "/users/alice@contoso.com/contacts?$top=1", _ => FakeAnswer.Json(new JsonObject { ["value"] = new JsonArray() }));
        return fake;
    }

    [Fact]
    public async Task A_healthy_connection_passes_every_step_with_reads_only()
    {
        var fake = HealthyMailbox();

        var result = await fake.Connector().TestAsync(Mailbox, default);

        Assert.True(result.Ok);
        Assert.Equal(StepNames, result.Steps.Select(s => s.Name));
        Assert.All(result.Steps, s => Assert.True(s.Ok));
        Assert.Equal(3, fake.Requests.Count);
        Assert.All(fake.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task A_wrong_secret_fails_authenticate_with_the_oauth_code_and_calls_nothing_else()
    {
        var fake = HealthyMailbox();
        var tokens = new FailingTokens(new EntraTokenException("invalid_client", 7000215, 401, "AADSTS7000215: Invalid client secret provided.", null));

        var result = await fake.Connector(tokens: tokens).TestAsync(Mailbox, default);

        Assert.False(result.Ok);
        var step = result.Steps[0];
        Assert.Equal(("authenticate", false, "invalid_client"), (step.Name, step.Ok, step.Code));
        Assert.Contains("secret", step.Hint, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("AADSTS7000215", step.Hint, StringComparison.Ordinal);
        Assert.All(result.Steps.Skip(1), s => Assert.Equal((false, (string?)null), (s.Ok, s.Code)));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task A_mailbox_outside_the_application_access_policy_fails_the_calendar_step()
    {
        var fake = new FakeGraph();
        fake.On("GET", "/users/alice@contoso.com?$select=id,mail", _ => FakeAnswer.Json(new JsonObject { ["id"] = "u-1" }));
        fake.On("GET", "/calendar", _ => FakeAnswer.Error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again."));

        var result = await fake.Connector().TestAsync(Mailbox, default);

        var step = result.Steps.Single(s => s.Name == "calendar");
        Assert.Equal((false, "ErrorAccessDenied"), (step.Ok, step.Code));
        Assert.Contains("application access policy", step.Hint, StringComparison.Ordinal);
        Assert.Contains("RBAC for Applications", step.Hint, StringComparison.Ordinal);
        Assert.False(result.Steps[3].Ok);
        Assert.DoesNotContain(fake.Requests, r => r.PathAndQuery.Contains("/contacts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_mailbox_fails_mailbox_access_with_graphs_code()
    {
        var fake = new FakeGraph();
        fake.On("GET", "/users/", _ => FakeAnswer.Error(404, "ErrorInvalidUser", "The requested user 'alice@contoso.com' is invalid."));

        var result = await fake.Connector().TestAsync(Mailbox, default);

        var step = result.Steps[1];
        Assert.Equal(("mailboxAccess", false, "ErrorInvalidUser"), (step.Name, step.Ok, step.Code));
        Assert.Contains("No mailbox alice@contoso.com", step.Hint, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task A_rejected_server_certificate_names_the_problem_and_the_trusted_ca_setting()
    {
        var fake = HealthyMailbox();
        fake.Fault = _ => new HttpRequestException("The SSL connection could not be established, see inner exception.",
            new AuthenticationException("The remote certificate was rejected by the provided RemoteCertificateValidationCallback."));

        var result = await fake.Connector().TestAsync(Mailbox, default);

        var step = result.Steps[1];
        Assert.Equal((false, "TlsCertificateRejected"), (step.Ok, step.Code));
        Assert.Contains("Http__TrustedCaFile", step.Hint, StringComparison.Ordinal);
        Assert.Contains("RemoteCertificateValidationCallback", step.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_problem_on_the_token_endpoint_fails_authenticate_the_same_way()
    {
        var tokens = new FailingTokens(new HttpRequestException("The SSL connection could not be established.", new AuthenticationException("The remote certificate is invalid: UntrustedRoot")));

        var result = await HealthyMailbox().Connector(tokens: tokens).TestAsync(Mailbox, default);

        Assert.Equal(("authenticate", "TlsCertificateRejected"), (result.Steps[0].Name, result.Steps[0].Code));
        Assert.Contains("UntrustedRoot", result.Steps[0].Message, StringComparison.Ordinal);
    }

    private sealed class FailingTokens(Exception failure) : IAccessTokenSource
    {
        public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromException<string>(failure);
    }
}
