/* SPDX-License-Identifier: MIT */
/* llm_stream.c - assembles a streamed chat reply from its chunk objects: content deltas (passed
 * on to the caller as they come), tool-call deltas keyed by index with the arguments
 * concatenated, finish_reason, usage and in-stream errors. OpenAI, Azure, OllaBridge and
 * watsonx chat_stream all send this chunk shape; the transport is llm.c's job. */
#include "llm_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/jsn.h"

static int add_content(struct llm_acc *a, const char *s, size_t n);
static struct llm_acc_call *call_slot(struct llm_acc *a, long index, const char *id);
static int add_tool_delta(struct llm_acc *a, struct json_object *tc, long position);
static int take_choice(struct llm_acc *a, struct json_object *choice);
static void take_usage(struct llm_acc *a, struct json_object *usage);
static int take_error(struct llm_acc *a, struct json_object *o);
static const char *str_member(struct json_object *o, const char *key, size_t *len);
static int take_calls(struct llm_acc *a, struct llm_result *out);

void
llm_acc_init(struct llm_acc *a, llm_token_fn on_token, void *ctx)
{
    memset(a, 0, sizeof(*a));
    a->on_token = on_token;
    a->ctx = ctx;
}

void
llm_acc_free(struct llm_acc *a)
{
    buf_free(&a->content);
    for (size_t i = 0; i < a->n_calls; i++) {
        buf_free(&a->calls[i].id);
        buf_free(&a->calls[i].name);
        buf_free(&a->calls[i].args);
    }
    a->n_calls = 0;
}

/* str_member: the string value of key, or NULL when absent, null or not a string. */
static const char *
str_member(struct json_object *o, const char *key, size_t *len)
{
    struct json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string)) {
        return NULL;
    }
    if (len) {
        *len = (size_t)json_object_get_string_len(v);
    }
    return json_object_get_string(v);
}

static int
add_content(struct llm_acc *a, const char *s, size_t n)
{
    if (n == 0) {
        return 0;
    }
    if (a->content.len + n > LLM_MAX_CONTENT) {
        return AG_ETOOBIG;
    }
    if (buf_append(&a->content, s, n) < 0) {
        return AG_ENOMEM;
    }
    a->started = 1;
    if (a->on_token && a->on_token(a->ctx, s, n) != 0) {
        snprintf(a->error, sizeof(a->error), "aborted by caller");
        return AG_EUPSTREAM;
    }
    return 0;
}

/* call_slot finds the call being assembled at index, or opens one. Some OpenAI-compatible
 * servers (Ollama) send parallel calls all at index 0 told apart only by a new id: a different
 * non-empty id at a used index opens a new slot. NULL when the table is full. */
static struct llm_acc_call *
call_slot(struct llm_acc *a, long index, const char *id)
{
    for (size_t i = a->n_calls; i-- > 0;) {
        struct llm_acc_call *c = &a->calls[i];
        if (c->index != index) {
            continue;
        }
        if (id && *id && c->id.len > 0 && strcmp(buf_cstr(&c->id), id) != 0) {
            break;
        }
        return c;
    }
    if (a->n_calls >= LLM_MAX_TOOL_CALLS) {
        return NULL;
    }
    struct llm_acc_call *c = &a->calls[a->n_calls++];
    memset(c, 0, sizeof(*c));
    c->index = index;
    return c;
}

static int
add_tool_delta(struct llm_acc *a, struct json_object *tc, long position)
{
    struct json_object *v = NULL, *fn = NULL;
    long index = position;
    if (json_object_object_get_ex(tc, "index", &v) && json_object_is_type(v, json_type_int)) {
        index = (long)json_object_get_int64(v);
    }
    size_t id_len = 0, name_len = 0, args_len = 0;
    const char *id = str_member(tc, "id", &id_len);
    const char *name = NULL, *args = NULL;
    if (json_object_object_get_ex(tc, "function", &fn) &&
        json_object_is_type(fn, json_type_object)) {
        name = str_member(fn, "name", &name_len);
        args = str_member(fn, "arguments", &args_len);
    }
    struct llm_acc_call *c = call_slot(a, index, id);
    if (!c) {
        return AG_ETOOBIG;
    }
    if (c->args.len + args_len > LLM_MAX_CONTENT) {
        return AG_ETOOBIG;
    }
    a->started = 1;
    /* id and name come whole in the first delta; some servers repeat them later */
    if (id && id_len > 0 && c->id.len == 0 && buf_append(&c->id, id, id_len) < 0) {
        return AG_ENOMEM;
    }
    if (name && name_len > 0 && c->name.len == 0 && buf_append(&c->name, name, name_len) < 0) {
        return AG_ENOMEM;
    }
    if (args && args_len > 0 && buf_append(&c->args, args, args_len) < 0) {
        return AG_ENOMEM;
    }
    return 0;
}

static int
take_choice(struct llm_acc *a, struct json_object *choice)
{
    struct json_object *delta = NULL, *tcs = NULL;
    size_t n = 0;
    const char *fr = str_member(choice, "finish_reason", &n);
    if (fr && n > 0) {
        snprintf(a->finish_reason, sizeof(a->finish_reason), "%s", fr);
    }
    if (!json_object_object_get_ex(choice, "delta", &delta) ||
        !json_object_is_type(delta, json_type_object)) {
        /* a non-streaming "message" here would be a server ignoring stream:true */
        if (!json_object_object_get_ex(choice, "message", &delta) ||
            !json_object_is_type(delta, json_type_object)) {
            return 0;
        }
    }
    const char *text = str_member(delta, "content", &n);
    int rc = text ? add_content(a, text, n) : 0;
    if (rc == 0 && json_object_object_get_ex(delta, "tool_calls", &tcs) &&
        json_object_is_type(tcs, json_type_array)) {
        size_t k = json_object_array_length(tcs);
        for (size_t i = 0; i < k && rc == 0; i++) {
            struct json_object *tc = json_object_array_get_idx(tcs, i);
            if (json_object_is_type(tc, json_type_object)) {
                rc = add_tool_delta(a, tc, (long)i);
            }
        }
    }
    return rc;
}

static void
take_usage(struct llm_acc *a, struct json_object *usage)
{
    struct json_object *v = NULL;
    if (json_object_object_get_ex(usage, "prompt_tokens", &v) &&
        json_object_is_type(v, json_type_int)) {
        a->prompt_tokens = (long)json_object_get_int64(v);
    }
    if (json_object_object_get_ex(usage, "completion_tokens", &v) &&
        json_object_is_type(v, json_type_int)) {
        a->completion_tokens = (long)json_object_get_int64(v);
    }
}

/* take_error: an error object inside the stream ({"error": …} or watsonx's {"errors": […]}). */
static int
take_error(struct llm_acc *a, struct json_object *o)
{
    if (!json_object_object_get_ex(o, "error", NULL) &&
        !json_object_object_get_ex(o, "errors", NULL)) {
        return 0;
    }
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
    char tmp[256];
    llm_error_text(0, s, strlen(s), NULL, tmp, sizeof(tmp));
    /* drop the "HTTP 0: " prefix llm_error_text puts on */
    const char *msg = strncmp(tmp, "HTTP 0: ", 8) == 0 ? tmp + 8 : tmp;
    snprintf(a->error, sizeof(a->error), "stream error: %.230s", msg);
    return AG_EUPSTREAM;
}

int
llm_acc_data(struct llm_acc *a, const char *event, const char *data, size_t len)
{
    if (len == 6 && memcmp(data, "[DONE]", 6) == 0) {
        a->done = 1;
        return 0;
    }
    struct json_object *o = NULL;
    if (jsn_parse(data, len, &o) < 0 || !json_object_is_type(o, json_type_object)) {
        json_object_put(o);
        if (event && strcmp(event, "error") == 0) {
            snprintf(a->error, sizeof(a->error), "stream error: %.200s", data);
            return AG_EUPSTREAM;
        }
        snprintf(a->error, sizeof(a->error), "provider sent a malformed stream chunk");
        return AG_EINVAL;
    }
    int rc = take_error(a, o);
    struct json_object *v = NULL;
    if (rc == 0 && json_object_object_get_ex(o, "choices", &v) &&
        json_object_is_type(v, json_type_array)) {
        size_t n = json_object_array_length(v);
        for (size_t i = 0; i < n && rc == 0; i++) {
            struct json_object *ch = json_object_array_get_idx(v, i);
            struct json_object *idx = NULL;
            /* only the first choice (n=1 is all we ask for) */
            if (json_object_is_type(ch, json_type_object) &&
                (!json_object_object_get_ex(ch, "index", &idx) || json_object_get_int(idx) == 0)) {
                rc = take_choice(a, ch);
            }
        }
    }
    if (rc == 0 && json_object_object_get_ex(o, "usage", &v) &&
        json_object_is_type(v, json_type_object)) {
        take_usage(a, v);
    }
    json_object_put(o);
    return rc;
}

static int
take_calls(struct llm_acc *a, struct llm_result *out)
{
    if (a->n_calls == 0) {
        return 0;
    }
    out->tool_calls = calloc(a->n_calls, sizeof(*out->tool_calls));
    if (!out->tool_calls) {
        return AG_ENOMEM;
    }
    for (size_t i = 0; i < a->n_calls; i++) {
        struct llm_acc_call *c = &a->calls[i];
        struct llm_tool_call *t = &out->tool_calls[i];
        t->id = buf_steal(&c->id);
        t->name = buf_steal(&c->name);
        t->arguments = c->args.len ? buf_steal(&c->args) : strdup("{}");
        out->n_tool_calls = i + 1;
        if (!t->id || !t->name || !t->arguments) {
            return AG_ENOMEM;
        }
    }
    return 0;
}

int
llm_acc_take(struct llm_acc *a, struct llm_result *out)
{
    free(out->content);
    out->content = buf_steal(&a->content);
    if (!out->content) {
        return AG_ENOMEM;
    }
    snprintf(out->finish_reason, sizeof(out->finish_reason), "%s", a->finish_reason);
    out->prompt_tokens = a->prompt_tokens;
    out->completion_tokens = a->completion_tokens;
    return take_calls(a, out);
}
