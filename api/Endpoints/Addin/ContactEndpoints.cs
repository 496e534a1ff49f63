using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using OutlookCrm.Api.Addin;
using OutlookCrm.Api.Problems;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Api.Endpoints.Addin;

public static class ContactEndpoints
{
    /// <summary><c>POST /api/addin/contacts</c>: a contact (or lead) owned by the caller's CRM user.</summary>
    public static RouteGroupBuilder MapContacts(this RouteGroupBuilder addin)
    {
        addin.MapPost("/contacts", CreateAsync).Validates<CreateContactRequest>();
        return addin;
    }

    private static async Task<Created<LookupEndpoints.PersonRecord>> CreateAsync(
        CreateContactRequest request, ClaimsPrincipal user, IConnectorSource connectors, CrmUserResolver users, LookupCache cache, CancellationToken cancellationToken)
    {
        var crm = await connectors.CrmAsync(cancellationToken);
        var me = await users.ResolveAsync(user, crm, cancellationToken);
        var person = await crm.CreatePersonAsync(
            new NewCrmPerson(request.Email!.Trim(), request.FirstName?.Trim(), request.LastName!.Trim(), request.Title, request.AccountId,
                request.AsLead, request.Company, me.Id),
            cancellationToken);
        cache.Forget(me.Mailbox, request.Email!);
        return TypedResults.Created(person.Url ?? $"/api/addin/contacts/{person.Id}", LookupEndpoints.PersonRecord.From(person));
    }
}
