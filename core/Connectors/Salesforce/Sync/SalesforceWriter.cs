using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce.Http;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Write;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Sync;

/// <summary>
/// Applies the engine's writes with sObject Collections (200 per call, one outcome per record).
/// Creates that carry a partner id are upserts by the external-id field when the org has it, so a
/// create repeated after a crash updates instead of duplicating. Save results carry no version
/// (SystemModstamp), so successes report an empty one: the sync's next read of changes returns the
/// records just written, with their versions and fields, and the engine recognises its own writes
/// by content (one query page per 2,000 records instead of a read-back query per 200). A transient
/// failure (API limit spent) fails the rest of the batch without calling, so the engine can stop
/// the run. Records that failed on a record lock
/// (<c>UNABLE_TO_LOCK_ROW</c>: nothing was written) are sent again, a bounded number of times.
/// </summary>
internal sealed class SalesforceWriter<T>(SalesforceApi api, IRecordMapper<T> mapper, SyncScope scope) where T : class
{
    private readonly List<WriteOutcome> outcomes = [];
    private WriteError? stop;

    public async Task<IReadOnlyList<WriteOutcome>> ApplyAsync(IReadOnlyList<WriteRequest<T>> writes, CancellationToken cancellationToken)
    {
        var creates = writes.Where(w => w.Kind == WriteKind.Create && w.Body is not null).ToList();
        var upserts = mapper.ExternalIdField is null ? [] : creates.Where(w => mapper.PartnerIdOf(w.Body!) is not null).ToList();
        var updates = writes.Where(w => w.Kind == WriteKind.Update && w.Body is not null && CheckId(w)).ToList();
        var deletes = writes.Where(w => w.Kind == WriteKind.Delete && CheckId(w)).ToList();
        foreach (var w in writes.Where(w => w.Kind != WriteKind.Delete && w.Body is null))
        {
            outcomes.Add(WriteOutcome.Failure(w.Key, new WriteError("MISSING_BODY", "a create or update needs a body", WriteErrorKind.Item)));
        }

        foreach (var chunk in SObjectCollectionsClient.Chunks(upserts))
        {
            await RunAsync(chunk, c => api.Collections.UpsertAsync(mapper.SObject, mapper.ExternalIdField!, c.Select(NewRecord).ToList(), cancellationToken), false, cancellationToken);
        }

        foreach (var chunk in SObjectCollectionsClient.Chunks(creates.Except(upserts)))
        {
            await RunAsync(chunk, c => api.Collections.CreateAsync(mapper.SObject, c.Select(NewRecord).ToList(), cancellationToken), false, cancellationToken);
        }

        foreach (var chunk in SObjectCollectionsClient.Chunks(updates))
        {
            await RunAsync(chunk, c => api.Collections.UpdateAsync(mapper.SObject, c.Select(UpdatedRecord).ToList(), cancellationToken), false, cancellationToken);
        }

        foreach (var chunk in SObjectCollectionsClient.Chunks(deletes))
        {
            await RunAsync(chunk, c => api.Collections.DeleteAsync(c.Select(w => w.Id!).ToList(), cancellationToken), true, cancellationToken);
        }

        return outcomes;
    }

    private async Task RunAsync(
        WriteRequest<T>[] chunk, Func<WriteRequest<T>[], Task<IReadOnlyList<SaveResult>>> call, bool isDelete, CancellationToken cancellationToken)
    {
        for (var round = 0; chunk.Length > 0; round++)
        {
            if (stop is not null)
            {
                outcomes.AddRange(chunk.Select(w => WriteOutcome.Failure(w.Key, stop)));
                return;
            }

            IReadOnlyList<SaveResult> results;
            try
            {
                results = await call(chunk);
            }
            catch (SalesforceException ex) when (ex is not SalesforceAuthException)
            {
                var error = SalesforceErrorCodes.ToWriteError(ex.ErrorCode, ex.SalesforceMessage);
                stop = error.Kind == WriteErrorKind.Transient ? error : null;
                outcomes.AddRange(chunk.Select(w => WriteOutcome.Failure(w.Key, error)));
                return;
            }

            var locked = new List<WriteRequest<T>>();
            foreach (var (write, result) in chunk.Zip(results))
            {
                var code = result.Errors?.FirstOrDefault()?.StatusCode;
                if (!result.Success && code == SalesforceErrorCodes.UnableToLockRow && round < api.Retry.MaxRetries)
                {
                    locked.Add(write);
                }
                else
                {
                    Record(write, result, isDelete);
                }
            }

            chunk = [.. locked];
            if (chunk.Length > 0)
            {
                await Task.Delay(api.Retry.DelayFor(round), api.Clock, cancellationToken);
            }
        }
    }

    private void Record(WriteRequest<T> write, SaveResult result, bool isDelete)
    {
        if (!result.Success || (result.Id is null && !isDelete))
        {
            var first = result.Errors?.FirstOrDefault();
            var message = first is null ? "" : first.Message + (first.Fields is { Count: > 0 } f ? $" (fields: {string.Join(", ", f)})" : "");
            outcomes.Add(WriteOutcome.Failure(write.Key, SalesforceErrorCodes.ToWriteError(first?.StatusCode ?? SalesforceErrorCodes.Unknown, message)));
        }
        else
        {
            outcomes.Add(WriteOutcome.Success(write.Key, isDelete ? write.Id! : result.Id!, ""));
        }
    }

    private JsonObject NewRecord(WriteRequest<T> write)
    {
        var record = mapper.Write(write.Body!);
        record.Put("OwnerId", ContactMapper.OwnerOf(scope));
        if (mapper.ExternalIdField is { } field && mapper.PartnerIdOf(write.Body!) is { } partnerId)
        {
            record.Put(field, partnerId);
        }

        return record;
    }

    private JsonObject UpdatedRecord(WriteRequest<T> write)
    {
        var record = mapper.Write(write.Body!);
        record.Put("id", write.Id);
        return record;
    }

    private bool CheckId(WriteRequest<T> write)
    {
        if (SalesforceId.IsValid(write.Id))
        {
            return true;
        }

        outcomes.Add(WriteOutcome.Failure(write.Key, new WriteError("MALFORMED_ID", $"'{write.Id}' is not a Salesforce id", WriteErrorKind.Item)));
        return false;
    }
}
