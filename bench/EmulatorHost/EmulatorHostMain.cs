using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Common;
using OutlookCrm.Emulators.Exchange.Admin;

namespace OutlookCrm.Bench.EmulatorHost;

/// <summary>
/// The child side of <see cref="EmulatorProcess"/> (<c>OutlookCrm.Bench emulator-host --items N</c>):
/// the Entra, Salesforce and Exchange emulators alone in this process, seeded for the
/// <c>emulator</c> scenario, so the parent can read their CPU time without its own load client in
/// it. Prints one <see cref="EmulatorHandshake"/> line on stdout, then serves until stdin closes
/// (the parent ended or let go of it).
/// </summary>
public static class EmulatorHostMain
{
    public const string Command = "emulator-host";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var index = args.ToList().IndexOf("--items");
        var records = index >= 0 && index + 1 < args.Count && int.TryParse(args[index + 1], out var n) && n > 0 ? n : 20_000;
        await using var stack = new EmulatorStack();
        await stack.StartAsync();
        var access = new SyncAccess(GraphClientId: BenchWorld.GraphAppId);
        var crmUser = stack.GrantSyncAccess([BenchWorld.Mailbox], access)[BenchWorld.Mailbox];

        // Per-mailbox concurrency and request-window limits lifted: they would answer 429 / ErrorServerBusy instead of work.
        stack.Exchange.Graph.Limits.ConcurrentRequests = int.MaxValue;
        stack.Exchange.Graph.Limits.RequestsPerWindow = int.MaxValue;
        stack.Exchange.Ews.Limits.ConcurrentRequests = int.MaxValue;
        var contacts = stack.Salesforce.SeedContacts(records, i => new JsonObject
        {
            ["FirstName"] = "Crm", ["LastName"] = $"Person{i}", ["Email"] = $"crm{i}@example.com", ["Title"] = "Buyer", ["OwnerId"] = crmUser,
        });
        var outlookContact = stack.Exchange.SeedContacts(BenchWorld.Mailbox, 1, _ => new SeedContact
        {
            GivenName = "Given", Surname = "Surname", EmailAddresses = ["outlook0@example.com"], BusinessPhones = ["+1 555 0000000"],
        })[0];

        var handshake = new EmulatorHandshake(
            stack.Certificates.AuthorityPem,
            stack.Entra.BaseUrl,
            stack.Entra.TokenEndpointFor(),
            stack.Salesforce.BaseUrl,
            stack.Salesforce.IssueAccessToken(BenchWorld.Mailbox),
            contacts[0],
            stack.Exchange.GraphUrl,
            outlookContact,
            stack.Exchange.EwsUrl,
            access.EwsUsername,
            access.EwsPassword,
            access.GraphClientSecret);
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(handshake, EmulatorHandshake.Json));
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync();
        return 0;
    }
}

/// <summary>What the child tells the parent: where each emulator listens, the CA to trust, credentials and ids to ask for.</summary>
public sealed record EmulatorHandshake(
    string AuthorityPem,
    string EntraUrl,
    string EntraTokenEndpoint,
    string SalesforceUrl,
    string SalesforceToken,
    string SalesforceContactId,
    string GraphUrl,
    string GraphContactId,
    string EwsUrl,
    string EwsUsername,
    string EwsPassword,
    string GraphClientSecret)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
