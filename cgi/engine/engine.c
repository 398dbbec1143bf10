/* SPDX-License-Identifier: MIT */
/* engine.c - glue of the generator pipeline: planner, compatibility check, renderers, scan.
 * Owns no policy of its own beyond "an err row stops generation" and "a scan finding is an
 * internal error". */
#include "engine.h"

#include "diagnose.h"
#include "scan.h"

#include <string.h>

static int add_line(struct buf *w, const char *a, const char *b, const char *c);
static int scan_all(const struct gen_files *files, struct buf *warnings);

static int
add_line(struct buf *w, const char *a, const char *b, const char *c)
{
    return w ? buf_printf(w, "%s%s%s\n", a, b, c) : 0;
}

int
engine_diagnose_errors(const struct plan_choices *c, struct buf *warnings)
{
    struct diag_row rows[DIAG_MAX_ROWS];
    int n = 0;
    struct diag_choices dc = {
        .framework = c->framework ? c->framework : "crewai",
        .hyperscaler = c->hyperscaler,
        .pattern = c->pattern,
        .model = c->model,
        .tools = c->tools,
        .n_tools = 0,
    };
    while (dc.n_tools < SPEC_MAX_TOOLS && c->tools[dc.n_tools]) {
        dc.n_tools++;
    }
    int rc = diagnose(&dc, rows, DIAG_MAX_ROWS, &n);
    if (rc < 0) {
        (void)add_line(warnings, "unknown framework, hyperscaler or pattern", "", "");
        return AG_ENOTFOUND;
    }
    int errors = 0;
    for (int i = 0; i < n; i++) {
        /* Export rows are about deployment targets, which generating a project does not
         * touch; an unsupported pattern (or any future err row) does stop it. */
        if (rows[i].severity == DIAG_ERR && strcmp(rows[i].category, "Export") != 0) {
            errors++;
            if (warnings && buf_printf(warnings, "diagnose: %s %s: %s\n", rows[i].category,
                                       rows[i].value, rows[i].sub) < 0) {
                return AG_ENOMEM;
            }
        }
    }
    return errors ? AG_EINVAL : 0;
}

int
engine_generate(const char *idea, const struct plan_choices *c, const char *templates_root,
                struct spec *spec_out, struct gen_files *files_out, struct buf *warnings)
{
    int rc = engine_diagnose_errors(c, warnings);
    rc = rc ? rc : planner_plan(idea, c, spec_out, warnings);
    rc = rc ? rc : render_project(spec_out, templates_root, files_out);
    return rc ? rc : scan_all(files_out, warnings);
}

int
engine_render_spec(const struct spec *s, const char *templates_root, struct gen_files *files_out,
                   struct buf *warnings)
{
    struct plan_choices c = {
        .framework = s->framework,
        .pattern = s->pattern == SPEC_REACT ? "react" : "supervisor",
        .model = s->model,
        .hyperscaler = s->hyperscaler,
        .memory = s->memory,
        .permission = s->permission,
        .name = s->name,
    };
    for (int i = 0; i < s->n_tools && i < SPEC_MAX_TOOLS - 1; i++) {
        c.tools[i] = s->tools[i].id;
    }
    int rc = engine_diagnose_errors(&c, warnings);
    rc = rc ? rc : render_project(s, templates_root, files_out);
    return rc ? rc : scan_all(files_out, warnings);
}

/* The safety scan over rendered files: a finding is AG_EINTERNAL, listed in warnings. */
static int
scan_all(const struct gen_files *files, struct buf *warnings)
{
    struct scan_findings found;
    scan_findings_init(&found);
    int rc = scan_files(files, &found);
    for (size_t i = 0; rc == 0 && i < found.n; i++) {
        if (warnings && buf_printf(warnings, "scan: %s:%d: %s\n", found.items[i].path,
                                   found.items[i].line, found.items[i].rule) < 0) {
            rc = AG_ENOMEM;
        }
    }
    if (rc == 0 && found.n > 0) {
        rc = AG_EINTERNAL;
    }
    scan_findings_free(&found);
    return rc;
}
