using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;

namespace OutlookCrm.Bench;

/// <summary>Closed-loop load: C workers repeat one request until the duration (or a request count) is reached; per-request latency kept.</summary>
public static class LoadRunner
{
    public sealed record LoadResult(int Requests, int Failures, double Seconds, double CpuSeconds, List<double> LatenciesMs)
    {
        public double PerSecond => Requests / Seconds;

        public LatencyPercentiles Percentiles() => Percentile.Of(LatenciesMs);
    }

    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan? duration, int? totalRequests, Func<int, Task<bool>> request, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[concurrency];
        var failures = 0;
        var issued = -1;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            while (!cancellationToken.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref issued);
                if (totalRequests is { } total && n >= total || duration is { } d && wall.Elapsed >= d)
                {
                    break;
                }

                var started = Stopwatch.GetTimestamp();
                var ok = false;
                try
                {
                    ok = await request(n);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        var seconds = wall.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        return new LoadResult(all.Count, failures, seconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, all);
    }

    /// <summary>
    /// A raw client that trusts only the emulators' CA, validation on. <paramref name="handshakes"/>
    /// counts TLS handshakes (one validation each), to show connections are reused, not opened per request.
    /// </summary>
    public static HttpClient Client(X509Certificate2 authority, StrongBox<int>? handshakes = null) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 256,
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (handshakes is not null)
                {
                    Interlocked.Increment(ref handshakes.Value);
                }

                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            },
        },
    });
}

public static class Percentile
{
    public static LatencyPercentiles Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            return new LatencyPercentiles(0, 0, 0);
        }

        var sorted = samples.OrderBy(x => x).ToArray();
        return new LatencyPercentiles(At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99));
    }

    /// <summary>Nearest-rank percentile, rounded to 0.01 ms.</summary>
    public static double At(double[] sorted, double p) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 2);
}
