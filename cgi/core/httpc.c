/* SPDX-License-Identifier: MIT */
/* httpc.c - outgoing HTTP through libcurl with mandatory time and size limits. */
#include "httpc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <curl/curl.h>

#include "log.h"

struct httpc {
    CURL *curl;
    CURLM *multi; /* created on the first cancellable request */
};

struct sink {
    struct httpc_resp *resp;
    size_t max;
    int too_big;
    int truncate;
    httpc_chunk_fn on_chunk;
    void *ctx;
    CURL *curl;
    int discard_streamed;
};

struct sock_guard {
    httpc_sock_fn fn;
    void *ctx;
};

static size_t on_write(char *p, size_t size, size_t nmemb, void *ud);
static curl_socket_t on_open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a);
static int set_options(CURL *c, const struct httpc_req *rq, struct curl_slist **resolve,
                       struct sock_guard *guard);
static void read_info(CURL *c, struct httpc_resp *resp);
static CURLcode perform_cancellable(struct httpc *h, const volatile int *cancel, int *cancelled);

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
        if (h->multi) {
            curl_multi_cleanup(h->multi);
        }
        curl_easy_cleanup(h->curl);
        free(h);
    }
}

static size_t
on_write(char *p, size_t size, size_t nmemb, void *ud)
{
    struct sink *s = ud;
    size_t n = size * nmemb;
    int discard = 0;
    if (s->on_chunk) {
        curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &s->resp->status);
        discard = s->discard_streamed && s->resp->status >= 200 && s->resp->status < 300;
    }
    if (!discard && s->resp->body.len + n > s->max) {
        s->too_big = 1;
        if (s->truncate) {
            size_t room = s->max - s->resp->body.len;
            s->resp->truncated = 1;
            if (room > 0 && buf_append(&s->resp->body, p, room) < 0) {
                s->truncate = 0; /* report the failure as too big rather than a short body */
            }
        }
        return 0;
    }
    if (s->on_chunk && s->on_chunk(s->ctx, p, n) != 0) {
        s->resp->aborted = 1;
        return 0;
    }
    if (discard) {
        return n;
    }
    if (buf_append(&s->resp->body, p, n) < 0) {
        return 0;
    }
    return n;
}

static curl_socket_t
on_open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
    struct sock_guard *g = ud;
    (void)purpose;
    if (g->fn(g->ctx, &a->addr, a->addrlen) != 0) {
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype, a->protocol);
}

/* set_options applies the optional pinning fields of rq; *resolve is freed by the caller. */
static int
set_options(CURL *c, const struct httpc_req *rq, struct curl_slist **resolve,
            struct sock_guard *guard)
{
    for (const char *const *p = rq->resolve; p && *p; p++) {
        struct curl_slist *n = curl_slist_append(*resolve, *p);
        if (!n) {
            return AG_ENOMEM;
        }
        *resolve = n;
    }
    if (*resolve) {
        curl_easy_setopt(c, CURLOPT_RESOLVE, *resolve);
    }
    if (rq->sock_check) {
        guard->fn = rq->sock_check;
        guard->ctx = rq->sock_ctx;
        curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
        curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, guard);
    }
    if (rq->no_proxy) {
        curl_easy_setopt(c, CURLOPT_PROXY, "");
    }
    return 0;
}

static void
read_info(CURL *c, struct httpc_resp *resp)
{
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->status);
    curl_off_t retry_after = 0;
    if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0) {
        resp->retry_after_s = retry_after > 86400 ? 86400 : (long)retry_after;
    }
    char *ct = NULL;
    if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct) {
        snprintf(resp->content_type, sizeof(resp->content_type), "%s", ct);
    }
    char *loc = NULL;
    if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc &&
        strlen(loc) < sizeof(resp->redirect_url)) {
        memcpy(resp->redirect_url, loc, strlen(loc) + 1);
    }
}

int
httpc_do(struct httpc *h, const struct httpc_req *rq, struct httpc_resp *resp,
         httpc_chunk_fn on_chunk, void *ctx)
{
    CURL *c = h->curl;
    curl_easy_reset(c);
    memset(resp, 0, sizeof(*resp));
    struct sink s = {resp, rq->max_response ? rq->max_response : 8u << 20, 0, rq->truncate,
                     on_chunk, ctx, c, rq->discard_streamed};
    struct curl_slist *hdrs = NULL, *resolve = NULL;
    struct sock_guard guard = {NULL, NULL};
    for (const char *const *p = rq->headers; p && *p; p++) {
        struct curl_slist *n = curl_slist_append(hdrs, *p);
        if (!n) {
            curl_slist_free_all(hdrs);
            return AG_ENOMEM;
        }
        hdrs = n;
    }
    if (set_options(c, rq, &resolve, &guard) < 0) {
        curl_slist_free_all(hdrs);
        curl_slist_free_all(resolve);
        return AG_ENOMEM;
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
    CURLcode cc = rq->cancel ? perform_cancellable(h, rq->cancel, &resp->cancelled)
                             : curl_easy_perform(c);
    curl_slist_free_all(hdrs);
    curl_slist_free_all(resolve);
    if (s.too_big && s.truncate) {
        read_info(c, resp);
        return 0;
    }
    if (s.too_big) {
        buf_free(&resp->body);
        return AG_ETOOBIG;
    }
    if (cc != CURLE_OK) {
        if (!resp->cancelled && !resp->aborted) {
            log_msg(LOG_WARNING, "m=httpc err=%s", curl_easy_strerror(cc));
        }
        buf_free(&resp->body);
        return AG_EUPSTREAM;
    }
    read_info(c, resp);
    return 0;
}

int
httpc_url_split(const char *url, char *scheme, size_t scheme_cap, char *host, size_t host_cap,
                int *port)
{
    CURLU *u = curl_url();
    char *sch = NULL, *hst = NULL, *prt = NULL;
    int rc = AG_EINVAL;
    if (!u) {
        return AG_ENOMEM;
    }
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &sch, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &hst, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_PORT, &prt, CURLU_DEFAULT_PORT) != CURLUE_OK) {
        goto out;
    }
    size_t hl = strlen(hst);
    const char *h0 = hst;
    if (hl >= 2 && hst[0] == '[' && hst[hl - 1] == ']') { /* IPv6 literal */
        h0 = hst + 1;
        hl -= 2;
    }
    char *end = NULL;
    long pv = strtol(prt, &end, 10);
    if (strlen(sch) >= scheme_cap || hl == 0 || hl >= host_cap || *end != '\0' || pv <= 0 ||
        pv > 65535) {
        goto out;
    }
    memcpy(scheme, sch, strlen(sch) + 1);
    memcpy(host, h0, hl);
    host[hl] = '\0';
    *port = (int)pv;
    rc = 0;
out:
    curl_free(sch);
    curl_free(hst);
    curl_free(prt);
    curl_url_cleanup(u);
    return rc;
}

/* perform_cancellable drives the easy handle through a multi handle, waking at least every
 * 100 ms to look at *cancel, so a cancel aborts even a transfer that receives nothing. */
static CURLcode
perform_cancellable(struct httpc *h, const volatile int *cancel, int *cancelled)
{
    if (!h->multi && !(h->multi = curl_multi_init())) {
        return CURLE_OUT_OF_MEMORY;
    }
    if (curl_multi_add_handle(h->multi, h->curl) != CURLM_OK) {
        return CURLE_FAILED_INIT;
    }
    CURLcode cc = CURLE_OK;
    int running = 1;
    while (running) {
        if (*cancel) {
            *cancelled = 1;
            cc = CURLE_ABORTED_BY_CALLBACK;
            break;
        }
        if (curl_multi_perform(h->multi, &running) != CURLM_OK) {
            cc = CURLE_RECV_ERROR;
            break;
        }
        if (running && curl_multi_poll(h->multi, NULL, 0, 100, NULL) != CURLM_OK) {
            cc = CURLE_RECV_ERROR;
            break;
        }
    }
    if (!running) {
        int left = 0;
        CURLMsg *m = curl_multi_info_read(h->multi, &left);
        cc = (m && m->msg == CURLMSG_DONE) ? m->data.result : CURLE_RECV_ERROR;
    }
    curl_multi_remove_handle(h->multi, h->curl);
    return cc;
}

const char *
httpc_version(void)
{
    return curl_version_info(CURLVERSION_NOW)->version;
}
