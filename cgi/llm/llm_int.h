/* SPDX-License-Identifier: MIT */
/* llm_int.h - internals of cgi/llm shared between its files and the unit tests: the stream
 * accumulator (deltas -> result), request building, error mapping and the backoff schedule.
 * Not for other modules: they use llm.h. */
#ifndef AG_LLM_INT_H
#define AG_LLM_INT_H

#include <stddef.h>

#include "../core/buf.h"
#include "../core/httpc.h"
#include "llm.h"

#define LLM_MAX_CONTENT    (4u << 20) /* assembled reply text */
#define LLM_MAX_TOOL_CALLS 64
#define LLM_BACKOFF_CAP_MS 20000L
#define LLM_RETRY_AFTER_MAX_MS 60000L

struct llm_client {
    struct httpc *http;
    struct buf iam_token;       /* cached watsonx bearer token (wiped when replaced) */
    unsigned char iam_for[32];  /* SHA-256 of iam_url NUL api_key the token belongs to */
    double iam_until;           /* CLOCK_MONOTONIC seconds after which it is refreshed */
    int iam_exchanges;          /* token exchanges made (tests, logs) */
};

struct llm_acc_call {
    long index;
    struct buf id, name, args;
};

/* llm_acc assembles one streamed reply. */
struct llm_acc {
    struct buf content;
    struct llm_acc_call calls[LLM_MAX_TOOL_CALLS];
    size_t n_calls;
    char finish_reason[32];
    long prompt_tokens, completion_tokens;
    int done;    /* [DONE] seen */
    int started; /* a content or tool-call delta arrived: retrying would duplicate output */
    char error[256]; /* an error event inside the stream */
    llm_token_fn on_token;
    void *ctx;
};

void llm_acc_init(struct llm_acc *a, llm_token_fn on_token, void *ctx);
void llm_acc_free(struct llm_acc *a);
/* llm_acc_data takes one SSE event's data: "[DONE]" or a chunk object of the OpenAI shape
 * (watsonx uses the same one). AG_EUPSTREAM for an error object in the stream (a->error says
 * why), AG_EINVAL for data that is not JSON, AG_ETOOBIG past the limits, or the callback's
 * non-zero return. */
int llm_acc_data(struct llm_acc *a, const char *event, const char *data, size_t len)
    AG_MUST_CHECK;
/* llm_acc_take moves the assembled reply into out (content, tool calls, finish, usage). */
int llm_acc_take(struct llm_acc *a, struct llm_result *out) AG_MUST_CHECK;

/* llm_build_url writes the chat URL for the provider and model. AG_EINVAL for a missing base
 * URL, an Azure deployment name that is not [A-Za-z0-9._-]+, or an unknown kind; AG_ETOOBIG. */
int llm_build_url(const struct llm_provider *p, const char *model, char *out, size_t cap)
    AG_MUST_CHECK;
/* llm_build_body appends the JSON request body for the provider to b. AG_EINVAL for a bad
 * message (tool message without tool_call_id, ...). */
int llm_build_body(const struct llm_provider *p, const struct llm_request *rq, const char *model,
                   struct buf *b) AG_MUST_CHECK;
/* llm_strip_base copies base_url without trailing slashes (and without a trailing "/v1" when
 * drop_v1) into out. AG_EINVAL when empty or not http(s), AG_ETOOBIG. */
int llm_strip_base(const char *base_url, int drop_v1, char *out, size_t cap) AG_MUST_CHECK;

/* llm_status_retryable: 1 for statuses worth another attempt (408, 409, 429, 5xx). */
int llm_status_retryable(long status);
/* llm_error_text writes a one-line reason for an error reply: "HTTP <status>: <message>" with
 * the provider's message from {"error":{"message"}}, {"error":"…"}, {"errors":[{"message"}]},
 * {"errorMessage"}, {"detail"} or {"message"}, else the body's first printable bytes. Any
 * occurrence of secret (if non-empty) is replaced by "***". */
void llm_error_text(long status, const char *body, size_t len, const char *secret, char *out,
                    size_t cap);
/* llm_scrub replaces every occurrence of secret in the NUL-terminated s with "***" (in place). */
void llm_scrub(char *s, const char *secret);
/* llm_backoff_ms: the wait before retry number attempt (0 = the first retry): equal jitter
 * over base*2^attempt capped at LLM_BACKOFF_CAP_MS, so within [d/2, d]; a Retry-After
 * (retry_after_ms > 0) wins, capped at LLM_RETRY_AFTER_MAX_MS. rnd is any random value. */
long llm_backoff_ms(int attempt, long base_ms, long retry_after_ms, unsigned rnd);

/* watsonx IAM token for the provider, from the client's cache or a fresh exchange; borrowed
 * until the next call. Defined in llm_watsonx.c. */
int llm_watsonx_token(struct llm_client *c, const struct llm_provider *p,
                      const volatile int *cancel, const char **token, char *err, size_t errcap)
    AG_MUST_CHECK;
/* llm_watsonx_forget drops the cached token (after a 401). */
void llm_watsonx_forget(struct llm_client *c);

#endif
