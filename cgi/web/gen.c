/* SPDX-License-Identifier: MIT */
/* gen.c - choices, diagnostics, engine runs and project saving for the API and the wizard. */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/crypt.h"
#include "../auth/auth.h"
#include "../core/jsn.h"
#include "../engine/catalog.h"
#include "../engine/diagnose.h"
#include "../engine/engine.h"

long long
gen_owner(const struct req *r)
{
    return r->user ? r->user->id : 0;
}

static int
opt_str(struct req *r, struct json_object *o, const char *key, size_t max, const char **out,
        const char **field)
{
    const char *s = NULL;
    if (jsn_str(o, key, 0, max, &s) < 0) {
        *field = key;
        return AG_EINVAL;
    }
    *out = s && *s ? arena_strdup(r->ar, s) : NULL;
    return 0;
}

int
gen_choice_valid(const char *kind, const char *v)
{
    if (!v || !*v) {
        return strcmp(kind, "framework") != 0;
    }
    if (strcmp(kind, "framework") == 0) {
        return catalog_framework(v) != NULL;
    }
    if (strcmp(kind, "hyperscaler") == 0) {
        return catalog_hyperscaler(v) != NULL;
    }
    if (strcmp(kind, "pattern") == 0) {
        return catalog_pattern(v) != NULL;
    }
    return catalog_model(v) != NULL;
}

int
gen_choices_from_json(struct req *r, struct json_object *o, const char **idea,
                      struct plan_choices *c, const char **field)
{
    memset(c, 0, sizeof(*c));
    *field = NULL;
    if (!o || !json_object_is_type(o, json_type_object)) {
        *field = "body";
        return AG_EINVAL;
    }
    if (idea && jsn_str(o, "idea", 1, SPEC_IDEA_MAX, idea) < 0) {
        *field = "idea";
        return AG_EINVAL;
    }
    const struct {
        const char *key;
        const char **dst;
    } keys[] = {{"name", &c->name},       {"framework", &c->framework},
                {"pattern", &c->pattern}, {"model", &c->model},
                {"hyperscaler", &c->hyperscaler}, {"permission", &c->permission}};
    for (size_t i = 0; i < AG_NELEM(keys); i++) {
        if (opt_str(r, o, keys[i].key, 200, keys[i].dst, field) < 0) {
            return AG_EINVAL;
        }
    }
    /* framework may be absent here (the planner defaults it); only a given one is checked */
    const char *kinds[] = {"framework", "pattern", "model", "hyperscaler"};
    const char *vals[] = {c->framework, c->pattern, c->model, c->hyperscaler};
    for (size_t i = 0; i < AG_NELEM(kinds); i++) {
        if (vals[i] && !gen_choice_valid(kinds[i], vals[i])) {
            *field = kinds[i];
            return AG_EINVAL;
        }
    }
    if (jsn_bool(o, "memory", 0, &c->memory) < 0) {
        *field = "memory";
        return AG_EINVAL;
    }
    struct json_object *tools = NULL;
    if (json_object_object_get_ex(o, "tools", &tools) && !json_object_is_type(tools, json_type_null)) {
        size_t n = json_object_is_type(tools, json_type_array) ? json_object_array_length(tools) : 0;
        if (!json_object_is_type(tools, json_type_array) || n > SPEC_MAX_TOOLS - 1) {
            *field = "tools";
            return AG_EINVAL;
        }
        for (size_t i = 0; i < n; i++) {
            struct json_object *t = json_object_array_get_idx(tools, i);
            if (!json_object_is_type(t, json_type_string) ||
                !catalog_tool(json_object_get_string(t))) {
                *field = "tools";
                return AG_EINVAL;
            }
            c->tools[i] = arena_strdup(r->ar, json_object_get_string(t));
        }
    }
    return 0;
}

int
gen_agents_parse(struct req *r, const char *text, struct spec_agent_edit **out, int *n)
{
    *out = NULL;
    *n = 0;
    if (!text || !*text) {
        return 0;
    }
    struct json_object *o = NULL;
    int rc = jsn_parse(text, strlen(text), &o);
    if (rc < 0) {
        return rc;
    }
    size_t len = json_object_is_type(o, json_type_array) ? json_object_array_length(o) : 0;
    struct spec_agent_edit *e = arena_alloc(r->ar, sizeof(*e) * (len ? len : 1));
    rc = e ? 0 : AG_ENOMEM;
    if (rc == 0 && (!json_object_is_type(o, json_type_array) || len > SPEC_MAX_AGENTS)) {
        rc = AG_EINVAL;
    }
    for (size_t i = 0; rc == 0 && i < len; i++) {
        struct json_object *a = json_object_array_get_idx(o, i);
        long long from = 0;
        const char *id = NULL, *role = NULL;
        rc = jsn_int(a, "from", 1, SPEC_EDIT_NEW, SPEC_MAX_AGENTS - 1, &from);
        if (rc == 0) {
            rc = jsn_str(a, "id", 1, SPEC_ID_MAX, &id);
        }
        if (rc == 0) {
            rc = jsn_str(a, "role", 1, SPEC_NAME_MAX, &role);
        }
        e[i].from = (int)from;
        e[i].id = rc == 0 ? arena_strdup(r->ar, id) : NULL;
        e[i].role = rc == 0 ? arena_strdup(r->ar, role) : NULL;
        if (rc == 0 && (!e[i].id || !e[i].role)) {
            rc = AG_ENOMEM;
        }
    }
    json_object_put(o);
    if (rc == 0) {
        *out = e;
        *n = (int)len;
    }
    return rc < 0 ? rc : 0;
}

int
gen_agents_json(struct req *r, const struct spec_agent_edit *e, int n, const char **out)
{
    struct json_object *arr = json_object_new_array();
    int rc = arr ? 0 : AG_ENOMEM;
    for (int i = 0; rc == 0 && i < n; i++) {
        struct json_object *a = json_object_new_object();
        rc = a ? 0 : AG_ENOMEM;
        if (rc == 0) {
            rc = jsn_add_int(a, "from", e[i].from);
        }
        if (rc == 0) {
            rc = jsn_add_str(a, "id", e[i].id);
        }
        if (rc == 0) {
            rc = jsn_add_str(a, "role", e[i].role);
        }
        if (a && json_object_array_add(arr, a) != 0) {
            json_object_put(a);
            rc = rc ? rc : AG_ENOMEM;
        }
    }
    *out = rc == 0 ? arena_strdup(r->ar, json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PLAIN))
                   : NULL;
    json_object_put(arr);
    return rc == 0 && !*out ? AG_ENOMEM : rc;
}

int
gen_draft_agents(struct req *r, const struct draft *d, struct spec_agent_edit **out, int *n)
{
    int rc = gen_agents_parse(r, d->agents, out, n);
    if (rc < 0 || *n > 0) {
        return rc;
    }
    struct plan_choices c;
    rc = gen_choices_from_draft(r, d, &c);
    c.n_agents = 0; /* the plan as it is */
    struct spec s = {0};
    if (rc == 0) {
        rc = planner_plan(d->idea, &c, &s, NULL);
    }
    struct spec_agent_edit *e = rc == 0 ? arena_alloc(r->ar, sizeof(*e) * SPEC_MAX_AGENTS) : NULL;
    rc = rc ? rc : e ? 0 : AG_ENOMEM;
    for (int i = 0; rc == 0 && i < s.n_agents; i++) {
        e[i].from = i;
        e[i].id = arena_strdup(r->ar, s.agents[i].id);
        e[i].role = arena_strdup(r->ar, s.agents[i].role);
        rc = e[i].id && e[i].role ? 0 : AG_ENOMEM;
    }
    if (rc == 0) {
        *out = e;
        *n = s.n_agents;
    }
    spec_free(&s);
    return rc;
}

int
gen_choices_from_draft(struct req *r, const struct draft *d, struct plan_choices *c)
{
    memset(c, 0, sizeof(*c));
    c->framework = *d->framework ? d->framework : NULL;
    c->pattern = *d->pattern ? d->pattern : NULL;
    c->model = *d->model ? d->model : NULL;
    c->hyperscaler = *d->hyperscaler ? d->hyperscaler : NULL;
    c->name = *d->name ? d->name : NULL;
    c->memory = d->memory;
    char *tools = arena_strdup(r->ar, d->tools);
    if (!tools) {
        return AG_ENOMEM;
    }
    int n = 0;
    for (char *save = NULL, *t = strtok_r(tools, ",", &save); t && n < SPEC_MAX_TOOLS - 1;
         t = strtok_r(NULL, ",", &save)) {
        c->tools[n++] = t;
    }
    struct spec_agent_edit *e = NULL;
    int rc = gen_agents_parse(r, d->agents, &e, &c->n_agents);
    c->agents = e;
    return rc;
}

static int
run_diagnose(const struct plan_choices *c, struct diag_row *rows, int *n)
{
    int n_tools = 0;
    while (n_tools < SPEC_MAX_TOOLS && c->tools[n_tools]) {
        n_tools++;
    }
    struct diag_choices dc = {c->framework ? c->framework : "crewai", c->hyperscaler, c->pattern,
                              c->model, c->tools, n_tools};
    return diagnose(&dc, rows, DIAG_MAX_ROWS, n);
}

int
gen_diagnose_json(const struct plan_choices *c, struct json_object **out, const char **worst)
{
    struct diag_row rows[DIAG_MAX_ROWS];
    int n = 0;
    int rc = run_diagnose(c, rows, &n);
    if (rc < 0) {
        return rc;
    }
    *worst = diagnose_severity_name(diagnose_worst(rows, n));
    return diagnose_to_json(rows, n, out);
}

int
gen_diagnose_tmpl(const struct plan_choices *c, struct tmpl *t, const char *prefix, int *n_err)
{
    struct diag_row rows[DIAG_MAX_ROWS];
    int n = 0;
    *n_err = 0;
    int rc = run_diagnose(c, rows, &n);
    for (int i = 0; rc == 0 && i < n; i++) {
        rc = tmpl_setf(t, rows[i].category, "%s.%d.category", prefix, i);
        if (rc == 0) {
            rc = tmpl_setf(t, rows[i].value, "%s.%d.value", prefix, i);
        }
        if (rc == 0) {
            rc = tmpl_setf(t, rows[i].sub, "%s.%d.sub", prefix, i);
        }
        if (rc == 0) {
            rc = tmpl_setf(t, diagnose_severity_name(rows[i].severity), "%s.%d.severity", prefix, i);
        }
        char step[8];
        snprintf(step, sizeof(step), "%d", rows[i].step);
        if (rc == 0) {
            rc = tmpl_setf(t, step, "%s.%d.step", prefix, i);
        }
        /* export rows concern deployment targets, not the files: the engine does not block on
         * them, so neither does the page */
        *n_err += rows[i].severity == DIAG_ERR && strcmp(rows[i].category, "Export") != 0;
    }
    return rc;
}

int
gen_run(struct req *r, const char *idea, const struct plan_choices *c, struct spec *spec,
        struct gen_files *files, struct buf *warnings)
{
    char root[700];
    int rc = cfg_share_path(&r->app->cfg, "templates", root, sizeof(root));
    if (rc < 0) {
        return rc;
    }
    return engine_generate(idea, c, root, spec, files, warnings);
}

int
gen_run_draft(struct req *r, const struct draft *d, struct spec *spec, struct gen_files *files,
              struct buf *warnings)
{
    struct plan_choices c;
    int rc = gen_choices_from_draft(r, d, &c);
    return rc < 0 ? rc : gen_run(r, d->idea, &c, spec, files, warnings);
}

#define GEN_CACHE_SLOTS 8 /* a few drafts per worker; a project is tens of kB */

struct gen_slot {
    unsigned char key[CRYPT_SHA256_LEN];
    unsigned long long used; /* 0 = empty */
    struct gen_result res;
    struct buf warnings;
};

struct gen_cache {
    struct gen_slot slots[GEN_CACHE_SLOTS];
    unsigned long long tick;
};

/* draft_key: a hash of everything of the draft the engine reads (not its id: two drafts with
 * the same content share a result). Fields are NUL-separated so no two drafts collide by
 * concatenation. */
static int
draft_key(const struct draft *d, unsigned char key[CRYPT_SHA256_LEN])
{
    const char *fields[] = {"v1",     d->idea,        d->name,  d->framework,
                            d->pattern, d->model,     d->hyperscaler, d->tools,
                            d->memory ? "1" : "0",    d->agents};
    return crypt_sha256_fields(fields, AG_NELEM(fields), key);
}

int
gen_preview(struct req *r, const struct draft *d, const struct gen_result **out)
{
    struct app *app = r->app;
    unsigned char key[CRYPT_SHA256_LEN];
    int rc = draft_key(d, key);
    if (rc < 0) {
        return rc;
    }
    if (!app->gen_cache && !(app->gen_cache = calloc(1, sizeof(*app->gen_cache)))) {
        return AG_ENOMEM;
    }
    struct gen_cache *gc = app->gen_cache;
    struct gen_slot *victim = &gc->slots[0];
    for (int i = 0; i < GEN_CACHE_SLOTS; i++) {
        struct gen_slot *sl = &gc->slots[i];
        if (sl->used && memcmp(sl->key, key, sizeof(key)) == 0) {
            sl->used = ++gc->tick;
            *out = &sl->res;
            return 0;
        }
        victim = sl->used < victim->used ? sl : victim;
    }
    spec_free(&victim->res.spec);
    gen_files_free(&victim->res.files);
    buf_free(&victim->warnings);
    memset(victim, 0, sizeof(*victim));
    gen_files_init(&victim->res.files);
    int gen_rc = gen_run_draft(r, d, &victim->res.spec, &victim->res.files, &victim->warnings);
    if (gen_rc == AG_ENOMEM || gen_rc == AG_EDB) {
        /* not a property of the draft: leave the slot empty */
        spec_free(&victim->res.spec);
        gen_files_free(&victim->res.files);
        buf_free(&victim->warnings);
        return gen_rc;
    }
    memcpy(victim->key, key, sizeof(key));
    victim->used = ++gc->tick;
    victim->res.rc = gen_rc;
    victim->res.warnings = buf_cstr(&victim->warnings);
    *out = &victim->res;
    return 0;
}

int
gen_save(struct req *r, long long project_id, const struct spec *spec, const char *agent_edits,
         const struct gen_files *files, long long *id_out)
{
    struct json_object *o = NULL;
    int rc = spec_to_json(spec, &o);
    if (rc < 0) {
        return rc;
    }
    const char *text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
    if (project_id > 0) {
        rc = projects_db_replace(r->app->db, project_id, spec, text, agent_edits, files,
                                 gen_owner(r));
        *id_out = project_id;
    } else {
        rc = projects_db_create(r->app->db, spec, text, agent_edits, files, gen_owner(r),
                                id_out);
    }
    json_object_put(o);
    return rc;
}

int
gen_new_draft(struct req *r, struct draft *d)
{
    char id[32];
    int rc = crypt_token(id, sizeof(id), 16);
    if (rc == 0) {
        rc = drafts_db_create(r->app->db, id, gen_owner(r));
    }
    if (rc == 0) {
        rc = drafts_db_get(r->app->db, r->ar, id, d);
    }
    return rc;
}
