/* SPDX-License-Identifier: MIT */
/* wizard.c - the generate wizard. GET renders a step from the draft; POST validates, saves the
 * draft and redirects to the next step (303). Generation is refused server-side whenever the
 * diagnostics hold an err row, whatever the client sent. */
#include "wizard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/catalog.h"
#include "../engine/engine.h"
#include "gen.h"
#include "page.h"
#include "page_cache.h"
#include "projects_db.h"
#include "wizard_view.h"

#define IDEA_MAX 2000 /* the describe step's limit (the engine takes up to SPEC_IDEA_MAX) */

static int load_draft(struct req *r, struct draft *d);
static const char *nth_param(const struct req *r, const char *name, int nth);
static char *agent_name(struct req *r, const char *s);
static char *agent_role(struct req *r, const char *s);
static int posted_agents(struct req *r, struct spec_agent_edit *rows, int *n, const char **why);
static int redirect_step(struct req *r, struct resp *w, const char *step, const char *id);

static int
load_draft(struct req *r, struct draft *d)
{
    const char *id = req_param(r, "d");
    if (!id || strlen(id) > 64) {
        return AG_ENOTFOUND;
    }
    return drafts_db_get(r->app->db, r->ar, id, d);
}

static int
redirect_step(struct req *r, struct resp *w, const char *step, const char *id)
{
    char *loc = arena_printf(r->ar, "/generate%s%s?d=%s", *step ? "/" : "", step, id);
    return loc ? resp_redirect(w, 303, loc) : AG_ENOMEM;
}

int
wizard_describe(struct req *r, struct resp *w)
{
    struct draft d = {0};
    if (req_param(r, "d") && load_draft(r, &d) < 0) {
        return AG_ENOTFOUND;
    }
    return view_describe(r, w, d.id ? &d : NULL, NULL, NULL);
}

int
wizard_describe_post(struct req *r, struct resp *w)
{
    struct draft d = {0};
    const char *idea = NULL;
    const char *name = NULL;
    if (req_param(r, "d") && load_draft(r, &d) < 0) {
        return AG_ENOTFOUND;
    }
    if (req_param_str(r, "idea", 1, IDEA_MAX, &idea) < 0 || !idea[strspn(idea, " \t\r\n")]) {
        w->status = 400;
        return view_describe(r, w, d.id ? &d : NULL, req_param(r, "idea"),
                             "Describe the agent system in one sentence (up to 2,000 characters).");
    }
    if (req_param_str(r, "name", 0, 120, &name) < 0) {
        w->status = 400;
        return view_describe(r, w, d.id ? &d : NULL, idea, "The name can be up to 120 characters.");
    }
    if (!d.id) {
        int rc = gen_new_draft(r, &d);
        if (rc < 0) {
            return rc;
        }
    }
    if (d.agents && *d.agents && strcmp(d.idea, idea) != 0) {
        d.agents = ""; /* edits refer to the old idea's planned agents */
    }
    d.idea = idea;
    d.name = name ? name : "";
    int rc = drafts_db_save(r->app->db, &d);
    return rc < 0 ? rc : redirect_step(r, w, "framework", d.id);
}

int
wizard_framework(struct req *r, struct resp *w)
{
    struct draft d = {0};
    int rc = load_draft(r, &d);
    return rc < 0 ? rc : view_framework(r, w, &d, NULL);
}

int
wizard_framework_post(struct req *r, struct resp *w)
{
    struct draft d = {0};
    int rc = load_draft(r, &d);
    if (rc < 0) {
        return rc;
    }
    const char *kinds[] = {"framework", "hyperscaler", "pattern", "model"};
    const char **dst[] = {&d.framework, &d.hyperscaler, &d.pattern, &d.model};
    for (size_t i = 0; i < AG_NELEM(kinds); i++) {
        const char *v = req_param(r, kinds[i]);
        if (!gen_choice_valid(kinds[i], v)) {
            w->status = 400;
            return view_framework(r, w, &d, "Choose a framework, and only catalogue values.");
        }
        *dst[i] = v ? v : "";
    }
    const struct cat_framework *fw = catalog_framework(d.framework);
    d.framework = fw->id; /* aliases are stored as the canonical id */
    if (!*d.pattern) {
        d.pattern = catalog_default_pattern(fw) == 1 ? "react" : "supervisor";
    }
    rc = drafts_db_save(r->app->db, &d);
    return rc < 0 ? rc : redirect_step(r, w, req_param(r, "back") ? "" : "tools", d.id);
}

int
wizard_tools(struct req *r, struct resp *w)
{
    struct draft d = {0};
    int rc = load_draft(r, &d);
    return rc < 0 ? rc : view_tools(r, w, &d, NULL, NULL, 0);
}

int
wizard_tools_post(struct req *r, struct resp *w)
{
    struct draft d = {0};
    int rc = load_draft(r, &d);
    if (rc < 0) {
        return rc;
    }
    struct buf tools = BUF_INIT;
    for (int i = 0; rc == 0 && i < r->n_params; i++) {
        if (strcmp(r->params[i].name, "tool") != 0) {
            continue;
        }
        const struct cat_tool *t = catalog_tool(r->params[i].value);
        if (!t) {
            buf_free(&tools);
            w->status = 400;
            return view_tools(r, w, &d, "Unknown tool.", NULL, 0);
        }
        if (!strstr(buf_cstr(&tools), t->id)) {
            rc = buf_printf(&tools, "%s%s", tools.len ? "," : "", t->id);
        }
    }
    d.tools = arena_strdup(r->ar, buf_cstr(&tools));
    buf_free(&tools);
    d.memory = req_param(r, "memory") != NULL;
    if (rc == 0) {
        rc = d.tools ? drafts_db_save(r->app->db, &d) : AG_ENOMEM;
    }
    return rc < 0 ? rc : redirect_step(r, w, req_param(r, "back") ? "framework" : "review", d.id);
}

static const char *
nth_param(const struct req *r, const char *name, int nth)
{
    for (int i = 0; i < r->n_params; i++) {
        if (strcmp(r->params[i].name, name) == 0 && nth-- == 0) {
            return r->params[i].value;
        }
    }
    return NULL;
}

/* agent_name: what was typed, trimmed, lower-cased, with blanks and '-' as '_' ("Fact
 * checker" -> fact_checker); spec_edit_agents then checks it is an identifier. */
static char *
agent_name(struct req *r, const char *s)
{
    char *out = agent_role(r, s);
    for (char *p = out; p && *p; p++) {
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p == ' ' || *p == '-' ? '_' : *p);
    }
    return out;
}

static char *
agent_role(struct req *r, const char *s)
{
    s = s ? s : "";
    s += strspn(s, " \t\r\n");
    size_t len = strlen(s);
    while (len > 0 && strchr(" \t\r\n", s[len - 1])) {
        len--;
    }
    char *out = arena_alloc(r->ar, len + 1);
    if (out) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    return out;
}

/* posted_agents: the rows of the agents form (agent_from/agent_name/agent_role, in order),
 * without the one named by remove=N, plus new_name/new_role when add is set. */
static int
posted_agents(struct req *r, struct spec_agent_edit *rows, int *n, const char **why)
{
    const char *remove = req_param(r, "remove");
    *n = 0;
    for (int i = 0; nth_param(r, "agent_name", i); i++) {
        if (i >= SPEC_MAX_AGENTS) {
            *why = "At most 6 agents.";
            return AG_EINVAL;
        }
        char num[16];
        snprintf(num, sizeof num, "%d", i);
        if (remove && strcmp(remove, num) == 0) {
            continue;
        }
        const char *from = nth_param(r, "agent_from", i);
        char *end = NULL;
        long v = from ? strtol(from, &end, 10) : -2;
        rows[*n].from = (from && *from && !*end && v >= SPEC_EDIT_NEW && v < SPEC_MAX_AGENTS)
                            ? (int)v
                            : SPEC_MAX_AGENTS; /* spec_edit_agents calls it stale */
        rows[*n].id = agent_name(r, nth_param(r, "agent_name", i));
        rows[*n].role = agent_role(r, nth_param(r, "agent_role", i));
        if (!rows[(*n)++].role) {
            return AG_ENOMEM;
        }
    }
    if (req_param(r, "add")) {
        if (*n >= SPEC_MAX_AGENTS) {
            *why = "At most 6 agents: remove one before adding another.";
            return AG_EINVAL;
        }
        rows[*n].from = SPEC_EDIT_NEW;
        rows[*n].id = agent_name(r, req_param(r, "new_name"));
        rows[*n].role = agent_role(r, req_param(r, "new_role"));
        if (!rows[(*n)++].role) {
            return AG_ENOMEM;
        }
    }
    return 0;
}

/* agents: rename, re-role, remove or add planned agents (the Tools step's agents form). The
 * edits are checked against the plan of the draft's idea and stored in the draft; a bad edit
 * changes nothing and says why. */
int
wizard_agents_post(struct req *r, struct resp *w)
{
    struct draft d = {0};
    int rc = load_draft(r, &d);
    if (rc < 0) {
        return rc;
    }
    const char *why = NULL;
    const char *text = "";
    struct spec_agent_edit rows[SPEC_MAX_AGENTS];
    int n = 0;
    if (!req_param(r, "reset")) {
        struct plan_choices c;
        struct spec s = {0};
        rc = posted_agents(r, rows, &n, &why);
        if (rc == 0) {
            rc = gen_choices_from_draft(r, &d, &c);
        }
        if (rc == 0) {
            c.n_agents = 0;
            rc = planner_plan(d.idea, &c, &s, NULL);
        }
        if (rc == 0) {
            rc = spec_edit_agents(&s, rows, n, &why);
        }
        spec_free(&s);
        if (rc == 0) {
            rc = gen_agents_json(r, rows, n, &text);
        }
    }
    if (rc == AG_EINVAL && why) {
        w->status = 400;
        return view_tools(r, w, &d, why, rows, n);
    }
    d.agents = text;
    if (rc == 0) {
        rc = drafts_db_save(r->app->db, &d);
    }
    char *loc = rc == 0 ? arena_printf(r->ar, "/generate/tools?d=%s#agents", d.id) : NULL;
    return rc < 0 ? rc : loc ? resp_redirect(w, 303, loc) : AG_ENOMEM;
}

int
wizard_review(struct req *r, struct resp *w)
{
    if (page_cache_serve(r, w)) {
        return 0;
    }
    struct draft d = {0};
    int rc = load_draft(r, &d);
    if (rc == 0) {
        rc = view_review(r, w, &d, NULL);
    }
    if (rc == 0) {
        page_cache_store(r, w);
    }
    return rc;
}

int
wizard_create(struct req *r, struct resp *w)
{
    struct draft d = {0};
    int rc = load_draft(r, &d);
    if (rc < 0) {
        return rc;
    }
    struct plan_choices c;
    rc = gen_choices_from_draft(r, &d, &c);
    if (rc < 0) {
        return rc;
    }
    struct buf why = BUF_INIT;
    struct spec s = {0};
    struct gen_files files;
    gen_files_init(&files);
    long long id = 0;
    rc = engine_diagnose_errors(&c, &why);
    if (rc == 0) {
        rc = gen_run_draft(r, &d, &s, &files, &why);
    }
    if (rc == AG_EINVAL) {
        w->status = 422;
        rc = view_review(r, w, &d, buf_cstr(&why));
    } else if (rc == 0) {
        rc = gen_save(r, d.project_id, &s, d.agents, &files, &id);
        if (rc == 0) {
            d.project_id = id;
            rc = drafts_db_save(r->app->db, &d);
        }
        char *loc = rc == 0 ? arena_printf(r->ar, "/projects/%lld", id) : NULL;
        if (rc == 0) {
            rc = loc ? resp_redirect(w, 303, loc) : AG_ENOMEM;
        }
    }
    spec_free(&s);
    gen_files_free(&files);
    buf_free(&why);
    return rc;
}
