using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OutlookCrm.Emulators.Common.Admin;

namespace OutlookCrm.Emulators.Common;

/// <summary>
/// One HTTPS listener for one emulated service (Azurite's model) with an explicit pipeline:
/// classify → throttling check → latency → injected fault (or hold) or handler → journal. Subclasses give
/// the routes, the classifier and the vendor's error factory; <c>/__admin</c> is shared.
/// </summary>
public abstract class EmulatorServer : IAsyncDisposable
{
    /// <summary>The journal's status for a held call whose client went away before it was handled (nginx's 499).</summary>
    public const int ClientClosedRequest = 499;

    private WebApplication? app;

    protected EmulatorServer(EmulatorCertificates certificates) => Certificates = certificates;

    public EmulatorCertificates Certificates { get; }

    public EmulatorAdmin Admin { get; } = new();

    /// <summary>Base address once started, e.g. <c>https://127.0.0.1:54321</c>.</summary>
    public Uri BaseUri { get; private set; } = new("https://127.0.0.1/");

    public string BaseUrl => BaseUri.GetLeftPart(UriPartial.Authority);

    public async Task StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(Certificates.Server));
        });
        ConfigureServices(builder.Services);
        app = builder.Build();
        app.Use(PipelineAsync);
        app.MapAdmin(Admin, ResetState);
        MapRoutes(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address);
    }

    /// <summary>Names the request. May read (buffered) the body, e.g. the SOAP operation of an EWS call.</summary>
    protected abstract ValueTask<RequestClass> ClassifyAsync(HttpContext context);

    /// <summary>The vendor's error factory: writes <paramref name="rule"/> as the service would answer it.</summary>
    protected abstract Task WriteFaultAsync(HttpContext context, FaultRule rule);

    protected abstract void MapRoutes(WebApplication app);

    /// <summary>Clears the emulated data on <c>POST /__admin/reset</c>.</summary>
    protected virtual void ResetState()
    {
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    private async Task PipelineAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/__admin"))
        {
            await next(context);
            return;
        }

        // Arrival before classifying: reading a body to find its mailbox may wait, and is not the client's doing.
        var arrived = DateTimeOffset.UtcNow;
        var request = await ClassifyAsync(context);
        Admin.Throttling.Check(request.Key, request.Operation, arrived);
        if (Admin.Latency > TimeSpan.Zero)
        {
            await Task.Delay(Admin.Latency, context.RequestAborted);
        }

        var fault = Admin.Faults.Take(request.Operation, context.Request.Path.Value ?? "");
        bool faulted;
        if (fault?.Hold == HoldPoint.Response)
        {
            faulted = !await HoldAnswerAsync(context, next);
        }
        else
        {
            faulted = fault is not null && await ApplyFaultAsync(context, request, fault);
            if (!faulted)
            {
                await next(context);
            }
        }

        Admin.Journal.Record(new JournalEntry(arrived, context.Request.Method, context.Request.Path.Value ?? "",
            request.Operation, request.Key, context.Response.StatusCode, faulted));
    }

    /// <summary>True when the fault answered the call; a delay-only fault (status 0) lets the handler run.</summary>
    private async Task<bool> ApplyFaultAsync(HttpContext context, RequestClass request, FaultRule fault)
    {
        if (fault.DelayMs > 0)
        {
            await Task.Delay(fault.DelayMs, context.RequestAborted);
        }

        if (fault.ConnectionReset)
        {
            context.Abort();
            return true;
        }

        if (fault.Hold is not null)
        {
            if (await Admin.Faults.HoldAsync(context.RequestAborted))
            {
                return false; // released: the call goes on as if nothing happened
            }

            context.Response.StatusCode = ClientClosedRequest; // journaled as never handled
            context.Abort();
            return true;
        }

        if (fault.Status == 0)
        {
            return false;
        }

        var wait = fault.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds)
            : fault.BackOffMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
        if (wait is { } w)
        {
            Admin.Throttling.AskedToWait(request.Key, DateTimeOffset.UtcNow + w);
        }

        context.Response.StatusCode = fault.Status;
        if (fault.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await WriteFaultAsync(context, fault);
        return true;
    }

    /// <summary>
    /// Runs the handler with its answer buffered, then holds the answer back; true when released (the
    /// answer goes out), false when the client went away first (the call took effect, unacknowledged).
    /// </summary>
    private async Task<bool> HoldAnswerAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var buffered = new StreamResponseBodyFeature(buffer, original);
        context.Features.Set<IHttpResponseBodyFeature>(buffered);
        try
        {
            await next(context);
            await buffered.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
        }

        if (!await Admin.Faults.HoldAsync(context.RequestAborted))
        {
            context.Abort();
            return false;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original.Stream, context.RequestAborted);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
