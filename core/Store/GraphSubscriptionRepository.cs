using Dapper;

namespace OutlookCrm.Core.Store;

/// <summary>A Graph change-notification subscription the product holds for one mailbox and resource.</summary>
public sealed record StoredSubscription(
    string Mailbox, string Resource, string SubscriptionId, string ClientStateHash, string NotificationUrl, DateTimeOffset ExpiresAt);

/// <summary>
/// <c>graph_subscriptions</c>: one row per mailbox and resource (<c>contacts</c>, <c>events</c>). The row is
/// written by the worker that holds the mailbox's lease, so two workers never create a subscription for the
/// same mailbox; rows are claimed for deletion with <c>DELETE … RETURNING</c>, so only one worker deletes remotely.
/// </summary>
public sealed class GraphSubscriptionRepository(StoreDatabase database, TimeProvider clock)
{
    private const string Columns =
        "mailbox AS Mailbox, resource AS Resource, subscription_id AS SubscriptionId, client_state_hash AS ClientStateHash, " +
        "notification_url AS NotificationUrl, expires_at AS ExpiresAtMs";

    /// <summary>Every subscription held, or those of one mailbox.</summary>
    public async Task<IReadOnlyList<StoredSubscription>> ListAsync(string? mailbox, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var filter = mailbox is null ? "" : "WHERE mailbox = @mailbox";
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM graph_subscriptions {filter} ORDER BY mailbox, resource", new { mailbox }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>The subscriptions among <paramref name="subscriptionIds"/> that we hold (a notification batch names a few).</summary>
    public async Task<IReadOnlyDictionary<string, StoredSubscription>> FindAsync(IReadOnlyCollection<string> subscriptionIds, CancellationToken cancellationToken)
    {
        if (subscriptionIds.Count == 0)
        {
            return new Dictionary<string, StoredSubscription>();
        }

        // Dapper expands IN @ids into a parameter list on SQLite; Npgsql takes the list as one array parameter.
        var match = database.Provider == StoreProvider.Postgres ? "= ANY(@ids)" : "IN @ids";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM graph_subscriptions WHERE subscription_id {match}", new { ids = subscriptionIds.ToArray() }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToDictionary(s => s.SubscriptionId, StringComparer.Ordinal);
    }

    /// <summary>Stores a new subscription for its mailbox and resource, replacing the one it supersedes.</summary>
    public async Task SaveAsync(StoredSubscription subscription, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO graph_subscriptions (mailbox, resource, subscription_id, client_state_hash, notification_url, expires_at, created_at)
            VALUES (@Mailbox, @Resource, @SubscriptionId, @ClientStateHash, @NotificationUrl, @expires, @now)
            ON CONFLICT (mailbox, resource) DO UPDATE SET subscription_id = excluded.subscription_id,
                client_state_hash = excluded.client_state_hash, notification_url = excluded.notification_url,
                expires_at = excluded.expires_at, created_at = excluded.created_at
            """,
            new
            {
                subscription.Mailbox, subscription.Resource, subscription.SubscriptionId, subscription.ClientStateHash, subscription.NotificationUrl,
                expires = subscription.ExpiresAt.ToUnixTimeMilliseconds(), now = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
    }

    public async Task RenewedAsync(string subscriptionId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE graph_subscriptions SET expires_at = @expires WHERE subscription_id = @subscriptionId",
            new { subscriptionId, expires = expiresAt.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }

    /// <summary>Graph asked us to reauthorize: the next pass over the mailbox renews it (a renewal reauthorizes).</summary>
    public async Task RenewSoonAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE graph_subscriptions SET expires_at = @soon WHERE subscription_id = @subscriptionId AND expires_at > @soon",
            new { subscriptionId, soon = clock.GetUtcNow().ToUnixTimeMilliseconds() + 1 }, cancellationToken: cancellationToken));
    }

    /// <summary>Removes the row and says whether this caller removed it (so exactly one caller deletes it at Graph).</summary>
    public async Task<bool> TakeAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var taken = await connection.QueryAsync<string>(new CommandDefinition(
            "DELETE FROM graph_subscriptions WHERE subscription_id = @subscriptionId RETURNING subscription_id",
            new { subscriptionId }, cancellationToken: cancellationToken));
        return taken.Any();
    }

    private sealed record Row(string Mailbox, string Resource, string SubscriptionId, string ClientStateHash, string NotificationUrl, long ExpiresAtMs)
    {
        public StoredSubscription ToRecord() =>
            new(Mailbox, Resource, SubscriptionId, ClientStateHash, NotificationUrl, DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAtMs));
    }
}
