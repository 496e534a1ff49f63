namespace OutlookCrm.Core.Connectors.Entra;

/// <summary>A bearer token for one resource; the connectors depend on this, not on MSAL.</summary>
public interface IAccessTokenSource
{
    /// <summary>A valid access token (from cache when possible). Throws <see cref="EntraTokenException"/> when Entra refuses.</summary>
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}
