using System.Runtime.CompilerServices;
using OutlookCrm.Core.Sync.Ports;

namespace OutlookCrm.Core.Tests.Sync.Fakes;

/// <summary>
/// Two parties meet: the first to arrive waits for the second. If the engine asked the sides one after
/// the other, the first would wait for a side that is only asked after it returns: the wait gives up
/// after 30 seconds with the reason, rather than hang the test run.
/// </summary>
public sealed class Meeting(string what)
{
    private readonly object gate = new();
    private TaskCompletionSource? waiting;

    public Task ArriveAsync()
    {
        lock (gate)
        {
            if (waiting is { } first)
            {
                waiting = null;
                first.SetResult();
                return Task.CompletedTask;
            }

            waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return Wait(waiting.Task);
        }
    }

    private async Task Wait(Task met)
    {
        try
        {
            await met.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what}: the other side was not asked while this one was");
        }
    }
}

/// <summary>A side whose first change read and first body read each wait at a <see cref="Meeting"/> shared with the other side.</summary>
public sealed class MeetingSide<T>(ISyncSide<T> inner, Meeting changeReads, Meeting bodyReads) : ISyncSide<T> where T : class
{
    private int changeReadsMet;
    private int bodyReadsMet;

    public async IAsyncEnumerable<ChangePage<T>> ReadChangesAsync(SyncScope scope, string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref changeReadsMet, 1) == 0)
        {
            await changeReads.ArriveAsync();
        }

        await foreach (var page in inner.ReadChangesAsync(scope, cursor, cancellationToken))
        {
            yield return page;
        }
    }

    public async Task<IReadOnlyList<Versioned<T>>> ReadAsync(SyncScope scope, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref bodyReadsMet, 1) == 0)
        {
            await bodyReads.ArriveAsync();
        }

        return await inner.ReadAsync(scope, ids, cancellationToken);
    }

    public Task<IReadOnlyList<WriteOutcome>> ApplyAsync(SyncScope scope, IReadOnlyList<WriteRequest<T>> writes, CancellationToken cancellationToken) =>
        inner.ApplyAsync(scope, writes, cancellationToken);
}
