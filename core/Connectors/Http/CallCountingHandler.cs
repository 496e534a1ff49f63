namespace OutlookCrm.Core.Connectors.Http;

/// <summary>Innermost handler: counts each attempt that goes on the wire.</summary>
public sealed class CallCountingHandler(RemoteCallCounter counter) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.Record(request.RequestUri?.Authority ?? "unknown", OutboundRequest.OperationOf(request));
        return base.SendAsync(request, cancellationToken);
    }
}
