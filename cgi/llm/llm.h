/* SPDX-License-Identifier: MIT */
/* llm.h - chat-completion providers: OpenAI-compatible (also Ollama, vLLM), Azure OpenAI,
 * IBM watsonx.ai and OllaBridge (plus its device pairing). One streaming call, llm_chat, with
 * tool calls, usage, retries with backoff and cancellation; and per-model cost accounting.
 * Owns no configuration or secrets storage: callers pass a provider and wipe its key. */
#ifndef AG_LLM_H
#define AG_LLM_H

#include <json-c/json.h>
#include <stddef.h>

#include "../core/ag.h"

#define LLM_DEFAULT_RETRIES 3
#define LLM_IAM_URL         "https://iam.cloud.ibm.com/identity/token"
#define LLM_AZURE_VERSION   "2024-10-21"
#define LLM_WATSONX_VERSION "2024-05-31"

enum llm_kind { LLM_OPENAI = 0, LLM_AZURE, LLM_WATSONX, LLM_OLLABRIDGE };

struct llm_provider {
    enum llm_kind kind;
    const char *base_url;    /* openai: ".../v1"; azure: "https://x.openai.azure.com";
                                watsonx: "https://us-south.ml.cloud.ibm.com"; ollabridge: root
                                or ".../v1" */
    const char *api_key;     /* borrowed, caller wipes; azure api-key, watsonx IBM Cloud API
                                key, ollabridge device token; NULL/"" sends no credentials */
    const char *api_version; /* azure api-version / watsonx version date; NULL = defaults above */
    const char *project_id;  /* watsonx (required there) */
    const char *iam_url;     /* watsonx token endpoint; NULL = LLM_IAM_URL (tests override) */
    const char *model;       /* default model (azure: the deployment name) */
    long timeout_ms;         /* one HTTP attempt; 0 = 120 s */
    int max_retries;         /* retries after the first attempt (0 = none) */
    long retry_base_ms;      /* first backoff step; 0 = 500 ms (doubles, capped at 20 s) */
};

enum llm_role { LLM_SYSTEM = 0, LLM_USER, LLM_ASSISTANT, LLM_TOOL };

struct llm_tool_call {
    char *id;
    char *name;
    char *arguments; /* JSON text as the model produced it (not validated) */
};

struct llm_message {
    enum llm_role role;
    const char *content;                   /* NULL allowed for an assistant with tool calls */
    const char *tool_call_id;              /* LLM_TOOL: the call this answers */
    const struct llm_tool_call *tool_calls; /* LLM_ASSISTANT: calls it made (borrowed) */
    size_t n_tool_calls;
};

struct llm_tool_def {
    const char *name;
    const char *description;
    struct json_object *parameters; /* JSON Schema object, borrowed; NULL = {"type":"object"} */
};

struct llm_request {
    const char *model; /* NULL = provider->model */
    const struct llm_message *messages;
    size_t n_messages;
    const struct llm_tool_def *tools;
    size_t n_tools;
    int max_tokens; /* 0 = provider default */
    int has_temperature;
    double temperature;
    const volatile int *cancel; /* optional: non-zero stops the call within ~100 ms */
};

struct llm_result {
    char *content; /* heap, "" when the reply had only tool calls */
    struct llm_tool_call *tool_calls; /* heap, in the order the calls started */
    size_t n_tool_calls;
    char finish_reason[32]; /* stop, tool_calls, length, ... or "" */
    long prompt_tokens;     /* from the provider's usage report (0 if none) */
    long completion_tokens;
    int attempts;       /* HTTP attempts made */
    int cancelled;      /* the call ended because *cancel was set (returns AG_EUPSTREAM) */
    long http_status;   /* last HTTP status (0: transport error) */
    char error[256];    /* on failure: a one-line reason, the provider's message when it gave
                           one; never contains the API key */
};

struct llm_client;

/* llm_token_fn receives each content delta as it arrives (not NUL-terminated); non-zero aborts
 * the call (AG_EUPSTREAM, error "aborted by caller"). */
typedef int (*llm_token_fn)(void *ctx, const char *text, size_t len);

/* llm_client_new makes the per-thread state: an HTTP handle and the watsonx IAM token cache.
 * llm_client_free wipes the cached token. AG_ENOMEM. */
int llm_client_new(struct llm_client **out) AG_MUST_CHECK;
void llm_client_free(struct llm_client *c);

/* llm_chat runs one streamed chat completion and fills *out (free with llm_result_free, also
 * after a failure). Retries 429, 5xx and transport errors with exponential backoff and jitter
 * (honouring Retry-After) until the first token arrived; never after. c, p and rq are required.
 * Returns 0, AG_EINVAL (bad provider or request), AG_ENOMEM, AG_ETOOBIG (reply past the size
 * limits), AG_EUPSTREAM (HTTP error, rejected key, broken stream, or cancelled: see
 * out->cancelled and out->error). */
int llm_chat(struct llm_client *c, const struct llm_provider *p, const struct llm_request *rq,
             llm_token_fn on_token, void *ctx, struct llm_result *out) AG_MUST_CHECK;
void llm_result_free(struct llm_result *r);

/* llm_ollabridge_pair exchanges a pairing code (4..64 printable chars) for a device token:
 * POST {base}/device/pair-simple {"code"}; the token is read from device_token (the real
 * service), else token or access_token. AG_EINVAL for a malformed code or when the bridge
 * answers 400/404 (expired or unknown code), AG_EUPSTREAM for other errors or no token,
 * AG_ETOOBIG when the token does not fit in cap. */
int llm_ollabridge_pair(struct llm_client *c, const char *base_url, const char *pairing_code,
                        char *device_token_out, size_t cap) AG_MUST_CHECK;
/* llm_ollabridge_models is the bridge's status check (it has no device-status endpoint):
 * GET {base}/v1/models with the device token; *out is a new array of model ids (caller puts).
 * AG_EUNAUTH on 401/403, AG_EUPSTREAM when unreachable or any other error. */
int llm_ollabridge_models(struct llm_client *c, const char *base_url, const char *device_token,
                          struct json_object **out) AG_MUST_CHECK;

/* llm_cost_usd prices a call from the catalogue's per-1M-token prices; a "vendor/" prefix on
 * the id is ignored when the whole id is unknown. Unknown models cost 0. */
double llm_cost_usd(const char *model_id, long prompt_tokens, long completion_tokens);

const char *llm_kind_name(enum llm_kind k);
/* llm_kind_parse: "openai", "azure", "watsonx", "ollabridge" (also "ollama", "vllm" as openai).
 * AG_EINVAL when unknown. */
int llm_kind_parse(const char *s, enum llm_kind *out) AG_MUST_CHECK;

#endif
