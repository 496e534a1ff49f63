using System.Net;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OutlookCrm.Api.Problems;

namespace OutlookCrm.Api.Tests.Problems;

/// <summary>The problem+json plumbing on a minimal host: validation filter, unreadable bodies, unexpected failures.</summary>
public sealed class ProblemTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private HttpClient client = null!;

    public enum Direction { Both, None }

    public sealed record Auth(string? ClientId);

    public sealed record Sample(string? Email, int Count, Direction Direction, Auth? Auth);

    public sealed class SampleValidator : AbstractValidator<Sample>
    {
        public SampleValidator()
        {
            RuleFor(s => s.Email).NotEmpty().EmailAddress();
            RuleFor(s => s.Count).InclusiveBetween(1, 100);
            RuleFor(s => s.Auth).NotNull();
            RuleFor(s => s.Auth!.ClientId).NotEmpty().When(s => s.Auth is not null);
        }
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddProblems().AddValidatorsFrom<ProblemTests>();
        app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapPost("/samples", (Sample sample) => TypedResults.Ok(sample)).Validates<Sample>();
        app.MapGet("/boom", string () => throw new InvalidOperationException("secret internals"));
        await app.StartAsync();
        client = app.GetTestClient();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Validation_failures_name_each_field_in_camel_case()
    {
        using var response = await PostAsync("""{"email":"not-an-email","count":0,"direction":"both","auth":{"clientId":""}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await BodyAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("count", out _));
        Assert.True(errors.TryGetProperty("auth.clientId", out _), errors.ToString());
    }

    [Fact]
    public async Task A_valid_body_passes_the_filter()
    {
        using var response = await PostAsync("""{"email":"a@b.com","count":3,"direction":"none","auth":{"clientId":"x"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"email":"a@b.com","count":"three","direction":"both","auth":{"clientId":"x"}}""")]
    [InlineData("""{"email":"a@b.com","count":3,"direction":"sideways","auth":{"clientId":"x"}}""")]
    [InlineData("""{"email":"a@b.com","count":3,"direction":1,"auth":{"clientId":"x"}}""")]
    public async Task Unreadable_bodies_get_400_problem_json(string body)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_empty_body_gets_400_problem_json()
    {
        using var response = await client.PostAsync("/samples", new StringContent("", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unexpected_failures_are_500_problem_json_without_internals()
    {
        using var response = await client.GetAsync("/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret internals", text, StringComparison.Ordinal);
        Assert.True(JsonDocument.Parse(text).RootElement.TryGetProperty("traceId", out _));
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        client.PostAsync("/samples", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
