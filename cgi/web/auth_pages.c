/* SPDX-License-Identifier: MIT */
/* auth_pages.c - /login, /logout, /setup and /api/auth/.... Validation and messages here; the
 * policy (throttling, token checks, hashing) is in cgi/auth. Passwords are wiped from the
 * request after use and never logged; events go to the audit log. */
#include "auth_pages.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../auth/auth.h"
#include "../core/crypt.h"
#include "../core/jsn.h"
#include "auth_gate.h"
#include "page.h"
#include "sso_pages.h"

static int login_attempt(struct req *r, struct resp *w, const char *name, const char *password,
                         struct auth_user *u, int *status, const char **msg);
static int render_login(struct req *r, struct resp *w, int status, const char *msg);
static int render_setup(struct req *r, struct resp *w, int status, const char *msg);
static const char *safe_next(const char *next);

/* wipe_param clears a form field's value (a password) in the request's arena. */
static void
wipe_param(struct req *r, const char *name)
{
    const struct kv *kv = req_param_kv(r, name);
    if (kv && kv->value) {
        crypt_wipe((void *)(uintptr_t)kv->value, kv->len);
    }
}

static const char *
safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strpbrk(next, "\r\n")) {
        return "/";
    }
    return next;
}

static int
render_login(struct req *r, struct resp *w, int status, const char *msg)
{
    struct tmpl *t = NULL;
    int rc = page_new(r, "Sign in", "login", &t);
    if (rc == 0) {
        rc = tmpl_set(t, "login.next", safe_next(req_param(r, "next")));
    }
    if (rc == 0 && msg) {
        rc = tmpl_set(t, "login.error", msg);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "login.name", req_param(r, "name"));
    }
    if (rc == 0) {
        rc = sso_pages_buttons(r, t, safe_next(req_param(r, "next")));
    }
    if (rc == 0) {
        rc = page_render(r, w, t, "auth/login.cs");
    }
    w->status = status;
    return rc;
}

int
auth_pages_login(struct req *r, struct resp *w)
{
    if (r->user) {
        return resp_redirect(w, 303, safe_next(req_param(r, "next")));
    }
    int admins = 0;
    int rc = auth_db_admin_count(r->app->db, &admins);
    if (rc == 0 && admins == 0) {
        return resp_redirect(w, 303, "/setup");
    }
    /* back from a refused single sign-on: the message of its reason code */
    return rc < 0 ? rc : render_login(r, w, 200, sso_pages_message(req_param(r, "sso")));
}

/* login_attempt: 0 and *u when signed in; otherwise *status and *msg for the reply. */
static int
login_attempt(struct req *r, struct resp *w, const char *name, const char *password,
              struct auth_user *u, int *status, const char **msg)
{
    struct auth_login_result res;
    const char *target = arena_printf(r->ar, "name=%.64s", name ? name : "");
    int rc = auth_login(r->app->db, name, password, auth_gate_address(r), auth_gate_now(), u, &res);
    if (rc == 0) {
        struct auth_user *saved = arena_alloc(r->ar, sizeof(*saved));
        if (saved) {
            *saved = *u;
            r->user = saved; /* the audit row of this request names the new actor */
        }
        auth_gate_event(r, "login.ok", target, 200);
        return 0;
    }
    if (rc == AG_EBUSY) {
        *status = 429;
        *msg = res.locked ? arena_printf(r->ar, "Too many failed sign-ins: locked for %d more "
                                                "minutes. Try again later or ask an administrator.",
                                         (res.retry_after + 59) / 60)
                          : arena_printf(r->ar, "Too many failed sign-ins. Wait %d seconds and "
                                                "try again.", res.retry_after);
        const char *retry = arena_printf(r->ar, "%d", res.retry_after);
        AG_IGNORE(resp_header(w, "Retry-After", retry ? retry : "60"));
        auth_gate_event(r, "login.throttled", target, 429);
        return 1;
    }
    if (rc != AG_EUNAUTH) {
        return rc;
    }
    auth_gate_event(r, "login.fail", target, 401);
    if (res.locked) {
        auth_gate_event(r, "login.lockout", target, 401);
    }
    *status = 401;
    *msg = res.locked ? "Wrong name or password. Too many failures: this account is now locked "
                        "for 15 minutes."
                      : "Wrong name or password.";
    return 1;
}

int
auth_pages_login_post(struct req *r, struct resp *w)
{
    struct auth_user u;
    int status = 0;
    const char *msg = NULL;
    int rc = login_attempt(r, w, req_param(r, "name"), req_param(r, "password"), &u, &status,
                           &msg);
    wipe_param(r, "password");
    if (rc == 1) {
        return render_login(r, w, status, msg);
    }
    if (rc == 0) {
        rc = auth_gate_sign_in(r, w, &u);
    }
    if (rc == 0) {
        rc = resp_redirect(w, 303, safe_next(req_param(r, "next")));
    }
    return rc;
}

int
auth_pages_logout(struct req *r, struct resp *w)
{
    int rc = auth_gate_sign_out(r, w);
    if (rc == 0) {
        auth_gate_event(r, "logout", "", 303);
        rc = resp_redirect(w, 303, "/login");
    }
    return rc;
}

static int
render_setup(struct req *r, struct resp *w, int status, const char *msg)
{
    struct tmpl *t = NULL;
    int rc = page_new(r, "Set up", "setup", &t);
    if (rc == 0 && msg) {
        rc = tmpl_set(t, "setup.error", msg);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "setup.name", req_param(r, "name"));
    }
    if (rc == 0) {
        rc = tmpl_set_int(t, "setup.min", AUTH_PASSWORD_MIN);
    }
    if (rc == 0) {
        rc = page_render(r, w, t, "auth/setup.cs");
    }
    w->status = status;
    return rc;
}

int
auth_pages_setup(struct req *r, struct resp *w)
{
    int admins = 0;
    int rc = auth_db_admin_count(r->app->db, &admins);
    if (rc == 0 && admins > 0) {
        return resp_redirect(w, 303, "/login");
    }
    return rc < 0 ? rc : render_setup(r, w, 200, NULL);
}

int
auth_pages_setup_post(struct req *r, struct resp *w)
{
    const char *pw = req_param(r, "password");
    const char *pw2 = req_param(r, "password2");
    struct auth_user u;
    int rc = AG_EINVAL;
    if (pw && pw2 && strcmp(pw, pw2) == 0) {
        rc = auth_setup_complete(r->app->db, req_param(r, "token"), req_param(r, "name"), pw,
                                 auth_gate_now(), &u);
    }
    wipe_param(r, "password");
    wipe_param(r, "password2");
    wipe_param(r, "token");
    if (rc == AG_ECONFLICT) {
        return resp_redirect(w, 303, "/login");
    }
    if (rc == AG_EFORBIDDEN) {
        auth_gate_event(r, "setup.fail", "", 403);
        return render_setup(r, w, 403, "The setup token is wrong, already used or expired. "
                                       "Run \"agentgen setup-token\" on the server for a new one.");
    }
    if (rc == AG_EINVAL) {
        return render_setup(r, w, 400, "Choose a name (letters, digits, . _ @ -) and a password "
                                       "of at least 12 characters, typed twice the same.");
    }
    if (rc == 0) {
        rc = auth_gate_sign_in(r, w, &u);
    }
    if (rc == 0) {
        auth_gate_event(r, "setup.complete", arena_printf(r->ar, "name=%s", u.name), 303);
        rc = resp_redirect(w, 303, "/");
    }
    return rc;
}

static struct json_object *
user_json(const struct req *r)
{
    struct json_object *o = json_object_new_object();
    int rc = o ? 0 : AG_ENOMEM;
    if (rc == 0) {
        rc = jsn_add_int(o, "id", r->user->id);
    }
    if (rc == 0) {
        rc = jsn_add_str(o, "name", r->user->name);
    }
    if (rc == 0) {
        rc = jsn_add_str(o, "role", auth_role_name(r->user->role));
    }
    if (rc == 0) {
        rc = jsn_add_str(o, "auth", r->user->key_id ? "api_key" : "session");
    }
    if (rc == 0 && r->user->key_id) {
        rc = jsn_add_str(o, "scope", auth_scope_name(r->user->key_scope));
    }
    if (rc == 0 && r->csrf) {
        rc = jsn_add_str(o, "csrfToken", r->csrf);
    }
    if (rc < 0) {
        json_object_put(o);
        return NULL;
    }
    return o;
}

int
auth_pages_reply_user(struct req *r, struct resp *w, int status)
{
    struct json_object *o = user_json(r);
    int rc = o ? resp_json(w, status, o) : AG_ENOMEM;
    json_object_put(o);
    return rc;
}

int
auth_pages_api_login(struct req *r, struct resp *w)
{
    const char *name = NULL, *password = NULL;
    int rc = r->json ? jsn_str(r->json, "name", 1, AUTH_NAME_MAX, &name) : AG_EINVAL;
    if (rc == 0) {
        rc = jsn_str(r->json, "password", 1, AUTH_PASSWORD_MAX, &password);
    }
    if (rc < 0) {
        resp_error(w, r, AG_EINVAL, "Send {\"name\": ..., \"password\": ...}.", NULL);
        return 0;
    }
    struct auth_user u;
    int status = 0;
    const char *msg = NULL;
    rc = login_attempt(r, w, name, password, &u, &status, &msg);
    if (rc == 1) {
        resp_error(w, r, status == 401 ? AG_EUNAUTH : status, msg, NULL);
        return 0;
    }
    if (rc == 0) {
        rc = auth_gate_sign_in(r, w, &u);
    }
    return rc == 0 ? auth_pages_reply_user(r, w, 200) : rc;
}

int
auth_pages_api_logout(struct req *r, struct resp *w)
{
    int rc = auth_gate_sign_out(r, w);
    struct json_object *o = rc == 0 ? json_object_new_object() : NULL;
    if (rc == 0) {
        auth_gate_event(r, "logout", "", 200);
        rc = o ? jsn_add_bool(o, "ok", 1) : AG_ENOMEM;
    }
    if (rc == 0) {
        rc = resp_json(w, 200, o);
    }
    json_object_put(o);
    return rc;
}

int
auth_pages_api_me(struct req *r, struct resp *w)
{
    return auth_pages_reply_user(r, w, 200);
}

int
auth_pages_api_touch(struct req *r, struct resp *w)
{
    return auth_pages_reply_user(r, w, 200);
}
