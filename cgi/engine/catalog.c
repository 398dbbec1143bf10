/* SPDX-License-Identifier: MIT */
/* catalog.c - the catalogue tables (reference compat-data.md §1-§5, §9.2 and upstream-engine.md
 * §6, reused as data), their lookups and the JSON the browser reads. Rules that combine the
 * tables into diagnostics are in diagnose.c; nothing here allocates except catalog_to_json.
 *
 * Choices where the reference sources disagree (compat-data.md §8), written down once here:
 * - Labels use ASCII "-" (the Python backend: "On-prem", "GPT-5.1"), not TS's U+2011.
 * - Framework ids are the engine's (crewai_flow, watsonx_orchestrate, llamaindex); the UI ids
 *   (crewflow, wxo, llamaidx) are kept as aliases and accepted by catalog_framework().
 * - Unknown ids are unknown (NULL), as in Python; there is no TS-style fallback to langgraph.
 * - Exports and pattern support follow the code (EXPORT_BY_FW, PATTERN_BY_FW), not the design
 *   docs; so autogen x react is "adapter" (the docs' "ReAct multi" column).
 * - Prices: the reference has none per model. Each row says where its number comes from. */
#include "catalog.h"

#include <string.h>

#include "../core/jsn.h"

static const struct cat_vendor vendors[] = {
    {"microsoft", "Microsoft", "gpt-5.1"},       {"amazon", "AWS", "claude-opus-4"},
    {"google", "Google", "claude-opus-4"},       {"ibm", "IBM", "granite-3.1-70b"},
    {"langchain", "LangChain", "claude-opus-4"}, {"crewai", "CrewAI", "claude-opus-4"},
    {"community", "community", "claude-opus-4"},
};

/* default_model per hyperscaler is our choice (the reference picks by vendor only): a model that
 * is native there; gcp has none, so it takes the google vendor default. */
static const struct cat_hyperscaler hyperscalers[] = {
    {"azure", "Azure", "AZ", "#0078d4", "microsoft", "gpt-5.1"},
    {"aws", "AWS", "AWS", "#ff9900", "amazon", "claude-opus-4"},
    {"gcp", "GCP", "GCP", "#34a853", "google", "claude-opus-4"},
    {"ibm", "IBM", "IBM", "#054ada", "ibm", "granite-3.1-70b"},
    {"on_prem", "On-prem", "OP", "#161616", "community", "qwen-2.5-1.5b"},
};

static const struct cat_philosophy philosophies[] = {
    {"brainstorm", "Brainstorm", "Free back-and-forth between agents."},
    {"pipeline", "Assembly line", "Linear hand-off, no loops."},
    {"graph", "Industrial", "Explicit state machine with branches."},
};

#define ALL_HS                                                                                     \
    {                                                                                              \
        "azure", "aws", "gcp", "ibm", "on_prem", NULL                                              \
    }
#define ALL_EX                                                                                     \
    {                                                                                              \
        "*", NULL                                                                                  \
    }

/* Order = the reference's FRAMEWORKS_X order. */
static const struct cat_framework frameworks[] = {
    {"autogen",
     NULL,
     "AutoGen",
     "microsoft",
     "brainstorm",
     "beta",
     "conversational",
     "Free back-and-forth \xe2\x80\x94 write, critique, fix.",
     "May argue forever or drift off-topic if not monitored.",
     {"azure", "on_prem", NULL},
     {CAT_NATIVE, CAT_ADAPTER},
     {"azure-ai", "docker", "hf", "zip", "github", NULL}},
    {"strands",
     NULL,
     "Strands",
     "amazon",
     "pipeline",
     "new",
     "pipeline agents",
     "Assembly line \xe2\x80\x94 output of one agent feeds the next.",
     "A bad step taints every downstream agent.",
     {"aws", "on_prem", NULL},
     {CAT_NATIVE, CAT_UNSUPPORTED},
     {"bedrock", "docker", "zip", "github", NULL}},
    {"langgraph",
     NULL,
     "LangGraph",
     "langchain",
     "graph",
     "core",
     "state machine graph",
     "Industrial process \xe2\x80\x94 explicit state machine with gated branches.",
     "Higher design cost; every transition must be modeled.",
     ALL_HS,
     {CAT_NATIVE, CAT_NATIVE},
     ALL_EX},
    {"crewai",
     NULL,
     "CrewAI",
     "crewai",
     "pipeline",
     "core",
     "role-based crews",
     "Role-based crews \xe2\x80\x94 supervisor delegates to specialists.",
     "Linear hand-offs; limited self-correction.",
     ALL_HS,
     {CAT_NATIVE, CAT_ADAPTER},
     ALL_EX},
    {"watsonx_orchestrate",
     "wxo",
     "watsonx Orchestrate",
     "ibm",
     "pipeline",
     "core",
     "enterprise skills",
     "Enterprise skills \xe2\x80\x94 supervisor routes to typed skills.",
     "IBM cloud-centric; limited multi-vendor reach.",
     {"ibm", NULL},
     {CAT_NATIVE, CAT_UNSUPPORTED},
     {"watsonx", "docker", "github", NULL}},
    {"crewai_flow",
     "crewflow",
     "CrewAI Flow",
     "crewai",
     "graph",
     "beta",
     "event-driven flow",
     "Event-driven flow with named transitions.",
     "Newer API; fewer community recipes.",
     {"azure", "aws", "gcp", "on_prem", NULL},
     {CAT_NATIVE, CAT_ADAPTER},
     ALL_EX},
    {"react",
     NULL,
     "ReAct",
     "community",
     "brainstorm",
     "core",
     "reason + act loop",
     "Reason \xe2\x86\x92 Act \xe2\x86\x92 Observe loop.",
     "Loops may stall without explicit termination.",
     ALL_HS,
     {CAT_UNSUPPORTED, CAT_NATIVE},
     ALL_EX},
    {"llamaindex",
     "llamaidx",
     "LlamaIndex",
     "community",
     "graph",
     "beta",
     "data-centric agents",
     "Data-centric agents over RAG pipelines.",
     "Best for retrieval; limited multi-step tool use.",
     ALL_HS,
     {CAT_ADAPTER, CAT_NATIVE},
     ALL_EX},
};

static const struct cat_pattern patterns[] = {
    {"supervisor",
     "Supervisor",
     "\xe2\x8a\x95",
     "One supervisor coordinates multiple workers.",
     {"Receive the task from the user.", "Pick which specialised agent to call.",
      "Pass one agent's output as input to the next.", "Own the overall flow."},
     "The chief agent",
     "Direct, top-down",
     "low",
     "high",
     "low"},
    {"react",
     "ReAct",
     "\xe2\x97\x8e",
     "Reason \xe2\x86\x92 Act \xe2\x86\x92 Observe \xe2\x86\x92 Re-reason. "
     "Optionally over shared state.",
     {"Reason about the problem.", "Act (call a tool or another agent).", "Observe the result.",
      "Re-reason and decide the next step."},
     "State + each agent autonomously",
     "Via shared state (multi-agent)",
     "high",
     "low",
     "high"},
};

/* Prices in USD per 1M tokens. "list price (chosen)": the vendors' public list prices at the
 * time of writing, picked by us. "reference": upstream's watsonx provider estimate (0.003 /
 * 0.015 per 1K). "local": served by Ollama / OllaBridge, which upstream prices at 0. */
static const struct cat_model models[] = {
    {"gpt-5.1",
     "GPT-5.1",
     "openai",
     {"azure", NULL},
     "256k",
     "$$$",
     1.25,
     10.00,
     "list price (chosen)"},
    {"gpt-4o",
     "GPT-4o",
     "openai",
     {"azure", NULL},
     "128k",
     "$$",
     2.50,
     10.00,
     "list price (chosen)"},
    {"claude-opus-4",
     "Claude Opus 4",
     "anthropic",
     {"azure", "aws", "on_prem", NULL},
     "500k",
     "$$$",
     15.00,
     75.00,
     "list price (chosen)"},
    {"claude-haiku-4",
     "Claude Haiku 4",
     "anthropic",
     {"azure", "aws", "on_prem", NULL},
     "200k",
     "$",
     1.00,
     5.00,
     "list price (chosen)"},
    {"granite-3.1-70b",
     "Granite 3.1 70B",
     "watsonx",
     {"ibm", NULL},
     "128k",
     "$$",
     3.00,
     15.00,
     "reference"},
    {"llama-3.1-70b", "Llama 3.1 70B", "ollama", {"on_prem", NULL}, "128k", "$", 0.0, 0.0, "local"},
    {"qwen-2.5-1.5b",
     "Qwen 2.5 1.5B",
     "ollabridge",
     {"on_prem", NULL},
     "32k",
     "free",
     0.0,
     0.0,
     "local"},
};

static const struct cat_export exports[] = {
    {"azure-ai", "Azure AI Foundry", 1},
    {"bedrock", "AWS Bedrock", 1},
    {"docker", "Docker image", 1},
    {"hf", "Hugging Face Space", 1},
    {"zip", "ZIP archive", 0},
    {"github", "GitHub repository", 0},
    {"watsonx", "watsonx Orchestrate", 0},
};

/* The six built-in tools the engine generates code for (upstream-engine.md §6); ui_id and
 * category are the wizard's (compat-data.md §9.2). */
static const struct cat_tool tools[] = {
    {"web_search", "search", "web_search", "Search the web for information", "Web",
     CAT_PERM_NETWORK, 1, "requests", "SERP_API_KEY"},
    {"pdf_reader", "pdf", "pdf_reader", "Extract text from PDF files", "Files", CAT_PERM_READ, 1,
     "pypdf", ""},
    {"http_client", "http", "http_client", "Make HTTP API requests", "Web", CAT_PERM_NETWORK, 0,
     "requests", "HTTP_BASE_URL"},
    {"sql_query", "sql", "sql_query", "Query SQL databases (SELECT only)", "Data", CAT_PERM_READ, 1,
     "sqlalchemy", "DATABASE_URL"},
    {"file_writer", "fs", "file_writer", "Write content to files in the output folder", "Files",
     CAT_PERM_WRITE, 0, "", "OUTPUT_DIR"},
    {"vector_search", "vector", "vector_search", "Semantic vector search", "Data", CAT_PERM_READ, 1,
     "chromadb", "VECTOR_COLLECTION"},
};

#define TABLE_FN(fn, type, table)                                                                  \
    const type *fn(size_t *n)                                                                      \
    {                                                                                              \
        *n = AG_NELEM(table);                                                                      \
        return table;                                                                              \
    }

TABLE_FN(catalog_vendors, struct cat_vendor, vendors)
TABLE_FN(catalog_hyperscalers, struct cat_hyperscaler, hyperscalers)
TABLE_FN(catalog_philosophies, struct cat_philosophy, philosophies)
TABLE_FN(catalog_frameworks, struct cat_framework, frameworks)
TABLE_FN(catalog_patterns, struct cat_pattern, patterns)
TABLE_FN(catalog_models, struct cat_model, models)
TABLE_FN(catalog_exports, struct cat_export, exports)
TABLE_FN(catalog_tools, struct cat_tool, tools)

/* Each table starts with a const char *id, so one linear search serves them all. */
#define FIND(table, key)                                                                           \
    do {                                                                                           \
        if (!(key)) {                                                                              \
            return NULL;                                                                           \
        }                                                                                          \
        for (size_t i_ = 0; i_ < AG_NELEM(table); i_++) {                                          \
            if (strcmp((table)[i_].id, (key)) == 0) {                                              \
                return &(table)[i_];                                                               \
            }                                                                                      \
        }                                                                                          \
        return NULL;                                                                               \
    } while (0)

const struct cat_vendor *
catalog_vendor(const char *id)
{
    FIND(vendors, id);
}

const struct cat_hyperscaler *
catalog_hyperscaler(const char *id)
{
    FIND(hyperscalers, id);
}

const struct cat_pattern *
catalog_pattern(const char *id)
{
    FIND(patterns, id);
}

const struct cat_model *
catalog_model(const char *id)
{
    FIND(models, id);
}

const struct cat_export *
catalog_export(const char *id)
{
    FIND(exports, id);
}

const struct cat_framework *
catalog_framework(const char *id)
{
    if (!id) {
        return NULL;
    }
    for (size_t i = 0; i < AG_NELEM(frameworks); i++) {
        const struct cat_framework *fw = &frameworks[i];
        if (strcmp(fw->id, id) == 0 || (fw->alias && strcmp(fw->alias, id) == 0)) {
            return fw;
        }
    }
    return NULL;
}

const struct cat_tool *
catalog_tool(const char *id)
{
    if (!id) {
        return NULL;
    }
    for (size_t i = 0; i < AG_NELEM(tools); i++) {
        if (strcmp(tools[i].id, id) == 0 || strcmp(tools[i].ui_id, id) == 0) {
            return &tools[i];
        }
    }
    return NULL;
}

int
catalog_pattern_index(const char *id)
{
    const struct cat_pattern *p = catalog_pattern(id);
    return p ? (int)(p - patterns) : -1;
}

static int
in_list(const char *const *list, const char *id)
{
    if (!id) {
        return 0;
    }
    for (int i = 0; i < CAT_MAX_LIST && list[i]; i++) {
        if (strcmp(list[i], id) == 0 || strcmp(list[i], "*") == 0) {
            return 1;
        }
    }
    return 0;
}

enum cat_support
catalog_support(const struct cat_framework *fw, const char *pattern_id)
{
    int i = catalog_pattern_index(pattern_id);
    return (fw && i >= 0) ? fw->support[i] : CAT_UNSUPPORTED;
}

int
catalog_framework_native(const struct cat_framework *fw, const char *hyperscaler_id)
{
    return fw && in_list(fw->hyperscalers, hyperscaler_id);
}

int
catalog_model_native(const struct cat_model *m, const char *hyperscaler_id)
{
    return m && in_list(m->hyperscalers, hyperscaler_id);
}

int
catalog_export_allowed(const struct cat_framework *fw, const char *export_id)
{
    return fw && in_list(fw->exports, export_id);
}

const char *
catalog_default_model(const struct cat_framework *fw, const char *hyperscaler_id)
{
    const struct cat_hyperscaler *hs = catalog_hyperscaler(hyperscaler_id);
    if (hs) {
        return hs->default_model;
    }
    const struct cat_vendor *v = fw ? catalog_vendor(fw->vendor) : NULL;
    return v ? v->default_model : "claude-opus-4";
}

int
catalog_default_pattern(const struct cat_framework *fw)
{
    for (int i = 0; i < (int)AG_NELEM(patterns); i++) {
        if (fw && fw->support[i] != CAT_UNSUPPORTED) {
            return i;
        }
    }
    return 0;
}

const char *
catalog_support_name(enum cat_support s)
{
    switch (s) {
    case CAT_NATIVE:
        return "native";
    case CAT_ADAPTER:
        return "adapter";
    case CAT_UNSUPPORTED:
        break;
    }
    return "unsupported";
}

const char *
catalog_permission_name(enum cat_permission p)
{
    switch (p) {
    case CAT_PERM_WRITE:
        return "write";
    case CAT_PERM_NETWORK:
        return "network";
    case CAT_PERM_READ:
        break;
    }
    return "read";
}

/* ---- JSON for GET /api/compatibility ---------------------------------------------------- */

/* Builders OR their results together: every failure below is an allocation failure, so any
 * non-zero result is reported as AG_ENOMEM by the caller. */
static int add_list(struct json_object *o, const char *key, const char *const *list);
static int push(struct json_object *arr, struct json_object *o, int rc);
static int framework_json(const struct cat_framework *fw, struct json_object **out);
static int pattern_json(const struct cat_pattern *p, struct json_object **out);
static int model_json(const struct cat_model *m, struct json_object **out);
static int tool_json(const struct cat_tool *t, struct json_object **out);
static int strings_json(const char *const *kv, size_t n, struct json_object **out);
static int simple_tables_json(struct json_object *root);
static int record_tables_json(struct json_object *root);
static int relations_json(struct json_object *root);

static int
add_list(struct json_object *o, const char *key, const char *const *list)
{
    struct json_object *a = json_object_new_array();
    if (!a) {
        return AG_ENOMEM;
    }
    for (int i = 0; i < CAT_MAX_LIST && list[i]; i++) {
        struct json_object *s = json_object_new_string(list[i]);
        if (!s || json_object_array_add(a, s) != 0) {
            json_object_put(s);
            json_object_put(a);
            return AG_ENOMEM;
        }
    }
    return jsn_add(o, key, a);
}

/* push appends o (if the build of o succeeded) and takes ownership in every case. */
static int
push(struct json_object *arr, struct json_object *o, int rc)
{
    if (rc != 0 || !o || json_object_array_add(arr, o) != 0) {
        json_object_put(o);
        return AG_ENOMEM;
    }
    return 0;
}

static int
framework_json(const struct cat_framework *fw, struct json_object **out)
{
    struct json_object *o = json_object_new_object();
    struct json_object *pat = json_object_new_object();
    const struct cat_vendor *v = catalog_vendor(fw->vendor);
    int rc = (o && pat) ? 0 : AG_ENOMEM;
    if (rc == 0) {
        rc |= jsn_add_str(pat, "summary", fw->summary);
        rc |= jsn_add_str(pat, "risk", fw->risk);
        rc |= jsn_add_str(pat, "glyph", fw->philosophy);
        rc |= jsn_add_str(o, "id", fw->id);
        rc |= jsn_add_str(o, "alias", fw->alias);
        rc |= jsn_add_str(o, "name", fw->name);
        rc |= jsn_add_str(o, "vendor", fw->vendor);
        rc |= jsn_add_str(o, "vendor_label", v ? v->label : fw->vendor);
        rc |= jsn_add_str(o, "philosophy", fw->philosophy);
        rc |= jsn_add(o, "pattern", pat);
        pat = NULL;
        rc |= add_list(o, "hyperscalers", fw->hyperscalers);
        rc |= jsn_add_str(o, "stage", fw->stage);
        rc |= jsn_add_str(o, "tag", fw->tag);
        rc |= jsn_add_str(o, "default_model", v ? v->default_model : NULL);
        rc |= jsn_add_str(o, "default_pattern", patterns[catalog_default_pattern(fw)].id);
    }
    json_object_put(pat);
    *out = o;
    return rc;
}

static int
pattern_json(const struct cat_pattern *p, struct json_object **out)
{
    struct json_object *o = json_object_new_object();
    struct json_object *axes = json_object_new_object();
    int rc = (o && axes) ? 0 : AG_ENOMEM;
    if (rc == 0) {
        rc |= jsn_add_str(o, "id", p->id);
        rc |= jsn_add_str(o, "label", p->label);
        rc |= jsn_add_str(o, "glyph", p->glyph);
        rc |= jsn_add_str(o, "blurb", p->blurb);
        const char *steps[5] = {p->steps[0], p->steps[1], p->steps[2], p->steps[3], NULL};
        rc |= add_list(o, "steps", steps);
        rc |= jsn_add_str(axes, "flow", p->flow);
        rc |= jsn_add_str(axes, "communication", p->communication);
        rc |= jsn_add_str(axes, "flexibility", p->flexibility);
        rc |= jsn_add_str(axes, "predictability", p->predictability);
        rc |= jsn_add_str(axes, "cost", p->cost);
        rc |= jsn_add(o, "axes", axes);
        axes = NULL;
    }
    json_object_put(axes);
    *out = o;
    return rc;
}

static int
model_json(const struct cat_model *m, struct json_object **out)
{
    struct json_object *o = json_object_new_object();
    struct json_object *price = json_object_new_object();
    int rc = (o && price) ? 0 : AG_ENOMEM;
    if (rc == 0) {
        rc |= jsn_add_str(o, "id", m->id);
        rc |= jsn_add_str(o, "label", m->label);
        rc |= jsn_add_str(o, "provider", m->provider);
        rc |= add_list(o, "hyperscalers", m->hyperscalers);
        rc |= jsn_add_str(o, "contextWindow", m->context_window);
        rc |= jsn_add_str(o, "cost", m->cost);
        rc |= jsn_add(price, "usd_in_per_mtok", json_object_new_double(m->usd_in_per_mtok));
        rc |= jsn_add(price, "usd_out_per_mtok", json_object_new_double(m->usd_out_per_mtok));
        rc |= jsn_add_str(price, "source", m->price_source);
        rc |= jsn_add(o, "price", price);
        price = NULL;
    }
    json_object_put(price);
    *out = o;
    return rc;
}

static int
tool_json(const struct cat_tool *t, struct json_object **out)
{
    struct json_object *o = json_object_new_object();
    int rc = o ? 0 : AG_ENOMEM;
    if (rc == 0) {
        rc |= jsn_add_str(o, "id", t->id);
        rc |= jsn_add_str(o, "ui_id", t->ui_id);
        rc |= jsn_add_str(o, "name", t->name);
        rc |= jsn_add_str(o, "description", t->description);
        rc |= jsn_add_str(o, "category", t->category);
        rc |= jsn_add_str(o, "permission", catalog_permission_name(t->permission));
        rc |= jsn_add_bool(o, "read_only", t->read_only);
    }
    *out = o;
    return rc;
}

/* strings_json builds one flat record from n key/value pairs (kv[2i], kv[2i+1]). */
static int
strings_json(const char *const *kv, size_t n, struct json_object **out)
{
    struct json_object *o = json_object_new_object();
    int rc = o ? 0 : AG_ENOMEM;
    for (size_t i = 0; o && i < n; i++) {
        rc |= jsn_add_str(o, kv[2 * i], kv[2 * i + 1]);
    }
    *out = o;
    return rc;
}

static int
simple_tables_json(struct json_object *root)
{
    struct json_object *hs = json_object_new_array();
    struct json_object *vs = json_object_new_object();
    struct json_object *ph = json_object_new_array();
    struct json_object *ex = json_object_new_array();
    struct json_object *o = NULL;
    int rc = 0;
    for (size_t i = 0; hs && i < AG_NELEM(hyperscalers); i++) {
        const struct cat_hyperscaler *h = &hyperscalers[i];
        const char *kv[] = {"id",     h->id,          "label",         h->label,
                            "short",  h->short_label, "brand",         h->brand,
                            "vendor", h->vendor,      "default_model", h->default_model};
        int r = strings_json(kv, AG_NELEM(kv) / 2, &o);
        rc |= push(hs, o, r);
    }
    for (size_t i = 0; vs && i < AG_NELEM(vendors); i++) {
        rc |= jsn_add_str(vs, vendors[i].id, vendors[i].label);
    }
    for (size_t i = 0; ph && i < AG_NELEM(philosophies); i++) {
        const struct cat_philosophy *p = &philosophies[i];
        const char *kv[] = {"id", p->id, "label", p->label, "blurb", p->blurb};
        int r = strings_json(kv, AG_NELEM(kv) / 2, &o);
        rc |= push(ph, o, r);
    }
    for (size_t i = 0; ex && i < AG_NELEM(exports); i++) {
        const char *kv[] = {"id", exports[i].id, "label", exports[i].label};
        int r = strings_json(kv, AG_NELEM(kv) / 2, &o);
        if (o) {
            r |= jsn_add_bool(o, "diagnosed", exports[i].diagnosed);
        }
        rc |= push(ex, o, r);
    }
    rc |= hs ? jsn_add(root, "hyperscalers", hs) : AG_ENOMEM;
    rc |= vs ? jsn_add(root, "vendors", vs) : AG_ENOMEM;
    rc |= ph ? jsn_add(root, "philosophies", ph) : AG_ENOMEM;
    rc |= ex ? jsn_add(root, "export_targets", ex) : AG_ENOMEM;
    return rc;
}

static int
record_tables_json(struct json_object *root)
{
    struct json_object *fws = json_object_new_array();
    struct json_object *pts = json_object_new_array();
    struct json_object *mds = json_object_new_array();
    struct json_object *tls = json_object_new_array();
    struct json_object *o = NULL;
    int rc = 0;
    for (size_t i = 0; fws && i < AG_NELEM(frameworks); i++) {
        int r = framework_json(&frameworks[i], &o);
        rc |= push(fws, o, r);
    }
    for (size_t i = 0; pts && i < AG_NELEM(patterns); i++) {
        int r = pattern_json(&patterns[i], &o);
        rc |= push(pts, o, r);
    }
    for (size_t i = 0; mds && i < AG_NELEM(models); i++) {
        int r = model_json(&models[i], &o);
        rc |= push(mds, o, r);
    }
    for (size_t i = 0; tls && i < AG_NELEM(tools); i++) {
        int r = tool_json(&tools[i], &o);
        rc |= push(tls, o, r);
    }
    rc |= fws ? jsn_add(root, "frameworks", fws) : AG_ENOMEM;
    rc |= pts ? jsn_add(root, "orchestration_patterns", pts) : AG_ENOMEM;
    rc |= mds ? jsn_add(root, "models", mds) : AG_ENOMEM;
    rc |= tls ? jsn_add(root, "tools", tls) : AG_ENOMEM;
    return rc;
}

static int
relations_json(struct json_object *root)
{
    struct json_object *ebf = json_object_new_object();
    struct json_object *pbf = json_object_new_object();
    int rc = (ebf && pbf) ? 0 : AG_ENOMEM;
    for (size_t i = 0; rc == 0 && i < AG_NELEM(frameworks); i++) {
        const struct cat_framework *fw = &frameworks[i];
        if (strcmp(fw->exports[0], "*") == 0) {
            rc |= jsn_add_str(ebf, fw->id, "*");
        } else {
            rc |= add_list(ebf, fw->id, fw->exports);
        }
        struct json_object *s = json_object_new_object();
        int r = s ? 0 : AG_ENOMEM;
        for (size_t p = 0; s && p < AG_NELEM(patterns); p++) {
            r |= jsn_add_str(s, patterns[p].id, catalog_support_name(fw->support[p]));
        }
        if (r != 0) {
            json_object_put(s);
            rc |= r;
        } else {
            rc |= jsn_add(pbf, fw->id, s);
        }
    }
    rc |= ebf ? jsn_add(root, "export_by_framework", ebf) : AG_ENOMEM;
    rc |= pbf ? jsn_add(root, "pattern_by_framework", pbf) : AG_ENOMEM;
    return rc;
}

int
catalog_to_json(struct json_object **out)
{
    struct json_object *root = json_object_new_object();
    *out = NULL;
    if (!root) {
        return AG_ENOMEM;
    }
    int rc = simple_tables_json(root);
    rc |= record_tables_json(root);
    rc |= relations_json(root);
    if (rc != 0) {
        json_object_put(root);
        return AG_ENOMEM;
    }
    *out = root;
    return 0;
}
