/* SPDX-License-Identifier: MIT */
/* auth.h - accounts without HTTP: passwords (scrypt), sessions, API keys, CSRF tokens, login
 * throttling, the first-run setup token, SSO account linking and the audit log. Everything takes
 * a struct db * and an explicit `now` (unix seconds) so the unit tests control time. Secrets
 * (passwords, tokens, keys) are never logged or stored in clear; callers wipe their copies. */
#ifndef AG_AUTH_H
#define AG_AUTH_H

#include <stddef.h>

#include "../core/ag.h"
#include "../core/db.h"

enum auth_role { AUTH_NONE = 0, AUTH_VIEWER = 1, AUTH_EDITOR = 2, AUTH_ADMIN = 3 };
/* API key scopes share the numbering: read <= viewer, write <= editor, admin <= admin. */
enum auth_scope { AUTH_SCOPE_READ = 1, AUTH_SCOPE_WRITE = 2, AUTH_SCOPE_ADMIN = 3 };

#define AUTH_SESSION_IDLE   (12 * 3600)     /* idle expiry of a session */
#define AUTH_SESSION_MAX    (7 * 24 * 3600) /* absolute expiry of a session */
#define AUTH_SETUP_TTL      (24 * 3600)     /* the setup token's lifetime */
#define AUTH_PASSWORD_MIN   12
#define AUTH_PASSWORD_MAX   1024
#define AUTH_NAME_MAX       64
#define AUTH_TOKEN_SIZE     45              /* 43 base64url chars of 32 bytes, NUL, 1 spare */
#define AUTH_TOKEN_LEN      43
#define AUTH_KEY_PREFIX     "agk_"
#define AUTH_KEY_SIZE       52              /* "agk_" + token */
#define AUTH_PHC_SIZE       160
#define AUTH_GENPASS_SIZE   24              /* generated passwords: 20 characters + NUL */

/* The caller: a user, and how they authenticated (session_id or key_id set, or neither). */
struct auth_user {
    long long id;
    char name[AUTH_NAME_MAX + 1];
    char email[256];
    int role;
    int disabled;
    long long created_at;
    long long session_id;
    long long key_id;
    int key_scope; /* 0 unless key_id */
};

struct auth_session {
    long long id;
    long long user_id;
    long long created_at;
    long long last_seen;
    long long expires_at;
    long long revoked_at;
    char address[64];
    char user_agent[200];
};

struct auth_key {
    long long id;
    long long user_id;
    char name[101];
    char prefix[16];
    int scope;
    long long created_at;
    long long expires_at; /* 0 = never */
    long long last_used_at;
    long long revoked_at;
};

struct auth_audit {
    long long id;
    long long at;
    long long actor_id; /* 0 = anonymous */
    const char *actor;
    const char *action;
    const char *target;
    const char *address;
    const char *user_agent;
    int status;
};

struct auth_audit_filter {
    const char *actor;  /* exact user name or NULL */
    const char *action; /* substring or NULL */
    long long from;     /* unix time, inclusive; 0 = no bound */
    long long to;       /* exclusive; 0 = no bound */
    int limit;
};

/* Login throttling: `free_failures` failures in `window` seconds cost nothing; each further one
 * doubles the wait (1 s, 2 s, 4 s ... up to max_delay); at lock_after failures the subject is
 * locked for lock_secs from the last failure. */
struct auth_throttle {
    int free_failures;
    int lock_after;
    int window;
    int lock_secs;
    int max_delay;
};
extern const struct auth_throttle auth_throttle_account;
extern const struct auth_throttle auth_throttle_address;

struct auth_login_result {
    int retry_after; /* seconds, when throttled */
    int locked;      /* 1 = lockout rather than a short delay */
};

typedef int (*auth_user_fn)(void *ctx, const struct auth_user *u);
typedef int (*auth_session_fn)(void *ctx, const struct auth_session *s);
typedef int (*auth_key_fn)(void *ctx, const struct auth_key *k);
typedef int (*auth_audit_fn)(void *ctx, const struct auth_audit *a);

/* ---- names (auth.c) ---- */
const char *auth_role_name(int role);        /* "viewer" ... or "none" */
int auth_role_parse(const char *s);          /* AUTH_* or AUTH_NONE */
const char *auth_scope_name(int scope);
int auth_scope_parse(const char *s);         /* AUTH_SCOPE_* or 0 */
int auth_name_valid(const char *name);       /* 1..64 of [A-Za-z0-9._@-] */
/* auth_scope_allows: may a key of this scope call method on a route (admin_route = 1 for
 * admin-only routes)? read: GET/HEAD; write: any method on non-admin routes; admin: all. */
int auth_scope_allows(int scope, const char *method, int admin_route);

/* ---- passwords (password.c) ---- */
/* auth_password_policy: AG_EINVAL when shorter than 12 or longer than 1024 bytes. */
int auth_password_policy(const char *pw) AG_MUST_CHECK;
/* auth_password_hash writes "$scrypt$ln=14,r=8,p=1$<salt>$<hash>" (base64url) into out. */
int auth_password_hash(const char *pw, char *out, size_t cap) AG_MUST_CHECK;
/* auth_password_verify: 0 on match, AG_EFORBIDDEN on mismatch, AG_EINVAL for a bad string.
 * A NULL phc still spends the same time (unknown users are not told apart by timing). */
int auth_password_verify(const char *pw, const char *phc) AG_MUST_CHECK;
/* auth_password_generate writes 20 random characters (~116 bits) into out. */
int auth_password_generate(char out[AUTH_GENPASS_SIZE]) AG_MUST_CHECK;

/* ---- throttle arithmetic (auth.c) ---- */
/* auth_throttle_wait: seconds before the next attempt is allowed, given n failures in the
 * window, the last at last_at; *locked = 1 when that wait is a lockout. */
int auth_throttle_wait(const struct auth_throttle *t, int n, long long last_at, long long now,
                       int *locked);

/* ---- users, login, setup (auth.c) ---- */
/* auth_user_create validates name, role and password (NULL = no password, SSO only).
 * AG_EINVAL (bad input), AG_ECONFLICT (name taken). */
int auth_user_create(struct db *db, const char *name, int role, const char *password,
                     long long *id) AG_MUST_CHECK;
/* auth_user_set_password checks the policy, stores the new hash and revokes every session of
 * the user except keep_session (0 = all). */
int auth_user_set_password(struct db *db, long long user_id, const char *password,
                           long long keep_session, long long now) AG_MUST_CHECK;
/* auth_login checks throttles for the account and address, then the password. 0 and *u on
 * success (failures of the account cleared); AG_EUNAUTH for a wrong name/password/disabled
 * account (failure recorded); AG_EBUSY when throttled (res says how long and whether locked). */
int auth_login(struct db *db, const char *name, const char *password, const char *address,
               long long now, struct auth_user *u, struct auth_login_result *res) AG_MUST_CHECK;
/* auth_setup_token_create makes (or replaces) the one-time setup token while no enabled admin
 * exists; AG_ECONFLICT otherwise. */
int auth_setup_token_create(struct db *db, long long now, char token[AUTH_TOKEN_SIZE])
    AG_MUST_CHECK;
/* auth_setup_complete consumes the token (single use) and creates the first admin.
 * AG_ECONFLICT: an admin exists; AG_EFORBIDDEN: wrong/expired token; AG_EINVAL: bad input. */
int auth_setup_complete(struct db *db, const char *token, const char *name, const char *password,
                        long long now, struct auth_user *u) AG_MUST_CHECK;
/* auth_identity_link is the single sign-on seam: the user linked to (provider, subject); else
 * the user with this e-mail when the provider verified it (the link is recorded); else a new
 * user with default_role (no password). AG_EFORBIDDEN when the linked user is disabled. */
int auth_identity_link(struct db *db, const char *provider, const char *subject,
                       const char *email, int email_verified, int default_role, long long now,
                       struct auth_user *u) AG_MUST_CHECK;

/* ---- sessions, CSRF, keys (auth.c) ---- */
int auth_session_create(struct db *db, long long user_id, long long now, const char *address,
                        const char *user_agent, char token[AUTH_TOKEN_SIZE], long long *id)
    AG_MUST_CHECK;
/* auth_session_lookup: AG_EUNAUTH for unknown, revoked, idle, expired or disabled. Touches the
 * session (last_seen) at most once a minute. */
int auth_session_lookup(struct db *db, const char *token, long long now, struct auth_user *u)
    AG_MUST_CHECK;
/* auth_session_lookup_s: the same, also giving the session row as read (before any touch). */
int auth_session_lookup_s(struct db *db, const char *token, long long now, struct auth_user *u,
                          struct auth_session *s) AG_MUST_CHECK;
/* auth_session_fresh: the session may be used at now without a database write (not expired,
 * not idle, touched less than a minute ago): 1, else 0. */
int auth_session_fresh(const struct auth_session *s, long long now);
/* auth_csrf_token: base64url HMAC-SHA256(server secret, "csrf|" + binding) where binding is
 * the session token (or a pre-session cookie) and the secret is auth_db_secret's (it never
 * changes once created, so a long-lived process may keep it). The web gate compares it with
 * the submitted token in constant time. */
int auth_csrf_token(const unsigned char secret[32], const char *binding,
                    char out[AUTH_TOKEN_SIZE]) AG_MUST_CHECK;
/* auth_key_create: a new key "agk_..." of scope (<= what the user's role allows), expires_at
 * 0 = never. AG_EINVAL for a bad name/scope. */
int auth_key_create(struct db *db, const struct auth_user *owner, const char *name, int scope,
                    long long expires_at, char key[AUTH_KEY_SIZE], long long *id) AG_MUST_CHECK;
/* auth_key_rotate replaces the secret of the owner's live key id; AG_ENOTFOUND otherwise. */
int auth_key_rotate(struct db *db, long long user_id, long long id, char key[AUTH_KEY_SIZE])
    AG_MUST_CHECK;
/* auth_key_lookup: AG_EUNAUTH for unknown, revoked, expired, or a disabled owner. */
int auth_key_lookup(struct db *db, const char *key, long long now, struct auth_user *u)
    AG_MUST_CHECK;
/* auth_event writes one audit row (security events and requests). Best effort: logs failures. */
void auth_event(struct db *db, const struct auth_audit *a);

/* ---- SQL (auth_db.c) ---- */
int auth_db_secret(struct db *db, unsigned char out[32]) AG_MUST_CHECK;
int auth_db_user_add(struct db *db, const char *name, const char *email, int role,
                     const char *phc, long long *id) AG_MUST_CHECK;
/* finders fill u and (when phc != NULL) the password hash ("" when none). AG_ENOTFOUND. */
int auth_db_user_by_name(struct db *db, const char *name, struct auth_user *u, char *phc,
                         size_t cap) AG_MUST_CHECK;
int auth_db_user_by_id(struct db *db, long long id, struct auth_user *u) AG_MUST_CHECK;
int auth_db_user_by_email(struct db *db, const char *email, struct auth_user *u) AG_MUST_CHECK;
int auth_db_user_set_hash(struct db *db, long long id, const char *phc) AG_MUST_CHECK;
int auth_db_user_set_role(struct db *db, long long id, int role) AG_MUST_CHECK;
int auth_db_user_set_disabled(struct db *db, long long id, int disabled) AG_MUST_CHECK;
int auth_db_user_list(struct db *db, auth_user_fn fn, void *ctx) AG_MUST_CHECK;
int auth_db_admin_count(struct db *db, int *n) AG_MUST_CHECK; /* enabled admins */
int auth_db_session_add(struct db *db, long long user_id, const char *hash, long long now,
                        const char *address, const char *user_agent, long long *id)
    AG_MUST_CHECK;
int auth_db_session_user(struct db *db, const char *hash, struct auth_session *s,
                         struct auth_user *u) AG_MUST_CHECK;
int auth_db_session_touch(struct db *db, long long id, long long now) AG_MUST_CHECK;
/* revoke one session of user_id (AG_ENOTFOUND if not theirs/live), or all but except */
int auth_db_session_revoke(struct db *db, long long user_id, long long id, long long now)
    AG_MUST_CHECK;
int auth_db_session_revoke_all(struct db *db, long long user_id, long long except, long long now)
    AG_MUST_CHECK;
int auth_db_session_list(struct db *db, long long user_id, long long now, auth_session_fn fn,
                         void *ctx) AG_MUST_CHECK;
int auth_db_key_add(struct db *db, long long user_id, const char *name, int scope,
                    const char *prefix, const char *hash, long long expires_at, long long *id)
    AG_MUST_CHECK;
int auth_db_key_find(struct db *db, const char *hash, struct auth_key *k) AG_MUST_CHECK;
int auth_db_key_touch(struct db *db, long long id, long long now) AG_MUST_CHECK;
int auth_db_key_rehash(struct db *db, long long user_id, long long id, const char *prefix,
                       const char *hash) AG_MUST_CHECK;
int auth_db_key_revoke(struct db *db, long long user_id, long long id, long long now)
    AG_MUST_CHECK;
int auth_db_key_list(struct db *db, long long user_id, auth_key_fn fn, void *ctx) AG_MUST_CHECK;
int auth_db_setup_set(struct db *db, const char *hash, long long expires_at) AG_MUST_CHECK;
/* auth_db_setup_take deletes the token row when hash matches and it has not expired:
 * 0, or AG_EFORBIDDEN. Call inside a transaction with the admin creation. */
int auth_db_setup_take(struct db *db, const char *hash, long long now) AG_MUST_CHECK;
int auth_db_failure_add(struct db *db, const char *subject, long long at) AG_MUST_CHECK;
int auth_db_failure_stats(struct db *db, const char *subject, long long since, int *n,
                          long long *last) AG_MUST_CHECK;
int auth_db_failure_clear(struct db *db, const char *subject) AG_MUST_CHECK;
/* auth_db_failure_prune forgets failures older than before (outside every throttle window) */
int auth_db_failure_prune(struct db *db, long long before) AG_MUST_CHECK;
int auth_db_identity_find(struct db *db, const char *provider, const char *subject,
                          long long *user_id) AG_MUST_CHECK;
int auth_db_identity_add(struct db *db, long long user_id, const char *provider,
                         const char *subject, const char *email, long long now) AG_MUST_CHECK;
int auth_db_audit_add(struct db *db, const struct auth_audit *a) AG_MUST_CHECK;
int auth_db_audit_list(struct db *db, const struct auth_audit_filter *f, auth_audit_fn fn,
                       void *ctx) AG_MUST_CHECK;

#endif
