/* SPDX-License-Identifier: MIT */
/* spec.c - the spec's one JSON schema: spec_to_json writes it, spec_from_json checks all of it
 * (types, unknown keys, id syntax, string lengths and UTF-8, catalogue ids, references, limits,
 * dependencies that point only backwards, hence acyclic) before it fills a struct spec.
 * Also the id/slug/UTF-8 rules the planner shares. Free text is kept as bytes: renderers escape. */
#include "spec.h"

#include <stdlib.h>
#include <string.h>

#include "../core/jsn.h"
#include "catalog.h"

#define SPEC_VERSION 1

static const char *const python_keywords[] = {
    "and",    "as",   "assert", "async",  "await",    "break", "class", "continue", "def",
    "del",    "elif", "else",   "except", "finally",  "for",   "from",  "global",   "if",
    "import", "in",   "is",     "lambda", "nonlocal", "not",   "or",    "pass",     "raise",
    "return", "try",  "while",  "with",   "yield",    NULL};

/* Names the generated code defines or imports at module level; an agent or task id equal to one
 * would shadow it. */
static const char *const reserved_ids[] = {
    "main",   "self",  "cls",   "state", "graph",  "crew",     "flow",   "llm",
    "agents", "tasks", "tools", "app",   "config", "settings", "logger", "logging",
    "os",     "sys",   "json",  "re",    "typing", "yaml",     "print",  "str",
    "int",    "list",  "dict",  "any",   "type",   "object",   "input",  "result",
    "start",  "end",   "tool",  "agent", "task",   NULL};

/* Modules a generated project may import: the package (slug) must not shadow them. */
static const char *const reserved_slugs[] = {"crewai",
                                             "crewai_tools",
                                             "langgraph",
                                             "langchain",
                                             "langchain_core",
                                             "langchain_openai",
                                             "autogen",
                                             "autogen_agentchat",
                                             "autogen_core",
                                             "autogen_ext",
                                             "strands",
                                             "strands_tools",
                                             "llama_index",
                                             "ibm_watsonx_orchestrate",
                                             "pydantic",
                                             "requests",
                                             "sqlalchemy",
                                             "chromadb",
                                             "pypdf",
                                             "pytest",
                                             "dotenv",
                                             "openai",
                                             "httpx",
                                             "anthropic",
                                             "abc",
                                             "ast",
                                             "asyncio",
                                             "collections",
                                             "copy",
                                             "csv",
                                             "dataclasses",
                                             "datetime",
                                             "email",
                                             "enum",
                                             "functools",
                                             "html",
                                             "http",
                                             "inspect",
                                             "io",
                                             "math",
                                             "operator",
                                             "pathlib",
                                             "queue",
                                             "random",
                                             "secrets",
                                             "select",
                                             "signal",
                                             "site",
                                             "socket",
                                             "sqlite3",
                                             "ssl",
                                             "string",
                                             "subprocess",
                                             "test",
                                             "tests",
                                             "time",
                                             "types",
                                             "unittest",
                                             "urllib",
                                             "uuid",
                                             "xml",
                                             "code",
                                             "src",
                                             NULL};

static int in_words(const char *const *list, const char *s);
static int dup_text(struct json_object *o, const char *key, int required, size_t max, char **dst);
static int keys_ok(struct json_object *o, const char *const *allowed);
static int parse_top(struct json_object *o, struct spec *s, const char **why);
static int parse_tools(struct json_object *o, struct spec *s, const char **why);
static int parse_agent(struct json_object *o, struct spec *s, struct spec_agent *a,
                       const char **why);
static int parse_agents(struct json_object *o, struct spec *s, const char **why);
static int parse_task(struct json_object *o, const struct spec *s, struct spec_task *t,
                      const char **why);
static int parse_deps(struct json_object *tasks, struct spec *s, const char **why);
static int has_cycle(const struct spec *s);
static int ids_unique(const struct spec *s);
static struct json_object *array_of(struct json_object *o, const char *key, int required,
                                    size_t min, size_t max, int *rc);

/* ---- shared rules --------------------------------------------------------------------- */

static int
in_words(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++) {
        if (strcmp(list[i], s) == 0) {
            return 1;
        }
    }
    return 0;
}

int
spec_id_ok(const char *id)
{
    size_t len = id ? strlen(id) : 0;
    if (len == 0 || len > SPEC_ID_MAX || id[0] < 'a' || id[0] > 'z') {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return 0;
        }
    }
    return !in_words(python_keywords, id) && !in_words(reserved_ids, id);
}

int
spec_slug_ok(const char *slug)
{
    return slug && spec_id_ok(slug) && !in_words(reserved_slugs, slug);
}

int
spec_utf8_ok(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = p[i];
        size_t n = c < 0x80             ? 1
                   : (c & 0xe0) == 0xc0 ? 2
                   : (c & 0xf0) == 0xe0 ? 3
                   : (c & 0xf8) == 0xf0 ? 4
                                        : 0;
        if (c == 0 || n == 0 || i + n > len) {
            return 0;
        }
        unsigned long cp = n == 1 ? c : n == 2 ? (c & 0x1f) : n == 3 ? (c & 0x0f) : (c & 0x07);
        for (size_t k = 1; k < n; k++) {
            if ((p[i + k] & 0xc0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (p[i + k] & 0x3f);
        }
        static const unsigned long min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return 0;
        }
        i += n;
    }
    return 1;
}

size_t
spec_utf8_clip(const char *s, size_t len, size_t max)
{
    if (len <= max) {
        return len;
    }
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80) {
        n--; /* s[n] continues a character: cut before that character */
    }
    return n;
}

/* ---- freeing and writing --------------------------------------------------------------- */

void
spec_free(struct spec *s)
{
    if (!s) {
        return;
    }
    char **top[] = {&s->name,        &s->slug,  &s->description, &s->framework,
                    &s->hyperscaler, &s->model, &s->permission};
    for (size_t i = 0; i < AG_NELEM(top); i++) {
        free(*top[i]);
    }
    for (int i = 0; i < s->n_agents && i < SPEC_MAX_AGENTS; i++) {
        struct spec_agent *a = &s->agents[i];
        free(a->id);
        free(a->role);
        free(a->goal);
        free(a->backstory);
        free(a->model);
    }
    for (int i = 0; i < s->n_tasks && i < SPEC_MAX_TASKS; i++) {
        free(s->tasks[i].id);
        free(s->tasks[i].description);
        free(s->tasks[i].expected_output);
    }
    for (int i = 0; i < s->n_tools && i < SPEC_MAX_TOOLS; i++) {
        free(s->tools[i].id);
    }
    memset(s, 0, sizeof *s);
}

static int agent_to_json(const struct spec *s, const struct spec_agent *a,
                         struct json_object **out);
static int task_to_json(const struct spec *s, const struct spec_task *t, struct json_object **out);
static int push_str(struct json_object *arr, const char *v);
static int push_obj(struct json_object *arr, struct json_object *o, int rc);

/* push_obj appends o when its build (rc) succeeded; it owns o in every case. */
static int
push_obj(struct json_object *arr, struct json_object *o, int rc)
{
    if (rc != 0 || !o || json_object_array_add(arr, o) != 0) {
        json_object_put(o);
        return AG_ENOMEM;
    }
    return 0;
}

static int
push_str(struct json_object *arr, const char *v)
{
    struct json_object *j = json_object_new_string(v);
    if (!j || json_object_array_add(arr, j) != 0) {
        json_object_put(j);
        return AG_ENOMEM;
    }
    return 0;
}

static int
agent_to_json(const struct spec *s, const struct spec_agent *a, struct json_object **out)
{
    struct json_object *o = json_object_new_object();
    struct json_object *tl = json_object_new_array();
    int rc = (o && tl) ? 0 : AG_ENOMEM;
    for (int i = 0; rc == 0 && i < a->n_tools; i++) {
        rc = push_str(tl, s->tools[a->tools[i]].id);
    }
    if (rc == 0) {
        rc |= jsn_add_str(o, "id", a->id);
        rc |= jsn_add_str(o, "role", a->role);
        rc |= jsn_add_str(o, "goal", a->goal);
        rc |= jsn_add_str(o, "backstory", a->backstory ? a->backstory : "");
        rc |= jsn_add_str(o, "model", a->model);
        rc |= jsn_add(o, "tools", tl);
        tl = NULL;
    }
    json_object_put(tl);
    *out = o;
    return rc ? AG_ENOMEM : 0;
}

static int
task_to_json(const struct spec *s, const struct spec_task *t, struct json_object **out)
{
    struct json_object *o = json_object_new_object();
    struct json_object *dl = json_object_new_array();
    int rc = (o && dl) ? 0 : AG_ENOMEM;
    for (int i = 0; rc == 0 && i < t->n_deps; i++) {
        rc = push_str(dl, s->tasks[t->deps[i]].id);
    }
    if (rc == 0) {
        rc |= jsn_add_str(o, "id", t->id);
        rc |= jsn_add_str(o, "description", t->description);
        rc |= jsn_add_str(o, "expected_output", t->expected_output);
        rc |= jsn_add_str(o, "agent", s->agents[t->agent].id);
        rc |= jsn_add(o, "depends_on", dl);
        dl = NULL;
    }
    json_object_put(dl);
    *out = o;
    return rc ? AG_ENOMEM : 0;
}

/* Key order is part of the format (json-c keeps insertion order): same spec, same bytes. */
int
spec_to_json(const struct spec *s, struct json_object **out)
{
    struct json_object *o = json_object_new_object();
    struct json_object *tl = json_object_new_array();
    struct json_object *al = json_object_new_array();
    struct json_object *kl = json_object_new_array();
    struct json_object *item = NULL;
    int rc = (o && tl && al && kl) ? 0 : AG_ENOMEM;
    *out = NULL;
    for (int i = 0; rc == 0 && i < s->n_tools; i++) {
        item = json_object_new_object();
        rc = push_obj(tl, item, item ? jsn_add_str(item, "id", s->tools[i].id) : AG_ENOMEM);
    }
    for (int i = 0; rc == 0 && i < s->n_agents; i++) {
        rc = agent_to_json(s, &s->agents[i], &item);
        rc = push_obj(al, item, rc);
    }
    for (int i = 0; rc == 0 && i < s->n_tasks; i++) {
        rc = task_to_json(s, &s->tasks[i], &item);
        rc = push_obj(kl, item, rc);
    }
    if (rc == 0) {
        rc |= jsn_add_int(o, "spec_version", SPEC_VERSION);
        rc |= jsn_add_str(o, "name", s->name);
        rc |= jsn_add_str(o, "slug", s->slug);
        rc |= jsn_add_str(o, "description", s->description);
        rc |= jsn_add_str(o, "framework", s->framework);
        rc |= jsn_add_str(o, "hyperscaler", s->hyperscaler);
        rc |= jsn_add_str(o, "model", s->model);
        rc |= jsn_add_str(o, "pattern", s->pattern == SPEC_REACT ? "react" : "supervisor");
        rc |= jsn_add_bool(o, "memory", s->memory);
        rc |= jsn_add_str(o, "permission", s->permission ? s->permission : "safe");
        rc |= jsn_add(o, "tools", tl);
        rc |= jsn_add(o, "agents", al);
        rc |= jsn_add(o, "tasks", kl);
        tl = al = kl = NULL;
    }
    json_object_put(tl);
    json_object_put(al);
    json_object_put(kl);
    if (rc != 0) {
        json_object_put(o);
        return AG_ENOMEM;
    }
    *out = o;
    return 0;
}

/* ---- reading ------------------------------------------------------------------------------ */

#define FAIL(msg)                                                                                  \
    do {                                                                                           \
        *why = (msg);                                                                              \
        return AG_EINVAL;                                                                          \
    } while (0)

/* dup_text copies a string member (valid UTF-8, no NUL, <= max bytes; required ones non-empty).
 * Absent optional members leave *dst NULL. AG_EINVAL or AG_ENOMEM. */
static int
dup_text(struct json_object *o, const char *key, int required, size_t max, char **dst)
{
    const char *v = NULL;
    if (jsn_str(o, key, required, max, &v) != 0) {
        return AG_EINVAL;
    }
    if (!v) {
        return 0;
    }
    if (!spec_utf8_ok(v, strlen(v))) {
        return AG_EINVAL;
    }
    *dst = strdup(v);
    return *dst ? 0 : AG_ENOMEM;
}

static int
keys_ok(struct json_object *o, const char *const *allowed)
{
    if (!json_object_is_type(o, json_type_object)) {
        return 0;
    }
    json_object_object_foreach(o, key, val)
    {
        (void)val;
        if (!in_words(allowed, key)) {
            return 0;
        }
    }
    return 1;
}

/* array_of returns the member array (borrowed) with min..max items; NULL with *rc set when it
 * is missing (and required), not an array, or has a bad length. */
static struct json_object *
array_of(struct json_object *o, const char *key, int required, size_t min, size_t max, int *rc)
{
    struct json_object *v = NULL;
    *rc = 0;
    if (!json_object_object_get_ex(o, key, &v) || json_object_is_type(v, json_type_null)) {
        *rc = required ? AG_EINVAL : 0;
        return NULL;
    }
    size_t n = json_object_is_type(v, json_type_array) ? json_object_array_length(v) : 0;
    if (!json_object_is_type(v, json_type_array) || n < min || n > max) {
        *rc = AG_EINVAL;
        return NULL;
    }
    return v;
}

static int
parse_top(struct json_object *o, struct spec *s, const char **why)
{
    static const char *const keys[] = {
        "spec_version", "name",   "slug",       "description", "framework", "hyperscaler", "model",
        "pattern",      "memory", "permission", "tools",       "agents",    "tasks",       NULL};
    long long version = SPEC_VERSION;
    const char *fw = NULL, *hs = NULL, *model = NULL, *pattern = NULL, *perm = NULL;
    if (!keys_ok(o, keys)) {
        FAIL("spec must be an object with only the documented keys");
    }
    if (jsn_int(o, "spec_version", 0, SPEC_VERSION, SPEC_VERSION, &version) != 0) {
        FAIL("spec_version must be 1");
    }
    int rc = dup_text(o, "name", 1, SPEC_NAME_MAX, &s->name);
    if (rc != 0) {
        *why = "name: required text of at most 120 bytes";
        return rc;
    }
    rc = dup_text(o, "slug", 1, SPEC_ID_MAX, &s->slug);
    if (rc != 0 || !spec_slug_ok(s->slug)) {
        *why = "slug: ^[a-z][a-z0-9_]*$, at most 40 bytes, not a keyword or module name";
        return rc ? rc : AG_EINVAL;
    }
    rc = dup_text(o, "description", 1, SPEC_IDEA_MAX, &s->description);
    if (rc != 0) {
        *why = "description: required text of at most 10240 bytes";
        return rc;
    }
    if (jsn_str(o, "framework", 1, SPEC_ID_MAX, &fw) != 0 || !catalog_framework(fw)) {
        FAIL("framework: not a catalogue framework id");
    }
    if (jsn_str(o, "hyperscaler", 0, SPEC_ID_MAX, &hs) != 0 || (hs && !catalog_hyperscaler(hs))) {
        FAIL("hyperscaler: not a catalogue hyperscaler id");
    }
    if (jsn_str(o, "model", 1, SPEC_ID_MAX, &model) != 0 || !catalog_model(model)) {
        FAIL("model: not a catalogue model id");
    }
    if (jsn_str(o, "pattern", 0, SPEC_ID_MAX, &pattern) != 0 ||
        (pattern && catalog_pattern_index(pattern) < 0)) {
        FAIL("pattern: supervisor or react");
    }
    if (jsn_bool(o, "memory", 0, &s->memory) != 0) {
        FAIL("memory: must be a boolean");
    }
    if (jsn_str(o, "permission", 0, 8, &perm) != 0 ||
        (perm && strcmp(perm, "safe") && strcmp(perm, "ask") && strcmp(perm, "dev"))) {
        FAIL("permission: safe, ask or dev");
    }
    const struct cat_framework *f = catalog_framework(fw);
    s->pattern =
        (enum spec_pattern)(pattern ? catalog_pattern_index(pattern) : catalog_default_pattern(f));
    s->framework = strdup(f->id); /* aliases are stored as the canonical id */
    s->hyperscaler = hs ? strdup(hs) : NULL;
    s->model = strdup(model);
    s->permission = strdup(perm ? perm : "safe");
    if (!s->framework || (hs && !s->hyperscaler) || !s->model || !s->permission) {
        return AG_ENOMEM;
    }
    return 0;
}

static int
parse_tools(struct json_object *o, struct spec *s, const char **why)
{
    static const char *const keys[] = {"id", NULL};
    int rc = 0;
    struct json_object *arr = array_of(o, "tools", 0, 0, SPEC_MAX_TOOLS, &rc);
    if (rc != 0) {
        FAIL("tools: an array of at most 12 {\"id\"} objects");
    }
    size_t n = arr ? json_object_array_length(arr) : 0;
    for (size_t i = 0; i < n; i++) {
        struct json_object *t = json_object_array_get_idx(arr, i);
        const char *id = NULL;
        if (!keys_ok(t, keys) || jsn_str(t, "id", 1, SPEC_ID_MAX, &id) != 0) {
            FAIL("tools[]: each tool is {\"id\": \"<catalogue tool id>\"}");
        }
        const struct cat_tool *ct = catalog_tool(id);
        if (!ct || strcmp(ct->id, id) != 0) {
            FAIL("tools[].id: not a catalogue tool id");
        }
        for (int k = 0; k < s->n_tools; k++) {
            if (strcmp(s->tools[k].id, id) == 0) {
                FAIL("tools: duplicate tool id");
            }
        }
        s->tools[s->n_tools].id = strdup(id);
        if (!s->tools[s->n_tools].id) {
            return AG_ENOMEM;
        }
        s->n_tools++;
    }
    return 0;
}

static int
parse_agent(struct json_object *o, struct spec *s, struct spec_agent *a, const char **why)
{
    static const char *const keys[] = {"id", "role", "goal", "backstory", "model", "tools", NULL};
    if (!keys_ok(o, keys)) {
        FAIL("agents[]: an object with id, role, goal, backstory, model, tools");
    }
    int rc = dup_text(o, "id", 1, SPEC_ID_MAX, &a->id);
    if (rc != 0 || !spec_id_ok(a->id)) {
        *why = "agents[].id: ^[a-z][a-z0-9_]*$, at most 40 bytes, not a keyword or reserved name";
        return rc ? rc : AG_EINVAL;
    }
    if ((rc = dup_text(o, "role", 1, SPEC_NAME_MAX, &a->role)) != 0 ||
        (rc = dup_text(o, "goal", 1, SPEC_TEXT_MAX, &a->goal)) != 0 ||
        (rc = dup_text(o, "backstory", 0, SPEC_TEXT_MAX, &a->backstory)) != 0) {
        *why = "agents[]: role (<= 120 bytes), goal and backstory (<= 2000) must be UTF-8 text";
        return rc;
    }
    if ((rc = dup_text(o, "model", 0, SPEC_ID_MAX, &a->model)) != 0 ||
        (a->model && !catalog_model(a->model))) {
        *why = "agents[].model: null or a catalogue model id";
        return rc ? rc : AG_EINVAL;
    }
    struct json_object *tl = array_of(o, "tools", 0, 0, SPEC_MAX_TOOLS, &rc);
    size_t n = tl ? json_object_array_length(tl) : 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        struct json_object *v = json_object_array_get_idx(tl, i);
        const char *id = json_object_is_type(v, json_type_string) ? json_object_get_string(v) : "";
        int found = -1;
        for (int k = 0; k < s->n_tools; k++) {
            found = strcmp(s->tools[k].id, id) == 0 ? k : found;
        }
        for (int k = 0; found >= 0 && k < a->n_tools; k++) {
            found = a->tools[k] == found ? -1 : found;
        }
        if (found < 0) {
            rc = AG_EINVAL;
            break;
        }
        a->tools[a->n_tools++] = found;
    }
    if (rc != 0) {
        FAIL("agents[].tools: distinct ids of the spec's tools");
    }
    return 0;
}

static int
parse_agents(struct json_object *o, struct spec *s, const char **why)
{
    int rc = 0;
    struct json_object *arr = array_of(o, "agents", 1, 1, SPEC_MAX_AGENTS, &rc);
    if (rc != 0) {
        FAIL("agents: an array of 1 to 6 agents");
    }
    size_t n = json_object_array_length(arr);
    for (size_t i = 0; i < n; i++) {
        /* Count the slot first so that spec_free releases a half-parsed agent. */
        struct spec_agent *a = &s->agents[s->n_agents++];
        rc = parse_agent(json_object_array_get_idx(arr, i), s, a, why);
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

static int
parse_task(struct json_object *o, const struct spec *s, struct spec_task *t, const char **why)
{
    static const char *const keys[] = {"id",    "description", "expected_output",
                                       "agent", "depends_on",  NULL};
    const char *agent = NULL;
    if (!keys_ok(o, keys)) {
        FAIL("tasks[]: an object with id, description, expected_output, agent, depends_on");
    }
    int rc = dup_text(o, "id", 1, SPEC_ID_MAX, &t->id);
    if (rc != 0 || !spec_id_ok(t->id)) {
        *why = "tasks[].id: ^[a-z][a-z0-9_]*$, at most 40 bytes, not a keyword or reserved name";
        return rc ? rc : AG_EINVAL;
    }
    if ((rc = dup_text(o, "description", 1, SPEC_TEXT_MAX, &t->description)) != 0 ||
        (rc = dup_text(o, "expected_output", 1, SPEC_TEXT_MAX, &t->expected_output)) != 0) {
        *why = "tasks[]: description and expected_output must be UTF-8 text of <= 2000 bytes";
        return rc;
    }
    if (jsn_str(o, "agent", 1, SPEC_ID_MAX, &agent) != 0) {
        FAIL("tasks[].agent: required agent id");
    }
    t->agent = -1;
    for (int k = 0; k < s->n_agents; k++) {
        t->agent = strcmp(s->agents[k].id, agent) == 0 ? k : t->agent;
    }
    if (t->agent < 0) {
        FAIL("tasks[].agent: no agent has this id");
    }
    return 0;
}

/* parse_deps runs after every task id is known, so a forward reference can be told apart
 * from a cycle in the message. */
static int
parse_deps(struct json_object *tasks, struct spec *s, const char **why)
{
    int forward = 0;
    for (int i = 0; i < s->n_tasks; i++) {
        int rc = 0;
        struct json_object *o = json_object_array_get_idx(tasks, (size_t)i);
        struct json_object *dl = array_of(o, "depends_on", 0, 0, SPEC_MAX_DEPS, &rc);
        size_t n = dl ? json_object_array_length(dl) : 0;
        struct spec_task *t = &s->tasks[i];
        for (size_t d = 0; rc == 0 && d < n; d++) {
            struct json_object *v = json_object_array_get_idx(dl, d);
            const char *id =
                json_object_is_type(v, json_type_string) ? json_object_get_string(v) : "";
            int found = -1;
            for (int k = 0; k < s->n_tasks; k++) {
                found = strcmp(s->tasks[k].id, id) == 0 ? k : found;
            }
            for (int k = 0; found >= 0 && k < t->n_deps; k++) {
                found = t->deps[k] == found ? -1 : found;
            }
            rc = found < 0 ? AG_EINVAL : 0;
            if (rc == 0) {
                forward |= found >= i;
                t->deps[t->n_deps++] = found;
            }
        }
        if (rc != 0) {
            FAIL("tasks[].depends_on: distinct ids of other tasks");
        }
    }
    if (has_cycle(s)) {
        FAIL("tasks[].depends_on: dependency cycle");
    }
    if (forward) {
        FAIL("tasks[].depends_on: must name earlier tasks (list tasks in dependency order)");
    }
    return 0;
}

/* Depth-first search with colours over at most SPEC_MAX_TASKS nodes. */
static int
has_cycle(const struct spec *s)
{
    int colour[SPEC_MAX_TASKS] = {0}; /* 0 new, 1 on the stack, 2 done */
    int stack[SPEC_MAX_TASKS];
    int next[SPEC_MAX_TASKS] = {0};
    for (int root = 0; root < s->n_tasks; root++) {
        if (colour[root]) {
            continue;
        }
        int top = 0;
        stack[0] = root;
        colour[root] = 1;
        while (top >= 0) {
            int v = stack[top];
            if (next[v] < s->tasks[v].n_deps) {
                int w = s->tasks[v].deps[next[v]++];
                if (colour[w] == 1) {
                    return 1;
                }
                if (colour[w] == 0) {
                    colour[w] = 1;
                    stack[++top] = w;
                }
            } else {
                colour[v] = 2;
                top--;
            }
        }
    }
    return 0;
}

/* Agent and task ids share one namespace in generated code (CrewAI @agent/@task methods), and
 * tool ids name functions there too. */
static int
ids_unique(const struct spec *s)
{
    const char *ids[SPEC_MAX_AGENTS + SPEC_MAX_TASKS + SPEC_MAX_TOOLS];
    int n = 0;
    for (int i = 0; i < s->n_agents; i++) {
        ids[n++] = s->agents[i].id;
    }
    for (int i = 0; i < s->n_tasks; i++) {
        ids[n++] = s->tasks[i].id;
    }
    for (int i = 0; i < s->n_tools; i++) {
        ids[n++] = s->tools[i].id;
    }
    for (int i = 0; i < n; i++) {
        for (int k = i + 1; k < n; k++) {
            if (strcmp(ids[i], ids[k]) == 0) {
                return 0;
            }
        }
    }
    return 1;
}

int
spec_from_json(struct json_object *o, struct spec *s, const char **why)
{
    struct spec t;
    const char *w = "invalid spec";
    memset(&t, 0, sizeof t);
    memset(s, 0, sizeof *s);
    int rc = o ? parse_top(o, &t, &w) : AG_EINVAL;
    if (rc == 0) {
        rc = parse_tools(o, &t, &w);
    }
    if (rc == 0) {
        rc = parse_agents(o, &t, &w);
    }
    struct json_object *tasks = NULL;
    if (rc == 0) {
        tasks = array_of(o, "tasks", 1, 1, SPEC_MAX_TASKS, &rc);
        w = rc ? "tasks: an array of 1 to 12 tasks" : w;
    }
    for (size_t i = 0; rc == 0 && i < json_object_array_length(tasks); i++) {
        struct spec_task *k = &t.tasks[t.n_tasks++]; /* counted first: spec_free sees it */
        rc = parse_task(json_object_array_get_idx(tasks, i), &t, k, &w);
    }
    if (rc == 0) {
        rc = parse_deps(tasks, &t, &w);
    }
    if (rc == 0 && !ids_unique(&t)) {
        rc = AG_EINVAL;
        w = "ids: agent, task and tool ids must all differ";
    }
    if (rc != 0) {
        spec_free(&t);
        if (why) {
            *why = rc == AG_ENOMEM ? "out of memory" : w;
        }
        return rc;
    }
    *s = t;
    if (why) {
        *why = NULL;
    }
    return 0;
}
