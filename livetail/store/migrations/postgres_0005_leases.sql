-- 0005: work sharing between instances on one database.
-- poll_leases: one row per source, claimed atomically before a poll (holder = "host:pid", a random
-- token, expires_at); a released lease keeps its row with token '' so started_at still spaces
-- scheduled polls cluster-wide. commit_poll checks the token after locking the source row.
CREATE TABLE poll_leases (
    source TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    token TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    started_at TIMESTAMPTZ NOT NULL
);
-- instances: one heartbeat row per running `livetail run` (name = "host:pid"), for `livetail status`.
CREATE TABLE instances (
    name TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    version TEXT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    seen_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX instances_seen ON instances (seen_at);
