/* SPDX-License-Identifier: MIT */
/* account.c - /account (password change, sessions, API keys) and /api/keys. A new or rotated
 * key is shown exactly once, in the reply that made it; only its hash is stored. */
#include "account.h"

#include <stdint.h>
#include <string.h>

#include "../auth/auth.h"
#include "../core/crypt.h"
#include "../core/jsn.h"
#include "auth_gate.h"
#include "page.h"

struct list_ctx {
    struct req *r;
    struct tmpl *t;
    struct json_object *arr;
    int n;
};

static int render(struct req *r, struct resp *w, int status, const char *notice,
                  const char *error, const char *new_key);

static int
add_session(void *ctx, const struct auth_session *s)
{
    struct list_ctx *c = ctx;
    struct arena *ar = c->r->ar;
    int i = c->n++;
    int rc = tmpl_setf(c->t, auth_gate_fmt_time(ar, s->created_at), "sessions.%d.created", i);
    if (rc == 0) {
        rc = tmpl_setf(c->t, auth_gate_fmt_time(ar, s->last_seen), "sessions.%d.seen", i);
    }
    if (rc == 0) {
        rc = tmpl_setf(c->t, s->address, "sessions.%d.address", i);
    }
    if (rc == 0) {
        rc = tmpl_setf(c->t, s->user_agent, "sessions.%d.agent", i);
    }
    if (rc == 0 && s->id == c->r->user->session_id) {
        rc = tmpl_setf(c->t, "1", "sessions.%d.current", i);
    }
    return rc;
}

static int
add_key(void *ctx, const struct auth_key *k)
{
    struct list_ctx *c = ctx;
    struct arena *ar = c->r->ar;
    int i = c->n++;
    int rc = tmpl_setf(c->t, arena_printf(ar, "%lld", k->id), "keys.%d.id", i);
    if (rc == 0) {
        rc = tmpl_setf(c->t, k->name, "keys.%d.name", i);
    }
    if (rc == 0) {
        rc = tmpl_setf(c->t, k->prefix, "keys.%d.prefix", i);
    }
    if (rc == 0) {
        rc = tmpl_setf(c->t, auth_scope_name(k->scope), "keys.%d.scope", i);
    }
    if (rc == 0) {
        rc = tmpl_setf(c->t, auth_gate_fmt_time(ar, k->last_used_at), "keys.%d.used", i);
    }
    if (rc == 0) {
        rc = tmpl_setf(c->t, auth_gate_fmt_time(ar, k->expires_at), "keys.%d.expires", i);
    }
    if (rc == 0 && k->revoked_at) {
        rc = tmpl_setf(c->t, "1", "keys.%d.revoked", i);
    }
    return rc;
}

static int
render(struct req *r, struct resp *w, int status, const char *notice, const char *error,
       const char *new_key)
{
    struct tmpl *t = NULL;
    int rc = page_new(r, "Account", "account", &t);
    struct list_ctx c = {r, t, NULL, 0};
    if (rc == 0) {
        rc = auth_db_session_list(r->app->db, r->user->id, auth_gate_now(), add_session, &c);
    }
    c.n = 0;
    if (rc == 0) {
        rc = auth_db_key_list(r->app->db, r->user->id, add_key, &c);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "account.notice", notice);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "account.error", error);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "account.new_key", new_key);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "account.can_admin_keys", r->user->role == AUTH_ADMIN ? "1" : NULL);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "account.can_write_keys", r->user->role >= AUTH_EDITOR ? "1" : NULL);
    }
    if (rc == 0) {
        rc = page_render(r, w, t, "account/index.cs");
    }
    w->status = status;
    return rc;
}

int
account_show(struct req *r, struct resp *w)
{
    return render(r, w, 200, NULL, NULL, NULL);
}

static void
wipe_param(struct req *r, const char *name)
{
    const struct kv *kv = req_param_kv(r, name);
    if (kv && kv->value) {
        crypt_wipe((void *)(uintptr_t)kv->value, kv->len);
    }
}

int
account_password(struct req *r, struct resp *w)
{
    const char *cur = req_param(r, "current");
    const char *pw = req_param(r, "password");
    const char *pw2 = req_param(r, "password2");
    struct auth_user u;
    char phc[AUTH_PHC_SIZE] = "";
    int rc = auth_db_user_by_name(r->app->db, r->user->name, &u, phc, sizeof(phc));
    if (rc == 0) {
        rc = auth_password_verify(cur ? cur : "", phc[0] ? phc : NULL);
    }
    crypt_wipe(phc, sizeof(phc));
    const char *error = NULL;
    if (rc == AG_EFORBIDDEN || rc == AG_EINVAL) {
        error = "The current password is wrong.";
    } else if (rc == 0 && (!pw || !pw2 || strcmp(pw, pw2) != 0)) {
        error = "The two new passwords differ.";
    } else if (rc == 0) {
        rc = auth_user_set_password(r->app->db, r->user->id, pw, r->user->session_id,
                                    auth_gate_now());
        error = rc == AG_EINVAL ? "The new password needs at least 12 characters." : NULL;
    }
    wipe_param(r, "current");
    wipe_param(r, "password");
    wipe_param(r, "password2");
    if (error) {
        return render(r, w, 400, NULL, error, NULL);
    }
    if (rc < 0) {
        return rc;
    }
    auth_gate_event(r, "password.change", "", 200);
    return render(r, w, 200, "Password changed. Your other sessions were signed out.", NULL, NULL);
}

int
account_sessions_revoke(struct req *r, struct resp *w)
{
    int rc = auth_db_session_revoke_all(r->app->db, r->user->id, r->user->session_id,
                                        auth_gate_now());
    if (rc < 0) {
        return rc;
    }
    auth_gate_event(r, "sessions.revoke_others", "", 200);
    return render(r, w, 200, "Your other sessions were signed out.", NULL, NULL);
}

/* key_params reads name, scope and expiry (days, 0 = never) from a form or JSON body. */
static int
key_params(struct req *r, const char **name, int *scope, long long *expires_at)
{
    long long days = 0;
    const char *scope_s = NULL;
    int rc;
    if (r->json) {
        rc = jsn_str(r->json, "name", 1, 100, name);
        if (rc == 0) {
            rc = jsn_str(r->json, "scope", 1, 10, &scope_s);
        }
        if (rc == 0) {
            rc = jsn_int(r->json, "expiresInDays", 0, 0, 3650, &days);
        }
    } else {
        rc = req_param_str(r, "name", 1, 100, name);
        scope_s = req_param(r, "scope");
        const char *d = req_param(r, "expires");
        if (rc == 0 && d && *d) {
            rc = req_param_i64(r, "expires", &days);
        }
    }
    *scope = auth_scope_parse(scope_s);
    if (rc < 0 || *scope == 0 || days < 0 || days > 3650) {
        return AG_EINVAL;
    }
    *expires_at = days ? auth_gate_now() + days * 86400 : 0;
    return 0;
}

static int
create_key(struct req *r, char key[AUTH_KEY_SIZE], long long *id, int *scope)
{
    const char *name = NULL;
    long long expires_at = 0;
    int rc = key_params(r, &name, scope, &expires_at);
    if (rc == 0) {
        rc = auth_key_create(r->app->db, r->user, name, *scope, expires_at, key, id);
    }
    if (rc == 0) {
        auth_gate_event(r, "key.create", arena_printf(r->ar, "key=%lld scope=%s", *id,
                                                      auth_scope_name(*scope)), 201);
    }
    return rc;
}

int
account_key_create(struct req *r, struct resp *w)
{
    char key[AUTH_KEY_SIZE];
    long long id = 0;
    int scope = 0;
    int rc = create_key(r, key, &id, &scope);
    if (rc == AG_EINVAL) {
        return render(r, w, 400, NULL, "Give the key a name and a scope your role allows.", NULL);
    }
    if (rc == 0) {
        rc = render(r, w, 200, "API key created. Copy it now: it is shown only once.", NULL, key);
    }
    crypt_wipe(key, sizeof(key));
    return rc;
}

/* rotate_key: the rotation both the form and the JSON API do, audited once, here. The new
 * secret lands in key (the caller wipes it). */
static int
rotate_key(struct req *r, long long *id, char key[AUTH_KEY_SIZE])
{
    int rc = req_param_i64(r, "id", id);
    if (rc == 0) {
        rc = auth_key_rotate(r->app->db, r->user->id, *id, key);
    }
    if (rc == 0) {
        auth_gate_event(r, "key.rotate", arena_printf(r->ar, "key=%lld", *id), 200);
    }
    return rc;
}

int
account_key_rotate(struct req *r, struct resp *w)
{
    char key[AUTH_KEY_SIZE];
    long long id = 0;
    int rc = rotate_key(r, &id, key);
    if (rc == 0) {
        rc = render(r, w, 200, "API key rotated: the old secret no longer works. Copy the new "
                               "one now: it is shown only once.", NULL, key);
    }
    crypt_wipe(key, sizeof(key));
    return rc;
}

int
account_key_revoke(struct req *r, struct resp *w)
{
    long long id = 0;
    int rc = req_param_i64(r, "id", &id);
    if (rc == 0) {
        rc = auth_db_key_revoke(r->app->db, r->user->id, id, auth_gate_now());
    }
    if (rc == 0) {
        auth_gate_event(r, "key.revoke", arena_printf(r->ar, "key=%lld", id), 303);
        rc = resp_redirect(w, 303, "/account");
    }
    return rc;
}

static int
add_key_json(void *ctx, const struct auth_key *k)
{
    struct list_ctx *c = ctx;
    struct json_object *o = json_object_new_object();
    int rc = o ? json_object_array_add(c->arr, o) == 0 ? 0 : AG_ENOMEM : AG_ENOMEM;
    if (rc < 0) {
        json_object_put(o);
        return rc;
    }
    rc = jsn_add_int(o, "id", k->id);
    if (rc == 0) {
        rc = jsn_add_str(o, "name", k->name);
    }
    if (rc == 0) {
        rc = jsn_add_str(o, "prefix", k->prefix);
    }
    if (rc == 0) {
        rc = jsn_add_str(o, "scope", auth_scope_name(k->scope));
    }
    if (rc == 0) {
        rc = jsn_add_int(o, "createdAt", k->created_at);
    }
    if (rc == 0) {
        rc = k->expires_at ? jsn_add_int(o, "expiresAt", k->expires_at) : jsn_add_str(o, "expiresAt", NULL);
    }
    if (rc == 0) {
        rc = k->last_used_at ? jsn_add_int(o, "lastUsedAt", k->last_used_at) : jsn_add_str(o, "lastUsedAt", NULL);
    }
    if (rc == 0) {
        rc = jsn_add_bool(o, "revoked", k->revoked_at != 0);
    }
    return rc;
}

int
account_api_keys(struct req *r, struct resp *w)
{
    struct json_object *o = json_object_new_object();
    struct list_ctx c = {r, NULL, json_object_new_array(), 0};
    int rc = o && c.arr ? 0 : AG_ENOMEM;
    if (rc == 0) {
        rc = auth_db_key_list(r->app->db, r->user->id, add_key_json, &c);
    }
    if (rc == 0) {
        rc = jsn_add(o, "keys", c.arr);
        c.arr = NULL;
    }
    if (rc == 0) {
        rc = resp_json(w, 200, o);
    }
    json_object_put(c.arr);
    json_object_put(o);
    return rc;
}

static int
reply_key(struct resp *w, int status, long long id, const char *key, int scope)
{
    struct json_object *o = json_object_new_object();
    int rc = o ? jsn_add_int(o, "id", id) : AG_ENOMEM;
    if (rc == 0) {
        rc = jsn_add_str(o, "key", key);
    }
    if (rc == 0 && scope) {
        rc = jsn_add_str(o, "scope", auth_scope_name(scope));
    }
    if (rc == 0) {
        rc = resp_json(w, status, o);
    }
    json_object_put(o);
    return rc;
}

int
account_api_key_create(struct req *r, struct resp *w)
{
    char key[AUTH_KEY_SIZE];
    long long id = 0;
    int scope = 0;
    int rc = create_key(r, key, &id, &scope);
    if (rc == AG_EINVAL) {
        resp_error(w, r, AG_EINVAL, "Send {name, scope: read|write|admin (at most your role), "
                                    "expiresInDays}.", NULL);
        return 0;
    }
    if (rc == 0) {
        rc = reply_key(w, 201, id, key, scope);
    }
    crypt_wipe(key, sizeof(key));
    return rc;
}

int
account_api_key_rotate(struct req *r, struct resp *w)
{
    char key[AUTH_KEY_SIZE];
    long long id = 0;
    int rc = rotate_key(r, &id, key);
    if (rc == 0) {
        rc = reply_key(w, 200, id, key, 0);
    }
    crypt_wipe(key, sizeof(key));
    return rc;
}

int
account_api_key_delete(struct req *r, struct resp *w)
{
    long long id = 0;
    int rc = req_param_i64(r, "id", &id);
    if (rc == 0) {
        rc = auth_db_key_revoke(r->app->db, r->user->id, id, auth_gate_now());
    }
    if (rc == 0) {
        auth_gate_event(r, "key.revoke", arena_printf(r->ar, "key=%lld", id), 200);
        rc = reply_key(w, 200, id, NULL, 0);
    }
    return rc;
}
