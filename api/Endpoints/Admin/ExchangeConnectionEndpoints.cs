using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OutlookCrm.Api.Admin;
using OutlookCrm.Api.Admin.Connections;
using OutlookCrm.Api.Problems;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Api.Endpoints.Admin;

public static class ExchangeConnectionEndpoints
{
    /// <summary><c>/api/admin/connections/exchange</c>: the Exchange connection (secrets masked) and its test.</summary>
    public static RouteGroupBuilder MapExchangeConnection(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/connections/exchange");
        group.MapGet("/", GetAsync).WithName("GetExchangeConnection").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/", PutAsync).WithName("PutExchangeConnection").Validates<ExchangeConnection>();
        group.MapPost("/test", TestAsync).WithName("TestExchangeConnection").Validates<ExchangeTestRequest>().ProducesProblem(StatusCodes.Status404NotFound);
        return admin;
    }

    private static async Task<Ok<ExchangeConnection>> GetAsync(StoredConnections connections, CancellationToken cancellationToken) =>
        TypedResults.Ok((await FindAsync(connections, cancellationToken)).Masked());

    private static async Task<Ok<ExchangeConnection>> PutAsync(
        ExchangeConnection connection, StoredConnections connections, AdminAudit audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var saved = await connections.SaveAsync(connection, AdminAudit.Actor(user), cancellationToken);
        var masked = saved.Connection.Masked();
        await audit.RecordAsync(user, "connection.put", "connections/exchange", saved.Before?.Masked(), masked, cancellationToken);
        return TypedResults.Ok(masked);
    }

    private static async Task<Ok<ConnectionTestResponse>> TestAsync(
        ExchangeTestRequest request, StoredConnections connections, IMailboxConnectorFactory factory, CancellationToken cancellationToken)
    {
        var connection = await FindAsync(connections, cancellationToken);
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

    private static async Task<ExchangeConnection> FindAsync(StoredConnections connections, CancellationToken cancellationToken) =>
        await connections.FindAsync<ExchangeConnection>(cancellationToken)
        ?? throw new ProblemException(StatusCodes.Status404NotFound, "No Exchange connection", "PUT /api/admin/connections/exchange first.");
}
