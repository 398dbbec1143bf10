/* SPDX-License-Identifier: MIT */
/* runs_pages.c - the Run console: agents with status and progress, the event
 * log with filters and elapsed stamps, token usage per agent with cost, Stop
 * and Ask-mode approvals; and the project page's "Run" form. Pages only enqueue
 * and read; the runner executes. */
#include "runs_pages.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../agents/runs_db.h"
#include "../core/events.h"
#include "../core/jsn.h"
#include "../engine/spec.h"
#include "page.h"
#include "pages_db.h"
#include "runs.h"
#include "runs_trace.h"

#define EVENTS_MAX 20000

struct ev_walk {
  struct req *r;
  struct ev_item *items;
  int n;
};

static const char *str_of(struct req *r, struct json_object *o,
                          const char *key) {
  struct json_object *v = NULL;
  if (!json_object_object_get_ex(o, key, &v) || !v ||
      json_object_is_type(v, json_type_null)) {
    return "";
  }
  if (json_object_is_type(v, json_type_string)) {
    return arena_strdup(r->ar, json_object_get_string(v));
  }
  return arena_strdup(r->ar,
                      json_object_to_json_string_ext(
                          v, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                                 JSON_C_TO_STRING_NOSLASHESCAPE));
}

static long long int_of(struct json_object *o, const char *key) {
  struct json_object *v = NULL;
  return json_object_object_get_ex(o, key, &v) && v ? json_object_get_int64(v)
                                                    : 0;
}

static int walk_event(void *ctx, const struct event_row *e) {
  struct ev_walk *wk = ctx;
  struct json_object *o = NULL, *ev = NULL;
  if (wk->n >= EVENTS_MAX || jsn_parse(e->data, strlen(e->data), &o) < 0) {
    return 0; /* keep what we have; a bad row is skipped, not fatal */
  }
  struct ev_item *it = &wk->items[wk->n];
  memset(it, 0, sizeof(*it));
  it->seq = e->seq;
  it->type = arena_strdup(wk->r->ar, e->type);
  if (strcmp(e->type, EV_RUN_EVENT) == 0 &&
      json_object_object_get_ex(o, "event", &ev)) {
    const char **dst[] = {&it->kind, &it->agent,   &it->task, &it->text,
                          &it->tool, &it->call_id, &it->args, &it->result};
    const char *keys[] = {"kind", "agent",  "task", "text",
                          "tool", "callId", "args", "result"};
    for (size_t i = 0; i < AG_NELEM(keys); i++) {
      *dst[i] = str_of(wk->r, ev, keys[i]);
    }
    it->tokens = int_of(ev, "tokens");
    it->ts = int_of(ev, "ts");
    it->elapsed_ms = int_of(ev, "elapsedMs");
    it->from = str_of(wk->r, ev, "from");
  } else if (strcmp(e->type, EV_RUN_PAUSED) == 0 ||
             strcmp(e->type, EV_RUN_RESUMED) == 0) {
    it->kind = strcmp(e->type, EV_RUN_PAUSED) == 0 ? "paused" : "resumed";
    it->ts = int_of(o, "ts");
    it->text = it->agent = it->task = it->tool = it->call_id = it->args =
        it->result = it->from = "";
  } else {
    it->kind = str_of(wk->r, o, "state");
    it->text = str_of(wk->r, o, "error");
    it->tokens = int_of(o, "tokens");
    it->agent = it->task = it->tool = it->call_id = it->args = it->result = "";
    it->from = "";
  }
  json_object_put(o);
  wk->n += it->kind && it->text && it->result && it->args && it->from ? 1 : 0;
  return 0;
}

int runs_pages_events(struct req *r, long long run_id, struct ev_item **items,
                      int *n) {
  char stream[EVENTS_STREAM_MAX];
  struct ev_walk wk = {
      .r = r, .items = arena_alloc(r->ar, sizeof(struct ev_item) * EVENTS_MAX)};
  int rc = wk.items ? events_stream_name("run", run_id, stream, sizeof(stream))
                    : AG_ENOMEM;
  rc = rc ? rc
          : events_after(r->app->db, stream, 0, EVENTS_MAX, walk_event, &wk);
  *items = wk.items;
  *n = wk.n;
  return rc;
}

int runs_pages_is_active(const char *state) {
  return strcmp(state, "queued") == 0 || strcmp(state, "running") == 0 ||
         strcmp(state, "waiting") == 0 || strcmp(state, "paused") == 0;
}

const char *runs_pages_cost(struct req *r, double cost) {
  return arena_printf(r->ar, "$%.4f", cost);
}

const char *runs_pages_ms(struct req *r, long long ms) {
  return ms < 1000 ? arena_printf(r->ar, "%lld ms", ms)
                   : arena_printf(r->ar, "%.1f s", (double)ms / 1000.0);
}

const char *runs_pages_when(struct req *r, long long ts) {
  time_t tt = (time_t)ts;
  struct tm tm;
  char out[32];
  gmtime_r(&tt, &tm);
  strftime(out, sizeof(out), "%Y-%m-%d %H:%M UTC", &tm);
  return arena_strdup(r->ar, out);
}

static int keep(const char *filter, const struct ev_item *e) {
  if (strcmp(e->kind, EVK_TOKEN) == 0) {
    return 0; /* the message event carries the whole text; tokens only matter
                 live */
  }
  if (strcmp(filter, "thoughts") == 0) {
    return strcmp(e->kind, EVK_THOUGHT) == 0;
  }
  if (strcmp(filter, "tools") == 0) {
    return strncmp(e->kind, "tool.", 5) == 0;
  }
  if (strcmp(filter, "messages") == 0) {
    return strcmp(e->kind, EVK_MESSAGE) == 0;
  }
  return 1;
}

/* group of a kind for the client-side filter: thoughts | tools | messages |
 * other */
static const char *group_of(const char *kind) {
  return strcmp(kind, EVK_THOUGHT) == 0   ? "thoughts"
         : strncmp(kind, "tool.", 5) == 0 ? "tools"
         : strcmp(kind, EVK_MESSAGE) == 0 ? "messages"
                                          : "other";
}

static int set_events(struct req *r, struct tmpl *t, long long run_id,
                      const char *filter, int active) {
  struct ev_item *ev = NULL;
  int n = 0, k = 0;
  int rc = runs_pages_events(r, run_id, &ev, &n);
  long long t0 = 0;
  for (int i = 0; rc == 0 && i < n; i++) {
    t0 = t0 ? t0 : ev[i].ts;
    if (!keep(filter, &ev[i])) {
      continue;
    }
    const char *stamp =
        ev[i].ts && t0
            ? arena_printf(r->ar, "+%.2fs", (double)(ev[i].ts - t0) / 1000.0)
            : "";
    const char *keys[] = {"type",   "kind",  "agent",   "task",
                          "text",   "tool",  "call_id", "args",
                          "result", "stamp", "group",   "from"};
    const char *vals[] = {ev[i].type,    ev[i].kind,           ev[i].agent,
                          ev[i].task,    ev[i].text,           ev[i].tool,
                          ev[i].call_id, ev[i].args,           ev[i].result,
                          stamp,         group_of(ev[i].kind), ev[i].from};
    for (size_t j = 0; rc == 0 && j < AG_NELEM(keys); j++) {
      rc = tmpl_setf(t, vals[j], "events.%d.%s", k, keys[j]);
    }
    rc = rc ? rc
            : tmpl_setf(t, arena_printf(r->ar, "%lld", ev[i].seq),
                        "events.%d.seq", k);
    if (rc == 0 && ev[i].tokens) {
      rc = tmpl_setf(t, arena_printf(r->ar, "%lld", ev[i].tokens),
                     "events.%d.tokens", k);
    }
    k++;
  }
  rc = rc ? rc : tmpl_set_int(t, "events_total", k);
  rc = rc ? rc : tmpl_set_int(t, "events_last", n ? ev[n - 1].seq : 0);
  rc = rc ? rc : runs_trace_set(r, t, ev, n, active);
  return rc;
}

/* The spec's agents in order, each with its accounting row (if the run reached
 * it). */
static int set_agents(struct req *r, struct tmpl *t, const struct run_row *x) {
  struct run_agent_row *ag = NULL;
  int n = 0, n_done = 0;
  const char *text = NULL;
  struct json_object *o = NULL;
  struct spec s = {0};
  const char *why = NULL;
  int rc = runs_db_agents(r->app->db, r->ar, x->id, &ag, &n);
  int have_spec =
      rc == 0 &&
      runs_db_project_spec(r->app->db, r->ar, x->project_id, &text) == 0 &&
      jsn_parse(text, strlen(text), &o) == 0 &&
      spec_from_json(o, &s, &why) == 0;
  json_object_put(o);
  int total = have_spec ? s.n_agents : n;
  long long sum_in = 0, sum_out = 0, sum_ms = 0;
  double sum_cost = 0;
  for (int j = 0; j < n; j++) {
    sum_in += ag[j].tokens_in;
    sum_out += ag[j].tokens_out;
    sum_cost += ag[j].cost;
    sum_ms += ag[j].elapsed_ms;
  }
  for (int i = 0; rc == 0 && i < total; i++) {
    const char *id = have_spec ? s.agents[i].id : ag[i].agent_id;
    const struct run_agent_row *a = NULL;
    for (int j = 0; j < n; j++) {
      a = strcmp(ag[j].agent_id, id) == 0 ? &ag[j] : a;
    }
    const char *status = a ? a->status : "idle";
    n_done += strcmp(status, "done") == 0;
    rc = tmpl_setf(t, id, "agents.%d.id", i);
    rc = rc ? rc
            : tmpl_setf(t, have_spec ? s.agents[i].role : "", "agents.%d.role",
                        i);
    rc = rc ? rc : tmpl_setf(t, status, "agents.%d.status", i);
    if (rc == 0 && a) {
      rc = tmpl_setf(t, arena_printf(r->ar, "%lld", a->tokens_in),
                     "agents.%d.tokens_in", i);
      rc = rc ? rc
              : tmpl_setf(t, arena_printf(r->ar, "%lld", a->tokens_out),
                          "agents.%d.tokens_out", i);
      rc = rc ? rc
              : tmpl_setf(t, runs_pages_cost(r, a->cost), "agents.%d.cost", i);
      rc = rc ? rc
              : tmpl_setf(t, runs_pages_ms(r, a->elapsed_ms),
                          "agents.%d.elapsed", i);
    }
  }
  if (have_spec) {
    spec_free(&s);
  }
  if (rc == 0 && runs_pages_is_active(x->state)) {
    /* the run's totals are written when it ends; until then, the agents' sum */
    rc = tmpl_set_int(t, "run.tokens_in", sum_in);
    rc = rc ? rc : tmpl_set_int(t, "run.tokens_out", sum_out);
    rc = rc ? rc : tmpl_set(t, "run.cost", runs_pages_cost(r, sum_cost));
    rc = rc ? rc : tmpl_set(t, "run.elapsed", runs_pages_ms(r, sum_ms));
  }
  rc = rc ? rc : tmpl_set_int(t, "progress.done", n_done);
  rc = rc ? rc : tmpl_set_int(t, "progress.total", total);
  rc = rc ? rc
          : tmpl_set_int(t, "progress.pct", total ? n_done * 100 / total : 0);
  return rc;
}

static int set_run(struct req *r, struct tmpl *t, const struct run_row *x) {
  const char *keys[] = {"kind",   "state", "permission", "input",
                        "output", "model", "project",    "error"};
  const char *vals[] = {x->kind,   x->state, x->permission,   x->input,
                        x->output, x->model, x->project_name, x->error};
  int rc = tmpl_set_int(t, "run.id", x->id);
  rc = rc ? rc : tmpl_set_int(t, "run.project_id", x->project_id);
  for (size_t i = 0; rc == 0 && i < AG_NELEM(keys); i++) {
    rc = tmpl_setf(t, vals[i], "run.%s", keys[i]);
  }
  rc = rc ? rc : tmpl_set_int(t, "run.tokens_in", x->tokens_in);
  rc = rc ? rc : tmpl_set_int(t, "run.tokens_out", x->tokens_out);
  rc = rc ? rc : tmpl_set_int(t, "run.tokens", x->tokens_in + x->tokens_out);
  rc = rc ? rc : tmpl_set(t, "run.cost", runs_pages_cost(r, x->cost));
  rc = rc ? rc : tmpl_set(t, "run.elapsed", runs_pages_ms(r, x->elapsed_ms));
  rc = rc ? rc : tmpl_set(t, "run.created", runs_pages_when(r, x->created_at));
  if (rc == 0 && x->session_id) {
    rc = tmpl_set_int(t, "run.session_id", x->session_id);
  }
  if (rc == 0 && runs_pages_is_active(x->state)) {
    rc = tmpl_set(t, "run.active", "1");
    rc = rc ? rc
            : tmpl_set(t, "run.stream",
                       arena_printf(r->ar, "/api/runs/%lld/stream", x->id));
  }
  return rc;
}

static int set_pending(struct req *r, struct tmpl *t, long long run_id) {
  struct approval_row *ap = NULL;
  int n = 0;
  int rc = pages_db_pending(r->app->db, r->ar, run_id, &ap, &n);
  for (int i = 0; rc == 0 && i < n; i++) {
    rc = tmpl_setf(t, ap[i].call_id, "approvals.%d.call_id", i);
    rc = rc ? rc : tmpl_setf(t, ap[i].tool, "approvals.%d.tool", i);
    rc = rc ? rc : tmpl_setf(t, ap[i].args, "approvals.%d.args", i);
  }
  return rc;
}

int runs_pages_show(struct req *r, struct resp *w) {
  long long id = 0;
  struct run_row x;
  struct tmpl *t = NULL;
  const char *filter = req_param(r, "filter");
  const char *filters[] = {"all", "thoughts", "tools", "messages"};
  int known = 0;
  for (size_t i = 0; filter && i < AG_NELEM(filters); i++) {
    known |= strcmp(filter, filters[i]) == 0;
  }
  filter = known ? filter : "all";
  int rc = req_param_i64(r, "id", &id) == 0
               ? runs_db_get(r->app->db, r->ar, id, &x)
               : AG_ENOTFOUND;
  rc =
      rc ? rc : page_new(r, arena_printf(r->ar, "Run %lld", id), "history", &t);
  rc = rc ? rc : set_run(r, t, &x);
  rc = rc ? rc : set_agents(r, t, &x);
  rc = rc ? rc : set_events(r, t, id, filter, runs_pages_is_active(x.state));
  rc = rc ? rc : set_pending(r, t, id);
  rc = rc ? rc : tmpl_set(t, "filter", filter);
  rc = rc ? rc : tmpl_set(t, "page.wide", "1");
  return rc ? rc : page_render(r, w, t, "runs/show.cs");
}

int runs_pages_stop(struct req *r, struct resp *w) {
  long long id = 0;
  int now = 0;
  int rc = req_param_i64(r, "id", &id) == 0 ? runs_db_stop(r->app->db, id, &now)
                                            : AG_ENOTFOUND;
  if (rc == AG_ECONFLICT) {
    rc = 0; /* already finished: the page shows how it ended */
  }
  if (rc == 0 && now) {
    events_wake(r->app->cfg.data_dir);
  }
  const char *loc = arena_printf(r->ar, "/runs/%lld", id);
  return rc ? rc : loc ? resp_redirect(w, 303, loc) : AG_ENOMEM;
}

int runs_pages_approve(struct req *r, struct resp *w) {
  long long id = 0;
  const char *call = req_param(r, "callId");
  const char *approve = req_param(r, "approve");
  int rc = req_param_i64(r, "id", &id) == 0 && call ? 0 : AG_ENOTFOUND;
  rc = rc ? rc
          : approvals_db_decide(r->app->db, id, 0, call,
                                approve && strcmp(approve, "1") == 0);
  if (rc == AG_ENOTFOUND && id) {
    rc = 0; /* decided meanwhile (another tab): show the run as it is */
  }
  const char *loc = arena_printf(r->ar, "/runs/%lld", id);
  return rc ? rc : loc ? resp_redirect(w, 303, loc) : AG_ENOMEM;
}

int runs_pages_create(struct req *r, struct resp *w) {
  long long pid = 0, run = 0;
  const char *input = NULL, *perm = NULL, *model = NULL;
  if (req_param_i64(r, "id", &pid) < 0 || pid <= 0) {
    return AG_ENOTFOUND;
  }
  if (req_param_str(r, "input", 0, 20000, &input) < 0 ||
      req_param_str(r, "permission", 0, 8, &perm) < 0 ||
      req_param_str(r, "model", 0, 200, &model) < 0) {
    resp_error(w, r, AG_EINVAL,
               "The input is at most 20000 bytes; permission is safe, ask or "
               "dev; a model id is at most 200 bytes.",
               "input");
    return 0;
  }
  /* like POST /api/projects/:id/runs: an optional model, else the provider's default */
  int rc = runs_enqueue(r, pid, 0, input, perm && *perm ? perm : "safe",
                        model && *model ? model : NULL, &run);
  if (rc == AG_EINVAL) {
    resp_error(w, r, AG_EINVAL, "Permission must be safe, ask or dev.",
               "permission");
    return 0;
  }
  const char *loc = arena_printf(r->ar, "/runs/%lld", run);
  return rc ? rc : loc ? resp_redirect(w, 303, loc) : AG_ENOMEM;
}
