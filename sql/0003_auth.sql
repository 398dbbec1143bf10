-- 0003_auth: local accounts, sessions, API keys, SSO identities, the first-run setup token,
-- login throttling and the audit log (issue 5). Secrets are stored only as SHA-256 hashes
-- (tokens) or scrypt strings (passwords).
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email         TEXT COLLATE NOCASE,              -- verified address, for SSO account linking
    role          TEXT NOT NULL CHECK (role IN ('viewer','editor','admin')),
    password_hash TEXT,                             -- PHC scrypt string; NULL = SSO-only account
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL DEFAULT (unixepoch()),
    updated_at    INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;
CREATE UNIQUE INDEX users_email ON users (email) WHERE email IS NOT NULL;

-- sessions: the cookie holds a 256-bit random token; only its SHA-256 (hex) is stored.
CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL,                   -- idle expiry counts from here
    expires_at  INTEGER NOT NULL,                   -- absolute expiry
    revoked_at  INTEGER,
    address     TEXT,
    user_agent  TEXT
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

-- api_keys: "agk_<43 chars>" shown once; prefix is the first 12 characters, for display.
CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    scope        TEXT NOT NULL CHECK (scope IN ('read','write','admin')),
    prefix       TEXT NOT NULL,
    key_hash     TEXT NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL DEFAULT (unixepoch()),
    expires_at   INTEGER,                           -- NULL = never
    last_used_at INTEGER,
    revoked_at   INTEGER
) STRICT;
CREATE INDEX api_keys_user ON api_keys (user_id);

-- identities: external sign-in subjects (OIDC issuer + sub, GitHub id, proxy user) linked to
-- a local user. Filled by the SSO work; auth_identity_link() is the seam.
CREATE TABLE identities (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider   TEXT NOT NULL,
    subject    TEXT NOT NULL,
    email      TEXT,
    created_at INTEGER NOT NULL DEFAULT (unixepoch()),
    last_login INTEGER,
    UNIQUE (provider, subject)
) STRICT;

-- setup_token: at most one row; single use, expires. Only while no admin exists.
CREATE TABLE setup_token (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    token_hash TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;

-- login_failures: one row per failed sign-in, subject "u:<name>" or "a:<address>".
CREATE TABLE login_failures (
    subject TEXT NOT NULL,
    at      INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failures_subject ON login_failures (subject, at);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL DEFAULT (unixepoch()),
    actor_id   INTEGER,                             -- no FK: the log outlives users
    actor      TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL,                       -- "POST /admin/users" or "login.fail"
    target     TEXT NOT NULL DEFAULT '',
    address    TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT '',
    status     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at);
