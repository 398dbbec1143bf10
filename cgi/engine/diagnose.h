/* SPDX-License-Identifier: MIT */
/* diagnose.h - compatibility diagnostics: framework x hyperscaler x pattern x model x tools x
 * export targets -> ordered rows {category, value, sub, severity, step}, with the meaning of
 * the reference's compatibility_for() (compat-data.md §6). Data comes from catalog.h. */
#ifndef AG_DIAGNOSE_H
#define AG_DIAGNOSE_H

#include <json-c/json.h>

#include "../core/ag.h"

#define DIAG_MAX_TOOLS 3 /* only the first three tools get a row (reference rule) */
#define DIAG_MAX_ROWS  (4 + DIAG_MAX_TOOLS + 4)
#define DIAG_SUB_MAX   64

enum diag_severity { DIAG_OK = 0, DIAG_WARN = 1, DIAG_ERR = 2 };

/* Borrowed strings; NULL or "" means "not chosen" (framework excepted: it is required). */
struct diag_choices {
    const char *framework;    /* catalogue id or alias */
    const char *hyperscaler;  /* catalogue id */
    const char *pattern;      /* supervisor | react */
    const char *model;        /* a model id; unknown ids give no Model row */
    const char *const *tools; /* tool ids as the wizard sends them (search, voice, ...) */
    int n_tools;
};

struct diag_row {
    const char *category; /* Framework Hyperscaler Orchestration Model Tool Export (static) */
    const char *value;    /* static catalogue text, or borrowed from choices->tools */
    char sub[DIAG_SUB_MAX];
    enum diag_severity severity;
    int step; /* wizard step that resolves it: 2 framework, 3 tools, 4 review */
};

/* diagnose writes up to max rows and their count to *n. AG_EINVAL for a missing or unknown
 * framework, or an unknown hyperscaler or pattern (the reference's API rejects those with 422);
 * AG_ETOOBIG when max is too small (DIAG_MAX_ROWS always suffices). */
int diagnose(const struct diag_choices *c, struct diag_row *rows, int max, int *n) AG_MUST_CHECK;
/* diagnose_to_json: array of {category, value, sub, severity, step}; *out owned by caller. */
int diagnose_to_json(const struct diag_row *rows, int n, struct json_object **out) AG_MUST_CHECK;
/* diagnose_worst: the highest severity of the rows (DIAG_OK for none). */
enum diag_severity diagnose_worst(const struct diag_row *rows, int n);
const char *diagnose_severity_name(enum diag_severity s); /* ok | warn | err */

#endif
