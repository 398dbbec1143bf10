/* SPDX-License-Identifier: MIT */
/* auth_gate.c - enforcement between the router and the handlers: identification (Bearer API
 * key, else the session cookie), route roles, key scopes, CSRF (token + Origin/Referer, Fossil's
 * tiers), CORS for the configured origins, and the audit row of every state-changing request.
 * Never logs a cookie, token, key or password. */
#include "auth_gate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../core/crypt.h"
#include "../core/log.h"
#include "route.h"
#include "sso_pages.h"

static int deny(struct req *r, struct resp *w, int err, const char *message);
static int identify(struct req *r, struct resp *w, int *bearer);
static int check_csrf(struct req *r, struct resp *w);
static int same_origin(const struct req *r, const char *url);
static int cors_allowed(const struct req *r, const char *origin);
static int is_safe(const char *method);

long long
auth_gate_now(void)
{
    return (long long)time(NULL);
}

const char *
auth_gate_fmt_time(struct arena *ar, long long t)
{
    char out[32];
    time_t tt = (time_t)t;
    struct tm tm;
    if (t <= 0 || !gmtime_r(&tt, &tm) || strftime(out, sizeof(out), "%Y-%m-%d %H:%M UTC", &tm) == 0) {
        return "never";
    }
    return arena_strdup(ar, out);
}

const char *
auth_gate_address(const struct req *r)
{
    return r->remote_addr ? r->remote_addr : "";
}

static int
is_safe(const char *method)
{
    return strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
}

static int
deny(struct req *r, struct resp *w, int err, const char *message)
{
    resp_error(w, r, err, message, NULL);
    return 1;
}

/* csrf_for computes r->csrf from a binding (session token or pre-session cookie). */
static int
csrf_for(struct req *r, const char *binding)
{
    struct app *app = r->app;
    char *tok = arena_alloc(r->ar, AUTH_TOKEN_SIZE);
    int rc = tok ? 0 : AG_ENOMEM;
    if (rc == 0 && !app->csrf_secret_ok) { /* one read per worker, not one per request */
        rc = auth_db_secret(app->db, app->csrf_secret);
        app->csrf_secret_ok = rc == 0;
    }
    if (rc == 0) {
        rc = auth_csrf_token(app->csrf_secret, binding, tok);
    }
    if (rc == 0) {
        r->csrf = tok;
    }
    return rc;
}

/* anonymous callers of HTML pages get a pre-session cookie, so the login and setup forms carry
 * a CSRF token too (login CSRF) */
static int
pre_session(struct req *r, struct resp *w)
{
    const char *pre = req_cookie(r, AUTH_COOKIE_PRE);
    if (pre && strlen(pre) == AUTH_TOKEN_LEN) {
        return csrf_for(r, pre);
    }
    if (!is_safe(r->method) ||
        (r->route->flags & (ROUTE_JSON | ROUTE_PRE_SESSION)) == ROUTE_JSON) {
        return 0;
    }
    char token[AUTH_TOKEN_SIZE];
    int rc = crypt_token(token, sizeof(token), 32);
    if (rc == 0) {
        rc = resp_set_cookie(w, r, AUTH_COOKIE_PRE, token, 86400, COOKIE_HTTPONLY);
    }
    if (rc == 0) {
        rc = csrf_for(r, token);
    }
    crypt_wipe(token, sizeof(token));
    return rc;
}

/* The sessions this worker validated, by token hash, reused while the database is unchanged:
 * a sign-out, a revocation, a disabled account, a role change and the minutely touch are all
 * writes, which change the data version, and the time limits are checked again each time. */
#define SESSION_MEMO_SLOTS 16

struct session_memo {
    struct {
        unsigned char hash[CRYPT_SHA256_LEN];
        unsigned int version; /* db_data_version before the lookup */
        unsigned long long used; /* 0 = empty */
        struct auth_user u;
        struct auth_session s;
        char csrf[AUTH_TOKEN_SIZE];
    } slot[SESSION_MEMO_SLOTS];
    unsigned long long tick;
    unsigned long long hits;
};

unsigned long long
auth_gate_memo_hits(const struct app *app)
{
    return app->session_memo ? app->session_memo->hits : 0;
}

/* session_user: the user of a session token (AG_EUNAUTH when it is not valid), with r->csrf */
static int
session_user(struct req *r, const char *token, struct auth_user *u)
{
    struct app *app = r->app;
    long long now = auth_gate_now();
    unsigned char h[CRYPT_SHA256_LEN];
    unsigned int v = 0;
    crypt_sha256(token, strlen(token), h);
    if (!app->session_memo && !(app->session_memo = calloc(1, sizeof(*app->session_memo)))) {
        return AG_ENOMEM;
    }
    struct session_memo *m = app->session_memo;
    int have_v = req_data_version(r, &v) == 0;
    int victim = 0;
    for (int i = 0; i < SESSION_MEMO_SLOTS; i++) {
        if (have_v && m->slot[i].used && m->slot[i].version == v &&
            memcmp(m->slot[i].hash, h, sizeof(h)) == 0 && auth_session_fresh(&m->slot[i].s, now)) {
            m->slot[i].used = ++m->tick;
            m->hits++;
            *u = m->slot[i].u;
            r->csrf = arena_strdup(r->ar, m->slot[i].csrf);
            return r->csrf ? 0 : AG_ENOMEM;
        }
        victim = m->slot[i].used < m->slot[victim].used ? i : victim;
    }
    struct auth_session s;
    int rc = auth_session_lookup_s(app->db, token, now, u, &s);
    if (rc == 0) {
        rc = csrf_for(r, token);
    }
    if (rc == 0 && have_v && auth_session_fresh(&s, now)) { /* else it was touched: next time */
        memcpy(m->slot[victim].hash, h, sizeof(h));
        m->slot[victim].version = v;
        m->slot[victim].u = *u;
        m->slot[victim].s = s;
        snprintf(m->slot[victim].csrf, sizeof(m->slot[victim].csrf), "%s", r->csrf);
        m->slot[victim].used = ++m->tick;
    }
    return rc;
}

static int
identify(struct req *r, struct resp *w, int *bearer)
{
    struct auth_user *u = arena_alloc(r->ar, sizeof(*u));
    const char *authz = req_env(r, "HTTP_AUTHORIZATION");
    if (!u) {
        return AG_ENOMEM;
    }
    if (authz && *authz) {
        *bearer = 1;
        if (strncasecmp(authz, "Bearer ", 7) != 0) {
            return deny(r, w, AG_EUNAUTH, "Use Authorization: Bearer <API key>.");
        }
        int rc = auth_key_lookup(r->app->db, authz + 7, auth_gate_now(), u);
        if (rc == AG_EUNAUTH) {
            return deny(r, w, AG_EUNAUTH, "The API key is unknown, revoked or expired.");
        }
        r->user = rc == 0 ? u : NULL;
        return rc;
    }
    const char *token = req_cookie(r, AUTH_COOKIE_SESSION);
    struct auth_user proxied;
    int by_proxy = sso_pages_proxy(r, &proxied); /* [proxy_auth]: 1 = a trusted proxy named u */
    if (by_proxy == AG_EFORBIDDEN) {
        return deny(r, w, AG_EFORBIDDEN, "Your account is disabled. Ask an administrator.");
    }
    if (by_proxy < 0) {
        return by_proxy;
    }
    if (token && *token) {
        int rc = session_user(r, token, u);
        if (rc == 0 && (!by_proxy || u->id == proxied.id)) {
            r->user = u;
            return 0;
        }
        if (rc != 0 && rc != AG_EUNAUTH) {
            return rc;
        }
        /* expired or revoked: forget the cookie, continue as anonymous */
        if (rc != 0) {
            AG_IGNORE(resp_set_cookie(w, r, AUTH_COOKIE_SESSION, "", -1, COOKIE_HTTPONLY));
        }
    }
    if (by_proxy) {
        /* one session per proxy sign-in, not one per request: the cookie is reused after this */
        int rc = auth_gate_sign_in(r, w, &proxied);
        if (rc == 0) {
            auth_gate_event(r, "sso.login.ok", "provider=proxy", 200);
        }
        return rc;
    }
    return pre_session(r, w);
}

static int
required_role(unsigned flags)
{
    if (flags & ROUTE_ADMIN) {
        return AUTH_ADMIN;
    }
    if (flags & ROUTE_EDITOR) {
        return AUTH_EDITOR;
    }
    return (flags & ROUTE_AUTH) ? AUTH_VIEWER : AUTH_NONE;
}

/* url_escape: path for ?next=, arena memory */
static const char *
url_escape(struct arena *ar, const char *s)
{
    char *out = arena_alloc(ar, 3 * strlen(s) + 1);
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)s; out && *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p)) {
            out[o++] = (char)*p;
        } else {
            o += (size_t)snprintf(out + o, 4, "%%%02X", *p);
        }
    }
    if (out) {
        out[o] = '\0';
    }
    return out;
}

static int
to_login(struct req *r, struct resp *w)
{
    if ((r->route->flags & ROUTE_JSON) || req_wants_json(r)) {
        return deny(r, w, AG_EUNAUTH, "Sign in first (session cookie or Authorization: Bearer).");
    }
    const char *next = url_escape(r->ar, r->path);
    const char *loc = next ? arena_printf(r->ar, "/login?next=%s", next) : NULL;
    if (!loc) {
        return AG_ENOMEM;
    }
    int rc = resp_redirect(w, 303, loc);
    return rc < 0 ? rc : 1;
}

int
auth_gate(struct req *r, struct resp *w)
{
    int bearer = 0;
    int rc = identify(r, w, &bearer);
    if (rc != 0) {
        return rc;
    }
    int need = required_role(r->route->flags);
    if (need > AUTH_NONE && !r->user) {
        return to_login(r, w);
    }
    if (need > AUTH_NONE && r->user->role < need) {
        const char *msg = arena_printf(r->ar, "Your role (%s) does not allow this; it needs %s.",
                                       auth_role_name(r->user->role), auth_role_name(need));
        return deny(r, w, AG_EFORBIDDEN, msg);
    }
    if (r->user && r->user->key_id &&
        !auth_scope_allows(r->user->key_scope, r->method, need == AUTH_ADMIN)) {
        const char *msg = arena_printf(r->ar, "This API key's scope (%s) does not allow %s here.",
                                       auth_scope_name(r->user->key_scope), r->method);
        return deny(r, w, AG_EFORBIDDEN, msg);
    }
    if (is_safe(r->method) || bearer) {
        return 0; /* Bearer calls carry no ambient credential: no CSRF possible */
    }
    return check_csrf(r, w);
}

static int
check_csrf(struct req *r, struct resp *w)
{
    const char *origin = req_header(r, "Origin");
    if (r->route->flags & ROUTE_NO_CSRF) {
        /* no session exists yet on these routes; still refuse foreign pages */
        if (origin && !same_origin(r, origin) && !cors_allowed(r, origin)) {
            return deny(r, w, AG_EFORBIDDEN, "Cross-origin request refused.");
        }
        return 0;
    }
    const char *src = origin ? origin : req_header(r, "Referer");
    if (src && !same_origin(r, src)) {
        return deny(r, w, AG_EFORBIDDEN,
                    "Cross-origin request refused: this form or call did not come from this "
                    "site (CSRF protection).");
    }
    const char *token = req_header(r, "X-CSRF-Token");
    if (!token) {
        token = req_param(r, "_csrf");
    }
    if (!r->csrf || !token || !crypt_streq(r->csrf, token)) {
        return deny(r, w, AG_EFORBIDDEN,
                    "The security token of this form is missing or out of date (CSRF "
                    "protection). Reload the page and try again.");
    }
    return 0;
}

/* authority_eq: does url ("scheme://host[:port]/...") name host[:port]? */
static int
authority_eq(const char *url, const char *host)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p || !host || !*host) {
        return 0;
    }
    p += 3;
    size_t n = strcspn(p, "/?#");
    size_t hn = strcspn(host, "/");
    return n == hn && strncasecmp(p, host, n) == 0;
}

static int
same_origin(const struct req *r, const char *url)
{
    if (strcmp(url, "null") == 0) {
        return 0;
    }
    const char *host = req_env(r, "HTTP_X_FORWARDED_HOST");
    if (!host) {
        host = req_env(r, "HTTP_HOST");
    }
    if (authority_eq(url, host)) {
        return 1;
    }
    /* Debian's fastcgi_params passes HTTP_HOST as $host, without the port: add SERVER_PORT */
    const char *port = req_env(r, "SERVER_PORT");
    if (host && port && !strchr(host, ':')) {
        char hp[300];
        int n = snprintf(hp, sizeof(hp), "%s:%s", host, port);
        if (n > 0 && (size_t)n < sizeof(hp) && authority_eq(url, hp)) {
            return 1;
        }
    }
    const char *pub = r->app->cfg.public_url;
    const char *pub_host = strstr(pub, "://");
    return *pub && pub_host && authority_eq(url, pub_host + 3) &&
           strncasecmp(url, pub, (size_t)(pub_host - pub)) == 0;
}

static int
cors_allowed(const struct req *r, const char *origin)
{
    const char *list = r->app->cfg.cors_origins;
    size_t n = origin ? strlen(origin) : 0;
    while (n && *list) {
        list += strspn(list, " \t");
        size_t len = strcspn(list, " \t");
        if (len == n && strncmp(list, origin, n) == 0) {
            return 1;
        }
        list += len;
    }
    return 0;
}

static int
is_api(const struct req *r)
{
    return strncmp(r->path, "/api/", 5) == 0;
}

int
auth_gate_preflight(struct req *r, struct resp *w)
{
    if (strcmp(r->method, "OPTIONS") != 0 || !is_api(r)) {
        return 0;
    }
    const char *origin = req_header(r, "Origin");
    if (!cors_allowed(r, origin)) {
        resp_error(w, r, AG_EFORBIDDEN, "This origin may not call the API.", NULL);
        return 1;
    }
    w->status = 204;
    int rc = resp_header(w, "Access-Control-Allow-Origin", origin);
    if (rc == 0) {
        rc = resp_header(w, "Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
    }
    if (rc == 0) {
        rc = resp_header(w, "Access-Control-Allow-Headers", "Authorization, Content-Type");
    }
    if (rc == 0) {
        rc = resp_header(w, "Access-Control-Max-Age", "600");
    }
    AG_IGNORE(resp_header(w, "Vary", "Origin"));
    return 1;
}

/* route_target lists the route's ":name" params as "name=value ..." (arena memory). */
static const char *
route_target(struct req *r)
{
    const char *t = "";
    for (const char *p = strchr(r->route->pattern, ':'); p; p = strchr(p + 1, ':')) {
        char *name = arena_strndup(r->ar, p + 1, strcspn(p + 1, "/"));
        const char *v = name ? req_param(r, name) : NULL;
        t = v ? arena_printf(r->ar, "%s%s%s=%s", t ? t : "", t && *t ? " " : "", name, v) : t;
    }
    return t ? t : "";
}

void
auth_gate_event(struct req *r, const char *action, const char *target, int status)
{
    const char *ua = req_header(r, "User-Agent");
    struct auth_audit a = {0,
                           auth_gate_now(),
                           r->user ? r->user->id : 0,
                           r->user ? r->user->name : "",
                           action,
                           target ? target : "",
                           auth_gate_address(r),
                           ua ? ua : "",
                           status};
    auth_event(r->app->db, &a);
}

void
auth_gate_after(struct req *r, struct resp *w)
{
    const char *origin = req_header(r, "Origin");
    if (!r->app) {
        return;
    }
    if (r->path && is_api(r) && origin && cors_allowed(r, origin)) {
        AG_IGNORE(resp_header(w, "Access-Control-Allow-Origin", origin));
        AG_IGNORE(resp_header(w, "Vary", "Origin"));
    }
    if (is_safe(r->method) || strcmp(r->method, "OPTIONS") == 0) {
        return;
    }
    /* routed: the pattern and its params; refused before routing (bad body, 404, 405): the
     * path, so that every state-changing attempt that reached the app is on record */
    const char *action = arena_printf(r->ar, "%s %.150s", r->method,
                                      r->route ? r->route->pattern : r->path);
    auth_gate_event(r, action ? action : r->method, r->route ? route_target(r) : "", w->status);
}

int
auth_gate_sign_in(struct req *r, struct resp *w, const struct auth_user *u)
{
    char token[AUTH_TOKEN_SIZE];
    struct auth_user *copy = arena_alloc(r->ar, sizeof(*copy));
    const char *ua = req_header(r, "User-Agent");
    long long sid = 0;
    int rc = copy ? 0 : AG_ENOMEM;
    if (rc == 0) {
        rc = auth_session_create(r->app->db, u->id, auth_gate_now(), auth_gate_address(r), ua,
                                 token, &sid);
    }
    if (rc == 0) {
        rc = resp_set_cookie(w, r, AUTH_COOKIE_SESSION, token, AUTH_SESSION_MAX, COOKIE_HTTPONLY);
    }
    if (rc == 0) {
        rc = csrf_for(r, token);
    }
    if (rc == 0) {
        *copy = *u;
        copy->session_id = sid;
        copy->key_id = 0;
        r->user = copy;
    }
    crypt_wipe(token, sizeof(token));
    return rc;
}

int
auth_gate_sign_out(struct req *r, struct resp *w)
{
    if (r->user && r->user->session_id) {
        int rc = auth_db_session_revoke(r->app->db, r->user->id, r->user->session_id,
                                        auth_gate_now());
        if (rc < 0 && rc != AG_ENOTFOUND) {
            return rc;
        }
    }
    return resp_set_cookie(w, r, AUTH_COOKIE_SESSION, "", -1, COOKIE_HTTPONLY);
}
