-- 0005_sso: single sign-on logins in flight (issue 5). One row per started login, deleted when
-- the provider sends the browser back, so each state works once. Only SHA-256 hashes of the
-- state and of the browser binding (the pre-session CSRF token) are stored; the PKCE verifier
-- and the OIDC nonce are derived from the state with the server secret, so nothing in this
-- table can finish a login.
CREATE TABLE sso_pending (
    state_hash   TEXT PRIMARY KEY,
    provider     TEXT NOT NULL,
    binding_hash TEXT NOT NULL,
    next         TEXT NOT NULL DEFAULT '/',
    expires_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX sso_pending_expires ON sso_pending (expires_at);
