using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OutlookCrm.Core.Connectors.Http;

/// <summary>
/// The outbound resilience pipeline (Polly.Core): a timeout per attempt inside a bounded retry with
/// jittered exponential backoff. 429 is retried for any method (the server did not act on it);
/// 5xx, 408, timeouts and connection failures only for idempotent calls. A <c>Retry-After</c> is
/// always waited in full — never less — and one longer than <see cref="ResilienceOptions.MaxInlineRetryAfter"/>
/// is returned to the caller instead. A request with a <see cref="RetryAfterLane"/> also waits, on every
/// attempt, while its key is asked to wait, and a Retry-After it gets makes the whole key wait.
/// </summary>
public sealed class ResilienceHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("OutlookCrm.Request");
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly TimeProvider clock;
    private readonly ResilienceOptions options;

    public ResilienceHandler(IOptions<ResilienceOptions> options, TimeProvider clock)
    {
        this.clock = clock;
        this.options = options.Value;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock };
        if (this.options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = this.options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = this.options.BaseDelay,
                MaxDelay = this.options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context, args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? RetryAfter.Of(response, clock) : null),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        pipeline = builder.AddTimeout(this.options.AttemptTimeout).Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Buffer the body once so every attempt sends the same bytes (bytes and strings can be sent again as they are).
        if (request.Content is not null and not ByteArrayContent)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            return await pipeline.ExecuteAsync(
                static async (ctx, state) => await state.Self.SendOnceAsync(state.Request, ctx.CancellationToken),
                context,
                (Self: this, Request: request));
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException($"{OutboundRequest.OperationOf(request)} to {request.RequestUri?.Authority} timed out after {options.AttemptTimeout}.", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(OutboundRequest.RetryAfterLane, out var lane))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        await lane.Gate.PassAsync(lane.Key, clock, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (RetryAfter.Of(response, clock) is { } wait && wait > TimeSpan.Zero && wait <= options.MaxInlineRetryAfter)
        {
            // Longer waits go back to the scheduler, which parks the mailbox for as long.
            lane.Gate.AskedToWait(lane.Key, clock.GetUtcNow() + wait);
        }

        return response;
    }

    private bool ShouldRetry(ResilienceContext context, Outcome<HttpResponseMessage> outcome)
    {
        if (context.CancellationToken.IsCancellationRequested || !context.Properties.TryGetValue(RequestKey, out var request))
        {
            return false;
        }

        var idempotent = OutboundRequest.IsIdempotent(request);
        if (outcome.Exception is not null)
        {
            return idempotent && outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        var wait = RetryAfter.Of(response, clock);
        if (wait > options.MaxInlineRetryAfter)
        {
            return false;
        }

        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => true,
            HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => idempotent && !OutboundRequest.TreatsServerErrorsAsAnswers(request),
            _ => false,
        };
    }
}
