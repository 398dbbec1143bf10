-- 0004_runs: agent runs and chat turns, their accounting, chat sessions, LLM providers, tool-call
-- approvals (Ask mode) and a global feed of events for the stream responder (DESIGN.md §1, §5, §6).

-- providers: where LLM calls go. api_key_ref names a secret, never holds it: "env:NAME" is
-- resolved by the runner from its own environment; "" sends no credentials.
CREATE TABLE providers (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL DEFAULT 'openai' CHECK (kind IN ('openai','azure','watsonx','ollabridge')),
    name          TEXT NOT NULL,
    base_url      TEXT NOT NULL,
    models        TEXT NOT NULL DEFAULT '',    -- comma-separated model ids offered in pickers
    default_model TEXT NOT NULL DEFAULT '',
    api_key_ref   TEXT NOT NULL DEFAULT '',    -- "env:NAME" or ""
    api_version   TEXT NOT NULL DEFAULT '',    -- azure api-version / watsonx version date
    project_ref   TEXT NOT NULL DEFAULT '',    -- watsonx project id
    is_default    INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at    INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TABLE chat_sessions (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    agent_id   TEXT NOT NULL,                  -- spec agent id
    permission TEXT NOT NULL DEFAULT 'safe' CHECK (permission IN ('safe','ask','dev')),
    model      TEXT NOT NULL DEFAULT '',
    owner_id   INTEGER,
    created_at INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

-- runs: one per agent run or chat turn; the job that executes it has kind run|chat, ref = id.
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    session_id  INTEGER REFERENCES chat_sessions (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL DEFAULT 'run' CHECK (kind IN ('run','chat')),
    state       TEXT NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued','running','waiting','done','failed','cancelled')),
    permission  TEXT NOT NULL DEFAULT 'safe' CHECK (permission IN ('safe','ask','dev')),
    input       TEXT NOT NULL DEFAULT '',
    output      TEXT NOT NULL DEFAULT '',
    model       TEXT NOT NULL DEFAULT '',
    provider_id INTEGER REFERENCES providers (id) ON DELETE SET NULL,
    job_id      INTEGER,
    tokens_in   INTEGER NOT NULL DEFAULT 0,
    tokens_out  INTEGER NOT NULL DEFAULT 0,
    cost_usd    REAL NOT NULL DEFAULT 0,
    elapsed_ms  INTEGER NOT NULL DEFAULT 0,
    error       TEXT,
    owner_id    INTEGER,
    created_at  INTEGER NOT NULL DEFAULT (unixepoch()),
    started_at  INTEGER,
    finished_at INTEGER
) STRICT;
CREATE INDEX runs_project ON runs (project_id, id DESC);
CREATE INDEX runs_session ON runs (session_id, id);

-- run_agents: accounting per agent of a run (the Run console's usage table).
CREATE TABLE run_agents (
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    agent_id   TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'idle',   -- idle | working | done | failed
    tokens_in  INTEGER NOT NULL DEFAULT 0,
    tokens_out INTEGER NOT NULL DEFAULT 0,
    cost_usd   REAL NOT NULL DEFAULT 0,
    elapsed_ms INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, agent_id)
) STRICT;

-- chat_messages: the finished transcript of a session (the no-JS thread and the LLM history).
CREATE TABLE chat_messages (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
    run_id     INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    role       TEXT NOT NULL CHECK (role IN ('user','assistant','tool')),
    content    TEXT NOT NULL,
    tool       TEXT,                           -- role tool: tool id; content is the result
    args       TEXT,                           -- role tool: the call's JSON arguments
    created_at INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;
CREATE INDEX chat_messages_session ON chat_messages (session_id, id);

-- approvals: Ask mode. The runner inserts 'pending' and waits; the API decides.
CREATE TABLE approvals (
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    call_id    TEXT NOT NULL,
    tool       TEXT NOT NULL,
    args       TEXT NOT NULL DEFAULT '{}',
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','approved','denied')),
    created_at INTEGER NOT NULL DEFAULT (unixepoch()),
    decided_at INTEGER,
    PRIMARY KEY (run_id, call_id)
) STRICT, WITHOUT ROWID;

-- events_feed: a global, ordered cursor over events (events is keyed by stream), so one reader in
-- the stream responder fetches every new event of every stream with one indexed query.
CREATE TABLE events_feed (
    id     INTEGER PRIMARY KEY,
    stream TEXT NOT NULL,
    seq    INTEGER NOT NULL
) STRICT;
CREATE TRIGGER events_feed_add AFTER INSERT ON events BEGIN
    INSERT INTO events_feed (stream, seq) VALUES (NEW.stream, NEW.seq);
END;

-- jobs gain a heartbeat: the runner renews lease_until while it works, so a short lease finds a
-- dead runner quickly without reclaiming live long runs.
CREATE INDEX jobs_ref ON jobs (kind, ref);
