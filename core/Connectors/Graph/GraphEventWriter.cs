using System.Globalization;
using System.Text.Json;
using OutlookCrm.Core.Connectors.Graph.Batch;
using OutlookCrm.Core.Connectors.Graph.Mapping;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>
/// Event creates, updates and deletes through <c>$batch</c>, under the rule that the sync never
/// emails anyone: bodies carry no attendees (<see cref="EventWriteBody"/>), and an update or delete
/// of an event that has attendees — which Exchange would announce to them — is refused unless
/// <see cref="GraphConnectorOptions.AllowMeetingChanges"/>. Updates and deletes are checked first
/// with one light read, which also catches a changeKey that moved since the engine read the item.
/// </summary>
internal sealed class GraphEventWriter(GraphBatchRunner batch, GraphConnectorOptions options)
{
    public const string MeetingHasAttendees = "OutlookCrmMeetingHasAttendees";

    public async Task<IReadOnlyList<WriteOutcome>> ApplyAsync(SyncScope scope, IReadOnlyList<WriteRequest<CalendarEvent>> writes, CancellationToken cancellationToken)
    {
        var outcomes = new List<WriteOutcome>(writes.Count);
        var current = await ReadCurrentAsync(scope.Mailbox, writes, cancellationToken);
        var requests = new List<BatchRequest>();
        var collection = GraphHttp.UserPath(scope.Mailbox, "events");
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (Refusal(write, current) is { } refused)
            {
                outcomes.Add(refused);
                continue;
            }

            var key = i.ToString(CultureInfo.InvariantCulture);
            requests.Add(write.Kind switch
            {
                WriteKind.Create => new BatchRequest(key, HttpMethod.Post, collection, GraphResource.Events, EventWriteBody.Build(write.Body!)),
                WriteKind.Update => new BatchRequest(key, HttpMethod.Patch, $"{collection}/{GraphHttp.Escape(write.Id!)}", GraphResource.Events, EventWriteBody.Build(write.Body!)),
                _ => new BatchRequest(key, HttpMethod.Delete, $"{collection}/{GraphHttp.Escape(write.Id!)}", GraphResource.Events),
            });
        }

        var responses = requests.Count == 0 ? new Dictionary<string, BatchResponse>() : await batch.SendAsync(scope.Mailbox, requests, cancellationToken);
        foreach (var request in requests)
        {
            var write = writes[int.Parse(request.Id, CultureInfo.InvariantCulture)];
            outcomes.Add(GraphWriteOutcomes.From(write.Key, write.Kind, write.Id, responses[request.Id]));
        }

        return outcomes;
    }

    private WriteOutcome? Refusal(WriteRequest<CalendarEvent> write, IReadOnlyDictionary<string, BatchResponse> current)
    {
        if (write.Kind != WriteKind.Delete && write.Body is null || write.Kind != WriteKind.Create && write.Id is null)
        {
            return WriteOutcome.Failure(write.Key, new WriteError("InvalidWriteRequest", $"{write.Kind} needs {(write.Id is null ? "an id" : "a body")}.", WriteErrorKind.Item));
        }

        if (write.Kind == WriteKind.Create || !current.TryGetValue(write.Id!, out var state))
        {
            return null;
        }

        if (!state.IsSuccess)
        {
            return write.Kind == WriteKind.Delete && state.Status == 404
                ? WriteOutcome.Success(write.Key, write.Id!, "")
                : WriteOutcome.Failure(write.Key, GraphWriteErrors.From(state));
        }

        var body = state.Body!.Value;
        if (!options.AllowMeetingChanges && body.TryGetProperty("attendees", out var attendees) && attendees.ValueKind == JsonValueKind.Array && attendees.GetArrayLength() > 0)
        {
            return WriteOutcome.Failure(write.Key, new WriteError(MeetingHasAttendees,
                $"Not {(write.Kind == WriteKind.Delete ? "deleting" : "updating")} a meeting with {attendees.GetArrayLength()} attendee(s): Exchange would email them.", WriteErrorKind.Item));
        }

        var changeKey = body.TryGetProperty("changeKey", out var key) ? key.GetString() : null;
        if (write.Kind == WriteKind.Update && write.ExpectedVersion is { } expected && changeKey is not null
            && !string.Equals(EventSeriesLoader.ChangeKeyOf(expected), changeKey, StringComparison.Ordinal))
        {
            return WriteOutcome.Failure(write.Key, new WriteError("ChangeKeyMismatch", "The event changed in Outlook since it was read.", WriteErrorKind.Conflict));
        }

        return null;
    }

    private async Task<IReadOnlyDictionary<string, BatchResponse>> ReadCurrentAsync(string mailbox, IReadOnlyList<WriteRequest<CalendarEvent>> writes, CancellationToken cancellationToken)
    {
        var ids = writes.Where(w => w.Kind != WriteKind.Create && w.Id is not null).Select(w => w.Id!).Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, BatchResponse>();
        }

        var requests = ids.Select((id, i) => new BatchRequest(i.ToString(CultureInfo.InvariantCulture), HttpMethod.Get,
            GraphHttp.UserPath(mailbox, $"events/{GraphHttp.Escape(id)}?$select=id,changeKey,attendees,type"), GraphResource.Events)).ToList();
        var responses = await batch.SendAsync(mailbox, requests, cancellationToken);
        return requests.ToDictionary(r => ids[int.Parse(r.Id, CultureInfo.InvariantCulture)], r => responses[r.Id], StringComparer.Ordinal);
    }
}
