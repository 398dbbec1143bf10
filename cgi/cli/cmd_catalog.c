/* SPDX-License-Identifier: MIT */
/* cmd_catalog.c - `agentgen frameworks`, `agentgen diagnose` and `agentgen plan`: the offline
 * catalogue, compatibility and planner commands. Option parsing and printing only; the data
 * and rules are cgi/engine/catalog.c, diagnose.c and planner.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "../core/buf.h"
#include "../engine/catalog.h"
#include "../engine/diagnose.h"
#include "../engine/planner.h"
#include "cmd.h"

#define EXIT_ERROR        1
#define EXIT_USAGE        2
#define EXIT_INCOMPATIBLE 3
#define MAX_TOOL_ARGS     SPEC_MAX_TOOLS

/* Tool list from --tools a,b,c: pointers into a heap copy. */
struct tool_args {
    char *copy;
    const char *tools[MAX_TOOL_ARGS + 1];
    int n;
};

static int split_tools(struct tool_args *t, const char *list);
static int print_json(struct json_object *o, int pretty);
static void print_frameworks(void);
static void print_rows(const struct diag_row *rows, int n);
static int plan_usage(void);
static int diagnose_usage(void);
static int parse_plan(int argc, char **argv, struct plan_choices *c, struct tool_args *t,
                      int *compact, const char **idea);

static int
split_tools(struct tool_args *t, const char *list)
{
    free(t->copy);
    t->n = 0;
    t->copy = strdup(list);
    if (!t->copy) {
        return AG_ENOMEM;
    }
    for (char *p = t->copy; p;) {
        char *comma = strchr(p, ',');
        if (comma) {
            *comma = '\0';
        }
        if (*p) {
            if (t->n >= MAX_TOOL_ARGS) {
                return AG_EINVAL;
            }
            t->tools[t->n++] = p;
        }
        p = comma ? comma + 1 : NULL;
    }
    t->tools[t->n] = NULL;
    return 0;
}

/* print_json writes o and a newline to stdout; takes ownership of o. */
static int
print_json(struct json_object *o, int pretty)
{
    int flags = JSON_C_TO_STRING_NOSLASHESCAPE |
                (pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED : 0);
    const char *s = json_object_to_json_string_ext(o, flags);
    int rc = s && printf("%s\n", s) >= 0 ? 0 : EXIT_ERROR;
    json_object_put(o);
    return rc;
}

static void
print_frameworks(void)
{
    size_t n = 0;
    const struct cat_framework *fw = catalog_frameworks(&n);
    printf("%-20s %-20s %-10s %-5s %-11s %-11s %s\n", "ID", "NAME", "VENDOR", "STAGE", "SUPERVISOR",
           "REACT", "NATIVE ON");
    for (size_t i = 0; i < n; i++) {
        const struct cat_vendor *v = catalog_vendor(fw[i].vendor);
        printf("%-20s %-20s %-10s %-5s %-11s %-11s ", fw[i].id, fw[i].name,
               v ? v->label : fw[i].vendor, fw[i].stage, catalog_support_name(fw[i].support[0]),
               catalog_support_name(fw[i].support[1]));
        for (int k = 0; k < CAT_MAX_LIST && fw[i].hyperscalers[k]; k++) {
            printf("%s%s", k ? "," : "", fw[i].hyperscalers[k]);
        }
        printf("\n");
    }
}

int
cmd_frameworks(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--json") == 0) {
        struct json_object *o = NULL;
        return catalog_to_json(&o) == 0 ? print_json(o, 1) : EXIT_ERROR;
    }
    if (argc != 1) {
        fprintf(stderr, "usage: agentgen frameworks [--json]\n");
        return EXIT_USAGE;
    }
    print_frameworks();
    return 0;
}

static void
print_rows(const struct diag_row *rows, int n)
{
    printf("%-3s %-14s %-20s %-28s %-8s %s\n", "#", "CATEGORY", "VALUE", "SUB", "SEVERITY", "STEP");
    for (int i = 0; i < n; i++) {
        printf("%-3d %-14s %-20s %-28s %-8s %d\n", i + 1, rows[i].category, rows[i].value,
               rows[i].sub, diagnose_severity_name(rows[i].severity), rows[i].step);
    }
}

static int
diagnose_usage(void)
{
    fprintf(stderr, "usage: agentgen diagnose -f <framework> [--hyperscaler H] [--pattern P] "
                    "[--model M] [--tools a,b] [--json]\n");
    return EXIT_USAGE;
}

/* parse_diagnose fills c and t from argv; AG_EINVAL on a usage error. */
static int parse_diagnose(int argc, char **argv, struct diag_choices *c, struct tool_args *t,
                          int *json);

static int
parse_diagnose(int argc, char **argv, struct diag_choices *c, struct tool_args *t, int *json)
{
    static const struct option longopts[] = {{"framework", required_argument, NULL, 'f'},
                                             {"hyperscaler", required_argument, NULL, 'H'},
                                             {"pattern", required_argument, NULL, 'p'},
                                             {"model", required_argument, NULL, 'm'},
                                             {"tools", required_argument, NULL, 't'},
                                             {"json", no_argument, NULL, 'j'},
                                             {NULL, 0, NULL, 0}};
    int opt, rc = 0;
    optind = 0; /* glibc: full re-initialisation, scanning starts at argv[1] */
    while (rc == 0 && (opt = getopt_long(argc, argv, "f:H:p:m:t:j", longopts, NULL)) != -1) {
        switch (opt) {
        case 'f':
            c->framework = optarg;
            break;
        case 'H':
            c->hyperscaler = optarg;
            break;
        case 'p':
            c->pattern = optarg;
            break;
        case 'm':
            c->model = optarg;
            break;
        case 't':
            rc = split_tools(t, optarg);
            break;
        case 'j':
            *json = 1;
            break;
        default:
            rc = AG_EINVAL;
            break;
        }
    }
    c->tools = t->tools;
    c->n_tools = t->n;
    return (rc == 0 && (optind != argc || !c->framework)) ? AG_EINVAL : rc;
}

int
cmd_diagnose(int argc, char **argv)
{
    struct diag_choices c = {0};
    struct tool_args t = {0};
    struct diag_row rows[DIAG_MAX_ROWS];
    int json = 0, n = 0;
    int rc = parse_diagnose(argc, argv, &c, &t, &json);
    if (rc == 0 && diagnose(&c, rows, DIAG_MAX_ROWS, &n) != 0) {
        fprintf(stderr, "agentgen diagnose: unknown framework, hyperscaler or pattern "
                        "(see agentgen frameworks)\n");
        rc = AG_EINVAL;
    }
    int status = rc == AG_EINVAL ? diagnose_usage() : rc != 0 ? EXIT_ERROR : 0;
    if (rc == 0) {
        struct json_object *o = NULL;
        if (!json) {
            print_rows(rows, n);
        } else if (diagnose_to_json(rows, n, &o) != 0 || print_json(o, 1) != 0) {
            status = EXIT_ERROR;
        }
        if (status == 0 && diagnose_worst(rows, n) == DIAG_ERR) {
            status = EXIT_INCOMPATIBLE;
        }
    }
    free(t.copy); /* Tool rows point into it */
    return status;
}

static int
plan_usage(void)
{
    fprintf(stderr, "usage: agentgen plan \"<idea>\" [-f <framework>] [--pattern P] [--model M] "
                    "[--hyperscaler H] [--tools a,b] [--name N] [--memory] "
                    "[--permission safe|ask|dev] [--compact]\n");
    return EXIT_USAGE;
}

static int
parse_plan(int argc, char **argv, struct plan_choices *c, struct tool_args *t, int *compact,
           const char **idea)
{
    static const struct option longopts[] = {
        {"framework", required_argument, NULL, 'f'}, {"hyperscaler", required_argument, NULL, 'H'},
        {"pattern", required_argument, NULL, 'p'},   {"model", required_argument, NULL, 'm'},
        {"tools", required_argument, NULL, 't'},     {"name", required_argument, NULL, 'n'},
        {"memory", no_argument, NULL, 'M'},          {"permission", required_argument, NULL, 'P'},
        {"compact", no_argument, NULL, 'c'},         {NULL, 0, NULL, 0}};
    int opt, rc = 0;
    optind = 0;
    while (rc == 0 && (opt = getopt_long(argc, argv, "f:H:p:m:t:n:MP:c", longopts, NULL)) != -1) {
        const char **dst = opt == 'f'   ? &c->framework
                           : opt == 'H' ? &c->hyperscaler
                           : opt == 'p' ? &c->pattern
                           : opt == 'm' ? &c->model
                           : opt == 'n' ? &c->name
                           : opt == 'P' ? &c->permission
                                        : NULL;
        if (dst) {
            *dst = optarg;
        } else if (opt == 't') {
            rc = split_tools(t, optarg);
        } else if (opt == 'M') {
            c->memory = 1;
        } else if (opt == 'c') {
            *compact = 1;
        } else {
            rc = AG_EINVAL;
        }
    }
    for (int i = 0; rc == 0 && i < t->n && i < SPEC_MAX_TOOLS; i++) {
        c->tools[i] = t->tools[i];
    }
    *idea = optind + 1 == argc ? argv[optind] : NULL;
    return (rc == 0 && !*idea) ? AG_EINVAL : rc;
}

int
cmd_plan(int argc, char **argv)
{
    struct plan_choices c = {0};
    struct tool_args t = {0};
    struct spec s = {0};
    struct buf warnings = BUF_INIT;
    const char *idea = NULL;
    int compact = 0, status = 0;
    int rc = parse_plan(argc, argv, &c, &t, &compact, &idea);
    if (rc == 0) {
        rc = planner_plan(idea, &c, &s, &warnings);
        if (rc == AG_EINVAL) {
            fprintf(stderr, "agentgen plan: empty, oversized or non-UTF-8 idea, or an unknown "
                            "framework, hyperscaler, pattern, model, tool or permission\n");
        }
    }
    if (warnings.len > 0) {
        fprintf(stderr, "%s", buf_cstr(&warnings));
    }
    struct json_object *o = NULL;
    if (rc == 0 && (spec_to_json(&s, &o) != 0 || print_json(o, !compact) != 0)) {
        status = EXIT_ERROR;
    } else if (rc != 0) {
        status = rc == AG_EINVAL ? plan_usage() : EXIT_ERROR;
    }
    spec_free(&s);
    buf_free(&warnings);
    free(t.copy);
    return status;
}
