using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Common.Admin;
using OutlookCrm.Emulators.Salesforce.Admin;
using OutlookCrm.Emulators.Salesforce.Api;
using OutlookCrm.Emulators.Salesforce.Auth;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce;

/// <summary>
/// Salesforce's REST API and OAuth server for one org over HTTPS. The emulator's URL is both the
/// login URL and the <c>instance_url</c>. A built-in active admin user (<see cref="AdminUsername"/>)
/// owns records written through the admin surface.
/// </summary>
public sealed partial class SalesforceEmulator : EmulatorServer
{
    public const string AdminUsername = "admin@emulator.salesforce.test";

    /// <summary>Salesforce writes apostrophes, ampersands and non-ASCII text unescaped.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly QueryCursors cursors = new();
    private readonly SalesforceApi api;

    public SalesforceEmulator(EmulatorCertificates certificates, ISalesforceStore? store = null)
        : base(certificates)
    {
        Org = new SalesforceOrg(store ?? new InMemorySalesforceStore());
        Records = new RecordService(Org);
        Auth = new SalesforceAuth(Org);
        api = new SalesforceApi(Org, Records, cursors);
        ResetOrg(withExternalIdFields: true);
    }

    public SalesforceOrg Org { get; }
    public RecordService Records { get; }
    public SalesforceAuth Auth { get; }

    public string AdminUserId { get; private set; } = "";

    /// <summary>The login URL and instance URL, e.g. <c>https://127.0.0.1:54321</c>.</summary>
    public string LoginUrl => BaseUrl;

    public void ResetOrg(bool withExternalIdFields)
    {
        Org.Reset(withExternalIdFields);
        Auth.Reset();
        cursors.Clear();
        var admin = Records.Create(Records.RequireType("User"), new JsonObject
        {
            ["Username"] = AdminUsername, ["Email"] = AdminUsername, ["FirstName"] = "Emulator", ["LastName"] = "Admin",
        }, "005000000000000AAA", admin: true);
        AdminUserId = admin.Id;
    }

    protected override void ResetState() => ResetOrg(withExternalIdFields: true);

    protected override ValueTask<RequestClass> ClassifyAsync(HttpContext context) =>
        ValueTask.FromResult(new RequestClass(SalesforceRoutes.Classify(context.Request.Method, context.Request.Path.Value ?? ""), SalesforceOrg.OrgId));

    /// <summary>Injected faults in Salesforce's shapes: OAuth JSON on the token endpoint, the error array elsewhere.</summary>
    protected override Task WriteFaultAsync(HttpContext context, FaultRule rule)
    {
        if (context.Request.Path.StartsWithSegments("/services/oauth2"))
        {
            return WriteJsonAsync(context, rule.Status, SalesforceErrors.OAuthBody(rule.Code ?? "temporarily_unavailable", rule.Message ?? "Injected fault."));
        }

        var code = rule.Code ?? rule.Status switch
        {
            401 => "INVALID_SESSION_ID",
            403 => "REQUEST_LIMIT_EXCEEDED",
            404 => "NOT_FOUND",
            503 => "SERVER_UNAVAILABLE",
            _ => "UNKNOWN_EXCEPTION",
        };
        var message = rule.Message ?? code switch
        {
            "INVALID_SESSION_ID" => "Session expired or invalid",
            "REQUEST_LIMIT_EXCEEDED" => "TotalRequests Limit exceeded.",
            "NOT_FOUND" => "The requested resource does not exist",
            "SERVER_UNAVAILABLE" => "Server temporarily unavailable",
            _ => "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)",
        };
        return WriteJsonAsync(context, rule.Status, SalesforceErrors.RestBody([new ApiError(code, message)]));
    }

    protected override void MapRoutes(WebApplication app)
    {
        app.MapPost("/services/oauth2/token", TokenAsync);
        app.MapGet("/services/oauth2/authorize", Authorize);
        app.MapGet("/services/oauth2/userinfo", (HttpContext context) => Identity(context, openId: true));
        app.MapGet("/id/{orgId}/{userId}", (HttpContext context) => Identity(context, openId: false));
        app.MapGet("/services/data", () => Results.Text(SalesforceApi.Versions().ToJsonString(), "application/json;charset=UTF-8"));
        app.Map("/services/data/{version}/{**rest}", DataAsync);
        app.Map("/services/data/{version}", DataAsync);
        MapAdmin(app);
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync(context.RequestAborted))
            {
                form[key] = value.ToString();
            }
        }

        if (context.Request.Headers.Authorization.ToString() is { } basic && basic.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..].Trim())).Split(':', 2);
            if (pair.Length == 2)
            {
                form.TryAdd("client_id", Uri.UnescapeDataString(pair[0]));
                form.TryAdd("client_secret", Uri.UnescapeDataString(pair[1]));
            }
        }

        try
        {
            await WriteJsonAsync(context, 200, Auth.Token(form, BaseUrl));
        }
        catch (OAuthException e)
        {
            await WriteJsonAsync(context, e.Status, SalesforceErrors.OAuthBody(e.Error, e.Message));
        }
    }

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
        try
        {
            return Results.Redirect(Auth.Authorize(query));
        }
        catch (OAuthException e)
        {
            return Results.Json(SalesforceErrors.OAuthBody(e.Error, e.Message), statusCode: e.Status);
        }
    }

    /// <summary>The identity URL from the token answer (<c>id</c>) and the OpenID Connect userinfo endpoint.</summary>
    private IResult Identity(HttpContext context, bool openId)
    {
        var session = Auth.Authenticate(context.Request.Headers.Authorization.ToString());
        if (session is null || Org.Store.Get(session.UserId) is not { } user)
        {
            return Results.Text("Bad_OAuth_Token", "text/plain", statusCode: 403);
        }

        var email = user["Email"] as string;
        return Results.Json(openId
            ? new JsonObject
            {
                ["sub"] = $"{BaseUrl}/id/{SalesforceOrg.OrgId}/{user.Id}", ["user_id"] = user.Id, ["organization_id"] = SalesforceOrg.OrgId,
                ["preferred_username"] = session.Username, ["email"] = email, ["name"] = user["Name"] as string,
            }
            : new JsonObject
            {
                ["id"] = $"{BaseUrl}/id/{SalesforceOrg.OrgId}/{user.Id}", ["user_id"] = user.Id, ["organization_id"] = SalesforceOrg.OrgId,
                ["username"] = session.Username, ["email"] = email, ["display_name"] = user["Name"] as string, ["active"] = user["IsActive"] is true,
                ["urls"] = new JsonObject { ["rest"] = $"{BaseUrl}/services/data/v{{version}}/", ["query"] = $"{BaseUrl}/services/data/v{{version}}/query/" },
            });
    }

    private async Task DataAsync(HttpContext context)
    {
        var version = VersionPattern().Match((string?)context.GetRouteValue("version") ?? "");
        var major = version.Success ? int.Parse(version.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        try
        {
            if (major < SalesforceRoutes.MinVersion || major > SalesforceRoutes.MaxVersion)
            {
                throw SalesforceApiException.NotFound();
            }

            var session = Auth.Authenticate(context.Request.Headers.Authorization.ToString()) ?? throw SalesforceApiException.SessionInvalid();
            if (!Org.TryConsumeApiRequest())
            {
                throw new SalesforceApiException(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
            }

            context.Response.Headers["Sforce-Limit-Info"] = $"api-usage={Org.ApiRequestsUsed}/{Org.DailyApiMax}";
            var body = await ReadBodyAsync(context);
            var request = new ApiRequest(context.Request.Method, $"{major}.0", RawResource(context),
                context.Request.Query.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal), body, session)
            {
                BatchSize = BatchSize(context.Request.Headers["Sforce-Query-Options"].ToString()),
            };
            var result = api.Handle(request);
            if (result.Location is not null)
            {
                context.Response.Headers.Location = result.Location;
            }

            if (result.Writer is { } write)
            {
                context.Response.StatusCode = result.Status;
                context.Response.ContentType = "application/json;charset=UTF-8";
                await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions);
                write(writer);
                await writer.FlushAsync(context.RequestAborted);
                return;
            }

            if (result.Body is null)
            {
                context.Response.StatusCode = result.Status;
                return;
            }

            await WriteJsonAsync(context, result.Status, result.Body);
        }
        catch (SalesforceApiException e)
        {
            await WriteJsonAsync(context, e.Status, SalesforceErrors.RestBody(e.Errors));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidCastException or KeyNotFoundException)
        {
            // A JSON value of the wrong kind (e.g. a number where a string belongs) reached a cast.
            await WriteJsonAsync(context, 400, SalesforceErrors.RestBody([new ApiError("JSON_PARSER_ERROR", e.Message)]));
        }
    }

    /// <summary>The resource path after the version, undecoded, so external-id values keep their escapes.</summary>
    private static string RawResource(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            raw = raw[..query];
        }

        var segments = raw.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('/', segments.Skip(3));
    }

    private static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength is 0 || context.Request.Method is "GET" or "DELETE" or "HEAD")
        {
            return null;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new SalesforceApiException(400, "JSON_PARSER_ERROR", $"Unexpected character: {e.Message}");
        }
    }

    private static int? BatchSize(string header)
    {
        var match = Regex.Match(header, @"batchSize\s*=\s*(\d+)", RegexOptions.IgnoreCase);
        return match.Success && int.TryParse(match.Groups[1].Value, out var size) ? size : null;
    }

    internal static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions);
        body.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted);
    }

    [GeneratedRegex(@"^v(\d+)\.0$")]
    private static partial Regex VersionPattern();
}
