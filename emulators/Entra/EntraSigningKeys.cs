using System.Security.Cryptography;

namespace OutlookCrm.Emulators.Entra;

/// <summary>The RSA keys the emulated tenant signs with. The newest signs; older ones stay published until reset.</summary>
public sealed class EntraSigningKeys
{
    private readonly object gate = new();
    private List<SigningKey> keys = [SigningKey.Create()];

    public SigningKey Current
    {
        get { lock (gate) { return keys[^1]; } }
    }

    public IReadOnlyList<SigningKey> Published
    {
        get { lock (gate) { return keys.ToList(); } }
    }

    /// <summary>Adds a key and signs with it from now on (a key rollover).</summary>
    public SigningKey Rotate()
    {
        var key = SigningKey.Create();
        lock (gate) { keys = [.. keys, key]; }
        return key;
    }

    public void Reset()
    {
        lock (gate) { keys = [SigningKey.Create()]; }
    }
}

public sealed record SigningKey(string KeyId, RSA Rsa)
{
    public static SigningKey Create() =>
        new(Base64Url.Encode(RandomNumberGenerator.GetBytes(12)), RSA.Create(2048));
}
