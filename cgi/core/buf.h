/* SPDX-License-Identifier: MIT */
/* buf.h - growable byte buffer (heap memory, owned by the struct).
 * The content is always NUL-terminated after a successful append. */
#ifndef AG_BUF_H
#define AG_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "ag.h"

struct buf {
    char *data; /* NULL until the first append; then NUL-terminated */
    size_t len;
    size_t cap;
};

#define BUF_INIT {NULL, 0, 0}

void buf_init(struct buf *b);
/* buf_append copies n bytes; AG_ENOMEM on allocation failure (buffer unchanged). */
int buf_append(struct buf *b, const void *p, size_t n) AG_MUST_CHECK;
int buf_puts(struct buf *b, const char *s) AG_MUST_CHECK;
int buf_putc(struct buf *b, char c) AG_MUST_CHECK;
int buf_printf(struct buf *b, const char *fmt, ...) AG_PRINTF(2, 3) AG_MUST_CHECK;
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) AG_PRINTF(2, 0) AG_MUST_CHECK;
/* buf_cstr returns the content as a C string ("" when empty); borrowed. */
const char *buf_cstr(const struct buf *b);
/* buf_steal hands the heap string to the caller (free()) and empties the buffer. */
char *buf_steal(struct buf *b);
void buf_reset(struct buf *b); /* len = 0, keeps memory */
void buf_free(struct buf *b);

#endif
