/* SPDX-License-Identifier: MIT */
/* httpc.h - libcurl wrapper for outgoing HTTP: timeouts always set, response size capped,
 * redirects off unless asked, TLS verified. One CURL handle per struct httpc (process lifetime). */
#ifndef AG_HTTPC_H
#define AG_HTTPC_H

#include <stddef.h>
#include <sys/socket.h>

#include "ag.h"
#include "buf.h"

struct httpc;

/* Called with every address libcurl is about to connect to (after any DNS); non-zero refuses the
 * connection (the transfer then fails with AG_EUPSTREAM). Used to pin outgoing tool requests to
 * checked addresses, so DNS rebinding can't reach a different host. */
typedef int (*httpc_sock_fn)(void *ctx, const struct sockaddr *sa, socklen_t salen);

struct httpc_req {
    const char *method;        /* "GET", "POST", ... */
    const char *url;
    const char *const *headers; /* NULL-terminated "Name: value" lines, or NULL */
    const char *body;           /* may be NULL */
    size_t body_len;
    long timeout_ms;            /* whole request; 0 = 30 s */
    long connect_timeout_ms;    /* 0 = 5 s */
    size_t max_response;        /* 0 = 8 MiB */
    /* Optional, all zero by default: */
    const char *const *resolve; /* NULL-terminated CURLOPT_RESOLVE lines "host:port:addr[,addr]" */
    httpc_sock_fn sock_check;   /* see above; sock_ctx is its first argument */
    void *sock_ctx;
    int no_proxy;               /* ignore proxy environment variables (connect directly) */
    int truncate;               /* past max_response: keep the first max_response bytes, stop,
                                   and succeed with resp->truncated = 1 instead of AG_ETOOBIG */
    const volatile int *cancel; /* non-zero aborts the transfer within ~100 ms (resp->cancelled) */
    int discard_streamed;       /* with on_chunk: 2xx bodies go only to on_chunk, not resp->body,
                                   and max_response does not apply to them */
};

struct httpc_resp {
    long status;
    struct buf body;
    char content_type[128];
    int truncated;          /* only with httpc_req.truncate */
    char redirect_url[2048]; /* absolute Location of a 3xx (redirects are never followed); ""
                                when absent or longer than the buffer */
    long retry_after_s; /* Retry-After of the reply in seconds (0 = none) */
    int cancelled;      /* *rq->cancel aborted the transfer (httpc_do returns AG_EUPSTREAM) */
    int aborted;        /* on_chunk returned non-zero (httpc_do returns AG_EUPSTREAM) */
};

/* Called for each received chunk when set (streaming); return non-zero to abort. resp->status
 * is already set when it is called, so a ctx holding the resp can tell error bodies apart. */
typedef int (*httpc_chunk_fn)(void *ctx, const char *p, size_t n);

int httpc_global_init(void) AG_MUST_CHECK; /* once per process, before threads */
int httpc_new(struct httpc **out) AG_MUST_CHECK;
void httpc_free(struct httpc *h);
/* httpc_do performs the request. AG_EUPSTREAM on transport errors (logged without the URL's
 * query), AG_ETOOBIG past max_response. resp->body is owned by the caller (buf_free). */
int httpc_do(struct httpc *h, const struct httpc_req *rq, struct httpc_resp *resp,
             httpc_chunk_fn on_chunk, void *ctx) AG_MUST_CHECK;
const char *httpc_version(void);

/* httpc_url_split parses an absolute URL the way libcurl will (IPv4 shorthand normalised, so
 * "http://2130706433/" gives "127.0.0.1"): scheme and host (IPv6 without brackets, lower-case
 * not guaranteed) into caller buffers, and the port (scheme default when absent).
 * AG_EINVAL for a malformed or relative URL or one whose parts don't fit. */
int httpc_url_split(const char *url, char *scheme, size_t scheme_cap, char *host, size_t host_cap,
                    int *port) AG_MUST_CHECK;

#endif
