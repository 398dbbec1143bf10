/* SPDX-License-Identifier: MIT */
/* auth_db.c - the SQL of accounts: users, sessions, API keys, identities, the setup token,
 * login failures, the audit log and the server secret. Plain structs in and out; values only
 * through bound parameters. No policy here (auth.c decides). */
#include <stdio.h>
#include <string.h>

#include "../core/crypt.h"
#include "auth.h"

#define USER_COLS "id, name, COALESCE(email, ''), role, disabled, created_at"

static void copy(char *dst, size_t cap, const char *src);
static void read_user(sqlite3_stmt *st, struct auth_user *u);
static int exec_done(sqlite3_stmt *st, int rc);
static int one_row(sqlite3_stmt *st, int rc, int (*fill)(sqlite3_stmt *, void *), void *out);

static void
copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

static void
read_user(sqlite3_stmt *st, struct auth_user *u)
{
    memset(u, 0, sizeof(*u));
    u->id = db_col_int(st, 0);
    copy(u->name, sizeof(u->name), db_col_text(st, 1));
    copy(u->email, sizeof(u->email), db_col_text(st, 2));
    u->role = auth_role_parse(db_col_text(st, 3));
    u->disabled = (int)db_col_int(st, 4);
    u->created_at = db_col_int(st, 5);
}

/* exec_done steps a bound statement that returns no rows and releases it. */
static int
exec_done(sqlite3_stmt *st, int rc)
{
    if (rc == 0) {
        rc = db_step(st);
        rc = rc > 0 ? 0 : rc;
    }
    db_stmt_done(st);
    return rc;
}

/* one_row steps once: fill(st, out) on a row, AG_ENOTFOUND when there is none. */
static int
one_row(sqlite3_stmt *st, int rc, int (*fill)(sqlite3_stmt *, void *), void *out)
{
    if (rc == 0) {
        rc = db_step_row(st);
        rc = rc ? rc : fill(st, out);
    }
    db_stmt_done(st);
    return rc;
}

/* read_secret: 1 = found and decoded into out, 0 = absent, AG_E* on error. */
static int
read_secret(struct db *db, unsigned char out[32])
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT value FROM settings WHERE key = 'auth.secret'", &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_step(st);
    if (rc == 1) {
        const char *v = db_col_text(st, 0);
        rc = strlen(v) == 64 ? 1 : AG_EDB;
        for (int i = 0; rc == 1 && i < 64; i++) {
            int c = v[i];
            int n = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (n < 0) {
                rc = AG_EDB;
            } else if (i % 2 == 0) {
                out[i / 2] = (unsigned char)(n << 4);
            } else {
                out[i / 2] |= (unsigned char)n;
            }
        }
    }
    db_stmt_done(st);
    return rc;
}

/* auth_db_secret reads the server secret, creating it on first use. The common case is one
 * read: a write on every request would serialise all workers on SQLite's write lock. */
int
auth_db_secret(struct db *db, unsigned char out[32])
{
    int rc = read_secret(db, out);
    if (rc != 0) {
        return rc < 0 ? rc : 0;
    }
    unsigned char raw[32];
    char hex[65];
    sqlite3_stmt *st = NULL;
    rc = crypt_random(raw, sizeof(raw));
    crypt_hex(raw, sizeof(raw), hex);
    crypt_wipe(raw, sizeof(raw));
    if (rc == 0) {
        rc = db_prepare(db, "INSERT OR IGNORE INTO settings (key, value) VALUES ('auth.secret', ?)",
                        &st);
        rc = exec_done(st, rc == 0 ? db_bind_text(st, 1, hex) : rc);
    }
    crypt_wipe(hex, sizeof(hex));
    if (rc == 0) {
        rc = read_secret(db, out) == 1 ? 0 : AG_EDB; /* another process may have won the race */
    }
    return rc;
}

int
auth_db_user_add(struct db *db, const char *name, const char *email, int role, const char *phc,
                 long long *id)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO users (name, email, role, password_hash) VALUES (?, ?, ?, ?) "
                        "RETURNING id",
                        &st);
    if (rc == 0) {
        rc = db_bind_text(st, 1, name);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 2, email && *email ? email : NULL);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 3, auth_role_name(role));
    }
    if (rc == 0) {
        rc = db_bind_text(st, 4, phc && *phc ? phc : NULL);
    }
    if (rc == 0) {
        rc = db_step(st);
        if (rc == 1) {
            *id = db_col_int(st, 0);
            rc = 0;
        } else if (rc == 0) {
            rc = AG_EDB;
        }
    }
    db_stmt_done(st);
    return rc;
}

static int
fill_user(sqlite3_stmt *st, void *out)
{
    read_user(st, out);
    return 0;
}

struct user_phc {
    struct auth_user *u;
    char *phc;
    size_t cap;
};

static int
fill_user_phc(sqlite3_stmt *st, void *out)
{
    struct user_phc *up = out;
    read_user(st, up->u);
    if (up->phc) {
        copy(up->phc, up->cap, db_col_text(st, 6));
    }
    return 0;
}

int
auth_db_user_by_name(struct db *db, const char *name, struct auth_user *u, char *phc, size_t cap)
{
    sqlite3_stmt *st = NULL;
    struct user_phc up = {u, phc, cap};
    int rc = db_prepare(db,
                        "SELECT " USER_COLS ", COALESCE(password_hash, '') FROM users "
                        "WHERE name = ?",
                        &st);
    return one_row(st, rc == 0 ? db_bind_text(st, 1, name) : rc, fill_user_phc, &up);
}

int
auth_db_user_by_id(struct db *db, long long id, struct auth_user *u)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT " USER_COLS " FROM users WHERE id = ?", &st);
    return one_row(st, rc == 0 ? db_bind_int(st, 1, id) : rc, fill_user, u);
}

int
auth_db_user_by_email(struct db *db, const char *email, struct auth_user *u)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT " USER_COLS " FROM users WHERE email = ?", &st);
    return one_row(st, rc == 0 ? db_bind_text(st, 1, email) : rc, fill_user, u);
}

/* set_user_field runs "UPDATE users SET <x> = ?2, updated_at = unixepoch() WHERE id = ?1". */
static int
set_user_field(struct db *db, const char *sql, long long id, const char *text, long long num,
               int is_text)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, sql, &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, id);
    }
    if (rc == 0) {
        rc = is_text ? db_bind_text(st, 2, text) : db_bind_int(st, 2, num);
    }
    if (rc == 0) {
        rc = db_step_row(st);
    }
    db_stmt_done(st);
    return rc;
}

int
auth_db_user_set_hash(struct db *db, long long id, const char *phc)
{
    return set_user_field(db,
                          "UPDATE users SET password_hash = ?2, updated_at = unixepoch() "
                          "WHERE id = ?1 RETURNING id",
                          id, phc, 0, 1);
}

int
auth_db_user_set_role(struct db *db, long long id, int role)
{
    return set_user_field(db,
                          "UPDATE users SET role = ?2, updated_at = unixepoch() WHERE id = ?1 "
                          "RETURNING id",
                          id, auth_role_name(role), 0, 1);
}

int
auth_db_user_set_disabled(struct db *db, long long id, int disabled)
{
    return set_user_field(db,
                          "UPDATE users SET disabled = ?2, updated_at = unixepoch() WHERE id = ?1 "
                          "RETURNING id",
                          id, NULL, disabled ? 1 : 0, 0);
}

int
auth_db_user_list(struct db *db, auth_user_fn fn, void *ctx)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT " USER_COLS " FROM users ORDER BY name", &st);
    while (rc == 0 && (rc = db_step(st)) == 1) {
        struct auth_user u;
        read_user(st, &u);
        rc = fn(ctx, &u);
    }
    db_stmt_done(st);
    return rc;
}

int
auth_db_admin_count(struct db *db, int *n)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0",
                        &st);
    if (rc == 0) {
        rc = db_step(st);
        *n = rc == 1 ? (int)db_col_int(st, 0) : 0;
        rc = rc == 1 ? 0 : rc == 0 ? AG_EDB : rc;
    }
    db_stmt_done(st);
    return rc;
}

int
auth_db_session_add(struct db *db, long long user_id, const char *hash, long long now,
                    const char *address, const char *user_agent, long long *id)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO sessions (user_id, token_hash, created_at, last_seen, "
                        "expires_at, address, user_agent) VALUES (?1, ?2, ?3, ?3, ?4, ?5, "
                        "substr(?6, 1, 199)) RETURNING id",
                        &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, user_id);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 2, hash);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 3, now);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 4, now + AUTH_SESSION_MAX);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 5, address);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 6, user_agent);
    }
    if (rc == 0) {
        rc = db_step(st);
        *id = rc == 1 ? db_col_int(st, 0) : 0;
        rc = rc == 1 ? 0 : rc == 0 ? AG_EDB : rc;
    }
    db_stmt_done(st);
    return rc;
}

/* read_session reads the SESSION_COLS that start at column base */
static void
read_session(sqlite3_stmt *st, int base, struct auth_session *s)
{
    memset(s, 0, sizeof(*s));
    s->id = db_col_int(st, base + 0);
    s->user_id = db_col_int(st, base + 1);
    s->created_at = db_col_int(st, base + 2);
    s->last_seen = db_col_int(st, base + 3);
    s->expires_at = db_col_int(st, base + 4);
    s->revoked_at = db_col_int(st, base + 5);
    copy(s->address, sizeof(s->address), db_col_text(st, base + 6));
    copy(s->user_agent, sizeof(s->user_agent), db_col_text(st, base + 7));
}

static int
fill_session(sqlite3_stmt *st, void *out)
{
    read_session(st, 0, out);
    return 0;
}

struct session_user {
    struct auth_session *s;
    struct auth_user *u;
};

static int
fill_session_user(sqlite3_stmt *st, void *out)
{
    struct session_user *su = out;
    read_user(st, su->u); /* USER_COLS first, SESSION_COLS from column 6 */
    read_session(st, 6, su->s);
    return 0;
}

#define SESSION_COLS                                                                               \
    "id, user_id, created_at, last_seen, expires_at, COALESCE(revoked_at, 0), "                    \
    "COALESCE(address, ''), COALESCE(user_agent, '')"

/* one statement (one read transaction) for the lookup every signed-in request makes */
int
auth_db_session_user(struct db *db, const char *hash, struct auth_session *s, struct auth_user *u)
{
    sqlite3_stmt *st = NULL;
    struct session_user su = {s, u};
    int rc = db_prepare(db,
                        "SELECT u.id, u.name, COALESCE(u.email, ''), u.role, u.disabled, "
                        "u.created_at, s.id, s.user_id, s.created_at, s.last_seen, s.expires_at, "
                        "COALESCE(s.revoked_at, 0), COALESCE(s.address, ''), "
                        "COALESCE(s.user_agent, '') FROM sessions s JOIN users u ON u.id = "
                        "s.user_id WHERE s.token_hash = ?",
                        &st);
    return one_row(st, rc == 0 ? db_bind_text(st, 1, hash) : rc, fill_session_user, &su);
}

int
auth_db_session_touch(struct db *db, long long id, long long now)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "UPDATE sessions SET last_seen = ?2 WHERE id = ?1", &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, id);
    }
    return exec_done(st, rc == 0 ? db_bind_int(st, 2, now) : rc);
}

int
auth_db_session_revoke(struct db *db, long long user_id, long long id, long long now)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "UPDATE sessions SET revoked_at = ?3 WHERE id = ?2 AND user_id = ?1 "
                        "AND revoked_at IS NULL RETURNING id",
                        &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, user_id);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 2, id);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 3, now);
    }
    if (rc == 0) {
        rc = db_step_row(st);
    }
    db_stmt_done(st);
    return rc;
}

int
auth_db_session_revoke_all(struct db *db, long long user_id, long long except, long long now)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "UPDATE sessions SET revoked_at = ?3 WHERE user_id = ?1 AND id != ?2 "
                        "AND revoked_at IS NULL",
                        &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, user_id);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 2, except);
    }
    return exec_done(st, rc == 0 ? db_bind_int(st, 3, now) : rc);
}

int
auth_db_session_list(struct db *db, long long user_id, long long now, auth_session_fn fn,
                     void *ctx)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT " SESSION_COLS " FROM sessions WHERE user_id = ?1 AND revoked_at "
                        "IS NULL AND expires_at > ?2 AND last_seen > ?2 - ?3 ORDER BY last_seen "
                        "DESC LIMIT 100",
                        &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, user_id);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 2, now);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 3, AUTH_SESSION_IDLE);
    }
    while (rc == 0 && (rc = db_step(st)) == 1) {
        struct auth_session s;
        AG_IGNORE(fill_session(st, &s));
        rc = fn(ctx, &s);
    }
    db_stmt_done(st);
    return rc;
}

int
auth_db_key_add(struct db *db, long long user_id, const char *name, int scope, const char *prefix,
                const char *hash, long long expires_at, long long *id)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO api_keys (user_id, name, scope, prefix, key_hash, expires_at) "
                        "VALUES (?, ?, ?, ?, ?, NULLIF(?, 0)) RETURNING id",
                        &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, user_id);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 2, name);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 3, auth_scope_name(scope));
    }
    if (rc == 0) {
        rc = db_bind_text(st, 4, prefix);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 5, hash);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 6, expires_at);
    }
    if (rc == 0) {
        rc = db_step(st);
        *id = rc == 1 ? db_col_int(st, 0) : 0;
        rc = rc == 1 ? 0 : rc == 0 ? AG_EDB : rc;
    }
    db_stmt_done(st);
    return rc;
}

#define KEY_COLS                                                                                   \
    "id, user_id, name, prefix, scope, created_at, COALESCE(expires_at, 0), "                      \
    "COALESCE(last_used_at, 0), COALESCE(revoked_at, 0)"

static int
fill_key(sqlite3_stmt *st, void *out)
{
    struct auth_key *k = out;
    memset(k, 0, sizeof(*k));
    k->id = db_col_int(st, 0);
    k->user_id = db_col_int(st, 1);
    copy(k->name, sizeof(k->name), db_col_text(st, 2));
    copy(k->prefix, sizeof(k->prefix), db_col_text(st, 3));
    k->scope = auth_scope_parse(db_col_text(st, 4));
    k->created_at = db_col_int(st, 5);
    k->expires_at = db_col_int(st, 6);
    k->last_used_at = db_col_int(st, 7);
    k->revoked_at = db_col_int(st, 8);
    return 0;
}

int
auth_db_key_find(struct db *db, const char *hash, struct auth_key *k)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT " KEY_COLS " FROM api_keys WHERE key_hash = ?", &st);
    return one_row(st, rc == 0 ? db_bind_text(st, 1, hash) : rc, fill_key, k);
}

int
auth_db_key_touch(struct db *db, long long id, long long now)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "UPDATE api_keys SET last_used_at = ?2 WHERE id = ?1", &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, id);
    }
    return exec_done(st, rc == 0 ? db_bind_int(st, 2, now) : rc);
}

/* key_update runs sql with ?1 user, ?2 id and some of ?3 ?4 (text) ?5 (int); AG_ENOTFOUND
 * when no live key of that user matched. */
static int
key_update(struct db *db, const char *sql, long long user_id, long long id, const char *t1,
           const char *t2, long long n)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, sql, &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, user_id);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 2, id);
    }
    /* each statement uses a subset of ?3..?5; binding a missing index is an error */
    int n_params = st ? sqlite3_bind_parameter_count(st) : 0;
    if (rc == 0 && n_params >= 4) {
        rc = db_bind_text(st, 3, t1);
    }
    if (rc == 0 && n_params >= 4) {
        rc = db_bind_text(st, 4, t2);
    }
    if (rc == 0 && n_params >= 5) {
        rc = db_bind_int(st, 5, n);
    }
    if (rc == 0) {
        rc = db_step_row(st);
    }
    db_stmt_done(st);
    return rc;
}

int
auth_db_key_rehash(struct db *db, long long user_id, long long id, const char *prefix,
                   const char *hash)
{
    return key_update(db,
                      "UPDATE api_keys SET prefix = ?3, key_hash = ?4, last_used_at = NULL "
                      "WHERE user_id = ?1 AND id = ?2 AND revoked_at IS NULL "
                      "RETURNING id",
                      user_id, id, prefix, hash, 0);
}

int
auth_db_key_revoke(struct db *db, long long user_id, long long id, long long now)
{
    return key_update(db,
                      "UPDATE api_keys SET revoked_at = ?5 WHERE user_id = ?1 AND id = ?2 "
                      "AND revoked_at IS NULL RETURNING id",
                      user_id, id, NULL, NULL, now);
}

int
auth_db_key_list(struct db *db, long long user_id, auth_key_fn fn, void *ctx)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT " KEY_COLS " FROM api_keys WHERE user_id = ? ORDER BY "
                        "revoked_at IS NOT NULL, id DESC LIMIT 200",
                        &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, user_id);
    }
    while (rc == 0 && (rc = db_step(st)) == 1) {
        struct auth_key k;
        AG_IGNORE(fill_key(st, &k));
        rc = fn(ctx, &k);
    }
    db_stmt_done(st);
    return rc;
}

int
auth_db_setup_set(struct db *db, const char *hash, long long expires_at)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO setup_token (id, token_hash, expires_at) VALUES (1, ?1, ?2) "
                        "ON CONFLICT (id) DO UPDATE SET token_hash = ?1, expires_at = ?2",
                        &st);
    if (rc == 0) {
        rc = db_bind_text(st, 1, hash);
    }
    return exec_done(st, rc == 0 ? db_bind_int(st, 2, expires_at) : rc);
}

int
auth_db_setup_take(struct db *db, const char *hash, long long now)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "DELETE FROM setup_token WHERE token_hash = ?1 AND expires_at > ?2 "
                        "RETURNING id",
                        &st);
    if (rc == 0) {
        rc = db_bind_text(st, 1, hash);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 2, now);
    }
    if (rc == 0) {
        rc = db_step(st);
        rc = rc == 1 ? 0 : rc == 0 ? AG_EFORBIDDEN : rc;
    }
    db_stmt_done(st);
    return rc;
}

int
auth_db_failure_add(struct db *db, const char *subject, long long at)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "INSERT INTO login_failures (subject, at) VALUES (?, ?)", &st);
    if (rc == 0) {
        rc = db_bind_text(st, 1, subject);
    }
    return exec_done(st, rc == 0 ? db_bind_int(st, 2, at) : rc);
}

int
auth_db_failure_prune(struct db *db, long long before)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "DELETE FROM login_failures WHERE at < ?", &st);
    return exec_done(st, rc == 0 ? db_bind_int(st, 1, before) : rc);
}

int
auth_db_failure_stats(struct db *db, const char *subject, long long since, int *n,
                      long long *last)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT count(*), COALESCE(max(at), 0) FROM login_failures "
                        "WHERE subject = ? AND at >= ?",
                        &st);
    if (rc == 0) {
        rc = db_bind_text(st, 1, subject);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 2, since);
    }
    if (rc == 0) {
        rc = db_step(st);
        *n = rc == 1 ? (int)db_col_int(st, 0) : 0;
        *last = rc == 1 ? db_col_int(st, 1) : 0;
        rc = rc == 1 ? 0 : rc == 0 ? AG_EDB : rc;
    }
    db_stmt_done(st);
    return rc;
}

int
auth_db_failure_clear(struct db *db, const char *subject)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "DELETE FROM login_failures WHERE subject = ?", &st);
    return exec_done(st, rc == 0 ? db_bind_text(st, 1, subject) : rc);
}

int
auth_db_identity_find(struct db *db, const char *provider, const char *subject, long long *user_id)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT user_id FROM identities WHERE provider = ? AND subject = ?",
                        &st);
    if (rc == 0) {
        rc = db_bind_text(st, 1, provider);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 2, subject);
    }
    if (rc == 0) {
        rc = db_step_row(st);
        *user_id = rc == 0 ? db_col_int(st, 0) : 0;
    }
    db_stmt_done(st);
    return rc;
}

int
auth_db_identity_add(struct db *db, long long user_id, const char *provider, const char *subject,
                     const char *email, long long now)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO identities (user_id, provider, subject, email, created_at, "
                        "last_login) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                        &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, user_id);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 2, provider);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 3, subject);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 4, email);
    }
    return exec_done(st, rc == 0 ? db_bind_int(st, 5, now) : rc);
}

int
auth_db_audit_add(struct db *db, const struct auth_audit *a)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO audit_log (at, actor_id, actor, action, target, address, "
                        "user_agent, status) VALUES (?, NULLIF(?, 0), ?, substr(?, 1, 200), "
                        "substr(?, 1, 400), ?, substr(?, 1, 200), ?)",
                        &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, a->at);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 2, a->actor_id);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 3, a->actor ? a->actor : "");
    }
    if (rc == 0) {
        rc = db_bind_text(st, 4, a->action);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 5, a->target ? a->target : "");
    }
    if (rc == 0) {
        rc = db_bind_text(st, 6, a->address ? a->address : "");
    }
    if (rc == 0) {
        rc = db_bind_text(st, 7, a->user_agent ? a->user_agent : "");
    }
    return exec_done(st, rc == 0 ? db_bind_int(st, 8, a->status) : rc);
}

int
auth_db_audit_list(struct db *db, const struct auth_audit_filter *f, auth_audit_fn fn, void *ctx)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT id, at, COALESCE(actor_id, 0), actor, action, target, address, "
                        "user_agent, status FROM audit_log WHERE (?1 = '' OR actor = ?1) AND "
                        "(?2 = '' OR instr(action, ?2) > 0) AND at >= ?3 AND (?4 = 0 OR at < ?4) "
                        "ORDER BY id DESC LIMIT ?5",
                        &st);
    if (rc == 0) {
        rc = db_bind_text(st, 1, f->actor ? f->actor : "");
    }
    if (rc == 0) {
        rc = db_bind_text(st, 2, f->action ? f->action : "");
    }
    if (rc == 0) {
        rc = db_bind_int(st, 3, f->from);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 4, f->to);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 5, f->limit > 0 ? f->limit : 200);
    }
    while (rc == 0 && (rc = db_step(st)) == 1) {
        struct auth_audit a = {db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 2),
                               db_col_text(st, 3), db_col_text(st, 4), db_col_text(st, 5),
                               db_col_text(st, 6), db_col_text(st, 7), (int)db_col_int(st, 8)};
        rc = fn(ctx, &a);
    }
    db_stmt_done(st);
    return rc;
}
