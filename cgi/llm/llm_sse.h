/* SPDX-License-Identifier: MIT */
/* llm_sse.h - incremental Server-Sent Events parser for provider streams. Fed arbitrary chunks
 * (any split: mid-line, mid-UTF-8, between CR and LF); calls back once per complete event.
 * Knows nothing of JSON or of any provider. */
#ifndef AG_LLM_SSE_H
#define AG_LLM_SSE_H

#include <stddef.h>

#include "../core/ag.h"
#include "../core/buf.h"

#define LLM_SSE_MAX_LINE  (1u << 20) /* a longer line fails with AG_ETOOBIG */
#define LLM_SSE_MAX_EVENT (4u << 20)

/* event is "message" unless the stream named it; data has its lines joined by "\n", is
 * NUL-terminated and borrowed for the call. Return non-zero (an AG_E*) to stop the parser. */
typedef int (*llm_sse_event_fn)(void *ctx, const char *event, const char *data, size_t len);

struct llm_sse {
    struct buf line;
    struct buf data;
    char event[64];
    int has_data;
    int after_cr; /* last byte was CR: a following LF belongs to the same line end */
    int started;  /* past a possible UTF-8 BOM */
    llm_sse_event_fn fn;
    void *ctx;
};

void llm_sse_init(struct llm_sse *s, llm_sse_event_fn fn, void *ctx);
/* llm_sse_feed consumes n bytes. Returns 0, the callback's non-zero value, AG_ETOOBIG or
 * AG_ENOMEM; after a failure the parser must only be freed. */
int llm_sse_feed(struct llm_sse *s, const char *p, size_t n) AG_MUST_CHECK;
/* llm_sse_finish ends the stream: a last unterminated line and a pending event are delivered. */
int llm_sse_finish(struct llm_sse *s) AG_MUST_CHECK;
void llm_sse_free(struct llm_sse *s);

#endif
