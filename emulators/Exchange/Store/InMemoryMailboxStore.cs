using System.Collections.Concurrent;

namespace OutlookCrm.Emulators.Exchange.Store;

/// <summary>
/// The in-memory store: one lock per mailbox, a dictionary of immutable item versions per folder and
/// an index by change sequence number, so a sync page costs O(page · log n) whatever the folder size.
/// </summary>
public sealed class InMemoryMailboxStore : IMailboxStore
{
    private readonly object accountsGate = new();
    private ConcurrentDictionary<string, Mailbox> bySmtp = new(StringComparer.OrdinalIgnoreCase);
    private ConcurrentDictionary<Guid, Mailbox> byId = new();
    private ConcurrentQueue<MeetingMessage> meetingMessages = new();
    private Dictionary<string, ServiceAccount> serviceAccounts = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, AppRegistration> apps = new(StringComparer.OrdinalIgnoreCase);
    private long changeKeyCounter;

    public event Action<StoreChange>? Changed;

    public int Epoch { get; private set; } = Random.Shared.Next(1, int.MaxValue);

    public IReadOnlyList<MailboxInfo> Mailboxes => byId.Values.Select(m => m.Info).OrderBy(m => m.Smtp, StringComparer.OrdinalIgnoreCase).ToList();

    public IReadOnlyList<MeetingMessage> MeetingMessages => meetingMessages.ToArray();

    /// <summary>A fresh, opaque change key (never reused within the process).</summary>
    public string NewChangeKey()
    {
        Span<byte> bytes = stackalloc byte[14];
        bytes[0] = 0x0F;
        bytes[1] = 0x00;
        BitConverter.TryWriteBytes(bytes[2..6], Epoch);
        BitConverter.TryWriteBytes(bytes[6..], Interlocked.Increment(ref changeKeyCounter));
        return Convert.ToBase64String(bytes);
    }

    public MailboxInfo AddMailbox(string smtp, string? displayName = null, Guid? id = null)
    {
        var mailbox = bySmtp.GetOrAdd(smtp, s =>
        {
            var info = new MailboxInfo(id ?? Guid.NewGuid(), s, displayName ?? s.Split('@')[0], Guid.NewGuid(), Guid.NewGuid());
            var created = new Mailbox(info);
            byId[info.Id] = created;
            return created;
        });
        return mailbox.Info;
    }

    public MailboxInfo? FindMailbox(string smtpOrId) =>
        bySmtp.TryGetValue(smtpOrId, out var m) ? m.Info
        : Guid.TryParse(smtpOrId, out var id) ? FindMailbox(id)
        : null;

    public MailboxInfo? FindMailbox(Guid id) => byId.TryGetValue(id, out var m) ? m.Info : null;

    public T Create<T>(Guid mailbox, T item)
        where T : MailboxItem
    {
        var box = Box(mailbox);
        var folder = box.Folder(item.Folder);
        var now = DateTimeOffset.UtcNow;
        T stored;
        lock (box.Gate)
        {
            var seq = ++folder.Seq;
            stored = item with
            {
                Key = item.Key == Guid.Empty ? Guid.NewGuid() : item.Key,
                ChangeKey = NewChangeKey(),
                CreatedAt = item.CreatedAt == default ? now : item.CreatedAt,
                LastModifiedAt = now,
                CreatedSeq = seq,
                ChangeSeq = seq,
                IsDeleted = false,
            };
            if (folder.Items.ContainsKey(stored.Key))
            {
                throw new InvalidOperationException($"Item {stored.Key} exists already.");
            }

            folder.Put(stored);
            folder.BySeq[seq] = stored.Key;
            box.Locations[stored.Key] = item.Folder;
        }

        Changed?.Invoke(new StoreChange(mailbox, stored.Folder, ChangeKind.Create, stored.Key, stored.ChangeKey));
        return stored;
    }

    public MailboxItem? Get(Guid mailbox, Guid key)
    {
        if (!byId.TryGetValue(mailbox, out var box))
        {
            return null;
        }

        lock (box.Gate)
        {
            return box.Locations.TryGetValue(key, out var kind) ? box.Folder(kind).Items[key] : null;
        }
    }

    public WriteResult<T> Update<T>(Guid mailbox, Guid key, Func<T, T> change, string? expectedChangeKey = null)
        where T : MailboxItem
    {
        if (!byId.TryGetValue(mailbox, out var box))
        {
            return new WriteResult<T>(WriteStatus.NotFound, null);
        }

        WriteResult<T> result;
        lock (box.Gate)
        {
            if (!box.Locations.TryGetValue(key, out var kind) || box.Folder(kind).Items[key] is not T current || current.IsDeleted)
            {
                return new WriteResult<T>(WriteStatus.NotFound, null);
            }

            if (expectedChangeKey is not null && expectedChangeKey != current.ChangeKey)
            {
                return new WriteResult<T>(WriteStatus.Conflict, current);
            }

            var folder = box.Folder(kind);
            var changed = change(current);
            var seq = ++folder.Seq;
            var stored = changed with
            {
                Key = current.Key,
                ChangeKey = NewChangeKey(),
                CreatedAt = current.CreatedAt,
                LastModifiedAt = DateTimeOffset.UtcNow,
                CreatedSeq = current.CreatedSeq,
                ChangeSeq = seq,
                IsDeleted = false,
            };
            folder.BySeq.Remove(current.ChangeSeq);
            folder.BySeq[seq] = key;
            folder.Put(stored);
            result = new WriteResult<T>(WriteStatus.Ok, (T)stored);
        }

        Changed?.Invoke(new StoreChange(mailbox, result.Item!.Folder, ChangeKind.Update, key, result.Item.ChangeKey));
        return result;
    }

    public WriteResult<MailboxItem> Delete(Guid mailbox, Guid key, string? expectedChangeKey = null)
    {
        if (!byId.TryGetValue(mailbox, out var box))
        {
            return new WriteResult<MailboxItem>(WriteStatus.NotFound, null);
        }

        MailboxItem deleted;
        lock (box.Gate)
        {
            if (!box.Locations.TryGetValue(key, out var kind) || box.Folder(kind).Items[key] is not { IsDeleted: false } current)
            {
                return new WriteResult<MailboxItem>(WriteStatus.NotFound, null);
            }

            if (expectedChangeKey is not null && expectedChangeKey != current.ChangeKey)
            {
                return new WriteResult<MailboxItem>(WriteStatus.Conflict, current);
            }

            var folder = box.Folder(kind);
            var seq = ++folder.Seq;
            var tombstone = current with { IsDeleted = true, ChangeSeq = seq, LastModifiedAt = DateTimeOffset.UtcNow };
            folder.BySeq.Remove(current.ChangeSeq);
            folder.BySeq[seq] = key;
            folder.Put(tombstone);
            deleted = tombstone;
        }

        Changed?.Invoke(new StoreChange(mailbox, deleted.Folder, ChangeKind.Delete, key, deleted.ChangeKey));
        return new WriteResult<MailboxItem>(WriteStatus.Ok, deleted);
    }

    public IReadOnlyList<MailboxItem> List(Guid mailbox, FolderKind folder)
    {
        var box = Box(mailbox);
        lock (box.Gate)
        {
            var state = box.Folder(folder);
            var items = new List<MailboxItem>(state.Items.Count);
            foreach (var item in state.Items.Values)
            {
                if (!item.IsDeleted)
                {
                    items.Add(item);
                }
            }

            items.Sort((a, b) => a.CreatedSeq.CompareTo(b.CreatedSeq));
            return items;
        }
    }

    public IReadOnlyList<MailboxItem> FindByExtendedProperty(Guid mailbox, FolderKind folder, ExtendedPropertyKey key, string value)
    {
        var box = Box(mailbox);
        lock (box.Gate)
        {
            var state = box.Folder(folder);
            return state.ByProperty.TryGetValue((key.Canonical, value), out var keys)
                ? keys.Select(k => state.Items[k]).OrderBy(i => i.CreatedSeq).ToList()
                : [];
        }
    }

    public int Count(Guid mailbox, FolderKind folder)
    {
        var box = Box(mailbox);
        lock (box.Gate)
        {
            return box.Folder(folder).LiveCount;
        }
    }

    public long CurrentSeq(Guid mailbox, FolderKind folder)
    {
        var box = Box(mailbox);
        lock (box.Gate)
        {
            return box.Folder(folder).Seq;
        }
    }

    public long OldestValidSeq(Guid mailbox, FolderKind folder)
    {
        var box = Box(mailbox);
        lock (box.Gate)
        {
            return box.Folder(folder).OldestValidSeq;
        }
    }

    public void ExpireTokens(Guid mailbox, FolderKind folder)
    {
        var box = Box(mailbox);
        lock (box.Gate)
        {
            var state = box.Folder(folder);
            // A fresh sequence number that no token holds yet; tokens at or below the old head expire.
            state.Seq++;
            state.OldestValidSeq = state.Seq;
        }
    }

    public ChangePage Changes(Guid mailbox, FolderKind folder, long afterSeq, int max)
    {
        var box = Box(mailbox);
        lock (box.Gate)
        {
            var state = box.Folder(folder);
            var changes = new List<ItemChange>(Math.Min(max, 1024));
            var next = afterSeq;
            var more = false;
            foreach (var seq in state.BySeq.After(afterSeq))
            {
                var key = state.BySeq[seq];
                var item = state.Items[key];
                var kind = item.IsDeleted ? ChangeKind.Delete : item.CreatedSeq > afterSeq ? ChangeKind.Create : ChangeKind.Update;
                if (kind == ChangeKind.Delete && item.CreatedSeq > afterSeq)
                {
                    // Created and deleted since the caller's state: the caller never saw it.
                    next = seq;
                    continue;
                }

                if (changes.Count == max)
                {
                    more = true;
                    break;
                }

                changes.Add(new ItemChange(kind, item));
                next = seq;
            }

            if (!more)
            {
                next = Math.Max(next, state.Seq);
            }

            return new ChangePage(changes, next, more);
        }
    }

    public void RecordMeetingMessage(MeetingMessage message) => meetingMessages.Enqueue(message);

    public void AddServiceAccount(ServiceAccount account)
    {
        lock (accountsGate) { serviceAccounts[account.Username] = account; }
    }

    public ServiceAccount? FindServiceAccount(string username)
    {
        lock (accountsGate) { return serviceAccounts.GetValueOrDefault(username); }
    }

    public void AddApp(AppRegistration app)
    {
        lock (accountsGate) { apps[app.ClientId] = app; }
    }

    public AppRegistration? FindApp(string clientId)
    {
        lock (accountsGate) { return apps.GetValueOrDefault(clientId); }
    }

    public void Reset()
    {
        lock (accountsGate)
        {
            bySmtp = new(StringComparer.OrdinalIgnoreCase);
            byId = new();
            meetingMessages = new();
            serviceAccounts = new(StringComparer.OrdinalIgnoreCase);
            apps = new(StringComparer.OrdinalIgnoreCase);
            Epoch = Random.Shared.Next(1, int.MaxValue);
        }
    }

    private Mailbox Box(Guid mailbox) =>
        byId.TryGetValue(mailbox, out var box) ? box : throw new KeyNotFoundException($"No mailbox {mailbox}.");

    private sealed class Mailbox(MailboxInfo info)
    {
        public MailboxInfo Info { get; } = info;
        public object Gate { get; } = new();
        public FolderState Calendar { get; } = new();
        public FolderState Contacts { get; } = new();
        public Dictionary<Guid, FolderKind> Locations { get; } = [];

        public FolderState Folder(FolderKind kind) => kind == FolderKind.Calendar ? Calendar : Contacts;
    }

    private sealed class FolderState
    {
        public Dictionary<Guid, MailboxItem> Items { get; } = [];

        /// <summary>Live items by extended property (canonical key + value): the partner-id lookups a sync makes before each create.</summary>
        public Dictionary<(string Key, string Value), HashSet<Guid>> ByProperty { get; } = [];

        public int LiveCount { get; private set; }

        public void Put(MailboxItem item)
        {
            LiveCount += item.IsDeleted ? 0 : 1;
            if (Items.TryGetValue(item.Key, out var previous) && !previous.IsDeleted)
            {
                LiveCount--;
                foreach (var (key, property) in previous.ExtendedProperties)
                {
                    if (ByProperty.TryGetValue((key, property.Value), out var keys))
                    {
                        keys.Remove(item.Key);
                    }
                }
            }

            Items[item.Key] = item;
            if (!item.IsDeleted)
            {
                foreach (var (key, property) in item.ExtendedProperties)
                {
                    if (!ByProperty.TryGetValue((key, property.Value), out var keys))
                    {
                        ByProperty[(key, property.Value)] = keys = [];
                    }

                    keys.Add(item.Key);
                }
            }
        }
        public SeqIndex BySeq { get; } = new();
        public long Seq { get; set; }
        public long OldestValidSeq { get; set; }
    }
}
