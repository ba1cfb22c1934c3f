-- 0001: sources, updates, events and the deliveries outbox (mirrors sqlite_0001_initial.sql).
-- Datetimes are timestamptz; text keys that are sorted use COLLATE "C" so order is byte order,
-- as on SQLite, whatever the database's default collation. JSON is kept as text, byte for byte.
CREATE TABLE sources (
    name TEXT COLLATE "C" PRIMARY KEY,
    feed_id TEXT NOT NULL,
    url TEXT NOT NULL,
    title TEXT,
    strategy TEXT,
    first_polled_at TIMESTAMPTZ,
    last_polled_at TIMESTAMPTZ,
    last_success_at TIMESTAMPTZ,
    last_error TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    body_hash TEXT,
    version BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE updates (
    source TEXT COLLATE "C" NOT NULL REFERENCES sources(name),
    uid TEXT COLLATE "C" NOT NULL,
    atom_id TEXT NOT NULL UNIQUE,
    fingerprint TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    content_html TEXT NOT NULL,
    text TEXT NOT NULL,
    url TEXT NOT NULL,
    published TIMESTAMPTZ,
    modified TIMESTAMPTZ,
    authors TEXT NOT NULL DEFAULT '[]',
    pinned BOOLEAN NOT NULL DEFAULT FALSE,
    key_event BOOLEAN NOT NULL DEFAULT FALSE,
    first_seen TIMESTAMPTZ NOT NULL,
    last_seen TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source, uid)
);
CREATE INDEX updates_by_fingerprint ON updates (source, fingerprint);
CREATE TABLE events (
    sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    source TEXT COLLATE "C" NOT NULL,
    uid TEXT COLLATE "C",
    title TEXT NOT NULL DEFAULT '',
    occurred_at TIMESTAMPTZ NOT NULL,
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_by_source ON events (source, sequence);
CREATE TABLE deliveries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    target TEXT COLLATE "C" NOT NULL,
    source TEXT COLLATE "C" NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    due_at TIMESTAMPTZ NOT NULL,
    claimed_by TEXT,
    claimed_until TIMESTAMPTZ,
    last_error TEXT,
    sent_at TIMESTAMPTZ,
    UNIQUE (event_id, target)
);
CREATE INDEX deliveries_due ON deliveries (status, due_at);
