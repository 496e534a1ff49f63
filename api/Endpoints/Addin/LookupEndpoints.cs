using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using OutlookCrm.Api.Addin;
using OutlookCrm.Api.Problems;
using OutlookCrm.Core.Sync.Ports;
using OutlookCrm.Core.Sync.Running;

namespace OutlookCrm.Api.Endpoints.Addin;

public static class LookupEndpoints
{
    /// <summary><c>POST /api/addin/lookup</c>: every address's contacts/leads, account and open opportunities; one CRM round trip for the uncached ones.</summary>
    public static RouteGroupBuilder MapLookup(this RouteGroupBuilder addin)
    {
        addin.MapPost("/lookup", LookupAsync).Validates<LookupRequest>();
        return addin;
    }

    private static async Task<Ok<LookupResponse>> LookupAsync(
        LookupRequest request, ClaimsPrincipal user, IConnectorSource connectors, CrmUserResolver users, LookupCache cache, CancellationToken cancellationToken)
    {
        // The connector costs a store read and a decryption (it follows the admin's changes to the
        // connection), so it is fetched only when the CRM must be asked: a cached lookup touches
        // neither the store nor the CRM.
        ICrmConnector? crm = null;
        async Task<ICrmConnector> Crm() => crm ??= await connectors.CrmAsync(cancellationToken);
        var me = await users.ResolveAsync(user, Crm, cancellationToken);
        var matches = await cache.LookupAsync(me.Mailbox, request.Emails!, async missing => await (await Crm()).LookupByEmailsAsync(missing, cancellationToken));
        return TypedResults.Ok(new LookupResponse(matches.Select(LookupMatch.From).ToList()));
    }

    public sealed record LookupResponse(IReadOnlyList<LookupMatch> Matches);

    public sealed record LookupMatch(string Email, IReadOnlyList<PersonRecord> Records, IReadOnlyList<OpportunityRecord> Opportunities)
    {
        public static LookupMatch From(CrmEmailMatch match) => new(
            match.Email,
            match.Records.Select(PersonRecord.From).ToList(),
            match.Opportunities.Select(o => new OpportunityRecord(o.Id, o.Name, o.Stage, o.CloseDate)).ToList());
    }

    public sealed record PersonRecord(string Type, string Id, string Name, string? Email, string? Title, string? Phone, AccountRecord? Account, string? Company, string? Url)
    {
        public static PersonRecord From(CrmPerson p) =>
            new(p.Type, p.Id, p.Name, p.Email, p.Title, p.Phone, p.Account is { } a ? new AccountRecord(a.Id, a.Name) : null, p.Company, p.Url);
    }

    public sealed record AccountRecord(string Id, string Name);

    public sealed record OpportunityRecord(string Id, string Name, string? Stage, DateOnly? CloseDate);
}
