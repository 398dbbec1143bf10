/* SPDX-License-Identifier: MIT */
/* test_pages.c - the Test surface: a rail of projects and their agents, the
 * thread of one chat session (finished messages, tool cards, what a running
 * turn has streamed so far, Ask-mode approvals), the inspector and the
 * composer; exports as Markdown and JSON. No SQL here (agents/runs_db.h,
 * pages_db.h); no LLM calls (the runner does them). */
#include "test_pages.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../agents/runs_db.h"
#include "../auth/auth.h"
#include "../core/events.h"
#include "../core/jsn.h"
#include "../engine/engine.h"
#include "../engine/spec.h"
#include "gen.h"
#include "page.h"
#include "pages_db.h"
#include "runs.h"
#include "runs_pages.h"

#define RAIL_PROJECTS 50
#define TEXT_MAX 20000
/* a spec is a few KiB; more is not a spec */
#define SPEC_FILE_MAX (256 * 1024)

struct session_view {
  struct chat_session_row s;
  struct run_row run; /* the newest turn; run.id 0 when none */
};

static int parse_spec(const char *json, struct spec *s) {
  struct json_object *o = NULL;
  const char *why = NULL;
  int rc = jsn_parse(json, strlen(json), &o);
  rc = rc ? rc : spec_from_json(o, s, &why);
  json_object_put(o);
  return rc;
}

static const char *pretty_json(struct req *r, const char *text) {
  struct json_object *o = NULL;
  if (!text || !*text || jsn_parse(text, strlen(text), &o) < 0) {
    return text ? text : "";
  }
  const char *out = arena_strdup(
      r->ar, json_object_to_json_string_ext(
                 o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                        JSON_C_TO_STRING_NOSLASHESCAPE));
  json_object_put(o);
  return out ? out : text;
}

static const char *agent_state(const struct rail_agent_state *st, int n,
                               long long pid, const char *agent) {
  for (int i = 0; i < n; i++) {
    if (st[i].project_id == pid && strcmp(st[i].agent_id, agent) == 0) {
      return st[i].state;
    }
  }
  return "";
}

static int set_rail_agents(struct tmpl *t, int i, const struct rail_project *p,
                           const struct rail_agent_state *st, int n_st,
                           long long sel_pid, const char *sel_agent) {
  struct spec s = {0};
  if (parse_spec(p->spec_json, &s) < 0) {
    return 0; /* a project whose spec does not load has no agents to test */
  }
  int rc = 0;
  for (int j = 0; rc == 0 && j < s.n_agents; j++) {
    const struct spec_agent *a = &s.agents[j];
    rc = tmpl_setf(t, a->id, "rail.projects.%d.agents.%d.id", i, j);
    rc = rc ? rc
            : tmpl_setf(t, a->role, "rail.projects.%d.agents.%d.role", i, j);
    rc = rc ? rc
            : tmpl_setf(t, agent_state(st, n_st, p->id, a->id),
                        "rail.projects.%d.agents.%d.state", i, j);
    if (rc == 0 && p->id == sel_pid && sel_agent &&
        strcmp(sel_agent, a->id) == 0) {
      rc = tmpl_setf(t, "1", "rail.projects.%d.agents.%d.selected", i, j);
    }
  }
  spec_free(&s);
  return rc;
}

static int set_rail(struct req *r, struct tmpl *t, long long sel_pid,
                    const char *sel_agent) {
  const char *q = NULL;
  struct rail_project *ps = NULL;
  struct rail_agent_state *st = NULL;
  int n = 0, n_st = 0;
  if (req_param_str(r, "q", 0, 100, &q) < 0) {
    q = NULL;
  }
  int rc = pages_db_rail(r->app->db, r->ar, q, RAIL_PROJECTS, &ps, &n);
  rc = rc ? rc : pages_db_agent_states(r->app->db, r->ar, &st, &n_st);
  rc = rc ? rc : tmpl_set(t, "rail.q", q ? q : "");
  for (int i = 0; rc == 0 && i < n; i++) {
    rc = tmpl_setf(t, arena_printf(r->ar, "%lld", ps[i].id),
                   "rail.projects.%d.id", i);
    rc = rc ? rc : tmpl_setf(t, ps[i].name, "rail.projects.%d.name", i);
    rc = rc ? rc : tmpl_setf(t, ps[i].state, "rail.projects.%d.state", i);
    rc = rc ? rc : set_rail_agents(t, i, &ps[i], st, n_st, sel_pid, sel_agent);
  }
  struct chat_session_row *ss = NULL;
  int n_s = 0;
  rc = rc ? rc : chat_db_sessions(r->app->db, r->ar, 8, &ss, &n_s);
  for (int i = 0; rc == 0 && i < n_s; i++) {
    rc = tmpl_setf(t, arena_printf(r->ar, "%lld", ss[i].id), "recent.%d.id", i);
    rc = rc ? rc : tmpl_setf(t, ss[i].agent_id, "recent.%d.agent", i);
    rc = rc ? rc : tmpl_setf(t, ss[i].project_name, "recent.%d.project", i);
    rc = rc ? rc
            : tmpl_setf(t, runs_pages_when(r, ss[i].created_at),
                        "recent.%d.when", i);
  }
  return rc;
}

/* agent.* from the project's spec; AG_ENOTFOUND when the agent is not in it. */
static int set_agent(struct req *r, struct tmpl *t, long long pid,
                     const char *agent_id) {
  const char *json = NULL;
  struct spec s = {0};
  int rc = runs_db_project_spec(r->app->db, r->ar, pid, &json);
  rc = rc ? rc : parse_spec(json, &s) < 0 ? AG_ENOTFOUND : 0;
  if (rc < 0) {
    return rc;
  }
  rc = AG_ENOTFOUND;
  for (int i = 0; i < s.n_agents; i++) {
    const struct spec_agent *a = &s.agents[i];
    if (agent_id ? strcmp(a->id, agent_id) != 0 : i != 0) {
      continue; /* no agent named: the project's first */
    }
    rc = tmpl_set(t, "agent.id", a->id);
    rc = rc ? rc : tmpl_set(t, "agent.role", a->role);
    rc = rc ? rc : tmpl_set(t, "agent.goal", a->goal);
    rc = rc ? rc : tmpl_set(t, "agent.backstory", a->backstory);
    rc = rc ? rc : tmpl_set(t, "agent.model", a->model ? a->model : s.model);
    for (int k = 0; rc == 0 && k < a->n_tools; k++) {
      rc = tmpl_setf(t, s.tools[a->tools[k]].id, "agent.tools.%d", k);
    }
    rc = rc ? rc : tmpl_set(t, "agent.framework", s.framework);
    rc = rc ? rc : tmpl_set(t, "agent.project", s.name);
    rc = rc ? rc : tmpl_set_int(t, "agent.project_id", pid);
  }
  spec_free(&s);
  return rc;
}

/* models.N.{id,provider,selected} from every provider; providers.none when
 * there is none. */
static int set_models(struct req *r, struct tmpl *t, const char *selected) {
  struct provider_row *ps = NULL;
  int n = 0, k = 0;
  int rc = providers_db_list(r->app->db, r->ar, &ps, &n);
  rc = rc ? rc : n == 0 ? tmpl_set(t, "providers.none", "1") : 0;
  for (int i = 0; rc == 0 && i < n; i++) {
    char *list =
        arena_printf(r->ar, "%s,%s", ps[i].default_model, ps[i].models);
    for (char *m = list, *next = NULL; rc == 0 && m; m = next) {
      next = strchr(m, ',');
      if (next) {
        *next++ = '\0';
      }
      m += strspn(m, " ");
      m[strcspn(m, " ")] = '\0';
      int dup = !*m;
      for (int j = 0; !dup && j < k; j++) {
        const char *seen = tmpl_get(t, arena_printf(r->ar, "models.%d.id", j));
        dup = seen && strcmp(seen, m) == 0;
      }
      if (dup) {
        continue;
      }
      rc = tmpl_setf(t, m, "models.%d.id", k);
      rc = rc ? rc : tmpl_setf(t, ps[i].name, "models.%d.provider", k);
      if (rc == 0 && selected && strcmp(selected, m) == 0) {
        rc = tmpl_setf(t, "1", "models.%d.selected", k);
      }
      k++;
    }
    if (rc == 0 && ps[i].is_default) {
      rc = tmpl_set(t, "providers.default", ps[i].name);
    }
  }
  rc = rc ? rc
          : tmpl_set(t, "user.can_edit",
                     r->user && r->user->role >= AUTH_EDITOR ? "1" : "");
  return rc;
}

static int set_thread(struct req *r, struct tmpl *t, long long sid) {
  struct chat_message_row *ms = NULL;
  int n = 0, n_tools = 0;
  int rc = chat_db_messages(r->app->db, r->ar, sid, &ms, &n);
  for (int i = 0; rc == 0 && i < n; i++) {
    rc = tmpl_setf(t, ms[i].role, "thread.%d.role", i);
    rc = rc ? rc : tmpl_setf(t, ms[i].content, "thread.%d.content", i);
    rc = rc ? rc : tmpl_setf(t, ms[i].tool, "thread.%d.tool", i);
    rc =
        rc ? rc : tmpl_setf(t, pretty_json(r, ms[i].args), "thread.%d.args", i);
    rc = rc ? rc
            : tmpl_setf(t, arena_printf(r->ar, "%lld", ms[i].run_id),
                        "thread.%d.run", i);
  }
  /* the inspector's recent tool calls: the newest five, newest first */
  for (int i = n - 1; rc == 0 && i >= 0 && n_tools < 5; i--) {
    if (strcmp(ms[i].role, "tool") == 0) {
      rc = tmpl_setf(t, ms[i].tool, "recent_tools.%d.tool", n_tools);
      rc = rc ? rc
              : tmpl_setf(t, ms[i].content, "recent_tools.%d.result", n_tools);
      n_tools++;
    }
  }
  return rc;
}

/* What the newest turn has produced beyond the finished messages: its streamed
 * text, tool calls still waiting for a result, pending approvals, and how it
 * ended when it did not finish. */
static int set_live(struct req *r, struct tmpl *t, const struct run_row *x,
                    long long *upto) {
  struct ev_item *ev = NULL;
  struct buf text = BUF_INIT;
  int n = 0, k = 0;
  int active = runs_pages_is_active(x->state);
  int rc = tmpl_set_int(t, "live.run", x->id);
  rc = rc ? rc : tmpl_set(t, "live.state", x->state);
  rc = rc ? rc : runs_pages_events(r, x->id, &ev, &n);
  for (int i = 0; rc == 0 && i < n; i++) {
    if (strcmp(ev[i].kind, EVK_TOKEN) == 0) {
      rc = buf_puts(&text, ev[i].text);
    } else if (strcmp(ev[i].kind, EVK_TOOL_INVOKE) == 0 && active) {
      int answered = 0;
      for (int j = i + 1; j < n; j++) {
        answered |= strcmp(ev[j].kind, EVK_TOOL_RESULT) == 0 &&
                    strcmp(ev[j].call_id, ev[i].call_id) == 0;
      }
      if (!answered) {
        rc = tmpl_setf(t, ev[i].tool, "live.calls.%d.tool", k);
        rc = rc ? rc : tmpl_setf(t, ev[i].call_id, "live.calls.%d.call_id", k);
        rc = rc ? rc : tmpl_setf(t, ev[i].args, "live.calls.%d.args", k++);
      }
    }
  }
  rc = rc ? rc : tmpl_set(t, "live.text", buf_cstr(&text));
  buf_free(&text);
  *upto = n ? ev[n - 1].seq : 0;
  if (rc == 0 && active) {
    rc = tmpl_set(t, "live.active", "1");
    /* the page shows events up to the last one; the stream goes on from there
     */
    rc = rc ? rc
            : tmpl_set(t, "live.stream",
                       arena_printf(r->ar, "/api/runs/%lld/stream?after=%lld",
                                    x->id, n ? ev[n - 1].seq : 0));
  } else if (rc == 0 && strcmp(x->state, "done") != 0) {
    rc = tmpl_set(t, "live.ended", "1");
    rc = rc ? rc : tmpl_set(t, "live.error", x->error);
  }
  struct approval_row *ap = NULL;
  int n_ap = 0;
  rc = rc ? rc : pages_db_pending(r->app->db, r->ar, x->id, &ap, &n_ap);
  for (int i = 0; rc == 0 && i < n_ap; i++) {
    rc = tmpl_setf(t, ap[i].call_id, "approvals.%d.call_id", i);
    rc = rc ? rc : tmpl_setf(t, ap[i].tool, "approvals.%d.tool", i);
    rc = rc ? rc
            : tmpl_setf(t, pretty_json(r, ap[i].args), "approvals.%d.args", i);
  }
  return rc;
}

/* Adds the usage a run.event reports (tokensIn, tokensOut, cost) to ctx. */
static int add_usage(void *ctx, const struct event_row *e) {
  struct session_totals *tot = ctx;
  struct json_object *o = NULL, *ev = NULL, *v = NULL;
  if (strcmp(e->type, "run.event") != 0 ||
      jsn_parse(e->data, strlen(e->data), &o) < 0) {
    return 0;
  }
  if (json_object_object_get_ex(o, "event", &ev)) {
    if (json_object_object_get_ex(ev, "tokensIn", &v)) {
      tot->tokens_in += json_object_get_int64(v);
    }
    if (json_object_object_get_ex(ev, "tokensOut", &v)) {
      tot->tokens_out += json_object_get_int64(v);
    }
    if (json_object_object_get_ex(ev, "cost", &v)) {
      tot->cost += json_object_get_double(v);
    }
  }
  json_object_put(o);
  return 0;
}

/* The session's usage: the finished turns from the runs table; a running
 * turn's so far from its events up to seq upto (the page's stream goes on
 * from there, and static/js/stream.js adds what it brings) and its elapsed
 * time until now (the script ticks it on). */
static int set_totals(struct req *r, struct tmpl *t, long long sid,
                      const struct run_row *x, long long upto) {
  struct session_totals tot;
  char stream[EVENTS_STREAM_MAX];
  int active = x->id && runs_pages_is_active(x->state);
  int rc = pages_db_session_totals(r->app->db, sid, &tot);
  if (rc == 0 && active && upto > 0) {
    rc = events_stream_name("run", x->id, stream, sizeof(stream));
    rc = rc ? rc
            : events_after(r->app->db, stream, 0, (int)upto, add_usage, &tot);
  }
  if (rc == 0 && active && x->started_at > 0 && time(NULL) > x->started_at) {
    tot.elapsed_ms += (long long)(time(NULL) - x->started_at) * 1000;
  }
  rc = rc ? rc
          : tmpl_set_int(t, "totals.tokens", tot.tokens_in + tot.tokens_out);
  rc = rc ? rc : tmpl_set_int(t, "totals.tokens_in", tot.tokens_in);
  rc = rc ? rc : tmpl_set_int(t, "totals.tokens_out", tot.tokens_out);
  rc = rc ? rc : tmpl_set(t, "totals.cost", runs_pages_cost(r, tot.cost));
  rc = rc ? rc
          : tmpl_set(t, "totals.cost_raw",
                     arena_printf(r->ar, "%.6f", tot.cost));
  rc =
      rc ? rc : tmpl_set(t, "totals.elapsed", runs_pages_ms(r, tot.elapsed_ms));
  rc = rc ? rc : tmpl_set_int(t, "totals.elapsed_ms", tot.elapsed_ms);
  rc = rc ? rc : tmpl_set_int(t, "totals.turns", tot.n_runs);
  return rc;
}

static int load_session(struct req *r, struct session_view *v) {
  long long sid = 0, run = 0;
  memset(v, 0, sizeof(*v));
  int rc = req_param_i64(r, "session", &sid) == 0 && sid > 0
               ? chat_db_session_get(r->app->db, r->ar, sid, &v->s)
               : AG_ENOTFOUND;
  rc = rc ? rc : chat_db_latest_run(r->app->db, sid, &run);
  rc = rc || !run ? rc : runs_db_get(r->app->db, r->ar, run, &v->run);
  return rc;
}

/* The /test page; load_error (or NULL) is shown by the "Load from file…" form,
 * with status. */
static int render_index(struct req *r, struct resp *w, int status,
                        const char *load_error) {
  struct tmpl *t = NULL;
  long long pid = 0;
  const char *agent = req_param(r, "agent");
  if (req_param(r, "project") &&
      (req_param_i64(r, "project", &pid) < 0 || pid <= 0)) {
    pid = 0;
  }
  int rc = page_new(r, "Test", "test", &t);
  rc = rc ? rc : tmpl_set(t, "page.wide", "1");
  rc = rc || !load_error ? rc : tmpl_set(t, "load.error", load_error);
  rc = rc ? rc : set_rail(r, t, pid, agent);
  rc = rc ? rc : set_models(r, t, NULL);
  if (rc == 0 && pid) {
    rc = set_agent(r, t, pid, agent);
    rc = rc == AG_ENOTFOUND ? tmpl_set(t, "agent.missing", "1") : rc;
  }
  rc = rc ? rc : page_render(r, w, t, "test/index.cs");
  w->status = rc ? w->status : status;
  return rc;
}

int test_index(struct req *r, struct resp *w) {
  return render_index(r, w, 200, NULL);
}

int test_session(struct req *r, struct resp *w) {
  struct session_view v;
  struct tmpl *t = NULL;
  int rc = load_session(r, &v);
  rc = rc ? rc
          : page_new(r, arena_printf(r->ar, "Test: %s", v.s.agent_id), "test",
                     &t);
  rc = rc ? rc : tmpl_set(t, "page.wide", "1");
  rc = rc ? rc : tmpl_set_int(t, "session.id", v.s.id);
  rc = rc ? rc : tmpl_set(t, "session.permission", v.s.permission);
  rc = rc ? rc : tmpl_set(t, "session.model", v.s.model);
  rc = rc ? rc
          : tmpl_set(t, "session.created", runs_pages_when(r, v.s.created_at));
  rc = rc ? rc : set_rail(r, t, v.s.project_id, v.s.agent_id);
  rc = rc ? rc : set_models(r, t, v.s.model);
  rc = rc ? rc : set_agent(r, t, v.s.project_id, v.s.agent_id);
  if (rc == AG_ENOTFOUND) { /* the agent left the spec (regenerated): the thread
                               still shows */
    rc = tmpl_set(t, "agent.id", v.s.agent_id);
    rc = rc ? rc : tmpl_set_int(t, "agent.project_id", v.s.project_id);
    rc = rc ? rc : tmpl_set(t, "agent.project", v.s.project_name);
  }
  rc = rc ? rc : set_thread(r, t, v.s.id);
  long long upto = 0;
  rc = rc || !v.run.id ? rc : set_live(r, t, &v.run, &upto);
  rc = rc ? rc : set_totals(r, t, v.s.id, &v.run, upto);
  return rc ? rc : page_render(r, w, t, "test/session.cs");
}

static int to_session(struct req *r, struct resp *w, long long sid) {
  const char *loc = arena_printf(r->ar, "/test/%lld", sid);
  return loc ? resp_redirect(w, 303, loc) : AG_ENOMEM;
}

/* The uploaded file as a spec: JSON, then the spec schema. 0, or a message
 * for the person (arena) in *why and a status in *status. */
static int load_spec(struct req *r, const struct kv *f, struct spec *s,
                     int *status, const char **why) {
  struct json_object *o = NULL;
  const char *bad = NULL;
  *status = 422;
  if (!f || !f->filename || f->len == 0) {
    *status = 400;
    *why = "Choose a spec file (JSON) to load.";
    return AG_EINVAL;
  }
  /* 422, not 413: only nginx's own 413s go unaudited */
  if (f->len > SPEC_FILE_MAX) {
    *why = "That file is over 256 KiB: not a spec.";
    return AG_ETOOBIG;
  }
  if (!spec_utf8_ok(f->value, f->len) || jsn_parse(f->value, f->len, &o) < 0 ||
      !json_object_is_type(o, json_type_object)) {
    json_object_put(o);
    *why = "That file is not valid JSON (a spec is one JSON object).";
    return AG_EINVAL;
  }
  int rc = spec_from_json(o, s, &bad);
  json_object_put(o);
  if (rc == AG_ENOMEM) {
    return rc;
  }
  if (rc < 0) {
    *why = arena_printf(r->ar, "That file is not a valid spec: %s.",
                        bad ? bad : "unknown error");
    return AG_EINVAL;
  }
  return 0;
}

/* The first line of the engine's reasons, for the error message. */
static const char *first_reason(struct req *r, const struct buf *b) {
  const char *p = buf_cstr(b);
  return *p ? arena_strndup(r->ar, p, strcspn(p, "\n")) : "unknown reason";
}

/* POST /test/load: a spec file (multipart "spec") becomes a project (with its
 * files and a history entry, as if generated) and a chat session with its
 * first agent. A bad file creates nothing and shows the form's error. */
int test_load(struct req *r, struct resp *w) {
  struct spec s = {0};
  struct gen_files files;
  struct buf why = BUF_INIT;
  const char *msg = NULL, *agent = NULL;
  char root[700];
  int status = 422;
  long long pid = 0, sid = 0;
  gen_files_init(&files);
  int rc = load_spec(r, req_param_kv(r, "spec"), &s, &status, &msg);
  if (rc == 0) {
    rc = cfg_share_path(&r->app->cfg, "templates", root, sizeof(root));
    rc = rc ? rc : engine_render_spec(&s, root, &files, &why);
    if (rc == AG_EINVAL || rc == AG_ENOTFOUND || rc == AG_EINTERNAL) {
      msg = arena_printf(r->ar, "The spec cannot be generated: %s.",
                         first_reason(r, &why));
    }
  }
  rc = rc || msg ? rc : gen_save(r, 0, &s, NULL, &files, &pid);
  rc = rc || msg ? rc
                 : runs_chat_start(r, pid, NULL, s.permission, &sid, &agent);
  spec_free(&s);
  gen_files_free(&files);
  buf_free(&why);
  if (msg) {
    return render_index(r, w, status, msg);
  }
  return rc ? rc : to_session(r, w, sid);
}

static int bad_text(struct req *r, struct resp *w) {
  resp_error(w, r, AG_EINVAL, "Write a message (at most 20000 bytes).", "text");
  return 0;
}

int test_start(struct req *r, struct resp *w) {
  long long pid = 0, sid = 0, run = 0;
  const char *agent = NULL, *perm = NULL, *model = NULL, *text = NULL,
             *got = NULL;
  if (req_param_i64(r, "project", &pid) < 0 || pid <= 0 ||
      req_param_str(r, "agent", 1, SPEC_ID_MAX, &agent) < 0) {
    return AG_ENOTFOUND;
  }
  if (req_param_str(r, "text", 1, TEXT_MAX, &text) < 0 ||
      !text[strspn(text, " \t\r\n")]) {
    return bad_text(r, w);
  }
  if (req_param_str(r, "permission", 0, 8, &perm) < 0 ||
      req_param_str(r, "model", 0, 200, &model) < 0) {
    resp_error(w, r, AG_EINVAL,
               "Permission is safe, ask or dev; pick a listed model.", NULL);
    return 0;
  }
  int rc =
      runs_chat_start(r, pid, agent, perm && *perm ? perm : "safe", &sid, &got);
  if (rc == AG_EINVAL) {
    resp_error(w, r, AG_EINVAL,
               "No such agent in the project, or a bad permission.", "agent");
    return 0;
  }
  rc = rc || !model || !*model
           ? rc
           : pages_db_session_set_model(r->app->db, sid, model);
  rc = rc ? rc : runs_chat_send(r, sid, text, &run);
  return rc ? rc : to_session(r, w, sid);
}

int test_message(struct req *r, struct resp *w) {
  struct session_view v;
  const char *text = NULL, *model = NULL;
  long long run = 0;
  int rc = load_session(r, &v);
  if (rc < 0) {
    return rc;
  }
  if (req_param_str(r, "text", 1, TEXT_MAX, &text) < 0 ||
      !text[strspn(text, " \t\r\n")]) {
    return bad_text(r, w);
  }
  if (req_param_str(r, "model", 0, 200, &model) < 0) {
    model = NULL;
  }
  if (v.run.id && runs_pages_is_active(v.run.state)) {
    resp_error(w, r, AG_ECONFLICT,
               "A turn is still running: wait for it or press Stop.", NULL);
    return 0;
  }
  if (model && strcmp(model, v.s.model) != 0) {
    rc = pages_db_session_set_model(r->app->db, v.s.id, model);
  }
  rc = rc ? rc : runs_chat_send(r, v.s.id, text, &run);
  return rc ? rc : to_session(r, w, v.s.id);
}

int test_stop(struct req *r, struct resp *w) {
  struct session_view v;
  int now = 0;
  int rc = load_session(r, &v);
  rc = rc || !v.run.id ? rc : runs_db_stop(r->app->db, v.run.id, &now);
  rc = rc == AG_ECONFLICT ? 0
                          : rc; /* it finished meanwhile: the page shows how */
  if (rc == 0 && now) {
    events_wake(r->app->cfg.data_dir);
  }
  return rc ? rc : to_session(r, w, v.s.id);
}

int test_permission(struct req *r, struct resp *w) {
  struct session_view v;
  const char *perm = req_param(r, "permission");
  int rc = load_session(r, &v);
  if (rc < 0) {
    return rc;
  }
  if (!perm ||
      (strcmp(perm, "safe") && strcmp(perm, "ask") && strcmp(perm, "dev"))) {
    resp_error(w, r, AG_EINVAL, "Permission is safe, ask or dev.",
               "permission");
    return 0;
  }
  rc = chat_db_set_permission(r->app->db, v.s.id, perm);
  return rc ? rc : to_session(r, w, v.s.id);
}

int test_approve(struct req *r, struct resp *w) {
  struct session_view v;
  const char *call = req_param(r, "callId");
  const char *approve = req_param(r, "approve");
  int rc = load_session(r, &v);
  rc = rc ? rc : call ? 0 : AG_ENOTFOUND;
  rc = rc ? rc
          : approvals_db_decide(r->app->db, 0, v.s.id, call,
                                approve && strcmp(approve, "1") == 0);
  rc = rc == AG_ENOTFOUND && v.s.id ? 0 : rc; /* decided meanwhile */
  return rc ? rc : to_session(r, w, v.s.id);
}

/* A Markdown code fence longer than any backtick run in s. */
static const char *fence_for(struct req *r, const char *s) {
  size_t best = 2, run = 0;
  for (const char *c = s; *c; c++) {
    run = *c == '`' ? run + 1 : 0;
    best = run > best ? run : best;
  }
  char *f = arena_alloc(r->ar, best + 2);
  if (f) {
    memset(f, '`', best + 1);
    f[best + 1] = '\0';
  }
  return f ? f : "````````";
}

int test_transcript(struct req *r, struct resp *w) {
  struct session_view v;
  struct chat_message_row *ms = NULL;
  int n = 0;
  int rc = load_session(r, &v);
  rc = rc ? rc : chat_db_messages(r->app->db, r->ar, v.s.id, &ms, &n);
  if (rc < 0) {
    return rc;
  }
  buf_reset(&w->body);
  rc = buf_printf(
      &w->body, "# Test session %lld: %s (%s)\n\nPermission: %s. Model: %s.\n",
      v.s.id, v.s.agent_id, v.s.project_name, v.s.permission,
      *v.s.model ? v.s.model : "provider default");
  for (int i = 0; rc == 0 && i < n; i++) {
    const char *f = fence_for(r, ms[i].content);
    if (strcmp(ms[i].role, "tool") == 0) {
      const char *args = pretty_json(r, ms[i].args);
      const char *fa = fence_for(r, args);
      rc = buf_printf(&w->body,
                      "\n## Tool call: %s\n\nArguments:\n\n%sjson\n%s\n%s\n\n"
                      "Result:\n\n%s\n%s\n%s\n",
                      ms[i].tool, fa, args, fa, f, ms[i].content, f);
    } else {
      rc = buf_printf(&w->body, "\n## %s\n\n%s\n",
                      strcmp(ms[i].role, "user") == 0 ? "User" : "Assistant",
                      ms[i].content);
    }
  }
  w->content_type = "text/markdown; charset=utf-8";
  const char *cd =
      arena_printf(r->ar, "attachment; filename=\"session-%lld.md\"", v.s.id);
  return rc ? rc : cd ? resp_header(w, "Content-Disposition", cd) : AG_ENOMEM;
}

static int trace_run(struct req *r, long long id, struct json_object *runs) {
  struct run_row x;
  char stream[EVENTS_STREAM_MAX];
  memset(&x, 0, sizeof(x));
  struct json_object *o = json_object_new_object(),
                     *evs = json_object_new_array();
  int rc = o && evs ? runs_db_get(r->app->db, r->ar, id, &x) : AG_ENOMEM;
  rc = rc ? rc : jsn_add_int(o, "id", id);
  const char *keys[] = {"state", "permission", "model",
                        "input", "output",     "error"};
  const char *vals[] = {x.state, x.permission, x.model,
                        x.input, x.output,     x.error};
  for (size_t i = 0; rc == 0 && i < AG_NELEM(keys); i++) {
    rc = jsn_add_str(o, keys[i], vals[i]);
  }
  rc = rc ? rc : jsn_add_int(o, "tokensIn", x.tokens_in);
  rc = rc ? rc : jsn_add_int(o, "tokensOut", x.tokens_out);
  rc = rc ? rc : jsn_add(o, "cost", json_object_new_double(x.cost));
  rc = rc ? rc : jsn_add_int(o, "elapsedMs", x.elapsed_ms);
  rc = rc ? rc : events_stream_name("run", id, stream, sizeof(stream));
  rc = rc ? rc : events_after(r->app->db, stream, 0, 0, runs_event_json, evs);
  rc = rc ? rc : jsn_add(o, "events", evs);
  evs = rc ? evs : NULL;
  json_object_put(evs);
  if (rc == 0) {
    json_object_array_add(runs, o);
  } else {
    json_object_put(o);
  }
  return rc;
}

int test_trace(struct req *r, struct resp *w) {
  struct session_view v;
  long long *ids = NULL;
  int n = 0;
  int rc = load_session(r, &v);
  rc = rc ? rc : pages_db_session_runs(r->app->db, r->ar, v.s.id, &ids, &n);
  if (rc < 0) {
    return rc;
  }
  struct json_object *o = json_object_new_object(),
                     *runs = json_object_new_array();
  rc = o && runs ? jsn_add_int(o, "sessionId", v.s.id) : AG_ENOMEM;
  rc = rc ? rc : jsn_add_int(o, "projectId", v.s.project_id);
  rc = rc ? rc : jsn_add_str(o, "agentId", v.s.agent_id);
  rc = rc ? rc : jsn_add_str(o, "permission", v.s.permission);
  rc = rc ? rc : jsn_add_str(o, "model", v.s.model);
  for (int i = 0; rc == 0 && i < n; i++) {
    rc = trace_run(r, ids[i], runs);
  }
  rc = rc ? rc : jsn_add(o, "runs", runs);
  runs = rc ? runs : NULL;
  json_object_put(runs);
  rc = rc ? rc : resp_json(w, 200, o);
  json_object_put(o);
  const char *cd = arena_printf(
      r->ar, "attachment; filename=\"session-%lld-trace.json\"", v.s.id);
  return rc ? rc : cd ? resp_header(w, "Content-Disposition", cd) : AG_ENOMEM;
}
