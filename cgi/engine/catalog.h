/* SPDX-License-Identifier: MIT */
/* catalog.h - the catalogue as static const data: hyperscalers, vendors, framework philosophies,
 * frameworks, orchestration patterns, models (with prices), export targets and built-in tools.
 * One source of truth: the CLI, the diagnostics and GET /api/compatibility all read it.
 * Every pointer returned here is borrowed static data; a NULL return means "unknown id".
 * The compatibility rules that use this data are in diagnose.h. */
#ifndef AG_CATALOG_H
#define AG_CATALOG_H

#include <json-c/json.h>
#include <stddef.h>

#include "../core/ag.h"

#define CAT_MAX_LIST 8 /* room of every NULL-terminated id list below */

enum cat_support { CAT_UNSUPPORTED = 0, CAT_ADAPTER = 1, CAT_NATIVE = 2 };
enum cat_permission { CAT_PERM_READ = 0, CAT_PERM_WRITE = 1, CAT_PERM_NETWORK = 2 };

struct cat_vendor {
    const char *id;
    const char *label;
    const char *default_model; /* DEFAULT_MODEL_BY_VENDOR */
};

struct cat_hyperscaler {
    const char *id; /* azure aws gcp ibm on_prem */
    const char *label;
    const char *short_label;
    const char *brand; /* #rrggbb */
    const char *vendor;
    const char *default_model; /* planner default when this hyperscaler is chosen */
};

struct cat_philosophy {
    const char *id; /* brainstorm pipeline graph */
    const char *label;
    const char *blurb;
};

struct cat_framework {
    const char *id;    /* canonical (engine) id: crewai, crewai_flow, watsonx_orchestrate, ... */
    const char *alias; /* the reference catalogue's id when it differs (crewflow, wxo,
                          llamaidx), else NULL; lookups accept it */
    const char *name;
    const char *vendor;
    const char *philosophy;                 /* also the pattern glyph */
    const char *stage;                      /* core | beta | new */
    const char *tag;                        /* short description for lists */
    const char *summary;                    /* pattern.summary */
    const char *risk;                       /* pattern.risk */
    const char *hyperscalers[CAT_MAX_LIST]; /* native ones, NULL-terminated */
    enum cat_support support[2];            /* [0] supervisor, [1] react (enum spec_pattern) */
    const char *exports[CAT_MAX_LIST];      /* allowed export ids, NULL-terminated; {"*"} = all */
};

struct cat_pattern {
    const char *id; /* supervisor | react; index = enum spec_pattern */
    const char *label;
    const char *glyph; /* UTF-8 */
    const char *blurb;
    const char *steps[4];
    const char *flow;
    const char *communication;
    const char *flexibility; /* low | medium | high */
    const char *predictability;
    const char *cost;
};

struct cat_model {
    const char *id;
    const char *label;
    const char *provider;                   /* openai anthropic watsonx ollama ollabridge */
    const char *hyperscalers[CAT_MAX_LIST]; /* native ones, NULL-terminated */
    const char *context_window;             /* "256k" */
    const char *cost;                       /* band: free $ $$ $$$ */
    double usd_in_per_mtok;                 /* USD per 1M input tokens */
    double usd_out_per_mtok;                /* USD per 1M output tokens */
    const char *price_source;               /* "reference" | "list price (chosen)" | "local" */
};

struct cat_export {
    const char *id; /* azure-ai bedrock docker hf zip github watsonx */
    const char *label;
    int diagnosed; /* one of the four targets the diagnostics check */
};

struct cat_tool {
    const char *id;    /* spec/engine id: web_search, pdf_reader, ... */
    const char *ui_id; /* the reference wizard's id: search, pdf, ... */
    const char *name;
    const char *description;
    const char *category; /* Web Files Data */
    enum cat_permission permission;
    int read_only;   /* 1: cannot change anything outside the process */
    const char *pip; /* python dependency of the generated code, or "" */
    const char *env; /* environment variable the generated code reads, or "" */
};

/* Whole tables (static, in display order); *n receives the length. */
const struct cat_vendor *catalog_vendors(size_t *n);
const struct cat_hyperscaler *catalog_hyperscalers(size_t *n);
const struct cat_philosophy *catalog_philosophies(size_t *n);
const struct cat_framework *catalog_frameworks(size_t *n);
const struct cat_pattern *catalog_patterns(size_t *n);
const struct cat_model *catalog_models(size_t *n);
const struct cat_export *catalog_exports(size_t *n);
const struct cat_tool *catalog_tools(size_t *n);

/* Lookups by id (NULL id or unknown id -> NULL). catalog_framework also accepts the alias;
 * catalog_tool also accepts the wizard's ui_id. */
const struct cat_vendor *catalog_vendor(const char *id);
const struct cat_hyperscaler *catalog_hyperscaler(const char *id);
const struct cat_framework *catalog_framework(const char *id);
const struct cat_pattern *catalog_pattern(const char *id);
int catalog_pattern_index(const char *id); /* 0 supervisor, 1 react, -1 unknown */
const struct cat_model *catalog_model(const char *id);
const struct cat_export *catalog_export(const char *id);
const struct cat_tool *catalog_tool(const char *id);

/* Relations. Unknown pattern -> CAT_UNSUPPORTED. */
enum cat_support catalog_support(const struct cat_framework *fw, const char *pattern_id);
int catalog_framework_native(const struct cat_framework *fw, const char *hyperscaler_id);
int catalog_model_native(const struct cat_model *m, const char *hyperscaler_id);
int catalog_export_allowed(const struct cat_framework *fw, const char *export_id);
/* catalog_default_model: the hyperscaler's default if one is given, else the framework vendor's;
 * never NULL for a known framework. */
const char *catalog_default_model(const struct cat_framework *fw, const char *hyperscaler_id);
/* catalog_default_pattern: first of supervisor, react that fw supports (reference rule). */
int catalog_default_pattern(const struct cat_framework *fw);

const char *catalog_support_name(enum cat_support s);       /* native | adapter | unsupported */
const char *catalog_permission_name(enum cat_permission p); /* read | write | network */

/* catalog_to_json builds the GET /api/compatibility document: {hyperscalers, vendors,
 * philosophies, frameworks, orchestration_patterns, models, tools, export_targets,
 * export_by_framework, pattern_by_framework}. *out is owned by the caller. AG_ENOMEM. */
int catalog_to_json(struct json_object **out) AG_MUST_CHECK;

#endif
