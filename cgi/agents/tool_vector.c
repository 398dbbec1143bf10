/* SPDX-License-Identifier: MIT */
/* tool_vector.c - the vector_search tool: BM25 ranking (SQLite FTS5) over the documents uploaded to
 * a project, plus tools_docs_add/delete to maintain them. Exception to "only db.c calls sqlite3":
 * the documents live in their own file (ctx->docs_db) with a schema this module owns, so it opens
 * its own handle. The user's query never reaches FTS5 syntax: every word becomes a quoted string
 * ("" doubled), joined with OR. */
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "../core/jsn.h"
#include "../core/log.h"
#include "tools_int.h"

#define MAX_QUERY 2000
#define MAX_TERMS 32
#define MAX_TERM  64

static const char schema_sql[] = "CREATE VIRTUAL TABLE IF NOT EXISTS tool_docs "
                                 "USING fts5(title, body, project UNINDEXED, "
                                 "tokenize = 'unicode61 remove_diacritics 2')";

static int open_rw(const char *path, sqlite3 **out);
static int fts_query(const char *q, struct buf *b);
static int search(sqlite3 *db, const char *match, long long project, int k,
                  struct json_object *results);
static int add_hit(sqlite3_stmt *st, struct json_object *results);

static int
open_rw(const char *path, sqlite3 **out)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
        sqlite3_busy_timeout(db, 5000) != SQLITE_OK ||
        sqlite3_exec(db, schema_sql, NULL, NULL, NULL) != SQLITE_OK) {
        log_msg(LOG_ERR, "m=tools msg=\"docs db: %s\"", db ? sqlite3_errmsg(db) : "no memory");
        sqlite3_close(db);
        return AG_EDB;
    }
    *out = db;
    return 0;
}

int
tools_docs_add(const char *docs_db, long long project, const char *title, const char *text,
               long long *id)
{
    if (!docs_db || !text || !*text || project <= 0) {
        return AG_EINVAL;
    }
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int rc = open_rw(docs_db, &db);
    if (rc < 0) {
        return rc;
    }
    if (sqlite3_prepare_v2(db, "INSERT INTO tool_docs(title, body, project) VALUES (?1, ?2, ?3)",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_bind_text(st, 1, title ? title : "", -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_int64(st, 3, project) != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE) {
        log_msg(LOG_ERR, "m=tools msg=\"docs add: %s\"", sqlite3_errmsg(db));
        rc = AG_EDB;
    } else {
        *id = sqlite3_last_insert_rowid(db);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}

int
tools_docs_delete(const char *docs_db, long long id)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int rc = docs_db ? open_rw(docs_db, &db) : AG_EINVAL;
    if (rc < 0) {
        return rc;
    }
    if (sqlite3_prepare_v2(db, "DELETE FROM tool_docs WHERE rowid = ?1", -1, &st, NULL) !=
            SQLITE_OK ||
        sqlite3_bind_int64(st, 1, id) != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE) {
        rc = AG_EDB;
    } else if (sqlite3_changes(db) == 0) {
        rc = AG_ENOTFOUND;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}

/* fts_query turns free text into `"w1" OR "w2" ...`: words split on whitespace, each quoted with
 * '"' doubled, so operators (AND OR NOT NEAR), '*', '^', ':', '(' and quotes are plain text. Words
 * without a letter or digit are dropped (they'd be empty phrases). b stays empty when nothing
 * searchable is left. */
static int
fts_query(const char *q, struct buf *b)
{
    int n_terms = 0;
    const char *p = q;
    while (*p && n_terms < MAX_TERMS) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') {
            p++;
        }
        const char *w = p;
        int has_word_char = 0;
        while (*p && !strchr(" \t\n\r\f\v", *p)) {
            unsigned char c = (unsigned char)*p++;
            has_word_char |= c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                             (c >= 'A' && c <= 'Z');
        }
        size_t len = (size_t)(p - w) > MAX_TERM ? MAX_TERM : (size_t)(p - w);
        while (len > 0 && len < (size_t)(p - w) && ((unsigned char)w[len] & 0xc0) == 0x80) {
            len--; /* don't cut inside a UTF-8 sequence */
        }
        if (!has_word_char || len == 0) {
            continue;
        }
        if ((n_terms++ > 0 && buf_puts(b, " OR ") < 0) || buf_putc(b, '"') < 0) {
            return AG_ENOMEM;
        }
        for (size_t i = 0; i < len; i++) {
            if ((w[i] == '"' && buf_putc(b, '"') < 0) || buf_putc(b, w[i]) < 0) {
                return AG_ENOMEM;
            }
        }
        if (buf_putc(b, '"') < 0) {
            return AG_ENOMEM;
        }
    }
    return 0;
}

static int
add_hit(sqlite3_stmt *st, struct json_object *results)
{
    struct json_object *hit = json_object_new_object();
    if (!hit) {
        return AG_ENOMEM;
    }
    int rc = jsn_add_int(hit, "id", sqlite3_column_int64(st, 0));
    rc = rc ? rc
            : tools_add_text(hit, "title", (const char *)sqlite3_column_text(st, 1),
                             (size_t)sqlite3_column_bytes(st, 1));
    /* bm25() is lower-is-better; report higher-is-better. */
    struct json_object *score = json_object_new_double(-sqlite3_column_double(st, 3));
    rc = rc ? rc : jsn_add(hit, "score", score);
    rc = rc ? rc
            : tools_add_text(hit, "snippet", (const char *)sqlite3_column_text(st, 2),
                             (size_t)sqlite3_column_bytes(st, 2));
    if (rc == 0 && json_object_array_add(results, hit) != 0) {
        rc = AG_ENOMEM;
    }
    if (rc < 0) {
        json_object_put(hit);
    }
    return rc;
}

static int
search(sqlite3 *db, const char *match, long long project, int k, struct json_object *results)
{
    static const char sql[] =
        "SELECT rowid, title, snippet(tool_docs, 1, '[', ']', '...', 24), "
        "bm25(tool_docs, 2.0, 1.0) AS score FROM tool_docs "
        "WHERE tool_docs MATCH ?1 AND (?2 = 0 OR project = ?2) ORDER BY score "
        "LIMIT ?3";
    sqlite3_stmt *st = NULL;
    int rc = 0, step = SQLITE_DONE;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC) != SQLITE_OK ||
        sqlite3_bind_int64(st, 2, project) != SQLITE_OK ||
        sqlite3_bind_int(st, 3, k) != SQLITE_OK) {
        rc = AG_EDB;
    }
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        rc = add_hit(st, results);
    }
    if (rc == 0 && step != SQLITE_DONE) {
        rc = AG_EDB;
    }
    if (rc == AG_EDB) {
        log_msg(LOG_ERR, "m=tools msg=\"vector_search: %s\"", sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    return rc;
}

int
tools_vector_run(const struct tool_ctx *ctx, struct json_object *args, struct json_object *out,
                 char *err, size_t errcap)
{
    static const char *const keys[] = {"query", "k", NULL};
    struct tool_limits lim = tools_limits(ctx);
    const char *q = NULL;
    long long k = 5;
    int rc = tools_check_keys(args, keys, err, errcap);
    rc = rc ? rc : tools_arg_str(args, "query", 1, MAX_QUERY, &q, err, errcap);
    if (rc == 0 && jsn_int(args, "k", 0, 1, 50, &k) < 0) {
        rc = tools_fail(err, errcap, AG_EINVAL, "\"k\" must be an integer from 1 to 50");
    }
    if (rc == 0 && !ctx->docs_db) {
        rc = tools_fail(err, errcap, AG_EINTERNAL,
                        "vector_search is not configured: this "
                        "project has no document store");
    }
    if (rc < 0) {
        return rc;
    }
    k = k > lim.search_max_results ? lim.search_max_results : k;
    struct json_object *results = json_object_new_array();
    struct buf match = BUF_INIT;
    sqlite3 *db = NULL;
    if (!results) {
        return AG_ENOMEM;
    }
    rc = fts_query(q, &match);
    /* No file yet means no documents yet: an empty result, not an error. */
    if (rc == 0 && match.len > 0 && access(ctx->docs_db, F_OK) == 0) {
        rc = open_rw(ctx->docs_db, &db);
        rc = rc ? rc : search(db, buf_cstr(&match), ctx->docs_project, (int)k, results);
    }
    sqlite3_close(db);
    buf_free(&match);
    rc = rc ? rc : jsn_add_str(out, "query", q);
    if (rc < 0) {
        json_object_put(results);
        return rc == AG_EDB ? tools_fail(err, errcap, rc,
                                         "vector_search: the document store "
                                         "failed")
                            : rc;
    }
    return jsn_add(out, "results", results); /* takes ownership */
}
