/* SPDX-License-Identifier: MIT */
/* tools.h - the built-in tools an agent may call (catalogue ids: http_client, file_writer,
 * sql_query, vector_search, pdf_reader, web_search), run in-process by the agent runtime. Each call
 * takes JSON arguments (as produced by an LLM function call) and appends a JSON result. Permission
 * modes (Safe/Ask/Dev) are the runtime's business; tools_is_read_only helps it. */
#ifndef AG_TOOLS_H
#define AG_TOOLS_H

#include <json-c/json.h>
#include <stddef.h>

#include "../core/ag.h"
#include "../core/buf.h"

/* Limits; a zero field takes the default in brackets. */
struct tool_limits {
    size_t http_max_bytes;  /* http_client / web_search response body [1 MiB], then truncated */
    long http_timeout_ms;   /* whole request [15000] */
    int http_max_redirects; /* followed by hand, each re-checked [3]; -1 = none */
    size_t file_max_bytes;  /* file_writer content, and the file after an append [1 MiB] */
    int sql_max_rows;       /* [200], then truncated */
    long sql_timeout_ms;    /* [3000] */
    size_t sql_max_bytes;   /* JSON text of the rows [1 MiB], then truncated */
    size_t pdf_max_bytes;   /* extracted text [1 MiB], then truncated */
    long pdf_timeout_ms;    /* pdftotext wall clock [20000], then killed */
    int search_max_results; /* web_search and vector_search top-n ceiling [10] */
};

/* Everything a tool may touch, borrowed for the duration of the call. NULL disables the tool that
 * needs the field, with a clear error telling the user what to configure. */
struct tool_ctx {
    const char *run_dir;    /* file_writer root; pdf_reader looks here first */
    const char *upload_dir; /* pdf_reader looks here second (the project's uploads) */
    const char *docs_db;    /* vector_search: SQLite file holding the FTS5 table (tools_docs_*) */
    long long docs_project; /* vector_search: only documents of this project; 0 = all */
    const char *sql_db;     /* sql_query: SQLite file opened read-only */
    /* http_client: hosts ("example.com", "*.example.com" for subdomains, "127.0.0.1", "::1") that
     * may be reached, even on loopback/private/link-local addresses; NULL-terminated. */
    const char *const *http_allow_hosts;
    int http_allow_public;       /* 1: any other host on a public address is allowed too */
    const char *search_endpoint; /* SearxNG search URL (…/search); admin-set, may be loopback */
    /* Set non-zero (from another thread) to stop a running call within ~100 ms: HTTP transfers, the
     * SQL query and pdftotext are aborted and the call returns AG_EBUSY. May be NULL. */
    const volatile int *cancel;
    struct tool_limits limits;
};

/* tools_call runs tool_id with args (a JSON object; borrowed) and appends the JSON result object to
 * *result. On failure returns AG_E* (AG_EINVAL bad arguments, AG_EFORBIDDEN refused by policy,
 * AG_ENOTFOUND unknown tool or missing file, AG_EUPSTREAM remote or child failure, AG_EINTERNAL not
 * configured or local failure, AG_ENOMEM) and writes a one-line message for the user/LLM into err
 * (always NUL-terminated when errcap > 0); *result is then unchanged. */
int tools_call(const struct tool_ctx *ctx, const char *tool_id, struct json_object *args,
               struct buf *result, char *err, size_t errcap) AG_MUST_CHECK;

/* tools_schema: the JSON-schema (static text) of tool_id's arguments, for LLM function definitions;
 * NULL for an unknown id. tools_description: one line for the same purpose. */
const char *tools_schema(const char *tool_id);
const char *tools_description(const char *tool_id);
/* tools_is_read_only: 1 when the tool can't change anything (catalogue flag), 0 otherwise or for an
 * unknown id. */
int tools_is_read_only(const char *tool_id);

/* Documents for vector_search (they live in ctx->docs_db, created on first use; this module opens
 * its own SQLite handle on that file). tools_docs_add stores title + text for project (> 0) and
 * sets *id. AG_EINVAL on empty text, AG_EDB on SQLite failure. */
int tools_docs_add(const char *docs_db, long long project, const char *title, const char *text,
                   long long *id) AG_MUST_CHECK;
/* tools_docs_delete removes one document; AG_ENOTFOUND when there is none with that id. */
int tools_docs_delete(const char *docs_db, long long id) AG_MUST_CHECK;

#endif
