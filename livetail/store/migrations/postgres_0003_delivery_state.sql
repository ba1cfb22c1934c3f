-- 0003: what the delivery worker needs: per-row event order and body, and target state.
ALTER TABLE deliveries ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN body BYTEA;
ALTER TABLE deliveries ADD COLUMN last_attempt_at TIMESTAMPTZ;
CREATE INDEX deliveries_order ON deliveries (target, source, status, sequence);
CREATE TABLE targets (
    name TEXT COLLATE "C" PRIMARY KEY,
    disabled_at TIMESTAMPTZ,
    disabled_reason TEXT
);
