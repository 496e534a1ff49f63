using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace OutlookCrm.Bench.EmulatorHost;

/// <summary>
/// The emulators in a child process (this same bench assembly, <see cref="EmulatorHostMain"/>), so
/// the bench's load client does not run inside the process being measured and the child's own CPU
/// time (<see cref="Process.TotalProcessorTime"/>, i.e. utime + stime of /proc/&lt;pid&gt;/stat) is
/// the emulators' cost alone. Disposing closes the child's stdin, which ends it.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process process;

    private EmulatorProcess(Process process, EmulatorHandshake handshake)
    {
        this.process = process;
        Handshake = handshake;
        Authority = X509Certificate2.CreateFromPem(handshake.AuthorityPem);
    }

    public EmulatorHandshake Handshake { get; }

    /// <summary>The emulators' CA (the child made it); clients trust only this.</summary>
    public X509Certificate2 Authority { get; }

    public int Id => process.Id;

    /// <summary>User + system CPU time the child has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// Waits (up to 10 s) until the child is idle: after a warm-up its runtime goes on compiling the
    /// hot methods again in the background (tiered compilation, PGO) for a while on these loaded
    /// cores, and that CPU time belongs to the warm-up, not to the requests measured next.
    /// </summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < 40; i++)
        {
            var before = CpuTime;
            await Task.Delay(250, cancellationToken);
            if (CpuTime - before <= TimeSpan.FromMilliseconds(10))
            {
                return;
            }
        }
    }

    /// <summary>The child's peak resident set (VmHWM): the emulators holding the scenario's data.</summary>
    public double PeakWorkingSetMb
    {
        get
        {
            process.Refresh();
            return Math.Round(process.PeakWorkingSet64 / 1024.0 / 1024.0, 1);
        }
    }

    public static async Task<EmulatorProcess> StartAsync(int records, CancellationToken cancellationToken)
    {
        var assembly = typeof(EmulatorHostMain).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { assembly, EmulatorHostMain.Command, "--items", records.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the emulator host");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(cancellationToken)
                ?? throw new InvalidOperationException($"the emulator host (pid {process.Id}) ended before it was ready");
            var handshake = JsonSerializer.Deserialize<EmulatorHandshake>(line, EmulatorHandshake.Json)
                ?? throw new InvalidOperationException("the emulator host sent no handshake");
            return new EmulatorProcess(process, handshake);
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>The <c>dotnet</c> muxer this process runs under (or the one the SDK names), to run the bench assembly again.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }
        finally
        {
            process.Dispose();
            Authority.Dispose();
        }
    }
}
