/* SPDX-License-Identifier: MIT */
/* sso_pages.c - the browser half of single sign-on (the protocol half is cgi/auth/sso.c): start
 * and callback handlers, refusal messages for the login page, audit rows (sso.login.ok /
 * sso.login.fail with the provider and reason), and trusted proxy header auth. No code, state,
 * token or secret reaches a log, the audit log or a page. */
#include "sso_pages.h"

#include <stdio.h>
#include <string.h>

#include "../auth/sso.h"
#include "../core/crypt.h"
#include "../core/log.h"
#include "../core/jsn.h"
#include "auth_gate.h"
#include "auth_pages.h"

static const struct {
    const char *code;
    const char *message;
} messages[] = {
    {"state", "This sign-in link was already used or has expired. Start the sign-in again."},
    {"browser", "The sign-in was started in another browser or for another provider. Start the "
                "sign-in again."},
    {"token", "The identity provider's answer could not be verified, so you were not signed in. "
              "Ask an administrator to check the single sign-on settings."},
    {"provider", "The identity provider could not be reached or refused the sign-in. Try again "
                 "later or ask an administrator."},
    {"denied", "The sign-in was cancelled or refused at the identity provider."},
    {"disabled", "Your account is disabled. Ask an administrator."},
    {"incomplete", "The identity provider's reply was incomplete. Start the sign-in again."},
};

const char *
sso_pages_message(const char *reason)
{
    for (size_t i = 0; reason && i < AG_NELEM(messages); i++) {
        if (strcmp(messages[i].code, reason) == 0) {
            return messages[i].message;
        }
    }
    return NULL;
}

static const char *
safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strpbrk(next, "\r\n")) {
        return "/";
    }
    return next;
}

/* base_url: public_url, else scheme://host[:port] of this request (arena memory) */
static const char *
base_url(struct req *r)
{
    const char *pub = r->app->cfg.public_url;
    if (*pub) {
        size_t n = strlen(pub);
        return arena_strndup(r->ar, pub, pub[n - 1] == '/' ? n - 1 : n);
    }
    const char *https = req_env(r, "HTTPS");
    const char *host = req_env(r, "HTTP_X_FORWARDED_HOST");
    host = host ? host : req_env(r, "HTTP_HOST");
    const char *port = req_env(r, "SERVER_PORT");
    int tls = https && *https && strcmp(https, "off") != 0;
    int default_port = !port || strcmp(port, tls ? "443" : "80") == 0;
    return arena_printf(r->ar, "%s://%s%s%s", tls ? "https" : "http", host ? host : "localhost",
                        host && !strchr(host, ':') && !default_port ? ":" : "",
                        host && !strchr(host, ':') && !default_port ? port : "");
}

static const char *
redirect_uri(struct req *r, const struct sso_provider *p)
{
    const char *base = base_url(r);
    return base ? arena_printf(r->ar, "%s/auth/sso/%s/callback", base, p->name) : NULL;
}

int
sso_pages_buttons(struct req *r, struct tmpl *t, const char *next)
{
    const struct sso_config *s = &r->app->sso;
    int rc = 0;
    for (int i = 0; rc == 0 && i < s->n; i++) {
        struct buf href = BUF_INIT;
        rc = buf_printf(&href, "/auth/sso/%s", s->p[i].name);
        if (rc == 0 && next && strcmp(next, "/") != 0) {
            rc = sso_url_add(&href, "next", next);
        }
        if (rc == 0) {
            rc = tmpl_setf(t, buf_cstr(&href), "login.sso.%d.href", i);
        }
        if (rc == 0) {
            rc = tmpl_setf(t, s->p[i].display, "login.sso.%d.display", i);
        }
        buf_free(&href);
    }
    return rc;
}

/* refused: audit and log a refusal (code: a messages[] family; why: the detail, or NULL) */
static void
refused(struct req *r, const struct sso_provider *p, const char *code, const char *why, int status)
{
    const char *target = arena_printf(r->ar, "provider=%s reason=%s", p->name,
                                      why ? why : code);
    auth_gate_event(r, "sso.login.fail", target ? target : "", status);
    log_msg(LOG_NOTICE, "m=sso provider=%s err=sign-in refused: %s", p->name, why ? why : code);
}

/* refuse: a refusal in the browser: back to /login with the reason's message */
static int
refuse(struct req *r, struct resp *w, const struct sso_provider *p, const char *code,
       const char *why)
{
    refused(r, p, code, why, 303);
    const char *loc = arena_printf(r->ar, "/login?sso=%s", code);
    return loc ? resp_redirect(w, 303, loc) : AG_ENOMEM;
}

/* refuse_json: the same for the API: 502 when the provider failed, else 403, with the message */
static int
refuse_json(struct req *r, struct resp *w, const struct sso_provider *p, const char *code,
            const char *why)
{
    int err = strcmp(code, "provider") == 0 ? AG_EUPSTREAM : AG_EFORBIDDEN;
    refused(r, p, code, why, err == AG_EUPSTREAM ? 502 : 403);
    resp_error(w, r, err, sso_pages_message(code), NULL);
    return 0;
}

/* start: the provider's authorization URL for this caller (pending login bound to the
 * pre-session cookie). 0 and *loc; 1 when refused (*code, *why); AG_E* on failure. */
static int
start(struct req *r, const struct sso_provider *p, const char *next, const char **loc,
      const char **code, const char **why)
{
    const char *uri = redirect_uri(r, p);
    if (!uri || !r->csrf) {
        return uri ? AG_EINTERNAL : AG_ENOMEM;
    }
    struct httpc *h = NULL;
    struct buf url = BUF_INIT;
    int rc = httpc_new(&h);
    if (rc == 0) {
        rc = sso_begin(r->app->db, h, p, uri, r->csrf, next, auth_gate_now(), &url, why);
    }
    httpc_free(h);
    if (rc == AG_EUPSTREAM) {
        *code = "provider";
        rc = 1;
    }
    *loc = rc == 0 ? arena_strdup(r->ar, buf_cstr(&url)) : NULL;
    buf_free(&url);
    return rc == 0 && !*loc ? AG_ENOMEM : rc;
}

int
sso_pages_start(struct req *r, struct resp *w)
{
    const struct sso_provider *p = sso_find(&r->app->sso, req_param(r, "provider"));
    const char *next = safe_next(req_param(r, "next"));
    if (!p) {
        return AG_ENOTFOUND;
    }
    if (r->user) {
        return resp_redirect(w, 303, next);
    }
    const char *loc = NULL, *code = NULL, *why = NULL;
    int rc = start(r, p, next, &loc, &code, &why);
    return rc == 1 ? refuse(r, w, p, code, why) : rc == 0 ? resp_redirect_provider(w, loc) : rc;
}

/* api_provider: the provider of a JSON sign-in request, or NULL with the error answered (404
 * for an unknown one, 409 when the caller is signed in already) */
static const struct sso_provider *
api_provider(struct req *r, struct resp *w)
{
    const struct sso_provider *p = sso_find(&r->app->sso, req_param(r, "provider"));
    if (!p) {
        resp_error(w, r, AG_ENOTFOUND, "No such sign-in provider.", "provider");
    } else if (r->user) {
        resp_error(w, r, AG_ECONFLICT, "Already signed in: sign out first.", NULL);
        p = NULL;
    }
    return p;
}

int
sso_pages_api_start(struct req *r, struct resp *w)
{
    const struct sso_provider *p = api_provider(r, w);
    if (!p) {
        return 0; /* answered */
    }
    const char *next = safe_next(req_param(r, "next"));
    const char *loc = NULL, *code = NULL, *why = NULL;
    int rc = start(r, p, next, &loc, &code, &why);
    if (rc == 1) {
        return refuse_json(r, w, p, code, why);
    }
    struct json_object *o = rc == 0 ? json_object_new_object() : NULL;
    if (rc == 0) {
        rc = o ? jsn_add_str(o, "provider", p->name) : AG_ENOMEM;
    }
    if (rc == 0) {
        rc = jsn_add_str(o, "authorizeUrl", loc);
    }
    if (rc == 0) {
        rc = jsn_add_str(o, "redirectUri", redirect_uri(r, p));
    }
    if (rc == 0) {
        rc = jsn_add_str(o, "next", next);
    }
    if (rc == 0) {
        rc = resp_json(w, 200, o);
    }
    json_object_put(o);
    return rc;
}

/* reason_code: the message family of a refusal reason from cgi/auth */
static const char *
reason_code(const char *why)
{
    if (!why) {
        return "provider";
    }
    if (strncmp(why, "this sign-in link", 17) == 0) {
        return "state";
    }
    if (strncmp(why, "the sign-in was started", 23) == 0) {
        return "browser";
    }
    if (strncmp(why, "the sign-in request is incomplete", 33) == 0) {
        return "incomplete";
    }
    if (strstr(why, "refused the sign-in code")) {
        return "provider";
    }
    return "token";
}

/* finish: the provider's answer (code and state, or error) to a session for the caller.
 * 0 when signed in (next filled); 1 when refused (*code, *why); AG_E* on failure. */
static int
finish(struct req *r, struct resp *w, const struct sso_provider *p, char *next, size_t next_size,
       const char **code, const char **why)
{
    const char *err = req_param(r, "error");
    if (err) {
        /* e.g. access_denied; the provider's text is not shown (it is not ours to trust) */
        *code = "denied";
        *why = strspn(err, "abcdefghijklmnopqrstuvwxyz_") == strlen(err) && strlen(err) < 40
                   ? err
                   : "error from the provider";
        return 1;
    }
    const char *uri = redirect_uri(r, p);
    struct httpc *h = NULL;
    struct sso_identity id;
    long long now = auth_gate_now();
    int rc = uri ? httpc_new(&h) : AG_ENOMEM;
    if (rc == 0) {
        rc = sso_finish(r->app->db, h, p, uri, r->csrf ? r->csrf : "", req_param(r, "state"),
                        req_param(r, "code"), now, &id, next, next_size, why);
    }
    httpc_free(h);
    if (rc == AG_EFORBIDDEN || rc == AG_EUPSTREAM) {
        *code = rc == AG_EUPSTREAM ? "provider" : reason_code(*why);
        return 1;
    }
    struct auth_user u;
    if (rc == 0) {
        rc = auth_identity_link(r->app->db, id.provider, id.subject, id.email, id.email_verified,
                                p->default_role, now, &u);
    }
    if (rc == AG_EFORBIDDEN) {
        *code = "disabled";
        *why = "account disabled";
        return 1;
    }
    if (rc == 0) {
        rc = auth_gate_sign_in(r, w, &u);
    }
    return rc;
}

int
sso_pages_callback(struct req *r, struct resp *w)
{
    const struct sso_provider *p = sso_find(&r->app->sso, req_param(r, "provider"));
    if (!p) {
        return AG_ENOTFOUND;
    }
    if (r->user) {
        return resp_redirect(w, 303, "/");
    }
    char next[512] = "/";
    const char *code = NULL, *why = NULL;
    int rc = finish(r, w, p, next, sizeof(next), &code, &why);
    if (rc == 1) {
        return refuse(r, w, p, code, why);
    }
    if (rc == 0) {
        auth_gate_event(r, "sso.login.ok", arena_printf(r->ar, "provider=%s", p->name), 303);
        /* a header value must outlive this frame (resp.h): next is on the stack */
        const char *to = arena_strdup(r->ar, safe_next(next));
        rc = to ? resp_redirect(w, 303, to) : AG_ENOMEM;
    }
    return rc;
}

int
sso_pages_api_callback(struct req *r, struct resp *w)
{
    const struct sso_provider *p = api_provider(r, w);
    if (!p) {
        return 0; /* answered */
    }
    char next[512] = "/";
    const char *code = NULL, *why = NULL;
    int rc = finish(r, w, p, next, sizeof(next), &code, &why);
    if (rc == 1) {
        return refuse_json(r, w, p, code, why);
    }
    if (rc == 0) {
        auth_gate_event(r, "sso.login.ok", arena_printf(r->ar, "provider=%s", p->name), 200);
        rc = auth_pages_reply_user(r, w, 200);
    }
    return rc;
}

int
sso_pages_proxy(struct req *r, struct auth_user *u)
{
    const struct sso_proxy *px = &r->app->sso.proxy;
    if (!px->enabled || !sso_addr_trusted(px->trusted, r->remote_addr)) {
        return 0;
    }
    const char *name = req_env(r, px->env_name);
    const char *email = px->email_header[0] ? req_env(r, px->email_header) : NULL;
    if (email && !*email) {
        email = NULL;
    }
    if (!name || !*name) {
        return 0;
    }
    for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
        if (*c < 0x21 || *c > 0x7e) {
            return 0; /* not a user name a proxy would set */
        }
    }
    if (strlen(name) > 255 || (email && (strlen(email) > 254 || !strchr(email, '@')))) {
        return 0;
    }
    /* the proxy is trusted to have checked the address it sends */
    int rc = auth_identity_link(r->app->db, "proxy", name, email, email != NULL,
                                px->default_role, auth_gate_now(), u);
    return rc == 0 ? 1 : rc;
}
