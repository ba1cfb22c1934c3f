-- 0002: RFC 5005 archive pages, rendered once when full and never rewritten.
CREATE TABLE archives (
    source TEXT COLLATE "C" NOT NULL REFERENCES sources(name),
    page INTEGER NOT NULL,
    body BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (source, page)
);
CREATE INDEX updates_by_first_seen ON updates (source, first_seen, published, uid);
