/* SPDX-License-Identifier: MIT */
/* runner.h - the runner's work loop step and the job table access it uses. */
#ifndef AG_RUNNER_H
#define AG_RUNNER_H

#include "../core/db.h"

#define RUNNER_LEASE_S     60
#define RUNNER_MAX_ATTEMPTS 3

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
/* runner_tick claims and executes at most one job: 1 if one ran, 0 if idle, AG_E* on error. */
int runner_tick(struct db *db) AG_MUST_CHECK;

#endif
