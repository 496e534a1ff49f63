using System.Globalization;

namespace OutlookCrm.Emulators.Exchange.Store;

/// <summary>
/// A MAPI property name: a named property (property set GUID + name or numeric id) or a plain tag,
/// with its type. Graph writes it as <c>String {guid} Name X</c> / <c>String 0x3A45</c>; EWS as
/// ExtendedFieldURI attributes. Both map to one canonical key.
/// </summary>
public sealed record ExtendedPropertyKey(string Type, Guid? PropertySet, string? Name, int? Id, int? Tag)
{
    private static readonly Dictionary<string, Guid> DistinguishedSets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Meeting"] = new("6ED8DA90-450B-101B-98DA-00AA003F1305"),
        ["Appointment"] = new("00062002-0000-0000-C000-000000000046"),
        ["Common"] = new("00062008-0000-0000-C000-000000000046"),
        ["PublicStrings"] = new("00020329-0000-0000-C000-000000000046"),
        ["Address"] = new("00062004-0000-0000-C000-000000000046"),
        ["InternetHeaders"] = new("00020386-0000-0000-C000-000000000046"),
        ["CalendarAssistant"] = new("11000E07-B51B-40D6-AF21-CAA85EDAB1D0"),
        ["UnifiedMessaging"] = new("4442858E-A9E3-4E80-B900-317A210CC15B"),
        ["Task"] = new("00062003-0000-0000-C000-000000000046"),
        ["Sharing"] = new("00062040-0000-0000-C000-000000000046"),
    };

    public string Canonical => Tag is { } tag
        ? $"tag:0x{tag:x4}"
        : Name is not null ? $"{PropertySet:D}|name|{Name}" : $"{PropertySet:D}|id|{Id}";

    /// <summary>Graph's id form, e.g. <c>String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color</c>.</summary>
    public string GraphId => Tag is { } tag
        ? $"{Type} 0x{tag:x4}"
        : Name is not null ? $"{Type} {{{PropertySet:D}}} Name {Name}" : $"{Type} {{{PropertySet:D}}} Id 0x{Id:x4}";

    public static bool TryParseGraphId(string text, out ExtendedPropertyKey key)
    {
        key = null!;
        var parts = text.Trim().Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && TryParseNumber(parts[1], out var tag))
        {
            key = new ExtendedPropertyKey(parts[0], null, null, null, tag);
            return true;
        }

        if (parts.Length != 4 || !Guid.TryParse(parts[1].Trim('{', '}'), out var set))
        {
            return false;
        }

        if (parts[2].Equals("Name", StringComparison.OrdinalIgnoreCase))
        {
            key = new ExtendedPropertyKey(parts[0], set, parts[3], null, null);
            return true;
        }

        if (parts[2].Equals("Id", StringComparison.OrdinalIgnoreCase) && TryParseNumber(parts[3], out var id))
        {
            key = new ExtendedPropertyKey(parts[0], set, null, id, null);
            return true;
        }

        return false;
    }

    /// <summary>From EWS ExtendedFieldURI attributes; null when the combination is not valid.</summary>
    public static ExtendedPropertyKey? FromEws(string? distinguishedSet, string? setId, string? tag, string? name, string? id, string? type)
    {
        type ??= "String";
        if (tag is not null)
        {
            return TryParseNumber(tag, out var t) && distinguishedSet is null && setId is null && name is null
                ? new ExtendedPropertyKey(type, null, null, null, t)
                : null;
        }

        Guid? set = null;
        if (distinguishedSet is not null && DistinguishedSets.TryGetValue(distinguishedSet, out var known))
        {
            set = known;
        }
        else if (setId is not null && Guid.TryParse(setId, out var parsed))
        {
            set = parsed;
        }

        if (set is null || (name is null) == (id is null))
        {
            return null;
        }

        if (name is not null)
        {
            return new ExtendedPropertyKey(type, set, name, null, null);
        }

        return TryParseNumber(id!, out var n) ? new ExtendedPropertyKey(type, set, null, n, null) : null;
    }

    private static bool TryParseNumber(string text, out int value) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value)
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
