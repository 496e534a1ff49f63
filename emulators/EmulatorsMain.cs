using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Exchange.Admin;
using OutlookCrm.Emulators.Salesforce;

namespace OutlookCrm.Emulators;

/// <summary><c>dotnet run --project emulators [-- --ca-file path] [--exchange-seed seed.json]</c>: every emulator on a free port until Ctrl-C.</summary>
public static class EmulatorsMain
{
    public static async Task<int> Main(string[] args)
    {
        var caFile = ArgumentAfter(args, "--ca-file") ?? "./data/emulator-ca.pem";
        await using var stack = new EmulatorStack();
        stack.Certificates.WriteAuthorityPem(caFile);
        await stack.StartAsync();
        var (entra, salesforce, exchange) = (stack.Entra, stack.Salesforce, stack.Exchange);
        if (ArgumentAfter(args, "--exchange-seed") is { } seedFile)
        {
            var seed = System.Text.Json.JsonSerializer.Deserialize<SeedDocument>(await File.ReadAllTextAsync(seedFile),
                new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
            exchange.Seed(seed ?? new SeedDocument());
        }

        Console.WriteLine($"CA certificate : {Path.GetFullPath(caFile)} (set Http__TrustedCaFile to it)");
        Console.WriteLine($"Entra          : {entra.AuthorityFor()}");
        Console.WriteLine($"Exchange EWS   : {exchange.EwsUrl} (seed: POST {exchange.Ews.BaseUrl}/__admin/seed)");
        Console.WriteLine($"Exchange Graph : {exchange.GraphUrl}");
        Console.WriteLine($"Salesforce     : {salesforce.LoginUrl} (login URL and instance URL; admin user {SalesforceEmulator.AdminUsername})");
        Console.WriteLine("Press Ctrl-C to stop.");

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        // The web hosts swallow SIGTERM to stop themselves; end the process too (timeout, CI, containers).
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => stop.Cancel());
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    private static string? ArgumentAfter(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
