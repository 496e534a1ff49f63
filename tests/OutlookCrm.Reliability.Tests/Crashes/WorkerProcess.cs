using System.Diagnostics;
using System.Text;

namespace OutlookCrm.Reliability.Tests.Crashes;

/// <summary>
/// The real <c>sync-worker --once</c> as its own process (the dll built beside this test project, run by
/// the dotnet host), configured through environment variables as an operator would. <see cref="Kill"/>
/// ends it with SIGKILL: no shutdown code of the worker runs.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private WorkerProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the worker printed so far (its summary table, warnings, a crash's stack trace).</summary>
    public string Output
    {
        get { lock (output) { return output.ToString(); } }
    }

    public Task ExitedAsync => process.WaitForExitAsync();

    public int ExitCode => process.ExitCode;

    public static WorkerProcess StartOnce(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(WorkerDll.Value);
        start.ArgumentList.Add("--once");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("The sync worker did not start."));
    }

    /// <summary>Runs <c>--once</c> to its end; the exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunOnceAsync(IReadOnlyDictionary<string, string> environment)
    {
        using var worker = StartOnce(environment);
        await worker.ExitedAsync;
        return (worker.ExitCode, worker.Output);
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Linux), then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output) { output.AppendLine(line); }
        }
    }

    /// <summary>sync-worker/bin/{configuration}/{framework}/OutlookCrm.SyncWorker.dll, for the configuration this test project was built in.</summary>
    private static readonly Lazy<string> WorkerDll = new(() =>
    {
        var build = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = build;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OutlookCrm.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? ".", "sync-worker", "bin", build.Parent!.Name, build.Name, "OutlookCrm.SyncWorker.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first: the sync worker is not where the test expects it.", dll);
    });
}
