-- 0001_init: process-wide settings, the job queue and the event log (DESIGN.md §1, §5, §6).
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

-- jobs: web workers insert; the runner claims with one UPDATE ... RETURNING and a lease.
CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,                 -- run | chat | build | publish | sync
    ref         TEXT NOT NULL,                 -- id of the run/build it works for
    state       TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','running','done','failed','cancelled')),
    lease_until INTEGER,                       -- unix time; a running job past it is reclaimable
    attempts    INTEGER NOT NULL DEFAULT 0,
    cancel      INTEGER NOT NULL DEFAULT 0,
    error       TEXT,
    created_at  INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at  INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;
CREATE INDEX jobs_claim ON jobs (state, lease_until);

-- events: one stream per run/chat/build, seq contiguous from 1 within a stream.
CREATE TABLE events (
    stream     TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    data       TEXT NOT NULL,
    created_at INTEGER NOT NULL DEFAULT (unixepoch()),
    PRIMARY KEY (stream, seq)
) STRICT, WITHOUT ROWID;
