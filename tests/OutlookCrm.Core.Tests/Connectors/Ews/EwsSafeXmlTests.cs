using System.Net;
using System.Text;
using OutlookCrm.Core.Connectors.Ews;

namespace OutlookCrm.Core.Tests.Connectors.Ews;

public sealed class EwsSafeXmlTests
{
    [Fact]
    public async Task A_response_with_a_doctype_is_refused_and_no_entity_is_expanded()
    {
        var host = new EwsTestHost();
        host.Server.Fallback = _ => FakeEwsServer.Xml(EwsTestHost.Fixture("Doctype-Entity.xml"));

        var error = await Assert.ThrowsAsync<EwsException>(() => host.Connector.Contacts.ReadAsync(EwsTestHost.Scope, ["C1"], CancellationToken.None));

        Assert.Equal("InvalidResponse", error.Code);
        Assert.Contains("DTD", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
        Assert.Single(host.Server.Requests); // not retried: the same answer would come back
    }

    [Fact]
    public async Task A_response_larger_than_the_bound_is_refused_even_without_a_content_length()
    {
        var host = new EwsTestHost(maxResponseBytes: 4096);
        var big = EwsAnswers.GetItem(Enumerable.Range(0, 100).Select(i => EwsAnswers.Contact($"C{i}", "K", "Given", "Surname", "someone@fabrikam.com")));
        host.Server.Fallback = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new UnknownLengthContent(Encoding.UTF8.GetBytes(big)) };

        var error = await Assert.ThrowsAsync<EwsException>(() => host.Connector.Contacts.ReadAsync(EwsTestHost.Scope, ["C1"], CancellationToken.None));

        Assert.True(big.Length > 4096);
        Assert.Equal("ResponseTooLarge", error.Code);
    }

    [Fact]
    public async Task The_default_bound_is_32_MB_and_a_larger_declared_length_is_refused_before_reading()
    {
        var host = new EwsTestHost();
        var content = new UnknownLengthContent(Encoding.UTF8.GetBytes(EwsAnswers.GetItem([])));
        content.Headers.ContentLength = 32L * 1024 * 1024 + 1;
        host.Server.Fallback = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = content };

        var error = await Assert.ThrowsAsync<EwsException>(() => host.Connector.Contacts.ReadAsync(EwsTestHost.Scope, ["C1"], CancellationToken.None));

        Assert.Equal("ResponseTooLarge", error.Code);
        Assert.False(content.WasRead);
    }

    /// <summary>A body whose length is not known up front, like a chunked or compressed answer.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        public bool WasRead { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            WasRead = true;
            return stream.WriteAsync(bytes).AsTask();
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
