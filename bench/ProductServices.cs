using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors;
using OutlookCrm.Core.Connectors.Salesforce;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Store;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Bench;

/// <summary>
/// The product's services as production wires them (stored, encrypted connections read by
/// <see cref="StoredConnectorSource"/>, the outbound HTTP pipeline with its <see cref="RemoteCallCounter"/>,
/// the engine on SQLite), over a store, a key ring and the emulators' CA kept in one directory, so a
/// second process can run the same product on the same state (<see cref="ProductProcess"/>).
/// </summary>
internal static class ProductServices
{
    public static string CaFile(string directory) => Path.Combine(directory, "ca.pem");

    public static string StoreFile(string directory) => Path.Combine(directory, "store.db");

    public static string KeysDirectory(string directory) => Path.Combine(directory, "keys");

    /// <summary>The services, with a <see cref="BatchInspector"/> looking into Graph <c>$batch</c> bodies to count writes.</summary>
    public static IServiceCollection Create(string directory, TimeProvider clock, BatchInspector batches)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Provider"] = "sqlite",
            ["Store:ConnectionString"] = $"Data Source={StoreFile(directory)};Pooling=False",
            ["Http:TrustedCaFile"] = CaFile(directory),
            ["DataProtection:KeysDirectory"] = KeysDirectory(directory),
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton(clock)
            .AddSingleton(batches)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddStore(configuration)
            .AddOutboundHttp(configuration)
            .AddSalesforceConnector()
            .AddSingleton<ExchangeConnectorBuilder>()
            .AddSingleton<StoredConnectorSource>()
            .AddSingleton<IConnectorSource>(sp => sp.GetRequiredService<StoredConnectorSource>())
            .AddSingleton<MailboxSyncRunner>();
        services.AddHttpClient(OutboundHttpServiceCollectionExtensions.ClientName).AddHttpMessageHandler(() => new BatchInspectorLink(batches));
        return services;
    }
}
