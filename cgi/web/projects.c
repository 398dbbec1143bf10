/* SPDX-License-Identifier: MIT */
/* projects.c - server-rendered project pages and history. Forms post and redirect (303). */
#include "projects.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/buf.h"
#include "../core/jsn.h"
#include "../engine/catalog.h"
#include "../engine/spec.h"
#include "api.h"
#include "gen.h"
#include "page.h"
#include "page_cache.h"
#include "preview.h"
#include "projects_db.h"

#define PAGE_SIZE 25

static int set_project(struct tmpl *t, const char *prefix, const struct project_row *p);

static const char *
when(struct req *r, long long ts)
{
    time_t tt = (time_t)ts;
    struct tm tm;
    char out[32];
    gmtime_r(&tt, &tm);
    strftime(out, sizeof(out), "%Y-%m-%d %H:%M UTC", &tm);
    return arena_strdup(r->ar, out);
}

static int
set_project(struct tmpl *t, const char *prefix, const struct project_row *p)
{
    const struct cat_framework *fw = catalog_framework(p->framework);
    char id[32];
    snprintf(id, sizeof(id), "%lld", p->id);
    const char *keys[] = {"id", "name", "slug", "idea", "framework", "framework_name", "stage",
                          "pattern", "model", "hyperscaler"};
    const char *vals[] = {id,         p->name,    p->slug,
                          p->idea,    p->framework, fw ? fw->name : p->framework,
                          fw ? fw->stage : "", p->pattern, p->model,
                          p->hyperscaler};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < AG_NELEM(keys); i++) {
        rc = tmpl_setf(t, vals[i], "%s.%s", prefix, keys[i]);
    }
    char num[32];
    snprintf(num, sizeof(num), "%lld", p->n_files);
    if (rc == 0) {
        rc = tmpl_setf(t, num, "%s.files", prefix);
    }
    return rc;
}

static int
set_frameworks(struct tmpl *t)
{
    size_t n = 0;
    const struct cat_framework *fw = catalog_frameworks(&n);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = tmpl_setf(t, fw[i].id, "frameworks.%zu.id", i);
        if (rc == 0) {
            rc = tmpl_setf(t, fw[i].name, "frameworks.%zu.name", i);
        }
    }
    return rc;
}

int
projects_index(struct req *r, struct resp *w)
{
    /* the list clips the idea to two lines anyway */
    struct list_query lq = {req_param(r, "q"), req_param(r, "framework"), PAGE_SIZE, 0, 300};
    long long page = 1;
    if (req_param(r, "page") && (req_param_i64(r, "page", &page) < 0 || page < 1 || page > 100000)) {
        page = 1;
    }
    lq.offset = (int)(page - 1) * PAGE_SIZE;
    if (page_cache_serve(r, w)) {
        return 0;
    }
    struct project_row *rows = NULL;
    int n = 0;
    long long total = 0;
    struct tmpl *t = NULL;
    int rc = projects_db_list(r->app->db, r->ar, &lq, &rows, &n, &total);
    if (rc == 0) {
        rc = page_new(r, "Projects", "projects", &t);
    }
    for (int i = 0; rc == 0 && i < n; i++) {
        char prefix[32];
        snprintf(prefix, sizeof(prefix), "projects.%d", i);
        rc = set_project(t, prefix, &rows[i]);
        if (rc == 0) {
            rc = tmpl_setf(t, when(r, rows[i].updated_at), "%s.updated", prefix);
        }
    }
    if (rc == 0) {
        rc = set_frameworks(t);
    }
    const char *q = lq.q ? lq.q : "", *fw = lq.framework ? lq.framework : "";
    if (rc == 0) {
        rc = tmpl_set(t, "filter.q", q);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "filter.framework", fw);
    }
    if (rc == 0) {
        rc = tmpl_set_int(t, "list.total", total);
    }
    if (rc == 0 && page > 1) {
        rc = tmpl_set_int(t, "list.prev", page - 1);
    }
    if (rc == 0 && page * PAGE_SIZE < total) {
        rc = tmpl_set_int(t, "list.next", page + 1);
    }
    if (rc == 0) {
        rc = page_render(r, w, t, "projects/index.cs");
    }
    if (rc == 0) {
        page_cache_store(r, w);
    }
    return rc;
}

static int
load(struct req *r, struct project_row *p)
{
    long long id = 0;
    if (req_param_i64(r, "id", &id) < 0 || id <= 0) {
        return AG_ENOTFOUND;
    }
    return projects_db_get(r->app->db, r->ar, id, p);
}

int
projects_show(struct req *r, struct resp *w)
{
    struct project_row p = {0};
    struct file_row *files = NULL;
    int n = 0;
    struct tmpl *t = NULL;
    int rc = load(r, &p);
    if (rc == 0) {
        rc = projects_db_files(r->app->db, r->ar, p.id, &files, &n);
    }
    if (rc == 0) {
        rc = page_new(r, p.name, "projects", &t);
    }
    if (rc == 0) {
        rc = set_project(t, "project", &p);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "project.created", when(r, p.created_at));
    }
    if (rc == 0) {
        rc = tmpl_set(t, "project.updated", when(r, p.updated_at));
    }
    const char *sel = req_param(r, "file");
    const char *content = NULL;
    size_t len = 0;
    if (rc == 0 && projects_db_file(r->app->db, r->ar, p.id, sel ? sel : "README.md", &content,
                                    &len) == 0) {
        rc = tmpl_set(t, "preview.path", sel ? sel : "README.md");
        if (rc == 0) {
            rc = tmpl_set(t, "preview.content", content);
        }
        if (rc == 0) {
            rc = tmpl_set(t, "preview.lang", preview_lang(sel ? sel : "README.md"));
        }
    } else if (rc == 0 && sel) {
        rc = tmpl_set(t, "preview.missing", sel);
    }
    if (rc == 0) {
        rc = preview_tree(t, files, n, sel ? sel : "README.md");
    }
    struct plan_choices c = {0};
    c.framework = p.framework;
    c.pattern = p.pattern;
    c.model = p.model;
    c.hyperscaler = p.hyperscaler && *p.hyperscaler ? p.hyperscaler : NULL; /* unset if not found */
    int n_err = 0;
    if (rc == 0) {
        rc = gen_diagnose_tmpl(&c, t, "diag", &n_err);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "project.spec_json", p.spec_json);
    }
    if (rc == 0) {
        rc = page_render(r, w, t, "projects/show.cs");
    }
    return rc;
}

int
projects_archive(struct req *r, struct resp *w)
{
    long long id = 0;
    if (req_param_i64(r, "id", &id) < 0 || id <= 0) {
        return AG_ENOTFOUND;
    }
    return projects_send_archive(r, w, id);
}

static int
back_to(struct req *r, struct resp *w, long long id)
{
    char *loc = arena_printf(r->ar, "/projects/%lld", id);
    return loc ? resp_redirect(w, 303, loc) : AG_ENOMEM;
}

int
projects_rename(struct req *r, struct resp *w)
{
    struct project_row p;
    const char *name = NULL;
    int rc = load(r, &p);
    if (rc < 0) {
        return rc;
    }
    if (req_param_str(r, "name", 1, 200, &name) < 0 || !name[strspn(name, " \t")]) {
        resp_error(w, r, 400, "A project name of 1 to 200 characters is required.", "name");
        return 0;
    }
    rc = projects_db_rename(r->app->db, p.id, name, gen_owner(r));
    return rc < 0 ? rc : back_to(r, w, p.id);
}

int
projects_delete_confirm(struct req *r, struct resp *w)
{
    struct project_row p;
    struct tmpl *t = NULL;
    int rc = load(r, &p);
    if (rc == 0) {
        rc = page_new(r, "Delete project", "projects", &t);
    }
    if (rc == 0) {
        rc = set_project(t, "project", &p);
    }
    if (rc == 0) {
        rc = page_render(r, w, t, "projects/delete.cs");
    }
    return rc;
}

int
projects_delete(struct req *r, struct resp *w)
{
    struct project_row p;
    int rc = load(r, &p);
    if (rc < 0) {
        return rc;
    }
    if (!req_param(r, "confirm")) {
        return projects_delete_confirm(r, w);
    }
    rc = projects_db_delete(r->app->db, p.id, gen_owner(r));
    return rc < 0 ? rc : resp_redirect(w, 303, "/projects?deleted=1");
}

/* spec_choices: the tools (comma-separated) and memory of a stored spec, as a draft keeps
 * them; a spec that does not parse leaves the draft's defaults. */
static int
spec_choices(struct req *r, const char *spec_json, struct draft *d)
{
    struct json_object *o = NULL;
    if (jsn_parse(spec_json, strlen(spec_json), &o) < 0) {
        return 0;
    }
    struct spec s = {0};
    const char *why = NULL;
    struct buf tools = BUF_INIT;
    int rc = 0;
    if (spec_from_json(o, &s, &why) == 0) {
        for (int i = 0; rc == 0 && i < s.n_tools; i++) {
            rc = buf_printf(&tools, "%s%s", i ? "," : "", s.tools[i].id);
        }
        d->memory = s.memory;
        d->tools = rc == 0 ? arena_strdup(r->ar, buf_cstr(&tools)) : NULL;
        rc = rc ? rc : d->tools ? 0 : AG_ENOMEM;
    }
    buf_free(&tools);
    spec_free(&s);
    json_object_put(o);
    return rc;
}

/* regenerate: a new draft pre-filled from the project (its idea, choices, tools, memory and the
 * agent edits it was generated with), opened at the framework step so the person can change
 * choices; Generate then replaces the project's files. */
int
projects_regenerate(struct req *r, struct resp *w)
{
    struct project_row p;
    int rc = load(r, &p);
    if (rc < 0) {
        return rc;
    }
    struct draft d = {0};
    rc = gen_new_draft(r, &d);
    if (rc == 0) {
        rc = spec_choices(r, p.spec_json, &d);
    }
    if (rc < 0) {
        return rc;
    }
    d.agents = p.agent_edits;
    d.idea = p.idea;
    d.name = p.name;
    d.framework = p.framework;
    d.pattern = p.pattern;
    d.model = p.model;
    d.hyperscaler = p.hyperscaler;
    d.project_id = p.id;
    rc = drafts_db_save(r->app->db, &d);
    char *loc = arena_printf(r->ar, "/generate/framework?d=%s", d.id);
    return rc < 0 ? rc : loc ? resp_redirect(w, 303, loc) : AG_ENOMEM;
}

int
history_index(struct req *r, struct resp *w)
{
    struct list_query lq = {req_param(r, "q"), req_param(r, "framework"), 100, 0, 0};
    struct history_row *rows = NULL;
    int n = 0;
    struct tmpl *t = NULL;
    const char *kind = req_param(r, "kind");
    int rc = history_db_list(r->app->db, r->ar, kind, &lq, &rows, &n);
    if (rc == 0) {
        rc = page_new(r, "History", "history", &t);
    }
    for (int i = 0; rc == 0 && i < n; i++) {
        const struct cat_framework *fw = catalog_framework(rows[i].framework);
        rc = tmpl_setf(t, rows[i].kind, "items.%d.kind", i);
        if (rc == 0) {
            rc = tmpl_setf(t, rows[i].title, "items.%d.title", i);
        }
        if (rc == 0) {
            rc = tmpl_setf(t, rows[i].detail, "items.%d.detail", i);
        }
        if (rc == 0) {
            rc = tmpl_setf(t, fw ? fw->name : rows[i].framework, "items.%d.framework", i);
        }
        if (rc == 0) {
            rc = tmpl_setf(t, when(r, rows[i].created_at), "items.%d.when", i);
        }
        if (rc == 0 && rows[i].project_id) {
            char id[32];
            snprintf(id, sizeof(id), "%lld", rows[i].project_id);
            rc = tmpl_setf(t, id, "items.%d.project_id", i);
        }
    }
    if (rc == 0) {
        rc = set_frameworks(t);
    }
    if (rc == 0) {
        rc = tmpl_set(t, "filter.q", lq.q ? lq.q : "");
    }
    if (rc == 0) {
        rc = tmpl_set(t, "filter.kind", kind ? kind : "");
    }
    if (rc == 0) {
        rc = tmpl_set(t, "filter.framework", lq.framework ? lq.framework : "");
    }
    if (rc == 0) {
        rc = page_render(r, w, t, "history/index.cs");
    }
    return rc;
}
