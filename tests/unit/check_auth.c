/* SPDX-License-Identifier: MIT */
/* check_auth.c - cgi/auth (passwords, sessions, CSRF, keys and scopes, throttling, setup token,
 * SSO linking) and the gate in dispatch (redirects, 401/403, CSRF, cookies, CORS, audit). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../cgi/auth/auth.h"
#include "../../cgi/web/auth_gate.h"
#include "../../cgi/web/dispatch.h"
#include "../../cgi/web/page_cache.h"

static struct app app;
static struct arena *ar;
static const long long T0 = 1700000000;

static void
setup(void)
{
    memset(&app, 0, sizeof(app));
    cfg_defaults(&app.cfg);
    snprintf(app.tmpl_root, sizeof(app.tmpl_root), "templates/web");
    ck_assert_int_eq(db_open(":memory:", &app.db), 0);
    int applied = 0;
    ck_assert_int_eq(db_migrate(app.db, "sql", &applied), 0);
    ck_assert_int_eq(db_latest_migration("sql", &app.schema_latest), 0);
    ar = arena_new(1 << 20);
}

static void
teardown(void)
{
    arena_free(ar);
    db_close(app.db);
}

static long long
add_user(const char *name, int role, const char *pw)
{
    long long id = 0;
    ck_assert_int_eq(auth_user_create(app.db, name, role, pw, &id), 0);
    return id;
}

/* run one request with up to three extra env entries ("NAME=value" or NULL) */
static int
run(const char *method, const char *uri, const char *ctype, const char *body, struct buf *out,
    const char *x1, const char *x2, const char *x3)
{
    char m[64], u[512], c[256], h[] = "HTTP_HOST=ag.test", a[] = "REMOTE_ADDR=10.0.0.9";
    char e1[256], e2[256], e3[256];
    snprintf(m, sizeof(m), "REQUEST_METHOD=%s", method);
    snprintf(u, sizeof(u), "DOCUMENT_URI=%s", uri);
    snprintf(c, sizeof(c), "CONTENT_TYPE=%s", ctype ? ctype : "");
    snprintf(e1, sizeof(e1), "%s", x1 ? x1 : "X_1=1");
    snprintf(e2, sizeof(e2), "%s", x2 ? x2 : "X_2=1");
    snprintf(e3, sizeof(e3), "%s", x3 ? x3 : "X_3=1");
    char *envp[] = {m, u, c, h, a, e1, e2, e3, NULL};
    buf_reset(out);
    arena_reset(ar);
    return web_handle(&app, ar, envp, body, body ? strlen(body) : 0, out);
}

START_TEST(test_auth_password_hash_verify)
{
    char phc[AUTH_PHC_SIZE], gen[AUTH_GENPASS_SIZE];
    ck_assert_int_eq(auth_password_hash("correct horse battery", phc, sizeof(phc)), 0);
    ck_assert(strncmp(phc, "$scrypt$ln=14,r=8,p=1$", 22) == 0);
    ck_assert_int_eq(auth_password_verify("correct horse battery", phc), 0);
    ck_assert_int_eq(auth_password_verify("correct horse batterY", phc), AG_EFORBIDDEN);
    ck_assert_int_eq(auth_password_verify("correct horse battery", NULL), AG_EFORBIDDEN);
    ck_assert_int_eq(auth_password_verify("x", "$bcrypt$nope"), AG_EINVAL);
    char other[AUTH_PHC_SIZE];
    ck_assert_int_eq(auth_password_hash("correct horse battery", other, sizeof(other)), 0);
    ck_assert_str_ne(phc, other); /* salted */
    ck_assert_int_eq(auth_password_policy("short-11chr"), AG_EINVAL);
    ck_assert_int_eq(auth_password_policy("twelve-chars"), 0);
    ck_assert_int_eq(auth_password_generate(gen), 0);
    ck_assert_uint_eq(strlen(gen), 20);
}
END_TEST

START_TEST(test_auth_session_expiry_and_revoke)
{
    long long uid = add_user("ann", AUTH_EDITOR, "ann-password-1"), sid = 0, sid2 = 0;
    char tok[AUTH_TOKEN_SIZE], tok2[AUTH_TOKEN_SIZE];
    struct auth_user u;
    ck_assert_int_eq(auth_session_create(app.db, uid, T0, "1.2.3.4", "ua", tok, &sid), 0);
    ck_assert_uint_eq(strlen(tok), AUTH_TOKEN_LEN); /* 256 bits */
    ck_assert_int_eq(auth_session_lookup(app.db, tok, T0 + 10, &u), 0);
    ck_assert_str_eq(u.name, "ann");
    ck_assert_int_eq(u.session_id, sid);
    ck_assert_int_eq(auth_session_lookup(app.db, "not-a-token", T0, &u), AG_EUNAUTH);
    /* idle: 12 h without use */
    ck_assert_int_eq(auth_session_lookup(app.db, tok, T0 + 10 + AUTH_SESSION_IDLE, &u), AG_EUNAUTH);
    /* absolute: used every 11 h, still gone after 7 days */
    ck_assert_int_eq(auth_session_create(app.db, uid, T0, "", "", tok2, &sid2), 0);
    long long t = T0;
    for (; t < T0 + AUTH_SESSION_MAX - 11 * 3600; t += 11 * 3600) {
        ck_assert_int_eq(auth_session_lookup(app.db, tok2, t, &u), 0);
    }
    ck_assert_int_eq(auth_session_lookup(app.db, tok2, T0 + AUTH_SESSION_MAX, &u), AG_EUNAUTH);
    /* revoke on password change, except the session that changed it */
    ck_assert_int_eq(auth_session_create(app.db, uid, T0, "", "", tok, &sid), 0);
    ck_assert_int_eq(auth_session_create(app.db, uid, T0, "", "", tok2, &sid2), 0);
    ck_assert_int_eq(auth_user_set_password(app.db, uid, "ann-password-2", sid, T0 + 5), 0);
    ck_assert_int_eq(auth_session_lookup(app.db, tok, T0 + 6, &u), 0);
    ck_assert_int_eq(auth_session_lookup(app.db, tok2, T0 + 6, &u), AG_EUNAUTH);
    ck_assert_int_eq(auth_db_session_revoke(app.db, uid, sid, T0 + 7), 0); /* logout */
    ck_assert_int_eq(auth_session_lookup(app.db, tok, T0 + 8, &u), AG_EUNAUTH);
    /* disabled users lose their sessions */
    ck_assert_int_eq(auth_session_create(app.db, uid, T0, "", "", tok, &sid), 0);
    ck_assert_int_eq(auth_db_user_set_disabled(app.db, uid, 1), 0);
    ck_assert_int_eq(auth_session_lookup(app.db, tok, T0 + 1, &u), AG_EUNAUTH);
}
END_TEST

START_TEST(test_auth_csrf_token)
{
    unsigned char key[32], again[32], other[32];
    char a[AUTH_TOKEN_SIZE], b[AUTH_TOKEN_SIZE], c[AUTH_TOKEN_SIZE];
    ck_assert_int_eq(auth_db_secret(app.db, key), 0);
    ck_assert_int_eq(auth_db_secret(app.db, again), 0);
    ck_assert_mem_eq(key, again, sizeof(key)); /* created once: a worker may keep it */
    memset(other, 0x5a, sizeof(other));
    ck_assert_int_eq(auth_csrf_token(key, "session-one", a), 0);
    ck_assert_int_eq(auth_csrf_token(key, "session-two", b), 0);
    ck_assert_str_ne(a, b); /* bound to the session */
    ck_assert_int_eq(auth_csrf_token(key, "session-one", c), 0);
    ck_assert_str_eq(a, c); /* the gate recomputes it for the check */
    ck_assert_int_eq(auth_csrf_token(other, "session-one", c), 0);
    ck_assert_str_ne(a, c); /* bound to the server secret */
    ck_assert_int_eq(auth_csrf_token(key, "", a), AG_EINVAL);
    ck_assert_int_eq(auth_csrf_token(key, NULL, a), AG_EINVAL);
}
END_TEST

START_TEST(test_auth_key_scopes)
{
    ck_assert(auth_scope_allows(AUTH_SCOPE_READ, "GET", 0));
    ck_assert(auth_scope_allows(AUTH_SCOPE_READ, "HEAD", 1));
    ck_assert(!auth_scope_allows(AUTH_SCOPE_READ, "POST", 0));
    ck_assert(auth_scope_allows(AUTH_SCOPE_WRITE, "DELETE", 0));
    ck_assert(!auth_scope_allows(AUTH_SCOPE_WRITE, "GET", 1));
    ck_assert(auth_scope_allows(AUTH_SCOPE_ADMIN, "POST", 1));
    ck_assert(!auth_scope_allows(0, "GET", 0));
    struct auth_user viewer = {0}, u;
    viewer.id = add_user("val", AUTH_VIEWER, NULL);
    viewer.role = AUTH_VIEWER;
    char key[AUTH_KEY_SIZE], key2[AUTH_KEY_SIZE];
    long long id = 0;
    ck_assert_int_eq(auth_key_create(app.db, &viewer, "ci", AUTH_SCOPE_WRITE, 0, key, &id), AG_EINVAL);
    ck_assert_int_eq(auth_key_create(app.db, &viewer, "ci", AUTH_SCOPE_READ, T0 + 100, key, &id), 0);
    ck_assert(strncmp(key, "agk_", 4) == 0);
    ck_assert_int_eq(auth_key_lookup(app.db, key, T0, &u), 0);
    ck_assert_int_eq(u.key_scope, AUTH_SCOPE_READ);
    ck_assert_int_eq(u.key_id, id);
    ck_assert_int_eq(auth_key_lookup(app.db, key, T0 + 100, &u), AG_EUNAUTH); /* expired */
    ck_assert_int_eq(auth_key_rotate(app.db, viewer.id, id, key2), 0);
    ck_assert_int_eq(auth_key_lookup(app.db, key, T0, &u), AG_EUNAUTH);
    ck_assert_int_eq(auth_key_lookup(app.db, key2, T0, &u), 0);
    ck_assert_int_eq(auth_db_key_revoke(app.db, viewer.id + 1, id, T0), AG_ENOTFOUND); /* not theirs */
    ck_assert_int_eq(auth_db_key_revoke(app.db, viewer.id, id, T0), 0);
    ck_assert_int_eq(auth_key_lookup(app.db, key2, T0, &u), AG_EUNAUTH);
    ck_assert_int_eq(auth_key_lookup(app.db, "agk_nope", T0, &u), AG_EUNAUTH);
}
END_TEST

START_TEST(test_auth_throttle_arithmetic)
{
    const struct auth_throttle *t = &auth_throttle_account;
    int locked = 0;
    ck_assert_int_eq(auth_throttle_wait(t, 2, T0, T0, &locked), 0);
    ck_assert_int_eq(auth_throttle_wait(t, 3, T0, T0, &locked), 2);
    ck_assert_int_eq(auth_throttle_wait(t, 4, T0, T0, &locked), 4);
    ck_assert_int_eq(auth_throttle_wait(t, 4, T0, T0 + 4, &locked), 0);
    ck_assert_int_eq(auth_throttle_wait(t, 9, T0, T0, &locked), 30); /* capped */
    ck_assert(!locked);
    ck_assert_int_eq(auth_throttle_wait(t, 10, T0, T0 + 60, &locked), 840);
    ck_assert(locked);
    ck_assert_int_eq(auth_throttle_wait(t, 10, T0, T0 + 900, &locked), 0);
    ck_assert(!locked);
    /* end to end: 3 wrong, then even the right password must wait; 10 failures lock */
    add_user("bob", AUTH_VIEWER, "bob-password-1");
    struct auth_user u;
    struct auth_login_result res;
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(auth_login(app.db, "bob", "wrong-password", "10.0.0.1", T0 + i, &u, &res), AG_EUNAUTH);
    }
    ck_assert_int_eq(auth_login(app.db, "bob", "bob-password-1", "10.0.0.1", T0 + 2, &u, &res), AG_EBUSY);
    ck_assert_int_eq(res.retry_after, 2);
    ck_assert_int_eq(auth_login(app.db, "BOB", "bob-password-1", "10.0.0.1", T0 + 5, &u, &res), 0);
    ck_assert_str_eq(u.name, "bob");
    for (int i = 0; i < 10; i++) {
        ck_assert_int_eq(auth_db_failure_add(app.db, "u:bob", T0 + 100), 0);
    }
    ck_assert_int_eq(auth_login(app.db, "bob", "bob-password-1", "10.0.0.2", T0 + 101, &u, &res), AG_EBUSY);
    ck_assert(res.locked);
    ck_assert_int_eq(res.retry_after, 899);
    ck_assert_int_eq(auth_login(app.db, "bob", "bob-password-1", "10.0.0.2", T0 + 1000, &u, &res), 0);
    ck_assert_int_eq(auth_login(app.db, "nobody", "whatever-pass", "10.0.0.2", T0, &u, &res), AG_EUNAUTH);
}
END_TEST

static long long
count_failures(void)
{
    sqlite3_stmt *st = NULL;
    ck_assert_int_eq(db_prepare(app.db, "SELECT count(*) FROM login_failures", &st), 0);
    ck_assert_int_eq(db_step(st), 1);
    long long n = db_col_int(st, 0);
    db_stmt_done(st);
    return n;
}

/* failures outside every throttle window are pruned when the next one is recorded */
START_TEST(test_auth_failures_pruned)
{
    struct auth_user u;
    struct auth_login_result res;
    for (int i = 0; i < 20; i++) {
        char addr[32], name[32];
        snprintf(addr, sizeof(addr), "10.1.0.%d", i);
        snprintf(name, sizeof(name), "ghost%d", i);
        ck_assert_int_eq(auth_login(app.db, name, "wrong-password", addr, T0, &u, &res), AG_EUNAUTH);
    }
    ck_assert_int_eq(count_failures(), 40); /* one per account, one per address */
    ck_assert_int_eq(auth_login(app.db, "ghost", "wrong-password", "10.2.0.1", T0 + 901, &u, &res),
                     AG_EUNAUTH);
    ck_assert_int_eq(count_failures(), 2);
}
END_TEST

START_TEST(test_auth_setup_token_single_use)
{
    char tok[AUTH_TOKEN_SIZE], old[AUTH_TOKEN_SIZE];
    struct auth_user u;
    ck_assert_int_eq(auth_setup_token_create(app.db, T0, old), 0);
    ck_assert_int_eq(auth_setup_token_create(app.db, T0, tok), 0); /* replaces */
    ck_assert_int_eq(auth_setup_complete(app.db, old, "root", "root-password-1", T0, &u), AG_EFORBIDDEN);
    ck_assert_int_eq(auth_setup_complete(app.db, tok, "root", "short", T0, &u), AG_EINVAL);
    ck_assert_int_eq(auth_setup_complete(app.db, tok, "root", "root-password-1", T0 + AUTH_SETUP_TTL, &u), AG_EFORBIDDEN);
    ck_assert_int_eq(auth_setup_complete(app.db, tok, "root", "root-password-1", T0 + 1, &u), 0);
    ck_assert_int_eq(u.role, AUTH_ADMIN);
    ck_assert_int_eq(auth_setup_complete(app.db, tok, "root2", "root-password-1", T0 + 2, &u), AG_ECONFLICT);
    ck_assert_int_eq(auth_setup_token_create(app.db, T0, tok), AG_ECONFLICT);
}
END_TEST

START_TEST(test_auth_identity_link)
{
    struct auth_user u, again;
    long long cid = add_user("carol", AUTH_EDITOR, NULL);
    ck_assert_int_eq(auth_db_user_set_role(app.db, cid, AUTH_EDITOR), 0);
    ck_assert_int_eq(auth_identity_link(app.db, "oidc:corp", "sub-1", "dave@example.com", 1, AUTH_VIEWER, T0, &u), 0);
    ck_assert_str_eq(u.name, "dave");
    ck_assert_int_eq(u.role, AUTH_VIEWER);
    ck_assert_int_eq(auth_identity_link(app.db, "oidc:corp", "sub-1", NULL, 0, AUTH_VIEWER, T0, &again), 0);
    ck_assert_int_eq(again.id, u.id);
    /* an unverified address never links to an existing account */
    ck_assert_int_eq(auth_identity_link(app.db, "github", "42", "dave@example.com", 0, AUTH_VIEWER, T0, &again), 0);
    ck_assert_int_ne(again.id, u.id);
    ck_assert_str_eq(again.name, "dave-2");
    ck_assert_int_eq(auth_identity_link(app.db, "github", "43", "dave@example.com", 1, AUTH_VIEWER, T0, &again), 0);
    ck_assert_int_eq(again.id, u.id);
}
END_TEST

/* session_cookie: "HTTP_COOKIE=ag_session=..." for a new session of user id */
static void
session_cookie(long long uid, char *env, size_t cap, char csrf[AUTH_TOKEN_SIZE])
{
    char tok[AUTH_TOKEN_SIZE];
    long long sid = 0;
    ck_assert_int_eq(auth_session_create(app.db, uid, time(NULL), "", "", tok, &sid), 0);
    snprintf(env, cap, "HTTP_COOKIE=ag_session=%s", tok);
    unsigned char key[32];
    ck_assert_int_eq(auth_db_secret(app.db, key), 0);
    ck_assert_int_eq(auth_csrf_token(key, tok, csrf), 0);
}

START_TEST(test_auth_gate_roles_and_redirects)
{
    struct buf out = BUF_INIT;
    char cookie[128], csrf[AUTH_TOKEN_SIZE];
    ck_assert_int_eq(run("GET", "/", NULL, NULL, &out, NULL, NULL, NULL), 303);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "Location: /login?next=/\r\n"));
    ck_assert_int_eq(run("GET", "/about", NULL, NULL, &out, NULL, NULL, NULL), 303);
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, NULL, NULL, NULL), 401);
    ck_assert_int_eq(run("GET", "/healthz", NULL, NULL, &out, NULL, NULL, NULL), 200);
    session_cookie(add_user("vic", AUTH_VIEWER, NULL), cookie, sizeof(cookie), csrf);
    ck_assert_int_eq(run("GET", "/", NULL, NULL, &out, cookie, NULL, NULL), 200);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "vic"));
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), csrf)); /* the sign-out form */
    ck_assert_int_eq(run("GET", "/admin/users", NULL, NULL, &out, cookie, NULL, NULL), 403);
    char hdr[96];
    snprintf(hdr, sizeof(hdr), "HTTP_X_CSRF_TOKEN=%s", csrf);
    ck_assert_int_eq(run("POST", "/api/auth/me/touch", NULL, NULL, &out, cookie, hdr, NULL), 403);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "Your role (viewer)"));
    session_cookie(add_user("eve", AUTH_EDITOR, NULL), cookie, sizeof(cookie), csrf);
    snprintf(hdr, sizeof(hdr), "HTTP_X_CSRF_TOKEN=%s", csrf);
    ck_assert_int_eq(run("POST", "/api/auth/me/touch", NULL, NULL, &out, cookie, hdr, NULL), 200);
    buf_free(&out);
}
END_TEST

START_TEST(test_auth_gate_csrf_and_origin)
{
    struct buf out = BUF_INIT;
    char cookie[128], csrf[AUTH_TOKEN_SIZE], hdr[96], form[96];
    session_cookie(add_user("ed", AUTH_EDITOR, NULL), cookie, sizeof(cookie), csrf);
    snprintf(hdr, sizeof(hdr), "HTTP_X_CSRF_TOKEN=%s", csrf);
    snprintf(form, sizeof(form), "_csrf=%s", csrf);
    const char *ct = "application/x-www-form-urlencoded";
    ck_assert_int_eq(run("POST", "/account/sessions/revoke", ct, "", &out, cookie, NULL, NULL), 403);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "CSRF"));
    ck_assert_int_eq(run("POST", "/account/sessions/revoke", ct, "_csrf=forged", &out, cookie, NULL, NULL), 403);
    ck_assert_int_eq(run("POST", "/account/sessions/revoke", ct, form, &out, cookie, NULL, NULL), 200);
    ck_assert_int_eq(run("POST", "/account/sessions/revoke", ct, form, &out, cookie,
                         "HTTP_ORIGIN=http://ag.test", NULL), 200);
    /* a cross-origin call with the cookie and even the right token is refused */
    ck_assert_int_eq(run("POST", "/api/auth/me/touch", NULL, NULL, &out, cookie, hdr,
                         "HTTP_ORIGIN=https://evil.example"), 403);
    ck_assert_int_eq(run("POST", "/api/auth/me/touch", NULL, NULL, &out, cookie, hdr,
                         "HTTP_REFERER=https://evil.example/x"), 403);
    ck_assert_int_eq(run("POST", "/api/auth/me/touch", NULL, NULL, &out, cookie, hdr,
                         "HTTP_ORIGIN=null"), 403);
    ck_assert_int_eq(run("POST", "/api/auth/me/touch", NULL, NULL, &out, cookie, hdr,
                         "HTTP_REFERER=http://ag.test/account"), 200);
    /* Bearer calls are exempt */
    struct auth_user owner;
    char key[AUTH_KEY_SIZE], bearer[96];
    long long kid = 0;
    ck_assert_int_eq(auth_db_user_by_name(app.db, "ed", &owner, NULL, 0), 0);
    ck_assert_int_eq(auth_key_create(app.db, &owner, "k", AUTH_SCOPE_WRITE, 0, key, &kid), 0);
    snprintf(bearer, sizeof(bearer), "HTTP_AUTHORIZATION=Bearer %s", key);
    ck_assert_int_eq(run("POST", "/api/auth/me/touch", NULL, NULL, &out, bearer, NULL, NULL), 200);
    ck_assert_int_eq(run("POST", "/api/auth/me/touch", NULL, NULL, &out, "HTTP_AUTHORIZATION=Bearer agk_x", NULL, NULL), 401);
    buf_free(&out);
}
END_TEST

static int
count_rows(void *ctx, const struct auth_audit *a)
{
    (void)a;
    (*(int *)ctx)++;
    return 0;
}

START_TEST(test_auth_gate_login_cookie_audit)
{
    struct buf out = BUF_INIT;
    add_user("amy", AUTH_ADMIN, "amy-password-1");
    ck_assert_int_eq(run("POST", "/api/auth/login", "application/json",
                         "{\"name\":\"amy\",\"password\":\"wrong-password\"}", &out, NULL, NULL, NULL), 401);
    ck_assert_int_eq(run("POST", "/api/auth/login", "application/json",
                         "{\"name\":\"amy\",\"password\":\"amy-password-1\"}", &out, NULL, NULL, NULL), 200);
    const char *s = buf_cstr(&out);
    ck_assert_ptr_nonnull(strstr(s, "Set-Cookie: ag_session="));
    ck_assert_ptr_nonnull(strstr(s, "; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax\r\n"));
    ck_assert_ptr_null(strstr(s, "Secure"));
    ck_assert_ptr_nonnull(strstr(s, "\"csrfToken\":"));
    snprintf(app.cfg.cookie_secure, sizeof(app.cfg.cookie_secure), "on");
    ck_assert_int_eq(run("POST", "/api/auth/login", "application/json",
                         "{\"name\":\"amy\",\"password\":\"amy-password-1\"}", &out, NULL, NULL, NULL), 200);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "; HttpOnly; Secure; SameSite=Lax\r\n"));
    /* foreign page posting the login form */
    ck_assert_int_eq(run("POST", "/api/auth/login", "application/json", "{}", &out,
                         "HTTP_ORIGIN=https://evil.example", NULL, NULL), 403);
    struct auth_audit_filter f = {NULL, "login", 0, 0, 10};
    int n = 0;
    ck_assert_int_eq(auth_db_audit_list(app.db, &f, count_rows, &n), 0);
    ck_assert_int_ge(n, 4); /* 3 request rows + login.ok/login.fail events */
    buf_free(&out);
}
END_TEST

START_TEST(test_auth_cors)
{
    struct buf out = BUF_INIT;
    snprintf(app.cfg.cors_origins, sizeof(app.cfg.cors_origins), "tauri://localhost https://x.test");
    ck_assert_int_eq(run("OPTIONS", "/api/auth/me", NULL, NULL, &out, "HTTP_ORIGIN=https://x.test", NULL, NULL), 204);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "Access-Control-Allow-Origin: https://x.test\r\n"));
    ck_assert_int_eq(run("OPTIONS", "/api/auth/me", NULL, NULL, &out, "HTTP_ORIGIN=https://y.test", NULL, NULL), 403);
    ck_assert_ptr_null(strstr(buf_cstr(&out), "Access-Control-Allow-Origin"));
    ck_assert_int_eq(run("GET", "/api/version", NULL, NULL, &out, "HTTP_ORIGIN=tauri://localhost", NULL, NULL), 200);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "Access-Control-Allow-Origin: tauri://localhost\r\n"));
    ck_assert_int_eq(run("GET", "/api/version", NULL, NULL, &out, "HTTP_ORIGIN=https://tauri.evil", NULL, NULL), 200);
    ck_assert_ptr_null(strstr(buf_cstr(&out), "Access-Control-Allow-Origin"));
    buf_free(&out);
}
END_TEST

/* [proxy_auth]: the header signs in only from a trusted address, once per session; a disabled
 * account is refused; off by default */
START_TEST(test_auth_gate_proxy_header)
{
    struct buf out = BUF_INIT;
    const char *alice = "HTTP_X_REMOTE_USER=alice@CORP.TEST";
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, alice, NULL, NULL), 401);
    struct sso_proxy *px = &app.sso.proxy;
    px->enabled = 1;
    px->default_role = AUTH_EDITOR;
    snprintf(px->env_name, sizeof(px->env_name), "HTTP_X_REMOTE_USER");
    snprintf(px->trusted, sizeof(px->trusted), "10.0.0.8 192.0.2.0/24");
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, alice, NULL, NULL), 401);
    snprintf(px->trusted, sizeof(px->trusted), "10.0.0.0/24");
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, alice, NULL, NULL), 200);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "\"name\":\"alice\""));
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "\"role\":\"editor\""));
    const char *set = strstr(buf_cstr(&out), "Set-Cookie: ag_session=");
    ck_assert_ptr_nonnull(set);
    char cookie[128];
    snprintf(cookie, sizeof(cookie), "HTTP_COOKIE=ag_session=%.*s", AUTH_TOKEN_LEN, set + 23);
    /* the session is reused: no second cookie */
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, alice, cookie, NULL), 200);
    ck_assert_ptr_null(strstr(buf_cstr(&out), "Set-Cookie: ag_session="));
    long long uid = 0;
    ck_assert_int_eq(auth_db_identity_find(app.db, "proxy", "alice@CORP.TEST", &uid), 0);
    ck_assert_int_eq(auth_db_user_set_disabled(app.db, uid, 1), 0);
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, alice, NULL, NULL), 403);
    /* control characters are not a user name */
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, "HTTP_X_REMOTE_USER=a b", NULL,
                         NULL),
                     401);
    buf_free(&out);
}
END_TEST

static void
sql(struct db *db, const char *text)
{
    ck_assert_int_eq(db_exec(db, text), 0);
}

/* file_db: the app on a database file (a second connection stands for another process) */
static void
file_db(char *path, struct db **other)
{
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    db_close(app.db);
    int applied = 0;
    ck_assert_int_eq(db_open(path, &app.db), 0);
    ck_assert_int_eq(db_migrate(app.db, "sql", &applied), 0);
    ck_assert_int_eq(db_open(path, other), 0);
}

static void
file_db_done(const char *path, struct db *other)
{
    db_close(other);
    db_close(app.db);
    ck_assert_int_eq(db_open(":memory:", &app.db), 0); /* for teardown */
    char side[64];
    unlink(path);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
}

/* A worker remembers sessions it validated, and forgets them on any write: a sign-out here, a
 * revocation, a disabled account or a role change by another process take effect at once. */
START_TEST(test_session_memo)
{
    char path[] = "/tmp/ag-session-memo-XXXXXX";
    struct db *other = NULL;
    file_db(path, &other);
    struct buf out = BUF_INIT;
    char eve[128], csrf[AUTH_TOKEN_SIZE];
    long long uid = add_user("eve", AUTH_EDITOR, NULL);
    session_cookie(uid, eve, sizeof(eve), csrf);
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, eve, NULL, NULL), 200);
    unsigned long long hits = auth_gate_memo_hits(&app);
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, eve, NULL, NULL), 200);
    ck_assert_uint_eq(auth_gate_memo_hits(&app), hits + 1);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), csrf));
    /* a role change elsewhere */
    sql(other, "UPDATE users SET role = 'viewer' WHERE name = 'eve'");
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, eve, NULL, NULL), 200);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "\"role\":\"viewer\""));
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, eve, NULL, NULL), 200);
    /* revoked elsewhere */
    sql(other, "UPDATE sessions SET revoked_at = unixepoch()");
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, eve, NULL, NULL), 401);
    /* disabled elsewhere */
    session_cookie(uid, eve, sizeof(eve), csrf);
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, eve, NULL, NULL), 200);
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, eve, NULL, NULL), 200);
    sql(other, "UPDATE users SET disabled = 1");
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, eve, NULL, NULL), 401);
    /* signed out through this very worker */
    sql(other, "UPDATE users SET disabled = 0");
    session_cookie(uid, eve, sizeof(eve), csrf);
    char hdr[96];
    snprintf(hdr, sizeof(hdr), "HTTP_X_CSRF_TOKEN=%s", csrf);
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, eve, NULL, NULL), 200);
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, eve, NULL, NULL), 200);
    ck_assert_int_eq(run("POST", "/api/auth/logout", NULL, NULL, &out, eve, hdr, NULL), 200);
    ck_assert_int_eq(run("GET", "/api/auth/me", NULL, NULL, &out, eve, NULL, NULL), 401);
    buf_free(&out);
    file_db_done(path, other);
}
END_TEST

/* The page cache serves a signed-in session's /projects again while the database is unchanged,
 * and never after a write by this connection or another one, nor to another session. */
START_TEST(test_page_cache_projects)
{
    char path[] = "/tmp/ag-page-cache-XXXXXX";
    struct db *other = NULL;
    file_db(path, &other);
    struct buf out = BUF_INIT;
    char eve[128], vic[128], csrf[AUTH_TOKEN_SIZE];
    session_cookie(add_user("eve", AUTH_EDITOR, NULL), eve, sizeof(eve), csrf);
    session_cookie(add_user("vic", AUTH_VIEWER, NULL), vic, sizeof(vic), csrf);
    sql(app.db, "INSERT INTO projects (name, slug, idea, framework, pattern, model, spec_json)"
                " VALUES ('Alpha list', 'alpha', 'i', 'crewai', 'supervisor', 'm', '{}')");
    ck_assert_int_eq(run("GET", "/projects", NULL, NULL, &out, eve, NULL, NULL), 200);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "Alpha list"));
    unsigned long long hits = page_cache_hits(&app);
    ck_assert_int_eq(run("GET", "/projects", NULL, NULL, &out, eve, NULL, NULL), 200);
    ck_assert_uint_eq(page_cache_hits(&app), hits + 1);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "Alpha list"));
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "Content-Type: text/html; charset=utf-8"));
    /* another process renames it */
    sql(other, "UPDATE projects SET name = 'Beta list'");
    ck_assert_int_eq(run("GET", "/projects", NULL, NULL, &out, eve, NULL, NULL), 200);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "Beta list"));
    ck_assert_ptr_null(strstr(buf_cstr(&out), "Alpha list"));
    /* this very connection renames it */
    ck_assert_int_eq(run("GET", "/projects", NULL, NULL, &out, eve, NULL, NULL), 200);
    sql(app.db, "UPDATE projects SET name = 'Gamma list'");
    ck_assert_int_eq(run("GET", "/projects", NULL, NULL, &out, eve, NULL, NULL), 200);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "Gamma list"));
    /* another session never gets eve's page (her name and CSRF token are in it) */
    hits = page_cache_hits(&app);
    ck_assert_int_eq(run("GET", "/projects", NULL, NULL, &out, vic, NULL, NULL), 200);
    ck_assert_uint_eq(page_cache_hits(&app), hits);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), ">vic<"));
    ck_assert_ptr_null(strstr(buf_cstr(&out), ">eve<"));
    /* another URL is another page */
    ck_assert_int_eq(run("GET", "/projects", NULL, NULL, &out, eve, "QUERY_STRING=q=zzz", NULL), 200);
    ck_assert_uint_eq(page_cache_hits(&app), hits);
    ck_assert_ptr_null(strstr(buf_cstr(&out), "Gamma list"));
    buf_free(&out);
    file_db_done(path, other);
}
END_TEST

Suite *
auth_suite(void)
{
    Suite *s = suite_create("auth");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_auth_password_hash_verify);
    tcase_add_test(tc, test_auth_session_expiry_and_revoke);
    tcase_add_test(tc, test_auth_csrf_token);
    tcase_add_test(tc, test_auth_key_scopes);
    tcase_add_test(tc, test_auth_throttle_arithmetic);
    tcase_add_test(tc, test_auth_failures_pruned);
    tcase_add_test(tc, test_auth_setup_token_single_use);
    tcase_add_test(tc, test_auth_identity_link);
    suite_add_tcase(s, tc);
    tc = tcase_create("gate");
    tcase_set_timeout(tc, 30);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_auth_gate_roles_and_redirects);
    tcase_add_test(tc, test_auth_gate_csrf_and_origin);
    tcase_add_test(tc, test_auth_gate_login_cookie_audit);
    tcase_add_test(tc, test_auth_cors);
    tcase_add_test(tc, test_auth_gate_proxy_header);
    tcase_add_test(tc, test_session_memo);
    tcase_add_test(tc, test_page_cache_projects);
    suite_add_tcase(s, tc);
    return s;
}
