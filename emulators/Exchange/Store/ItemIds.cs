namespace OutlookCrm.Emulators.Exchange.Store;

public enum ItemIdKind : byte
{
    /// <summary>An immutable id (<c>Prefer: IdType="ImmutableId"</c>).</summary>
    Item = 0x49,

    /// <summary>The default (REST/EWS) id of the same item; it would change if the item moved folders.</summary>
    RestItem = 0x52,
    Occurrence = 0x4F,
    Folder = 0x46,
}

/// <summary>
/// Exchange-style opaque ids: base64 of a small binary record (kind, mailbox, item, occurrence
/// original start). EWS uses standard base64; Graph the URL-safe variant (<c>/</c>→<c>-</c>,
/// <c>+</c>→<c>_</c>) — the same conversion the real services use. Ids are immutable.
/// </summary>
public readonly record struct ItemId(ItemIdKind Kind, Guid Mailbox, Guid Item, DateTime OriginalStartUtc = default)
{
    private const byte Version = 0x01;

    public string ToEws() => Convert.ToBase64String(ToBytes());

    public string ToGraph() => ToEws().Replace('/', '-').Replace('+', '_');

    public static bool TryParse(string? text, out ItemId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[150];
        if (!Convert.TryFromBase64String(text.Replace('-', '/').Replace('_', '+'), bytes, out var length))
        {
            return false;
        }

        if (length < 35 || bytes[0] != 0x00 || bytes[1] != Version)
        {
            return false;
        }

        var kind = (ItemIdKind)bytes[2];
        var mailbox = new Guid(bytes.Slice(3, 16));
        var item = new Guid(bytes.Slice(19, 16));
        switch (kind)
        {
            case ItemIdKind.Item or ItemIdKind.RestItem or ItemIdKind.Folder when length == 35:
                id = new ItemId(kind, mailbox, item);
                return true;
            case ItemIdKind.Occurrence when length == 43:
                var ticks = BitConverter.ToInt64(bytes.Slice(35, 8));
                if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
                {
                    return false;
                }

                id = new ItemId(kind, mailbox, item, new DateTime(ticks, DateTimeKind.Utc));
                return true;
            default:
                return false;
        }
    }

    private byte[] ToBytes()
    {
        var bytes = new byte[Kind == ItemIdKind.Occurrence ? 43 : 35];
        bytes[0] = 0x00;
        bytes[1] = Version;
        bytes[2] = (byte)Kind;
        Mailbox.TryWriteBytes(bytes.AsSpan(3, 16));
        Item.TryWriteBytes(bytes.AsSpan(19, 16));
        if (Kind == ItemIdKind.Occurrence)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(35, 8), OriginalStartUtc.Ticks);
        }

        return bytes;
    }
}
