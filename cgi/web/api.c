/* SPDX-License-Identifier: MIT */
/* api.c - JSON handlers: /api/compatibility, /api/plan, /api/projects. Bad input is a 400/422
 * JSON error and changes nothing. */
#include "api.h"

#include <stdio.h>
#include <string.h>

#include "../core/jsn.h"
#include "../engine/catalog.h"
#include "../engine/engine.h"
#include "../engine/zip.h"
#include "gen.h"
#include "projects_db.h"

static int project_json(const struct project_row *p, int with_spec, struct json_object **out);

void
api_paging(const struct req *r, int *limit, int *offset, int max)
{
    long long v = 0;
    *limit = 50;
    *offset = 0;
    if (req_param(r, "limit") && req_param_i64(r, "limit", &v) == 0 && v > 0) {
        *limit = v > max ? max : (int)v;
    }
    if (req_param(r, "offset") && req_param_i64(r, "offset", &v) == 0 && v >= 0 && v < 1000000) {
        *offset = (int)v;
    }
}

static int
reply_owned(struct resp *w, int status, struct json_object *o)
{
    int rc = o ? resp_json(w, status, o) : AG_ENOMEM;
    json_object_put(o);
    return rc;
}

int
api_compatibility(struct req *r, struct resp *w)
{
    (void)r;
    struct json_object *o = NULL;
    int rc = catalog_to_json(&o);
    if (rc == 0) {
        AG_IGNORE(resp_header(w, "Cache-Control", "public, max-age=300"));
        rc = reply_owned(w, 200, o);
    }
    return rc;
}

static int
bad_field(struct req *r, struct resp *w, const char *field, const char *msg)
{
    resp_error(w, r, AG_EINVAL, msg, field);
    return 0;
}

int
api_diagnose(struct req *r, struct resp *w)
{
    struct plan_choices c;
    const char *field = NULL;
    if (gen_choices_from_json(r, r->json, NULL, &c, &field) < 0) {
        return bad_field(r, w, field, "Invalid choices.");
    }
    struct json_object *rows = NULL;
    const char *worst = NULL;
    if (gen_diagnose_json(&c, &rows, &worst) < 0) {
        return bad_field(r, w, "framework", "Unknown framework, hyperscaler or pattern.");
    }
    struct json_object *o = json_object_new_object();
    int rc = o ? jsn_add(o, "diagnostics", rows) : (json_object_put(rows), AG_ENOMEM);
    if (rc == 0) {
        rc = jsn_add_str(o, "worst", worst);
    }
    return rc == 0 ? reply_owned(w, 200, o) : (json_object_put(o), rc);
}

/* Turns engine warnings ("diagnose: ...", one per line) into a JSON array of strings. */
static struct json_object *
lines_json(const struct buf *b)
{
    struct json_object *a = json_object_new_array();
    const char *p = buf_cstr(b);
    while (a && *p) {
        size_t n = strcspn(p, "\n");
        if (n) {
            json_object_array_add(a, json_object_new_string_len(p, (int)n));
        }
        p += n + (p[n] == '\n');
    }
    return a;
}

static int
refuse_generation(struct req *r, struct resp *w, const struct plan_choices *c,
                  const struct buf *why)
{
    struct json_object *rows = NULL;
    const char *worst = NULL;
    struct json_object *o = json_object_new_object();
    struct json_object *e = json_object_new_object();
    int rc = (o && e) ? 0 : AG_ENOMEM;
    if (rc == 0) {
        rc = jsn_add_str(e, "code", "incompatible");
    }
    if (rc == 0) {
        rc = jsn_add_str(e, "message", "The chosen combination cannot be generated.");
    }
    if (rc == 0) {
        rc = jsn_add(e, "reasons", lines_json(why));
    }
    if (rc == 0 && gen_diagnose_json(c, &rows, &worst) == 0) {
        rc = jsn_add(e, "diagnostics", rows);
    }
    if (rc == 0) {
        rc = jsn_add(o, "error", e);
        e = NULL;
    }
    json_object_put(e);
    (void)r;
    return rc == 0 ? reply_owned(w, 422, o) : (json_object_put(o), rc);
}

int
api_plan(struct req *r, struct resp *w)
{
    struct plan_choices c;
    const char *idea = NULL, *field = NULL;
    if (gen_choices_from_json(r, r->json, &idea, &c, &field) < 0) {
        return bad_field(r, w, field, "Invalid plan request.");
    }
    struct spec s = {0};
    struct buf warn = BUF_INIT;
    int rc = planner_plan(idea, &c, &s, &warn);
    if (rc == AG_EINVAL) {
        buf_free(&warn);
        return bad_field(r, w, "idea", "The idea is empty, too long, or a choice is unknown.");
    }
    struct json_object *spec = NULL, *rows = NULL;
    const char *worst = NULL;
    if (rc == 0) {
        rc = spec_to_json(&s, &spec);
    }
    struct json_object *o = rc == 0 ? json_object_new_object() : NULL;
    if (rc == 0) {
        rc = o ? jsn_add(o, "spec", spec) : AG_ENOMEM;
        spec = NULL;
    }
    if (rc == 0) {
        rc = jsn_add(o, "warnings", lines_json(&warn));
    }
    if (rc == 0 && gen_diagnose_json(&c, &rows, &worst) == 0) {
        rc = jsn_add(o, "diagnostics", rows);
    }
    json_object_put(spec);
    spec_free(&s);
    buf_free(&warn);
    return rc == 0 ? reply_owned(w, 200, o) : (json_object_put(o), rc);
}

static int
project_json(const struct project_row *p, int with_spec, struct json_object **out)
{
    struct json_object *o = json_object_new_object();
    int rc = o ? jsn_add_int(o, "id", p->id) : AG_ENOMEM;
    const char *keys[] = {"name", "slug", "idea", "framework", "pattern", "model", "hyperscaler"};
    const char *vals[] = {p->name,  p->slug,  p->idea, p->framework,
                          p->pattern, p->model, *p->hyperscaler ? p->hyperscaler : NULL};
    for (size_t i = 0; rc == 0 && i < AG_NELEM(keys); i++) {
        rc = jsn_add_str(o, keys[i], vals[i]);
    }
    if (rc == 0) {
        rc = jsn_add_int(o, "files", p->n_files);
    }
    if (rc == 0) {
        rc = jsn_add_int(o, "bytes", p->n_bytes);
    }
    if (rc == 0) {
        rc = jsn_add_int(o, "createdAt", p->created_at);
    }
    if (rc == 0) {
        rc = jsn_add_int(o, "updatedAt", p->updated_at);
    }
    if (rc == 0 && with_spec) {
        struct json_object *spec = NULL;
        rc = jsn_parse(p->spec_json, strlen(p->spec_json), &spec);
        if (rc == 0) {
            rc = jsn_add(o, "spec", spec);
        }
    }
    if (rc < 0) {
        json_object_put(o);
        return rc;
    }
    *out = o;
    return 0;
}

int
api_projects_list(struct req *r, struct resp *w)
{
    struct list_query lq = {req_param(r, "q"), req_param(r, "framework"), 50, 0, 0};
    api_paging(r, &lq.limit, &lq.offset, 200);
    struct project_row *rows = NULL;
    int n = 0;
    long long total = 0;
    int rc = projects_db_list(r->app->db, r->ar, &lq, &rows, &n, &total);
    struct json_object *o = rc == 0 ? json_object_new_object() : NULL;
    struct json_object *items = rc == 0 ? json_object_new_array() : NULL;
    rc = rc < 0 ? rc : (o && items) ? 0 : AG_ENOMEM;
    for (int i = 0; rc == 0 && i < n; i++) {
        struct json_object *p = NULL;
        rc = project_json(&rows[i], 0, &p);
        if (rc == 0) {
            json_object_array_add(items, p);
        }
    }
    if (rc == 0) {
        rc = jsn_add(o, "items", items);
        items = NULL;
    }
    if (rc == 0) {
        rc = jsn_add_int(o, "total", total);
    }
    json_object_put(items);
    return rc == 0 ? reply_owned(w, 200, o) : (json_object_put(o), rc);
}

int
api_projects_create(struct req *r, struct resp *w)
{
    struct plan_choices c;
    const char *idea = NULL, *field = NULL;
    if (gen_choices_from_json(r, r->json, &idea, &c, &field) < 0) {
        return bad_field(r, w, field, "Invalid project request.");
    }
    struct buf why = BUF_INIT;
    if (engine_diagnose_errors(&c, &why) < 0) {
        int rc = refuse_generation(r, w, &c, &why);
        buf_free(&why);
        return rc;
    }
    struct spec s = {0};
    struct gen_files files;
    gen_files_init(&files);
    long long id = 0;
    int rc = gen_run(r, idea, &c, &s, &files, &why);
    if (rc == AG_EINVAL) {
        rc = refuse_generation(r, w, &c, &why);
    } else if (rc == 0) {
        rc = gen_save(r, 0, &s, NULL, &files, &id);
        struct project_row p;
        if (rc == 0) {
            rc = projects_db_get(r->app->db, r->ar, id, &p);
        }
        struct json_object *o = NULL;
        if (rc == 0) {
            rc = project_json(&p, 1, &o);
        }
        if (rc == 0) {
            char *loc = arena_printf(r->ar, "/api/projects/%lld", id);
            AG_IGNORE(resp_header(w, "Location", loc ? loc : "/api/projects"));
            rc = reply_owned(w, 201, o);
        }
    }
    spec_free(&s);
    gen_files_free(&files);
    buf_free(&why);
    return rc;
}

static int
param_id(struct req *r, long long *id)
{
    return req_param_i64(r, "id", id) == 0 && *id > 0 ? 0 : AG_ENOTFOUND;
}

int
api_projects_show(struct req *r, struct resp *w)
{
    long long id = 0;
    struct project_row p;
    int rc = param_id(r, &id);
    if (rc == 0) {
        rc = projects_db_get(r->app->db, r->ar, id, &p);
    }
    struct json_object *o = NULL;
    if (rc == 0) {
        rc = project_json(&p, 1, &o);
    }
    return rc == 0 ? reply_owned(w, 200, o) : rc;
}

int
api_projects_update(struct req *r, struct resp *w)
{
    long long id = 0;
    const char *name = NULL;
    int rc = param_id(r, &id);
    if (rc < 0) {
        return rc;
    }
    if (!r->json || jsn_str(r->json, "name", 1, 200, &name) < 0) {
        return bad_field(r, w, "name", "A name of 1 to 200 characters is required.");
    }
    rc = projects_db_rename(r->app->db, id, name, gen_owner(r));
    return rc == 0 ? api_projects_show(r, w) : rc;
}

int
api_projects_delete(struct req *r, struct resp *w)
{
    long long id = 0;
    int rc = param_id(r, &id);
    if (rc == 0) {
        rc = projects_db_delete(r->app->db, id, gen_owner(r));
    }
    if (rc == 0) {
        w->status = 204;
        w->content_type = "application/json";
    }
    return rc;
}

int
api_projects_files(struct req *r, struct resp *w)
{
    long long id = 0;
    struct project_row p;
    struct file_row *rows = NULL;
    int n = 0;
    int rc = param_id(r, &id);
    if (rc == 0) {
        rc = projects_db_get(r->app->db, r->ar, id, &p);
    }
    if (rc == 0) {
        rc = projects_db_files(r->app->db, r->ar, id, &rows, &n);
    }
    struct json_object *a = rc == 0 ? json_object_new_array() : NULL;
    rc = rc < 0 ? rc : a ? 0 : AG_ENOMEM;
    for (int i = 0; rc == 0 && i < n; i++) {
        struct json_object *f = json_object_new_object();
        rc = f ? jsn_add_str(f, "path", rows[i].path) : AG_ENOMEM;
        if (rc == 0) {
            rc = jsn_add_int(f, "size", rows[i].size);
        }
        if (rc == 0) {
            json_object_array_add(a, f);
        } else {
            json_object_put(f);
        }
    }
    return rc == 0 ? reply_owned(w, 200, a) : (json_object_put(a), rc);
}

int
api_projects_file(struct req *r, struct resp *w)
{
    long long id = 0;
    const char *content = NULL;
    size_t len = 0;
    int rc = param_id(r, &id);
    if (rc == 0) {
        rc = projects_db_file(r->app->db, r->ar, id, req_param(r, "path"), &content, &len);
    }
    if (rc == 0) {
        buf_reset(&w->body);
        rc = buf_append(&w->body, content, len);
        w->content_type = "text/plain; charset=utf-8";
    }
    return rc;
}

int
projects_send_archive(struct req *r, struct resp *w, long long id)
{
    struct project_row p;
    int rc = projects_db_get(r->app->db, r->ar, id, &p);
    if (rc < 0) {
        return rc;
    }
    struct gen_files files;
    gen_files_init(&files);
    rc = projects_db_load_files(r->app->db, id, &files);
    buf_reset(&w->body);
    if (rc == 0) {
        rc = zip_build(&files, p.slug, &w->body);
    }
    gen_files_free(&files);
    if (rc == 0) {
        w->content_type = "application/zip";
        char *cd = arena_printf(r->ar, "attachment; filename=\"%s.zip\"", p.slug);
        rc = cd ? resp_header(w, "Content-Disposition", cd) : AG_ENOMEM;
    }
    return rc;
}

int
api_projects_archive(struct req *r, struct resp *w)
{
    long long id = 0;
    int rc = param_id(r, &id);
    return rc == 0 ? projects_send_archive(r, w, id) : rc;
}
