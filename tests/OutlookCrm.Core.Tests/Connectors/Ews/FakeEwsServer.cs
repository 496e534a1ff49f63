using System.Net;
using System.Text;
using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Connectors.Http;

namespace OutlookCrm.Core.Tests.Connectors.Ews;

/// <summary>One request as the fake Exchange saw it.</summary>
public sealed record RecordedRequest(string Operation, XDocument Envelope, IReadOnlyDictionary<string, string> Headers, string OutboundOperation, bool? Idempotent)
{
    public XElement Body => Envelope.Root!.Element(EwsXml.Soap + "Body")!.Elements().Single();

    public string? ImpersonatedSmtp => Envelope.Root!.Element(EwsXml.Soap + "Header")?
        .Element(EwsXml.T + "ExchangeImpersonation")?.Element(EwsXml.T + "ConnectingSID")?.Element(EwsXml.T + "SmtpAddress")?.Value;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A fake EWS endpoint: records every request (with a shared event log, so tests can check that a
/// retry came after the wait) and answers from scripted responses first, then from <see cref="Fallback"/>.
/// </summary>
public sealed class FakeEwsServer : HttpMessageHandler
{
    private readonly Dictionary<string, Queue<Func<RecordedRequest, HttpResponseMessage>>> scripted = new();

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Requests and waits in the order they happened ("request:GetItem", "wait:2500").</summary>
    public List<string> Log { get; } = [];

    public Func<RecordedRequest, HttpResponseMessage>? Fallback { get; set; }

    public FakeEwsServer Enqueue(string operation, Func<RecordedRequest, HttpResponseMessage> respond)
    {
        if (!scripted.TryGetValue(operation, out var queue))
        {
            scripted[operation] = queue = new Queue<Func<RecordedRequest, HttpResponseMessage>>();
        }

        queue.Enqueue(respond);
        return this;
    }

    public FakeEwsServer Enqueue(string operation, string soapXml, HttpStatusCode status = HttpStatusCode.OK) =>
        Enqueue(operation, _ => Xml(soapXml, status));

    public IEnumerable<RecordedRequest> Of(string operation) => Requests.Where(r => r.Operation == operation);

    public static HttpResponseMessage Xml(string soapXml, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(soapXml, Encoding.UTF8, "text/xml") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var text = await request.Content!.ReadAsStringAsync(cancellationToken);
        var envelope = XDocument.Parse(text);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var operation = envelope.Root!.Element(EwsXml.Soap + "Body")!.Elements().Single().Name.LocalName;
        var recorded = new RecordedRequest(operation, envelope, headers, OutboundRequest.OperationOf(request),
            request.Options.TryGetValue(OutboundRequest.Idempotent, out var idempotent) ? idempotent : null);
        lock (Requests)
        {
            Requests.Add(recorded);
            Log.Add("request:" + operation);
        }

        if (scripted.TryGetValue(operation, out var queue) && queue.Count > 0)
        {
            return queue.Dequeue()(recorded);
        }

        return Fallback?.Invoke(recorded) ?? throw new InvalidOperationException($"No scripted answer for {operation}.");
    }
}

public sealed class FakeHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public string? RequestedName { get; private set; }

    public HttpClient CreateClient(string name)
    {
        RequestedName = name;
        return new HttpClient(handler, disposeHandler: false);
    }
}
