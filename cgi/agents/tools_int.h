/* SPDX-License-Identifier: MIT */
/* tools_int.h - what the tool_*.c files share with tools.c (dispatch, messages, limits, UTF-8,
 * confined paths). Not for use outside cgi/agents/tool*. */
#ifndef AG_TOOLS_INT_H
#define AG_TOOLS_INT_H

#include <json-c/json.h>
#include <stddef.h>

#include "tools.h"

/* One tool: fill the result object out (owned by the caller) or return AG_E* with err set. */
typedef int (*tools_run_fn)(const struct tool_ctx *ctx, struct json_object *args,
                            struct json_object *out, char *err, size_t errcap);

int tools_http_run(const struct tool_ctx *ctx, struct json_object *args, struct json_object *out,
                   char *err, size_t errcap) AG_MUST_CHECK;
int tools_file_run(const struct tool_ctx *ctx, struct json_object *args, struct json_object *out,
                   char *err, size_t errcap) AG_MUST_CHECK;
int tools_sql_run(const struct tool_ctx *ctx, struct json_object *args, struct json_object *out,
                  char *err, size_t errcap) AG_MUST_CHECK;
int tools_vector_run(const struct tool_ctx *ctx, struct json_object *args, struct json_object *out,
                     char *err, size_t errcap) AG_MUST_CHECK;
int tools_pdf_run(const struct tool_ctx *ctx, struct json_object *args, struct json_object *out,
                  char *err, size_t errcap) AG_MUST_CHECK;
int tools_search_run(const struct tool_ctx *ctx, struct json_object *args, struct json_object *out,
                     char *err, size_t errcap) AG_MUST_CHECK;

/* tools_fail writes the message into err (truncating) and returns code, for `return
 * tools_fail(...)` on every error path. */
int tools_fail(char *err, size_t errcap, int code, const char *fmt, ...)
    AG_PRINTF(4, 5) AG_MUST_CHECK;
/* tools_limits: ctx->limits with every zero field replaced by its default. */
struct tool_limits tools_limits(const struct tool_ctx *ctx);
/* tools_check_keys: AG_EINVAL (message in err) when args is not an object or has a member not in
 * the NULL-terminated allowed list. */
int tools_check_keys(struct json_object *args, const char *const *allowed, char *err,
                     size_t errcap) AG_MUST_CHECK;
/* tools_arg_str: a string member (no NUL bytes inside) of at most maxlen bytes; *out NULL when
 * absent and not required. AG_EINVAL with a message otherwise. */
int tools_arg_str(struct json_object *args, const char *key, int required, size_t maxlen,
                  const char **out, char *err, size_t errcap) AG_MUST_CHECK;
/* tools_add_text adds key: the n bytes at p as a JSON string, with invalid UTF-8 and NUL bytes
 * replaced by U+FFFD (LLM context must be valid text). AG_ENOMEM. */
int tools_add_text(struct json_object *o, const char *key, const char *p, size_t n) AG_MUST_CHECK;
/* tools_utf8_clean appends the cleaned form of p[0..n) to b; an incomplete sequence at the very end
 * (a cut by a size cap) is dropped rather than replaced. AG_ENOMEM. */
int tools_utf8_clean(struct buf *b, const char *p, size_t n) AG_MUST_CHECK;
/* tools_url_encode appends s percent-encoded (RFC 3986 unreserved kept) to b. AG_ENOMEM. */
int tools_url_encode(struct buf *b, const char *s) AG_MUST_CHECK;

/* tools_open_beneath opens rel inside the directory root without ever leaving it: rel must be
 * relative, without "..", NUL or control characters; every component is opened with openat and
 * O_NOFOLLOW from root's descriptor, so a symlink anywhere in the path is refused. With mkdirs,
 * missing intermediate directories are created (0750). flags are openat flags for the last
 * component (O_NOFOLLOW|O_CLOEXEC are added). The normalised relative path goes into norm.
 * AG_EINVAL bad path, AG_EFORBIDDEN escape attempt (symlink), AG_ENOTFOUND missing, AG_EINTERNAL
 * other errors; err says which. *fd is owned by the caller. */
int tools_open_beneath(const char *root, const char *rel, int flags, int mkdirs, int *fd,
                       char *norm, size_t normcap, char *err, size_t errcap) AG_MUST_CHECK;

#endif
