using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace OutlookCrm.Reliability.Tests.BadInput;

/// <summary>
/// One route of the API as the app itself declares it: the method, the route pattern (its parameters),
/// the JSON body type it accepts, its query parameters (from the API explorer that feeds Swagger), and
/// whether it needs a signed-in caller (<see cref="RequiresUser"/>) under a named policy (<see cref="Policy"/>).
/// </summary>
public sealed record ApiEndpoint(
    string Method, RoutePattern Route, Type? BodyType, IReadOnlyList<(string Name, Type Type)> Query, bool RequiresUser, string? Policy)
{
    public string Name => $"{Method} /{Route.RawText?.TrimStart('/')}";

    /// <summary>Every route endpoint of the running app — whatever maps it, so a new endpoint is covered without touching this suite.</summary>
    public static IReadOnlyList<ApiEndpoint> All(IServiceProvider services)
    {
        var described = services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .ToLookup(d => Key(d.HttpMethod ?? "GET", d.RelativePath ?? ""));
        return services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
            {
                var query = described[Key(method, endpoint.RoutePattern.RawText ?? "")]
                    .SelectMany(d => d.ParameterDescriptions)
                    .Where(p => p.Source == BindingSource.Query)
                    .Select(p => (p.Name, p.Type))
                    .ToList();
                var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
                return new ApiEndpoint(method, endpoint.RoutePattern, endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType, query,
                    authorize.Count > 0 && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null, authorize.Select(a => a.Policy).LastOrDefault(p => p is not null));
            }))
            .DistinctBy(e => e.Name)
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string Key(string method, string path) => $"{method.ToUpperInvariant()} {path.Trim('/').ToLowerInvariant()}";
}
