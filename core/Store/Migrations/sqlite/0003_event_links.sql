-- The add-in's "relate this meeting": which CRM Event an Exchange item was linked to, by whom.
-- Makes the link idempotent even in orgs without the OutlookCrm_ExchangeId__c external-id field.
CREATE TABLE event_links (
    exchange_item_id TEXT PRIMARY KEY,
    crm_event_id     TEXT NOT NULL,
    linked_by        TEXT NOT NULL,
    updated_at       INTEGER NOT NULL
);
