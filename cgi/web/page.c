/* SPDX-License-Identifier: MIT */
/* page.c - the layout dataset shared by every page, and page rendering. */
#include "page.h"

#include "../auth/auth.h"
#include "../core/log.h"
#include "resp.h"

int
page_new(struct req *r, const char *title, const char *nav, struct tmpl **out)
{
    struct tmpl *t = NULL;
    int rc = tmpl_new(&t, TMPL_HTML);
    if (rc < 0) {
        return rc;
    }
    rc = arena_defer(r->ar, tmpl_free_v, t);
    if (rc < 0) {
        return rc;
    }
    if (rc == 0) {
        rc = tmpl_set(t, "page.title", title);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "page.nav", nav ? nav : "");
    }
    if (rc == 0) {
        rc = tmpl_set(t, "page.path", r->path);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "app.version", AG_VERSION);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "request.id", r->rid ? r->rid : "");
    }
    if (rc == 0 && r->user) {
        rc = tmpl_set(t, "user.name", r->user->name);
        if (rc == 0) {
            rc = tmpl_set(t, "user.role", auth_role_name(r->user->role));
        }
    }
    if (rc == 0 && r->csrf) {
        rc = tmpl_set(t, "csrf.token", r->csrf);
    }
    if (rc == 0) {
        *out = t;
    }
    return rc;
}

int
page_render(struct req *r, struct resp *w, struct tmpl *t, const char *file)
{
    buf_reset(&w->body);
    int rc = tmpl_render(t, r->app->tmpl_root, file, &w->body);
    if (rc == 0) {
        w->content_type = "text/html; charset=utf-8";
    }
    return rc;
}

int
page_render_error(struct req *r, struct resp *w, int status, const char *message)
{
    if (!r->app) {
        return AG_EINTERNAL;
    }
    struct tmpl *t = NULL;
    int rc = page_new(r, resp_reason(status), "", &t);
    if (rc == 0) {
        rc = tmpl_set_int(t, "error.status", status);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "error.reason", resp_reason(status));
    }
    if (rc == 0) {
        rc = tmpl_set(t, "error.message", message);
    }
    if (rc == 0) {
        rc = page_render(r, w, t, "error/show.cs");
    }
    return rc;
}
