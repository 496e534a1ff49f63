using OutlookCrm.Core.Configuration;
using OutlookCrm.Emulators.Entra;
using OutlookCrm.Emulators.Salesforce.Auth;

namespace OutlookCrm.Api.Sandbox;

/// <summary>
/// <c>--sandbox</c>: the whole product on one machine. Before the host is built, makes the emulators
/// and points the configuration at them; once the store is migrated, <see cref="SandboxStartup"/>
/// starts and seeds them, stores the connections and the <c>demo</c> configuration
/// (<see cref="SandboxStore"/>) and prints the URLs.
/// </summary>
public static class SandboxHosting
{
    /// <summary><c>--sandbox</c> on the command line, or <c>Sandbox:Enabled</c> (how in-process tests ask for it).</summary>
    public static bool IsRequested(string[] args, IConfiguration configuration) =>
        args.Contains("--sandbox", StringComparer.Ordinal) || configuration.GetValue<bool>("Sandbox:Enabled");

    /// <summary>
    /// The arguments without <c>--sandbox</c>: the command-line configuration would read it as a key
    /// taking the next argument as its value (<c>--sandbox --urls …</c> would lose <c>--urls</c>).
    /// </summary>
    public static string[] WithoutSandboxFlag(string[] args) => args.Where(a => a != "--sandbox").ToArray();

    public static WebApplicationBuilder AddSandboxIfRequested(this WebApplicationBuilder builder, string[] args)
    {
        if (!IsRequested(args, builder.Configuration))
        {
            return builder;
        }

        var data = Path.GetFullPath(builder.Configuration["Sandbox:DataDirectory"] ?? "./data");
        Directory.CreateDirectory(data);
        var emulators = SandboxEmulators.Create(data);

        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Enabled"] = "true",
            ["Sandbox:DataDirectory"] = data,
            [ConfigurationKeys.AuthAuthority] = emulators.Authority,
            [ConfigurationKeys.AuthAudience] = SandboxApps.Audience,
            [ConfigurationKeys.HttpTrustedCaFile] = emulators.CaFile,
            // The add-in preview opens the signed-in user's demo meetings (addin/src/preview-items.ts).
            ["Addin:PreviewItemsUrl"] = SandboxPreviewItems.Path,
        };
        if (builder.Configuration[ConfigurationKeys.StoreConnectionString] is null && builder.Configuration[ConfigurationKeys.StoreProvider] is null)
        {
            settings[ConfigurationKeys.StoreConnectionString] = $"Data Source={Path.Combine(data, "outlookcrm.db")}";
        }

        if (builder.Configuration[ConfigurationKeys.DataProtectionKeysDirectory] is null)
        {
            settings[ConfigurationKeys.DataProtectionKeysDirectory] = Path.Combine(data, "keys");
        }

        builder.Configuration.AddInMemoryCollection(settings);
        // A factory registration, so the container disposes the emulators with the host.
        builder.Services.AddSingleton(_ => emulators);
        builder.Services.AddSingleton<SandboxStore>();
        builder.Services.AddHostedService<SandboxStartup>();
        return builder;
    }

    /// <summary>Maps <c>POST /sandbox/token</c> and <c>GET /sandbox/preview-items</c> in the sandbox only.</summary>
    public static WebApplication MapSandboxIfEnabled(this WebApplication app)
    {
        if (app.Services.GetService<SandboxEmulators>() is not null)
        {
            app.MapSandboxToken();
            app.MapSandboxPreviewItems();
        }

        return app;
    }

    /// <summary>The demo org and mailboxes, and the apps the stored connections use.</summary>
    internal static void Seed(SandboxEmulators emulators)
    {
        var today = DateTime.UtcNow.Date;
        emulators.Salesforce.Seed(DemoOrg.Seed(today));
        emulators.Salesforce.RegisterApp(new ConnectedApp
        {
            ClientId = SandboxApps.SalesforceClientId, ClientSecret = SandboxApps.SalesforceClientSecret, RunAsUsername = DemoOrg.IntegrationUser,
        });
        emulators.Entra.RegisterApp(new AppRegistration
        {
            ClientId = SandboxApps.GraphClientId,
            DisplayName = "OutlookCrm sandbox sync",
            Secrets = [SandboxApps.GraphClientSecret],
            Roles = new(StringComparer.OrdinalIgnoreCase) { ["https://graph.microsoft.com"] = ["Calendars.ReadWrite", "Contacts.ReadWrite"] },
        });
        emulators.Exchange.Seed(DemoMailboxes.Seed(today, SandboxApps.GraphClientId));
    }
}
