namespace OutlookCrm.Emulators.Salesforce.Api;

/// <summary>Names a Salesforce call for the journal and fault rules (<c>sf.query</c>, <c>sf.sobject.create</c>, …).</summary>
public static class SalesforceRoutes
{
    public const int MinVersion = 31;
    public const int MaxVersion = 66;

    public static string Classify(string method, string path)
    {
        if (path.StartsWith("/services/oauth2/", StringComparison.OrdinalIgnoreCase))
        {
            return path.EndsWith("/authorize", StringComparison.OrdinalIgnoreCase) ? "sf.authorize"
                : path.EndsWith("/userinfo", StringComparison.OrdinalIgnoreCase) ? "sf.identity" : "sf.token";
        }

        if (path.StartsWith("/id/", StringComparison.Ordinal))
        {
            return "sf.identity";
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || !string.Equals(segments[0], "services", StringComparison.OrdinalIgnoreCase) || segments[1] != "data")
        {
            return "sf.other";
        }

        if (segments.Length == 2)
        {
            return "sf.versions";
        }

        var rest = segments[3..];
        return rest switch
        {
            [] => "sf.resources",
            ["limits", ..] => "sf.limits",
            ["query", ..] => "sf.query",
            ["queryAll", ..] => "sf.queryAll",
            ["search", ..] => "sf.search",
            ["composite"] => "sf.composite",
            ["composite", "sobjects", ..] => method switch
            {
                "POST" when rest.Length == 2 => "sf.collections.create",
                "PATCH" when rest.Length == 2 => "sf.collections.update",
                "PATCH" => "sf.collections.upsert",
                "DELETE" => "sf.collections.delete",
                _ => "sf.collections.retrieve",
            },
            ["sobjects"] => "sf.describe",
            ["sobjects", _] => method == "POST" ? "sf.sobject.create" : "sf.describe",
            ["sobjects", _, "describe", ..] => "sf.describe",
            ["sobjects", _, "updated", ..] => "sf.updated",
            ["sobjects", _, "deleted", ..] => "sf.deleted",
            ["sobjects", _, _] => SObjectOperation(method, upsert: false),
            ["sobjects", _, _, _] => SObjectOperation(method, upsert: true),
            _ => "sf.other",
        };
    }

    private static string SObjectOperation(string method, bool upsert) => method switch
    {
        "GET" => "sf.sobject.get",
        "PATCH" => upsert ? "sf.sobject.upsert" : "sf.sobject.update",
        "DELETE" => "sf.sobject.delete",
        _ => "sf.other",
    };

    public static string Label(int major)
    {
        var k = major - 62;
        var season = ((k % 3) + 3) % 3;
        var year = 25 + (int)Math.Floor(k / 3.0);
        return $"{(season switch { 0 => "Winter", 1 => "Spring", _ => "Summer" })} '{year:00}";
    }
}
