using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Common.Admin;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Exchange.Auth;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Exchange.Ews.EwsXml;

namespace OutlookCrm.Emulators.Exchange.Ews;

/// <summary>
/// Exchange Web Services (SOAP 1.1) at <c>/EWS/Exchange.asmx</c> over the shared mailbox store.
/// Pipeline per request: classify (parses the body with DTDs prohibited; operation = the element
/// in the SOAP Body; key = the impersonated mailbox) → authenticate → impersonation → operation.
/// </summary>
public sealed class EwsEmulator : EmulatorServer
{
    private const string DocumentItem = "ews.document";
    private const string ParseErrorItem = "ews.parseError";
    private const string LimitItem = "ews.limit";
    private static readonly HashSet<string> KnownVersions = new(StringComparer.Ordinal)
    {
        "Exchange2007", "Exchange2007_SP1", "Exchange2010", "Exchange2010_SP1", "Exchange2010_SP2", "Exchange2013", "Exchange2013_SP1",
        "Exchange2015", "Exchange2016", "Exchange2019", "V2015_10_05", "V2016_01_06", "V2016_04_13", "V2016_07_13", "V2016_10_10",
        "V2017_01_07", "V2017_04_14", "V2017_07_11", "V2017_10_09", "V2018_01_08",
    };

    private static readonly XmlWriterSettings ResponseWriter = new() { Encoding = new UTF8Encoding(false), Indent = false };

    private readonly IMailboxStore store;
    private readonly EwsCaller callers;
    private readonly EwsReadOperations reads;
    private readonly EwsWriteOperations writes;

    public EwsEmulator(EmulatorCertificates certificates, IMailboxStore store, EntraSigningKeys? signingKeys)
        : base(certificates)
    {
        this.store = store;
        callers = new EwsCaller(store, new BearerTokenValidator(signingKeys));
        reads = new EwsReadOperations(store);
        writes = new EwsWriteOperations(store);
    }

    public string EndpointUrl => $"{BaseUrl}/EWS/Exchange.asmx";

    /// <summary>About 27 concurrent connections per mailbox, then ErrorServerBusy with BackOffMilliseconds.</summary>
    public MailboxLimits Limits { get; } = new(27, int.MaxValue, TimeSpan.FromMinutes(10));

    protected override async ValueTask<RequestClass> ClassifyAsync(HttpContext context)
    {
        if (!context.Request.Path.Equals("/EWS/Exchange.asmx", StringComparison.OrdinalIgnoreCase) || context.Request.Method != "POST")
        {
            return new RequestClass("ews.other", "ews");
        }

        // Read asynchronously first (Kestrel refuses synchronous reads), then parse with DTDs prohibited.
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        buffer.Position = 0;
        XDocument? document = null;
        try
        {
            document = EwsXml.Parse(buffer);
            context.Items[DocumentItem] = document;
        }
        catch (XmlException e)
        {
            context.Items[ParseErrorItem] = e.Message;
        }

        var envelope = document?.Root;
        var operation = envelope?.Element(Soap + "Body")?.Elements().FirstOrDefault()?.Name.LocalName;
        var address = EwsCaller.ImpersonatedAddress(envelope?.Element(Soap + "Header"))
            ?? context.Request.Headers["X-AnchorMailbox"].FirstOrDefault()
            ?? BasicUser(context.Request);
        var key = address is null ? "ews" : (store.FindMailbox(address)?.Smtp ?? address).ToLowerInvariant();
        if (address is not null)
        {
            if (Limits.Enter(key) is not null)
            {
                context.Items[LimitItem] = true;
            }

            context.Response.OnCompleted(() =>
            {
                Limits.Leave(key);
                return Task.CompletedTask;
            });
        }

        context.Items["ews.key"] = key;
        return new RequestClass(operation is null ? "ews.invalid" : "ews." + operation, key);
    }

    /// <summary>
    /// An injected fault with status 200 becomes an error ResponseMessage of the operation; any other
    /// status a SOAP fault. ErrorServerBusy carries BackOffMilliseconds in MessageXml either way.
    /// </summary>
    protected override Task WriteFaultAsync(HttpContext context, FaultRule rule)
    {
        var code = rule.Code ?? "ErrorServerBusy";
        var error = code == "ErrorServerBusy"
            ? EwsError.ServerBusy(rule.BackOffMilliseconds) with { Message = rule.Message ?? EwsError.ServerBusy(null).Message }
            : new EwsError(code, rule.Message ?? "Injected fault.", rule.BackOffMilliseconds);
        if (rule.Status == 200 && Operation(context) is { } operation)
        {
            return WriteAsync(context, 200, Envelope(Response(operation, [EwsXml.Error(operation, error)])));
        }

        return WriteAsync(context, rule.Status, Fault(error));
    }

    protected override void MapRoutes(WebApplication app)
    {
        app.MapExchangeAdmin(store);
        app.MapPost("/EWS/Exchange.asmx", HandleAsync);
    }

    protected override void ResetState()
    {
        store.Reset();
        Limits.Reset();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Items[ParseErrorItem] is string parseError || context.Items[DocumentItem] is not XDocument document)
        {
            await WriteAsync(context, 500, Fault(EwsError.Schema(context.Items[ParseErrorItem] as string ?? "The request is not XML.")));
            return;
        }

        var caller = callers.Authenticate(context.Request);
        if (caller is null)
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = new(["Basic realm=\"" + context.Request.Host + "\"", "Bearer"]);
            return;
        }

        var envelope = document.Root;
        var header = envelope?.Element(Soap + "Header");
        var body = envelope?.Element(Soap + "Body")?.Elements().FirstOrDefault();
        if (envelope?.Name != Soap + "Envelope" || body is null || body.Name.Namespace != M)
        {
            await WriteAsync(context, 500, Fault(EwsError.Schema("The request is not a SOAP 1.1 envelope holding an EWS operation.")));
            return;
        }

        try
        {
            if (header?.Element(T + "RequestServerVersion")?.Attribute("Version")?.Value is { } version && !KnownVersions.Contains(version))
            {
                throw new EwsFaultException(new EwsError("ErrorInvalidServerVersion", "The specified server version is invalid."));
            }

            var box = callers.Target(caller, header);
            if (caller.AppId is not null
                && !string.Equals(context.Request.Headers["X-AnchorMailbox"].FirstOrDefault(), box.Smtp, StringComparison.OrdinalIgnoreCase))
            {
                // Exchange Online routes app-only calls by X-AnchorMailbox; without it a call can land on a server without the mailbox.
                throw new EwsFaultException(new EwsError("ErrorInternalServerTransientError",
                    "The request could not be routed to the mailbox's server. App-only calls must send X-AnchorMailbox with the impersonated address."));
            }

            if (context.Items.ContainsKey(LimitItem))
            {
                var backOff = Limits.RetryAfterSeconds * 1000;
                Admin.Throttling.AskedToWait(context.Items["ews.key"] as string ?? box.Smtp, DateTimeOffset.UtcNow.AddMilliseconds(backOff));
                throw new EwsFaultException(EwsError.ServerBusy(backOff));
            }

            var zoneName = header?.Element(T + "TimeZoneContext")?.Element(T + "TimeZoneDefinition")?.Attribute("Id")?.Value ?? "UTC";
            if (!TimeZones.TryFind(zoneName, out var zone))
            {
                throw new EwsFaultException(new EwsError("ErrorTimeZone", $"The time zone '{zoneName}' is not supported."));
            }

            var immutable = context.Request.Headers["Prefer"].Any(p => p?.Contains("ImmutableId", StringComparison.OrdinalIgnoreCase) == true);
            var request = new EwsRequest(body.Name.LocalName, body, box, zone, zoneName, immutable);
            var response = request.Operation switch
            {
                "GetFolder" => reads.GetFolder(request),
                "SyncFolderItems" => reads.SyncFolderItems(request),
                "FindItem" => reads.FindItem(request),
                "GetItem" => reads.GetItem(request),
                "CreateItem" => writes.CreateItem(request),
                "UpdateItem" => writes.UpdateItem(request),
                "DeleteItem" => writes.DeleteItem(request),
                _ => throw new EwsFaultException(EwsError.Schema($"The operation '{request.Operation}' is not supported by this server.")),
            };
            await WriteAsync(context, 200, Envelope(response));
        }
        catch (EwsFaultException fault)
        {
            await WriteAsync(context, 500, Fault(fault.Error));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException)
        {
            // Still an EWS-shaped answer, so a client under test sees the vendor's error, not a bare 500.
            await WriteAsync(context, 500, Fault(new EwsError("ErrorInternalServerError", $"An internal server error occurred. {e.Message}")));
        }
    }

    private static string? Operation(HttpContext context) =>
        (context.Items[DocumentItem] as XDocument)?.Root?.Element(Soap + "Body")?.Elements().FirstOrDefault()?.Name.LocalName;

    private static string? BasicUser(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon > 0 ? decoded[..colon] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, XDocument document)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml; charset=utf-8";

        // Serialised as UTF-8 bytes once (no string, no second encoding pass); the declaration says utf-8.
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, ResponseWriter))
        {
            document.Save(writer);
        }

        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
