/* SPDX-License-Identifier: MIT */
/* runs_trace.c - the Run console's trace tree, rebuilt from the run's stored
 * events: the run, then one span per agent and task (in order of first
 * activity), then that span's LLM calls (a message or thought event carries the
 * call's elapsed time and tokens) and tool calls (tool.invoke until the
 * tool.result or error with the same call id), each with its start offset and
 * duration. Messages the user sent into the run appear where the agent took
 * them. */
#include "runs_trace.h"

#include <string.h>

#include "../core/events.h"

#define SPANS_MAX 64
#define CALLS_MAX 2000

struct span {
  const char *agent, *task;
  long long start, end;
  long long tokens;
};

struct call {
  int span;
  const char *kind; /* llm | tool | user */
  const char *label, *call_id, *state;
  long long start, end, tokens; /* end 0: no end event (yet) */
};

struct trace {
  struct req *r;
  struct tmpl *t;
  struct span *spans;
  struct call *calls;
  int n_spans, n_calls;
  long long t0;
  int active;
};

static int span_of(struct trace *tr, const struct ev_item *e) {
  for (int i = tr->n_spans - 1; i >= 0; i--) {
    if (strcmp(tr->spans[i].agent, e->agent) == 0 &&
        strcmp(tr->spans[i].task, e->task) == 0) {
      return i;
    }
  }
  if (tr->n_spans >= SPANS_MAX) {
    return -1;
  }
  struct span *s = &tr->spans[tr->n_spans];
  s->agent = e->agent;
  s->task = e->task;
  s->start = s->end = e->ts;
  s->tokens = 0;
  return tr->n_spans++;
}

static struct call *add_call(struct trace *tr, int span, const char *kind,
                             const char *label, long long start) {
  if (tr->n_calls >= CALLS_MAX) {
    return NULL;
  }
  struct call *c = &tr->calls[tr->n_calls++];
  memset(c, 0, sizeof(*c));
  c->span = span;
  c->kind = kind;
  c->label = label;
  c->start = start;
  c->state = "ok";
  return c;
}

/* The tool.invoke of call_id in span still waiting for its result. */
static struct call *open_tool(struct trace *tr, int span, const char *call_id) {
  for (int i = tr->n_calls - 1; i >= 0; i--) {
    struct call *c = &tr->calls[i];
    if (c->span == span && c->end == 0 && strcmp(c->kind, "tool") == 0 &&
        strcmp(c->call_id, call_id) == 0) {
      return c;
    }
  }
  return NULL;
}

static void take(struct trace *tr, const struct ev_item *e) {
  if (strcmp(e->type, EV_RUN_EVENT) != 0 || !*e->agent || !e->ts) {
    return;
  }
  int si = span_of(tr, e);
  if (si < 0) {
    return;
  }
  struct span *s = &tr->spans[si];
  int llm = (strcmp(e->kind, EVK_MESSAGE) == 0 ||
             strcmp(e->kind, EVK_THOUGHT) == 0) &&
            !*e->from;
  long long start = llm ? e->ts - e->elapsed_ms : e->ts;
  s->start = start < s->start ? start : s->start;
  s->end = e->ts > s->end ? e->ts : s->end;
  struct call *c = NULL;
  if (llm) {
    c = add_call(tr, si, "llm", "LLM call", start);
    if (c) {
      c->end = e->ts;
      c->tokens = e->tokens;
      s->tokens += e->tokens;
    }
  } else if (strcmp(e->kind, EVK_MESSAGE) == 0) {
    c = add_call(tr, si, "user", "message from the user", e->ts);
    if (c) {
      c->end = e->ts;
    }
  } else if (strcmp(e->kind, EVK_TOOL_INVOKE) == 0) {
    c = add_call(tr, si, "tool", e->tool, e->ts);
    if (c) {
      c->call_id = e->call_id;
    }
  } else if (strcmp(e->kind, EVK_TOOL_RESULT) == 0 ||
             (strcmp(e->kind, EVK_ERROR) == 0 && *e->tool)) {
    c = open_tool(tr, si, e->call_id);
    if (c) {
      c->end = e->ts;
      c->state = strcmp(e->kind, EVK_ERROR) == 0 ? "err" : "ok";
    }
  }
}

/* "+1.20s" from the run's start, and the duration (or running/unfinished). */
static int set_times(struct trace *tr, const char *prefix, long long start,
                     long long end, int open) {
  struct req *r = tr->r;
  const char *off =
      arena_printf(r->ar, "+%.2fs", (double)(start - tr->t0) / 1000.0);
  const char *dur = open ? (tr->active ? "running" : "unfinished")
                         : runs_pages_ms(r, end - start);
  int rc = off && dur ? tmpl_setf(tr->t, off, "%s.offset", prefix) : AG_ENOMEM;
  rc = rc ? rc : tmpl_setf(tr->t, dur, "%s.duration", prefix);
  return rc ? rc
            : tmpl_setf(tr->t, open ? "open" : "closed", "%s.open", prefix);
}

static int set_call(struct trace *tr, int si, int k, const struct call *c) {
  char *p = arena_printf(tr->r->ar, "trace.spans.%d.calls.%d", si, k);
  int rc = p ? tmpl_setf(tr->t, c->kind, "%s.kind", p) : AG_ENOMEM;
  rc = rc ? rc : tmpl_setf(tr->t, c->label, "%s.label", p);
  rc = rc ? rc : tmpl_setf(tr->t, c->state, "%s.state", p);
  if (rc == 0 && c->tokens) {
    rc = tmpl_setf(tr->t, arena_printf(tr->r->ar, "%lld", c->tokens),
                   "%s.tokens", p);
  }
  return rc ? rc : set_times(tr, p, c->start, c->end, c->end == 0);
}

static int set_span(struct trace *tr, int si, int last) {
  const struct span *s = &tr->spans[si];
  char *p = arena_printf(tr->r->ar, "trace.spans.%d", si);
  int rc = p ? tmpl_setf(tr->t, s->agent, "%s.agent", p) : AG_ENOMEM;
  rc = rc ? rc : tmpl_setf(tr->t, s->task, "%s.task", p);
  if (rc == 0 && s->tokens) {
    rc = tmpl_setf(tr->t, arena_printf(tr->r->ar, "%lld", s->tokens),
                   "%s.tokens", p);
  }
  rc = rc ? rc : set_times(tr, p, s->start, s->end, last && tr->active);
  for (int i = 0, k = 0; rc == 0 && i < tr->n_calls; i++) {
    if (tr->calls[i].span == si) {
      rc = set_call(tr, si, k++, &tr->calls[i]);
    }
  }
  return rc;
}

int runs_trace_set(struct req *r, struct tmpl *t, const struct ev_item *ev,
                   int n, int active) {
  struct trace tr = {.r = r, .t = t, .active = active};
  tr.spans = arena_alloc(r->ar, sizeof(*tr.spans) * SPANS_MAX);
  tr.calls = arena_alloc(r->ar, sizeof(*tr.calls) * CALLS_MAX);
  if (!tr.spans || !tr.calls) {
    return AG_ENOMEM;
  }
  long long end = 0;
  for (int i = 0; i < n; i++) {
    tr.t0 = tr.t0 ? tr.t0 : ev[i].ts;
    end = ev[i].ts > end ? ev[i].ts : end;
    take(&tr, &ev[i]);
  }
  if (!tr.t0) {
    return 0; /* no events yet: the template says so */
  }
  for (int i = 0; i < tr.n_spans; i++) { /* a call may have started first */
    tr.t0 = tr.spans[i].start < tr.t0 ? tr.spans[i].start : tr.t0;
  }
  int rc = set_times(&tr, "trace", tr.t0, end, active);
  for (int i = 0; rc == 0 && i < tr.n_spans; i++) {
    rc = set_span(&tr, i, i == tr.n_spans - 1);
  }
  return rc;
}
