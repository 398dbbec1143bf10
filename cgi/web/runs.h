/* SPDX-License-Identifier: MIT */
/* runs.h - runs, chat sessions and providers: the JSON API (DESIGN.md §4); the pages (Run
 * console, Test surface, Settings > Providers) will reuse the shared helpers below. Web workers
 * only enqueue jobs; the runner executes them and agentgen-stream streams their events. */
#ifndef AG_WEB_RUNS_H
#define AG_WEB_RUNS_H

#include "req.h"
#include "resp.h"

/* JSON API (runs.c) */
int runs_api_create(struct req *r, struct resp *w);
int runs_api_show(struct req *r, struct resp *w);
int runs_api_stop(struct req *r, struct resp *w);
int runs_api_events(struct req *r, struct resp *w);
int runs_api_file(struct req *r, struct resp *w);
int runs_api_approve(struct req *r, struct resp *w);
int chat_api_create(struct req *r, struct resp *w);
int chat_api_message(struct req *r, struct resp *w);
int chat_api_stop(struct req *r, struct resp *w);
int chat_api_approve(struct req *r, struct resp *w);
int providers_api_list(struct req *r, struct resp *w);
int providers_api_save(struct req *r, struct resp *w);
int providers_api_delete(struct req *r, struct resp *w);

/* shared by API and pages (runs.c): validation + enqueue (fields come from JSON or a form) */
int runs_enqueue(struct req *r, long long project_id, long long session_id, const char *input,
                 const char *permission, const char *model, long long *run_id) AG_MUST_CHECK;
int runs_chat_send(struct req *r, long long session_id, const char *text, long long *run_id)
    AG_MUST_CHECK;
int runs_chat_start(struct req *r, long long project_id, const char *agent_id,
                    const char *permission, long long *session_id, const char **agent_out)
    AG_MUST_CHECK;
/* providers_save_form validates the provider fields of a form or JSON body (kind, name, baseUrl,
 * models, defaultModel, apiKeyRef, apiVersion, projectRef, isDefault) and inserts (id 0) or
 * updates id; AG_EINVAL with *field_out naming the bad field (providers.c). */
int providers_save_form(struct req *r, long long id, long long *saved, const char **field_out)
    AG_MUST_CHECK;

struct event_row;
/* runs_event_json appends {seq, type, data} for e to the JSON array ctx (an events_after
 * callback: GET /api/runs/:id/events and the Test surface's trace.json) */
int runs_event_json(void *ctx, const struct event_row *e);
/* runs_reply_state answers a stop/pause/resume of run: 409 when rc is AG_ECONFLICT (finished),
 * 202 {runId, state} when rc is 0, else returns rc. */
int runs_reply_state(struct req *r, struct resp *w, int rc, long long run, const char *state)
    AG_MUST_CHECK;

#endif
