using System.Text.Json;
using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Salesforce.Auth;

namespace OutlookCrm.Emulators.Salesforce.Api;

/// <summary>
/// One REST call inside <c>/services/data/vNN.N/</c>, from HTTP or from a composite subrequest.
/// <see cref="Resource"/> is the path after the version, e.g. <c>sobjects/Contact/003…</c>.
/// </summary>
public sealed record ApiRequest(string Method, string Version, string Resource, IReadOnlyDictionary<string, string> Query, JsonNode? Body, Session Session)
{
    public int? BatchSize { get; init; }

    /// <summary>Set on collections subrequests of an allOrNone composite, whose flag overrides theirs.</summary>
    public bool ForceAllOrNone { get; init; }

    public string[] Segments { get; } = Resource.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public decimal VersionNumber => decimal.Parse(Version, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// What a call answers: status, JSON body (null for 204) and an optional Location. Hot paths give a
/// <see cref="Writer"/> that streams the body instead of building a <see cref="JsonNode"/>.
/// </summary>
public sealed record ApiResult(int Status, JsonNode? Body, string? Location = null)
{
    public static ApiResult NoContent { get; } = new(204, null);

    public Action<Utf8JsonWriter>? Writer { get; init; }

    public bool HasBody => Body is not null || Writer is not null;

    /// <summary>The body as a node (composite subresponses need one to resolve references).</summary>
    public JsonNode? Materialize()
    {
        if (Body is not null || Writer is null)
        {
            return Body;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Writer(writer);
        }

        return JsonNode.Parse(buffer.ToArray());
    }
}
