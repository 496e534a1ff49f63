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

        // The declared length may be absent or wrong (chunked, compressed): count what actually arrives,
        // parsing as it comes rather than copying the whole answer into a buffer first.
        await using var source = new BoundedStream(await content.ReadAsStreamAsync(cancellationToken), maxBytes);
        try
        {
            using var reader = XmlReader.Create(source, Settings);
            return await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken);
        }
        catch (XmlException ex)
        {
            throw new EwsException(EwsCodes.InvalidResponse, $"Exchange answered with XML we refuse to read: {ex.Message}", inner: ex);
        }
    }

    private static EwsException TooLarge(long maxBytes) =>
        new(EwsCodes.ResponseTooLarge, $"The EWS response is larger than the {maxBytes / (1024 * 1024)} MB we accept.");

    /// <summary>A read-only view of the answer that fails once more than the bound has been read.</summary>
    private sealed class BoundedStream(Stream inner, long maxBytes) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }

        private int Count(int bytes)
        {
            read += bytes;
            return read > maxBytes ? throw TooLarge(maxBytes) : bytes;
        }
    }
}
