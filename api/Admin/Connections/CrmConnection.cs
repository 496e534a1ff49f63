namespace OutlookCrm.Api.Admin.Connections;

/// <summary>
/// <c>PUT/GET /api/admin/connections/crm</c> (CONTRACT.md §3): Salesforce with <c>jwtBearer</c>,
/// <c>clientCredentials</c> or (older orgs) <c>password</c> auth.
/// </summary>
public sealed record CrmConnection(string? Type, string? LoginUrl, string? ApiVersion, CrmAuth? Auth) : ISecretConnection<CrmConnection>
{
    public static string Kind => "crm";

    public string Shape => $"{Type}/{Auth?.Type}";

    public IReadOnlyList<string> RequiredSecrets => Auth?.Type switch
    {
        "password" => ["clientSecret", "password"],
        "jwtBearer" => ["privateKeyPem"],
        _ => ["clientSecret"],
    };

    public IReadOnlyDictionary<string, string?> SentSecrets() => Auth?.Type switch
    {
        "password" => new Dictionary<string, string?> { ["clientSecret"] = Auth.ClientSecret, ["password"] = Auth.Password, ["securityToken"] = Auth.SecurityToken },
        "jwtBearer" => new Dictionary<string, string?> { ["privateKeyPem"] = Auth.PrivateKeyPem },
        _ => new Dictionary<string, string?> { ["clientSecret"] = Auth?.ClientSecret },
    };

    public CrmConnection WithSecrets(Func<string, string?> value) => this with
    {
        Auth = Auth is null ? null : Auth with
        {
            ClientSecret = value("clientSecret"), Password = value("password"), SecurityToken = value("securityToken"), PrivateKeyPem = value("privateKeyPem"),
        },
    };

    /// <summary>As answered and audited: secrets replaced by <c>"***"</c>.</summary>
    public CrmConnection Masked()
    {
        var sent = SentSecrets();
        return WithSecrets(field => AdminRules.Mask(sent.GetValueOrDefault(field)));
    }
}

public sealed record CrmAuth(
    string? Type, string? ClientId, string? ClientSecret, string? Username, string? Password, string? SecurityToken, string? PrivateKeyPem)
{
    // Records print every property; a secret must never reach a log line.
    public override string ToString() => $"CrmAuth {{ Type = {Type}, ClientId = {ClientId}, Username = {Username} }}";
}
