/* SPDX-License-Identifier: MIT */
/* app.h - the web process's state (struct app: config, DB, paths), created by main.c and
 * borrowed by handlers. Nothing request-scoped lives here. */
#ifndef AG_WEB_APP_H
#define AG_WEB_APP_H

#include <time.h>

#include "../auth/sso.h"
#include "../core/cfg.h"
#include "../core/db.h"

struct gen_cache;
struct page_cache;
struct session_memo;

struct app {
    struct cfg cfg;
    struct sso_config sso;  /* sign-in providers and proxy auth, from cfg's sections */
    struct db *db;          /* this worker's own connection (opened after fork) */
    char tmpl_root[600];    /* share_dir/templates/web */
    char sql_dir[600];      /* share_dir/sql */
    int schema_latest;      /* highest migration shipped with this build */
    time_t started;
    unsigned char csrf_secret[32]; /* the server secret, read once per worker (never changes) */
    int csrf_secret_ok;
    struct gen_cache *gen_cache; /* the wizard's engine runs by draft content (gen.c); lazy */
    struct page_cache *page_cache; /* rendered pages per session and URL (page_cache.c); lazy */
    struct session_memo *session_memo; /* sessions validated, by token hash (auth_gate.c); lazy */
};

#endif
