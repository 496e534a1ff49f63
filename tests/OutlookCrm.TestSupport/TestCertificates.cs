using OutlookCrm.Emulators.Common;

namespace OutlookCrm.TestSupport;

/// <summary>
/// One emulator CA and server certificate for the whole test process: generating RSA keys for every
/// host was a large share of each test's start-up. Read-only once made, so sharing is safe; never disposed.
/// </summary>
public static class TestCertificates
{
    private static readonly Lazy<EmulatorCertificates> SharedLazy = new(EmulatorCertificates.Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static EmulatorCertificates Shared => SharedLazy.Value;
}
