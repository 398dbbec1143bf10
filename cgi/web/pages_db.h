/* SPDX-License-Identifier: MIT */
/* pages_db.h - the few queries the Test, Run console and Settings pages need
 * beyond agents/runs_db.h: the rail (projects with their specs and latest
 * states), per-session totals, pending approvals and the session's model.
 * Strings in rows are arena memory. */
#ifndef AG_WEB_PAGES_DB_H
#define AG_WEB_PAGES_DB_H

#include "../core/arena.h"
#include "../core/db.h"

struct rail_project {
  long long id;
  const char *name, *spec_json,
      *state; /* state: of the newest run, "" when none */
};

struct rail_agent_state {
  long long project_id;
  const char *agent_id,
      *state; /* state of the newest chat turn with that agent */
};

struct session_totals {
  long long tokens_in, tokens_out, elapsed_ms, n_runs;
  double cost;
};

struct approval_row {
  const char *call_id, *tool, *args;
};

/* pages_db_rail: up to limit projects, most recently updated first; q (NULL/""
 * = all) matches the project name or its spec text (agent ids and roles). */
int pages_db_rail(struct db *db, struct arena *ar, const char *q, int limit,
                  struct rail_project **rows, int *n) AG_MUST_CHECK;
/* pages_db_agent_states: the state of the newest chat turn per (project,
 * agent). */
int pages_db_agent_states(struct db *db, struct arena *ar,
                          struct rail_agent_state **rows, int *n) AG_MUST_CHECK;
int pages_db_session_totals(struct db *db, long long session_id,
                            struct session_totals *out) AG_MUST_CHECK;
/* pages_db_session_runs: ids of the session's runs, oldest first (at most 500).
 */
int pages_db_session_runs(struct db *db, struct arena *ar, long long session_id,
                          long long **ids, int *n) AG_MUST_CHECK;
int pages_db_session_set_model(struct db *db, long long session_id,
                               const char *model) AG_MUST_CHECK;
/* pages_db_pending: the calls of run_id waiting for approval (Ask mode). */
int pages_db_pending(struct db *db, struct arena *ar, long long run_id,
                     struct approval_row **rows, int *n) AG_MUST_CHECK;

#endif
