/* SPDX-License-Identifier: MIT */
/* events_db.c - SQL of the event log: append with contiguous seq, replay of one stream, and the
 * global feed (events_feed, filled by a trigger) that the stream responder's reader tails. */
#include <string.h>

#include "events.h"

static int walk(sqlite3_stmt *st, int with_feed, events_fn fn, void *ctx);

static int
valid_name(const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0;
    return n > 0 && n < max;
}

int
events_append(struct db *db, const char *stream, const char *type, const char *data,
              long long *seq)
{
    if (!valid_name(stream, EVENTS_STREAM_MAX) || !valid_name(type, 32) || !data) {
        return AG_EINVAL;
    }
    sqlite3_stmt *st = NULL;
    /* one statement: it takes the write lock before reading max(seq), so concurrent appenders
     * (runner, web) can never pick the same seq */
    int rc = db_prepare(db,
                        "INSERT INTO events (stream, seq, type, data)"
                        " SELECT ?1, coalesce(max(seq), 0) + 1, ?2, ?3 FROM events WHERE stream = ?1"
                        " RETURNING seq",
                        &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_text(st, 1, stream);
    rc = rc ? rc : db_bind_text(st, 2, type);
    rc = rc ? rc : db_bind_text(st, 3, data);
    rc = rc ? rc : db_step(st);
    if (rc == 1 && seq) {
        *seq = db_col_int(st, 0);
    }
    if (rc == 1) {
        rc = db_step(st) < 0 ? AG_EDB : 0; /* finish the statement so the insert commits */
    }
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int
walk(sqlite3_stmt *st, int with_feed, events_fn fn, void *ctx)
{
    int rc;
    while ((rc = db_step(st)) == 1) {
        struct event_row e = {0};
        int c = 0;
        e.feed_id = with_feed ? db_col_int(st, c++) : 0;
        e.stream = db_col_text(st, c++);
        e.seq = db_col_int(st, c++);
        e.type = db_col_text(st, c++);
        e.data = db_col_text(st, c);
        rc = fn(ctx, &e);
        if (rc != 0) {
            break;
        }
    }
    return rc;
}

int
events_after(struct db *db, const char *stream, long long after, int limit, events_fn fn,
             void *ctx)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT stream, seq, type, data FROM events WHERE stream = ?1 AND seq > ?2"
                        " ORDER BY seq LIMIT ?3",
                        &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_text(st, 1, stream);
    rc = rc ? rc : db_bind_int(st, 2, after);
    rc = rc ? rc : db_bind_int(st, 3, limit > 0 ? limit : -1);
    rc = rc ? rc : walk(st, 0, fn, ctx);
    db_stmt_done(st);
    return rc;
}

int
events_feed_after(struct db *db, long long after, int limit, events_fn fn, void *ctx)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT f.id, e.stream, e.seq, e.type, e.data FROM events_feed f"
                        " JOIN events e ON e.stream = f.stream AND e.seq = f.seq"
                        " WHERE f.id > ?1 ORDER BY f.id LIMIT ?2",
                        &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_int(st, 1, after);
    rc = rc ? rc : db_bind_int(st, 2, limit > 0 ? limit : -1);
    rc = rc ? rc : walk(st, 1, fn, ctx);
    db_stmt_done(st);
    return rc;
}

static int
one_int(struct db *db, const char *sql, const char *arg, long long *out)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, sql, &st);
    if (rc < 0) {
        return rc;
    }
    rc = arg ? db_bind_text(st, 1, arg) : 0;
    rc = rc ? rc : db_step(st);
    *out = rc == 1 ? db_col_int(st, 0) : 0;
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
events_feed_last(struct db *db, long long *out)
{
    return one_int(db, "SELECT coalesce(max(id), 0) FROM events_feed", NULL, out);
}

int
events_last_seq(struct db *db, const char *stream, long long *out)
{
    return one_int(db, "SELECT coalesce(max(seq), 0) FROM events WHERE stream = ?1", stream, out);
}
