using Microsoft.AspNetCore.Http.Json;

namespace OutlookCrm.Api.Problems;

public static class ProblemServiceCollectionExtensions
{
    /// <summary>Every error as RFC 7807 problem+json, with the trace id so a user's report can be found in the logs.</summary>
    public static IServiceCollection AddProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Minimal APIs then throw BadHttpRequestException for unreadable bodies, which the handler words.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
        return services;
    }
}
