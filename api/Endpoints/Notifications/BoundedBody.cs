namespace OutlookCrm.Api.Endpoints.Notifications;

/// <summary>Reads a request body up to a limit, whatever the server's own limit (Kestrel's or none, as under TestServer).</summary>
internal static class BoundedBody
{
    /// <summary>How much of a refused body is read and dropped before answering (beyond it, the client is left to its own devices).</summary>
    private const int DrainLimit = 8 * 1024 * 1024;

    /// <summary>The body, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var chunk = new byte[16 * 1024];
        if (request.ContentLength > maxBytes)
        {
            await DrainAsync(request, chunk, cancellationToken);
            return null;
        }

        using var buffer = new MemoryStream();
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                await DrainAsync(request, chunk, cancellationToken);
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads and drops the rest of a refused body, so a client still uploading it can finish and read
    /// the 413: answering mid-upload leaves some clients (and TestServer) stuck writing.
    /// </summary>
    private static async Task DrainAsync(HttpRequest request, byte[] chunk, CancellationToken cancellationToken)
    {
        long total = 0;
        int read;
        while (total < DrainLimit && (read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            total += read;
        }
    }
}
