/* SPDX-License-Identifier: MIT */
/* httpc.c - outgoing HTTP through libcurl with mandatory time and size limits. */
#include "httpc.h"

#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "log.h"

struct httpc {
    CURL *curl;
};

struct sink {
    struct httpc_resp *resp;
    size_t max;
    int too_big;
    httpc_chunk_fn on_chunk;
    void *ctx;
};

static size_t on_write(char *p, size_t size, size_t nmemb, void *ud);

int
httpc_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : AG_EINTERNAL;
}

int
httpc_new(struct httpc **out)
{
    struct httpc *h = calloc(1, sizeof(*h));
    if (!h) {
        return AG_ENOMEM;
    }
    h->curl = curl_easy_init();
    if (!h->curl) {
        free(h);
        return AG_ENOMEM;
    }
    *out = h;
    return 0;
}

void
httpc_free(struct httpc *h)
{
    if (h) {
        curl_easy_cleanup(h->curl);
        free(h);
    }
}

static size_t
on_write(char *p, size_t size, size_t nmemb, void *ud)
{
    struct sink *s = ud;
    size_t n = size * nmemb;
    if (s->resp->body.len + n > s->max) {
        s->too_big = 1;
        return 0;
    }
    if (s->on_chunk && s->on_chunk(s->ctx, p, n) != 0) {
        return 0;
    }
    if (buf_append(&s->resp->body, p, n) < 0) {
        return 0;
    }
    return n;
}

int
httpc_do(struct httpc *h, const struct httpc_req *rq, struct httpc_resp *resp,
         httpc_chunk_fn on_chunk, void *ctx)
{
    CURL *c = h->curl;
    curl_easy_reset(c);
    memset(resp, 0, sizeof(*resp));
    struct sink s = {resp, rq->max_response ? rq->max_response : 8u << 20, 0, on_chunk, ctx};
    struct curl_slist *hdrs = NULL;
    for (const char *const *p = rq->headers; p && *p; p++) {
        struct curl_slist *n = curl_slist_append(hdrs, *p);
        if (!n) {
            curl_slist_free_all(hdrs);
            return AG_ENOMEM;
        }
        hdrs = n;
    }
    curl_easy_setopt(c, CURLOPT_URL, rq->url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, rq->method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, rq->timeout_ms ? rq->timeout_ms : 30000L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                     rq->connect_timeout_ms ? rq->connect_timeout_ms : 5000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "agent-generator/" AG_VERSION);
    if (rq->body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, rq->body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)rq->body_len);
    }
    CURLcode cc = curl_easy_perform(c);
    curl_slist_free_all(hdrs);
    if (s.too_big) {
        buf_free(&resp->body);
        return AG_ETOOBIG;
    }
    if (cc != CURLE_OK) {
        log_msg(LOG_WARNING, "m=httpc err=%s", curl_easy_strerror(cc));
        buf_free(&resp->body);
        return AG_EUPSTREAM;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->status);
    char *ct = NULL;
    if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct) {
        snprintf(resp->content_type, sizeof(resp->content_type), "%s", ct);
    }
    return 0;
}

const char *
httpc_version(void)
{
    return curl_version_info(CURLVERSION_NOW)->version;
}
