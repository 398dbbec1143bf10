/* SPDX-License-Identifier: MIT */
/* check_db.c - SQLite module: migrations (order, idempotence, contiguity, failure rollback),
 * statement cache, transactions, error mapping. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../cgi/core/db.h"

static char dir[64];

static void
write_sql(const char *name, const char *sql)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(sql, f);
    fclose(f);
}

static void
setup(void)
{
    snprintf(dir, sizeof(dir), "/tmp/agsqlXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_db_migrate_in_order_once)
{
    write_sql("0001_a.sql", "CREATE TABLE a (x INTEGER);");
    write_sql("0002_b.sql", "INSERT INTO a VALUES (7);");
    write_sql("README", "not a migration");
    struct db *db = NULL;
    int applied = -1, v = -1;
    ck_assert_int_eq(db_open(":memory:", &db), 0);
    ck_assert_int_eq(db_migrate(db, dir, &applied), 0);
    ck_assert_int_eq(applied, 2);
    ck_assert_int_eq(db_user_version(db, &v), 0);
    ck_assert_int_eq(v, 2);
    ck_assert_int_eq(db_migrate(db, dir, &applied), 0);
    ck_assert_int_eq(applied, 0); /* forward-only, applied once */
    sqlite3_stmt *st = NULL;
    ck_assert_int_eq(db_prepare(db, "SELECT count(*) FROM a", &st), 0);
    ck_assert_int_eq(db_step(st), 1);
    ck_assert_int_eq(db_col_int(st, 0), 1);
    db_stmt_done(st);
    db_close(db);
}
END_TEST

START_TEST(test_db_migrate_failure_rolls_back)
{
    write_sql("0001_a.sql", "CREATE TABLE a (x INTEGER);");
    write_sql("0002_bad.sql", "CREATE TABLE b (y INTEGER); THIS IS NOT SQL;");
    struct db *db = NULL;
    int applied = -1, v = -1;
    ck_assert_int_eq(db_open(":memory:", &db), 0);
    ck_assert_int_eq(db_migrate(db, dir, &applied), AG_EDB);
    ck_assert_int_eq(applied, 1);
    ck_assert_int_eq(db_user_version(db, &v), 0);
    ck_assert_int_eq(v, 1);
    sqlite3_stmt *st = NULL;
    ck_assert_int_eq(db_prepare(db, "SELECT count(*) FROM sqlite_master WHERE name = 'b'", &st), 0);
    ck_assert_int_eq(db_step(st), 1);
    ck_assert_int_eq(db_col_int(st, 0), 0); /* table b did not survive */
    db_stmt_done(st);
    db_close(db);
}
END_TEST

START_TEST(test_db_migrations_must_be_contiguous)
{
    write_sql("0001_a.sql", "SELECT 1;");
    write_sql("0003_c.sql", "SELECT 1;");
    int latest = 0;
    ck_assert_int_eq(db_latest_migration(dir, &latest), AG_EINVAL);
    ck_assert_int_eq(db_latest_migration("/nonexistent/dir", &latest), AG_ENOTFOUND);
}
END_TEST

START_TEST(test_db_newer_database_refused)
{
    write_sql("0001_a.sql", "SELECT 1;");
    struct db *db = NULL;
    int applied = 0;
    ck_assert_int_eq(db_open(":memory:", &db), 0);
    ck_assert_int_eq(db_exec(db, "PRAGMA user_version = 5"), 0);
    ck_assert_int_eq(db_migrate(db, dir, &applied), AG_ECONFLICT);
    db_close(db);
}
END_TEST

START_TEST(test_db_project_migrations_apply)
{
    struct db *db = NULL;
    int applied = 0, latest = 0;
    ck_assert_int_eq(db_open(":memory:", &db), 0);
    ck_assert_int_eq(db_latest_migration("sql", &latest), 0);
    ck_assert_int_eq(db_migrate(db, "sql", &applied), 0);
    ck_assert_int_eq(applied, latest);
    db_close(db);
}
END_TEST

START_TEST(test_db_step_row)
{
    struct db *db = NULL;
    ck_assert_int_eq(db_open(":memory:", &db), 0);
    ck_assert_int_eq(db_exec(db, "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)"), 0);
    ck_assert_int_eq(db_exec(db, "INSERT INTO t VALUES (1, 'one')"), 0);
    sqlite3_stmt *st = NULL;
    for (int k = 1; k <= 2; k++) {
        ck_assert_int_eq(db_prepare(db, "SELECT v FROM t WHERE k = ?1", &st), 0);
        ck_assert_int_eq(db_bind_int(st, 1, k), 0);
        ck_assert_int_eq(db_step_row(st), k == 1 ? 0 : AG_ENOTFOUND);
        if (k == 1) {
            ck_assert_str_eq(db_col_text(st, 0), "one");
        }
        db_stmt_done(st);
    }
    db_close(db);
}
END_TEST

START_TEST(test_db_constraint_maps_to_conflict)
{
    struct db *db = NULL;
    ck_assert_int_eq(db_open(":memory:", &db), 0);
    ck_assert_int_eq(db_exec(db, "CREATE TABLE u (k TEXT PRIMARY KEY)"), 0);
    sqlite3_stmt *st = NULL;
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(db_prepare(db, "INSERT INTO u (k) VALUES (?1)", &st), 0);
        ck_assert_int_eq(db_bind_text(st, 1, "same"), 0);
        ck_assert_int_eq(db_step(st), i == 0 ? 0 : AG_ECONFLICT);
        db_stmt_done(st);
    }
    sqlite3_stmt *again = NULL;
    ck_assert_int_eq(db_prepare(db, "INSERT INTO u (k) VALUES (?1)", &again), 0);
    ck_assert_ptr_eq(st, again); /* cached */
    ck_assert_int_eq(db_tx_begin(db), 0);
    ck_assert_int_eq(db_bind_text(again, 1, "other"), 0);
    ck_assert_int_eq(db_step(again), 0);
    db_stmt_done(again);
    db_tx_rollback(db);
    ck_assert_int_eq(db_prepare(db, "SELECT count(*) FROM u", &st), 0);
    ck_assert_int_eq(db_step(st), 1);
    ck_assert_int_eq(db_col_int(st, 0), 1);
    db_stmt_done(st);
    db_close(db);
}
END_TEST

Suite *
db_suite(void)
{
    Suite *s = suite_create("db");
    TCase *tc = tcase_create("migrations");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_db_migrate_in_order_once);
    tcase_add_test(tc, test_db_migrate_failure_rolls_back);
    tcase_add_test(tc, test_db_migrations_must_be_contiguous);
    tcase_add_test(tc, test_db_newer_database_refused);
    tcase_add_test(tc, test_db_project_migrations_apply);
    suite_add_tcase(s, tc);
    tc = tcase_create("statements");
    tcase_add_test(tc, test_db_constraint_maps_to_conflict);
    tcase_add_test(tc, test_db_step_row);
    suite_add_tcase(s, tc);
    return s;
}
