using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OutlookCrm.Emulators.Exchange.Store;

/// <summary>
/// The state behind an EWS SyncState or a Graph skip/delta token: mailbox, folder, store epoch,
/// the sequence number to resume after, an offset inside the item at that number (calendar views
/// expand one master into many instances) and, for calendarView delta, the window. Opaque to
/// clients and signed, so an edited token is refused like an expired one.
/// </summary>
public sealed record ChangeToken(string Front, Guid Mailbox, FolderKind Folder, int Epoch, long Seq, int Offset = 0,
    DateTime? WindowStart = null, DateTime? WindowEnd = null, string? Select = null)
{
    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(32);

    public string Encode()
    {
        var text = string.Join('|', Front, Mailbox.ToString("N"), (int)Folder, Epoch, Seq, Offset,
            WindowStart?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "", WindowEnd?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Select ?? "")));
        var body = Encoding.UTF8.GetBytes(text);
        var mac = HMACSHA256.HashData(Secret, body).AsSpan(0, 12);
        return Convert.ToBase64String([.. body, .. mac]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static ChangeToken? TryDecode(string? token, string front)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 4096)
        {
            return null;
        }

        try
        {
            var s = token.Trim().Replace('-', '+').Replace('_', '/');
            var bytes = Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
            if (bytes.Length <= 12)
            {
                return null;
            }

            var body = bytes.AsSpan(0, bytes.Length - 12);
            if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Secret, body).AsSpan(0, 12), bytes.AsSpan(bytes.Length - 12)))
            {
                return null;
            }

            var p = Encoding.UTF8.GetString(body).Split('|');
            if (p.Length != 9 || p[0] != front)
            {
                return null;
            }

            var c = CultureInfo.InvariantCulture;
            return new ChangeToken(p[0], Guid.ParseExact(p[1], "N"), (FolderKind)int.Parse(p[2], c), int.Parse(p[3], c), long.Parse(p[4], c),
                int.Parse(p[5], c),
                p[6] == "" ? null : new DateTime(long.Parse(p[6], c), DateTimeKind.Utc),
                p[7] == "" ? null : new DateTime(long.Parse(p[7], c), DateTimeKind.Utc),
                Encoding.UTF8.GetString(Convert.FromBase64String(p[8])) is { Length: > 0 } select ? select : null);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>True when the token belongs to this mailbox/folder and the store still serves changes after its sequence number.</summary>
    public bool IsCurrent(IMailboxStore store, Guid mailbox, FolderKind folder) =>
        Mailbox == mailbox && Folder == folder && Epoch == store.Epoch && Seq >= store.OldestValidSeq(mailbox, folder)
        && Seq <= store.CurrentSeq(mailbox, folder);
}
