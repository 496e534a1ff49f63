namespace OutlookCrm.Api.Admin.Connections;

/// <summary>
/// <c>PUT/GET /api/admin/connections/exchange</c> (CONTRACT.md §3): <c>ews</c> with <c>basic</c> or
/// <c>clientCredentials</c> auth, or <c>graph</c> with <c>clientCredentials</c>.
/// </summary>
public sealed record ExchangeConnection(string? Type, string? EwsUrl, string? GraphUrl, ExchangeAuth? Auth) : ISecretConnection<ExchangeConnection>
{
    public static string Kind => "exchange";

    public string Shape => $"{Type}/{Auth?.Type}";

    public IReadOnlyList<string> RequiredSecrets => Auth?.Type == "basic" ? ["password"] : ["clientSecret"];

    public IReadOnlyDictionary<string, string?> SentSecrets() => Auth?.Type == "basic"
        ? new Dictionary<string, string?> { ["password"] = Auth.Password }
        : new Dictionary<string, string?> { ["clientSecret"] = Auth?.ClientSecret };

    public ExchangeConnection WithSecrets(Func<string, string?> value) =>
        this with { Auth = Auth is null ? null : Auth with { Password = value("password"), ClientSecret = value("clientSecret") } };

    /// <summary>As answered and audited: secrets replaced by <c>"***"</c>.</summary>
    public ExchangeConnection Masked()
    {
        var sent = SentSecrets();
        return WithSecrets(field => AdminRules.Mask(sent.GetValueOrDefault(field)));
    }
}

public sealed record ExchangeAuth(
    string? Type, string? Username, string? Password, string? Authority, string? TenantId, string? ClientId, string? ClientSecret)
{
    // Records print every property; a secret must never reach a log line.
    public override string ToString() => $"ExchangeAuth {{ Type = {Type}, Username = {Username}, TenantId = {TenantId}, ClientId = {ClientId} }}";
}

/// <summary><c>POST /api/admin/connections/exchange/test</c>: the mailbox to try.</summary>
public sealed record ExchangeTestRequest(string? Mailbox);
