-- Times are Unix milliseconds (UTC) in both engines so that one set of queries serves both.
CREATE TABLE connections (
    kind            TEXT PRIMARY KEY,          -- 'exchange' | 'crm'
    settings_json   TEXT NOT NULL,             -- non-secret settings
    secrets_cipher  TEXT NOT NULL,             -- Data Protection ciphertext of the secret fields
    updated_at      INTEGER NOT NULL,
    updated_by      TEXT NOT NULL
);

CREATE TABLE sync_configurations (
    name            TEXT PRIMARY KEY,
    active          INTEGER NOT NULL,
    settings_json   TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE sync_configuration_users (
    configuration_name TEXT NOT NULL REFERENCES sync_configurations(name) ON DELETE CASCADE,
    mailbox            TEXT NOT NULL,          -- lower-case SMTP address
    PRIMARY KEY (configuration_name, mailbox)
);
CREATE INDEX ix_sync_configuration_users_mailbox ON sync_configuration_users(mailbox);

CREATE TABLE relations (
    id               INTEGER PRIMARY KEY,
    mailbox          TEXT NOT NULL,
    object_kind      TEXT NOT NULL,            -- 'contact' | 'event'
    crm_id           TEXT,
    crm_version      TEXT,
    exchange_id      TEXT,
    exchange_version TEXT,
    content_hash     TEXT,
    updated_at       INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_relations_crm ON relations(mailbox, object_kind, crm_id);
CREATE UNIQUE INDEX ux_relations_exchange ON relations(mailbox, object_kind, exchange_id);

CREATE TABLE change_cursors (
    mailbox      TEXT NOT NULL,
    object_kind  TEXT NOT NULL,
    side         TEXT NOT NULL,                -- 'crm' | 'exchange'
    cursor       TEXT NOT NULL,                -- opaque: SyncState, deltaLink, time window end
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (mailbox, object_kind, side)
);

CREATE TABLE sync_runs (
    id              TEXT PRIMARY KEY,
    mailbox         TEXT NOT NULL,
    state           TEXT NOT NULL,             -- queued | running | succeeded | failed
    requested_at    INTEGER NOT NULL,
    started_at      INTEGER,
    finished_at     INTEGER,
    progress_done   INTEGER NOT NULL DEFAULT 0,
    progress_total  INTEGER NOT NULL DEFAULT 0,
    worker_id       TEXT,
    report_json     TEXT,
    error           TEXT
);
CREATE INDEX ix_sync_runs_mailbox ON sync_runs(mailbox, requested_at);
CREATE INDEX ix_sync_runs_state ON sync_runs(state);

CREATE TABLE item_errors (
    id            INTEGER PRIMARY KEY,
    mailbox       TEXT NOT NULL,
    object_kind   TEXT NOT NULL,
    side          TEXT NOT NULL,               -- side whose write failed
    item_id       TEXT NOT NULL,               -- id on the side the item came from
    code          TEXT NOT NULL,               -- the remote system's own code
    message       TEXT NOT NULL,
    attempts      INTEGER NOT NULL,
    unresolved    INTEGER NOT NULL DEFAULT 0,
    first_seen_at INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_item_errors_item ON item_errors(mailbox, object_kind, side, item_id);

CREATE TABLE mailbox_leases (
    mailbox        TEXT PRIMARY KEY,
    owner          TEXT,
    expires_at     INTEGER NOT NULL DEFAULT 0,
    next_due_at    INTEGER NOT NULL DEFAULT 0,
    backoff_until  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    target       TEXT NOT NULL,
    before_json  TEXT,
    after_json   TEXT
);
CREATE INDEX ix_audit_log_at ON audit_log(at);
