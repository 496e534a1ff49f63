using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Api.Admin;
using OutlookCrm.Api.Admin.SyncConfigurations;
using OutlookCrm.Api.Problems;
using OutlookCrm.Core.Store;

namespace OutlookCrm.Api.Endpoints.Admin;

public static partial class SyncConfigurationEndpoints
{
    /// <summary><c>/api/admin/sync-configurations</c>: list, and PUT/GET/DELETE by name.</summary>
    public static RouteGroupBuilder MapSyncConfigurations(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/sync-configurations");
        group.MapGet("/", ListAsync).WithName("ListSyncConfigurations");
        group.MapGet("/{name}", GetAsync).WithName("GetSyncConfiguration").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{name}", PutAsync).WithName("PutSyncConfiguration").Validates<SyncConfigurationRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapDelete("/{name}", DeleteAsync).WithName("DeleteSyncConfiguration").ProducesProblem(StatusCodes.Status404NotFound);
        return admin;
    }

    private static async Task<Ok<SyncConfigurationList>> ListAsync(SyncConfigurationRepository repository, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SyncConfigurationList((await repository.ListAsync(cancellationToken)).Select(c => c.ToResponse()).ToList()));

    private static async Task<Ok<SyncConfigurationResponse>> GetAsync(string name, SyncConfigurationRepository repository, CancellationToken cancellationToken) =>
        TypedResults.Ok((await repository.FindAsync(name, cancellationToken) ?? throw NotFound(name)).ToResponse());

    private static async Task<Results<Ok<SyncConfigurationResponse>, ValidationProblem>> PutAsync(
        string name, SyncConfigurationRequest request, SyncConfigurationRepository repository, FieldMappingChecker mappings,
        AdminAudit audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!SafeName().IsMatch(name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["name"] = ["Must be 1-63 characters: lower-case letters, digits and '-', starting with a letter or digit."],
            });
        }

        var configuration = request.ToDomain(name);
        if (configuration.Active
            && (await repository.FindActiveOwnersAsync(configuration.Users, name, cancellationToken)).FirstOrDefault() is { } owner)
        {
            throw new ProblemException(StatusCodes.Status409Conflict, "Mailbox already in an active configuration",
                $"{owner.Mailbox} already belongs to the active configuration '{owner.Configuration}'; a mailbox belongs to at most one.");
        }

        var mappingErrors = await mappings.CheckAsync(configuration, cancellationToken);
        if (mappingErrors.Count > 0)
        {
            return TypedResults.ValidationProblem(mappingErrors);
        }

        var before = await repository.FindAsync(name, cancellationToken);
        await repository.SaveAsync(configuration, cancellationToken);
        var saved = (await repository.FindAsync(name, cancellationToken))!.ToResponse();
        await audit.RecordAsync(user, "sync-configuration.put", $"sync-configurations/{name}", before?.ToResponse(), saved, cancellationToken);
        return TypedResults.Ok(saved);
    }

    private static async Task<NoContent> DeleteAsync(
        string name, SyncConfigurationRepository repository, AdminAudit audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var before = await repository.FindAsync(name, cancellationToken);
        if (before is null || !await repository.DeleteAsync(name, cancellationToken))
        {
            throw NotFound(name);
        }

        await audit.RecordAsync(user, "sync-configuration.delete", $"sync-configurations/{name}", before.ToResponse(), null, cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemException NotFound(string name) =>
        new(StatusCodes.Status404NotFound, "No such sync configuration", $"There is no sync configuration named '{name}'.");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex SafeName();
}
