using System.Net;
using OutlookCrm.Core.Connectors.Ews.Mapping;
using OutlookCrm.Core.Connectors.Ews.Operations;
using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Ews;

/// <summary>
/// Applies writes in batches (creates, then updates, then deletes), one outcome per request. When
/// Exchange stays busy, the rest of the writes come back Transient with its back-off instead of
/// being attempted: the engine stops the run and resumes later.
/// </summary>
public sealed class EwsWriter<T>(EwsSoapClient client, IEwsItemMapper<T> mapper, int batchSize) where T : class
{
    public async Task<IReadOnlyList<WriteOutcome>> ApplyAsync(string mailbox, IReadOnlyList<WriteRequest<T>> writes, CancellationToken cancellationToken)
    {
        var outcomes = new List<WriteOutcome>(writes.Count);
        var valid = new List<WriteRequest<T>>();
        foreach (var write in writes)
        {
            if (Invalid(write) is { } reason)
            {
                outcomes.Add(WriteOutcome.Failure(write.Key, new WriteError("InvalidWriteRequest", reason, WriteErrorKind.Item)));
            }
            else
            {
                valid.Add(write);
            }
        }

        var batches = valid.GroupBy(w => w.Kind).OrderBy(g => g.Key).SelectMany(g => g.Chunk(batchSize)).ToList();
        for (var n = 0; n < batches.Count; n++)
        {
            try
            {
                outcomes.AddRange(await ApplyBatchAsync(mailbox, batches[n], cancellationToken));
            }
            catch (EwsException ex) when (ex is EwsServerBusyException || ex.Status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                // Exchange did not act on this batch; the rest would meet the same refusal.
                var error = new WriteError(ex.Code, ex.Message, WriteErrorKind.Transient, (ex as EwsServerBusyException)?.BackOff);
                outcomes.AddRange(batches.Skip(n).SelectMany(b => b).Select(w => WriteOutcome.Failure(w.Key, error)));
                break;
            }
        }

        return outcomes;
    }

    private async Task<IEnumerable<WriteOutcome>> ApplyBatchAsync(string mailbox, WriteRequest<T>[] batch, CancellationToken cancellationToken)
    {
        IReadOnlyList<EwsResponseMessage> messages = batch[0].Kind switch
        {
            WriteKind.Create => await new CreateItemOperation(client).ExecuteAsync(
                mapper.FolderId, batch.Select(w => mapper.ToNewItem(w.Body!)).ToList(), mailbox, cancellationToken),
            WriteKind.Update => await new UpdateItemOperation(client).ExecuteAsync(
                batch.Select(w => UpdateItemOperation.ItemChange(w.Id!, w.ExpectedVersion, mapper.ToUpdates(w.Body!))).ToList(), mailbox, cancellationToken),
            _ => await new DeleteItemOperation(client).ExecuteAsync(batch.Select(w => w.Id!).ToList(), mailbox, cancellationToken),
        };
        return batch.Select((w, i) => EwsWriteResult.ToOutcome(w.Key, w.Id, messages[i]));
    }

    private static string? Invalid(WriteRequest<T> write) => write.Kind switch
    {
        WriteKind.Create when write.Body is null => "A create needs a body.",
        WriteKind.Update when write.Body is null || string.IsNullOrEmpty(write.Id) => "An update needs an id and a body.",
        WriteKind.Delete when string.IsNullOrEmpty(write.Id) => "A delete needs an id.",
        _ => null,
    };
}
