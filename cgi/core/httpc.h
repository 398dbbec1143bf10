/* SPDX-License-Identifier: MIT */
/* httpc.h - libcurl wrapper for outgoing HTTP: timeouts always set, response size capped,
 * redirects off unless asked, TLS verified. One CURL handle per struct httpc (process lifetime). */
#ifndef AG_HTTPC_H
#define AG_HTTPC_H

#include <stddef.h>

#include "ag.h"
#include "buf.h"

struct httpc;

struct httpc_req {
    const char *method;        /* "GET", "POST", ... */
    const char *url;
    const char *const *headers; /* NULL-terminated "Name: value" lines, or NULL */
    const char *body;           /* may be NULL */
    size_t body_len;
    long timeout_ms;            /* whole request; 0 = 30 s */
    long connect_timeout_ms;    /* 0 = 5 s */
    size_t max_response;        /* 0 = 8 MiB */
};

struct httpc_resp {
    long status;
    struct buf body;
    char content_type[128];
};

/* Called for each received chunk when set (streaming); return non-zero to abort. */
typedef int (*httpc_chunk_fn)(void *ctx, const char *p, size_t n);

int httpc_global_init(void) AG_MUST_CHECK; /* once per process, before threads */
int httpc_new(struct httpc **out) AG_MUST_CHECK;
void httpc_free(struct httpc *h);
/* httpc_do performs the request. AG_EUPSTREAM on transport errors (logged without the URL's
 * query), AG_ETOOBIG past max_response. resp->body is owned by the caller (buf_free). */
int httpc_do(struct httpc *h, const struct httpc_req *rq, struct httpc_resp *resp,
             httpc_chunk_fn on_chunk, void *ctx) AG_MUST_CHECK;
const char *httpc_version(void);

#endif
