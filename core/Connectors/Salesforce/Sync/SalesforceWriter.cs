using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce.Http;
using OutlookCrm.Core.Connectors.Salesforce.Mapping;
using OutlookCrm.Core.Connectors.Salesforce.Write;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Sync;

/// <summary>
/// Applies the engine's writes with sObject Collections (200 per call, one outcome per record).
/// Creates that carry a partner id are upserts by the external-id field when the org has it, so a
/// create repeated after a crash updates instead of duplicating. The <see cref="IRecordSet{T}"/>
/// finishes the saved records (an event's occurrences and EventRelations). Save results carry no
/// version (SystemModstamp), and a plain record is not read back: its success reports an empty
/// version, the sync's next read of changes returns it with its version and fields, and the engine
/// recognises its own write (one query page per 2,000 records instead of a read-back query per 200).
/// Only what the record set folds or moves after the save (a series) is read back. A series is
/// deleted whole. A transient failure (API limit spent) fails the rest of the batch without calling,
/// so the engine can stop the run. Records that failed on a record lock (<c>UNABLE_TO_LOCK_ROW</c>:
/// nothing was written) are sent again, a bounded number of times.
/// </summary>
internal sealed class SalesforceWriter<T>(SalesforceApi api, IRecordMapper<T> mapper, IRecordSet<T> recordSet, SyncScope scope) where T : class
{
    private readonly List<WriteOutcome> outcomes = [];
    private readonly List<SavedWrite<T>> saved = [];
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

        var whole = await WholeDeletesAsync(deletes, cancellationToken);
        foreach (var write in deletes.Where(w => whole.Contains(w.Id!)))
        {
            await RunAsync([write], c => DeleteWholeAsync(c[0].Id!, cancellationToken), true, cancellationToken);
        }

        foreach (var chunk in SObjectCollectionsClient.Chunks(deletes.Where(w => !whole.Contains(w.Id!))))
        {
            await RunAsync(chunk, c => api.Collections.DeleteAsync(c.Select(w => w.Id!).ToList(), cancellationToken), true, cancellationToken);
        }

        if (saved.Count > 0)
        {
            outcomes.AddRange(await recordSet.FinishAsync(scope, saved, cancellationToken));
        }

        return outcomes;
    }

    /// <summary>Which deletes take a whole series. If Salesforce cannot say, the deletes fail with its error (the writes before them stand).</summary>
    private async Task<IReadOnlySet<string>> WholeDeletesAsync(List<WriteRequest<T>> deletes, CancellationToken cancellationToken)
    {
        if (deletes.Count == 0)
        {
            return new HashSet<string>();
        }

        try
        {
            return await recordSet.WholeDeletesAsync(deletes.Select(w => w.Id!).ToList(), cancellationToken);
        }
        catch (SalesforceException ex) when (ex is not SalesforceAuthException)
        {
            var error = SalesforceErrorCodes.ToWriteError(ex.ErrorCode, ex.SalesforceMessage);
            stop ??= error.Kind == WriteErrorKind.Transient ? error : null;
            outcomes.AddRange(deletes.Select(w => WriteOutcome.Failure(w.Key, error)));
            deletes.Clear();
            return new HashSet<string>();
        }
    }

    /// <summary>A series goes with its first occurrence's <c>fromThisEventOnwards</c>; a plain delete would leave the others.</summary>
    private async Task<IReadOnlyList<SaveResult>> DeleteWholeAsync(string id, CancellationToken cancellationToken)
    {
        await api.SObjects.DeleteFromThisEventOnwardsAsync(id, cancellationToken);
        return [new SaveResult(id, true, [])];
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
        else if (isDelete)
        {
            outcomes.Add(WriteOutcome.Success(write.Key, write.Id!, ""));
        }
        else
        {
            saved.Add(new SavedWrite<T>(write, result.Id!));
        }
    }

    private JsonObject NewRecord(WriteRequest<T> write)
    {
        var record = mapper.Write(write.Body!, creating: true);
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
