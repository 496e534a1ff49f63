namespace OutlookCrm.Core.Connectors.Ews;

/// <summary>
/// Supplies the OAuth bearer token for <see cref="EwsClientCredentialsAuth"/> (app-only, scope
/// <c>https://outlook.office365.com/.default</c>). Implemented over the Entra client; kept here so
/// the EWS connector does not depend on MSAL. Implementations cache and refresh tokens themselves.
/// </summary>
public interface IEwsTokenSource
{
    /// <summary>A current access token. Throws <see cref="EwsTokenException"/> when the authority refuses.</summary>
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>A token to replace <paramref name="rejected"/>, which Exchange answered 401 to.</summary>
    ValueTask<string> RefreshAccessTokenAsync(string rejected, CancellationToken cancellationToken) => GetAccessTokenAsync(cancellationToken);
}

/// <summary>The authority refused to issue a token; <see cref="Error"/> is the OAuth <c>error</c> (e.g. <c>invalid_client</c>).</summary>
public sealed class EwsTokenException(string error, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Error { get; } = error;
}
