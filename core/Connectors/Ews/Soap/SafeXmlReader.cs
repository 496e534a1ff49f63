using System.Xml;
using System.Xml.Linq;

namespace OutlookCrm.Core.Connectors.Ews.Soap;

/// <summary>
/// Reads an EWS answer with DTDs prohibited (no entity expansion, no external fetches) and a hard
/// size bound, so a hostile or broken server can neither exhaust memory nor make us read files.
/// </summary>
public static class SafeXmlReader
{
    public const long DefaultMaxBytes = 32L * 1024 * 1024;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        Async = true,
    };

    public static async Task<XDocument> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        // The declared length may be absent or wrong (chunked, compressed): count what actually arrives.
        await using var source = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        try
        {
            using var reader = XmlReader.Create(buffer, Settings);
            return await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken);
        }
        catch (XmlException ex)
        {
            throw new EwsException(EwsCodes.InvalidResponse, $"Exchange answered with XML we refuse to read: {ex.Message}", inner: ex);
        }
    }

    private static EwsException TooLarge(long maxBytes) =>
        new(EwsCodes.ResponseTooLarge, $"The EWS response is larger than the {maxBytes / (1024 * 1024)} MB we accept.");
}
