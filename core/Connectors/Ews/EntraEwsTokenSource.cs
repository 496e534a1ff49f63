using OutlookCrm.Core.Connectors.Entra;

namespace OutlookCrm.Core.Connectors.Ews;

/// <summary>EWS app-only tokens from Entra; Entra's refusal becomes the EWS connector's token error, with the OAuth code.</summary>
public sealed class EntraEwsTokenSource(IAccessTokenSource tokens) : IEwsTokenSource
{
    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => TranslateAsync(() => tokens.GetAccessTokenAsync(cancellationToken));

    public ValueTask<string> RefreshAccessTokenAsync(string rejected, CancellationToken cancellationToken) =>
        TranslateAsync(() => tokens.RefreshAccessTokenAsync(rejected, cancellationToken));

    private static async ValueTask<string> TranslateAsync(Func<Task<string>> acquire)
    {
        try
        {
            return await acquire();
        }
        catch (EntraTokenException exception)
        {
            throw new EwsTokenException(exception.Code, exception.Message, exception);
        }
    }
}
