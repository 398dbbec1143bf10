/* SPDX-License-Identifier: MIT */
/* main.c - agentgen-runner: the job executor daemon. It opens the database, checks the schema,
 * and polls the jobs table; job kinds (runs, chats, builds) are executed as they are added.
 * SIGTERM stops it between polls. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../core/cfg.h"
#include "../core/db.h"
#include "../core/log.h"
#include "runner.h"

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
    (void)sig;
    stopping = 1;
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
    struct sigaction sa = {0};
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    int schema = 0;
    if (db_user_version(db, &schema) < 0 || schema < 1) {
        log_msg(LOG_ERR, "m=runner err=database not migrated; run agentgen migrate");
        db_close(db);
        return 1;
    }
    log_msg(LOG_INFO, "m=runner ready schema=%d", schema);
    while (!stopping) {
        int rc = runner_tick(db, &cfg);
        if (rc < 0) {
            log_msg(LOG_WARNING, "m=runner err=%s", ag_strerror(rc));
        }
        if (rc <= 0 && !stopping) {
            usleep(250000);
        }
    }
    log_msg(LOG_INFO, "m=runner stopping");
    db_close(db);
    return 0;
}
