/* SPDX-License-Identifier: MIT */
/* sys.c - `agentgen migrate`, `agentgen doctor`, `agentgen version`. */
#include "sys.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "../core/cfg.h"
#include "../core/crypt.h"
#include "../core/db.h"
#include "../core/httpc.h"
#include "../core/jsn.h"
#include "../core/log.h"
#include "../core/tmpl.h"

#ifndef AG_BUILD_DATE
#define AG_BUILD_DATE "unknown"
#endif

static int load(struct cfg *c);
static int check_socket(const char *path);

static int
load(struct cfg *c)
{
    char why[256] = "";
    if (cfg_load(c, NULL, why, sizeof(why)) < 0) {
        fprintf(stderr, "agentgen: %s\n", why);
        return -1;
    }
    log_set_level(c->log_level);
    return 0;
}

int
cmd_migrate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    struct cfg c;
    if (load(&c) < 0) {
        return 1;
    }
    char sql_dir[600];
    struct db *db = NULL;
    int applied = 0;
    int version = 0;
    if (cfg_share_path(&c, "sql", sql_dir, sizeof(sql_dir)) < 0) {
        return 1;
    }
    if (db_open(c.db_path, &db) < 0) {
        fprintf(stderr, "agentgen: cannot open database %s\n", c.db_path);
        return 1;
    }
    int rc = db_migrate(db, sql_dir, &applied);
    if (rc == 0) {
        rc = db_user_version(db, &version);
    }
    db_close(db);
    if (rc < 0) {
        fprintf(stderr, "agentgen: migration failed (%s); the database is unchanged past the "
                        "last good migration\n", ag_strerror(rc));
        return 1;
    }
    printf("database %s: schema version %d (%d applied)\n", c.db_path, version, applied);
    return 0;
}

static int
check_socket(const char *path)
{
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof(sa.sun_path)) {
        return -1;
    }
    memcpy(sa.sun_path, path, strlen(path) + 1);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) {
        return -1;
    }
    int rc = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
    close(fd);
    return rc;
}

static void
report(int *bad, int ok, const char *what, const char *detail)
{
    printf("%-5s %-22s %s\n", ok ? "ok" : "FAIL", what, detail);
    if (!ok) {
        (*bad)++;
    }
}

int
cmd_doctor(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    struct cfg c;
    if (load(&c) < 0) {
        return 1;
    }
    int bad = 0;
    char path[700], detail[900];
    struct db *db = NULL;
    int version = -1, latest = -1;
    AG_IGNORE(cfg_share_path(&c, "sql", path, sizeof(path)));
    int mig_ok = db_latest_migration(path, &latest) == 0;
    report(&bad, mig_ok, "migrations", path);
    int db_ok = db_open(c.db_path, &db) == 0 && db_user_version(db, &version) == 0;
    snprintf(detail, sizeof(detail), "%s (schema %d of %d)", c.db_path, version, latest);
    report(&bad, db_ok && version == latest, "database", detail);
    db_close(db);
    AG_IGNORE(cfg_share_path(&c, "templates/web/layout/head.cs", path, sizeof(path)));
    report(&bad, access(path, R_OK) == 0, "page templates", path);
    AG_IGNORE(cfg_share_path(&c, "templates/project", path, sizeof(path)));
    report(&bad, access(path, R_OK) == 0, "project templates", path);
    AG_IGNORE(cfg_share_path(&c, "static/css/app.css", path, sizeof(path)));
    report(&bad, access(path, R_OK) == 0, "static files", path);
    report(&bad, check_socket(c.web_socket) == 0, "web socket", c.web_socket);
    report(&bad, check_socket(c.stream_socket) == 0, "stream socket", c.stream_socket);
    const char *site = "/etc/nginx/sites-enabled/agent-generator";
    struct stat sb;
    if (stat("/etc/nginx", &sb) == 0) {
        report(&bad, access(site, R_OK) == 0, "nginx site", site);
    } else {
        report(&bad, 1, "nginx site", "no system nginx (dev stack?)");
    }
    printf("\nagent-generator %s (built %s)\nSQLite %s · json-c %s · libcurl %s · %s · "
           "ClearSilver %s\n",
           AG_VERSION, AG_BUILD_DATE, db_version(), jsn_version(), httpc_version(),
           crypt_version(), tmpl_version());
    return bad ? 1 : 0;
}

int
cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("agentgen %s (built %s)\n", AG_VERSION, AG_BUILD_DATE);
    return 0;
}
