using System.Text.Json.Nodes;

namespace OutlookCrm.Bench.Scenarios;

/// <summary>
/// After a full sync, P % (default 1) of the items change on each side through the emulators'
/// "person" APIs: Outlook contacts and events edited in Outlook, CRM contacts edited in Salesforce.
/// Calls must scale with the changes, not with N. A settling run comes between the full sync and the
/// edits, so the product's echo of its own bulk writes is not counted here (no-change shows it).
/// </summary>
public sealed class IncrementalScenario : SyncScenarioBase
{
    public override string Name => "incremental";

    protected override async Task<BenchResult> MeasureAsync(BenchWorld world, BenchOptions options, int n, Seeded seed, CancellationToken cancellationToken)
    {
        EnsureClean(await world.SyncAsync(cancellationToken));
        world.Wait(TimeSpan.FromMinutes(2));

        // One settling run: the first run after a bulk write re-reads the product's own writes (the no-change
        // scenario measures that); the measured run below then sees only the edits.
        EnsureClean(await world.SyncAsync(cancellationToken));
        world.Wait(TimeSpan.FromMinutes(2));

        int Share(int count) => count == 0 ? 0 : Math.Max(1, (int)Math.Round(count * options.ChangePercent / 100.0));
        var outlook = world.Exchange.Outlook(BenchWorld.Mailbox);
        var contactEdits = seed.OutlookContacts.Take(Share(seed.OutlookContacts.Count)).ToList();
        var eventEdits = seed.OutlookEvents.Take(Share(seed.OutlookEvents.Count)).ToList();
        var crmEdits = seed.CrmContacts.Take(Share(seed.CrmContacts.Count)).ToList();
        foreach (var id in contactEdits)
        {
            outlook.EditContact(id, c => c with { JobTitle = "Head of Buying" });
        }

        foreach (var id in eventEdits)
        {
            outlook.EditEvent(id, e => e with { Location = "Room 2" });
        }

        foreach (var id in crmEdits)
        {
            world.Salesforce.EditRecord("Contact", id, new JsonObject { ["Title"] = "Chief Buyer" });
        }

        world.Wait(TimeSpan.FromMinutes(2));
        world.SetLatency(options.LatencyMs);
        var (report, measure, calls) = await SyncMeasuredAsync(world, cancellationToken);
        EnsureClean(report);
        var changed = contactEdits.Count + eventEdits.Count + crmEdits.Count;
        var work = new SyncWork(
            CrmContactsRead: crmEdits.Count, CrmEventsRead: 0,
            ExchangeContactsRead: contactEdits.Count, ExchangeEventsRead: eventEdits.Count,
            CrmContactWrites: contactEdits.Count, CrmEventWrites: eventEdits.Count,
            ExchangeContactWrites: crmEdits.Count, ExchangeEventWrites: 0,
            FirstRun: false);
        var result = Result(world, Name, options, 2 * n, changed, measure, calls, MinimumCalls.For(options.Backend, work), report,
            $"{contactEdits.Count} Outlook contacts, {eventEdits.Count} Outlook events and {crmEdits.Count} CRM contacts edited ({options.ChangePercent} %).");
        return result with { Extra = new Dictionary<string, double?>(result.Extra) { ["changedItems"] = changed, ["callsPerChange"] = Measure.Round((double)calls.Total / Math.Max(1, changed)) } };
    }
}
