using System.Text.Json.Nodes;
using OutlookCrm.Emulators.Exchange.Store;

namespace OutlookCrm.Emulators.Exchange.Graph;

/// <summary>
/// <c>POST /users/{id|upn}/translateExchangeIds</c> (user: translateExchangeIds): <c>{"inputIds":[…],
/// "sourceIdType","targetIdType"}</c> with at most 1,000 ids of one format and one mailbox, answered
/// with one <c>convertIdResult</c> per id, in order: <c>{"sourceId","targetId"}</c>, or
/// <c>{"sourceId","errorDetails":{"code","message"}}</c> for an id that is malformed, of another
/// format or not an item of this mailbox. The formats: <c>restId</c> and <c>ewsId</c> are the
/// default id (URL-safe and standard base64), <c>restImmutableEntryId</c> the immutable one, and the
/// binary <c>entryId</c>/<c>immutableEntryId</c> URL-safe base64 without padding plus a digit telling
/// how many <c>=</c> were dropped. An app-only caller needs <c>User.Read.All</c> or
/// <c>User.ReadWrite.All</c>, the application permissions the API reference listed; its current
/// version lists none (403 <c>ErrorAccessDenied</c> then, as here without those roles).
/// </summary>
internal sealed class GraphTranslateIds(IMailboxStore store)
{
    public const int MaxIds = 1000;
    private static readonly string[] Formats = ["entryId", "ewsId", "immutableEntryId", "restId", "restImmutableEntryId"];

    public GraphResult Translate(GraphCall call, MailboxInfo box)
    {
        if (!call.Caller.HasRole("User.Read.All") && !call.Caller.HasRole("User.ReadWrite.All"))
        {
            return GraphErrors.Error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.", call.ClientRequestId);
        }

        if (call.Body is not JsonObject body || body["inputIds"] is not JsonArray inputs || inputs.Any(i => i?.GetValueKind() != System.Text.Json.JsonValueKind.String))
        {
            return GraphErrors.BadRequest(call, "The parameter 'inputIds' is missing or is not a collection of strings.", "BadRequest");
        }

        if (inputs.Count is 0 or > MaxIds)
        {
            return GraphErrors.BadRequest(call, $"The parameter 'inputIds' must hold between 1 and {MaxIds} identifiers.", "ErrorInvalidRequest");
        }

        var (source, target) = (Format(body, "sourceIdType"), Format(body, "targetIdType"));
        if (source is null || target is null)
        {
            var name = source is null ? "sourceIdType" : "targetIdType";
            return GraphErrors.BadRequest(call, $"Cannot convert the literal '{GraphJson.String(body[name])}' to the expected type 'microsoft.graph.exchangeIdFormat'.", "RequestBodyRead");
        }

        var results = inputs.Select(i => (JsonNode?)Convert(box, (string)i!, source, target)).ToArray();
        return new GraphResult(200, new JsonObject
        {
            ["@odata.context"] = $"{call.BaseUrl}/v1.0/$metadata#Collection(microsoft.graph.convertIdResult)",
            ["value"] = new JsonArray(results),
        });
    }

    private static string? Format(JsonObject body, string name) =>
        GraphJson.String(body[name]) is { } value ? Formats.FirstOrDefault(f => f.Equals(value, StringComparison.OrdinalIgnoreCase)) : null;

    private JsonObject Convert(MailboxInfo box, string sourceId, string source, string target)
    {
        if (Decode(sourceId, source) is not { } id)
        {
            return Failed(sourceId, "ErrorInvalidIdMalformed", "Id is malformed.");
        }

        if (id.Mailbox != box.Id || store.Get(box.Id, id.Item) is not { IsDeleted: false })
        {
            return Failed(sourceId, "ErrorItemNotFound", "The specified object was not found in the store.");
        }

        return new JsonObject { ["sourceId"] = sourceId, ["targetId"] = Encode(id, target) };
    }

    private static JsonObject Failed(string sourceId, string code, string message) =>
        new() { ["sourceId"] = sourceId, ["errorDetails"] = new JsonObject { ["code"] = code, ["message"] = message } };

    /// <summary>The item the id names, when it is well formed and of the stated format (an occurrence id has one form only).</summary>
    private static ItemId? Decode(string text, string format)
    {
        var base64 = IsBinary(format) ? Unpad(text) : text;
        if (base64 is null || !ItemId.TryParse(base64, out var id) || id.Kind == ItemIdKind.Folder)
        {
            return null;
        }

        var urlSafe = format != "ewsId";
        if (base64.IndexOfAny(urlSafe ? ['+', '/'] : ['-', '_']) >= 0)
        {
            return null;
        }

        var immutable = format is "restImmutableEntryId" or "immutableEntryId";
        return id.Kind == ItemIdKind.Occurrence || id.Kind == (immutable ? ItemIdKind.Item : ItemIdKind.RestItem) ? id : null;
    }

    private static string Encode(ItemId id, string format)
    {
        var immutable = format is "restImmutableEntryId" or "immutableEntryId";
        var target = id.Kind == ItemIdKind.Occurrence ? id : id with { Kind = immutable ? ItemIdKind.Item : ItemIdKind.RestItem };
        if (format == "ewsId")
        {
            return target.ToEws();
        }

        var rest = target.ToGraph();
        if (!IsBinary(format))
        {
            return rest;
        }

        var trimmed = rest.TrimEnd('=');
        return trimmed + (rest.Length - trimmed.Length).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsBinary(string format) => format is "entryId" or "immutableEntryId";

    /// <summary>The binary formats' text back to padded base64: the last character says how many <c>=</c> were dropped.</summary>
    private static string? Unpad(string text) =>
        text.Length > 1 && text[^1] is >= '0' and <= '2' ? text[..^1] + new string('=', text[^1] - '0') : null;
}
