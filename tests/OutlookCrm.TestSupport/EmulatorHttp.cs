using System.Security.Cryptography.X509Certificates;
using OutlookCrm.Emulators.Common;

namespace OutlookCrm.TestSupport;

/// <summary>Raw HTTP clients for contract tests: trust only the emulators' CA, with validation on.</summary>
public static class EmulatorHttp
{
    public static HttpClient Client(EmulatorServer server) => new(Handler(server.Certificates)) { BaseAddress = server.BaseUri };

    public static SocketsHttpHandler Handler(EmulatorCertificates certificates) => new()
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(certificates.Authority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            },
        },
    };

    /// <summary>Writes the CA as PEM to a temp file, as <c>Http__TrustedCaFile</c> expects.</summary>
    public static string WriteCaFile(EmulatorCertificates certificates)
    {
        var path = Path.Combine(Path.GetTempPath(), $"outlookcrm-ca-{Guid.NewGuid():N}.pem");
        certificates.WriteAuthorityPem(path);
        return path;
    }
}
