/* SPDX-License-Identifier: MIT */
/* runs_db.h - SQL of runs (agent runs and chat turns), their jobs, per-agent accounting,
 * approvals (Ask mode), chat sessions and messages, and LLM providers. Shared by the web (which
 * only enqueues and reads) and the runner (which executes). Strings in rows are arena memory. */
#ifndef AG_RUNS_DB_H
#define AG_RUNS_DB_H

#include "../core/arena.h"
#include "../core/db.h"

struct run_row {
    long long id, project_id, session_id, provider_id, job_id;
    long long tokens_in, tokens_out, elapsed_ms, created_at, started_at, finished_at;
    double cost;
    const char *kind, *state, *permission, *input, *output, *model, *error, *project_name;
};

struct run_agent_row {
    const char *agent_id, *status;
    long long tokens_in, tokens_out, elapsed_ms;
    double cost;
};

struct run_new {
    long long project_id;
    long long session_id; /* 0 = not a chat turn */
    const char *kind;     /* "run" | "chat" */
    const char *permission;
    const char *input;
    const char *model;     /* "" = provider/spec default */
    long long provider_id; /* 0 = the default provider */
    long long owner_id;    /* 0 = none */
};

struct chat_session_row {
    long long id, project_id, created_at;
    const char *agent_id, *permission, *model, *project_name;
};

struct chat_message_row {
    long long id, run_id, created_at;
    const char *role, *content, *tool, *args;
};

struct provider_row {
    long long id;
    int is_default;
    const char *kind, *name, *base_url, *models, *default_model, *api_key_ref, *api_version,
        *project_ref;
};

/* ---- runs (runs_db.c) ---- */
/* runs_db_create: run + its job (kind = n->kind, ref = run id) + a history row, one transaction;
 * AG_ENOTFOUND for an unknown project. */
int runs_db_create(struct db *db, const struct run_new *n, long long *id) AG_MUST_CHECK;
int runs_db_get(struct db *db, struct arena *ar, long long id, struct run_row *out) AG_MUST_CHECK;
/* runs_db_list: newest first, of one project (0 = all). */
int runs_db_list(struct db *db, struct arena *ar, long long project_id, int limit,
                 struct run_row **rows, int *n) AG_MUST_CHECK;
/* runs_db_stop asks the run to stop: sets jobs.cancel; a job nobody claimed yet is cancelled at
 * once (run state cancelled, run.done appended, *now = 1). AG_ENOTFOUND; AG_ECONFLICT when the
 * run has already finished. */
int runs_db_stop(struct db *db, long long id, int *now) AG_MUST_CHECK;
int runs_db_set_state(struct db *db, long long id, const char *state) AG_MUST_CHECK;
/* runs_db_finish records the outcome and totals and finishes the job, one transaction. */
int runs_db_finish(struct db *db, long long id, const char *state, const char *output,
                   const char *error, long long tokens_in, long long tokens_out, double cost,
                   long long elapsed_ms) AG_MUST_CHECK;
int runs_db_agent_save(struct db *db, long long run_id, const char *agent_id, const char *status,
                       long long tokens_in, long long tokens_out, double cost,
                       long long elapsed_ms) AG_MUST_CHECK;
int runs_db_agents(struct db *db, struct arena *ar, long long run_id, struct run_agent_row **rows,
                   int *n) AG_MUST_CHECK;
/* runs_db_project_spec: the spec JSON of a project (arena). AG_ENOTFOUND. */
int runs_db_project_spec(struct db *db, struct arena *ar, long long project_id,
                         const char **spec_json) AG_MUST_CHECK;

/* ---- jobs (runs_db.c): the runner's heartbeat and cancel poll ---- */
/* jobs_db_poll reads the cancel and pause flags (pause may be NULL) and, when lease_s > 0, renews
 * the lease to lease_s from now. */
int jobs_db_poll(struct db *db, long long job_id, int lease_s, int *cancel, int *pause)
    AG_MUST_CHECK;

/* ---- run control (runctl_db.c): Pause/Resume and messages sent into a running run ---- */
#define RUNS_INBOX_MAX 8000 /* bytes of one message sent into a run */
/* runs_db_pause asks a queued/running/waiting run to hold (pause 1) or continue (pause 0): the
 * runner holds it at its next step. AG_ENOTFOUND; AG_ECONFLICT when the run has finished. */
int runs_db_pause(struct db *db, long long id, int pause) AG_MUST_CHECK;
/* runs_db_set_paused: the runner holds the run now (1) or no longer (0); shown as state "paused". */
int runs_db_set_paused(struct db *db, long long id, int paused) AG_MUST_CHECK;
/* runs_db_inbox_add queues a message for a queued/running/waiting run (*id set).
 * AG_ENOTFOUND; AG_ECONFLICT when the run has finished. */
int runs_db_inbox_add(struct db *db, long long run_id, const char *content, long long owner,
                      long long *id) AG_MUST_CHECK;
/* runs_db_inbox_take hands over the run's untaken messages, oldest first (at most 16 at a time),
 * and marks them taken: *msgs is an arena array of *n arena strings. */
int runs_db_inbox_take(struct db *db, struct arena *ar, long long run_id, const char ***msgs,
                       size_t *n) AG_MUST_CHECK;

/* ---- approvals (runs_db.c) ---- */
/* approvals_db_request (re)opens call_id of run as pending. */
int approvals_db_request(struct db *db, long long run_id, const char *call_id, const char *tool,
                         const char *args) AG_MUST_CHECK;
/* approvals_db_state copies "pending" | "approved" | "denied" into out (cap >= 16).
 * AG_ENOTFOUND. */
int approvals_db_state(struct db *db, long long run_id, const char *call_id, char *out,
                       size_t cap) AG_MUST_CHECK;
/* approvals_db_decide decides a pending call of run_id (or, when run_id is 0, of the newest run
 * of session_id that has it pending). AG_ENOTFOUND when nothing is pending under that id. */
int approvals_db_decide(struct db *db, long long run_id, long long session_id,
                        const char *call_id, int approve) AG_MUST_CHECK;

/* ---- chat sessions and providers (chat_db.c) ---- */
int chat_db_session_create(struct db *db, long long project_id, const char *agent_id,
                           const char *permission, const char *model, long long owner,
                           long long *id) AG_MUST_CHECK;
int chat_db_session_get(struct db *db, struct arena *ar, long long id,
                        struct chat_session_row *out) AG_MUST_CHECK;
int chat_db_sessions(struct db *db, struct arena *ar, int limit, struct chat_session_row **rows,
                     int *n) AG_MUST_CHECK;
int chat_db_set_permission(struct db *db, long long id, const char *permission) AG_MUST_CHECK;
/* chat_db_latest_run: the newest run of the session (0 when none). */
int chat_db_latest_run(struct db *db, long long session_id, long long *run_id) AG_MUST_CHECK;
int chat_db_message_add(struct db *db, long long session_id, long long run_id, const char *role,
                        const char *content, const char *tool, const char *args) AG_MUST_CHECK;
int chat_db_messages(struct db *db, struct arena *ar, long long session_id,
                     struct chat_message_row **rows, int *n) AG_MUST_CHECK;

int providers_db_list(struct db *db, struct arena *ar, struct provider_row **rows, int *n)
    AG_MUST_CHECK;
/* providers_db_get: id > 0, or id 0 = the default (is_default, else the lowest id).
 * AG_ENOTFOUND when there is none. */
int providers_db_get(struct db *db, struct arena *ar, long long id, struct provider_row *out)
    AG_MUST_CHECK;
/* providers_db_save inserts (p->id == 0; *id set) or updates; is_default clears the others. */
int providers_db_save(struct db *db, const struct provider_row *p, long long *id) AG_MUST_CHECK;
int providers_db_delete(struct db *db, long long id) AG_MUST_CHECK;

#endif
