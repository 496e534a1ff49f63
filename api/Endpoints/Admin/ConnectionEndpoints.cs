using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Api.Admin;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Api.Admin.Crm;
using OutlookCrm.Api.Problems;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Api.Endpoints.Admin;

public static class ConnectionEndpoints
{
    /// <summary>
    /// <c>/api/admin/connections/exchange</c> and <c>/api/admin/connections/crm</c>: each connection
    /// read and saved the same way (secrets masked), and tested its own way.
    /// </summary>
    public static RouteGroupBuilder MapConnections(this RouteGroupBuilder admin)
    {
        admin.MapConnection<ExchangeConnection>().MapPost("/test", TestExchangeAsync).WithName("TestExchangeConnection")
            .Validates<ExchangeTestRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapConnection<CrmConnection>().MapPost("/test", TestCrmAsync).WithName("TestCrmConnection")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return admin;
    }

    /// <summary>GET and PUT of <c>/connections/{kind}</c> (operations <c>GetCrmConnection</c>, <c>PutCrmConnection</c>...); returns the kind's group.</summary>
    private static RouteGroupBuilder MapConnection<T>(this RouteGroupBuilder admin) where T : class, ISecretConnection<T>
    {
        var group = admin.MapGroup($"/connections/{T.Kind}");
        group.MapGet("/", GetAsync<T>).WithName($"Get{typeof(T).Name}").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/", PutAsync<T>).WithName($"Put{typeof(T).Name}").Validates<T>();
        return group;
    }

    private static async Task<Ok<T>> GetAsync<T>(StoredConnections connections, CancellationToken cancellationToken) where T : class, ISecretConnection<T> =>
        TypedResults.Ok((await FindAsync<T>(connections, cancellationToken)).Masked());

    private static async Task<Ok<T>> PutAsync<T>(
        T connection, StoredConnections connections, AdminAudit audit, ClaimsPrincipal user, CancellationToken cancellationToken) where T : class, ISecretConnection<T>
    {
        var saved = await connections.SaveAsync(connection, AdminAudit.Actor(user), cancellationToken);
        var masked = saved.Connection.Masked();
        await audit.RecordAsync(user, "connection.put", $"connections/{T.Kind}", saved.Before?.Masked(), masked, cancellationToken);
        return TypedResults.Ok(masked);
    }

    private static async Task<T> FindAsync<T>(StoredConnections connections, CancellationToken cancellationToken) where T : class, ISecretConnection<T> =>
        await connections.FindAsync<T>(cancellationToken)
        ?? throw new ProblemException(StatusCodes.Status404NotFound, $"No {T.Title} connection", $"PUT /api/admin/connections/{T.Kind} first.");

    private static async Task<Ok<ConnectionTestResponse>> TestExchangeAsync(
        ExchangeTestRequest request, StoredConnections connections, IMailboxConnectorFactory factory, CancellationToken cancellationToken)
    {
        var connection = await FindAsync<ExchangeConnection>(connections, cancellationToken);
        IMailboxConnector connector;
        try
        {
            connector = factory.Create(connection);
        }
        catch (ArgumentException exception)
        {
            // Settings that cannot even build a connector fail the first step, with the reason.
            return TypedResults.Ok(new ConnectionTestResponse(false,
            [
                new("authenticate", false, "InvalidConnectionSettings", exception.Message, "Correct the Exchange connection and save it again.", 0),
                new(connection.Type == "graph" ? "mailboxAccess" : "impersonate", false, null, null, null, null), new("calendar", false, null, null, null, null), new("contacts", false, null, null, null, null),
            ], 0));
        }

        var result = await connector.TestAsync(request.Mailbox!.Trim(), cancellationToken);
        return TypedResults.Ok(ConnectionTestResponse.From(result));
    }

    private static async Task<Ok<ConnectionTestResponse>> TestCrmAsync(StoredConnections connections, ICrmConnectionTester tester, CancellationToken cancellationToken)
    {
        var connection = await FindAsync<CrmConnection>(connections, cancellationToken);
        var outcome = await tester.TestAsync(connection, cancellationToken);
        return TypedResults.Ok(ConnectionTestResponse.From(outcome.Result) with { Limits = new CrmLimits(outcome.DailyApiRequests) });
    }
}
