/* SPDX-License-Identifier: MIT */
/* runs_trace.h - the trace tree of the Run console (run -> agent/task spans ->
 * LLM and tool calls, with start offsets and durations), built from a run's
 * stored events. */
#ifndef AG_WEB_RUNS_TRACE_H
#define AG_WEB_RUNS_TRACE_H

#include "../core/tmpl.h"
#include "req.h"
#include "runs_pages.h"

/* runs_trace_set fills trace.* of t from the events ev[0..n) of one run:
 * trace.{offset,duration, open} and
 * trace.spans.N.{agent,task,tokens,offset,duration,open,calls.M.{kind,label,state,
 * tokens,offset,duration,open}}. active: the run has not finished (open spans
 * are "running"). Nothing is set when there are no events. */
int runs_trace_set(struct req *r, struct tmpl *t, const struct ev_item *ev,
                   int n, int active) AG_MUST_CHECK;

#endif
