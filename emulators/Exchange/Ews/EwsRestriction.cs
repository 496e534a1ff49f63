using System.Xml.Linq;
using OutlookCrm.Emulators.Exchange.Store;
using static OutlookCrm.Emulators.Exchange.Ews.EwsXml;

namespace OutlookCrm.Emulators.Exchange.Ews;

/// <summary>
/// The FindItem Restriction subset the emulator evaluates: IsEqualTo (an extended property, a few
/// item/contact fields, an indexed e-mail address) combined with And / Or / Not. Anything else is
/// refused with ErrorUnsupportedPathForQuery rather than ignored.
/// </summary>
internal static class EwsRestriction
{
    public static Func<MailboxItem, bool>? Parse(XElement? restriction, out EwsError? error)
    {
        error = null;
        var root = restriction?.Elements().FirstOrDefault();
        return root is null ? (_ => true) : Node(root, ref error);
    }

    private static Func<MailboxItem, bool>? Node(XElement node, ref EwsError? error)
    {
        switch (node.Name.LocalName)
        {
            case "And" or "Or":
            {
                var parts = new List<Func<MailboxItem, bool>>();
                foreach (var child in node.Elements())
                {
                    if (Node(child, ref error) is not { } part)
                    {
                        return null;
                    }

                    parts.Add(part);
                }

                return node.Name.LocalName == "And" ? item => parts.All(p => p(item)) : item => parts.Any(p => p(item));
            }

            case "Not":
                return node.Elements().FirstOrDefault() is { } inner && Node(inner, ref error) is { } negated ? item => !negated(item) : null;
            case "IsEqualTo":
            {
                var path = node.Elements().FirstOrDefault();
                var value = node.Element(T + "FieldURIOrConstant")?.Element(T + "Constant")?.Attribute("Value")?.Value;
                var read = path is null ? null : Reader(path);
                if (read is null || value is null)
                {
                    error = new EwsError("ErrorUnsupportedPathForQuery", "The property path is not supported for restrictions in this emulator.");
                    return null;
                }

                return item => read(item).Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
            }

            default:
                error = new EwsError("ErrorUnsupportedQueryFilter", $"The restriction '{node.Name.LocalName}' is not supported in this emulator.");
                return null;
        }
    }

    private static Func<MailboxItem, IEnumerable<string?>>? Reader(XElement path)
    {
        if (path.Name == T + "ExtendedFieldURI")
        {
            var key = EwsItemReader.ExtendedKey(path);
            return key is null ? null : item => [item.ExtendedProperties.TryGetValue(key.Canonical, out var p) ? p.Value : null];
        }

        var field = path.Attribute("FieldURI")?.Value;
        var index = path.Attribute("FieldIndex")?.Value;
        return field switch
        {
            "item:Subject" => item => [item is EventItem e ? e.Subject : item is ContactItem c ? c.EffectiveDisplayName : null],
            "contacts:GivenName" => item => [(item as ContactItem)?.GivenName],
            "contacts:Surname" => item => [(item as ContactItem)?.Surname],
            "contacts:CompanyName" => item => [(item as ContactItem)?.CompanyName],
            "contacts:EmailAddress" when index is "EmailAddress1" or "EmailAddress2" or "EmailAddress3" =>
                item => [(item as ContactItem)?.EmailAddresses[index[^1] - '1']?.Address],
            "calendar:UID" => item => [(item as EventItem)?.ICalUId],
            _ => null,
        };
    }
}
