/* SPDX-License-Identifier: MIT */
/* buf.c - growable byte buffer. Grows geometrically; always keeps a NUL after the content. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(struct buf *b, size_t need);

void
buf_init(struct buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

static int
grow(struct buf *b, size_t need)
{
    if (need < b->len) {
        return AG_ENOMEM; /* overflow */
    }
    if (need + 1 <= b->cap) {
        return 0;
    }
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need + 1) {
        if (cap > ((size_t)-1) / 2) {
            return AG_ENOMEM;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        return AG_ENOMEM;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

int
buf_append(struct buf *b, const void *p, size_t n)
{
    if (grow(b, b->len + n) < 0) {
        return AG_ENOMEM;
    }
    if (n) {
        memcpy(b->data + b->len, p, n);
    }
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int
buf_puts(struct buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int
buf_putc(struct buf *b, char c)
{
    return buf_append(b, &c, 1);
}

int
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0) {
        return AG_EINVAL;
    }
    if (grow(b, b->len + (size_t)n) < 0) {
        return AG_ENOMEM;
    }
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

const char *
buf_cstr(const struct buf *b)
{
    return b->data ? b->data : "";
}

char *
buf_steal(struct buf *b)
{
    char *p = b->data;
    if (!p) {
        p = calloc(1, 1);
    }
    buf_init(b);
    return p;
}

void
buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->data) {
        b->data[0] = '\0';
    }
}

void
buf_free(struct buf *b)
{
    free(b->data);
    buf_init(b);
}
