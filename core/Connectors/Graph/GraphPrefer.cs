namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>The <c>Prefer</c> values we send; several go comma-separated in one header (RFC 7240).</summary>
public static class GraphPrefer
{
    /// <summary>Sent on every call: default ids change when an item moves between folders; immutable ids don't.</summary>
    public const string ImmutableId = "IdType=\"ImmutableId\"";

    /// <summary>Event times come back in UTC, so mapping to instants never needs a Windows time zone table.</summary>
    public const string UtcTimeZone = "outlook.timezone=\"UTC\"";

    /// <summary>Event bodies come back as text: the CRM stores plain descriptions, not HTML.</summary>
    public const string TextBody = "outlook.body-content-type=\"text\"";

    public static string MaxPageSize(int size) => $"odata.maxpagesize={size}";

    public static string For(GraphResource resource, int? pageSize = null)
    {
        var values = new List<string> { ImmutableId };
        if (resource == GraphResource.Events)
        {
            values.Add(UtcTimeZone);
            values.Add(TextBody);
        }

        if (pageSize is { } size)
        {
            values.Add(MaxPageSize(size));
        }

        return string.Join(", ", values);
    }
}

public enum GraphResource { Other, Contacts, Events }
