/* SPDX-License-Identifier: MIT */
/* llm.c - llm_chat: one streamed chat completion over httpc with retries, backoff, cancel and
 * error capture; and the client that carries the HTTP handle and the watsonx token cache.
 * Request shapes are llm_req.c, the stream's meaning llm_stream.c, IAM llm_watsonx.c. */
#include "llm_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/crypt.h"
#include "../core/log.h"
#include "llm_sse.h"

/* One HTTP attempt's streaming state. */
struct attempt {
    struct llm_sse sse;
    struct llm_acc *acc;
    struct httpc_resp *resp;
    int rc; /* why the parser stopped the transfer */
};

/* What an attempt reports besides its return code. */
struct outcome {
    int retryable;
    long retry_after_ms;
};

static int on_event(void *ud, const char *event, const char *data, size_t len);
static int on_chunk(void *ud, const char *p, size_t n);
static int auth_header(struct llm_client *c, const struct llm_provider *p,
                       const struct llm_request *rq, struct buf *h, struct llm_result *out);
static int one_attempt(struct llm_client *c, const struct llm_provider *p,
                       const struct llm_request *rq, const char *url, const struct buf *body,
                       struct llm_acc *acc, struct llm_result *out, struct outcome *oc);
static int finish_stream(struct attempt *at, struct llm_result *out, struct outcome *oc);
static int sleep_cancellable(long ms, const volatile int *cancel);
static int run_attempts(struct llm_client *c, const struct llm_provider *p,
                        const struct llm_request *rq, const char *url, const struct buf *body,
                        llm_token_fn on_token, void *ctx, struct llm_result *out);

int
llm_client_new(struct llm_client **out)
{
    struct llm_client *c = calloc(1, sizeof(*c));
    if (!c) {
        return AG_ENOMEM;
    }
    int rc = httpc_new(&c->http);
    if (rc < 0) {
        free(c);
        return rc;
    }
    *out = c;
    return 0;
}

void
llm_client_free(struct llm_client *c)
{
    if (!c) {
        return;
    }
    llm_watsonx_forget(c);
    buf_free(&c->iam_token);
    httpc_free(c->http);
    free(c);
}

void
llm_result_free(struct llm_result *r)
{
    free(r->content);
    for (size_t i = 0; i < r->n_tool_calls; i++) {
        free(r->tool_calls[i].id);
        free(r->tool_calls[i].name);
        free(r->tool_calls[i].arguments);
    }
    free(r->tool_calls);
    r->content = NULL;
    r->tool_calls = NULL;
    r->n_tool_calls = 0;
}

static int
on_event(void *ud, const char *event, const char *data, size_t len)
{
    struct attempt *at = ud;
    return llm_acc_data(at->acc, event, data, len);
}

static int
on_chunk(void *ud, const char *p, size_t n)
{
    struct attempt *at = ud;
    if (at->resp->status < 200 || at->resp->status >= 300) {
        return 0; /* an error body: httpc keeps it for llm_error_text */
    }
    int rc = llm_sse_feed(&at->sse, p, n);
    if (rc != 0) {
        at->rc = rc;
        return 1;
    }
    return 0;
}

/* auth_header writes the credential header line into h (a secret: the caller wipes it). */
static int
auth_header(struct llm_client *c, const struct llm_provider *p, const struct llm_request *rq,
            struct buf *h, struct llm_result *out)
{
    const char *key = p->api_key;
    if (p->kind == LLM_WATSONX) {
        int rc = llm_watsonx_token(c, p, rq->cancel, &key, out->error, sizeof(out->error));
        if (rc < 0) {
            return rc;
        }
    }
    if (!key || !*key) {
        return 0;
    }
    if (strpbrk(key, "\r\n")) {
        snprintf(out->error, sizeof(out->error), "the API key contains a line break");
        return AG_EINVAL;
    }
    if (p->kind == LLM_AZURE) {
        return buf_printf(h, "api-key: %s", key);
    }
    return buf_printf(h, "Authorization: Bearer %s", key);
}

/* finish_stream judges a 2xx stream once the transfer ended. */
static int
finish_stream(struct attempt *at, struct llm_result *out, struct outcome *oc)
{
    int rc = llm_sse_finish(&at->sse);
    if (rc == 0 && at->acc->error[0]) {
        rc = AG_EUPSTREAM;
    }
    if (rc == 0 && !at->acc->done && !at->acc->finish_reason[0]) {
        snprintf(out->error, sizeof(out->error), "the stream ended before the reply finished");
        oc->retryable = 1;
        return AG_EUPSTREAM;
    }
    if (rc != 0 && at->acc->error[0]) {
        snprintf(out->error, sizeof(out->error), "%s", at->acc->error);
    }
    return rc;
}

static int
one_attempt(struct llm_client *c, const struct llm_provider *p, const struct llm_request *rq,
            const char *url, const struct buf *body, struct llm_acc *acc,
            struct llm_result *out, struct outcome *oc)
{
    struct buf auth = BUF_INIT;
    struct httpc_resp resp;
    memset(&resp, 0, sizeof(resp));
    int rc = auth_header(c, p, rq, &auth, out);
    if (rc < 0) {
        oc->retryable = rc == AG_EUPSTREAM; /* IAM unreachable or 5xx */
        goto out;
    }
    const char *headers[] = {"Content-Type: application/json", "Accept: text/event-stream",
                             auth.len ? auth.data : NULL, NULL};
    struct httpc_req hr = {.method = "POST", .url = url, .headers = headers,
                           .body = body->data, .body_len = body->len,
                           .timeout_ms = p->timeout_ms > 0 ? p->timeout_ms : 120000L,
                           .max_response = 1u << 20, .cancel = rq->cancel,
                           .discard_streamed = 1};
    struct attempt at = {.acc = acc, .resp = &resp};
    llm_sse_init(&at.sse, on_event, &at);
    rc = httpc_do(c->http, &hr, &resp, on_chunk, &at);
    out->http_status = resp.status;
    if (resp.cancelled) {
        out->cancelled = 1;
        snprintf(out->error, sizeof(out->error), "cancelled");
    } else if (resp.aborted) {
        rc = at.rc == AG_EUPSTREAM || at.rc == AG_ETOOBIG || at.rc == AG_ENOMEM ? at.rc : AG_EUPSTREAM;
        snprintf(out->error, sizeof(out->error), "%s",
                 acc->error[0] ? acc->error : "the reply stream could not be read");
    } else if (rc == AG_ETOOBIG) {
        snprintf(out->error, sizeof(out->error), "the provider's reply is too large");
    } else if (rc < 0) {
        snprintf(out->error, sizeof(out->error), "connection to the provider failed or timed out");
        oc->retryable = 1;
    } else if (resp.status < 200 || resp.status >= 300) {
        llm_error_text(resp.status, resp.body.data, resp.body.len, p->api_key, out->error,
                       sizeof(out->error));
        oc->retryable = llm_status_retryable(resp.status);
        oc->retry_after_ms = resp.retry_after_s * 1000L;
        if (resp.status == 401 && p->kind == LLM_WATSONX) {
            llm_watsonx_forget(c); /* a revoked or expired token: exchange again */
            oc->retryable = 1;
        }
        rc = AG_EUPSTREAM;
    } else {
        rc = finish_stream(&at, out, oc);
    }
    llm_sse_free(&at.sse);
out:
    crypt_wipe(auth.data, auth.cap);
    buf_free(&auth);
    buf_free(&resp.body);
    return rc;
}

/* sleep_cancellable waits ms in slices of at most 50 ms; 1 when *cancel interrupted it. */
static int
sleep_cancellable(long ms, const volatile int *cancel)
{
    while (ms > 0) {
        if (cancel && *cancel) {
            return 1;
        }
        long step = ms < 50 ? ms : 50;
        struct timespec ts = {0, step * 1000000L};
        nanosleep(&ts, NULL);
        ms -= step;
    }
    return cancel && *cancel;
}

static int
run_attempts(struct llm_client *c, const struct llm_provider *p, const struct llm_request *rq,
             const char *url, const struct buf *body, llm_token_fn on_token, void *ctx,
             struct llm_result *out)
{
    int rc = 0;
    for (int attempt = 0;; attempt++) {
        struct llm_acc acc;
        struct outcome oc = {0, 0};
        llm_acc_init(&acc, on_token, ctx);
        out->attempts = attempt + 1;
        out->error[0] = '\0';
        rc = one_attempt(c, p, rq, url, body, &acc, out, &oc);
        if (rc == 0) {
            rc = llm_acc_take(&acc, out);
        }
        int started = acc.started;
        llm_acc_free(&acc);
        if (rc == 0 || !oc.retryable || started || out->cancelled || attempt >= p->max_retries) {
            break;
        }
        unsigned rnd = 0;
        AG_IGNORE(crypt_random(&rnd, sizeof(rnd)));
        long wait = llm_backoff_ms(attempt, p->retry_base_ms, oc.retry_after_ms, rnd);
        log_msg(LOG_INFO, "m=llm kind=%s retry=%d status=%ld wait_ms=%ld", llm_kind_name(p->kind),
                attempt + 1, out->http_status, wait);
        if (sleep_cancellable(wait, rq->cancel)) {
            out->cancelled = 1;
            snprintf(out->error, sizeof(out->error), "cancelled");
            break;
        }
    }
    return rc;
}

int
llm_chat(struct llm_client *c, const struct llm_provider *p, const struct llm_request *rq,
         llm_token_fn on_token, void *ctx, struct llm_result *out)
{
    memset(out, 0, sizeof(*out));
    const char *model = rq->model ? rq->model : p->model;
    char url[2048];
    struct buf body = BUF_INIT;
    int rc = AG_EINVAL;
    if (!c || !model || !*model || rq->n_messages == 0 || !rq->messages) {
        snprintf(out->error, sizeof(out->error), "no model or no messages");
        goto out;
    }
    if ((rc = llm_build_url(p, model, url, sizeof(url))) < 0 ||
        (rc = llm_build_body(p, rq, model, &body)) < 0) {
        snprintf(out->error, sizeof(out->error), "invalid provider or request (%s)",
                 ag_strerror(rc));
        goto out;
    }
    rc = run_attempts(c, p, rq, url, &body, on_token, ctx, out);
    if (rc == AG_EUNAUTH || (rc == AG_EINVAL && out->attempts > 0)) {
        rc = AG_EUPSTREAM; /* rejected key or malformed stream: the provider's side */
    }
    if (out->cancelled) {
        rc = AG_EUPSTREAM;
    }
out:
    llm_scrub(out->error, p->api_key);
    if (rc < 0 && !out->cancelled) {
        log_msg(LOG_WARNING, "m=llm kind=%s attempts=%d err=%s msg=\"%s\"",
                llm_kind_name(p->kind), out->attempts, ag_strerror(rc), out->error);
    }
    buf_free(&body);
    return rc;
}
