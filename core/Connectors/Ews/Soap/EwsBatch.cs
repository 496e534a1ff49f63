using System.Xml.Linq;

namespace OutlookCrm.Core.Connectors.Ews.Soap;

/// <summary>
/// Runs a multi-item operation and lines up one response message per request entry. Entries that
/// come back ErrorServerBusy (Exchange did not touch them) are sent again after the back-off; the
/// others are final. An entry still busy when the policy gives up keeps its busy message.
/// </summary>
public static class EwsBatch
{
    public static async Task<IReadOnlyList<EwsResponseMessage>> RunAsync(
        EwsSoapClient client, string operation, bool idempotent, string mailbox,
        IReadOnlyList<XElement> entries, Func<IEnumerable<XElement>, XElement> buildBody, CancellationToken cancellationToken)
    {
        var results = new EwsResponseMessage?[entries.Count];
        var pending = Enumerable.Range(0, entries.Count).ToList();
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            var body = buildBody(pending.Select(i => entries[i]));
            var messages = await client.CallAsync(operation, idempotent, body, mailbox, EwsResponseMessage.ListFrom, cancellationToken);
            if (messages.Count != pending.Count)
            {
                throw new EwsException(EwsCodes.InvalidResponse, $"{operation} answered {messages.Count} messages for {pending.Count} items.");
            }

            var busy = new List<int>();
            TimeSpan? backOff = null;
            for (var n = 0; n < pending.Count; n++)
            {
                results[pending[n]] = messages[n];
                if (messages[n].IsServerBusy)
                {
                    busy.Add(pending[n]);
                    backOff = Max(backOff, messages[n].BackOff);
                }
            }

            var wait = busy.Count == 0 ? null : client.Retry.WaitBeforeRetry(attempt, backOff);
            if (wait is null)
            {
                break;
            }

            await client.WaitBusyAsync(operation, attempt, wait.Value, cancellationToken);
            pending = busy;
        }

        return results.Select(r => r!).ToList();
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
