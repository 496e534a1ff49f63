-- The admin page's activity chart buckets finished runs by hour.
CREATE INDEX ix_sync_runs_finished ON sync_runs(finished_at);
