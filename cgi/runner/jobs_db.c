/* SPDX-License-Identifier: MIT */
/* jobs_db.c - SQL of the jobs table: the atomic claim with a lease, and finishing. */
#include <stdio.h>

#include "runner.h"

int
jobs_db_claim(struct db *db, struct job *out)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "UPDATE jobs SET state = 'running', lease_until = unixepoch() + ?1,"
                        " attempts = attempts + 1, updated_at = unixepoch()"
                        " WHERE id = (SELECT id FROM jobs WHERE (state = 'queued' AND cancel = 0)"
                        "  OR (state = 'running' AND lease_until < unixepoch()) ORDER BY id LIMIT 1)"
                        " RETURNING id, kind, ref, attempts",
                        &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_int(st, 1, RUNNER_LEASE_S);
    if (rc == 0) {
        rc = db_step(st);
    }
    if (rc == 1) {
        out->id = db_col_int(st, 0);
        snprintf(out->kind, sizeof(out->kind), "%s", db_col_text(st, 1));
        snprintf(out->ref, sizeof(out->ref), "%s", db_col_text(st, 2));
        out->attempts = (int)db_col_int(st, 3);
    }
    db_stmt_done(st);
    return rc;
}

int
jobs_db_finish(struct db *db, long long id, const char *state, const char *error)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "UPDATE jobs SET state = ?2, error = ?3, lease_until = NULL,"
                        " updated_at = unixepoch() WHERE id = ?1",
                        &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_int(st, 1, id);
    if (rc == 0) {
        rc = db_bind_text(st, 2, state);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 3, error);
    }
    if (rc == 0) {
        rc = db_step(st);
    }
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
jobs_db_release(struct db *db, long long id)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "UPDATE jobs SET state = 'queued', lease_until = NULL,"
                        " attempts = max(attempts - 1, 0), updated_at = unixepoch()"
                        " WHERE id = ?1 AND state = 'running'",
                        &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_int(st, 1, id);
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}
