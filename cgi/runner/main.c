/* SPDX-License-Identifier: MIT */
/* main.c - agentgen-runner: the job executor daemon. It opens the database, checks the schema,
 * and starts runner_threads job threads that claim and execute jobs; SIGTERM stops claiming and
 * hands the jobs still running back to the queue (run_job.c), so nothing stays "running".
 *
 * Threads and what each owns (nothing else is shared, so there are no locks):
 *   main       the config (read-only once the threads start), the signal wait, struct runner's
 *              stopping flag (the only write after start-up; atomic).
 *   job thread its own SQLite connection, and per job: the exec state, the arena, the LLM client
 *              (libcurl handle, watsonx IAM token cache), the spec and the tool context.
 *   watcher    one per running job (run_job.c), its own SQLite connection; it writes only the
 *              job's cancel/pause/release flags, which the job thread polls.
 * Process-global library state: curl_global_init runs here before any thread; SQLite is used
 * with one connection per thread; OpenSSL 3 and json-c need no set-up; log.c's ident and level
 * are set before the threads start and only read afterwards. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/cfg.h"
#include "../core/db.h"
#include "../core/httpc.h"
#include "../core/log.h"
#include "runner.h"

#define IDLE_SLICE_MS 50 /* an idle thread sleeps RUNNER_IDLE_MS in slices, to stop promptly */

static void *
job_thread(void *arg)
{
    struct runner *rn = arg;
    struct db *db = NULL;
    if (db_open(rn->cfg->db_path, &db) < 0) {
        log_msg(LOG_ERR, "m=runner err=a job thread cannot open the database");
        return NULL;
    }
    while (!atomic_load(&rn->stopping)) {
        int rc = runner_tick(db, rn);
        if (rc < 0) {
            log_msg(LOG_WARNING, "m=runner err=%s", ag_strerror(rc));
        }
        for (int i = 0; rc <= 0 && i < RUNNER_IDLE_MS / IDLE_SLICE_MS; i++) {
            if (atomic_load(&rn->stopping)) {
                break;
            }
            usleep(IDLE_SLICE_MS * 1000);
        }
    }
    db_close(db);
    return NULL;
}

/* The threads inherit a mask that blocks SIGTERM and SIGINT; main takes them with sigwait. */
static int
serve(struct runner *rn, int n)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    pthread_t *tid = calloc((size_t)n, sizeof(*tid));
    int started = 0;
    for (int i = 0; tid && i < n; i++) {
        if (pthread_create(&tid[i], NULL, job_thread, rn) != 0) {
            log_msg(LOG_ERR, "m=runner err=cannot start job thread %d", i);
            break;
        }
        started++;
    }
    if (started > 0) {
        log_msg(LOG_INFO, "m=runner threads=%d", started);
        int sig = 0;
        AG_IGNORE(sigwait(&set, &sig));
    }
    atomic_store(&rn->stopping, 1);
    log_msg(LOG_INFO, "m=runner stopping");
    for (int i = 0; i < started; i++) {
        pthread_join(tid[i], NULL);
    }
    free(tid);
    return started > 0 ? 0 : 1;
}

int
main(void)
{
    struct cfg cfg;
    char why[256] = "";
    log_set_ident("runner");
    if (cfg_load(&cfg, NULL, why, sizeof(why)) < 0) {
        log_msg(LOG_ERR, "m=config err=%s", why);
        return 1;
    }
    log_set_level(cfg.log_level);
    struct db *db = NULL;
    if (db_open(cfg.db_path, &db) < 0) {
        log_msg(LOG_ERR, "m=runner err=cannot open database %s", cfg.db_path);
        return 1;
    }
    int schema = 0;
    int rc = db_user_version(db, &schema);
    db_close(db);
    if (rc < 0 || schema < 1) {
        log_msg(LOG_ERR, "m=runner err=database not migrated; run agentgen migrate");
        return 1;
    }
    if (httpc_global_init() < 0) {
        log_msg(LOG_ERR, "m=runner err=cannot initialise libcurl");
        return 1;
    }
    log_msg(LOG_INFO, "m=runner ready schema=%d", schema);
    struct runner rn = {.cfg = &cfg};
    atomic_init(&rn.stopping, 0);
    rc = serve(&rn, (int)cfg.runner_threads);
    log_msg(LOG_INFO, "m=runner stopped");
    return rc;
}
