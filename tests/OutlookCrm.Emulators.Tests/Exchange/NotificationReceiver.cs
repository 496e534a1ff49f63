using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OutlookCrm.Emulators.Common;

namespace OutlookCrm.Emulators.Tests.Exchange;

/// <summary>How the stand-in webhook answers Graph's validation request.</summary>
public enum HandshakeAnswer { Echo, WrongToken, Forbidden, Silent }

/// <summary>
/// A webhook on a loopback HTTPS port with a certificate from the emulators' CA (the Graph emulator trusts its own
/// CA as Graph trusts public ones): records what Graph posts, answers the handshake as told, and 202 to notifications.
/// </summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedRequest> requests = new();

    private NotificationReceiver(WebApplication app) => this.app = app;

    public HandshakeAnswer Handshake { get; set; } = HandshakeAnswer.Echo;

    public string Url { get; private set; } = "";

    public IReadOnlyList<ReceivedRequest> Requests => requests.ToArray();

    /// <summary>Every notification received so far, flattened out of the posted batches.</summary>
    public IReadOnlyList<JsonObject> Notifications =>
        Requests.Where(r => r.ValidationToken is null).SelectMany(r => JsonNode.Parse(r.Body)!["value"]!.AsArray().Select(n => n!.AsObject())).ToList();

    public static async Task<NotificationReceiver> StartAsync(EmulatorCertificates certificates)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificates.Server)));
        var receiver = new NotificationReceiver(builder.Build());
        receiver.app.MapPost("/hook", receiver.HandleAsync);
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = $"{address}/hook";
        return receiver;
    }

    /// <summary>Waits (up to 15 s) until <paramref name="count"/> notifications arrived; returns them.</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForNotificationsAsync(int count)
    {
        for (var i = 0; i < 150 && Notifications.Count < count; i++)
        {
            await Task.Delay(100);
        }

        return Notifications;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        string? token = context.Request.Query.TryGetValue("validationToken", out var value) ? value.ToString() : null;
        requests.Enqueue(new ReceivedRequest(token, context.Request.ContentType, body));
        if (token is null)
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        switch (Handshake)
        {
            case HandshakeAnswer.Forbidden:
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            case HandshakeAnswer.Silent:
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
                return;
        }

        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(Handshake == HandshakeAnswer.WrongToken ? Uri.EscapeDataString(token) : token);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string? ValidationToken, string? ContentType, string Body);
