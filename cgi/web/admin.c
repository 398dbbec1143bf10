/* SPDX-License-Identifier: MIT */
/* admin.c - users (create, role, disable/enable, password reset with a one-time password) and
 * the audit log with filters, CSV export and JSON. The last enabled admin cannot be demoted or
 * disabled, and nobody disables themselves. */
#include "admin.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../auth/auth.h"
#include "../core/crypt.h"
#include "../core/jsn.h"
#include "auth_gate.h"
#include "page.h"

struct list_ctx {
    struct req *r;
    struct tmpl *t;
    struct json_object *arr;
    struct buf *csv;
    int n;
};

static int render_users(struct req *r, struct resp *w, int status, const char *notice,
                        const char *error, const char *secret);

static int
add_user(void *ctx, const struct auth_user *u)
{
    struct list_ctx *c = ctx;
    int i = c->n++;
    int rc = tmpl_setf(c->t, arena_printf(c->r->ar, "%lld", u->id), "users.%d.id", i);
    if (rc == 0) {
        rc = tmpl_setf(c->t, u->name, "users.%d.name", i);
    }
    if (rc == 0) {
        rc = tmpl_setf(c->t, auth_role_name(u->role), "users.%d.role", i);
    }
    if (rc == 0) {
        rc = tmpl_setf(c->t, auth_gate_fmt_time(c->r->ar, u->created_at), "users.%d.created", i);
    }
    if (rc == 0 && u->disabled) {
        rc = tmpl_setf(c->t, "1", "users.%d.disabled", i);
    }
    if (rc == 0 && u->id == c->r->user->id) {
        rc = tmpl_setf(c->t, "1", "users.%d.self", i);
    }
    return rc;
}

static int
render_users(struct req *r, struct resp *w, int status, const char *notice, const char *error,
             const char *secret)
{
    struct tmpl *t = NULL;
    int rc = page_new(r, "Users", "admin", &t);
    struct list_ctx c = {r, t, NULL, NULL, 0};
    if (rc == 0) {
        rc = auth_db_user_list(r->app->db, add_user, &c);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "admin.notice", notice);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "admin.error", error);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "admin.secret", secret);
    }
    if (rc == 0) {
        rc = page_render(r, w, t, "admin/users.cs");
    }
    w->status = status;
    return rc;
}

int
admin_users(struct req *r, struct resp *w)
{
    return render_users(r, w, 200, NULL, NULL, NULL);
}

int
admin_user_create(struct req *r, struct resp *w)
{
    char generated[AUTH_GENPASS_SIZE] = "";
    const char *name = req_param(r, "name");
    int role = auth_role_parse(req_param(r, "role"));
    int rc = auth_password_generate(generated);
    long long id = 0;
    if (rc == 0) {
        rc = auth_user_create(r->app->db, name, role, generated, &id);
    }
    if (rc == AG_EINVAL || rc == AG_ECONFLICT) {
        crypt_wipe(generated, sizeof(generated));
        return render_users(r, w, rc == AG_EINVAL ? 400 : 409, NULL,
                            rc == AG_EINVAL ? "Names use letters, digits and . _ @ - (at most 64)."
                                            : "That name is taken.",
                            NULL);
    }
    if (rc == 0) {
        auth_gate_event(r, "user.create",
                        arena_printf(r->ar, "user=%lld name=%s role=%s", id, name,
                                     auth_role_name(role)), 200);
        const char *msg = arena_printf(r->ar, "User %s created. Give them this one-time "
                                              "password; it is shown only once:", name);
        rc = render_users(r, w, 200, msg, NULL, generated);
    }
    crypt_wipe(generated, sizeof(generated));
    return rc;
}

/* target_user loads :id; AG_ENOTFOUND or AG_EINVAL for a bad id. */
static int
target_user(struct req *r, struct auth_user *u)
{
    long long id = 0;
    int rc = req_param_i64(r, "id", &id);
    return rc == 0 ? auth_db_user_by_id(r->app->db, id, u) : rc;
}

/* last_admin: 1 when u is the only enabled admin (so it must stay one). */
static int
last_admin(struct req *r, const struct auth_user *u)
{
    int n = 0;
    return u->role == AUTH_ADMIN && !u->disabled && auth_db_admin_count(r->app->db, &n) == 0 &&
           n <= 1;
}

int
admin_user_role(struct req *r, struct resp *w)
{
    struct auth_user u;
    int role = auth_role_parse(req_param(r, "role"));
    int rc = target_user(r, &u);
    if (rc == 0 && role == AUTH_NONE) {
        return render_users(r, w, 400, NULL, "Choose viewer, editor or admin.", NULL);
    }
    if (rc == 0 && role != AUTH_ADMIN && last_admin(r, &u)) {
        return render_users(r, w, 409, NULL, "The last administrator keeps the admin role.", NULL);
    }
    if (rc == 0) {
        rc = auth_db_user_set_role(r->app->db, u.id, role);
    }
    if (rc == 0) {
        auth_gate_event(r, "user.role", arena_printf(r->ar, "user=%lld role=%s->%s", u.id,
                                                     auth_role_name(u.role), auth_role_name(role)),
                        303);
        rc = resp_redirect(w, 303, "/admin/users");
    }
    return rc;
}

static int
set_disabled(struct req *r, struct resp *w, int disabled)
{
    struct auth_user u;
    int rc = target_user(r, &u);
    if (rc == 0 && disabled && (u.id == r->user->id || last_admin(r, &u))) {
        return render_users(r, w, 409, NULL, "You cannot disable yourself or the last "
                                             "administrator.", NULL);
    }
    if (rc == 0) {
        rc = auth_db_user_set_disabled(r->app->db, u.id, disabled);
    }
    if (rc == 0 && disabled) {
        rc = auth_db_session_revoke_all(r->app->db, u.id, 0, auth_gate_now());
    }
    if (rc == 0) {
        auth_gate_event(r, disabled ? "user.disable" : "user.enable",
                        arena_printf(r->ar, "user=%lld", u.id), 303);
        rc = resp_redirect(w, 303, "/admin/users");
    }
    return rc;
}

int
admin_user_disable(struct req *r, struct resp *w)
{
    return set_disabled(r, w, 1);
}

int
admin_user_enable(struct req *r, struct resp *w)
{
    return set_disabled(r, w, 0);
}

int
admin_user_reset(struct req *r, struct resp *w)
{
    char generated[AUTH_GENPASS_SIZE] = "";
    struct auth_user u;
    int rc = target_user(r, &u);
    if (rc == 0) {
        rc = auth_password_generate(generated);
    }
    if (rc == 0) {
        rc = auth_user_set_password(r->app->db, u.id, generated, 0, auth_gate_now());
    }
    if (rc == 0) {
        auth_gate_event(r, "user.reset", arena_printf(r->ar, "user=%lld", u.id), 200);
        const char *msg = arena_printf(r->ar, "Password of %s reset and their sessions signed "
                                              "out. One-time password, shown only once:", u.name);
        rc = render_users(r, w, 200, msg, NULL, generated);
    }
    crypt_wipe(generated, sizeof(generated));
    return rc;
}

/* parse_day: "YYYY-MM-DD" -> unix time of its midnight UTC; 0 when empty or malformed. */
static long long
parse_day(const char *s)
{
    struct tm tm = {0};
    const char *end = s && *s ? strptime(s, "%Y-%m-%d", &tm) : NULL;
    return end && !*end ? (long long)timegm(&tm) : 0;
}

static void
read_filter(struct req *r, struct auth_audit_filter *f)
{
    const char *actor = req_param(r, "actor");
    const char *action = req_param(r, "action");
    long long to = parse_day(req_param(r, "to"));
    f->actor = actor && *actor ? actor : NULL;
    f->action = action && *action ? action : NULL;
    f->from = parse_day(req_param(r, "from"));
    f->to = to ? to + 86400 : 0; /* the "to" day is included */
    f->limit = 500;
}

static int
add_audit(void *ctx, const struct auth_audit *a)
{
    struct list_ctx *c = ctx;
    int i = c->n++;
    int rc = tmpl_setf(c->t, auth_gate_fmt_time(c->r->ar, a->at), "audit.%d.at", i);
    const char *status = arena_printf(c->r->ar, "%d", a->status);
    const struct {
        const char *key;
        const char *value;
    } f[] = {{"actor", a->actor},     {"action", a->action}, {"target", a->target},
             {"address", a->address}, {"agent", a->user_agent}, {"status", status}};
    for (size_t k = 0; rc == 0 && k < AG_NELEM(f); k++) {
        rc = tmpl_setf(c->t, f[k].value, "audit.%d.%s", i, f[k].key);
    }
    return rc;
}

int
admin_audit(struct req *r, struct resp *w)
{
    struct tmpl *t = NULL;
    struct auth_audit_filter f;
    read_filter(r, &f);
    int rc = page_new(r, "Audit log", "admin", &t);
    struct list_ctx c = {r, t, NULL, NULL, 0};
    if (rc == 0) {
        rc = auth_db_audit_list(r->app->db, &f, add_audit, &c);
    }
    const char *keys[] = {"actor", "action", "from", "to"};
    for (size_t i = 0; rc == 0 && i < AG_NELEM(keys); i++) {
        rc = tmpl_setf(t, req_param(r, keys[i]), "filter.%s", keys[i]);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "filter.query", r->query ? r->query : "");
    }
    if (rc == 0) {
        rc = page_render(r, w, t, "admin/audit.cs");
    }
    return rc;
}

/* csv_field appends one quoted field; a leading = + - @ gets a ' so spreadsheets show text */
static int
csv_field(struct buf *b, const char *s, int last)
{
    int rc = buf_putc(b, '"');
    if (rc == 0 && s && s[0] && strchr("=+-@\t\r", s[0])) {
        rc = buf_putc(b, '\'');
    }
    for (const char *p = s ? s : ""; rc == 0 && *p; p++) {
        rc = *p == '"' ? buf_puts(b, "\"\"") : buf_putc(b, *p);
    }
    if (rc == 0) {
        rc = buf_puts(b, last ? "\"\r\n" : "\",");
    }
    return rc;
}

static int
add_audit_csv(void *ctx, const struct auth_audit *a)
{
    struct list_ctx *c = ctx;
    char when[32], status[16];
    time_t tt = (time_t)a->at;
    struct tm tm;
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&tt, &tm));
    snprintf(status, sizeof(status), "%d", a->status);
    const char *f[] = {when, a->actor, a->action, a->target, a->address, a->user_agent, status};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < AG_NELEM(f); i++) {
        rc = csv_field(c->csv, f[i], i + 1 == AG_NELEM(f));
    }
    return rc;
}

int
admin_audit_csv(struct req *r, struct resp *w)
{
    struct auth_audit_filter f;
    read_filter(r, &f);
    f.limit = 100000;
    buf_reset(&w->body);
    struct list_ctx c = {r, NULL, NULL, &w->body, 0};
    int rc = buf_puts(&w->body, "time,actor,action,target,address,user_agent,status\r\n");
    if (rc == 0) {
        rc = auth_db_audit_list(r->app->db, &f, add_audit_csv, &c);
    }
    if (rc == 0) {
        w->content_type = "text/csv; charset=utf-8";
        rc = resp_header(w, "Content-Disposition", "attachment; filename=\"audit.csv\"");
    }
    return rc;
}

static int
add_audit_json(void *ctx, const struct auth_audit *a)
{
    struct list_ctx *c = ctx;
    struct json_object *o = json_object_new_object();
    if (!o || json_object_array_add(c->arr, o) != 0) {
        json_object_put(o);
        return AG_ENOMEM;
    }
    int rc = jsn_add_int(o, "id", a->id);
    if (rc == 0) {
        rc = jsn_add_int(o, "at", a->at);
    }
    const char *keys[] = {"actor", "action", "target", "address", "userAgent"};
    const char *vals[] = {a->actor, a->action, a->target, a->address, a->user_agent};
    for (size_t i = 0; rc == 0 && i < AG_NELEM(keys); i++) {
        rc = jsn_add_str(o, keys[i], vals[i]);
    }
    if (rc == 0) {
        rc = jsn_add_int(o, "status", a->status);
    }
    return rc;
}

int
admin_api_audit(struct req *r, struct resp *w)
{
    struct auth_audit_filter f;
    read_filter(r, &f);
    struct json_object *o = json_object_new_object();
    struct list_ctx c = {r, NULL, json_object_new_array(), NULL, 0};
    int rc = o && c.arr ? 0 : AG_ENOMEM;
    if (rc == 0) {
        rc = auth_db_audit_list(r->app->db, &f, add_audit_json, &c);
    }
    if (rc == 0) {
        rc = jsn_add(o, "events", c.arr);
        c.arr = NULL;
    }
    if (rc == 0) {
        rc = resp_json(w, 200, o);
    }
    json_object_put(c.arr);
    json_object_put(o);
    return rc;
}
