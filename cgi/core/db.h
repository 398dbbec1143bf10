/* SPDX-License-Identifier: MIT */
/* db.h - SQLite: one connection per process (WAL, foreign keys, busy timeout, synchronous=NORMAL),
 * a prepared-statement cache keyed by the SQL text, transactions, forward-only migrations from
 * sql/NNNN_name.sql tracked by PRAGMA user_version. Only db.c and *_db.c include sqlite3.h. */
#ifndef AG_DB_H
#define AG_DB_H

#include <sqlite3.h>

#include "ag.h"

struct db;

/* db_open opens (creating) path; ":memory:" works for tests. */
int db_open(const char *path, struct db **out) AG_MUST_CHECK;
void db_close(struct db *db);
sqlite3 *db_handle(struct db *db);

/* db_prepare returns a cached statement for sql (a string literal); borrowed: call db_stmt_done
 * after use, never finalize. */
int db_prepare(struct db *db, const char *sql, sqlite3_stmt **out) AG_MUST_CHECK;
/* db_step: 1 = a row is ready, 0 = done, negative AG_E* on error (constraint -> AG_ECONFLICT,
 * busy -> AG_EBUSY, else AG_EDB; logged). */
int db_step(sqlite3_stmt *st) AG_MUST_CHECK;
/* db_step_row: for a query that yields the one row wanted or none: 0 = the row is ready,
 * AG_ENOTFOUND = no row, negative AG_E* on error. */
int db_step_row(sqlite3_stmt *st) AG_MUST_CHECK;
void db_stmt_done(sqlite3_stmt *st);
/* db_data_version: a number that changes with every commit to the database file, by this
 * connection or any other process, current as of this call. Cheap (no table is read): for
 * caches that stay valid while the database is unchanged. */
int db_data_version(struct db *db, unsigned int *out) AG_MUST_CHECK;
/* db_exec runs SQL text with no parameters (schema, pragmas). */
int db_exec(struct db *db, const char *sql) AG_MUST_CHECK;
/* binds that map failures to AG_E* */
int db_bind_text(sqlite3_stmt *st, int i, const char *s) AG_MUST_CHECK; /* NULL binds null */
int db_bind_int(sqlite3_stmt *st, int i, long long v) AG_MUST_CHECK;
const char *db_col_text(sqlite3_stmt *st, int i); /* "" for NULL; valid until next step */
long long db_col_int(sqlite3_stmt *st, int i);
int db_bind_double(sqlite3_stmt *st, int i, double v) AG_MUST_CHECK;
double db_col_double(sqlite3_stmt *st, int i);

int db_tx_begin(struct db *db) AG_MUST_CHECK; /* BEGIN IMMEDIATE */
int db_tx_commit(struct db *db) AG_MUST_CHECK;
void db_tx_rollback(struct db *db);

/* db_user_version reads PRAGMA user_version. */
int db_user_version(struct db *db, int *out) AG_MUST_CHECK;
/* db_latest_migration scans sql_dir for NNNN_*.sql and returns the highest N (0 if none);
 * AG_EINVAL if the numbers are not contiguous from 1. */
int db_latest_migration(const char *sql_dir, int *out) AG_MUST_CHECK;
/* db_migrate applies every missing migration, each in one transaction with its user_version.
 * *applied gets the count. A failure rolls that migration back and returns AG_EDB. */
int db_migrate(struct db *db, const char *sql_dir, int *applied) AG_MUST_CHECK;
const char *db_version(void);

#endif
