using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Http;
using OutlookCrm.Core.Scheduling;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Bench.ScaleOut;

/// <summary>
/// One sync worker, wired as <c>sync-worker</c>'s <c>SyncWorkerMain</c> wires it (<c>AddStore</c>,
/// <c>AddOutboundHttp</c>, <c>AddSyncLoop</c> over the same settings) and run as its host runs it: the
/// <see cref="SyncLoop"/> hosted service started and stopped, with the product's default
/// <see cref="SyncOptions"/> (nothing under <c>Sync:</c> is set). Every worker has a service provider of its
/// own — its own PostgreSQL connection pool, HTTP connection pools, token caches, call counter and
/// worker id — so workers share only what separate processes share: the store and the remote systems.
/// </summary>
internal sealed class ScaleOutWorker : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly SyncLoop loop;

    private ScaleOutWorker(ServiceProvider services, BatchInspector batches)
    {
        this.services = services;
        Batches = batches;
        loop = services.GetRequiredService<SyncLoop>();
    }

    public string Id => loop.WorkerId;

    public BatchInspector Batches { get; }

    public SyncOptions Options => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SyncOptions>>().Value;

    public static ScaleOutWorker Create(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var batches = new BatchInspector();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(batches)
            .AddStore(configuration)
            .AddOutboundHttp(configuration)
            .AddSyncLoop(configuration);
        // The bench's only addition: it looks inside Graph $batch bodies to count the writes among them.
        services.AddHttpClient(OutboundHttpServiceCollectionExtensions.ClientName).AddHttpMessageHandler(() => new BatchInspectorLink(batches));
        return new ScaleOutWorker(services.BuildServiceProvider(), batches);
    }

    /// <summary>As the host starts its hosted services: the loop's first poll runs at once, then one per poll interval.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => loop.StartAsync(cancellationToken);

    /// <summary>As the host stops: running mailboxes finish, leases are released.</summary>
    public Task StopAsync() => loop.StopAsync(CancellationToken.None);

    public CallCounts Calls => Measure.Calls(services.GetRequiredService<RemoteCallCounter>(), Batches);

    /// <summary>Disposes the loop (a singleton of the provider) and the store's connection pool with the rest.</summary>
    public ValueTask DisposeAsync() => services.DisposeAsync();
}
