using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Salesforce.Store;

namespace OutlookCrm.Emulators.Salesforce.Auth;

/// <summary>An OAuth error answer: <c>{"error","error_description"}</c>, 400 unless said otherwise.</summary>
public sealed class OAuthException(string error, string description, int status = 400) : Exception(description)
{
    public string Error { get; } = error;
    public int Status { get; } = status;
}

/// <summary>
/// Salesforce's OAuth 2.0 server for one org: JWT bearer, client credentials, username-password
/// (password + security token), refresh token, and the web-server flow with PKCE; sessions that
/// expire after <see cref="SessionLifetime"/>.
/// </summary>
public sealed class SalesforceAuth(SalesforceOrg org)
{
    private const string JwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private readonly ConcurrentDictionary<string, ConnectedApp> apps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UserLogin> logins = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Session> sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string UserId, string ClientId)> refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingCode> codes = new(StringComparer.Ordinal);

    /// <summary>How long an access token lives (Salesforce's session timeout).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Values accepted as the JWT <c>aud</c> besides the emulator's own URL.</summary>
    public List<string> LoginUrls { get; } = ["https://login.salesforce.com", "https://test.salesforce.com"];

    public void RegisterApp(ConnectedApp app) => apps[app.ClientId] = app;

    public void RegisterLogin(UserLogin login) => logins[login.Username] = login;

    public void ExpireAllSessions()
    {
        foreach (var key in sessions.Keys)
        {
            if (sessions.TryGetValue(key, out var session))
            {
                sessions[key] = session with { ExpiresAt = DateTime.MinValue };
            }
        }
    }

    public void Reset()
    {
        apps.Clear();
        logins.Clear();
        sessions.Clear();
        refreshTokens.Clear();
        codes.Clear();
        SessionLifetime = TimeSpan.FromHours(2);
    }

    /// <summary>The live session for a bearer token, or null when it is unknown or expired.</summary>
    public Session? Authenticate(string? authorization)
    {
        if (authorization is null)
        {
            return null;
        }

        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim()
            : authorization.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase) ? authorization[6..].Trim() : null;
        return token is not null && sessions.TryGetValue(token, out var session) && session.ExpiresAt > org.Now ? session : null;
    }

    /// <summary>Issues a session for a user directly (tests and benchmarks).</summary>
    public Session IssueSession(string username, string clientId = "emulator") => NewSession(RequireUser(username), clientId);

    public JsonObject Token(IReadOnlyDictionary<string, string> form, string instanceUrl)
    {
        var grant = form.GetValueOrDefault("grant_type");
        return grant switch
        {
            JwtBearer => JwtBearerGrant(form, instanceUrl),
            "client_credentials" => ClientCredentials(form, instanceUrl),
            "password" => Password(form, instanceUrl),
            "refresh_token" => Refresh(form, instanceUrl),
            "authorization_code" => AuthorizationCode(form, instanceUrl),
            _ => throw new OAuthException("unsupported_grant_type", "grant type not supported"),
        };
    }

    /// <summary>The web-server flow's authorize step: the user is taken as signed in (login_hint or the run-as/first user) and approves.</summary>
    public string Authorize(IReadOnlyDictionary<string, string> query)
    {
        if (query.GetValueOrDefault("response_type") != "code")
        {
            throw new OAuthException("unsupported_response_type", "response type not supported");
        }

        var app = RequireApp(query.GetValueOrDefault("client_id"));
        var redirect = query.GetValueOrDefault("redirect_uri") ?? "";
        if (!app.RedirectUris.Contains(redirect, StringComparer.Ordinal))
        {
            throw new OAuthException("redirect_uri_mismatch", "redirect_uri must match configuration");
        }

        var challenge = query.GetValueOrDefault("code_challenge");
        var method = query.GetValueOrDefault("code_challenge_method") ?? (challenge is null ? null : "plain");
        if (method is not null and not "S256" and not "plain")
        {
            throw new OAuthException("invalid_request", "invalid code_challenge_method");
        }

        var username = query.GetValueOrDefault("login_hint") ?? app.RunAsUsername
            ?? org.Store.Snapshot("User", false).Select(u => u["Username"] as string).FirstOrDefault()
            ?? throw new OAuthException("invalid_request", "no user to sign in");
        var user = RequireUser(username);
        var code = Random(32);
        codes[code] = new PendingCode(app.ClientId, redirect, challenge, method, user.Id, org.Now.AddMinutes(15));
        var separator = redirect.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var state = query.GetValueOrDefault("state");
        return $"{redirect}{separator}code={Uri.EscapeDataString(code)}" + (state is null ? "" : $"&state={Uri.EscapeDataString(state)}");
    }

    private JsonObject JwtBearerGrant(IReadOnlyDictionary<string, string> form, string instanceUrl)
    {
        var jws = JwsReader.TryRead(form.GetValueOrDefault("assertion")) ?? throw new OAuthException("invalid_grant", "invalid assertion");
        var app = RequireApp(jws.Claim("iss"));
        using var key = app.CertificatePem is null ? null : JwsReader.PublicKeyFromPem(app.CertificatePem);
        if (key is null || !jws.VerifiedBy(key))
        {
            throw new OAuthException("invalid_grant", "invalid assertion");
        }

        var audience = jws.Claim("aud")?.TrimEnd('/');
        if (audience is null || !(string.Equals(audience, instanceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
                || LoginUrls.Any(u => string.Equals(u.TrimEnd('/'), audience, StringComparison.OrdinalIgnoreCase))))
        {
            throw new OAuthException("invalid_grant", "audience is invalid");
        }

        var exp = jws.NumericClaim("exp");
        if (exp is null || DateTimeOffset.FromUnixTimeSeconds(exp.Value).UtcDateTime <= org.Now)
        {
            throw new OAuthException("invalid_grant", "expired authorization code");
        }

        // Older clients name the user in "prn" instead of "sub".
        var user = FindUser(jws.Claim("sub") ?? jws.Claim("prn")) ?? throw new OAuthException("invalid_grant", "user hasn't approved this consumer");
        return TokenResponse(NewSession(user, app.ClientId), app, instanceUrl, refreshToken: null);
    }

    private JsonObject ClientCredentials(IReadOnlyDictionary<string, string> form, string instanceUrl)
    {
        var app = RequireClient(form);
        var user = app.RunAsUsername is null ? null : FindUser(app.RunAsUsername);
        if (user is null)
        {
            throw new OAuthException("invalid_grant", "no client credentials user enabled");
        }

        return TokenResponse(NewSession(user, app.ClientId), app, instanceUrl, refreshToken: null);
    }

    private JsonObject Password(IReadOnlyDictionary<string, string> form, string instanceUrl)
    {
        var app = RequireClient(form);
        var username = form.GetValueOrDefault("username") ?? "";
        var password = form.GetValueOrDefault("password") ?? "";
        if (!logins.TryGetValue(username, out var login) || password != login.Password + login.SecurityToken)
        {
            throw new OAuthException("invalid_grant", "authentication failure");
        }

        var user = FindUser(username) ?? throw new OAuthException("invalid_grant", "authentication failure");
        return TokenResponse(NewSession(user, app.ClientId), app, instanceUrl, refreshToken: null);
    }

    private JsonObject Refresh(IReadOnlyDictionary<string, string> form, string instanceUrl)
    {
        var app = RequireApp(form.GetValueOrDefault("client_id"));
        if (form.TryGetValue("client_secret", out var secret) && app.ClientSecret is not null && !FixedEquals(secret, app.ClientSecret))
        {
            throw new OAuthException("invalid_client", "invalid client credentials");
        }

        var token = form.GetValueOrDefault("refresh_token") ?? "";
        if (!refreshTokens.TryGetValue(token, out var grant) || grant.ClientId != app.ClientId || org.Store.Get(grant.UserId) is not { } user)
        {
            throw new OAuthException("invalid_grant", "expired access/refresh token");
        }

        return TokenResponse(NewSession(user, app.ClientId), app, instanceUrl, refreshToken: null);
    }

    private JsonObject AuthorizationCode(IReadOnlyDictionary<string, string> form, string instanceUrl)
    {
        var app = RequireApp(form.GetValueOrDefault("client_id"));
        var code = form.GetValueOrDefault("code") ?? "";
        if (!codes.TryRemove(code, out var pending) || pending.ClientId != app.ClientId || pending.ExpiresAt <= org.Now)
        {
            throw new OAuthException("invalid_grant", "invalid authorization code");
        }

        if (form.GetValueOrDefault("redirect_uri") != pending.RedirectUri)
        {
            throw new OAuthException("redirect_uri_mismatch", "redirect_uri must match configuration");
        }

        if (pending.Challenge is null)
        {
            if (!FixedEquals(form.GetValueOrDefault("client_secret") ?? "", app.ClientSecret ?? "\0"))
            {
                throw new OAuthException("invalid_client", "invalid client credentials");
            }
        }
        else
        {
            var verifier = form.GetValueOrDefault("code_verifier") ?? "";
            var expected = pending.Method == "S256" ? Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) : verifier;
            if (verifier.Length == 0 || !FixedEquals(expected, pending.Challenge))
            {
                throw new OAuthException("invalid_grant", "invalid code verifier");
            }
        }

        var user = org.Store.Get(pending.UserId) ?? throw new OAuthException("invalid_grant", "invalid authorization code");
        var refresh = Random(48);
        refreshTokens[refresh] = (user.Id, app.ClientId);
        return TokenResponse(NewSession(user, app.ClientId), app, instanceUrl, refresh);
    }

    private ConnectedApp RequireClient(IReadOnlyDictionary<string, string> form)
    {
        var app = RequireApp(form.GetValueOrDefault("client_id"));
        if (app.ClientSecret is null || !FixedEquals(form.GetValueOrDefault("client_secret") ?? "", app.ClientSecret))
        {
            throw new OAuthException("invalid_client", "invalid client credentials");
        }

        return app;
    }

    private ConnectedApp RequireApp(string? clientId) =>
        clientId is not null && apps.TryGetValue(clientId, out var app) ? app : throw new OAuthException("invalid_client_id", "client identifier invalid");

    private SObjectRecord? FindUser(string? username)
    {
        var user = username is null ? null : org.Store.FindUnique("User", "Username", username);
        return user is not null && user["IsActive"] is true ? user : null;
    }

    private SObjectRecord RequireUser(string username) =>
        FindUser(username) ?? throw new OAuthException("invalid_grant", "authentication failure");

    private Session NewSession(SObjectRecord user, string clientId)
    {
        var now = org.Now;
        var token = $"{SalesforceOrg.OrgId[..15]}!{Random(48)}";
        var session = new Session(token, user.Id, (string)user["Username"]!, clientId, now, now + SessionLifetime);
        sessions[token] = session;
        return session;
    }

    private static JsonObject TokenResponse(Session session, ConnectedApp app, string instanceUrl, string? refreshToken)
    {
        var issuedAt = new DateTimeOffset(session.IssuedAt).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var id = $"{instanceUrl}/id/{SalesforceOrg.OrgId}/{session.UserId}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(app.ClientSecret ?? app.ClientId), Encoding.UTF8.GetBytes(id + issuedAt)));
        var response = new JsonObject
        {
            ["access_token"] = session.AccessToken,
            ["signature"] = signature,
            ["scope"] = refreshToken is null ? "api" : "refresh_token api",
            ["instance_url"] = instanceUrl,
            ["id"] = id,
            ["token_type"] = "Bearer",
            ["issued_at"] = issuedAt,
        };
        if (refreshToken is not null)
        {
            response["refresh_token"] = refreshToken;
        }

        return response;
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Random(int bytes) => Base64Url.Encode(RandomNumberGenerator.GetBytes(bytes));

    private sealed record PendingCode(string ClientId, string RedirectUri, string? Challenge, string? Method, string UserId, DateTime ExpiresAt);
}
