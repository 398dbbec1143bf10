/* SPDX-License-Identifier: MIT */
/* runs_db.c - SQL of runs, their jobs (heartbeat, cancel), per-agent accounting and approvals.
 * Chat sessions and providers are in chat_db.c. */
#include "runs_db.h"

#include <stdio.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/events.h"

#define RUN_COLS                                                                                 \
    "r.id, r.project_id, coalesce(r.session_id, 0), coalesce(r.provider_id, 0),"                 \
    " coalesce(r.job_id, 0), r.tokens_in, r.tokens_out, r.elapsed_ms, r.created_at,"              \
    " coalesce(r.started_at, 0), coalesce(r.finished_at, 0), r.cost_usd, r.kind,"                 \
    " CASE WHEN r.paused AND r.state IN ('running', 'waiting') THEN 'paused' ELSE r.state END,"   \
    " r.permission, r.input, r.output, r.model, r.error, p.name"

static int read_run(struct arena *ar, sqlite3_stmt *st, struct run_row *r);

static const char *
col(struct arena *ar, sqlite3_stmt *st, int i)
{
    return arena_strdup(ar, db_col_text(st, i));
}

static int
read_run(struct arena *ar, sqlite3_stmt *st, struct run_row *r)
{
    long long *ints[] = {&r->id, &r->project_id, &r->session_id, &r->provider_id, &r->job_id,
                         &r->tokens_in, &r->tokens_out, &r->elapsed_ms, &r->created_at,
                         &r->started_at, &r->finished_at};
    for (int i = 0; i < (int)AG_NELEM(ints); i++) {
        *ints[i] = db_col_int(st, i);
    }
    r->cost = db_col_double(st, 11);
    const char **strs[] = {&r->kind, &r->state, &r->permission, &r->input, &r->output,
                           &r->model, &r->error, &r->project_name};
    for (int i = 0; i < (int)AG_NELEM(strs); i++) {
        *strs[i] = col(ar, st, 12 + i);
        if (!*strs[i]) {
            return AG_ENOMEM;
        }
    }
    return 0;
}

static int
insert_run(struct db *db, const struct run_new *n, long long *id)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO runs (project_id, session_id, kind, permission, input, model,"
                        " provider_id, owner_id) VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6,"
                        " nullif(?7, 0), nullif(?8, 0)) RETURNING id",
                        &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_bind_int(st, 1, n->project_id);
    rc = rc ? rc : db_bind_int(st, 2, n->session_id);
    rc = rc ? rc : db_bind_text(st, 3, n->kind);
    rc = rc ? rc : db_bind_text(st, 4, n->permission);
    rc = rc ? rc : db_bind_text(st, 5, n->input ? n->input : "");
    rc = rc ? rc : db_bind_text(st, 6, n->model ? n->model : "");
    rc = rc ? rc : db_bind_int(st, 7, n->provider_id);
    rc = rc ? rc : db_bind_int(st, 8, n->owner_id);
    rc = rc ? rc : db_step(st);
    if (rc == 1) {
        *id = db_col_int(st, 0);
        rc = db_step(st);
    }
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int
insert_job(struct db *db, const struct run_new *n, long long run_id)
{
    char ref[32];
    snprintf(ref, sizeof(ref), "%lld", run_id);
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO jobs (kind, ref) VALUES (?1, ?2)", &st);
    rc = rc ? rc : db_bind_text(st, 1, n->kind);
    rc = rc ? rc : db_bind_text(st, 2, ref);
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    if (rc < 0) {
        return rc;
    }
    rc = db_prepare(db,
                    "UPDATE runs SET job_id = (SELECT max(id) FROM jobs WHERE kind = ?2 AND"
                    " ref = ?3) WHERE id = ?1",
                    &st);
    rc = rc ? rc : db_bind_int(st, 1, run_id);
    rc = rc ? rc : db_bind_text(st, 2, n->kind);
    rc = rc ? rc : db_bind_text(st, 3, ref);
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    if (rc < 0) {
        return rc;
    }
    rc = db_prepare(db,
                    "INSERT INTO history (kind, project_id, title, detail, framework, owner_id)"
                    " SELECT 'run', id, ?2 || ' #' || ?1 || ': ' || name, ?3, framework,"
                    " nullif(?4, 0) FROM projects WHERE id = ?5",
                    &st);
    rc = rc ? rc : db_bind_int(st, 1, run_id);
    rc = rc ? rc : db_bind_text(st, 2, strcmp(n->kind, "chat") == 0 ? "Chat turn" : "Run");
    rc = rc ? rc : db_bind_text(st, 3, n->input ? n->input : "");
    rc = rc ? rc : db_bind_int(st, 4, n->owner_id);
    rc = rc ? rc : db_bind_int(st, 5, n->project_id);
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
runs_db_create(struct db *db, const struct run_new *n, long long *id)
{
    int rc = db_tx_begin(db);
    if (rc < 0) {
        return rc;
    }
    rc = insert_run(db, n, id);
    if (rc == AG_ECONFLICT) {
        rc = AG_ENOTFOUND; /* the foreign key: no such project or session */
    }
    rc = rc ? rc : insert_job(db, n, *id);
    rc = rc ? rc : db_tx_commit(db);
    if (rc < 0) {
        db_tx_rollback(db);
    }
    return rc;
}

int
runs_db_get(struct db *db, struct arena *ar, long long id, struct run_row *out)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "SELECT " RUN_COLS " FROM runs r JOIN projects p ON p.id = r.project_id"
                        " WHERE r.id = ?1",
                        &st);
    rc = rc ? rc : db_bind_int(st, 1, id);
    rc = rc ? rc : db_step_row(st);
    rc = rc ? rc : read_run(ar, st, out);
    db_stmt_done(st);
    return rc;
}

int
runs_db_list(struct db *db, struct arena *ar, long long project_id, int limit,
             struct run_row **rows, int *n)
{
    sqlite3_stmt *st = NULL;
    *n = 0;
    *rows = arena_alloc(ar, sizeof(**rows) * (size_t)(limit > 0 ? limit : 1));
    if (!*rows) {
        return AG_ENOMEM;
    }
    int rc = db_prepare(db,
                        "SELECT " RUN_COLS " FROM runs r JOIN projects p ON p.id = r.project_id"
                        " WHERE ?1 = 0 OR r.project_id = ?1 ORDER BY r.id DESC LIMIT ?2",
                        &st);
    rc = rc ? rc : db_bind_int(st, 1, project_id);
    rc = rc ? rc : db_bind_int(st, 2, limit);
    while (rc == 0 && (rc = db_step(st)) == 1) {
        rc = read_run(ar, st, &(*rows)[(*n)++]);
    }
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

static int
exec_id(struct db *db, const char *sql, long long id)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, sql, &st);
    rc = rc ? rc : db_bind_int(st, 1, id);
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

/* Inside a transaction: the job of run id was still queued -> cancel run and job now. */
static int
cancel_queued(struct db *db, long long id, int *now)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "UPDATE jobs SET state = 'cancelled', updated_at = unixepoch()"
                        " WHERE id = (SELECT job_id FROM runs WHERE id = ?1) AND state = 'queued'"
                        " RETURNING id",
                        &st);
    rc = rc ? rc : db_bind_int(st, 1, id);
    rc = rc ? rc : db_step(st);
    *now = rc == 1;
    if (rc == 1) {
        rc = db_step(st);
    }
    db_stmt_done(st);
    if (rc < 0 || !*now) {
        return rc < 0 ? rc : 0;
    }
    rc = exec_id(db,
                 "UPDATE runs SET state = 'cancelled', error = 'cancelled before it started',"
                 " finished_at = unixepoch() WHERE id = ?1",
                 id);
    struct buf b = BUF_INIT;
    char stream[EVENTS_STREAM_MAX];
    rc = rc ? rc : events_stream_name("run", id, stream, sizeof(stream));
    rc = rc ? rc : events_run_done_json(id, "cancelled", 0, 0, 0, 0, "cancelled before it started", &b);
    rc = rc ? rc : events_append(db, stream, EV_RUN_DONE, buf_cstr(&b), NULL);
    buf_free(&b);
    return rc;
}

int
runs_db_stop(struct db *db, long long id, int *now)
{
    *now = 0;
    sqlite3_stmt *st = NULL;
    int rc = db_tx_begin(db);
    if (rc < 0) {
        return rc;
    }
    rc = db_prepare(db, "SELECT state FROM runs WHERE id = ?1", &st);
    rc = rc ? rc : db_bind_int(st, 1, id);
    rc = rc ? rc : db_step(st);
    if (rc == 0) {
        rc = AG_ENOTFOUND;
    } else if (rc == 1) {
        const char *s = db_col_text(st, 0);
        rc = strcmp(s, "done") == 0 || strcmp(s, "failed") == 0 || strcmp(s, "cancelled") == 0
                 ? AG_ECONFLICT : 0;
    }
    db_stmt_done(st);
    rc = rc ? rc : exec_id(db,
                           "UPDATE jobs SET cancel = 1, updated_at = unixepoch()"
                           " WHERE id = (SELECT job_id FROM runs WHERE id = ?1)",
                           id);
    rc = rc ? rc : cancel_queued(db, id, now);
    rc = rc ? rc : db_tx_commit(db);
    if (rc < 0) {
        db_tx_rollback(db);
    }
    return rc;
}

int
runs_db_set_state(struct db *db, long long id, const char *state)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "UPDATE runs SET state = ?2, started_at = coalesce(started_at, unixepoch())"
                        " WHERE id = ?1",
                        &st);
    rc = rc ? rc : db_bind_int(st, 1, id);
    rc = rc ? rc : db_bind_text(st, 2, state);
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
runs_db_finish(struct db *db, long long id, const char *state, const char *output,
               const char *error, long long tokens_in, long long tokens_out, double cost,
               long long elapsed_ms)
{
    sqlite3_stmt *st = NULL;
    int rc = db_tx_begin(db);
    rc = rc ? rc : db_prepare(db,
                              "UPDATE runs SET state = ?2, output = ?3, error = ?4, tokens_in = ?5,"
                              " tokens_out = ?6, cost_usd = ?7, elapsed_ms = ?8,"
                              " finished_at = unixepoch() WHERE id = ?1",
                              &st);
    rc = rc ? rc : db_bind_int(st, 1, id);
    rc = rc ? rc : db_bind_text(st, 2, state);
    rc = rc ? rc : db_bind_text(st, 3, output ? output : "");
    rc = rc ? rc : db_bind_text(st, 4, error);
    rc = rc ? rc : db_bind_int(st, 5, tokens_in);
    rc = rc ? rc : db_bind_int(st, 6, tokens_out);
    rc = rc ? rc : db_bind_double(st, 7, cost);
    rc = rc ? rc : db_bind_int(st, 8, elapsed_ms);
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    rc = rc < 0 ? rc : db_prepare(db,
                                  "UPDATE jobs SET state = CASE ?2 WHEN 'done' THEN 'done'"
                                  " WHEN 'cancelled' THEN 'cancelled' ELSE 'failed' END,"
                                  " error = ?3, lease_until = NULL, updated_at = unixepoch()"
                                  " WHERE id = (SELECT job_id FROM runs WHERE id = ?1)",
                                  &st);
    rc = rc ? rc : db_bind_int(st, 1, id);
    rc = rc ? rc : db_bind_text(st, 2, state);
    rc = rc ? rc : db_bind_text(st, 3, error);
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    rc = rc < 0 ? rc : db_tx_commit(db);
    if (rc < 0) {
        db_tx_rollback(db);
    }
    return rc < 0 ? rc : 0;
}

int
runs_db_agent_save(struct db *db, long long run_id, const char *agent_id, const char *status,
                   long long tokens_in, long long tokens_out, double cost, long long elapsed_ms)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO run_agents (run_id, agent_id, status, tokens_in, tokens_out,"
                        " cost_usd, elapsed_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                        " ON CONFLICT (run_id, agent_id) DO UPDATE SET status = ?3,"
                        " tokens_in = ?4, tokens_out = ?5, cost_usd = ?6, elapsed_ms = ?7",
                        &st);
    rc = rc ? rc : db_bind_int(st, 1, run_id);
    rc = rc ? rc : db_bind_text(st, 2, agent_id);
    rc = rc ? rc : db_bind_text(st, 3, status);
    rc = rc ? rc : db_bind_int(st, 4, tokens_in);
    rc = rc ? rc : db_bind_int(st, 5, tokens_out);
    rc = rc ? rc : db_bind_double(st, 6, cost);
    rc = rc ? rc : db_bind_int(st, 7, elapsed_ms);
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
runs_db_agents(struct db *db, struct arena *ar, long long run_id, struct run_agent_row **rows,
               int *n)
{
    sqlite3_stmt *st = NULL;
    *n = 0;
    *rows = arena_alloc(ar, sizeof(**rows) * 16);
    int rc = *rows ? db_prepare(db,
                                "SELECT agent_id, status, tokens_in, tokens_out, cost_usd,"
                                " elapsed_ms FROM run_agents WHERE run_id = ?1 ORDER BY rowid LIMIT 16",
                                &st)
                   : AG_ENOMEM;
    rc = rc ? rc : db_bind_int(st, 1, run_id);
    while (rc == 0 && (rc = db_step(st)) == 1) {
        struct run_agent_row *a = &(*rows)[(*n)++];
        a->agent_id = col(ar, st, 0);
        a->status = col(ar, st, 1);
        a->tokens_in = db_col_int(st, 2);
        a->tokens_out = db_col_int(st, 3);
        a->cost = db_col_double(st, 4);
        a->elapsed_ms = db_col_int(st, 5);
        rc = a->agent_id && a->status ? 0 : AG_ENOMEM;
    }
    if (st) {
        db_stmt_done(st);
    }
    return rc < 0 ? rc : 0;
}

int
runs_db_project_spec(struct db *db, struct arena *ar, long long project_id, const char **spec_json)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT spec_json FROM projects WHERE id = ?1", &st);
    rc = rc ? rc : db_bind_int(st, 1, project_id);
    rc = rc ? rc : db_step_row(st);
    if (rc == 0) {
        *spec_json = col(ar, st, 0);
        rc = *spec_json ? 0 : AG_ENOMEM;
    }
    db_stmt_done(st);
    return rc;
}

int
jobs_db_poll(struct db *db, long long job_id, int lease_s, int *cancel, int *pause)
{
    sqlite3_stmt *st = NULL;
    int rc = lease_s > 0 ? db_prepare(db,
                                      "UPDATE jobs SET lease_until = unixepoch() + ?2 WHERE id = ?1"
                                      " RETURNING cancel, pause",
                                      &st)
                         : db_prepare(db, "SELECT cancel, pause FROM jobs WHERE id = ?1 AND ?2 <= 0",
                                      &st);
    rc = rc ? rc : db_bind_int(st, 1, job_id);
    rc = rc ? rc : db_bind_int(st, 2, lease_s);
    rc = rc ? rc : db_step(st);
    *cancel = rc == 1 ? (int)db_col_int(st, 0) : 0;
    if (pause) {
        *pause = rc == 1 ? (int)db_col_int(st, 1) : 0;
    }
    if (rc == 1) {
        rc = db_step(st);
    }
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
approvals_db_request(struct db *db, long long run_id, const char *call_id, const char *tool,
                     const char *args)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "INSERT INTO approvals (run_id, call_id, tool, args) VALUES (?1, ?2, ?3, ?4)"
                        " ON CONFLICT (run_id, call_id) DO UPDATE SET state = 'pending',"
                        " tool = ?3, args = ?4, decided_at = NULL",
                        &st);
    rc = rc ? rc : db_bind_int(st, 1, run_id);
    rc = rc ? rc : db_bind_text(st, 2, call_id);
    rc = rc ? rc : db_bind_text(st, 3, tool);
    rc = rc ? rc : db_bind_text(st, 4, args ? args : "{}");
    rc = rc ? rc : db_step(st);
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
approvals_db_state(struct db *db, long long run_id, const char *call_id, char *out, size_t cap)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "SELECT state FROM approvals WHERE run_id = ?1 AND call_id = ?2", &st);
    rc = rc ? rc : db_bind_int(st, 1, run_id);
    rc = rc ? rc : db_bind_text(st, 2, call_id);
    rc = rc ? rc : db_step(st);
    if (rc == 1) {
        snprintf(out, cap, "%s", db_col_text(st, 0));
    }
    db_stmt_done(st);
    return rc < 0 ? rc : rc == 0 ? AG_ENOTFOUND : 0;
}

int
approvals_db_decide(struct db *db, long long run_id, long long session_id, const char *call_id,
                    int approve)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "UPDATE approvals SET state = ?4, decided_at = unixepoch()"
                        " WHERE call_id = ?3 AND state = 'pending' AND run_id = (CASE WHEN ?1 > 0"
                        " THEN ?1 ELSE (SELECT max(a.run_id) FROM approvals a JOIN runs r"
                        " ON r.id = a.run_id WHERE r.session_id = ?2 AND a.call_id = ?3"
                        " AND a.state = 'pending') END) RETURNING run_id",
                        &st);
    rc = rc ? rc : db_bind_int(st, 1, run_id);
    rc = rc ? rc : db_bind_int(st, 2, session_id);
    rc = rc ? rc : db_bind_text(st, 3, call_id);
    rc = rc ? rc : db_bind_text(st, 4, approve ? "approved" : "denied");
    rc = rc ? rc : db_step(st);
    int found = rc == 1;
    if (rc == 1) {
        rc = db_step(st);
    }
    db_stmt_done(st);
    return rc < 0 ? rc : found ? 0 : AG_ENOTFOUND;
}
