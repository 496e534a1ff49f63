using Microsoft.Extensions.Caching.Memory;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Api.Addin;

/// <summary>
/// A short per-user cache of lookups, so reopening the pane on the same meeting answers at once. A
/// user's own create drops that address, so the new record shows up immediately, and a new CRM
/// connection drops every entry (they describe the CRM before it).
/// </summary>
public sealed class LookupCache(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private long generation;

    public async Task<IReadOnlyList<CrmEmailMatch>> LookupAsync(
        string user, IReadOnlyList<string> emails, Func<IReadOnlyList<string>, Task<IReadOnlyList<CrmEmailMatch>>> fetch)
    {
        var wanted = emails.Select(e => e.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var found = new Dictionary<string, CrmEmailMatch>(StringComparer.OrdinalIgnoreCase);
        foreach (var email in wanted)
        {
            if (cache.TryGetValue(Key(user, email), out CrmEmailMatch? hit) && hit is not null)
            {
                found[email] = hit;
            }
        }

        var missing = wanted.Where(e => !found.ContainsKey(e)).ToList();
        if (missing.Count > 0)
        {
            var fetched = (await fetch(missing)).ToDictionary(m => m.Email, StringComparer.OrdinalIgnoreCase);
            foreach (var email in missing)
            {
                var match = fetched.GetValueOrDefault(email) ?? new CrmEmailMatch(email, [], []);
                cache.Set(Key(user, email), match, Lifetime);
                found[email] = match;
            }
        }

        return wanted.Select(e => found[e] with { Email = e }).ToList();
    }

    public void Forget(string user, string email) => cache.Remove(Key(user, email.Trim()));

    /// <summary>Every entry is stale (the CRM connection changed): later lookups ask the CRM again; old entries expire unread.</summary>
    public void ForgetAll() => Interlocked.Increment(ref generation);

    private string Key(string user, string email) => $"lookup|{Interlocked.Read(ref generation)}|{user}|{email.ToLowerInvariant()}";
}
