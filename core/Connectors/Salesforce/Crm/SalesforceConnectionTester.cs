using System.Diagnostics;
using OutlookCrm.Core.Connectors.Salesforce.Http;
using OutlookCrm.Core.Connectors.Salesforce.Query;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Salesforce.Crm;

/// <summary>
/// authenticate → query (one cheap SOQL) → externalIds (describe Contact and Event) → limits.
/// A failed authenticate or query stops the test (later steps report ok:false uncalled); missing
/// external-id fields fail their step but don't stop it, since the sync still works without them.
/// </summary>
internal sealed class SalesforceConnectionTester(SalesforceApi api)
{
    public async Task<ConnectionTestResult> TestAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var steps = new List<TestStep>();
        var details = new Dictionary<string, object?>();
        var blocked = false;

        async Task Step(string name, bool blocking, Func<Task<TestStep?>> run)
        {
            if (blocked)
            {
                steps.Add(new TestStep(name, false));
                return;
            }

            var watch = Stopwatch.StartNew();
            try
            {
                var failed = await run();
                steps.Add((failed ?? new TestStep(name, true)) with { ElapsedMs = watch.ElapsedMilliseconds });
                blocked = failed is not null && blocking;
            }
            catch (SalesforceException ex)
            {
                steps.Add(new TestStep(name, false, ex.ErrorCode, ex.SalesforceMessage, SalesforceHints.For(ex.ErrorCode), watch.ElapsedMilliseconds));
                blocked = blocking;
            }
        }

        await Step("authenticate", true, async () =>
        {
            await api.Tokens.GetAsync(cancellationToken);
            return null;
        });
        await Step("query", true, async () =>
        {
            await api.Query.ListAsync<System.Text.Json.JsonElement>(SoqlQuery.Select("Id").From("User").Limit(1), cancellationToken);
            return null;
        });
        await Step("externalIds", false, async () =>
        {
            var present = new Dictionary<string, bool>();
            foreach (var sobject in new[] { "Contact", "Event" })
            {
                present[sobject] = await api.Schema.ExternalIdFieldAsync(sobject, cancellationToken) is not null;
            }

            details["externalIds"] = present;
            var missing = present.Where(p => !p.Value).Select(p => p.Key).ToList();
            return missing.Count == 0 ? null : new TestStep("externalIds", false, SalesforceErrorCodes.MissingExternalIdField,
                $"{SalesforceSchema.ExchangeIdField} (external id, unique) is missing on {string.Join(" and ", missing)}; creates are matched before they are made instead of upserted",
                SalesforceHints.For(SalesforceErrorCodes.MissingExternalIdField));
        });
        await Step("limits", false, async () =>
        {
            var limits = await api.Transport.SendAsync<Dictionary<string, LimitValue>>(
                SalesforceCall.Get($"{api.Transport.DataPath}/limits", "sf.limits"), cancellationToken);
            if (limits.TryGetValue("DailyApiRequests", out var daily))
            {
                details["dailyApiRequests"] = new ApiLimit(daily.Max, daily.Remaining);
            }

            return null;
        });

        return new ConnectionTestResult(steps.All(s => s.Ok), steps, total.ElapsedMilliseconds) { Details = details };
    }
}

/// <summary>An org limit as the connection test reports it: <c>{"max":15000,"remaining":14998}</c>.</summary>
public sealed record ApiLimit(long Max, long Remaining);
