using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Core.Notifications;

namespace OutlookCrm.Api.Endpoints.Notifications;

public static class GraphNotificationEndpoints
{
    /// <summary>Graph's notifications are small (no resource data); a batch of a few hundred fits well inside this.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private const int MaxValidationTokenLength = 4096;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// <c>POST /api/notifications/graph</c>, anonymous as Graph calls it. With <c>?validationToken=</c> it is the
    /// subscription handshake: the token comes back as text/plain. Otherwise the body is a notification batch
    /// <c>{"value":[…]}</c>, answered 202 once acted on, whether or not its entries were genuine (a sender learns
    /// nothing about our subscriptions); only a body that is not such a batch gets a 4xx problem.
    /// </summary>
    public static IEndpointRouteBuilder MapGraphNotifications(this IEndpointRouteBuilder app)
    {
        app.MapPost(GraphNotificationEndpoint.Path, ReceiveAsync)
            .AllowAnonymous()
            .WithTags("Notifications")
            .WithName("ReceiveGraphNotifications")
            .WithDescription("Graph's change and lifecycle notifications ({\"value\":[…]}, JSON), and its ?validationToken= handshake (text/plain).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, GraphNotificationReceiver receiver, CancellationToken cancellationToken)
    {
        if (context.Request.Query.TryGetValue("validationToken", out var token))
        {
            return Handshake(context, token.ToString());
        }

        var body = await BoundedBody.ReadAsync(context.Request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem($"A notification batch is at most {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large");
        }

        NotificationBatch? batch;
        try
        {
            batch = JsonSerializer.Deserialize<NotificationBatch>(body, Json);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = ["Not a Graph notification batch: the JSON is malformed or of the wrong type here."] });
        }

        if (batch?.Value is not { } value || value.Any(n => n is null))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["value"] = ["A Graph notification batch is {\"value\":[{...}, ...]}."] });
        }

        await receiver.AcceptAsync(value.Select(n => new GraphNotification(n!.SubscriptionId, n.ClientState, n.ChangeType, n.LifecycleEvent)).ToList(),
            cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Graph waits up to 10 s for its token back, URL-decoded, as plain text.</summary>
    private static IResult Handshake(HttpContext context, string token)
    {
        if (token.Length is 0 or > MaxValidationTokenLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["validationToken"] = [$"Between 1 and {MaxValidationTokenLength} characters."] });
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Text(token, "text/plain", System.Text.Encoding.UTF8, StatusCodes.Status200OK);
    }

    /// <summary>Graph's <c>changeNotificationCollection</c>: the fields this endpoint reads.</summary>
    public sealed record NotificationBatch(List<NotificationEntry?>? Value);

    /// <summary>A <c>changeNotification</c>: <c>changeType</c> for a change, <c>lifecycleEvent</c> for a lifecycle notification.</summary>
    public sealed record NotificationEntry(
        string? SubscriptionId, string? ClientState, string? ChangeType, string? LifecycleEvent, string? Resource, string? TenantId);
}
