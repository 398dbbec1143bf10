/* SPDX-License-Identifier: MIT */
/* auth.c - account policy on top of auth_db.c: names and roles, login with throttling, the
 * setup token, sessions (idle + absolute expiry), CSRF tokens, API keys and scopes, the SSO
 * linking seam, audit events. Tokens are random (crypt_token) and stored as SHA-256 hex. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../core/crypt.h"
#include "../core/log.h"
#include "auth.h"

/* Account: 3 free failures, then 2 s, 4 s, ... 30 s between tries; the 10th failure in 15 min
 * locks the account for 15 min. Address: looser, because an office NAT or proxy puts many
 * people behind one address: 10 free, lockout at 50. */
const struct auth_throttle auth_throttle_account = {3, 10, 900, 900, 30};
const struct auth_throttle auth_throttle_address = {10, 50, 900, 900, 30};

static const char *const role_names[] = {"none", "viewer", "editor", "admin"};
static const char *const scope_names[] = {"none", "read", "write", "admin"};

static int token_hash(const char *token, char hex[2 * CRYPT_SHA256_LEN + 1]);
static int throttle_check(struct db *db, const char *subject, const struct auth_throttle *t,
                          long long now, struct auth_login_result *res);

const char *
auth_role_name(int role)
{
    return role >= AUTH_VIEWER && role <= AUTH_ADMIN ? role_names[role] : role_names[0];
}

int
auth_role_parse(const char *s)
{
    for (int i = AUTH_VIEWER; s && i <= AUTH_ADMIN; i++) {
        if (strcmp(s, role_names[i]) == 0) {
            return i;
        }
    }
    return AUTH_NONE;
}

const char *
auth_scope_name(int scope)
{
    return scope >= AUTH_SCOPE_READ && scope <= AUTH_SCOPE_ADMIN ? scope_names[scope]
                                                                 : scope_names[0];
}

int
auth_scope_parse(const char *s)
{
    for (int i = AUTH_SCOPE_READ; s && i <= AUTH_SCOPE_ADMIN; i++) {
        if (strcmp(s, scope_names[i]) == 0) {
            return i;
        }
    }
    return 0;
}

int
auth_name_valid(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    return n >= 1 && n <= AUTH_NAME_MAX &&
           strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._@-") == n;
}

int
auth_scope_allows(int scope, const char *method, int admin_route)
{
    int safe = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    switch (scope) {
    case AUTH_SCOPE_READ: return safe;
    case AUTH_SCOPE_WRITE: return !admin_route;
    case AUTH_SCOPE_ADMIN: return 1;
    default: return 0;
    }
}

int
auth_throttle_wait(const struct auth_throttle *t, int n, long long last_at, long long now,
                   int *locked)
{
    *locked = 0;
    long long until = 0;
    if (n >= t->lock_after) {
        *locked = 1;
        until = last_at + t->lock_secs;
    } else if (n >= t->free_failures) {
        /* 2 s after the free ones, doubling: whole seconds, so never less than 2 */
        int shift = n - t->free_failures + 1;
        long long delay = shift >= 30 ? t->max_delay : 1LL << shift;
        until = last_at + (delay < t->max_delay ? delay : t->max_delay);
    }
    long long wait = until - now;
    if (wait <= 0) {
        *locked = 0;
        return 0;
    }
    return (int)wait;
}

static int
token_hash(const char *token, char hex[2 * CRYPT_SHA256_LEN + 1])
{
    if (!token || !*token || strlen(token) > 200) {
        return AG_EUNAUTH;
    }
    crypt_sha256_hex(token, strlen(token), hex);
    return 0;
}

int
auth_user_create(struct db *db, const char *name, int role, const char *password, long long *id)
{
    char phc[AUTH_PHC_SIZE] = "";
    if (!auth_name_valid(name) || role == AUTH_NONE) {
        return AG_EINVAL;
    }
    int rc = password ? auth_password_policy(password) : 0;
    if (rc == 0 && password) {
        rc = auth_password_hash(password, phc, sizeof(phc));
    }
    if (rc == 0) {
        rc = auth_db_user_add(db, name, NULL, role, phc, id);
    }
    return rc;
}

int
auth_user_set_password(struct db *db, long long user_id, const char *password,
                       long long keep_session, long long now)
{
    char phc[AUTH_PHC_SIZE];
    int rc = auth_password_policy(password);
    if (rc == 0) {
        rc = auth_password_hash(password, phc, sizeof(phc)); /* slow: outside the transaction */
    }
    if (rc == 0) {
        rc = db_tx_begin(db);
    }
    if (rc == 0) {
        rc = auth_db_user_set_hash(db, user_id, phc);
        if (rc == 0) {
            rc = auth_db_session_revoke_all(db, user_id, keep_session, now);
        }
        rc = rc == 0 ? db_tx_commit(db) : rc;
        if (rc < 0) {
            db_tx_rollback(db);
        }
    }
    return rc;
}

/* throttle_check: AG_EBUSY (res filled, keeping the larger wait) when subject must wait. */
static int
throttle_check(struct db *db, const char *subject, const struct auth_throttle *t, long long now,
               struct auth_login_result *res)
{
    int n = 0;
    long long last = 0;
    int rc = auth_db_failure_stats(db, subject, now - t->window, &n, &last);
    if (rc < 0) {
        return rc;
    }
    int locked = 0;
    int wait = auth_throttle_wait(t, n, last, now, &locked);
    if (wait > res->retry_after) {
        res->retry_after = wait;
    }
    res->locked |= locked;
    return wait > 0 ? AG_EBUSY : 0;
}

static void
subjects(const char *name, const char *address, char *user_subj, size_t ucap, char *addr_subj,
         size_t acap)
{
    snprintf(user_subj, ucap, "u:%.64s", name ? name : "");
    for (char *p = user_subj; *p; p++) {
        *p = (char)tolower((unsigned char)*p);
    }
    snprintf(addr_subj, acap, "a:%.60s", address && *address ? address : "-");
}

static int
record_failure(struct db *db, const char *usubj, const char *asubj, long long now,
               struct auth_login_result *res)
{
    int n = 0;
    long long last = 0;
    /* rows older than the longest window count for nothing: without this a guessing run
     * from many addresses would grow the table for ever */
    int window = auth_throttle_account.window > auth_throttle_address.window
                     ? auth_throttle_account.window
                     : auth_throttle_address.window;
    int rc = auth_db_failure_prune(db, now - window);
    if (rc == 0) {
        rc = auth_db_failure_add(db, usubj, now);
    }
    if (rc == 0) {
        rc = auth_db_failure_add(db, asubj, now);
    }
    if (rc == 0) {
        rc = auth_db_failure_stats(db, usubj, now - auth_throttle_account.window, &n, &last);
    }
    /* tell the caller when this very failure started a lockout (for the audit event) */
    res->locked = rc == 0 && n == auth_throttle_account.lock_after;
    return rc;
}

int
auth_login(struct db *db, const char *name, const char *password, const char *address,
           long long now, struct auth_user *u, struct auth_login_result *res)
{
    char usubj[80], asubj[80], phc[AUTH_PHC_SIZE] = "";
    memset(res, 0, sizeof(*res));
    subjects(name, address, usubj, sizeof(usubj), asubj, sizeof(asubj));
    int rc = throttle_check(db, usubj, &auth_throttle_account, now, res);
    int rc2 = throttle_check(db, asubj, &auth_throttle_address, now, res);
    if (rc < 0 || rc2 < 0) {
        return rc < 0 ? rc : rc2;
    }
    rc = auth_name_valid(name) ? auth_db_user_by_name(db, name, u, phc, sizeof(phc))
                               : AG_ENOTFOUND;
    if (rc < 0 && rc != AG_ENOTFOUND) {
        return rc;
    }
    int found = rc == 0;
    rc = auth_password_verify(password ? password : "", found ? phc : NULL);
    crypt_wipe(phc, sizeof(phc));
    if (rc == 0 && found && !u->disabled) {
        return auth_db_failure_clear(db, usubj);
    }
    if (rc < 0 && rc != AG_EFORBIDDEN && rc != AG_EINVAL) {
        return rc;
    }
    rc = record_failure(db, usubj, asubj, now, res);
    memset(u, 0, sizeof(*u));
    return rc < 0 ? rc : AG_EUNAUTH;
}

int
auth_setup_token_create(struct db *db, long long now, char token[AUTH_TOKEN_SIZE])
{
    int admins = 0;
    char hex[2 * CRYPT_SHA256_LEN + 1];
    int rc = auth_db_admin_count(db, &admins);
    if (rc == 0 && admins > 0) {
        rc = AG_ECONFLICT;
    }
    if (rc == 0) {
        rc = crypt_token(token, AUTH_TOKEN_SIZE, 32);
    }
    if (rc == 0) {
        rc = token_hash(token, hex);
    }
    if (rc == 0) {
        rc = auth_db_setup_set(db, hex, now + AUTH_SETUP_TTL);
    }
    return rc;
}

int
auth_setup_complete(struct db *db, const char *token, const char *name, const char *password,
                    long long now, struct auth_user *u)
{
    char hex[2 * CRYPT_SHA256_LEN + 1], phc[AUTH_PHC_SIZE];
    int admins = 0;
    long long id = 0;
    /* validate before taking the token, so a typo does not burn it */
    int rc = auth_name_valid(name) ? auth_password_policy(password) : AG_EINVAL;
    if (rc == 0) {
        rc = token_hash(token, hex) == 0 ? 0 : AG_EFORBIDDEN;
    }
    if (rc == 0) {
        rc = auth_password_hash(password, phc, sizeof(phc));
    }
    if (rc == 0) {
        rc = db_tx_begin(db);
    }
    if (rc < 0) {
        return rc;
    }
    rc = auth_db_admin_count(db, &admins);
    if (rc == 0 && admins > 0) {
        rc = AG_ECONFLICT;
    }
    if (rc == 0) {
        rc = auth_db_setup_take(db, hex, now);
    }
    if (rc == 0) {
        rc = auth_db_user_add(db, name, NULL, AUTH_ADMIN, phc, &id);
    }
    rc = rc == 0 ? db_tx_commit(db) : rc;
    if (rc < 0) {
        db_tx_rollback(db);
        return rc;
    }
    return auth_db_user_by_id(db, id, u);
}

/* new_user_name: a free, valid name from the e-mail's local part or the subject. */
static int
new_user_name(struct db *db, const char *email, const char *subject, char *out, size_t cap)
{
    char base[48];
    const char *src = email && *email ? email : subject;
    size_t n = 0;
    for (const char *p = src; *p && *p != '@' && n + 1 < sizeof(base); p++) {
        base[n++] = auth_name_valid((char[]){*p, 0}) ? *p : '-';
    }
    base[n] = '\0';
    for (int i = 1; i < 100; i++) {
        struct auth_user other;
        snprintf(out, cap, i == 1 ? "%s" : "%s-%d", n ? base : "user", i);
        int rc = auth_db_user_by_name(db, out, &other, NULL, 0);
        if (rc == AG_ENOTFOUND) {
            return 0;
        }
        if (rc < 0) {
            return rc;
        }
    }
    return AG_ECONFLICT;
}

static int
link_in_tx(struct db *db, const char *provider, const char *subject, const char *email,
           int email_verified, int default_role, long long now, struct auth_user *u)
{
    long long user_id = 0;
    int rc = auth_db_identity_find(db, provider, subject, &user_id);
    if (rc == 0) {
        return auth_db_user_by_id(db, user_id, u);
    }
    if (rc != AG_ENOTFOUND) {
        return rc;
    }
    rc = email_verified && email && *email ? auth_db_user_by_email(db, email, u) : AG_ENOTFOUND;
    if (rc == AG_ENOTFOUND) {
        char name[AUTH_NAME_MAX + 1];
        rc = new_user_name(db, email, subject, name, sizeof(name));
        if (rc == 0) {
            rc = auth_db_user_add(db, name, email_verified ? email : NULL, default_role, NULL,
                                  &user_id);
        }
        if (rc == 0) {
            rc = auth_db_user_by_id(db, user_id, u);
        }
    }
    if (rc == 0) {
        rc = auth_db_identity_add(db, u->id, provider, subject, email, now);
    }
    return rc;
}

int
auth_identity_link(struct db *db, const char *provider, const char *subject, const char *email,
                   int email_verified, int default_role, long long now, struct auth_user *u)
{
    if (!provider || !*provider || !subject || !*subject || default_role == AUTH_NONE) {
        return AG_EINVAL;
    }
    int rc = db_tx_begin(db);
    if (rc == 0) {
        rc = link_in_tx(db, provider, subject, email, email_verified, default_role, now, u);
        rc = rc == 0 ? db_tx_commit(db) : rc;
        if (rc < 0) {
            db_tx_rollback(db);
        }
    }
    if (rc == 0 && u->disabled) {
        rc = AG_EFORBIDDEN;
    }
    return rc;
}

int
auth_session_create(struct db *db, long long user_id, long long now, const char *address,
                    const char *user_agent, char token[AUTH_TOKEN_SIZE], long long *id)
{
    char hex[2 * CRYPT_SHA256_LEN + 1];
    int rc = crypt_token(token, AUTH_TOKEN_SIZE, 32);
    if (rc == 0) {
        rc = token_hash(token, hex);
    }
    if (rc == 0) {
        rc = auth_db_session_add(db, user_id, hex, now, address, user_agent, id);
    }
    return rc;
}

int
auth_session_lookup(struct db *db, const char *token, long long now, struct auth_user *u)
{
    struct auth_session s;
    return auth_session_lookup_s(db, token, now, u, &s);
}

#define AUTH_TOUCH_EVERY 60 /* seconds: a session's last_seen is written at most this often */

int
auth_session_fresh(const struct auth_session *s, long long now)
{
    return !s->revoked_at && now < s->expires_at && now - s->last_seen < AUTH_TOUCH_EVERY &&
           now - s->last_seen < AUTH_SESSION_IDLE;
}

int
auth_session_lookup_s(struct db *db, const char *token, long long now, struct auth_user *u,
                      struct auth_session *s)
{
    char hex[2 * CRYPT_SHA256_LEN + 1];
    int rc = token_hash(token, hex);
    if (rc == 0) {
        rc = auth_db_session_user(db, hex, s, u);
    }
    if (rc == 0 && (s->revoked_at || now >= s->expires_at || now - s->last_seen >= AUTH_SESSION_IDLE)) {
        rc = AG_EUNAUTH;
    }
    if (rc == 0 && u->disabled) {
        rc = AG_EUNAUTH;
    }
    if (rc == 0 && now - s->last_seen >= AUTH_TOUCH_EVERY) {
        rc = auth_db_session_touch(db, s->id, now); /* at most one write a minute */
    }
    if (rc == 0) {
        u->session_id = s->id;
    }
    return rc == AG_ENOTFOUND ? AG_EUNAUTH : rc;
}

int
auth_csrf_token(const unsigned char secret[32], const char *binding, char out[AUTH_TOKEN_SIZE])
{
    unsigned char mac[CRYPT_SHA256_LEN];
    char msg[256];
    int n = snprintf(msg, sizeof(msg), "csrf|%s", binding ? binding : "");
    int rc = (n < 0 || (size_t)n >= sizeof(msg) || !binding || !*binding) ? AG_EINVAL : 0;
    if (rc == 0) {
        rc = crypt_hmac_sha256(secret, 32, msg, (size_t)n, mac);
    }
    if (rc == 0) {
        crypt_b64url(mac, sizeof(mac), out);
    }
    crypt_wipe(mac, sizeof(mac));
    crypt_wipe(msg, sizeof(msg));
    return rc;
}

static int
new_key(char key[AUTH_KEY_SIZE], char prefix[16], char hex[2 * CRYPT_SHA256_LEN + 1])
{
    char token[AUTH_TOKEN_SIZE];
    int rc = crypt_token(token, sizeof(token), 32);
    if (rc == 0) {
        snprintf(key, AUTH_KEY_SIZE, AUTH_KEY_PREFIX "%s", token);
        snprintf(prefix, 16, "%.12s", key);
        rc = token_hash(key, hex);
    }
    crypt_wipe(token, sizeof(token));
    return rc;
}

int
auth_key_create(struct db *db, const struct auth_user *owner, const char *name, int scope,
                long long expires_at, char key[AUTH_KEY_SIZE], long long *id)
{
    char prefix[16], hex[2 * CRYPT_SHA256_LEN + 1];
    size_t n = name ? strlen(name) : 0;
    /* a key never carries more than its owner's role, nor more than the key creating it */
    if (n < 1 || n > 100 || scope < AUTH_SCOPE_READ || scope > owner->role ||
        (owner->key_id && scope > owner->key_scope)) {
        return AG_EINVAL;
    }
    int rc = new_key(key, prefix, hex);
    if (rc == 0) {
        rc = auth_db_key_add(db, owner->id, name, scope, prefix, hex, expires_at, id);
    }
    return rc;
}

int
auth_key_rotate(struct db *db, long long user_id, long long id, char key[AUTH_KEY_SIZE])
{
    char prefix[16], hex[2 * CRYPT_SHA256_LEN + 1];
    int rc = new_key(key, prefix, hex);
    if (rc == 0) {
        rc = auth_db_key_rehash(db, user_id, id, prefix, hex);
    }
    return rc;
}

int
auth_key_lookup(struct db *db, const char *key, long long now, struct auth_user *u)
{
    char hex[2 * CRYPT_SHA256_LEN + 1];
    struct auth_key k;
    int rc = key && strncmp(key, AUTH_KEY_PREFIX, 4) == 0 ? token_hash(key, hex) : AG_EUNAUTH;
    if (rc == 0) {
        rc = auth_db_key_find(db, hex, &k);
    }
    if (rc == 0 && (k.revoked_at || (k.expires_at && now >= k.expires_at))) {
        rc = AG_EUNAUTH;
    }
    if (rc == 0) {
        rc = auth_db_user_by_id(db, k.user_id, u);
    }
    if (rc == 0 && u->disabled) {
        rc = AG_EUNAUTH;
    }
    if (rc == 0 && now - k.last_used_at >= 60) {
        rc = auth_db_key_touch(db, k.id, now);
    }
    if (rc == 0) {
        u->key_id = k.id;
        u->key_scope = k.scope;
    }
    return rc == AG_ENOTFOUND ? AG_EUNAUTH : rc;
}

void
auth_event(struct db *db, const struct auth_audit *a)
{
    if (auth_db_audit_add(db, a) < 0) {
        log_msg(LOG_ERR, "m=audit err=cannot write action=%s", a->action);
    }
}
