/* SPDX-License-Identifier: MIT */
/* runner.h - the runner's work loop step and the job table access it uses. */
#ifndef AG_RUNNER_H
#define AG_RUNNER_H

#include <stdatomic.h>

#include "../core/cfg.h"
#include "../core/db.h"

/* A job's lease is renewed every RUNNER_RENEW_MS while it runs, so a runner that died is noticed
 * within RUNNER_LEASE_S; cancel requests are polled every RUNNER_POLL_MS. */
#define RUNNER_LEASE_S      10
#define RUNNER_RENEW_MS     2000
#define RUNNER_POLL_MS      100
#define RUNNER_MAX_ATTEMPTS 3
#define RUNNER_IDLE_MS      250 /* an idle job thread looks for work this often */

/* The process: shared by every job thread. cfg is read-only; stopping is set once, by main on
 * SIGTERM: threads stop claiming, and jobs still running are released back to the queue. */
struct runner {
    const struct cfg *cfg;
    atomic_int stopping;
};

struct job {
    long long id;
    char kind[32];
    char ref[64];
    int attempts;
};

/* jobs_db_claim atomically takes the oldest queued job (or one whose lease ran out):
 * 1 = claimed into *out, 0 = nothing to do, AG_E* on error. */
int jobs_db_claim(struct db *db, struct job *out) AG_MUST_CHECK;
/* jobs_db_finish marks a job done, failed (with a reason) or cancelled. */
int jobs_db_finish(struct db *db, long long id, const char *state, const char *error) AG_MUST_CHECK;
/* jobs_db_release hands a running job back to the queue (state queued, no lease) without
 * counting the attempt: the runner is stopping, not crashing. */
int jobs_db_release(struct db *db, long long id) AG_MUST_CHECK;
/* runner_tick claims and executes at most one job with the calling thread's connection db:
 * 1 if one ran, 0 if idle, AG_E* on error. */
int runner_tick(struct db *db, struct runner *rn) AG_MUST_CHECK;
/* run_job_exec executes a job of kind run or chat (job->ref = runs.id) to its end: the run ends
 * done, failed or cancelled with a run.done event, whatever happens (1 = ran, AG_E* = the DB
 * failed underneath it; the lease then lets a later attempt finish it). When rn->stopping is set
 * meanwhile, the run is stopped at its next step and its job released instead. */
int run_job_exec(struct db *db, struct runner *rn, const struct job *job) AG_MUST_CHECK;

#endif
