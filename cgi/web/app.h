/* SPDX-License-Identifier: MIT */
/* app.h - the web process's state (struct app: config, DB, paths), created by main.c and
 * borrowed by handlers. Nothing request-scoped lives here. */
#ifndef AG_WEB_APP_H
#define AG_WEB_APP_H

#include <time.h>

#include "../core/cfg.h"
#include "../core/db.h"

struct gen_cache;

struct app {
    struct cfg cfg;
    struct db *db;          /* this worker's own connection (opened after fork) */
    char tmpl_root[600];    /* share_dir/templates/web */
    char sql_dir[600];      /* share_dir/sql */
    int schema_latest;      /* highest migration shipped with this build */
    time_t started;
    struct gen_cache *gen_cache; /* the wizard's engine runs by draft content (gen.c); lazy */
};

#endif
