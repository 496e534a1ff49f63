using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Common.Admin;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Auth;
using OutlookCrm.Emulators.Exchange.Graph.Subscriptions;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Graph;

/// <summary>
/// Microsoft Graph v1.0 (the Outlook contacts and calendar part) over the shared mailbox store.
/// Pipeline per request: classify (operation, mailbox; counts it in-flight) → bearer token →
/// mailbox limits → dispatcher (or, for <c>/subscriptions</c>, <see cref="GraphSubscriptions"/>).
/// </summary>
public sealed class GraphEmulator : EmulatorServer
{
    public static readonly string[] Audiences = ["https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000"];
    private const string LimitBroken = "exchange.graph.limit";
    private readonly IMailboxStore store;
    private readonly BearerTokenValidator tokens;
    private readonly GraphDispatcher dispatcher;
    private readonly GraphBatch batch;

    public GraphEmulator(EmulatorCertificates certificates, IMailboxStore store, EntraSigningKeys? signingKeys)
        : base(certificates)
    {
        this.store = store;
        tokens = new BearerTokenValidator(signingKeys);
        dispatcher = new GraphDispatcher(store);
        batch = new GraphBatch(dispatcher, Admin, KeyOf);
        Subscriptions = new GraphSubscriptions(store, new NotificationSender(certificates));
    }

    /// <summary>Change-notification subscriptions and what was posted to their notification URLs.</summary>
    public GraphSubscriptions Subscriptions { get; }

    public MailboxLimits Limits { get; } = new(4, 10_000, TimeSpan.FromMinutes(10));

    /// <summary>The service root, e.g. <c>https://127.0.0.1:5001/v1.0</c> (the product's <c>graphUrl</c>).</summary>
    public string ServiceRoot => $"{BaseUrl}/v1.0";

    public static string DefaultCode(int status) => status switch
    {
        401 => "InvalidAuthenticationToken",
        403 => "ErrorAccessDenied",
        404 => "ErrorItemNotFound",
        409 => "ErrorIrresolvableConflict",
        429 => "ApplicationThrottled",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => status >= 500 ? "generalException" : "BadRequest",
    };

    protected override async ValueTask<RequestClass> ClassifyAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/v1.0/", StringComparison.OrdinalIgnoreCase))
        {
            return new RequestClass("graph.other", "graph");
        }

        var relative = path[5..];
        var operation = GraphDispatcher.Operation(context.Request.Method, relative);
        var user = GraphDispatcher.UserSegment(relative);
        if (operation == "graph.batch")
        {
            user = await FirstBatchUserAsync(context);
        }

        var key = user is null ? "graph" : KeyOf(user);
        if (user is not null)
        {
            if (Limits.Enter(key) is { } broken)
            {
                context.Items[LimitBroken] = broken;
            }

            context.Response.OnCompleted(() =>
            {
                Limits.Leave(key);
                return Task.CompletedTask;
            });
        }

        context.Items["exchange.key"] = key;
        return new RequestClass(operation, key);
    }

    protected override Task WriteFaultAsync(HttpContext context, FaultRule rule) =>
        WriteAsync(context, GraphErrors.Error(rule.Status, rule.Code ?? DefaultCode(rule.Status), rule.Message ?? "Injected fault.",
            context.Request.Headers["client-request-id"].FirstOrDefault()));

    protected override void MapRoutes(WebApplication app)
    {
        app.MapExchangeAdmin(store);
        app.Map("/v1.0/{**rest}", HandleAsync);
    }

    protected override void ResetState()
    {
        store.Reset();
        Limits.Reset();
        Subscriptions.Reset();
        Subscriptions.Sender.Clear();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var clientRequestId = request.Headers["client-request-id"].FirstOrDefault();
        var key = context.Items["exchange.key"] as string ?? "graph";
        var authorization = request.Headers.Authorization.FirstOrDefault();
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context, GraphErrors.InvalidToken("Access token is empty.", clientRequestId));
            return;
        }

        var caller = tokens.Validate(authorization["Bearer ".Length..].Trim(), Audiences, out var tokenError);
        if (caller is null)
        {
            await WriteAsync(context, GraphErrors.InvalidToken(tokenError, clientRequestId));
            return;
        }

        if (context.Items[LimitBroken] is string broken)
        {
            Admin.Throttling.AskedToWait(key, DateTimeOffset.UtcNow.AddSeconds(Limits.RetryAfterSeconds));
            var message = broken == "Concurrency"
                ? "Application is over its MailboxConcurrency limit."
                : "Application is over its resource limit.";
            await WriteAsync(context, GraphErrors.Throttled("ApplicationThrottled", message, Limits.RetryAfterSeconds, clientRequestId));
            return;
        }

        JsonNode? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                if (request.Body.CanSeek)
                {
                    request.Body.Position = 0;
                }

                body = await JsonNode.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
            }
            catch (JsonException)
            {
                await WriteAsync(context, GraphErrors.Error(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.", clientRequestId));
                return;
            }
        }

        var baseUrl = $"{request.Scheme}://{request.Host}";
        var relative = request.Path.Value![5..];
        if (relative.Equals("/$batch", StringComparison.OrdinalIgnoreCase) && request.Method == "POST")
        {
            await WriteAsync(context, batch.Run(body, baseUrl, caller, clientRequestId));
            return;
        }

        if (relative.Equals("/subscriptions", StringComparison.OrdinalIgnoreCase) || relative.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context, await SubscriptionsAsync(context, relative, body, baseUrl, caller, clientRequestId));
            return;
        }

        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var call = new GraphCall
        {
            Method = request.Method.ToUpperInvariant(),
            Path = relative,
            Query = query,
            Prefer = GraphPreferences.Parse(request.Headers["Prefer"]),
            Body = body,
            BaseUrl = baseUrl,
            Caller = caller,
            ClientRequestId = clientRequestId,
            IfMatch = request.Headers.IfMatch.FirstOrDefault(),
        };
        var result = dispatcher.Dispatch(call);
        if (clientRequestId is not null)
        {
            result.With("client-request-id", clientRequestId);
        }

        if (call.Prefer.ImmutableIds && result.Status < 400)
        {
            result.With("Preference-Applied", result.Headers.TryGetValue("Preference-Applied", out var applied)
                ? $"{applied}, IdType=\"ImmutableId\""
                : "IdType=\"ImmutableId\"");
        }

        await WriteAsync(context, result);
    }

    private async Task<GraphResult> SubscriptionsAsync(
        HttpContext context, string relative, JsonNode? body, string baseUrl, TokenPrincipal caller, string? clientRequestId)
    {
        var call = new GraphCall
        {
            Method = context.Request.Method.ToUpperInvariant(),
            Path = relative,
            Query = new Dictionary<string, string>(),
            Prefer = GraphPreferences.Parse(context.Request.Headers["Prefer"]),
            Body = body,
            BaseUrl = baseUrl,
            Caller = caller,
            ClientRequestId = clientRequestId,
        };
        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > 2)
        {
            // e.g. /subscriptions/{id}/reauthorize: not emulated (a renewal reauthorizes too).
            return GraphErrors.BadRequest(call, $"Resource not found for the segment '{segments[2]}'.", "BadRequest");
        }

        var id = segments is [_, var segment] ? Uri.UnescapeDataString(segment) : null;
        return (call.Method, id) switch
        {
            ("POST", null) => await Subscriptions.CreateAsync(call, context.RequestAborted),
            ("GET", _) => Subscriptions.Get(call, id),
            ("PATCH", { } existing) => Subscriptions.Update(call, existing),
            ("DELETE", { } existing) => Subscriptions.Delete(call, existing),
            _ => GraphErrors.Error(405, "ErrorInvalidRequest", $"The OData request is not supported: {call.Method} {relative}.", clientRequestId),
        };
    }

    private static async Task WriteAsync(HttpContext context, GraphResult result)
    {
        context.Response.StatusCode = result.Status;
        foreach (var (name, value) in result.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (result.Body is not null)
        {
            context.Response.ContentType = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

            // UTF-8 straight into the response pipe (the default escaping, as ToJsonString wrote it), no intermediate string.
            await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
            result.Body.WriteTo(writer);
            await writer.FlushAsync(context.RequestAborted);
        }
    }

    private string KeyOf(string user) => (store.FindMailbox(user)?.Smtp ?? user).ToLowerInvariant();

    private static async Task<string?> FirstBatchUserAsync(HttpContext context)
    {
        context.Request.EnableBuffering();
        try
        {
            var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var url = GraphJson.String(node?["requests"]?[0]?["url"]);
            return url is null ? null : GraphDispatcher.UserSegment("/" + url.TrimStart('/').Replace("v1.0/", "", StringComparison.OrdinalIgnoreCase).Split('?')[0]);
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
    }
}
