namespace OutlookCrm.Core.Connectors.Entra;

/// <summary>A bearer token for one resource; the connectors depend on this, not on MSAL.</summary>
public interface IAccessTokenSource
{
    /// <summary>A valid access token (from cache when possible). Throws <see cref="EntraTokenException"/> when Entra refuses.</summary>
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A token to replace <paramref name="rejected"/>, which the resource answered 401 to (expired or
    /// revoked before its cached lifetime ended). Fetched anew unless another caller already did.
    /// </summary>
    Task<string> RefreshAccessTokenAsync(string rejected, CancellationToken cancellationToken) => GetAccessTokenAsync(cancellationToken);
}
