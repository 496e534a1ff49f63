using OutlookCrm.Core.Connectors.Entra;

namespace OutlookCrm.Core.Connectors.Ews;

/// <summary>EWS app-only tokens from Entra; Entra's refusal becomes the EWS connector's token error, with the OAuth code.</summary>
public sealed class EntraEwsTokenSource(IAccessTokenSource tokens) : IEwsTokenSource
{
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.GetAccessTokenAsync(cancellationToken);
        }
        catch (EntraTokenException exception)
        {
            throw new EwsTokenException(exception.Code, exception.Message, exception);
        }
    }
}
