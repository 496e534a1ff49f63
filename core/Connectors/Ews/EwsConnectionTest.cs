using System.Diagnostics;
using System.Xml.Linq;
using OutlookCrm.Core.Connectors.Ews.Operations;
using OutlookCrm.Core.Connectors.Ews.Soap;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Connectors.Ews;

/// <summary>
/// The admin's connection test (CONTRACT.md §3): authenticate → impersonate → calendar → contacts,
/// read-only GetFolder calls. After a failed step the later ones are reported failed without a call.
/// </summary>
public sealed class EwsConnectionTest(EwsSoapClient client, EwsConnectionSettings settings, IEwsTokenSource? tokens)
{
    public async Task<ConnectionTestResult> RunAsync(string mailbox, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var getFolder = new GetFolderOperation(client);
        (string Name, Func<Task> Call)[] plan =
        [
            ("authenticate", () => AuthenticateAsync(cancellationToken)),
            ("impersonate", () => getFolder.ExecuteAsync("msgfolderroot", mailbox, cancellationToken)),
            ("calendar", () => getFolder.ExecuteAsync("calendar", mailbox, cancellationToken)),
            ("contacts", () => getFolder.ExecuteAsync("contacts", mailbox, cancellationToken)),
        ];

        var steps = new List<TestStep>();
        foreach (var (name, call) in plan)
        {
            if (steps.Count > 0 && !steps[^1].Ok)
            {
                steps.Add(new TestStep(name, false));
                continue;
            }

            var stepStarted = Stopwatch.GetTimestamp();
            try
            {
                await call();
                steps.Add(new TestStep(name, true, ElapsedMs: Elapsed(stepStarted)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var (code, message, hint) = EwsTestDiagnosis.Of(ex, settings.Auth);
                steps.Add(new TestStep(name, false, code, message, hint, Elapsed(stepStarted)));
            }
        }

        return new ConnectionTestResult(steps.All(s => s.Ok), steps, Elapsed(started));
    }

    /// <summary>
    /// Proves the credentials with a call that needs no mailbox (a service account often has none):
    /// any SOAP answer, even a fault, means Exchange accepted them; 401 or a transport error does not.
    /// </summary>
    private async Task AuthenticateAsync(CancellationToken cancellationToken)
    {
        if (settings.Auth is EwsClientCredentialsAuth && tokens is not null)
        {
            await tokens.GetAccessTokenAsync(cancellationToken);
        }

        var body = new XElement(EwsXml.M + "GetServerTimeZones", new XAttribute("ReturnFullTimeZoneData", "false"),
            new XElement(EwsXml.M + "Ids", new XElement(EwsXml.T + "Id", "UTC")));
        try
        {
            await client.SendAsync("GetServerTimeZones", idempotent: true, body, mailbox: null, cancellationToken);
        }
        catch (EwsException ex) when (ex.Status is not (System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
            && ex.Code is not (EwsCodes.InvalidResponse or EwsCodes.ResponseTooLarge) && !ex.Code.StartsWith("Http", StringComparison.Ordinal))
        {
            // A SOAP fault: authenticated, whatever else the server disliked.
        }
    }

    private static long Elapsed(long since) => (long)Stopwatch.GetElapsedTime(since).TotalMilliseconds;
}
