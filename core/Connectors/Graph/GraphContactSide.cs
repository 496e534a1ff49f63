using System.Globalization;
using System.Runtime.CompilerServices;
using OutlookCrm.Core.Connectors.Graph.Batch;
using OutlookCrm.Core.Connectors.Graph.Dtos;
using OutlookCrm.Core.Connectors.Graph.Mapping;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>
/// A mailbox's contacts through Graph: <c>contacts/delta</c> for changes (bodies included, so the
/// engine needn't read them again), <c>$batch</c> for reads and writes. Version = changeKey. Delta
/// can't expand our partner-id property, so changed contacts come without it; the engine asks for
/// the stamps only when they can matter (<see cref="IPartnerStampReader{T}"/>).
/// </summary>
public sealed class GraphContactSide : ISyncSide<Contact>, IPartnerStampReader<Contact>
{
    private readonly GraphHttp http;
    private readonly GraphBatchRunner batch;
    private readonly GraphConnectorOptions options;
    private readonly DeltaReader delta;
    private readonly PartnerStamps stamps;

    public GraphContactSide(GraphHttp http, GraphBatchRunner batch, GraphConnectorOptions options)
    {
        this.http = http;
        this.batch = batch;
        this.options = options;
        delta = new DeltaReader(http);
        stamps = new PartnerStamps(http, batch, options);
    }

    public async IAsyncEnumerable<ChangePage<Contact>> ReadChangesAsync(
        SyncScope scope, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Graph's v1.0 reference lists delta per contact folder; contacts/delta is the default folder's.
        var initial = GraphHttp.UserPath(scope.Mailbox, "contacts/delta");
        await foreach (var page in delta.ReadAsync<ContactDto>(scope.Mailbox, initial, cursor, "graph.contacts.delta", GraphResource.Contacts, options.PageSize, cancellationToken))
        {
            var items = page.Items.Where(i => i.Removed is null)
                .Select(dto => new ChangedItem<Contact>(dto.Id, dto.ChangeKey ?? "", ContactMapper.ToDomain(dto)))
                .ToList();
            var deleted = page.Items.Where(i => i.Removed is not null).Select(i => i.Id).ToList();
            yield return new ChangePage<Contact>(items, deleted, page.Cursor, page.IsFullScan, page.IsLast) { FullScanReason = page.FullScanReason };
        }
    }

    public Task<IReadOnlyDictionary<string, string>> ReadPartnerIdsAsync(SyncScope scope, IReadOnlyList<string> ids, int itemsOnSide, CancellationToken cancellationToken) =>
        stamps.ReadOrListAsync(scope.Mailbox, "contacts", GraphResource.Contacts, ids, itemsOnSide, cancellationToken);

    public async Task<IReadOnlyList<Versioned<Contact>>> ReadAsync(SyncScope scope, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var requests = ids.Distinct().Select((id, i) => new BatchRequest(
            Key(i), HttpMethod.Get, GraphHttp.UserPath(scope.Mailbox, $"contacts/{GraphHttp.Escape(id)}?{ExtendedProperties.ExpandQuery}"), GraphResource.Contacts)).ToList();
        if (requests.Count == 0)
        {
            return [];
        }

        var responses = await batch.SendAsync(scope.Mailbox, requests, cancellationToken);
        var found = new List<Versioned<Contact>>();
        foreach (var request in requests)
        {
            var response = responses[request.Id];
            if (response.Status == 404)
            {
                continue; // missing ids are left out
            }

            if (!response.IsSuccess || response.Body is not { } body)
            {
                throw response.ToException();
            }

            var dto = GraphJson.Read<ContactDto>(body);
            found.Add(new Versioned<Contact>(dto.Id, dto.ChangeKey ?? "", ContactMapper.ToDomain(dto)));
        }

        return found;
    }

    public async Task<IReadOnlyList<WriteOutcome>> ApplyAsync(SyncScope scope, IReadOnlyList<WriteRequest<Contact>> writes, CancellationToken cancellationToken)
    {
        var outcomes = new List<WriteOutcome>(writes.Count);
        var requests = new List<BatchRequest>();
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var collection = GraphHttp.UserPath(scope.Mailbox, "contacts");
            BatchRequest? request = write.Kind switch
            {
                WriteKind.Create when write.Body is not null => new(Key(i), HttpMethod.Post, collection, GraphResource.Contacts, ContactMapper.ToWriteBody(write.Body)),
                WriteKind.Update when write.Body is not null && write.Id is not null => new(Key(i), HttpMethod.Patch, $"{collection}/{GraphHttp.Escape(write.Id)}", GraphResource.Contacts, ContactMapper.ToWriteBody(write.Body)),
                WriteKind.Delete when write.Id is not null => new(Key(i), HttpMethod.Delete, $"{collection}/{GraphHttp.Escape(write.Id)}", GraphResource.Contacts),
                _ => null,
            };
            if (request is null)
            {
                outcomes.Add(WriteOutcome.Failure(write.Key, new WriteError("InvalidWriteRequest", $"{write.Kind} needs {(write.Kind == WriteKind.Create ? "a body" : "an id")}.", WriteErrorKind.Item)));
            }
            else
            {
                requests.Add(request);
            }
        }

        var responses = requests.Count == 0 ? new Dictionary<string, BatchResponse>() : await batch.SendAsync(scope.Mailbox, requests, cancellationToken);
        foreach (var request in requests)
        {
            var write = writes[int.Parse(request.Id, CultureInfo.InvariantCulture)];
            outcomes.Add(GraphWriteOutcomes.From(write.Key, write.Kind, write.Id, responses[request.Id]));
        }

        return outcomes;
    }

    private static string Key(int index) => index.ToString(CultureInfo.InvariantCulture);
}
