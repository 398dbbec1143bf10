/* SPDX-License-Identifier: MIT */
/* runner.c - one step of the runner: claim a job, execute it by kind, record the outcome.
 * A job claimed more than RUNNER_MAX_ATTEMPTS times (its runner kept dying) is failed; runs and
 * chat turns are executed by run_job.c. */
#include "runner.h"

#include <string.h>

#include "../core/log.h"

int
runner_tick(struct db *db, struct runner *rn)
{
    struct job job;
    int rc = jobs_db_claim(db, &job);
    if (rc <= 0) {
        return rc;
    }
    log_msg(LOG_INFO, "m=runner job=%lld kind=%s attempt=%d", job.id, job.kind, job.attempts);
    if (strcmp(job.kind, "run") == 0 || strcmp(job.kind, "chat") == 0) {
        return run_job_exec(db, rn, &job); /* it also fails runs past RUNNER_MAX_ATTEMPTS */
    }
    if (job.attempts > RUNNER_MAX_ATTEMPTS) {
        rc = jobs_db_finish(db, job.id, "failed",
                            "the runner stopped while working on this job too many times");
        return rc < 0 ? rc : 1;
    }
    /* No job kinds are executed yet: say so plainly instead of pretending. */
    rc = jobs_db_finish(db, job.id, "failed", "this server cannot execute jobs of this kind yet");
    return rc < 0 ? rc : 1;
}
