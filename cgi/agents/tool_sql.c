/* SPDX-License-Identifier: MIT */
/* tool_sql.c - the sql_query tool: one read-only SELECT on a configured SQLite file. Exception to
 * "only db.c calls sqlite3": this tool opens its own handle on a database that is not the
 * application's (SQLITE_OPEN_READONLY, defensive mode, no extensions) and guards it with an
 * authorizer that allows only SELECT/READ/FUNCTION (plus schema-reading pragmas), one statement, a
 * row/byte cap and a time cap (progress handler). */
#include <sqlite3.h>
#include <string.h>
#include <strings.h>

#include "../core/jsn.h"
#include "tools_int.h"

#define MAX_SQL    65536
#define MAX_PARAMS 32

struct sql_run {
    long long deadline_ms;
    const volatile int *cancel;
    int timed_out;
    int cancelled;
};

static int authorize(void *ud, int action, const char *a1, const char *a2, const char *db,
                     const char *trigger);
static int on_progress(void *ud);
static int open_db(const char *path, const struct tool_limits *lim, struct sql_run *run,
                   sqlite3 **out, char *err, size_t errcap);
static int prepare_one(sqlite3 *db, const char *sql, sqlite3_stmt **out, char *err, size_t errcap);
static int bind_params(sqlite3_stmt *st, struct json_object *params, char *err, size_t errcap);
static int add_row(sqlite3_stmt *st, int n_cols, struct json_object *rows, size_t *bytes);
static int collect(sqlite3_stmt *st, const struct tool_limits *lim, struct sql_run *run,
                   struct json_object *out, char *err, size_t errcap);

static int
authorize(void *ud, int action, const char *a1, const char *a2, const char *db, const char *trigger)
{
    /* Pragmas that only describe the schema; any other (or any assignment) is refused. */
    static const char *const pragmas[] = {"table_info",      "table_xinfo", "table_list",
                                          "index_list",      "index_info",  "index_xinfo",
                                          "foreign_key_list"};
    (void)ud, (void)db, (void)trigger;
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_FUNCTION:
        return a2 && (strcasecmp(a2, "load_extension") == 0 ||
                      strcasecmp(a2, "fts3_tokenizer") == 0)
                   ? SQLITE_DENY
                   : SQLITE_OK;
    case SQLITE_PRAGMA:
        for (size_t i = 0; a1 && i < AG_NELEM(pragmas); i++) {
            if (strcasecmp(a1, pragmas[i]) == 0) {
                return SQLITE_OK;
            }
        }
        return SQLITE_DENY;
    default: /* INSERT UPDATE DELETE CREATE_* DROP_* ALTER ATTACH DETACH TRANSACTION ... */
        return SQLITE_DENY;
    }
}

static int
on_progress(void *ud)
{
    struct sql_run *run = ud;
    if (run->cancel && *run->cancel) {
        run->cancelled = 1;
        return 1;
    }
    if (ag_mono_ms() > run->deadline_ms) {
        run->timed_out = 1;
        return 1;
    }
    return 0;
}

static int
open_db(const char *path, const struct tool_limits *lim, struct sql_run *run, sqlite3 **out,
        char *err, size_t errcap)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return tools_fail(err, errcap, AG_EINTERNAL, "sql_query: the database is not available");
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, MAX_SQL);
    size_t maxlen = lim->sql_max_bytes * 2 > 0x7fffffff ? 0x7fffffff : lim->sql_max_bytes * 2;
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, (int)maxlen); /* no zeroblob(1e9) / printf bombs */
    sqlite3_busy_timeout(db, 200);
    sqlite3_progress_handler(db, 1000, on_progress, run);
    sqlite3_set_authorizer(db, authorize, NULL);
    *out = db;
    return 0;
}

/* prepare_one prepares exactly one statement; anything but whitespace/comments after it fails. */
static int
prepare_one(sqlite3 *db, const char *sql, sqlite3_stmt **out, char *err, size_t errcap)
{
    const char *tail = NULL;
    sqlite3_stmt *st = NULL, *extra = NULL;
    if (sqlite3_prepare_v3(db, sql, -1, 0, &st, &tail) != SQLITE_OK) {
        int denied = sqlite3_errcode(db) == SQLITE_AUTH;
        return tools_fail(err, errcap, denied ? AG_EFORBIDDEN : AG_EINVAL,
                          denied ? "sql_query: only read-only SELECT statements are allowed (%s)"
                                 : "sql_query: %s",
                          sqlite3_errmsg(db));
    }
    if (!st) {
        return tools_fail(err, errcap, AG_EINVAL, "sql_query: the query is empty");
    }
    int more = tail && *tail &&
               (sqlite3_prepare_v3(db, tail, -1, 0, &extra, NULL) != SQLITE_OK || extra != NULL);
    sqlite3_finalize(extra);
    if (more) {
        sqlite3_finalize(st);
        return tools_fail(err, errcap, AG_EINVAL, "sql_query: send exactly one statement");
    }
    if (!sqlite3_stmt_readonly(st)) {
        sqlite3_finalize(st);
        return tools_fail(err, errcap, AG_EFORBIDDEN,
                          "sql_query: only read-only SELECT "
                          "statements are allowed");
    }
    *out = st;
    return 0;
}

static int
bind_params(sqlite3_stmt *st, struct json_object *params, char *err, size_t errcap)
{
    if (!params) {
        return 0;
    }
    if (!json_object_is_type(params, json_type_array) ||
        json_object_array_length(params) > MAX_PARAMS ||
        (int)json_object_array_length(params) != sqlite3_bind_parameter_count(st)) {
        return tools_fail(err, errcap, AG_EINVAL,
                          "sql_query: \"params\" must be an array with one value per ?");
    }
    for (size_t i = 0; i < json_object_array_length(params); i++) {
        struct json_object *v = json_object_array_get_idx(params, i);
        int idx = (int)i + 1, src;
        switch (json_object_get_type(v)) {
        case json_type_null:
            src = sqlite3_bind_null(st, idx);
            break;
        case json_type_int:
        case json_type_boolean:
            src = sqlite3_bind_int64(st, idx, json_object_get_int64(v));
            break;
        case json_type_double:
            src = sqlite3_bind_double(st, idx, json_object_get_double(v));
            break;
        case json_type_string:
            src = sqlite3_bind_text(st, idx, json_object_get_string(v),
                                    json_object_get_string_len(v), SQLITE_TRANSIENT);
            break;
        default:
            return tools_fail(err, errcap, AG_EINVAL,
                              "sql_query: parameter %d must be a string, "
                              "number or null",
                              idx);
        }
        if (src != SQLITE_OK) {
            return tools_fail(err, errcap, AG_EINVAL, "sql_query: cannot bind parameter %d", idx);
        }
    }
    return 0;
}

static int
add_row(sqlite3_stmt *st, int n_cols, struct json_object *rows, size_t *bytes)
{
    struct json_object *row = json_object_new_array();
    int rc = row ? 0 : AG_ENOMEM;
    for (int i = 0; i < n_cols && rc == 0; i++) {
        struct json_object *v = NULL, *holder = json_object_new_object();
        if (!holder) {
            rc = AG_ENOMEM;
            break;
        }
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER:
            v = json_object_new_int64(sqlite3_column_int64(st, i));
            *bytes += 20;
            break;
        case SQLITE_FLOAT:
            v = json_object_new_double(sqlite3_column_double(st, i));
            *bytes += 24;
            break;
        case SQLITE_TEXT:
            rc = tools_add_text(holder, "v", (const char *)sqlite3_column_text(st, i),
                                (size_t)sqlite3_column_bytes(st, i));
            v = rc == 0 ? json_object_get(json_object_object_get(holder, "v")) : NULL;
            *bytes += (size_t)sqlite3_column_bytes(st, i) + 2;
            break;
        case SQLITE_BLOB:
            v = json_object_new_string("[blob]");
            *bytes += 8;
            break;
        default:
            *bytes += 4;
            break; /* NULL stays a JSON null */
        }
        json_object_put(holder);
        if (rc == 0 && json_object_array_add(row, v) != 0) {
            json_object_put(v);
            rc = AG_ENOMEM;
        }
    }
    if (rc == 0 && json_object_array_add(rows, row) != 0) {
        rc = AG_ENOMEM;
    }
    if (rc < 0) {
        json_object_put(row);
    }
    return rc;
}

static int
collect(sqlite3_stmt *st, const struct tool_limits *lim, struct sql_run *run,
        struct json_object *out, char *err, size_t errcap)
{
    int n_cols = sqlite3_column_count(st), rc, truncated = 0, step = SQLITE_DONE, n_rows = 0;
    struct json_object *cols = json_object_new_array(), *rows = json_object_new_array();
    size_t bytes = 0;
    if (!cols || !rows) {
        json_object_put(cols);
        json_object_put(rows);
        return AG_ENOMEM;
    }
    rc = jsn_add(out, "columns", cols);
    if (rc < 0) {
        json_object_put(rows);
        return rc;
    }
    rc = jsn_add(out, "rows", rows);
    for (int i = 0; i < n_cols && rc == 0; i++) {
        const char *name = sqlite3_column_name(st, i);
        struct json_object *s = json_object_new_string(name ? name : "");
        rc = s && json_object_array_add(cols, s) == 0 ? 0 : AG_ENOMEM;
    }
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if (n_rows == lim->sql_max_rows || bytes > lim->sql_max_bytes) {
            truncated = 1;
            break;
        }
        rc = add_row(st, n_cols, rows, &bytes);
        n_rows++;
    }
    if (rc == 0 && !truncated && step != SQLITE_DONE && run->cancelled) {
        return tools_fail(err, errcap, AG_EBUSY, "sql_query: cancelled");
    }
    if (rc == 0 && !truncated && step != SQLITE_DONE && run->timed_out) {
        return tools_fail(err, errcap, AG_EBUSY, "sql_query: the query took longer than %ld ms",
                          lim->sql_timeout_ms);
    }
    if (rc == 0 && !truncated && step != SQLITE_DONE) {
        return tools_fail(err, errcap, AG_EINVAL, "sql_query: %s",
                          sqlite3_errmsg(sqlite3_db_handle(st)));
    }
    rc = rc ? rc : jsn_add_int(out, "row_count", n_rows);
    rc = rc ? rc : jsn_add_bool(out, "truncated", truncated);
    return rc;
}

int
tools_sql_run(const struct tool_ctx *ctx, struct json_object *args, struct json_object *out,
              char *err, size_t errcap)
{
    static const char *const keys[] = {"query", "params", NULL};
    struct tool_limits lim = tools_limits(ctx);
    const char *sql = NULL;
    struct json_object *params = NULL;
    int rc = tools_check_keys(args, keys, err, errcap);
    rc = rc ? rc : tools_arg_str(args, "query", 1, MAX_SQL - 1, &sql, err, errcap);
    if (rc < 0) {
        return rc;
    }
    if (!ctx->sql_db) {
        return tools_fail(err, errcap, AG_EINTERNAL,
                          "sql_query is not configured: choose a database for this agent");
    }
    json_object_object_get_ex(args, "params", &params);
    struct sql_run run = {ag_mono_ms() + lim.sql_timeout_ms, ctx->cancel, 0, 0};
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    rc = open_db(ctx->sql_db, &lim, &run, &db, err, errcap);
    rc = rc ? rc : prepare_one(db, sql, &st, err, errcap);
    rc = rc ? rc : bind_params(st, params, err, errcap);
    rc = rc ? rc : collect(st, &lim, &run, out, err, errcap);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}
