/* SPDX-License-Identifier: MIT */
/* sso_db.c - SQL of single sign-on: logins in flight (sso_pending), single use. */
#include <stdio.h>
#include <string.h>

#include "sso.h"

int
sso_db_pending_add(struct db *db, const char *state_hash, const char *provider,
                   const char *binding_hash, const char *next, long long expires_at,
                   long long now)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db, "DELETE FROM sso_pending WHERE expires_at <= ?", &st);
    if (rc == 0) {
        rc = db_bind_int(st, 1, now);
    }
    if (rc == 0) {
        rc = db_step(st);
    }
    db_stmt_done(st);
    if (rc < 0) {
        return rc;
    }
    rc = db_prepare(db,
                    "INSERT INTO sso_pending (state_hash, provider, binding_hash, next, "
                    "expires_at) VALUES (?, ?, ?, ?, ?)",
                    &st);
    if (rc == 0) {
        rc = db_bind_text(st, 1, state_hash);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 2, provider);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 3, binding_hash);
    }
    if (rc == 0) {
        rc = db_bind_text(st, 4, next);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 5, expires_at);
    }
    if (rc == 0) {
        rc = db_step(st);
    }
    db_stmt_done(st);
    return rc < 0 ? rc : 0;
}

int
sso_db_pending_take(struct db *db, const char *state_hash, long long now, char *provider,
                    size_t provider_cap, char *binding_hash, size_t binding_cap, char *next,
                    size_t next_cap)
{
    sqlite3_stmt *st = NULL;
    int rc = db_prepare(db,
                        "DELETE FROM sso_pending WHERE state_hash = ? AND expires_at > ? "
                        "RETURNING provider, binding_hash, next",
                        &st);
    if (rc == 0) {
        rc = db_bind_text(st, 1, state_hash);
    }
    if (rc == 0) {
        rc = db_bind_int(st, 2, now);
    }
    if (rc == 0) {
        rc = db_step_row(st);
        if (rc == 0) {
            snprintf(provider, provider_cap, "%s", db_col_text(st, 0));
            snprintf(binding_hash, binding_cap, "%s", db_col_text(st, 1));
            snprintf(next, next_cap, "%s", db_col_text(st, 2));
            rc = db_step(st) < 0 ? AG_EDB : 0;
        }
    }
    db_stmt_done(st);
    return rc;
}
