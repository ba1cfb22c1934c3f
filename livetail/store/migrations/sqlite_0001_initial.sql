-- 0001: sources, updates, events and the deliveries outbox.
-- Datetimes are ISO 8601 UTC text ("2026-01-02T03:04:05.000000+00:00"), which sorts as time.
CREATE TABLE sources (
    name TEXT PRIMARY KEY,
    feed_id TEXT NOT NULL,
    url TEXT NOT NULL,
    title TEXT,
    strategy TEXT,
    first_polled_at TEXT,
    last_polled_at TEXT,
    last_success_at TEXT,
    last_error TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    body_hash TEXT,
    version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE updates (
    source TEXT NOT NULL REFERENCES sources(name),
    uid TEXT NOT NULL,
    atom_id TEXT NOT NULL UNIQUE,
    fingerprint TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    content_html TEXT NOT NULL,
    text TEXT NOT NULL,
    url TEXT NOT NULL,
    published TEXT,
    modified TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    pinned INTEGER NOT NULL DEFAULT 0,
    key_event INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    deleted_at TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source, uid)
);
CREATE INDEX updates_by_fingerprint ON updates (source, fingerprint);
CREATE TABLE events (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    source TEXT NOT NULL,
    uid TEXT,
    title TEXT NOT NULL DEFAULT '',
    occurred_at TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_by_source ON events (source, sequence);
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL REFERENCES events(id),
    target TEXT NOT NULL,
    source TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    due_at TEXT NOT NULL,
    claimed_by TEXT,
    claimed_until TEXT,
    last_error TEXT,
    sent_at TEXT,
    UNIQUE (event_id, target)
);
CREATE INDEX deliveries_due ON deliveries (status, due_at);
