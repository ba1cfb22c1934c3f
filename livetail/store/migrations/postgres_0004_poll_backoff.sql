-- 0004: per-source failure backoff. retry_at: no scheduled poll before it (429/503 Retry-After,
-- exponential backoff after network errors); failing_since: when the current run of consecutive
-- failures began (NULL while healthy), the stable identity of its source.failing event.
ALTER TABLE sources ADD COLUMN retry_at TIMESTAMPTZ;
ALTER TABLE sources ADD COLUMN failing_since TIMESTAMPTZ;
