using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using OutlookCrm.Api.Problems;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Api.Addin;

/// <summary>The CRM user the add-in acts for: the token's user (mailbox email) matched to an active CRM User.</summary>
public sealed record CrmUser(string Mailbox, string Id);

public sealed class CrmUserResolver(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public Task<CrmUser> ResolveAsync(ClaimsPrincipal principal, ICrmConnector crm, CancellationToken cancellationToken) =>
        ResolveAsync(principal, () => Task.FromResult(crm), cancellationToken);

    /// <summary>As above, asking <paramref name="crm"/> for the connector only when the user is not cached.</summary>
    public async Task<CrmUser> ResolveAsync(ClaimsPrincipal principal, Func<Task<ICrmConnector>> crm, CancellationToken cancellationToken)
    {
        var mailbox = MailboxOf(principal);
        var id = await cache.GetOrCreateAsync($"crm-user|{mailbox}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return await (await crm()).FindUserIdByEmailAsync(mailbox, cancellationToken);
        });
        return id is null
            ? throw new ProblemException(StatusCodes.Status403Forbidden, "Not a CRM user", $"No active CRM user has the email address {mailbox}. Ask an admin to add it to your CRM user record.")
            : new CrmUser(mailbox, id);
    }

    /// <summary>The token's user (preferred_username or upn), lower-cased: the mailbox the add-in acts in.</summary>
    public static string MailboxOf(ClaimsPrincipal principal)
    {
        var mailbox = principal.Identity?.Name?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(mailbox) || !mailbox.Contains('@', StringComparison.Ordinal)
            ? throw new ProblemException(StatusCodes.Status403Forbidden, "No mailbox", "The token names no user (preferred_username or upn).")
            : mailbox;
    }
}
