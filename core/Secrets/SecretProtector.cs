using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace OutlookCrm.Core.Secrets;

/// <summary>
/// Encrypts connection secrets with ASP.NET Core Data Protection (keys in
/// <c>DataProtection__KeysDirectory</c>), so the store only ever holds ciphertext.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("OutlookCrm.ConnectionSecrets.v1");

    public string Protect(IReadOnlyDictionary<string, string> secrets) =>
        protector.Protect(JsonSerializer.Serialize(secrets));

    public IReadOnlyDictionary<string, string> Unprotect(string cipher) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(protector.Unprotect(cipher))
        ?? new Dictionary<string, string>();
}
