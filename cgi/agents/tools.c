/* SPDX-License-Identifier: MIT */
/* tools.c - the built-in tool table (dispatch, argument schemas, descriptions) and the helpers
 * every tool_*.c shares: error messages, limits with defaults, argument checks, UTF-8 cleaning. The
 * tools themselves are in tool_http.c, tool_file.c, tool_sql.c, tool_vector.c, tool_pdf.c and
 * tool_search.c. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/jsn.h"
#include "../engine/catalog.h"
#include "tools_int.h"

struct tool_def {
    const char *id;
    tools_run_fn run;
    const char *description;
    const char *schema;
};

static const struct tool_def *find_tool(const char *id);
static size_t utf8_seq_len(const unsigned char *p, size_t n);
static int cut_at_end(const unsigned char *p, size_t n);

/* Schemas are JSON-schema text handed to the LLM as function parameters. */
static const struct tool_def tool_defs[] = {
    {"http_client", tools_http_run,
     "Make an HTTP request (GET, POST, PUT, PATCH, DELETE) to an allowed host "
     "and return the "
     "status, content type and body text.",
     "{\"type\":\"object\",\"properties\":{"
     "\"url\":{\"type\":\"string\",\"description\":\"absolute http:// or "
     "https:// URL\"},"
     "\"method\":{\"type\":\"string\",\"enum\":[\"GET\",\"POST\",\"PUT\","
     "\"PATCH\",\"DELETE\"]},"
     "\"headers\":{\"type\":\"object\",\"additionalProperties\":{\"type\":"
     "\"string\"}},"
     "\"body\":{\"type\":\"string\",\"description\":\"request body (not with "
     "GET)\"}},"
     "\"required\":[\"url\"],\"additionalProperties\":false}"},
    {"file_writer", tools_file_run,
     "Write a text file inside the run's output folder (relative path; folders "
     "are created).",
     "{\"type\":\"object\",\"properties\":{"
     "\"path\":{\"type\":\"string\",\"description\":\"relative path such as "
     "notes/summary.md\"},"
     "\"content\":{\"type\":\"string\"},"
     "\"append\":{\"type\":\"boolean\",\"description\":\"append instead of "
     "replacing\"}},"
     "\"required\":[\"path\",\"content\"],\"additionalProperties\":false}"},
    {"sql_query", tools_sql_run,
     "Run one read-only SQL SELECT on the configured SQLite database and "
     "return the rows.",
     "{\"type\":\"object\",\"properties\":{"
     "\"query\":{\"type\":\"string\",\"description\":\"a single SELECT "
     "statement; use ? for "
     "parameters\"},"
     "\"params\":{\"type\":\"array\",\"items\":{\"type\":[\"string\","
     "\"number\",\"null\"]}}},"
     "\"required\":[\"query\"],\"additionalProperties\":false}"},
    {"vector_search", tools_vector_run,
     "Search the documents uploaded to this project (BM25 ranking); returns "
     "the best matches "
     "with a snippet.",
     "{\"type\":\"object\",\"properties\":{"
     "\"query\":{\"type\":\"string\"},"
     "\"k\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":50,\"description\":"
     "\"how many "
     "results (default 5)\"}},"
     "\"required\":[\"query\"],\"additionalProperties\":false}"},
    {"pdf_reader", tools_pdf_run,
     "Extract the text of a PDF file from the run's folder or the project's "
     "uploads.",
     "{\"type\":\"object\",\"properties\":{"
     "\"path\":{\"type\":\"string\",\"description\":\"relative path of the PDF "
     "file\"}},"
     "\"required\":[\"path\"],\"additionalProperties\":false}"},
    {"web_search", tools_search_run,
     "Search the web and return the top results (title, url, snippet).",
     "{\"type\":\"object\",\"properties\":{"
     "\"query\":{\"type\":\"string\"},"
     "\"max_results\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":20}},"
     "\"required\":[\"query\"],\"additionalProperties\":false}"},
};

static const struct tool_def *
find_tool(const char *id)
{
    for (size_t i = 0; id && i < AG_NELEM(tool_defs); i++) {
        if (strcmp(tool_defs[i].id, id) == 0) {
            return &tool_defs[i];
        }
    }
    return NULL;
}

int
tools_call(const struct tool_ctx *ctx, const char *tool_id, struct json_object *args,
           struct buf *result, char *err, size_t errcap)
{
    if (errcap > 0) {
        err[0] = '\0';
    }
    const struct tool_def *t = find_tool(tool_id);
    if (!t) {
        return tools_fail(err, errcap, AG_ENOTFOUND, "unknown tool \"%s\"", tool_id ? tool_id : "");
    }
    struct json_object *empty = NULL;
    if (!args) {
        empty = json_object_new_object();
        if (!empty) {
            return AG_ENOMEM;
        }
        args = empty;
    }
    struct json_object *out = json_object_new_object();
    int rc = out ? t->run(ctx, args, out, err, errcap) : AG_ENOMEM;
    if (rc == 0) {
        size_t len = result->len;
        rc = jsn_dump(out, result);
        if (rc < 0) {
            result->len = len; /* leave *result as it was */
        }
    }
    if (rc == AG_ENOMEM && errcap > 0 && err[0] == '\0') {
        AG_IGNORE(tools_fail(err, errcap, rc, "%s: out of memory", t->id));
    }
    json_object_put(out);
    json_object_put(empty);
    return rc;
}

const char *
tools_schema(const char *tool_id)
{
    const struct tool_def *t = find_tool(tool_id);
    return t ? t->schema : NULL;
}

const char *
tools_description(const char *tool_id)
{
    const struct tool_def *t = find_tool(tool_id);
    return t ? t->description : NULL;
}

int
tools_is_read_only(const char *tool_id)
{
    const struct cat_tool *c = find_tool(tool_id) ? catalog_tool(tool_id) : NULL;
    return c ? c->read_only : 0;
}

int
tools_fail(char *err, size_t errcap, int code, const char *fmt, ...)
{
    if (errcap > 0) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(err, errcap, fmt, ap);
        va_end(ap);
        if (n < 0) {
            err[0] = '\0';
        }
    }
    return code;
}

struct tool_limits
tools_limits(const struct tool_ctx *ctx)
{
    struct tool_limits l = ctx->limits;
    l.http_max_bytes = l.http_max_bytes ? l.http_max_bytes : 1u << 20;
    l.http_timeout_ms = l.http_timeout_ms > 0 ? l.http_timeout_ms : 15000;
    l.http_max_redirects = l.http_max_redirects < 0    ? 0
                           : l.http_max_redirects == 0 ? 3
                                                       : l.http_max_redirects;
    l.file_max_bytes = l.file_max_bytes ? l.file_max_bytes : 1u << 20;
    l.sql_max_rows = l.sql_max_rows > 0 ? l.sql_max_rows : 200;
    l.sql_timeout_ms = l.sql_timeout_ms > 0 ? l.sql_timeout_ms : 3000;
    l.sql_max_bytes = l.sql_max_bytes ? l.sql_max_bytes : 1u << 20;
    l.pdf_max_bytes = l.pdf_max_bytes ? l.pdf_max_bytes : 1u << 20;
    l.pdf_timeout_ms = l.pdf_timeout_ms > 0 ? l.pdf_timeout_ms : 20000;
    l.search_max_results = l.search_max_results > 0 ? l.search_max_results : 10;
    return l;
}

int
tools_check_keys(struct json_object *args, const char *const *allowed, char *err, size_t errcap)
{
    if (!json_object_is_type(args, json_type_object)) {
        return tools_fail(err, errcap, AG_EINVAL, "arguments must be a JSON object");
    }
    json_object_object_foreach(args, key, val)
    {
        (void)val;
        int known = 0;
        for (const char *const *a = allowed; *a && !known; a++) {
            known = strcmp(*a, key) == 0;
        }
        if (!known) {
            return tools_fail(err, errcap, AG_EINVAL, "unknown argument \"%.60s\"", key);
        }
    }
    return 0;
}

int
tools_arg_str(struct json_object *args, const char *key, int required, size_t maxlen,
              const char **out, char *err, size_t errcap)
{
    struct json_object *v = NULL;
    *out = NULL;
    if (!json_object_object_get_ex(args, key, &v) || json_object_is_type(v, json_type_null)) {
        return required ? tools_fail(err, errcap, AG_EINVAL, "\"%s\" is required", key) : 0;
    }
    if (!json_object_is_type(v, json_type_string)) {
        return tools_fail(err, errcap, AG_EINVAL, "\"%s\" must be a string", key);
    }
    const char *s = json_object_get_string(v);
    size_t len = (size_t)json_object_get_string_len(v);
    if (strlen(s) != len) {
        return tools_fail(err, errcap, AG_EINVAL, "\"%s\" contains a NUL character", key);
    }
    if (len > maxlen) {
        return tools_fail(err, errcap, AG_EINVAL, "\"%s\" is longer than %zu bytes", key, maxlen);
    }
    if (required && len == 0) {
        return tools_fail(err, errcap, AG_EINVAL, "\"%s\" must not be empty", key);
    }
    *out = s;
    return 0;
}

/* utf8_seq_len: length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, surrogates or code
 * points past U+10FFFF), 0 when invalid or cut short. */
static size_t
utf8_seq_len(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c < 0x80) {
        return 1;
    }
    size_t len = 0;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
    }
    if (len == 0 || len > n) {
        return 0;
    }
    unsigned lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
    if (c == 0xe0) {
        lo = 0xa0;
    } else if (c == 0xed) {
        hi = 0x9f;
    } else if (c == 0xf0) {
        lo = 0x90;
    } else if (c == 0xf4) {
        hi = 0x8f;
    }
    if (p[1] < lo || p[1] > hi) {
        return 0;
    }
    for (size_t i = 2; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            return 0;
        }
    }
    return len;
}

/* cut_at_end: p[0..n) is a UTF-8 lead byte followed by too few continuation bytes. */
static int
cut_at_end(const unsigned char *p, size_t n)
{
    size_t want = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : 2;
    if (p[0] < 0xc2 || p[0] > 0xf4 || n >= want) {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            return 0;
        }
    }
    return 1;
}

int
tools_utf8_clean(struct buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0; /* bytes [i - run, i) are valid and not yet appended */
    while (i < n) {
        size_t k = p[i] == 0 ? 0 : utf8_seq_len(p + i, n - i);
        if (k > 0) {
            i += k;
            run += k;
            continue;
        }
        if (buf_append(b, p + i - run, run) < 0) {
            return AG_ENOMEM;
        }
        run = 0;
        if (cut_at_end(p + i, n - i)) {
            return 0;
        }
        if (buf_puts(b, "\xef\xbf\xbd") < 0) {
            return AG_ENOMEM;
        }
        i++;
    }
    return buf_append(b, p + n - run, run) < 0 ? AG_ENOMEM : 0;
}

int
tools_add_text(struct json_object *o, const char *key, const char *p, size_t n)
{
    struct buf b = BUF_INIT;
    int rc = tools_utf8_clean(&b, p, n);
    if (rc == 0) {
        struct json_object *s = json_object_new_string_len(buf_cstr(&b), (int)b.len);
        rc = s ? jsn_add(o, key, s) : AG_ENOMEM;
    }
    buf_free(&b);
    return rc;
}

int
tools_url_encode(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                   (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~';
        char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
        if (keep ? buf_putc(b, (char)*p) < 0 : buf_append(b, enc, 3) < 0) {
            return AG_ENOMEM;
        }
    }
    return 0;
}
