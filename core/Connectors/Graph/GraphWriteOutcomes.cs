using System.Text.Json;
using OutlookCrm.Core.Connectors.Graph.Batch;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>One <see cref="WriteOutcome"/> per sub-response: the item's id and new changeKey, or Graph's error.</summary>
internal static class GraphWriteOutcomes
{
    public static WriteOutcome From(string key, WriteKind kind, string? id, BatchResponse response)
    {
        // Deleting what is already gone reaches the state the engine asked for.
        if (kind == WriteKind.Delete && (response.IsSuccess || response.Status == 404))
        {
            return WriteOutcome.Success(key, id ?? "", "");
        }

        if (!response.IsSuccess)
        {
            return WriteOutcome.Failure(key, GraphWriteErrors.From(response));
        }

        var newId = Text(response.Body, "id") ?? id;
        return newId is null
            ? WriteOutcome.Failure(key, new WriteError("MissingId", "Graph confirmed the write without the item's id.", WriteErrorKind.Transient))
            : WriteOutcome.Success(key, newId, Text(response.Body, "changeKey") ?? "");
    }

    private static string? Text(JsonElement? body, string name) =>
        body is { ValueKind: JsonValueKind.Object } element && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
