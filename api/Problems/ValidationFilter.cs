using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Results;

namespace OutlookCrm.Api.Problems;

/// <summary>
/// Endpoint filter that runs the registered <see cref="IValidator{T}"/> on the argument of type
/// <typeparamref name="T"/> and answers 400 problem+json with <c>errors: {field: [messages]}</c>.
/// </summary>
public sealed class ValidationFilter<T> : IEndpointFilter where T : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var argument = context.Arguments.OfType<T>().FirstOrDefault();
        if (argument is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A request body is required."] });
        }

        var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<T>>();
        var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
        return result.IsValid ? await next(context) : TypedResults.ValidationProblem(ValidationFilter.ToErrors(result.Errors));
    }
}

public static class ValidationFilter
{
    public static Dictionary<string, string[]> ToErrors(IEnumerable<ValidationFailure> failures) =>
        failures.GroupBy(f => string.IsNullOrEmpty(f.PropertyName) ? "body" : f.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());

    /// <summary>Adds the filter for <typeparamref name="T"/> and documents the 400 answer.</summary>
    public static RouteHandlerBuilder Validates<T>(this RouteHandlerBuilder builder) where T : class =>
        builder.AddEndpointFilter<ValidationFilter<T>>().ProducesValidationProblem();

    /// <summary>
    /// Registers every validator in the assembly of <typeparamref name="TMarker"/> (the DI extensions
    /// package is not available here), with camelCase field paths to match the JSON.
    /// </summary>
    public static IServiceCollection AddValidatorsFrom<TMarker>(this IServiceCollection services)
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
            CamelCasePath(expression is null ? member?.Name : PropertyChain.FromExpression(expression).ToString());
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member?.Name;
        var validators = typeof(TMarker).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
                .Select(i => (Service: i, Implementation: t)));
        foreach (var (service, implementation) in validators)
        {
            services.AddSingleton(service, implementation);
        }

        return services;
    }

    /// <summary><c>Auth.ClientId</c> → <c>auth.clientId</c>, as the field appears in the JSON.</summary>
    private static string? CamelCasePath(string? path) => path is null
        ? null
        : string.Join('.', path.Split('.').Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName));
}
