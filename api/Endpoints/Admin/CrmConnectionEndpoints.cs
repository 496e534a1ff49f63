using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Api.Addin;
using OutlookCrm.Api.Admin;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Api.Admin.Crm;
using OutlookCrm.Api.Problems;

namespace OutlookCrm.Api.Endpoints.Admin;

public static class CrmConnectionEndpoints
{
    /// <summary><c>/api/admin/connections/crm</c>: the CRM connection (secrets masked) and its test.</summary>
    public static RouteGroupBuilder MapCrmConnection(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/connections/crm");
        group.MapGet("/", GetAsync).WithName("GetCrmConnection").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/", PutAsync).WithName("PutCrmConnection").Validates<CrmConnection>();
        group.MapPost("/test", TestAsync).WithName("TestCrmConnection")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return admin;
    }

    private static async Task<Ok<CrmConnection>> GetAsync(StoredConnections connections, CancellationToken cancellationToken) =>
        TypedResults.Ok((await FindAsync(connections, cancellationToken)).Masked());

    private static async Task<Ok<CrmConnection>> PutAsync(
        CrmConnection connection, StoredConnections connections, AdminAudit audit, LookupCache lookups, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var saved = await connections.SaveAsync(connection, AdminAudit.Actor(user), cancellationToken);
        lookups.ForgetAll(); // the add-in's cached lookups describe the CRM before this change
        var masked = saved.Connection.Masked();
        await audit.RecordAsync(user, "connection.put", "connections/crm", saved.Before?.Masked(), masked, cancellationToken);
        return TypedResults.Ok(masked);
    }

    private static async Task<Ok<ConnectionTestResponse>> TestAsync(StoredConnections connections, ICrmConnectionTester tester, CancellationToken cancellationToken)
    {
        var connection = await FindAsync(connections, cancellationToken);
        var outcome = await tester.TestAsync(connection, cancellationToken);
        return TypedResults.Ok(ConnectionTestResponse.From(outcome.Result) with { Limits = new CrmLimits(outcome.DailyApiRequests) });
    }

    private static async Task<CrmConnection> FindAsync(StoredConnections connections, CancellationToken cancellationToken) =>
        await connections.FindAsync<CrmConnection>(cancellationToken)
        ?? throw new ProblemException(StatusCodes.Status404NotFound, "No CRM connection", "PUT /api/admin/connections/crm first.");
}
