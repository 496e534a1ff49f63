using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OutlookCrm.Bench.ScaleOut;

/// <summary>
/// The PostgreSQL server the scale-out scenario runs on: the one <see cref="EnvironmentVariable"/> names
/// (a user that may <c>CREATE DATABASE</c>), else a throwaway cluster started like <c>./test.sh</c> does
/// from Debian's binaries (no fsync, trust auth on loopback, removed on dispose). Each round gets a fresh
/// database of its own.
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    public const string EnvironmentVariable = "OUTLOOKCRM_BENCH_PG";

    private readonly string? clusterDirectory;
    private readonly string? binDirectory;

    private BenchPostgres(string serverConnectionString, string description, string? clusterDirectory, string? binDirectory)
    {
        ServerConnectionString = serverConnectionString;
        Description = description;
        this.clusterDirectory = clusterDirectory;
        this.binDirectory = binDirectory;
    }

    public string ServerConnectionString { get; }

    /// <summary>Where the server came from, for the result's notes.</summary>
    public string Description { get; }

    /// <param name="connectionString">A server to use; null: <see cref="EnvironmentVariable"/>, else a throwaway cluster.</param>
    public static async Task<BenchPostgres> StartAsync(string? connectionString, CancellationToken cancellationToken)
    {
        connectionString ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var given = new NpgsqlConnectionStringBuilder(connectionString);
            return new BenchPostgres(connectionString, $"PostgreSQL at {given.Host}:{given.Port} (given)", null, null);
        }

        var bin = FindBinaries() ?? throw new InvalidOperationException(
            $"scale-out needs PostgreSQL: set {EnvironmentVariable} to a connection string of a user that may CREATE DATABASE " +
            "(e.g. \"Host=127.0.0.1;Port=5432;Username=postgres\"), or install Debian's postgresql (apt-get install postgresql) " +
            "so the bench can start a throwaway cluster from /usr/lib/postgresql/<version>/bin.");
        var directory = Directory.CreateTempSubdirectory("outlookcrm-bench-pg-").FullName;
        var port = FreePort();
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                await RunAsync("chown", ["postgres:postgres", directory], asPostgres: false, cancellationToken); // initdb refuses to run as root
            }

            await RunAsync(Path.Combine(bin, "initdb"), ["-D", Path.Combine(directory, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], true, cancellationToken);
            await RunAsync(Path.Combine(bin, "pg_ctl"),
            [
                "-D", Path.Combine(directory, "data"), "-l", Path.Combine(directory, "server.log"), "-w", "-o",
                $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                "start",
            ], true, cancellationToken);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }

        var server = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
        return new BenchPostgres(server, $"throwaway PostgreSQL cluster ({bin}, fsync off) on port {port}", directory, bin);
    }

    /// <summary>A fresh, empty database; returns its connection string (pooled, as the product runs).</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true }.ToString();
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled); // the bench's own reads of the run records
        }

        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (clusterDirectory is null || binDirectory is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(binDirectory, "pg_ctl"), ["-D", Path.Combine(clusterDirectory, "data"), "-m", "immediate", "stop"], true, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(clusterDirectory, recursive: true);
        }
    }

    /// <summary>
    /// CPU seconds the server's processes have used so far (the postmaster with the backends it reaped, plus the
    /// live ones), when the server runs on this machine and its postmaster is found by its port; else null.
    /// </summary>
    public double? CpuSeconds()
    {
        var port = new NpgsqlConnectionStringBuilder(ServerConnectionString).Port.ToString(CultureInfo.InvariantCulture);
        var postmaster = FindPostmaster(port);
        if (postmaster is null)
        {
            return null;
        }

        var ticks = ProcStat(postmaster, withReapedChildren: true);
        foreach (var pid in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(p => p!.All(char.IsAsciiDigit)))
        {
            if (ParentOf(pid!) == postmaster)
            {
                ticks += ProcStat(pid!, withReapedChildren: false);
            }
        }

        return ticks / 100.0; // USER_HZ: 100 on Linux
    }

    private static string? FindPostmaster(string port)
    {
        if (!Directory.Exists("/proc"))
        {
            return null;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                var portIndex = Array.IndexOf(args, "-p");
                if (args[0].EndsWith("/postgres", StringComparison.Ordinal) && portIndex >= 0 && portIndex + 1 < args.Length && args[portIndex + 1] == port)
                {
                    return Path.GetFileName(dir);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked, or is not ours to read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    /// <summary>utime + stime (+ cutime + cstime) from /proc/&lt;pid&gt;/stat, in clock ticks; 0 for a process that is gone.</summary>
    private static long ProcStat(string pid, bool withReapedChildren)
    {
        var fields = StatFields(pid);
        if (fields is null)
        {
            return 0;
        }

        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return withReapedChildren ? ticks + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture) : ticks;
    }

    private static string? ParentOf(string pid) => StatFields(pid)?[1];

    /// <summary>The fields after the command name (which may hold spaces): [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static string[]? StatFields(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The newest <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> that has <c>initdb</c>, as test.sh picks it.</summary>
    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
                .Where(d => File.Exists(Path.Combine(d.Bin, "initdb")))
                .OrderBy(d => d.Version).Select(d => d.Bin).LastOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgres && Environment.IsPrivilegedProcess ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres && Environment.IsPrivilegedProcess)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await errors}{await output}");
        }
    }
}
