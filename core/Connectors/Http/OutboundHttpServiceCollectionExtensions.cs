using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OutlookCrm.Core.Configuration;

namespace OutlookCrm.Core.Connectors.Http;

public static class OutboundHttpServiceCollectionExtensions
{
    /// <summary>Name of the <see cref="HttpClient"/> every connector uses.</summary>
    public const string ClientName = "outbound";

    /// <summary>
    /// The one outbound HTTP set-up: trusted extra CAs, resilience (outer), call counting (inner, so
    /// every attempt is counted), a connection pool recycled every few minutes for DNS changes.
    /// </summary>
    public static IServiceCollection AddOutboundHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ResilienceOptions>().Bind(configuration.GetSection("Http:Resilience"));
        services.AddSingleton(_ => TrustedCertificateValidator.FromPemFile(configuration[ConfigurationKeys.HttpTrustedCaFile]));
        services.AddSingleton<RemoteCallCounter>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<ResilienceHandler>();
        services.AddTransient<CallCountingHandler>();
        services.AddHttpClient(ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan) // per-attempt timeout lives in the pipeline
            .ConfigurePrimaryHttpMessageHandler(sp => CreatePrimaryHandler(sp.GetRequiredService<TrustedCertificateValidator>()))
            .AddHttpMessageHandler<ResilienceHandler>()
            .AddHttpMessageHandler<CallCountingHandler>();
        return services;
    }

    public static SocketsHttpHandler CreatePrimaryHandler(TrustedCertificateValidator validator) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, chain, errors) => validator.Validate(certificate, chain, errors) },
    };
}
