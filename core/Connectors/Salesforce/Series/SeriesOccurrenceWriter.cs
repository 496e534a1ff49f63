using System.Text.Json.Nodes;
using OutlookCrm.Core.Connectors.Salesforce.Http;
using OutlookCrm.Core.Connectors.Salesforce.Sync;
using OutlookCrm.Core.Connectors.Salesforce.Write;
using OutlookCrm.Core.Domain;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Series;

/// <summary>
/// After a batch's series are saved (Salesforce made their occurrence Events): moves and deletes the
/// occurrences the Exchange series has moved and cancelled, in one query plus one sObject
/// Collections call per 200 deletes and per 200 moves for the whole batch. What cannot be written is
/// a loss of that series, never a failure: the series itself is written.
/// </summary>
internal sealed class SeriesOccurrenceWriter(SalesforceApi api, SeriesQueries series, string? externalIdField)
{
    public async Task ApplyAsync(
        SyncScope scope, IReadOnlyList<SavedWrite<CalendarEvent>> saved, Dictionary<string, List<string>> losses, CancellationToken cancellationToken)
    {
        if (saved.Count == 0)
        {
            return;
        }

        var deletes = new List<(string Key, string Id)>();
        var updates = new List<(string Key, JsonObject Record)>();
        try
        {
            var layouts = await series.LoadAsync(scope, saved.Select(s => s.Request.Body!.Start), cancellationToken);
            foreach (var write in saved)
            {
                var layout = layouts.FirstOrDefault(l => l.Records.Any(r => r.Id == write.Id));
                if (layout is null)
                {
                    losses[write.Request.Key].Add("Salesforce made no occurrences for this series; its moved and cancelled occurrences are not written");
                    continue;
                }

                var plan = SeriesPlan.For(write.Request.Body!, layout, externalIdField);
                deletes.AddRange(plan.Deletes.Select(id => (write.Request.Key, id)));
                updates.AddRange(plan.Updates.Select(record => (write.Request.Key, record)));
                losses[write.Request.Key].AddRange(plan.Losses);
            }

            foreach (var chunk in SObjectCollectionsClient.Chunks(deletes))
            {
                Report(chunk.Select(d => d.Key), await api.Collections.DeleteAsync(chunk.Select(d => d.Id).ToList(), cancellationToken), "cancelled", losses);
            }

            foreach (var chunk in SObjectCollectionsClient.Chunks(updates))
            {
                Report(chunk.Select(u => u.Key), await api.Collections.UpdateAsync("Event", chunk.Select(u => u.Record).ToList(), cancellationToken), "moved", losses);
            }
        }
        catch (SalesforceException ex) when (ex is not SalesforceAuthException)
        {
            foreach (var write in saved)
            {
                losses[write.Request.Key].Add($"the moved and cancelled occurrences of this series were not written ({ex.ErrorCode}: {ex.SalesforceMessage})");
            }
        }
    }

    private static void Report(IEnumerable<string> keys, IReadOnlyList<SaveResult> results, string what, Dictionary<string, List<string>> losses)
    {
        foreach (var (key, result) in keys.Zip(results).Where(p => !p.Second.Success))
        {
            var error = result.Errors?.FirstOrDefault();
            losses[key].Add($"an occurrence could not be {what} on Salesforce ({error?.StatusCode}: {error?.Message})");
        }
    }
}
