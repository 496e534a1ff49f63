using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace OutlookCrm.Core.Connectors.Http;

/// <summary>
/// Server certificate validation that also trusts the CAs in <c>Http__TrustedCaFile</c> (an
/// on-premises Exchange with a private CA, or the emulators). It never switches validation off:
/// a name mismatch or missing certificate always fails, and a chain error is accepted only when
/// the chain builds to one of the extra roots with every check (validity, usage) passing.
/// </summary>
public sealed class TrustedCertificateValidator
{
    private readonly X509Certificate2Collection extraRoots;

    public TrustedCertificateValidator(X509Certificate2Collection extraRoots) => this.extraRoots = extraRoots;

    public static TrustedCertificateValidator FromPemFile(string? path)
    {
        var roots = new X509Certificate2Collection();
        if (!string.IsNullOrEmpty(path))
        {
            roots.ImportFromPemFile(path);
        }

        return new TrustedCertificateValidator(roots);
    }

    public int ExtraRootCount => extraRoots.Count;

    public bool Validate(X509Certificate? certificate, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null || extraRoots.Count == 0)
        {
            return false;
        }

        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(extraRoots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // private CAs rarely publish CRLs reachable from here
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
    }
}
