/* SPDX-License-Identifier: MIT */
/* runctl_db.c - SQL of run control from the Run console: the pause request (jobs.pause, polled by
 * the runner), the paused mark the runner sets while it holds a run, and the inbox of messages
 * the user sends into a running run. Finished runs refuse both with AG_ECONFLICT. */
#include <stdio.h>
#include <string.h>

#include "runs_db.h"

#define INBOX_TAKE 16

static int run_exists(struct db *db, long long id);

/* AG_ECONFLICT when the run exists (so it has finished), else AG_ENOTFOUND. */
static int
run_exists(struct db *db, long long id)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT 1 FROM runs WHERE id = ?1", &st);
    rc = rc ? rc : db_bind_int(st, 1, id);
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    return rc < 0 ? rc : rc == 1 ? AG_ECONFLICT : AG_ENOTFOUND;
}

int
runs_db_pause(struct db *db, long long id, int pause)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "UPDATE jobs SET pause = ?2, updated_at = unixepoch() WHERE id = (SELECT"
                        " job_id FROM runs WHERE id = ?1 AND state IN ('queued','running','waiting'))"
                        " AND state IN ('queued','running') RETURNING id",
                        &st);
    rc = rc ? rc : db_bind_int(st, 1, id);
    rc = rc ? rc : db_bind_int(st, 2, pause ? 1 : 0);
    rc = rc ? rc : db_step(st);
    int found = rc == 1;
    if (rc == 1) {
        rc = db_step(st);
    }
    db_stmt_done(st);
    return rc < 0 ? rc : found ? 0 : run_exists(db, id);
}

int
runs_db_set_paused(struct db *db, long long id, int paused)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "UPDATE runs SET paused = ?2 WHERE id = ?1", &st);
    rc = rc ? rc : db_bind_int(st, 1, id);
    rc = rc ? rc : db_bind_int(st, 2, paused ? 1 : 0);
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
runs_db_inbox_add(struct db *db, long long run_id, const char *content, long long owner,
                  long long *id)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO run_inbox (run_id, content, owner_id) SELECT id, ?2,"
                        " nullif(?3, 0) FROM runs WHERE id = ?1"
                        " AND state IN ('queued','running','waiting') RETURNING id",
                        &st);
    rc = rc ? rc : db_bind_int(st, 1, run_id);
    rc = rc ? rc : db_bind_text(st, 2, content);
    rc = rc ? rc : db_bind_int(st, 3, owner);
    rc = rc ? rc : db_step(st);
    int found = rc == 1;
    if (rc == 1) {
        *id = db_col_int(st, 0);
        rc = db_step(st);
    }
    db_stmt_done(st);
    return rc < 0 ? rc : found ? 0 : run_exists(db, run_id);
}

int
runs_db_inbox_take(struct db *db, struct arena *ar, long long run_id, const char ***msgs,
                   size_t *n)
{
    sqlite3_stmt *st = NULL;
    long long last = 0;
    *n = 0;
    *msgs = arena_alloc(ar, sizeof(**msgs) * INBOX_TAKE);
    int rc = *msgs ? db_prepare(db,
                                "SELECT id, content FROM run_inbox WHERE run_id = ?1"
                                " AND taken_at IS NULL ORDER BY id LIMIT ?2",
                                &st)
                   : AG_ENOMEM;
    rc = rc ? rc : db_bind_int(st, 1, run_id);
    rc = rc ? rc : db_bind_int(st, 2, INBOX_TAKE);
    while (rc == 0 && (rc = db_step(st)) == 1) {
        last = db_col_int(st, 0);
        (*msgs)[*n] = arena_strdup(ar, db_col_text(st, 1));
        rc = (*msgs)[(*n)++] ? 0 : AG_ENOMEM;
    }
    if (st) {
        db_stmt_done(st);
    }
    if (rc < 0 || *n == 0) {
        *n = rc < 0 ? 0 : *n;
        return rc < 0 ? rc : 0;
    }
    rc = db_prepare(db,
                    "UPDATE run_inbox SET taken_at = unixepoch() WHERE run_id = ?1"
                    " AND taken_at IS NULL AND id <= ?2",
                    &st);
    rc = rc ? rc : db_bind_int(st, 1, run_id);
    rc = rc ? rc : db_bind_int(st, 2, last);
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    *n = rc < 0 ? 0 : *n;
    return rc < 0 ? rc : 0;
}
