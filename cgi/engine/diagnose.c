/* SPDX-License-Identifier: MIT */
/* diagnose.c - the compatibility rules of compat-data.md §6, row for row. Only two things are
 * errors (an unsupported pattern, a blocked export); hyperscaler and model fit are ok/warn.
 * Choice (§8): unknown framework/hyperscaler/pattern ids are rejected as Python does, not
 * replaced as TS does. The strands+voice rule also matches the engine name speech_to_text. */
#include "diagnose.h"

#include <stdio.h>
#include <string.h>

#include "../core/jsn.h"
#include "catalog.h"

#define MIDDOT "\xc2\xb7" /* U+00B7, as in "openai · native" */

struct rows {
    struct diag_row *row;
    int max;
    int n;
};

static int is_set(const char *s);
static int add(struct rows *r, const char *category, const char *value, const char *sub,
               enum diag_severity severity, int step);
static int add_choices(struct rows *r, const struct diag_choices *c,
                       const struct cat_framework *fw);
static int add_tools(struct rows *r, const struct diag_choices *c, const struct cat_framework *fw);
static int add_exports(struct rows *r, const struct cat_framework *fw);

static int
is_set(const char *s)
{
    return s && *s;
}

static int
add(struct rows *r, const char *category, const char *value, const char *sub,
    enum diag_severity severity, int step)
{
    if (r->n >= r->max) {
        return AG_ETOOBIG;
    }
    struct diag_row *d = &r->row[r->n++];
    d->category = category;
    d->value = value;
    snprintf(d->sub, sizeof d->sub, "%s", sub); /* subs are short catalogue text */
    d->severity = severity;
    d->step = step;
    return 0;
}

/* Rows 2-4: hyperscaler, orchestration, model (each only when chosen). */
static int
add_choices(struct rows *r, const struct diag_choices *c, const struct cat_framework *fw)
{
    int rc = 0;
    const struct cat_hyperscaler *hs = NULL;
    if (is_set(c->hyperscaler)) {
        hs = catalog_hyperscaler(c->hyperscaler);
        int native = catalog_framework_native(fw, hs->id);
        rc = add(r, "Hyperscaler", hs->label, native ? "native" : "via adapter",
                 native ? DIAG_OK : DIAG_WARN, 2);
    }
    if (rc == 0 && is_set(c->pattern)) {
        const struct cat_pattern *p = catalog_pattern(c->pattern);
        enum cat_support s = catalog_support(fw, p->id);
        enum diag_severity sev = s == CAT_NATIVE    ? DIAG_OK
                                 : s == CAT_ADAPTER ? DIAG_WARN
                                                    : DIAG_ERR;
        rc = add(r, "Orchestration", p->label, catalog_support_name(s), sev, 2);
    }
    const struct cat_model *m = is_set(c->model) ? catalog_model(c->model) : NULL;
    if (rc == 0 && m) {
        /* The model is checked against the chosen hyperscaler, not the framework (§6.4). */
        int native = !hs || catalog_model_native(m, hs->id);
        char sub[DIAG_SUB_MAX];
        snprintf(sub, sizeof sub, "%s " MIDDOT " %s", m->provider,
                 native ? "native" : "via adapter");
        rc = add(r, "Model", m->label, sub, native ? DIAG_OK : DIAG_WARN, 2);
    }
    return rc;
}

static int
add_tools(struct rows *r, const struct diag_choices *c, const struct cat_framework *fw)
{
    int is_strands = strcmp(fw->id, "strands") == 0;
    for (int i = 0; i < c->n_tools && i < DIAG_MAX_TOOLS; i++) {
        const char *t = c->tools[i] ? c->tools[i] : "";
        int voice = strcmp(t, "voice") == 0 || strcmp(t, "speech_to_text") == 0;
        int rc = (is_strands && voice)
                     ? add(r, "Tool", t, "requires Strands " MIDDOT " adapter", DIAG_WARN, 3)
                     : add(r, "Tool", t, "ok", DIAG_OK, 3);
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

static int
add_exports(struct rows *r, const struct cat_framework *fw)
{
    size_t n_exports = 0;
    const struct cat_export *ex = catalog_exports(&n_exports);
    for (size_t i = 0; i < n_exports; i++) {
        if (!ex[i].diagnosed) {
            continue;
        }
        int rc;
        if (catalog_export_allowed(fw, ex[i].id)) {
            rc = add(r, "Export", ex[i].id, "available", DIAG_OK, 4);
        } else {
            char sub[DIAG_SUB_MAX];
            if (fw->exports[0] && fw->exports[1]) {
                snprintf(sub, sizeof sub, "requires %s / %s", fw->exports[0], fw->exports[1]);
            } else {
                snprintf(sub, sizeof sub, "requires %s", fw->exports[0] ? fw->exports[0] : "-");
            }
            rc = add(r, "Export", ex[i].id, sub, DIAG_ERR, 4);
        }
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

int
diagnose(const struct diag_choices *c, struct diag_row *rows, int max, int *n)
{
    *n = 0;
    const struct cat_framework *fw = catalog_framework(c->framework);
    if (!fw || (is_set(c->hyperscaler) && !catalog_hyperscaler(c->hyperscaler)) ||
        (is_set(c->pattern) && !catalog_pattern(c->pattern)) || c->n_tools < 0 ||
        (c->n_tools > 0 && !c->tools)) {
        return AG_EINVAL;
    }
    struct rows r = {rows, max, 0};
    const struct cat_vendor *v = catalog_vendor(fw->vendor);
    int rc = add(&r, "Framework", fw->name, v ? v->label : fw->vendor, DIAG_OK, 2);
    if (rc == 0) {
        rc = add_choices(&r, c, fw);
    }
    if (rc == 0) {
        rc = add_tools(&r, c, fw);
    }
    if (rc == 0) {
        rc = add_exports(&r, fw);
    }
    *n = rc == 0 ? r.n : 0;
    return rc;
}

const char *
diagnose_severity_name(enum diag_severity s)
{
    switch (s) {
    case DIAG_WARN:
        return "warn";
    case DIAG_ERR:
        return "err";
    case DIAG_OK:
        break;
    }
    return "ok";
}

enum diag_severity
diagnose_worst(const struct diag_row *rows, int n)
{
    enum diag_severity worst = DIAG_OK;
    for (int i = 0; i < n; i++) {
        if (rows[i].severity > worst) {
            worst = rows[i].severity;
        }
    }
    return worst;
}

int
diagnose_to_json(const struct diag_row *rows, int n, struct json_object **out)
{
    struct json_object *arr = json_object_new_array();
    *out = NULL;
    if (!arr) {
        return AG_ENOMEM;
    }
    for (int i = 0; i < n; i++) {
        struct json_object *o = json_object_new_object();
        int rc = o ? 0 : AG_ENOMEM;
        if (o) {
            rc |= jsn_add_str(o, "category", rows[i].category);
            rc |= jsn_add_str(o, "value", rows[i].value);
            rc |= jsn_add_str(o, "sub", rows[i].sub);
            rc |= jsn_add_str(o, "severity", diagnose_severity_name(rows[i].severity));
            rc |= jsn_add_int(o, "step", rows[i].step);
        }
        if (rc != 0 || json_object_array_add(arr, o) != 0) {
            json_object_put(o);
            json_object_put(arr);
            return AG_ENOMEM;
        }
    }
    *out = arr;
    return 0;
}
