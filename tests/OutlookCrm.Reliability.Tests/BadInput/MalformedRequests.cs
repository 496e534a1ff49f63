using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing.Patterns;
using OutlookCrm.Reliability.Tests.Support;

namespace OutlookCrm.Reliability.Tests.BadInput;

/// <summary>One request to send: where, what, and which kind of bad input it carries.</summary>
public sealed record Probe(ApiEndpoint Endpoint, string Method, string Path, string? ContentType, string? Body, string What)
{
    public override string ToString() => $"{Method} {Path} [{What}]{(Body is null ? "" : $" {Excerpt(Body)}")}";

    private static string Excerpt(string text) => text.Length > 120 ? text[..120] + $"… ({text.Length} chars)" : text;
}

/// <summary>
/// Malformed requests for an endpoint, generated from what it declares (route parameters, query
/// parameters, body type) and from a well-formed example, each differing from a valid call in one
/// place: hostile path values, query values of the wrong type, unparsable or wrong-shaped JSON, wrong
/// content types, huge bodies, and every body field given the wrong JSON kind, an injection, an invalid
/// email or an unknown enum value. Sampled with a seeded random, so the same requests every run.
/// </summary>
public sealed class MalformedRequests(Random random, ApiWorld world)
{
    private const int PathValuesPerParameter = 10;

    /// <summary>The well-formed call the malformed ones differ from.</summary>
    public Probe WellFormed(ApiEndpoint endpoint) =>
        Json(endpoint, PathWith(endpoint.Route, _ => null), endpoint.BodyType is { } type ? BodyExamples.For(type, world) : null, "well-formed");

    public IEnumerable<Probe> For(ApiEndpoint endpoint)
    {
        var body = endpoint.BodyType is { } type ? BodyExamples.For(type, world) : null;
        var path = PathWith(endpoint.Route, _ => null);
        foreach (var parameter in endpoint.Route.Parameters)
        {
            // A NUL in a path never reaches the app: the in-process test server refuses to send it (Kestrel answers 400 itself).
            var values = HostileValues.Injections.Concat([new string('x', 5_000), "%2F..%2F", " ", "\t"]).Where(v => !v.Contains('\0'));
            foreach (var value in Sample(values, PathValuesPerParameter))
            {
                yield return Json(endpoint, PathWith(endpoint.Route, p => p == parameter.Name ? value : null), body, $"path {parameter.Name}");
            }
        }

        foreach (var (name, _) in endpoint.Query)
        {
            foreach (var value in new[] { "abc", "-1", "0", "99999999999999999999", "1.5", "", "%00" }.Concat(Sample(HostileValues.Injections, 3)))
            {
                yield return Json(endpoint, $"{path}?{name}={Uri.EscapeDataString(value)}", body, $"query {name}");
            }
        }

        if (body is null)
        {
            yield return new Probe(endpoint, endpoint.Method, path + "?" + new string('q', 3_000) + "=1", null, null, "long query string");
            yield break;
        }

        foreach (var text in HostileValues.MalformedJson)
        {
            yield return new Probe(endpoint, endpoint.Method, path, "application/json", text, "malformed JSON");
        }

        foreach (var (contentType, text) in HostileValues.WrongContentTypes)
        {
            yield return new Probe(endpoint, endpoint.Method, path, contentType, text, "wrong content type");
        }

        yield return new Probe(endpoint, endpoint.Method, path, null, null, "no body");
        yield return Json(endpoint, path, Mutate(body, StringFields(body).FirstOrDefault(), JsonValue.Create(new string('h', 3_000_000))), "huge field");
        yield return Json(endpoint, path, new JsonArray(Enumerable.Range(0, 100_000).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()), "huge array");
        foreach (var (what, mutated) in FieldMutations(body))
        {
            yield return Json(endpoint, path, mutated, what);
        }
    }

    /// <summary>
    /// Every field of the example (nested ones and list items too) as each of a set of JSON kinds (null,
    /// numbers, a boolean, a string, an array, an object: mostly the wrong kind for it), and as an
    /// injection, an invalid email and an unknown enum value (one of each, drawn).
    /// </summary>
    private IEnumerable<(string What, JsonNode? Body)> FieldMutations(JsonNode body)
    {
        foreach (var field in Fields(body))
        {
            foreach (var kind in HostileValues.JsonKinds)
            {
                yield return ($"{field} as {kind}", Mutate(body, field, JsonNode.Parse(kind)));
            }

            foreach (var text in Sample(HostileValues.Injections, 1).Concat(Sample(HostileValues.InvalidEmails, 1)).Concat(Sample(HostileValues.UnknownEnums, 1)))
            {
                yield return ($"{field} as text", Mutate(body, field, JsonValue.Create(text)));
            }
        }
    }

    private static Probe Json(ApiEndpoint endpoint, string path, JsonNode? body, string what) =>
        new(endpoint, endpoint.Method, path, body is null ? null : "application/json", body?.ToJsonString(), what);

    private static string PathWith(RoutePattern route, Func<string, string?> hostile) =>
        "/" + string.Join('/', route.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => Uri.EscapeDataString(hostile(parameter.Name) ?? BodyExamples.PathValue(parameter.Name)),
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    /// <summary>JSON paths of the example's leaves, e.g. <c>auth.clientId</c>, <c>emails[0]</c>.</summary>
    private static IEnumerable<string> Fields(JsonNode? node, string prefix = "") => node switch
    {
        JsonObject obj => obj.SelectMany(kv => new[] { Join(prefix, kv.Key) }.Concat(kv.Value is JsonObject or JsonArray ? Fields(kv.Value, Join(prefix, kv.Key)) : [])),
        JsonArray array when array.Count > 0 => new[] { $"{prefix}[0]" }.Concat(array[0] is JsonObject or JsonArray ? Fields(array[0], $"{prefix}[0]") : []),
        _ => [],
    };

    private static IEnumerable<string> StringFields(JsonNode body) =>
        Fields(body).Where(f => Find(body, f) is JsonValue v && v.TryGetValue<string>(out _));

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    /// <summary>A copy of <paramref name="body"/> with <paramref name="field"/> replaced (the whole body when there is no such field).</summary>
    private static JsonNode? Mutate(JsonNode body, string? field, JsonNode? value)
    {
        if (field is null)
        {
            return value;
        }

        var copy = body.DeepClone();
        var steps = Steps(field);
        var parent = steps[..^1].Aggregate((JsonNode?)copy, Step);
        if (steps[^1].StartsWith('['))
        {
            parent!.AsArray()[Index(steps[^1])] = value;
        }
        else
        {
            parent!.AsObject()[steps[^1]] = value;
        }

        return copy;
    }

    private static JsonNode? Find(JsonNode node, string field) => Steps(field).Aggregate((JsonNode?)node, Step);

    private static JsonNode? Step(JsonNode? node, string step) => step.StartsWith('[') ? node?[Index(step)] : node?[step];

    private static string[] Steps(string field) => field.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);

    private static int Index(string step) => int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture);

    private List<T> Sample<T>(IEnumerable<T> items, int count) => items.OrderBy(_ => random.Next()).Take(count).ToList();
}
