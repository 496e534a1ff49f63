-- Event attendees become CRM links (EventRelations): the hash of the people last linked, and the
-- CRM side's record of the links the sync made itself (it never removes one it did not make).
ALTER TABLE relations ADD COLUMN links_hash TEXT;
ALTER TABLE relations ADD COLUMN link_state TEXT;
