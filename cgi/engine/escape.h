/* SPDX-License-Identifier: MIT */
/* escape.h - one escaper per output context of a generated project. Each appends the escaped
 * form of in (a NUL-terminated byte string, any bytes) to out and returns 0 or AG_E*.
 * Invalid UTF-8 becomes U+FFFD; invisible/bidi/line-separator code points are \u-escaped where
 * the context has escapes. escape_register makes them template functions (py, yaml, ...). */
#ifndef AG_ESCAPE_H
#define AG_ESCAPE_H

#include "../core/buf.h"

/* A complete double-quoted Python string literal, quotes included; pure ASCII output. */
int esc_py(const char *in, struct buf *out) AG_MUST_CHECK;
/* Text for the inside of a """ docstring: \ and " escaped, newlines kept. */
int esc_pydoc(const char *in, struct buf *out) AG_MUST_CHECK;
/* A double-quoted YAML scalar, quotes included, never a raw newline. */
int esc_yaml(const char *in, struct buf *out) AG_MUST_CHECK;
/* Markdown inline text: markup characters backslash-escaped, < > & as entities, newlines
 * as spaces. */
int esc_md(const char *in, struct buf *out) AG_MUST_CHECK;
/* A TOML basic string, quotes included. */
int esc_toml(const char *in, struct buf *out) AG_MUST_CHECK;
/* A JSON-style quoted string for Dockerfile LABEL values: no newline, $ escaped. */
int esc_docker(const char *in, struct buf *out) AG_MUST_CHECK;
/* A Python identifier, copied; AG_EINVAL if in is not one (or is a keyword). */
int esc_ident(const char *in, struct buf *out) AG_MUST_CHECK;
/* A JSON string, quotes included (also escapes < > & for embedding). */
int esc_json(const char *in, struct buf *out) AG_MUST_CHECK;

/* escape_register registers all of the above as template functions; call once at start-up. */
int escape_register(void) AG_MUST_CHECK;

/* The registered names, NULL-terminated (used by the template lint test). */
extern const char *const escape_names[];

#endif
