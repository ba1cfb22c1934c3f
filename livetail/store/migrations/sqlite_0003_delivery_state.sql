-- 0003: what the delivery worker needs: per-row event order and body, and target state.
ALTER TABLE deliveries ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN body BLOB;
ALTER TABLE deliveries ADD COLUMN last_attempt_at TEXT;
CREATE INDEX deliveries_order ON deliveries (target, source, status, sequence);
CREATE TABLE targets (
    name TEXT PRIMARY KEY,
    disabled_at TEXT,
    disabled_reason TEXT
);
