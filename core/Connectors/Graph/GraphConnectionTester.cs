using System.Diagnostics;
using OutlookCrm.Core.Connectors.Entra;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>
/// CONTRACT.md §3 connection test for Graph: authenticate → mailboxAccess → calendar → contacts.
/// Read-only GETs; after the first failure the remaining steps are reported ok:false without
/// being called, so the first failed step is the one to fix.
/// </summary>
internal sealed class GraphConnectionTester(GraphHttp http, IAccessTokenSource tokens, TimeProvider clock)
{
    public async Task<ConnectionTestResult> TestAsync(string mailbox, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var steps = new List<(string Name, Func<Task> Run)>
        {
            ("authenticate", () => tokens.GetAccessTokenAsync(cancellationToken)),
            ("mailboxAccess", () => GetAsync(mailbox, "?$select=id,mail", "graph.users.get", cancellationToken)),
            ("calendar", () => GetAsync(mailbox, "/calendar?$select=id,name", "graph.calendar.get", cancellationToken)),
            ("contacts", () => GetAsync(mailbox, "/contacts?$top=1&$select=id", "graph.contacts.list", cancellationToken)),
        };

        var results = new List<TestStep>();
        var failed = false;
        foreach (var (name, run) in steps)
        {
            if (failed)
            {
                results.Add(new TestStep(name, false));
                continue;
            }

            var stepStarted = clock.GetTimestamp();
            var outcome = await RunAsync(run, name, mailbox);
            var elapsed = (long)clock.GetElapsedTime(stepStarted).TotalMilliseconds;
            results.Add(outcome is { } f ? new TestStep(name, false, f.Code, f.Message, f.Hint, elapsed) : new TestStep(name, true, ElapsedMs: elapsed));
            failed = outcome is not null;
        }

        return new ConnectionTestResult(!failed, results, (long)clock.GetElapsedTime(started).TotalMilliseconds);
    }

    private Task GetAsync(string mailbox, string rest, string operation, CancellationToken cancellationToken) =>
        http.SendAsync(mailbox, HttpMethod.Get, $"users/{Uri.EscapeDataString(mailbox)}{rest}", operation, GraphResource.Other, null, cancellationToken);

    private static async Task<(string Code, string Message, string Hint)?> RunAsync(Func<Task> run, string step, string mailbox)
    {
        try
        {
            await run();
            return null;
        }
        catch (EntraTokenException e) when (ConnectionHints.ForTransport(e) is null)
        {
            return ConnectionHints.ForToken(e);
        }
        catch (GraphServiceException e)
        {
            return ConnectionHints.ForGraph(e, step, mailbox);
        }
        catch (Exception e) when (ConnectionHints.ForTransport(e) is { } transport)
        {
            return transport;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An admin asked a question; a bad setting answers it rather than failing the request.
            return (e.GetType().Name, e.Message, $"The {step} step failed before reaching the server: check the connection settings.");
        }
    }
}
