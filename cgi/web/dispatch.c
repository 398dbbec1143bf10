/* SPDX-License-Identifier: MIT */
/* dispatch.c - request lifecycle: parse, route (404/405), run the handler, turn AG_E* into an
 * HTML or JSON error, log one line, serialize. */
#include "dispatch.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/crypt.h"
#include "../core/log.h"
#include "auth_gate.h"
#include "req.h"
#include "resp.h"
#include "route.h"

static long long now_us(void);
static const char *make_rid(struct req *r);

static long long
now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The request id: nginx's $request_id when passed as REQUEST_ID (so access log and app log
 * agree), else 16 random hex characters. */
static const char *
make_rid(struct req *r)
{
    const char *rid = req_env(r, "REQUEST_ID");
    if (rid && strlen(rid) <= 32 && strspn(rid, "0123456789abcdef") == strlen(rid) && *rid) {
        return rid;
    }
    unsigned char raw[8];
    char *hex = arena_alloc(r->ar, 17);
    if (!hex || crypt_random(raw, sizeof(raw)) < 0) {
        return "-";
    }
    crypt_hex(raw, sizeof(raw), hex);
    return hex;
}

static int
route_and_run(struct req *r, struct resp *w)
{
    const char *allow = NULL;
    const struct route *rt = NULL;
    if (auth_gate_preflight(r, w)) {
        return 0; /* CORS preflight (OPTIONS /api/...) */
    }
    int rc = route_match(r, &allow, &rt);
    if (rc == AG_EMETHOD) {
        if (allow) {
            AG_IGNORE(resp_header(w, "Allow", allow));
        }
        resp_error(w, r, AG_EMETHOD, "This address does not accept that method.", NULL);
        return 0;
    }
    if (rc == AG_ENOTFOUND) {
        resp_error(w, r, AG_ENOTFOUND, "There is no page at this address.", NULL);
        return 0;
    }
    if (rc < 0) {
        return rc;
    }
    r->route = rt;
    rc = auth_gate(r, w); /* identity, role, key scope, CSRF: 1 = already answered */
    if (rc != 0) {
        return rc < 0 ? rc : 0;
    }
    return rt->handler(r, w);
}

int
web_handle(struct app *app, struct arena *ar, char **envp, const char *body, size_t body_len,
           struct buf *out)
{
    long long t0 = now_us();
    struct req r;
    struct resp w;
    resp_init(&w);
    int rc = req_init(&r, app, ar, envp, body, body_len);
    r.rid = make_rid(&r);
    log_set_rid(r.rid);
    if (rc == 0) {
        rc = route_and_run(&r, &w);
    } else if (rc == AG_EINVAL) {
        resp_error(&w, &r, rc, "The request body could not be read.", NULL);
        rc = 0;
    }
    if (rc < 0) {
        if (rc != AG_ENOTFOUND && rc != AG_EINVAL && rc != AG_ETOOBIG) {
            log_msg(LOG_ERR, "m=%s p=%s err=%s", r.method, r.path, ag_strerror(rc));
        }
        resp_error(&w, &r, rc, NULL, NULL);
    }
    auth_gate_after(&r, &w); /* CORS headers; audit row of routed non-GET requests */
    if (resp_serialize(&w, &r, out) < 0) {
        buf_reset(out);
        AG_IGNORE(buf_puts(out, "Status: 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\n"
                                "out of memory\n"));
        w.status = 503;
    }
    long long ms = (now_us() - t0) / 1000;
    if (w.status >= 500 || ms >= 500) {
        log_msg(w.status >= 500 ? LOG_ERR : LOG_WARNING, "m=%s p=%s st=%d ms=%lld", r.method,
                r.path, w.status, ms);
    }
    log_set_rid("");
    buf_free(&w.body);
    return w.status;
}
