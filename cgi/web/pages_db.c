/* SPDX-License-Identifier: MIT */
/* pages_db.c - SQL of the Test surface, Run console and Settings pages that
 * agents/runs_db.c does not already have. Reads only, except the session's
 * model picker. */
#include "pages_db.h"

#include <string.h>

#define RAIL_MAX 200
#define STATES_MAX 500
#define RUNS_MAX 500
#define PENDING_MAX 50

static const char *col(struct arena *ar, sqlite3_stmt *st, int i) {
  return arena_strdup(ar, db_col_text(st, i));
}

int pages_db_rail(struct db *db, struct arena *ar, const char *q, int limit,
                  struct rail_project **rows, int *n) {
  sqlite3_stmt *st = NULL;
  limit = limit > 0 && limit <= RAIL_MAX ? limit : RAIL_MAX;
  *n = 0;
  *rows = arena_alloc(ar, sizeof(**rows) * (size_t)limit);
  int rc = *rows ? db_prepare(db,
                              "SELECT p.id, p.name, p.spec_json, "
                              "coalesce((SELECT r.state FROM"
                              " runs r WHERE r.project_id = p.id ORDER BY r.id "
                              "DESC LIMIT 1), '')"
                              " FROM projects p WHERE ?1 = '' OR "
                              "instr(lower(p.name), lower(?1))"
                              " OR instr(lower(p.spec_json), lower(?1))"
                              " ORDER BY p.updated_at DESC, p.id DESC LIMIT ?2",
                              &st)
                 : AG_ENOMEM;
  rc = rc ? rc : db_bind_text(st, 1, q ? q : "");
  rc = rc ? rc : db_bind_int(st, 2, limit);
  while (rc == 0 && *n < limit && (rc = db_step(st)) == 1) {
    struct rail_project *p = &(*rows)[(*n)++];
    p->id = db_col_int(st, 0);
    p->name = col(ar, st, 1);
    p->spec_json = col(ar, st, 2);
    p->state = col(ar, st, 3);
    rc = p->name && p->spec_json && p->state ? 0 : AG_ENOMEM;
  }
  db_stmt_done(st);
  return rc < 0 ? rc : 0;
}

int pages_db_agent_states(struct db *db, struct arena *ar,
                          struct rail_agent_state **rows, int *n) {
  sqlite3_stmt *st = NULL;
  *n = 0;
  *rows = arena_alloc(ar, sizeof(**rows) * STATES_MAX);
  int rc =
      *rows
          ? db_prepare(
                db,
                "SELECT s.project_id, s.agent_id, r.state FROM runs r"
                " JOIN chat_sessions s ON s.id = r.session_id WHERE r.id IN"
                " (SELECT max(r2.id) FROM runs r2 JOIN chat_sessions s2"
                " ON s2.id = r2.session_id GROUP BY s2.project_id, s2.agent_id)"
                " ORDER BY r.id DESC LIMIT ?1",
                &st)
          : AG_ENOMEM;
  rc = rc ? rc : db_bind_int(st, 1, STATES_MAX);
  while (rc == 0 && *n < STATES_MAX && (rc = db_step(st)) == 1) {
    struct rail_agent_state *a = &(*rows)[(*n)++];
    a->project_id = db_col_int(st, 0);
    a->agent_id = col(ar, st, 1);
    a->state = col(ar, st, 2);
    rc = a->agent_id && a->state ? 0 : AG_ENOMEM;
  }
  db_stmt_done(st);
  return rc < 0 ? rc : 0;
}

int pages_db_session_totals(struct db *db, long long session_id,
                            struct session_totals *out) {
  sqlite3_stmt *st = NULL;
  memset(out, 0, sizeof(*out));
  int rc = db_prepare(
      db,
      "SELECT coalesce(sum(tokens_in), 0), coalesce(sum(tokens_out), 0),"
      " coalesce(sum(cost_usd), 0), coalesce(sum(elapsed_ms), 0), count(*)"
      " FROM runs WHERE session_id = ?1",
      &st);
  rc = rc ? rc : db_bind_int(st, 1, session_id);
  rc = rc ? rc : db_step(st);
  if (rc == 1) {
    out->tokens_in = db_col_int(st, 0);
    out->tokens_out = db_col_int(st, 1);
    out->cost = db_col_double(st, 2);
    out->elapsed_ms = db_col_int(st, 3);
    out->n_runs = db_col_int(st, 4);
    rc = 0;
  }
  db_stmt_done(st);
  return rc < 0 ? rc : 0;
}

int pages_db_session_runs(struct db *db, struct arena *ar, long long session_id,
                          long long **ids, int *n) {
  sqlite3_stmt *st = NULL;
  *n = 0;
  *ids = arena_alloc(ar, sizeof(**ids) * RUNS_MAX);
  int rc = *ids ? db_prepare(db,
                             "SELECT id FROM runs WHERE session_id = ?1 ORDER "
                             "BY id LIMIT ?2",
                             &st)
                : AG_ENOMEM;
  rc = rc ? rc : db_bind_int(st, 1, session_id);
  rc = rc ? rc : db_bind_int(st, 2, RUNS_MAX);
  while (rc == 0 && *n < RUNS_MAX && (rc = db_step(st)) == 1) {
    (*ids)[(*n)++] = db_col_int(st, 0);
  }
  db_stmt_done(st);
  return rc < 0 ? rc : 0;
}

int pages_db_session_set_model(struct db *db, long long session_id,
                               const char *model) {
  sqlite3_stmt *st = NULL;
  int rc =
      db_prepare(db, "UPDATE chat_sessions SET model = ?2 WHERE id = ?1", &st);
  rc = rc ? rc : db_bind_int(st, 1, session_id);
  rc = rc ? rc : db_bind_text(st, 2, model ? model : "");
  rc = rc ? rc : db_step(st);
  db_stmt_done(st);
  return rc < 0 ? rc : 0;
}

int pages_db_pending(struct db *db, struct arena *ar, long long run_id,
                     struct approval_row **rows, int *n) {
  sqlite3_stmt *st = NULL;
  *n = 0;
  *rows = arena_alloc(ar, sizeof(**rows) * PENDING_MAX);
  int rc =
      *rows ? db_prepare(
                  db,
                  "SELECT call_id, tool, args FROM approvals WHERE run_id = ?1"
                  " AND state = 'pending' ORDER BY created_at LIMIT ?2",
                  &st)
            : AG_ENOMEM;
  rc = rc ? rc : db_bind_int(st, 1, run_id);
  rc = rc ? rc : db_bind_int(st, 2, PENDING_MAX);
  while (rc == 0 && *n < PENDING_MAX && (rc = db_step(st)) == 1) {
    struct approval_row *a = &(*rows)[(*n)++];
    a->call_id = col(ar, st, 0);
    a->tool = col(ar, st, 1);
    a->args = col(ar, st, 2);
    rc = a->call_id && a->tool && a->args ? 0 : AG_ENOMEM;
  }
  db_stmt_done(st);
  return rc < 0 ? rc : 0;
}
