using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using OutlookCrm.Core.Connectors.Graph.Dtos;

namespace OutlookCrm.Core.Connectors.Graph;

/// <summary>One delta page as read from Graph, with the cursor to resume after it.</summary>
internal sealed record DeltaPage<T>(IReadOnlyList<T> Items, string Cursor, bool IsFullScan, bool IsLast, string? FullScanReason);

/// <summary>
/// Walks a Graph delta round: follows <c>@odata.nextLink</c> until an <c>@odata.deltaLink</c>.
/// The cursor is that link as Graph gave it (a nextLink resumes a round cut short). An expired
/// token answers 410 Gone: we start a full scan from <paramref name="initialUrl"/> and say so.
/// </summary>
internal sealed class DeltaReader(GraphHttp http)
{
    public async IAsyncEnumerable<DeltaPage<T>> ReadAsync<T>(
        string mailbox, string initialUrl, string? cursor, string operation, GraphResource resource, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fullScan = string.IsNullOrEmpty(cursor);
        string? reason = null;
        var url = cursor ?? initialUrl;
        while (true)
        {
            var (page, gone) = await FetchAsync<T>(mailbox, url, operation, resource, pageSize, cancellationToken);
            if (page is null)
            {
                if (fullScan)
                {
                    throw gone!; // 410 on a fresh round is not an expired token; don't loop
                }

                fullScan = true;
                reason = $"Graph answered 410 {gone!.Code}: the delta token expired, so every item was read again.";
                http.Logger.LogWarning("{Operation} for {Mailbox}: delta token expired ({Code}); starting a full scan", operation, mailbox, gone.Code);
                url = initialUrl;
                continue;
            }

            var next = page.NextLink ?? page.DeltaLink
                ?? throw new InvalidOperationException($"{operation}: Graph returned neither @odata.nextLink nor @odata.deltaLink.");
            yield return new DeltaPage<T>(page.Value ?? [], next, fullScan, page.NextLink is null, reason);
            if (page.NextLink is null)
            {
                yield break;
            }

            url = page.NextLink;
        }
    }

    private async Task<(GraphPage<T>? Page, GraphServiceException? Gone)> FetchAsync<T>(
        string mailbox, string url, string operation, GraphResource resource, int pageSize, CancellationToken cancellationToken)
    {
        try
        {
            return (await http.GetAsync<GraphPage<T>>(mailbox, url, operation, resource, cancellationToken, pageSize) ?? new GraphPage<T>([], null, url), null);
        }
        catch (GraphServiceException exception) when (exception.Status == HttpStatusCode.Gone)
        {
            return (null, exception);
        }
    }
}
