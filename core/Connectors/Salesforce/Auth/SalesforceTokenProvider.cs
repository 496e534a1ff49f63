using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Connectors.Salesforce.Http;

namespace OutlookCrm.Core.Connectors.Salesforce.Auth;

/// <summary>
/// Gets and caches the access token (<c>POST {loginUrl}/services/oauth2/token</c>, form-encoded).
/// Salesforce does not say when a token expires, so it is kept until a call answers
/// <c>INVALID_SESSION_ID</c>; then <see cref="RefreshAsync"/> replaces it once for all callers.
/// </summary>
public sealed class SalesforceTokenProvider(HttpClient http, SalesforceConnectionSettings settings, TimeProvider clock, ILogger<SalesforceTokenProvider> logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile SalesforceToken? current;
    private string? refreshToken = settings.Auth.RefreshToken;

    public async Task<SalesforceToken> GetAsync(CancellationToken cancellationToken)
    {
        if (current is { } token)
        {
            return token;
        }

        return await ReplaceAsync(null, cancellationToken);
    }

    /// <summary>Replaces <paramref name="rejected"/> unless another caller already did.</summary>
    public Task<SalesforceToken> RefreshAsync(SalesforceToken rejected, CancellationToken cancellationToken) =>
        ReplaceAsync(rejected, cancellationToken);

    private async Task<SalesforceToken> ReplaceAsync(SalesforceToken? rejected, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is not null && !ReferenceEquals(current, rejected))
            {
                return current;
            }

            var form = refreshToken is not null ? RefreshForm(refreshToken) : GrantForm();
            var answer = await RequestAsync(form, cancellationToken);
            refreshToken = answer.RefreshToken ?? refreshToken;
            current = new SalesforceToken(answer.AccessToken, new Uri(answer.InstanceUrl), refreshToken, SalesforceToken.UserIdOf(answer.IdentityUrl));
            logger.LogInformation("Salesforce token obtained ({Grant}) for {Instance}", form["grant_type"], current.InstanceUrl.Host);
            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    private Dictionary<string, string> GrantForm() => settings.Auth switch
    {
        SalesforcePasswordAuth p => new()
        {
            ["grant_type"] = "password", ["client_id"] = p.ClientId, ["client_secret"] = p.ClientSecret,
            ["username"] = p.Username, ["password"] = p.Password + p.SecurityToken,
        },
        SalesforceJwtBearerAuth j => new()
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["assertion"] = JwtBearerAssertion.Create(j.ClientId, j.Username, settings.LoginUrl, j.PrivateKeyPem, clock.GetUtcNow()),
        },
        SalesforceClientCredentialsAuth c => new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = c.ClientId, ["client_secret"] = c.ClientSecret,
        },
        _ => throw new NotSupportedException($"Salesforce auth {settings.Auth.GetType().Name} is not supported."),
    };

    private Dictionary<string, string> RefreshForm(string token)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = settings.Auth.ClientId, ["refresh_token"] = token,
        };
        if (settings.Auth.SecretForRefresh is { } secret)
        {
            form["client_secret"] = secret;
        }

        return form;
    }

    private async Task<TokenResponse> RequestAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        var url = new Uri(new Uri(settings.LoginUrl.TrimEnd('/') + "/"), "services/oauth2/token");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) }
            .WithOperation("sf.token");
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var error = SalesforceErrorReader.Read(response.StatusCode, body, isTokenEndpoint: true);
            if (form["grant_type"] == "refresh_token" && error.ErrorCode == "invalid_grant")
            {
                // A revoked or expired refresh token: fall back to the configured grant once.
                logger.LogWarning("Salesforce refused the refresh token ({Code}); using the configured grant", error.ErrorCode);
                refreshToken = null;
                return await RequestAsync(GrantForm(), cancellationToken);
            }

            throw error;
        }

        return await response.Content.ReadFromJsonAsync<TokenResponse>(SalesforceJson.Options, cancellationToken)
            ?? throw new SalesforceAuthException(response.StatusCode, SalesforceErrorCodes.Unknown, "empty token response");
    }
}
