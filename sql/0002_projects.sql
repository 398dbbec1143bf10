-- 0002_projects: generated projects and their files, wizard drafts, the history of actions.
CREATE TABLE projects (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    slug        TEXT NOT NULL,
    idea        TEXT NOT NULL,
    framework   TEXT NOT NULL,
    pattern     TEXT NOT NULL,
    model       TEXT NOT NULL,
    hyperscaler TEXT,
    spec_json   TEXT NOT NULL,
    n_files     INTEGER NOT NULL DEFAULT 0,
    n_bytes     INTEGER NOT NULL DEFAULT 0,
    owner_id    INTEGER,                       -- users.id once accounts exist; NULL for CLI/imports
    created_at  INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at  INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;
CREATE INDEX projects_updated ON projects (updated_at DESC, id DESC);

CREATE TABLE project_files (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    path       TEXT NOT NULL,
    mode       INTEGER NOT NULL DEFAULT 420,   -- 0644
    content    BLOB NOT NULL,
    PRIMARY KEY (project_id, path)
) STRICT, WITHOUT ROWID;

-- drafts: the wizard's state, kept server-side so a reload or a no-JS post never loses it.
CREATE TABLE drafts (
    id          TEXT PRIMARY KEY,              -- random token, in the wizard's URLs
    owner_id    INTEGER,
    idea        TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL DEFAULT '',
    framework   TEXT NOT NULL DEFAULT 'crewai',
    pattern     TEXT NOT NULL DEFAULT 'supervisor',
    model       TEXT NOT NULL DEFAULT '',
    hyperscaler TEXT NOT NULL DEFAULT '',
    tools       TEXT NOT NULL DEFAULT '',      -- comma-separated catalogue ids; '' = by intent
    memory      INTEGER NOT NULL DEFAULT 0,
    project_id  INTEGER REFERENCES projects (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at  INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

-- history: every generation (and later run and build), newest first.
CREATE TABLE history (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('generate', 'regenerate', 'run', 'build', 'publish', 'delete')),
    project_id INTEGER REFERENCES projects (id) ON DELETE SET NULL,
    title      TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    framework  TEXT NOT NULL DEFAULT '',
    owner_id   INTEGER,
    created_at INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;
CREATE INDEX history_created ON history (created_at DESC, id DESC);
