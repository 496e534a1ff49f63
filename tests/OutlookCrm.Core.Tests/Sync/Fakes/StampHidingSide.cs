using System.Runtime.CompilerServices;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Sync.Fakes;

/// <summary>
/// Contacts the way Graph serves them: the partner id the sync stamps on what it creates is stored,
/// but changes and reads come without it (delta can't expand it); only <see cref="ReadPartnerIdsAsync"/>
/// returns it, and counts the calls.
/// </summary>
public sealed class StampHidingSide(InMemorySide<Contact> inner, bool stampsReadable = true) : ISyncSide<Contact>, IPartnerStampReader<Contact>
{
    public int StampReads { get; private set; }

    public async IAsyncEnumerable<ChangePage<Contact>> ReadChangesAsync(SyncScope scope, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in inner.ReadChangesAsync(scope, cursor, cancellationToken))
        {
            yield return page with { Changed = page.Changed.Select(c => c with { Body = c.Body is null ? null : c.Body with { PartnerId = null } }).ToList() };
        }
    }

    public async Task<IReadOnlyList<Versioned<Contact>>> ReadAsync(SyncScope scope, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        (await inner.ReadAsync(scope, ids, cancellationToken)).Select(v => v with { Body = v.Body with { PartnerId = null } }).ToList();

    public Task<IReadOnlyList<WriteOutcome>> ApplyAsync(SyncScope scope, IReadOnlyList<WriteRequest<Contact>> writes, CancellationToken cancellationToken) =>
        inner.ApplyAsync(scope, writes, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> ReadPartnerIdsAsync(SyncScope scope, IReadOnlyList<string> ids, int itemsOnSide, CancellationToken cancellationToken)
    {
        StampReads++;
        IReadOnlyDictionary<string, string> stamps = stampsReadable
            ? inner.Live.Where(c => ids.Contains(c.Id) && c.Body.PartnerId is not null).ToDictionary(c => c.Id, c => c.Body.PartnerId!)
            : new Dictionary<string, string>();
        return Task.FromResult(stamps);
    }
}
