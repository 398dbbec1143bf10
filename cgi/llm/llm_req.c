/* SPDX-License-Identifier: MIT */
/* llm_req.c - what goes over the wire and what comes back on failure: chat URLs and JSON
 * bodies per provider kind. Pure functions, no I/O. */
#include "llm_int.h"

#include <stdio.h>
#include <string.h>

#include "../core/jsn.h"

static const char *const role_names[] = {"system", "user", "assistant", "tool"};

static int message_json(const struct llm_provider *p, const struct llm_message *m,
                        struct json_object **out);
static int tool_calls_json(const struct llm_message *m, struct json_object **out);
static int tools_json(const struct llm_request *rq, struct json_object **out);
static int valid_deployment(const char *s);

int
llm_strip_base(const char *base_url, int drop_v1, char *out, size_t cap)
{
    if (!base_url || (strncmp(base_url, "http://", 7) != 0 &&
                      strncmp(base_url, "https://", 8) != 0)) {
        return AG_EINVAL;
    }
    size_t n = strlen(base_url);
    while (n > 0 && base_url[n - 1] == '/') {
        n--;
    }
    if (drop_v1 && n > 3 && memcmp(base_url + n - 3, "/v1", 3) == 0) {
        n -= 3;
    }
    if (n >= cap) {
        return AG_ETOOBIG;
    }
    memcpy(out, base_url, n);
    out[n] = '\0';
    return strchr(out, '?') || strchr(out, '#') ? AG_EINVAL : 0;
}

static int
valid_deployment(const char *s)
{
    if (!s || !*s) {
        return 0;
    }
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '.' || *s == '_' || *s == '-')) {
            return 0;
        }
    }
    return 1;
}

int
llm_build_url(const struct llm_provider *p, const char *model, char *out, size_t cap)
{
    char base[1024];
    int rc = llm_strip_base(p->base_url, 0, base, sizeof(base));
    if (rc < 0) {
        return rc;
    }
    int n;
    switch (p->kind) {
    case LLM_OPENAI:
        n = snprintf(out, cap, "%s/chat/completions", base);
        break;
    case LLM_OLLABRIDGE: /* the bridge's root or its /v1: both work, as upstream accepts */
        rc = llm_strip_base(p->base_url, 1, base, sizeof(base));
        n = snprintf(out, cap, "%s/v1/chat/completions", base);
        break;
    case LLM_AZURE:
        if (!valid_deployment(model)) {
            return AG_EINVAL;
        }
        n = snprintf(out, cap, "%s/openai/deployments/%s/chat/completions?api-version=%s", base,
                     model, p->api_version ? p->api_version : LLM_AZURE_VERSION);
        break;
    case LLM_WATSONX:
        n = snprintf(out, cap, "%s/ml/v1/text/chat_stream?version=%s", base,
                     p->api_version ? p->api_version : LLM_WATSONX_VERSION);
        break;
    default:
        return AG_EINVAL;
    }
    if (rc < 0) {
        return rc;
    }
    return n < 0 || (size_t)n >= cap ? AG_ETOOBIG : 0;
}

static int
tool_calls_json(const struct llm_message *m, struct json_object **out)
{
    struct json_object *arr = json_object_new_array();
    int rc = arr ? 0 : AG_ENOMEM;
    for (size_t i = 0; rc == 0 && i < m->n_tool_calls; i++) {
        const struct llm_tool_call *t = &m->tool_calls[i];
        struct json_object *tc = json_object_new_object(), *fn = json_object_new_object();
        if (!t->id || !t->name) {
            rc = AG_EINVAL;
        }
        rc = rc ? rc : jsn_add_str(fn, "name", t->name);
        rc = rc ? rc : jsn_add_str(fn, "arguments", t->arguments ? t->arguments : "{}");
        rc = rc ? rc : jsn_add_str(tc, "id", t->id);
        rc = rc ? rc : jsn_add_str(tc, "type", "function");
        if (rc == 0) {
            rc = jsn_add(tc, "function", fn);
            fn = NULL;
        }
        if (rc == 0 && json_object_array_add(arr, tc) == 0) {
            tc = NULL;
        } else if (rc == 0) {
            rc = AG_ENOMEM;
        }
        json_object_put(fn);
        json_object_put(tc);
    }
    if (rc < 0) {
        json_object_put(arr);
        return rc;
    }
    *out = arr;
    return 0;
}

static int
message_json(const struct llm_provider *p, const struct llm_message *m, struct json_object **out)
{
    if ((unsigned)m->role > LLM_TOOL || (m->role == LLM_TOOL && !m->tool_call_id) ||
        (m->n_tool_calls > 0 && (m->role != LLM_ASSISTANT || !m->tool_calls))) {
        return AG_EINVAL;
    }
    struct json_object *o = json_object_new_object();
    int rc = jsn_add_str(o, "role", role_names[m->role]);
    const char *text = m->content ? m->content : (m->n_tool_calls ? NULL : "");
    if (rc == 0 && p->kind == LLM_WATSONX && m->role == LLM_USER) {
        /* watsonx takes user content as typed parts */
        struct json_object *parts = json_object_new_array(), *part = json_object_new_object();
        rc = jsn_add_str(part, "type", "text");
        rc = rc ? rc : jsn_add_str(part, "text", text);
        rc = rc ? rc : (json_object_array_add(parts, part) == 0 ? 0 : AG_ENOMEM);
        if (rc < 0) {
            json_object_put(part);
        }
        rc = rc ? (json_object_put(parts), rc) : jsn_add(o, "content", parts);
    } else if (rc == 0) {
        rc = jsn_add_str(o, "content", text);
    }
    if (rc == 0 && m->role == LLM_TOOL) {
        rc = jsn_add_str(o, "tool_call_id", m->tool_call_id);
    }
    if (rc == 0 && m->n_tool_calls > 0) {
        struct json_object *tcs = NULL;
        rc = tool_calls_json(m, &tcs);
        rc = rc ? rc : jsn_add(o, "tool_calls", tcs);
    }
    if (rc < 0) {
        json_object_put(o);
        return rc;
    }
    *out = o;
    return 0;
}

static int
tools_json(const struct llm_request *rq, struct json_object **out)
{
    struct json_object *arr = json_object_new_array();
    int rc = arr ? 0 : AG_ENOMEM;
    for (size_t i = 0; rc == 0 && i < rq->n_tools; i++) {
        const struct llm_tool_def *t = &rq->tools[i];
        struct json_object *tool = json_object_new_object(), *fn = json_object_new_object();
        struct json_object *params = t->parameters ? json_object_get(t->parameters)
                                                   : json_object_new_object();
        rc = t->name ? 0 : AG_EINVAL;
        rc = rc ? rc : jsn_add_str(fn, "name", t->name);
        if (rc == 0 && t->description) {
            rc = jsn_add_str(fn, "description", t->description);
        }
        if (rc == 0 && !t->parameters) {
            rc = jsn_add_str(params, "type", "object");
        }
        rc = rc ? (json_object_put(params), rc) : jsn_add(fn, "parameters", params);
        rc = rc ? rc : jsn_add_str(tool, "type", "function");
        rc = rc ? (json_object_put(fn), rc) : jsn_add(tool, "function", fn);
        rc = rc ? (json_object_put(tool), rc)
                : (json_object_array_add(arr, tool) == 0 ? 0 : AG_ENOMEM);
    }
    if (rc < 0) {
        json_object_put(arr);
        return rc;
    }
    *out = arr;
    return 0;
}

int
llm_build_body(const struct llm_provider *p, const struct llm_request *rq, const char *model,
               struct buf *b)
{
    struct json_object *o = json_object_new_object(), *msgs = json_object_new_array();
    int wx = p->kind == LLM_WATSONX;
    int rc = o && msgs ? 0 : AG_ENOMEM;
    for (size_t i = 0; rc == 0 && i < rq->n_messages; i++) {
        struct json_object *m = NULL;
        rc = message_json(p, &rq->messages[i], &m);
        if (rc == 0 && json_object_array_add(msgs, m) != 0) {
            json_object_put(m);
            rc = AG_ENOMEM;
        }
    }
    rc = rc ? rc : jsn_add_str(o, wx ? "model_id" : "model", model);
    if (rc == 0 && wx) {
        rc = p->project_id && *p->project_id ? jsn_add_str(o, "project_id", p->project_id)
                                             : AG_EINVAL;
    }
    rc = rc ? (json_object_put(msgs), rc) : jsn_add(o, "messages", msgs);
    if (rc == 0 && !wx) {
        struct json_object *so = json_object_new_object();
        rc = jsn_add_bool(o, "stream", 1);
        rc = rc ? rc : jsn_add_bool(so, "include_usage", 1);
        rc = rc ? (json_object_put(so), rc) : jsn_add(o, "stream_options", so);
    }
    if (rc == 0 && rq->n_tools > 0) {
        struct json_object *tools = NULL;
        rc = tools_json(rq, &tools);
        rc = rc ? rc : jsn_add(o, "tools", tools);
    }
    if (rc == 0 && rq->max_tokens > 0) {
        rc = jsn_add_int(o, "max_tokens", rq->max_tokens);
    }
    if (rc == 0 && rq->has_temperature) {
        rc = jsn_add(o, "temperature", json_object_new_double(rq->temperature));
    }
    rc = rc ? rc : jsn_dump(o, b);
    json_object_put(o);
    return rc;
}
