/* SPDX-License-Identifier: MIT */
/* llm_err.c - failure handling without I/O: which statuses to retry, the provider's error
 * message (with any secret scrubbed out), the backoff schedule; also kind names and cost. */
#include "llm_int.h"

#include <stdio.h>
#include <string.h>

#include "../core/jsn.h"
#include "../engine/catalog.h"

static const char *error_message(struct json_object *o);
static void one_line(char *s);

int
llm_status_retryable(long status)
{
    return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
}

/* error_message finds the human-readable message in the error shapes providers use. */
static const char *
error_message(struct json_object *o)
{
    static const char *const keys[] = {"errorMessage", "detail", "message", "error_description"};
    struct json_object *v = NULL;
    if (json_object_object_get_ex(o, "error", &v)) {
        if (json_object_is_type(v, json_type_string)) {
            return json_object_get_string(v);
        }
        if (json_object_is_type(v, json_type_object)) {
            return error_message(v);
        }
    }
    if (json_object_object_get_ex(o, "errors", &v) && json_object_is_type(v, json_type_array) &&
        json_object_array_length(v) > 0) {
        struct json_object *e = json_object_array_get_idx(v, 0);
        if (json_object_is_type(e, json_type_object)) {
            return error_message(e);
        }
    }
    for (size_t i = 0; i < AG_NELEM(keys); i++) {
        if (json_object_object_get_ex(o, keys[i], &v) && json_object_is_type(v, json_type_string)) {
            return json_object_get_string(v);
        }
    }
    return NULL;
}

static void
one_line(char *s)
{
    for (unsigned char *p = (unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            *p = ' ';
        }
    }
}

void
llm_scrub(char *s, const char *secret)
{
    size_t n = secret ? strlen(secret) : 0;
    char *from = s, *hit;
    while (n > 0 && (hit = strstr(from, secret)) != NULL) {
        if (n >= 3) {
            memcpy(hit, "***", 3);
            memmove(hit + 3, hit + n, strlen(hit + n) + 1);
            from = hit + 3;
        } else {
            memset(hit, '*', n); /* shorter than the mask: overwrite in place */
            from = hit + n;
        }
    }
}

void
llm_error_text(long status, const char *body, size_t len, const char *secret, char *out,
               size_t cap)
{
    struct json_object *o = NULL;
    const char *msg = NULL;
    if (body && len > 0 && jsn_parse(body, len, &o) == 0 &&
        json_object_is_type(o, json_type_object)) {
        msg = error_message(o);
    }
    if (msg && *msg) {
        snprintf(out, cap, "HTTP %ld: %s", status, msg);
    } else if (body && len > 0) {
        snprintf(out, cap, "HTTP %ld: %.*s", status, (int)(len > 200 ? 200 : len), body);
    } else {
        snprintf(out, cap, "HTTP %ld", status);
    }
    json_object_put(o);
    one_line(out);
    llm_scrub(out, secret);
}

long
llm_backoff_ms(int attempt, long base_ms, long retry_after_ms, unsigned rnd)
{
    if (retry_after_ms > 0) {
        return retry_after_ms > LLM_RETRY_AFTER_MAX_MS ? LLM_RETRY_AFTER_MAX_MS : retry_after_ms;
    }
    long d = base_ms > 0 ? base_ms : 500;
    for (int i = 0; i < attempt && d < LLM_BACKOFF_CAP_MS; i++) {
        d *= 2;
    }
    if (d > LLM_BACKOFF_CAP_MS) {
        d = LLM_BACKOFF_CAP_MS;
    }
    long half = d / 2;
    return half + (long)(rnd % (unsigned long)(d - half + 1));
}

const char *
llm_kind_name(enum llm_kind k)
{
    switch (k) {
    case LLM_OPENAI: return "openai";
    case LLM_AZURE: return "azure";
    case LLM_WATSONX: return "watsonx";
    case LLM_OLLABRIDGE: return "ollabridge";
    }
    return "unknown";
}

int
llm_kind_parse(const char *s, enum llm_kind *out)
{
    static const struct {
        const char *name;
        enum llm_kind kind;
    } names[] = {{"openai", LLM_OPENAI},   {"ollama", LLM_OPENAI},       {"vllm", LLM_OPENAI},
                 {"azure", LLM_AZURE},     {"watsonx", LLM_WATSONX},     {"ollabridge", LLM_OLLABRIDGE}};
    for (size_t i = 0; s && i < AG_NELEM(names); i++) {
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].kind;
            return 0;
        }
    }
    return AG_EINVAL;
}

double
llm_cost_usd(const char *model_id, long prompt_tokens, long completion_tokens)
{
    const struct cat_model *m = catalog_model(model_id);
    const char *slash = model_id ? strrchr(model_id, '/') : NULL;
    if (!m && slash) {
        m = catalog_model(slash + 1);
    }
    if (!m) {
        return 0.0;
    }
    double p = prompt_tokens > 0 ? (double)prompt_tokens : 0.0;
    double c = completion_tokens > 0 ? (double)completion_tokens : 0.0;
    return (p * m->usd_in_per_mtok + c * m->usd_out_per_mtok) / 1e6;
}
