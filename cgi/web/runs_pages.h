/* SPDX-License-Identifier: MIT */
/* runs_pages.h - the Run console (/runs/:id) and the "Run" form of the project
 * page, plus the helpers the Test surface shares with it: a run's stored events
 * read back for rendering, and number formatting. Live updates come from
 * static/js/stream.js over agentgen-stream. */
#ifndef AG_WEB_RUNS_PAGES_H
#define AG_WEB_RUNS_PAGES_H

#include "../core/tmpl.h"
#include "req.h"
#include "resp.h"

/* One stored event of a run, decoded (arena strings; "" for absent fields). */
struct ev_item {
  long long seq, tokens, ts, elapsed_ms;
  const char *type; /* run.event | run.done | run.paused | run.resumed */
  const char *kind; /* run.event kind; the final state for run.done; "paused" or
                       "resumed" */
  const char *agent, *task, *text, *tool, *call_id, *args, *result;
  const char *from; /* "user" on a message sent into the run, else "" */
};

int runs_pages_show(struct req *r, struct resp *w);
int runs_pages_stop(struct req *r, struct resp *w);
int runs_pages_create(struct req *r,
                      struct resp *w); /* POST /projects/:id/runs */
int runs_pages_approve(struct req *r,
                       struct resp *w); /* POST /runs/:id/approvals/:callId */

/* runs_pages_events: the events of run_id, oldest first (at most 20000). args
 * are pretty JSON. */
int runs_pages_events(struct req *r, long long run_id, struct ev_item **items,
                      int *n) AG_MUST_CHECK;
/* runs_pages_is_active: queued, running or waiting. */
int runs_pages_is_active(const char *state);
/* Formatting into arena memory: "$0.0012", "1.4 s", "2024-01-31 12:00 UTC". */
const char *runs_pages_cost(struct req *r, double cost);
const char *runs_pages_ms(struct req *r, long long ms);
const char *runs_pages_when(struct req *r, long long ts);

#endif
