/* SPDX-License-Identifier: MIT */
/* wizard_view.c - fills the wizard's datasets from the draft and the catalogue (one source of
 * truth: the same tables the JSON API serves) and renders templates/web/generate/<step>.cs. */
#include "wizard_view.h"

#include <stdio.h>
#include <string.h>

#include "../engine/catalog.h"
#include "../engine/engine.h"
#include "gen.h"
#include "page.h"
#include "preview.h"

#define RECENT_IDEAS 5 /* the describe step's "recent ideas" */

#define SET(k, v)                                                                                  \
    do {                                                                                           \
        if (rc == 0) {                                                                             \
            rc = tmpl_set(t, (k), (v));                                                            \
        }                                                                                          \
    } while (0)
#define SETF(v, ...)                                                                               \
    do {                                                                                           \
        if (rc == 0) {                                                                             \
            rc = tmpl_setf(t, (v), __VA_ARGS__);                                                   \
        }                                                                                          \
    } while (0)

static int
start(struct req *r, const struct draft *d, int step, const char *error, struct tmpl **out)
{
    static const char *const titles[] = {"Describe", "Framework & Model", "Tools", "Review"};
    struct tmpl *t = NULL;
    int rc = page_new(r, titles[step - 1], "generate", &t);
    SET("wizard.step_title", titles[step - 1]);
    if (rc == 0) {
        rc = tmpl_set_int(t, "wizard.step", step);
    }
    static const char *const hrefs[] = {"/generate", "/generate/framework", "/generate/tools",
                                        "/generate/review"};
    static const char *const nums[] = {"1", "2", "3", "4"};
    for (int i = 0; i < 4; i++) {
        SETF(titles[i], "wizard.steps.%d.title", i);
        SETF(hrefs[i], "wizard.steps.%d.href", i);
        SETF(nums[i], "wizard.steps.%d.num", i);
    }
    SET("wizard.error", error);
    if (d) {
        SET("draft.id", d->id);
        SET("draft.idea", d->idea);
        SET("draft.name", d->name);
        SET("draft.framework", d->framework);
        SET("draft.pattern", d->pattern);
        SET("draft.model", d->model);
        SET("draft.hyperscaler", d->hyperscaler);
        SET("draft.memory", d->memory ? "1" : "0");
        if (rc == 0 && d->project_id) {
            rc = tmpl_set_int(t, "draft.project_id", d->project_id);
        }
    }
    *out = t;
    return rc;
}

int
view_describe(struct req *r, struct resp *w, const struct draft *d, const char *idea_text,
              const char *error)
{
    struct tmpl *t = NULL;
    int rc = start(r, d, 1, error, &t);
    const char *recent[RECENT_IDEAS];
    int n_recent = 0;
    if (rc == 0) {
        rc = drafts_db_recent_ideas(r->app->db, r->ar, gen_owner(r), RECENT_IDEAS, recent,
                                    &n_recent);
    }
    for (int i = 0; i < n_recent; i++) {
        SETF(recent[i], "recent.%d", i);
    }
    /* ?recent=N (a link, so it works without script) refills the form with that idea */
    const char *pick = req_param(r, "recent");
    if (!idea_text && pick && pick[0] >= '0' && pick[0] < '0' + n_recent && !pick[1]) {
        idea_text = recent[pick[0] - '0'];
    }
    SET("form.idea", idea_text ? idea_text : d ? d->idea : "");
    static const char *const examples[] = {
        "Research competitors every Monday, summarise their pricing changes and email the team",
        "Read incoming PDF invoices, extract totals into a database and flag anomalies",
        "Answer customer questions from our product manuals and escalate what you cannot answer",
        "Monitor our status page APIs and write an incident report when something fails",
    };
    for (size_t i = 0; i < AG_NELEM(examples); i++) {
        SETF(examples[i], "examples.%zu", i);
    }
    if (rc == 0) {
        rc = page_render(r, w, t, "generate/describe.cs");
    }
    return rc;
}

/* philosophy_filter: the catalogue philosophy named by ?philosophy=, or NULL for all frameworks
 * (an unknown value filters nothing). Sets philosophies.N and filter.philosophy. */
static const char *
philosophy_filter(struct req *r, struct tmpl *t, int *rc_out)
{
    int rc = 0;
    const char *want = req_param(r, "philosophy");
    const char *found = NULL;
    size_t n = 0;
    const struct cat_philosophy *ph = catalog_philosophies(&n);
    for (size_t i = 0; i < n; i++) {
        SETF(ph[i].id, "philosophies.%zu.id", i);
        SETF(ph[i].label, "philosophies.%zu.label", i);
        SETF(ph[i].blurb, "philosophies.%zu.blurb", i);
        found = want && strcmp(want, ph[i].id) == 0 ? ph[i].id : found;
    }
    SET("filter.philosophy", found);
    *rc_out = rc;
    return found;
}

/* set_frameworks: the cards; those outside the philosophy filter are rendered hidden (so the
 * script can show them without a reload). The draft's framework stays picked when visible,
 * else the first visible card is (the reference's rule). */
static int
set_frameworks(struct req *r, struct tmpl *t, const struct draft *d)
{
    int rc = 0;
    const char *philosophy = philosophy_filter(r, t, &rc);
    size_t n = 0;
    const struct cat_framework *fw = catalog_frameworks(&n);
    const struct cat_framework *cur = catalog_framework(d->framework);
    const char *pick = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!philosophy || strcmp(fw[i].philosophy, philosophy) == 0) {
            pick = pick ? pick : fw[i].id;
            pick = cur == &fw[i] ? fw[i].id : pick;
        }
    }
    for (size_t i = 0; i < n; i++) {
        int shown = !philosophy || strcmp(fw[i].philosophy, philosophy) == 0;
        SETF(shown ? "0" : "1", "frameworks.%zu.hidden", i);
        SETF(pick && strcmp(pick, fw[i].id) == 0 ? "1" : "0", "frameworks.%zu.checked", i);
    }
    return rc;
}

static int
set_catalogue(struct tmpl *t, const struct draft *d)
{
    int rc = 0;
    size_t n = 0;
    const struct cat_framework *fw = catalog_frameworks(&n);
    for (size_t i = 0; i < n; i++) {
        SETF(fw[i].id, "frameworks.%zu.id", i);
        SETF(fw[i].name, "frameworks.%zu.name", i);
        SETF(fw[i].vendor, "frameworks.%zu.vendor", i);
        SETF(fw[i].stage, "frameworks.%zu.stage", i);
        SETF(fw[i].philosophy, "frameworks.%zu.philosophy", i);
        SETF(fw[i].summary, "frameworks.%zu.summary", i);
        SETF(fw[i].risk, "frameworks.%zu.risk", i);
        SETF(fw[i].tag, "frameworks.%zu.tag", i);
        for (int p = 0; p < 2; p++) {
            SETF(catalog_support_name(fw[i].support[p]), "frameworks.%zu.support.%s", i,
                 p == 0 ? "supervisor" : "react");
        }
    }
    const struct cat_hyperscaler *hs = catalog_hyperscalers(&n);
    for (size_t i = 0; i < n; i++) {
        SETF(hs[i].id, "hyperscalers.%zu.id", i);
        SETF(hs[i].label, "hyperscalers.%zu.label", i);
    }
    const struct cat_model *m = catalog_models(&n);
    for (size_t i = 0; i < n; i++) {
        SETF(m[i].id, "models.%zu.id", i);
        SETF(m[i].label, "models.%zu.label", i);
        SETF(m[i].provider, "models.%zu.provider", i);
        SETF(m[i].context_window, "models.%zu.context", i);
        SETF(m[i].cost, "models.%zu.cost", i);
        int native = !*d->hyperscaler || catalog_model_native(&m[i], d->hyperscaler);
        SETF(native ? "1" : "0", "models.%zu.native", i);
    }
    const struct cat_pattern *p = catalog_patterns(&n);
    for (size_t i = 0; i < n; i++) {
        SETF(p[i].id, "patterns.%zu.id", i);
        SETF(p[i].label, "patterns.%zu.label", i);
        SETF(p[i].blurb, "patterns.%zu.blurb", i);
        for (int s = 0; s < 4; s++) {
            SETF(p[i].steps[s], "patterns.%zu.steps.%d", i, s);
        }
        SETF(p[i].flexibility, "patterns.%zu.flexibility", i);
        SETF(p[i].predictability, "patterns.%zu.predictability", i);
        SETF(p[i].cost, "patterns.%zu.cost", i);
    }
    return rc;
}

static int
set_diagnostics(struct req *r, struct tmpl *t, const struct draft *d)
{
    struct plan_choices c;
    int n_err = 0;
    int rc = gen_choices_from_draft(r, d, &c);
    if (rc == 0) {
        rc = gen_diagnose_tmpl(&c, t, "diag", &n_err);
    }
    if (rc == 0) {
        rc = tmpl_set_int(t, "diag_errors", n_err);
    }
    return rc;
}

int
view_framework(struct req *r, struct resp *w, const struct draft *d, const char *error)
{
    struct tmpl *t = NULL;
    int rc = start(r, d, 2, error, &t);
    if (rc == 0) {
        rc = set_catalogue(t, d);
    }
    if (rc == 0) {
        rc = set_frameworks(r, t, d);
    }
    if (rc == 0) {
        rc = set_diagnostics(r, t, d);
    }
    const struct cat_framework *fw = catalog_framework(d->framework);
    if (rc == 0 && fw) {
        SET("why.framework", fw->name);
        SET("why.summary", fw->summary);
        SET("why.risk", fw->risk);
    }
    if (rc == 0) {
        rc = page_render(r, w, t, "generate/framework.cs");
    }
    return rc;
}

int
view_tools(struct req *r, struct resp *w, const struct draft *d, const char *error,
           const struct spec_agent_edit *typed, int n_typed)
{
    struct tmpl *t = NULL;
    int rc = start(r, d, 3, error, &t);
    size_t n = 0;
    const struct cat_tool *tools = catalog_tools(&n);
    for (size_t i = 0; i < n; i++) {
        SETF(tools[i].id, "tools.%zu.id", i);
        SETF(tools[i].name, "tools.%zu.name", i);
        SETF(tools[i].description, "tools.%zu.description", i);
        SETF(tools[i].category, "tools.%zu.category", i);
        SETF(catalog_permission_name(tools[i].permission), "tools.%zu.permission", i);
        char key[64];
        snprintf(key, sizeof(key), ",%s,", tools[i].id);
        char *have = arena_printf(r->ar, ",%s,", d->tools);
        SETF(have && strstr(have, key) ? "1" : "0", "tools.%zu.checked", i);
    }
    SET("draft.tools", d->tools);
    const struct spec_agent_edit *agents = typed; /* a refused edit shows what was typed */
    int n_agents = n_typed;
    if (rc == 0 && !typed) {
        struct spec_agent_edit *stored = NULL;
        rc = gen_draft_agents(r, d, &stored, &n_agents);
        agents = stored;
    }
    for (int i = 0; i < n_agents; i++) {
        char from[16];
        snprintf(from, sizeof from, "%d", agents[i].from);
        SETF(from, "agents.%d.from", i);
        snprintf(from, sizeof from, "%d", i + 1);
        SETF(from, "agents.%d.num", i);
        SETF(agents[i].id, "agents.%d.id", i);
        SETF(agents[i].role, "agents.%d.role", i);
    }
    SET("agents_edited", *d->agents ? "1" : NULL);
    if (rc == 0) {
        rc = page_render(r, w, t, "generate/tools.cs");
    }
    return rc;
}

int
view_review(struct req *r, struct resp *w, const struct draft *d, const char *refusal)
{
    struct tmpl *t = NULL;
    int rc = start(r, d, 4, NULL, &t);
    SET("refusal", refusal && *refusal ? refusal : NULL);
    if (rc == 0) {
        rc = set_diagnostics(r, t, d);
    }
    const struct gen_result *res = NULL;
    if (rc == 0) {
        rc = gen_preview(r, d, &res);
    }
    if (rc == 0 && res->rc == 0) {
        rc = preview_spec(t, &res->spec);
        if (rc == 0) {
            rc = preview_files(r, t, &res->files, req_param(r, "file"));
        }
    } else if (rc == 0) {
        SET("preview_error", res->warnings);
    }
    if (rc == 0) {
        rc = page_render(r, w, t, "generate/review.cs");
    }
    return rc;
}
