using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Http;

namespace OutlookCrm.Core.Connectors.Ews.Soap;

/// <summary>
/// The one EWS transport: posts a SOAP envelope (with impersonation and <c>X-AnchorMailbox</c> for
/// mailbox calls), authenticates, reads the answer safely, turns SOAP faults into
/// <see cref="EwsException"/>s and retries ErrorServerBusy as <see cref="EwsRetryPolicy"/> says.
/// </summary>
public sealed class EwsSoapClient(
    HttpClient http, EwsConnectionSettings settings, IEwsTokenSource? tokens, EwsRetryPolicy retry, long maxResponseBytes = SafeXmlReader.DefaultMaxBytes, ILogger? logger = null)
{
    public EwsRetryPolicy Retry => retry;

    /// <summary>Waits on ErrorServerBusy, logged so an operator can see throttling (never the mailbox or item data).</summary>
    public async Task WaitBusyAsync(string operation, int attempt, TimeSpan wait, CancellationToken cancellationToken)
    {
        logger?.LogWarning("EWS {Operation} answered ErrorServerBusy; waiting {WaitMs} ms before attempt {Attempt}", operation, (long)wait.TotalMilliseconds, attempt + 1);
        await retry.Delay(wait, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="body"/> and hands the answer to <paramref name="interpret"/>. A server-busy
    /// fault, or an <see cref="EwsServerBusyException"/> thrown by <paramref name="interpret"/>, is
    /// retried; Exchange did not act on a request it refused as busy, so this is safe for writes too.
    /// </summary>
    public async Task<T> CallAsync<T>(string operation, bool idempotent, XElement body, string? mailbox, Func<XDocument, T> interpret, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var answer = await SendAsync(operation, idempotent, body, mailbox, cancellationToken);
                return interpret(answer);
            }
            catch (EwsServerBusyException busy)
            {
                var wait = retry.WaitBeforeRetry(attempt, busy.BackOff);
                if (wait is null)
                {
                    throw;
                }

                await WaitBusyAsync(operation, attempt, wait.Value, cancellationToken);
            }
        }
    }

    /// <summary>One round trip; throws on SOAP faults and non-SOAP HTTP failures.</summary>
    public async Task<XDocument> SendAsync(string operation, bool idempotent, XElement body, string? mailbox, CancellationToken cancellationToken)
    {
        var envelope = EwsEnvelope.Build(body, mailbox);
        var authorization = await AuthorizationAsync(null, cancellationToken);
        var response = await PostAsync(operation, idempotent, envelope, mailbox, authorization, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized && authorization.Scheme == "Bearer")
        {
            // The token expired or was revoked before its cached lifetime ended: refresh it once.
            response.Dispose();
            authorization = await AuthorizationAsync(authorization.Parameter, cancellationToken);
            response = await PostAsync(operation, idempotent, envelope, mailbox, authorization, cancellationToken);
        }

        using var answered = response;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new EwsException($"Http{(int)response.StatusCode}", $"Exchange answered {(int)response.StatusCode} {response.ReasonPhrase} to {operation}.", response.StatusCode);
        }

        var isXml = response.Content.Headers.ContentType?.MediaType?.Contains("xml", StringComparison.OrdinalIgnoreCase) ?? false;
        if (!response.IsSuccessStatusCode && !isXml)
        {
            throw new EwsException($"Http{(int)response.StatusCode}", $"Exchange answered {(int)response.StatusCode} {response.ReasonPhrase} to {operation}.", response.StatusCode);
        }

        var answer = await SafeXmlReader.ReadAsync(response.Content, maxResponseBytes, cancellationToken);
        if (answer.Root?.Element(EwsXml.Soap + "Body")?.Element(EwsXml.Soap + "Fault") is { } fault)
        {
            throw SoapFault.ToException(fault, response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new EwsException($"Http{(int)response.StatusCode}", $"Exchange answered {(int)response.StatusCode} to {operation} without a SOAP fault.", response.StatusCode);
        }

        return answer;
    }

    private async Task<HttpResponseMessage> PostAsync(
        string operation, bool idempotent, XDocument envelope, string? mailbox, AuthenticationHeaderValue authorization, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.EwsUrl) { Content = Utf8Xml(envelope) };
        request.WithOperation("ews." + operation, idempotent).WithServerErrorsAsAnswers();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/xml"));
        if (mailbox is not null)
        {
            // Routes the call to the server that holds the mailbox (and Exchange Online requires it for app-only).
            request.Headers.TryAddWithoutValidation("X-AnchorMailbox", mailbox);
        }

        request.Headers.Authorization = authorization;
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <param name="rejectedToken">A bearer token Exchange answered 401 to: get a fresh one instead.</param>
    private async ValueTask<AuthenticationHeaderValue> AuthorizationAsync(string? rejectedToken, CancellationToken cancellationToken)
    {
        switch (settings.Auth)
        {
            case EwsBasicAuth basic:
                var raw = Encoding.UTF8.GetBytes($"{basic.Username}:{basic.Password}");
                return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
            case EwsClientCredentialsAuth when tokens is not null:
                return new AuthenticationHeaderValue("Bearer", rejectedToken is null
                    ? await tokens.GetAccessTokenAsync(cancellationToken)
                    : await tokens.RefreshAccessTokenAsync(rejectedToken, cancellationToken));
            default:
                throw new InvalidOperationException("OAuth EWS settings need an IEwsTokenSource.");
        }
    }

    /// <summary>The envelope written once, as UTF-8 with its declaration (a CreateItem of 100 items is ~100 KB: no string copies of it).</summary>
    private static ByteArrayContent Utf8Xml(XDocument envelope)
    {
        var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            envelope.Save(writer);
        }

        var content = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        return content;
    }
}
