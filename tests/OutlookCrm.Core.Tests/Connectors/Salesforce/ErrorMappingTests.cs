using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Connectors.Salesforce;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Connectors.Salesforce;

public sealed class ErrorMappingTests
{
    private static readonly SoqlQuery AnyQuery = SoqlQuery.Select("Id").From("Contact");

    [Theory]
    [InlineData("INVALID_SESSION_ID", HttpStatusCode.Unauthorized, WriteErrorKind.Item, null)]
    [InlineData("MALFORMED_QUERY", HttpStatusCode.BadRequest, WriteErrorKind.Item, null)]
    [InlineData("INVALID_FIELD", HttpStatusCode.BadRequest, WriteErrorKind.Item, null)]
    [InlineData("REQUIRED_FIELD_MISSING", HttpStatusCode.BadRequest, WriteErrorKind.Item, "LastName")]
    [InlineData("STRING_TOO_LONG", HttpStatusCode.BadRequest, WriteErrorKind.Item, "Title")]
    [InlineData("INVALID_EMAIL_ADDRESS", HttpStatusCode.BadRequest, WriteErrorKind.Item, "Email")]
    [InlineData("MALFORMED_ID", HttpStatusCode.BadRequest, WriteErrorKind.Item, "Id")]
    [InlineData("NOT_FOUND", HttpStatusCode.NotFound, WriteErrorKind.NotFound, null)]
    [InlineData("ENTITY_IS_DELETED", HttpStatusCode.NotFound, WriteErrorKind.NotFound, null)]
    [InlineData("DUPLICATE_VALUE", HttpStatusCode.BadRequest, WriteErrorKind.Item, "OutlookCrm_ExchangeId__c")]
    [InlineData("REQUEST_LIMIT_EXCEEDED", HttpStatusCode.Forbidden, WriteErrorKind.Transient, null)]
    public async Task Every_error_array_maps_to_one_exception_with_status_code_message_and_fields(
        string code, HttpStatusCode status, WriteErrorKind kind, string? field)
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.Error(code, status));

        var ex = await Assert.ThrowsAsync<SalesforceException>(() => host.Api().Query.ListAsync<JsonElement>(AnyQuery, CancellationToken.None));

        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(status, ex.Status);
        Assert.False(string.IsNullOrEmpty(ex.SalesforceMessage));
        Assert.Contains(code, ex.Message);
        Assert.Equal(field is null ? [] : [field], ex.Fields);
        Assert.Equal(kind, SalesforceErrorCodes.KindOf(code));
        Assert.Equal(kind == WriteErrorKind.Transient, ex.IsTransient);
    }

    [Fact]
    public async Task Request_limit_exceeded_is_never_retried_even_through_the_shared_pipeline()
    {
        var host = new SalesforceTestHost(outer: Pipeline(retries: 3));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.Error("REQUEST_LIMIT_EXCEEDED", HttpStatusCode.Forbidden));

        await Assert.ThrowsAsync<SalesforceException>(() => host.Api().Query.ListAsync<JsonElement>(AnyQuery, CancellationToken.None));

        Assert.Equal(1, host.CallsOf("sf.query"));
    }

    [Fact]
    public async Task Record_lock_is_retried_then_succeeds()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query",
            Reply.Error("UNABLE_TO_LOCK_ROW", HttpStatusCode.BadRequest), Reply.File("query-user.json"));

        var rows = await host.Api().Query.ListAsync<JsonElement>(AnyQuery, CancellationToken.None);

        Assert.Single(rows);
        Assert.Equal(2, host.CallsOf("sf.query"));
    }

    [Fact]
    public async Task Record_lock_retries_are_bounded()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.Error("UNABLE_TO_LOCK_ROW", HttpStatusCode.BadRequest));

        var ex = await Assert.ThrowsAsync<SalesforceException>(() => host.Api().Query.ListAsync<JsonElement>(AnyQuery, CancellationToken.None));

        Assert.Equal("UNABLE_TO_LOCK_ROW", ex.ErrorCode);
        Assert.Equal(1 + host.Retry.MaxRetries, host.CallsOf("sf.query"));
    }

    [Fact]
    public async Task Service_unavailable_on_a_create_is_retried_by_the_connector()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Post, $"{FakeSalesforce.Data}/sobjects/Lead",
            Reply.Json("<html><body>Service Unavailable</body></html>", HttpStatusCode.ServiceUnavailable),
            Reply.Json("{\"id\":\"00QRO0000000001AAA\",\"success\":true,\"errors\":[]}", HttpStatusCode.Created));

        var id = await host.Api().SObjects.CreateAsync("Lead", new JsonObject { ["LastName"] = "Ng", ["Company"] = "Startup IO" }, CancellationToken.None);

        Assert.Equal("00QRO0000000001AAA", id);
        Assert.Equal(2, host.CallsOf("sf.sobject.create"));
    }

    [Fact]
    public async Task Service_unavailable_on_a_read_is_retried_by_the_pipeline_only_not_twice_over()
    {
        var host = new SalesforceTestHost(outer: Pipeline(retries: 2));
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.Json("Server Unavailable", HttpStatusCode.ServiceUnavailable));

        var ex = await Assert.ThrowsAsync<SalesforceException>(() => host.Api().Query.ListAsync<JsonElement>(AnyQuery, CancellationToken.None));

        Assert.Equal("SERVER_UNAVAILABLE", ex.ErrorCode);
        Assert.True(ex.IsTransient);
        Assert.Equal(3, host.CallsOf("sf.query"));
    }

    [Fact]
    public async Task A_body_that_is_not_json_still_maps_with_the_http_status()
    {
        var host = new SalesforceTestHost();
        host.Fake.On(HttpMethod.Get, $"{FakeSalesforce.Data}/query", Reply.Json("<html>Bad Gateway</html>", HttpStatusCode.BadGateway));

        var ex = await Assert.ThrowsAsync<SalesforceException>(() => host.Api().Query.ListAsync<JsonElement>(AnyQuery, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadGateway, ex.Status);
        Assert.Equal("UNKNOWN_ERROR", ex.ErrorCode);
        Assert.Contains("Bad Gateway", ex.SalesforceMessage);
    }

    private static ResilienceHandler Pipeline(int retries) => new(
        Options.Create(new ResilienceOptions { MaxRetryAttempts = retries, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) }),
        TimeProvider.System);
}
