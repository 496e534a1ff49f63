-- Graph change-notification subscriptions, one per mailbox and resource ('contacts' | 'events').
-- The clientState secret is sent to Graph once, at creation; only its SHA-256 is kept, which is
-- enough to check a notification's clientState and useless to anyone who reads the table.
CREATE TABLE graph_subscriptions (
    mailbox            TEXT NOT NULL,
    resource           TEXT NOT NULL,
    subscription_id    TEXT NOT NULL,
    client_state_hash  TEXT NOT NULL,
    notification_url   TEXT NOT NULL,           -- where Graph was told to post; a new Sync__NotificationUrl means a new subscription
    expires_at         BIGINT NOT NULL,
    created_at         BIGINT NOT NULL,
    PRIMARY KEY (mailbox, resource)
);
CREATE UNIQUE INDEX ux_graph_subscriptions_id ON graph_subscriptions(subscription_id);
