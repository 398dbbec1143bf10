/* SPDX-License-Identifier: MIT */
/* llm_sse.c - the SSE line protocol (WHATWG "event stream" interpretation): lines end in CRLF,
 * LF or CR; ':' starts a comment; "data" lines accumulate; a blank line dispatches. Only the
 * fields providers use (event, data) are kept; id and retry are ignored. */
#include "llm_sse.h"

#include <string.h>

static int on_line(struct llm_sse *s, const char *line, size_t len);
static int dispatch(struct llm_sse *s);

void
llm_sse_init(struct llm_sse *s, llm_sse_event_fn fn, void *ctx)
{
    memset(s, 0, sizeof(*s));
    s->fn = fn;
    s->ctx = ctx;
}

void
llm_sse_free(struct llm_sse *s)
{
    buf_free(&s->line);
    buf_free(&s->data);
}

static int
dispatch(struct llm_sse *s)
{
    int rc = 0;
    if (s->has_data) {
        size_t len = s->data.len;
        if (len > 0 && s->data.data[len - 1] == '\n') {
            len--; /* the newline added after the last data line */
        }
        if (buf_putc(&s->data, '\0') < 0) {
            return AG_ENOMEM;
        }
        s->data.data[len] = '\0';
        rc = s->fn(s->ctx, s->event[0] ? s->event : "message", s->data.data, len);
    }
    buf_reset(&s->data);
    s->has_data = 0;
    s->event[0] = '\0';
    return rc;
}

static int
on_line(struct llm_sse *s, const char *line, size_t len)
{
    if (len == 0) {
        return dispatch(s);
    }
    if (line[0] == ':') {
        return 0; /* comment (heartbeat) */
    }
    const char *colon = memchr(line, ':', len);
    size_t flen = colon ? (size_t)(colon - line) : len;
    const char *val = colon ? colon + 1 : line + len;
    size_t vlen = len - (size_t)(val - line);
    if (vlen > 0 && val[0] == ' ') {
        val++;
        vlen--;
    }
    if (flen == 4 && memcmp(line, "data", 4) == 0) {
        if (s->data.len + vlen + 1 > LLM_SSE_MAX_EVENT) {
            return AG_ETOOBIG;
        }
        s->has_data = 1;
        if (buf_append(&s->data, val, vlen) < 0 || buf_putc(&s->data, '\n') < 0) {
            return AG_ENOMEM;
        }
    } else if (flen == 5 && memcmp(line, "event", 5) == 0) {
        size_t n = vlen < sizeof(s->event) - 1 ? vlen : sizeof(s->event) - 1;
        memcpy(s->event, val, n);
        s->event[n] = '\0';
    }
    return 0;
}

int
llm_sse_feed(struct llm_sse *s, const char *p, size_t n)
{
    size_t i = 0;
    if (!s->started && n > 0) {
        /* a UTF-8 BOM may open the stream; it can itself arrive split */
        static const char bom[] = "\xEF\xBB\xBF";
        size_t have = s->line.len;
        while (i < n && have + i < 3 && p[i] == bom[have + i]) {
            i++;
        }
        if (have + i < 3 && i == n) {
            return buf_append(&s->line, p, n) < 0 ? AG_ENOMEM : 0; /* still a BOM prefix */
        }
        if (have + i < 3) { /* not a BOM after all: what we held is content */
            i = 0;
        } else {
            buf_reset(&s->line);
        }
        s->started = 1;
    }
    while (i < n) {
        char ch = p[i];
        if (s->after_cr && ch == '\n') {
            s->after_cr = 0;
            i++;
            continue;
        }
        s->after_cr = 0;
        const char *end = p + i;
        size_t left = n - i, k = 0;
        while (k < left && end[k] != '\n' && end[k] != '\r') {
            k++;
        }
        if (s->line.len + k > LLM_SSE_MAX_LINE) {
            return AG_ETOOBIG;
        }
        if (k > 0 && buf_append(&s->line, end, k) < 0) {
            return AG_ENOMEM;
        }
        i += k;
        if (i == n) {
            break; /* line continues in the next chunk */
        }
        s->after_cr = p[i] == '\r';
        i++;
        int rc = on_line(s, s->line.data ? s->line.data : "", s->line.len);
        buf_reset(&s->line);
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

int
llm_sse_finish(struct llm_sse *s)
{
    int rc = 0;
    if (s->line.len > 0) {
        rc = on_line(s, s->line.data, s->line.len);
        buf_reset(&s->line);
    }
    return rc != 0 ? rc : dispatch(s);
}
