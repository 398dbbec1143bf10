-- 0006_run_control: Pause/Resume and messages sent into a running run (the Run console, issue 6).

-- jobs.pause: the user asked the run to hold; the runner polls it together with cancel.
ALTER TABLE jobs ADD COLUMN pause INTEGER NOT NULL DEFAULT 0;
-- runs.paused: the runner is holding the run between two steps now; the API and the pages show
-- such a running run as "paused" (runs.state keeps its CHECK list; the run is still running).
ALTER TABLE runs ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;

-- run_inbox: messages the user sent to a running run. The runner takes them (taken_at) before its
-- next LLM call and adds each to the current agent's context as a user message.
CREATE TABLE run_inbox (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    content    TEXT NOT NULL,
    owner_id   INTEGER,
    created_at INTEGER NOT NULL DEFAULT (unixepoch()),
    taken_at   INTEGER
) STRICT;
CREATE INDEX run_inbox_run ON run_inbox (run_id, taken_at, id);
