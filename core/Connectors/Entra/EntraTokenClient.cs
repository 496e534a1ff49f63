using System.Security.Cryptography.X509Certificates;
using Microsoft.Identity.Client;

namespace OutlookCrm.Core.Connectors.Entra;

/// <summary>
/// App-only tokens from Entra ID with MSAL.NET's confidential client (secret or certificate).
/// One instance per credentials and scope: MSAL's in-memory app token cache lives in it, so keep
/// the instance (the connector does) rather than building one per call.
/// </summary>
public sealed class EntraTokenClient : IAccessTokenSource
{
    private readonly IConfidentialClientApplication application;
    private readonly string[] scopes;
    private readonly SemaphoreSlim refreshing = new(1, 1);

    public EntraTokenClient(EntraCredentials credentials, string scope, IHttpClientFactory httpClientFactory)
    {
        credentials.Validate();
        scopes = [scope];
        var builder = ConfidentialClientApplicationBuilder.Create(credentials.ClientId)
            // Instance discovery and authority validation would call login.microsoftonline.com to
            // vet the host; turning them off lets a sovereign cloud or the emulator act as authority.
            .WithAuthority(credentials.TenantAuthority.ToString(), validateAuthority: false)
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new OutboundMsalHttpClientFactory(httpClientFactory));
        builder = credentials.UsesCertificate
            ? builder.WithCertificate(X509Certificate2.CreateFromPem(credentials.CertificatePem, credentials.PrivateKeyPem))
            : builder.WithClientSecret(credentials.ClientSecret);
        application = builder.Build();
    }

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        // One at a time: the mailboxes a worker starts together would each miss MSAL's empty cache and fetch a token of
        // their own (16 token requests for 16 mailboxes); this way the first fetches and the others read its token from
        // the cache, which takes microseconds.
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            return await AcquireAsync(forceRefresh: false, cancellationToken);
        }
        finally
        {
            refreshing.Release();
        }
    }

    public async Task<string> RefreshAccessTokenAsync(string rejected, CancellationToken cancellationToken)
    {
        // Many calls in flight see the same 401: the first one fetches, the others take its token.
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            var cached = await AcquireAsync(forceRefresh: false, cancellationToken);
            return cached != rejected ? cached : await AcquireAsync(forceRefresh: true, cancellationToken);
        }
        finally
        {
            refreshing.Release();
        }
    }

    private async Task<string> AcquireAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        try
        {
            var result = await application.AcquireTokenForClient(scopes).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        catch (MsalServiceException exception)
        {
            throw EntraTokenException.From(exception);
        }
    }
}
