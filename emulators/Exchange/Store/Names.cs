using System.Globalization;

namespace OutlookCrm.Emulators.Exchange.Store;

/// <summary>Enum ↔ Graph's camelCase names (showAs, sensitivity, response, pattern and range types).</summary>
public static class Names
{
    public static string Camel<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    public static T Parse<T>(string? text, T fallback)
        where T : struct, Enum => TryParse<T>(text, out var v) ? v : fallback;

    /// <summary>A local date-time in <paramref name="zone"/>, or an instant when the text carries Z or an offset.</summary>
    public static bool TryParseLocal(string? text, TimeZoneInfo zone, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (HasOffset(text))
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            {
                return false;
            }

            utc = instant.UtcDateTime;
            return true;
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        utc = TimeZones.ToUtc(local, zone);
        return true;
    }

    private static bool HasOffset(string text)
    {
        var t = text.Trim();
        if (t.EndsWith('Z') || t.EndsWith('z'))
        {
            return true;
        }

        var timeAt = t.IndexOf('T');
        return timeAt > 0 && (t.IndexOf('+', timeAt) > 0 || t.IndexOf('-', timeAt) > 0);
    }
}
