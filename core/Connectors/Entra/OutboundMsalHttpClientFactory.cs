using Microsoft.Identity.Client;
using OutlookCrm.Core.Connectors.Http;

namespace OutlookCrm.Core.Connectors.Entra;

/// <summary>
/// Sends MSAL's token requests through the product's outbound client, so the extra CAs of
/// <c>Http__TrustedCaFile</c>, resilience and call counting apply to them too. MSAL builds its own
/// requests, so a small handler names them <c>entra.token</c> on the way in.
/// </summary>
public sealed class OutboundMsalHttpClientFactory(IHttpClientFactory httpClientFactory) : IMsalHttpClientFactory
{
    public const string Operation = "entra.token";

    public HttpClient GetHttpClient()
    {
        // The default factory also hands out its handler chain; wrapping it keeps the outbound
        // pipeline while letting us set the operation name. Other factories (tests) fall back to the client as is.
        if (httpClientFactory is IHttpMessageHandlerFactory handlers)
        {
            var naming = new OperationNamingHandler { InnerHandler = handlers.CreateHandler(OutboundHttpServiceCollectionExtensions.ClientName) };
            return new HttpClient(naming, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        }

        return httpClientFactory.CreateClient(OutboundHttpServiceCollectionExtensions.ClientName);
    }

    private sealed class OperationNamingHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            base.SendAsync(request.WithOperation(Operation), cancellationToken);
    }
}
