/* SPDX-License-Identifier: MIT */
/* db.c - the SQLite connection, statement cache, transactions and migrations. */
#include "db.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "log.h"

#define STMT_CACHE 256
#define MAX_MIGRATIONS 9999

struct db {
    sqlite3 *h;
    struct {
        const char *sql; /* key: the literal's address, confirmed by strcmp */
        sqlite3_stmt *st;
    } cache[STMT_CACHE];
    int n_cache;
};

static int map_rc(struct db *db, int rc, const char *what);
static int migration_number(const char *name);
static int read_file(const char *path, struct buf *out);

static int
map_rc(struct db *db, int rc, const char *what)
{
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) {
        return 0;
    }
    int prim = rc & 0xff;
    log_msg(LOG_ERR, "m=db op=%s rc=%d err=%s", what, rc,
            db && db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
    if (prim == SQLITE_CONSTRAINT) {
        return AG_ECONFLICT;
    }
    if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED) {
        return AG_EBUSY;
    }
    if (prim == SQLITE_NOMEM) {
        return AG_ENOMEM;
    }
    return AG_EDB;
}

int
db_open(const char *path, struct db **out)
{
    struct db *db = calloc(1, sizeof(*db));
    if (!db) {
        return AG_ENOMEM;
    }
    int rc = sqlite3_open_v2(path, &db->h,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        int err = map_rc(db, rc, "open");
        db_close(db);
        return err;
    }
    sqlite3_busy_timeout(db->h, 5000);
    sqlite3_extended_result_codes(db->h, 1);
    rc = db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
    if (rc < 0) {
        db_close(db);
        return rc;
    }
    *out = db;
    return 0;
}

void
db_close(struct db *db)
{
    if (!db) {
        return;
    }
    for (int i = 0; i < db->n_cache; i++) {
        sqlite3_finalize(db->cache[i].st);
    }
    sqlite3_close(db->h);
    free(db);
}

sqlite3 *
db_handle(struct db *db)
{
    return db->h;
}

int
db_prepare(struct db *db, const char *sql, sqlite3_stmt **out)
{
    for (int i = 0; i < db->n_cache; i++) {
        if (db->cache[i].sql == sql || strcmp(db->cache[i].sql, sql) == 0) {
            *out = db->cache[i].st;
            return 0;
        }
    }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        return map_rc(db, rc, "prepare");
    }
    if (db->n_cache < STMT_CACHE) {
        db->cache[db->n_cache].sql = sql;
        db->cache[db->n_cache].st = st;
        db->n_cache++;
    } else {
        /* cache full: evict the oldest entry (statements are few; this is a safety net) */
        sqlite3_finalize(db->cache[0].st);
        memmove(&db->cache[0], &db->cache[1], sizeof(db->cache[0]) * (STMT_CACHE - 1));
        db->cache[STMT_CACHE - 1].sql = sql;
        db->cache[STMT_CACHE - 1].st = st;
    }
    *out = st;
    return 0;
}

int
db_step(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        return 1;
    }
    if (rc == SQLITE_DONE) {
        return 0;
    }
    struct db tmp = {.h = sqlite3_db_handle(st)};
    return map_rc(&tmp, rc, "step");
}

int
db_step_row(sqlite3_stmt *st)
{
    int rc = db_step(st);
    return rc == 1 ? 0 : rc == 0 ? AG_ENOTFOUND : rc;
}

int
db_data_version(struct db *db, unsigned int *out)
{
    /* the pager notices other processes' commits when a read transaction starts; PRAGMA
     * data_version starts one (and reads no table). The file control then gives the pager's
     * count, which unlike the pragma's value also moves with this connection's own commits. */
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "PRAGMA data_version", &st);
    if (rc == 0) {
        rc = db_step(st) == 1 ? 0 : AG_EDB;
        db_stmt_done(st);
    }
    if (rc == 0 && sqlite3_file_control(db->h, "main", SQLITE_FCNTL_DATA_VERSION, out) != SQLITE_OK) {
        rc = AG_EDB;
    }
    return rc;
}

void
db_stmt_done(sqlite3_stmt *st)
{
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
}

int
db_exec(struct db *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
    sqlite3_free(msg);
    return map_rc(db, rc, "exec");
}

int
db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    int rc = s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
    return rc == SQLITE_OK ? 0 : AG_EDB;
}

int
db_bind_int(sqlite3_stmt *st, int i, long long v)
{
    return sqlite3_bind_int64(st, i, v) == SQLITE_OK ? 0 : AG_EDB;
}

const char *
db_col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

long long
db_col_int(sqlite3_stmt *st, int i)
{
    return sqlite3_column_int64(st, i);
}

int
db_bind_double(sqlite3_stmt *st, int i, double v)
{
    return sqlite3_bind_double(st, i, v) == SQLITE_OK ? 0 : AG_EDB;
}

double
db_col_double(sqlite3_stmt *st, int i)
{
    return sqlite3_column_double(st, i);
}

int
db_tx_begin(struct db *db)
{
    return db_exec(db, "BEGIN IMMEDIATE");
}

int
db_tx_commit(struct db *db)
{
    return db_exec(db, "COMMIT");
}

void
db_tx_rollback(struct db *db)
{
    if (!sqlite3_get_autocommit(db->h)) {
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
    }
}

int
db_user_version(struct db *db, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "PRAGMA user_version", &st);
    if (rc < 0) {
        return rc;
    }
    rc = db_step(st);
    if (rc == 1) {
        *out = (int)sqlite3_column_int(st, 0);
        rc = 0;
    } else if (rc == 0) {
        rc = AG_EDB;
    }
    db_stmt_done(st);
    return rc;
}

/* migration_number: "0012_name.sql" -> 12, anything else -> -1. */
static int
migration_number(const char *name)
{
    size_t len = strlen(name);
    if (len < 10 || name[4] != '_' || strcmp(name + len - 4, ".sql") != 0) {
        return -1;
    }
    int n = 0;
    for (int i = 0; i < 4; i++) {
        if (name[i] < '0' || name[i] > '9') {
            return -1;
        }
        n = n * 10 + (name[i] - '0');
    }
    return n;
}

int
db_latest_migration(const char *sql_dir, int *out)
{
    DIR *d = opendir(sql_dir);
    if (!d) {
        log_msg(LOG_ERR, "m=db op=migrations dir=%s err=%s", sql_dir, strerror(errno));
        return AG_ENOTFOUND;
    }
    unsigned char *seen = calloc(MAX_MIGRATIONS + 1, 1);
    if (!seen) {
        closedir(d);
        return AG_ENOMEM;
    }
    int max = 0;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        int n = migration_number(e->d_name);
        if (n > 0) {
            if (seen[n]) {
                closedir(d);
                free(seen);
                return AG_EINVAL; /* two files with one number */
            }
            seen[n] = 1;
            count++;
            max = n > max ? n : max;
        }
    }
    closedir(d);
    free(seen);
    *out = max;
    return count == max ? 0 : AG_EINVAL;
}

static int
read_file(const char *path, struct buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return AG_ENOTFOUND;
    }
    char chunk[4096];
    size_t n;
    int rc = 0;
    while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        rc = buf_append(out, chunk, n);
    }
    if (rc == 0 && ferror(f)) {
        rc = AG_EINTERNAL;
    }
    fclose(f);
    return rc;
}

static int
find_migration(const char *sql_dir, int n, char *path, size_t cap)
{
    DIR *d = opendir(sql_dir);
    if (!d) {
        return AG_ENOTFOUND;
    }
    int rc = AG_ENOTFOUND;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (migration_number(e->d_name) == n) {
            int w = snprintf(path, cap, "%s/%s", sql_dir, e->d_name);
            rc = (w < 0 || (size_t)w >= cap) ? AG_ETOOBIG : 0;
            break;
        }
    }
    closedir(d);
    return rc;
}

static int
apply_one(struct db *db, const char *path, int n)
{
    struct buf sql = BUF_INIT;
    int rc = read_file(path, &sql);
    char pragma[64];
    snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", n); /* n: our own integer */
    if (rc == 0) {
        rc = db_tx_begin(db);
    }
    if (rc == 0) {
        rc = db_exec(db, buf_cstr(&sql));
        if (rc == 0) {
            rc = db_exec(db, pragma);
        }
        if (rc == 0) {
            rc = db_tx_commit(db);
        }
        if (rc < 0) {
            db_tx_rollback(db);
            log_msg(LOG_ERR, "m=db op=migrate file=%s err=failed", path);
        }
    }
    buf_free(&sql);
    return rc;
}

int
db_migrate(struct db *db, const char *sql_dir, int *applied)
{
    int latest = 0;
    int current = 0;
    *applied = 0;
    int rc = db_latest_migration(sql_dir, &latest);
    if (rc == 0) {
        rc = db_user_version(db, &current);
    }
    if (rc == 0 && current > latest) {
        log_msg(LOG_ERR, "m=db op=migrate err=database is newer (%d) than this program (%d)",
                current, latest);
        rc = AG_ECONFLICT;
    }
    for (int n = current + 1; rc == 0 && n <= latest; n++) {
        char path[1024];
        rc = find_migration(sql_dir, n, path, sizeof(path));
        if (rc == 0) {
            rc = apply_one(db, path, n);
        }
        if (rc == 0) {
            (*applied)++;
            log_msg(LOG_INFO, "m=db op=migrate applied=%d", n);
        }
    }
    return rc;
}

const char *
db_version(void)
{
    return sqlite3_libversion();
}
