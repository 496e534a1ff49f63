using System.Net.Http.Headers;

namespace OutlookCrm.Core.Connectors.Http;

public static class RetryAfter
{
    /// <summary>The wait a response asks for (<c>Retry-After</c> as seconds or an HTTP date), or null.</summary>
    public static TimeSpan? Of(HttpResponseMessage response, TimeProvider clock) => Of(response.Headers.RetryAfter, clock);

    public static TimeSpan? Of(RetryConditionHeaderValue? header, TimeProvider clock)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
