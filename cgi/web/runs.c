/* SPDX-License-Identifier: MIT */
/* runs.c - JSON API of runs, chat sessions and providers. Starting a run or a chat turn only
 * inserts the run and its job (runs_db) and answers 202 with the stream URL; nothing here calls
 * an LLM. Inputs come from a JSON body or, for the pages, from form fields (same names). */
#include "runs.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../agents/runs_db.h"
#include "../agents/runtime.h"
#include "../agents/tools_int.h"
#include "../core/events.h"
#include "../core/jsn.h"
#include "../auth/auth.h"
#include "../engine/spec.h"

#define INPUT_MAX 20000
#define FILE_MAX  (8 * 1024 * 1024)

static int reply_owned(struct resp *w, int status, struct json_object *o);

static int
reply_owned(struct resp *w, int status, struct json_object *o)
{
    int rc = o ? resp_json(w, status, o) : AG_ENOMEM;
    json_object_put(o);
    return rc;
}

static long long
owner(const struct req *r)
{
    return r->user ? r->user->id : 0;
}

/* A string field from the JSON body, else from the form/query. */
static int
field(struct req *r, const char *name, int required, size_t max, const char **out)
{
    if (r->json && json_object_is_type(r->json, json_type_object)) {
        return jsn_str(r->json, name, required, max, out);
    }
    return req_param_str(r, name, required, max, out);
}

static int
bad(struct req *r, struct resp *w, const char *field_name, const char *msg)
{
    resp_error(w, r, AG_EINVAL, msg, field_name);
    return 0;
}

int
runs_enqueue(struct req *r, long long project_id, long long session_id, const char *input,
             const char *permission, const char *model, long long *run_id)
{
    enum rt_permission p;
    if (runtime_permission_parse(permission ? permission : "safe", &p) < 0) {
        return AG_EINVAL;
    }
    struct run_new n = {.project_id = project_id, .session_id = session_id,
                        .kind = session_id ? "chat" : "run", .permission = runtime_permission_name(p),
                        .input = input ? input : "", .model = model ? model : "",
                        .owner_id = owner(r)};
    return runs_db_create(r->app->db, &n, run_id);
}

static int
reply_started(struct req *r, struct resp *w, long long run_id, long long session_id)
{
    struct json_object *o = json_object_new_object();
    char *stream = arena_printf(r->ar, "/api/runs/%lld/stream", run_id);
    int rc = o && stream ? jsn_add_int(o, "runId", run_id) : AG_ENOMEM;
    rc = rc ? rc : jsn_add_str(o, "stream", stream);
    if (rc == 0 && session_id) {
        rc = jsn_add_int(o, "sessionId", session_id);
    }
    if (rc == 0) {
        char *loc = arena_printf(r->ar, "/api/runs/%lld", run_id);
        rc = loc ? resp_header(w, "Location", loc) : AG_ENOMEM;
    }
    return rc == 0 ? reply_owned(w, 202, o) : (json_object_put(o), rc);
}

int
runs_api_create(struct req *r, struct resp *w)
{
    long long pid = 0, run = 0;
    const char *input = NULL, *perm = NULL, *model = NULL;
    if (req_param_i64(r, "id", &pid) < 0 || pid <= 0) {
        return AG_ENOTFOUND;
    }
    if (field(r, "input", 0, INPUT_MAX, &input) < 0) {
        return bad(r, w, "input", "input must be a string of at most 20000 bytes.");
    }
    if (field(r, "permission", 0, 8, &perm) < 0) {
        return bad(r, w, "permission", "permission must be safe, ask or dev.");
    }
    if (field(r, "model", 0, 200, &model) < 0) {
        return bad(r, w, "model", "model must be a model id.");
    }
    int rc = runs_enqueue(r, pid, 0, input, perm, model, &run);
    if (rc == AG_EINVAL) {
        return bad(r, w, "permission", "permission must be safe, ask or dev.");
    }
    return rc ? rc : reply_started(r, w, run, 0);
}

static int
run_json(struct req *r, const struct run_row *x, struct json_object **out)
{
    struct json_object *o = json_object_new_object();
    int rc = o ? jsn_add_int(o, "id", x->id) : AG_ENOMEM;
    rc = rc ? rc : jsn_add_int(o, "projectId", x->project_id);
    rc = rc || !x->session_id ? rc : jsn_add_int(o, "sessionId", x->session_id);
    const char *keys[] = {"kind", "state", "permission", "input", "output", "model", "project"};
    const char *vals[] = {x->kind, x->state, x->permission, x->input, x->output, x->model,
                          x->project_name};
    for (size_t i = 0; rc == 0 && i < AG_NELEM(keys); i++) {
        rc = jsn_add_str(o, keys[i], vals[i]);
    }
    rc = rc ? rc : jsn_add_str(o, "error", *x->error ? x->error : NULL);
    rc = rc ? rc : jsn_add_int(o, "tokensIn", x->tokens_in);
    rc = rc ? rc : jsn_add_int(o, "tokensOut", x->tokens_out);
    rc = rc ? rc : jsn_add(o, "cost", json_object_new_double(x->cost));
    rc = rc ? rc : jsn_add_int(o, "elapsedMs", x->elapsed_ms);
    rc = rc ? rc : jsn_add_int(o, "createdAt", x->created_at);
    rc = rc ? rc : jsn_add_str(o, "stream", arena_printf(r->ar, "/api/runs/%lld/stream", x->id));
    struct run_agent_row *ag = NULL;
    int n = 0;
    rc = rc ? rc : runs_db_agents(r->app->db, r->ar, x->id, &ag, &n);
    struct json_object *arr = rc == 0 ? json_object_new_array() : NULL;
    for (int i = 0; rc == 0 && arr && i < n; i++) {
        struct json_object *a = json_object_new_object();
        rc = a ? jsn_add_str(a, "id", ag[i].agent_id) : AG_ENOMEM;
        rc = rc ? rc : jsn_add_str(a, "status", ag[i].status);
        rc = rc ? rc : jsn_add_int(a, "tokensIn", ag[i].tokens_in);
        rc = rc ? rc : jsn_add_int(a, "tokensOut", ag[i].tokens_out);
        rc = rc ? rc : jsn_add(a, "cost", json_object_new_double(ag[i].cost));
        rc = rc ? rc : jsn_add_int(a, "elapsedMs", ag[i].elapsed_ms);
        if (rc == 0) {
            json_object_array_add(arr, a);
        } else {
            json_object_put(a);
        }
    }
    rc = rc ? rc : arr ? jsn_add(o, "agents", arr) : AG_ENOMEM;
    if (rc < 0) {
        json_object_put(o);
        return rc;
    }
    *out = o;
    return 0;
}

int
runs_api_show(struct req *r, struct resp *w)
{
    long long id = 0;
    struct run_row x;
    struct json_object *o = NULL;
    int rc = req_param_i64(r, "id", &id) == 0 ? runs_db_get(r->app->db, r->ar, id, &x)
                                              : AG_ENOTFOUND;
    rc = rc ? rc : run_json(r, &x, &o);
    return rc ? rc : reply_owned(w, 200, o);
}

int
runs_reply_state(struct req *r, struct resp *w, int rc, long long run, const char *state)
{
    if (rc == AG_ECONFLICT) {
        resp_error(w, r, AG_ECONFLICT, "The run has already finished.", NULL);
        return 0;
    }
    struct json_object *o = rc == 0 ? json_object_new_object() : NULL;
    rc = rc ? rc : o ? jsn_add_int(o, "runId", run) : AG_ENOMEM;
    rc = rc ? rc : jsn_add_str(o, "state", state);
    return rc == 0 ? reply_owned(w, 202, o) : (json_object_put(o), rc);
}

static int
stop_reply(struct req *r, struct resp *w, long long run)
{
    int now = 0;
    int rc = runs_db_stop(r->app->db, run, &now);
    if (rc == 0 && now) {
        events_wake(r->app->cfg.data_dir);
    }
    return runs_reply_state(r, w, rc, run, now ? "cancelled" : "stopping");
}

int
runs_api_stop(struct req *r, struct resp *w)
{
    long long id = 0;
    return req_param_i64(r, "id", &id) == 0 ? stop_reply(r, w, id) : AG_ENOTFOUND;
}

int
runs_event_json(void *ctx, const struct event_row *e)
{
    struct json_object *arr = ctx;
    struct json_object *o = json_object_new_object();
    struct json_object *data = NULL;
    int rc = o ? jsn_add_int(o, "seq", e->seq) : AG_ENOMEM;
    rc = rc ? rc : jsn_add_str(o, "type", e->type);
    rc = rc ? rc : jsn_parse(e->data, strlen(e->data), &data);
    rc = rc ? rc : jsn_add(o, "data", data);
    if (rc == 0) {
        json_object_array_add(arr, o);
    } else {
        json_object_put(o);
    }
    return rc;
}

int
runs_api_events(struct req *r, struct resp *w)
{
    long long id = 0, after = 0;
    struct run_row x;
    char stream[EVENTS_STREAM_MAX];
    int rc = req_param_i64(r, "id", &id) == 0 ? runs_db_get(r->app->db, r->ar, id, &x)
                                              : AG_ENOTFOUND;
    if (rc == 0 && req_param(r, "after") && (req_param_i64(r, "after", &after) < 0 || after < 0)) {
        return bad(r, w, "after", "after must be a sequence number.");
    }
    struct json_object *o = json_object_new_object();
    struct json_object *arr = json_object_new_array();
    rc = rc ? rc : (o && arr) ? events_stream_name("run", id, stream, sizeof(stream)) : AG_ENOMEM;
    rc = rc ? rc : events_after(r->app->db, stream, after, 1000, runs_event_json, arr);
    rc = rc ? rc : jsn_add(o, "events", arr);
    arr = rc ? arr : NULL;
    rc = rc ? rc : jsn_add_str(o, "state", x.state);
    json_object_put(arr);
    return rc == 0 ? reply_owned(w, 200, o) : (json_object_put(o), rc);
}

/* GET /api/runs/:id/files/{path}: a file the run's file_writer wrote under data_dir/runs/<id>/,
 * opened without following symlinks or leaving that folder. */
int
runs_api_file(struct req *r, struct resp *w)
{
    long long id = 0;
    char norm[512], err[200];
    int fd = -1;
    if (req_param_i64(r, "id", &id) < 0 || id <= 0) {
        return AG_ENOTFOUND;
    }
    char *root = arena_printf(r->ar, "%s/runs/%lld", r->app->cfg.data_dir, id);
    const char *path = req_param(r, "path");
    int rc = root && path ? tools_open_beneath(root, path, O_RDONLY, 0, &fd, norm, sizeof(norm),
                                               err, sizeof(err))
                          : AG_ENOTFOUND;
    if (rc < 0) {
        return rc == AG_ENOMEM ? rc : AG_ENOTFOUND;
    }
    struct stat sb;
    rc = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? 0 : AG_ENOTFOUND;
    rc = rc ? rc : sb.st_size > FILE_MAX ? AG_ETOOBIG : 0;
    buf_reset(&w->body);
    char chunk[8192];
    ssize_t got;
    while (rc == 0 && (got = read(fd, chunk, sizeof(chunk))) > 0) {
        rc = buf_append(&w->body, chunk, (size_t)got);
    }
    close(fd);
    if (rc == 0) {
        w->content_type = "application/octet-stream";
        const char *base = strrchr(norm, '/') ? strrchr(norm, '/') + 1 : norm;
        char *cd = arena_printf(r->ar, "attachment; filename=\"%s\"", base);
        rc = cd && !strpbrk(base, "\"\\\r\n") ? resp_header(w, "Content-Disposition", cd)
                                              : resp_header(w, "Content-Disposition", "attachment");
    }
    return rc;
}

static int
approve_reply(struct req *r, struct resp *w, long long run, long long session)
{
    int approve = 0;
    const char *call = req_param(r, "callId");
    const char *form = req_param(r, "approve");
    int rc = 0;
    if (r->json && json_object_is_type(r->json, json_type_object)) {
        rc = jsn_bool(r->json, "approve", 1, &approve);
    } else {
        approve = form && (strcmp(form, "1") == 0 || strcmp(form, "true") == 0);
        rc = form ? 0 : AG_EINVAL;
    }
    if (rc < 0 || !call || !*call) {
        return bad(r, w, "approve", "Send {\"approve\": true|false}.");
    }
    rc = approvals_db_decide(r->app->db, run, session, call, approve);
    if (rc == AG_ENOTFOUND) {
        resp_error(w, r, AG_ENOTFOUND, "No tool call is waiting for approval under that id.",
                   NULL);
        return 0;
    }
    struct json_object *o = rc == 0 ? json_object_new_object() : NULL;
    rc = rc ? rc : o ? jsn_add_str(o, "callId", call) : AG_ENOMEM;
    rc = rc ? rc : jsn_add_str(o, "state", approve ? "approved" : "denied");
    return rc == 0 ? reply_owned(w, 200, o) : (json_object_put(o), rc);
}

int
runs_api_approve(struct req *r, struct resp *w)
{
    long long id = 0;
    return req_param_i64(r, "id", &id) == 0 ? approve_reply(r, w, id, 0) : AG_ENOTFOUND;
}

int
chat_api_approve(struct req *r, struct resp *w)
{
    long long id = 0;
    return req_param_i64(r, "id", &id) == 0 ? approve_reply(r, w, 0, id) : AG_ENOTFOUND;
}

/* A session with agent_id (NULL = the first agent of the project's spec). */
int
runs_chat_start(struct req *r, long long project_id, const char *agent_id, const char *permission,
                long long *session_id, const char **agent_out)
{
    const char *text = NULL;
    struct json_object *o = NULL;
    struct spec s = {0};
    const char *why = NULL;
    enum rt_permission p;
    int rc = runtime_permission_parse(permission ? permission : "safe", &p);
    rc = rc ? rc : runs_db_project_spec(r->app->db, r->ar, project_id, &text);
    rc = rc ? rc : jsn_parse(text, strlen(text), &o);
    rc = rc ? rc : spec_from_json(o, &s, &why);
    json_object_put(o);
    const char *agent = NULL;
    for (int i = 0; rc == 0 && i < s.n_agents; i++) {
        if (!agent_id ? i == 0 : strcmp(s.agents[i].id, agent_id) == 0) {
            agent = arena_strdup(r->ar, s.agents[i].id);
        }
    }
    spec_free(&s);
    rc = rc ? rc : agent ? 0 : AG_EINVAL;
    rc = rc ? rc : chat_db_session_create(r->app->db, project_id, agent, runtime_permission_name(p),
                                          "", owner(r), session_id);
    *agent_out = agent;
    return rc;
}

int
chat_api_create(struct req *r, struct resp *w)
{
    long long pid = 0, sid = 0;
    const char *agent = NULL, *perm = NULL, *got = NULL;
    if (!r->json || jsn_int(r->json, "projectId", 1, 1, (long long)1 << 53, &pid) < 0) {
        return bad(r, w, "projectId", "projectId is required.");
    }
    if (jsn_str(r->json, "agentId", 0, SPEC_ID_MAX, &agent) < 0 ||
        jsn_str(r->json, "permission", 0, 8, &perm) < 0) {
        return bad(r, w, "agentId", "agentId and permission must be strings.");
    }
    int rc = runs_chat_start(r, pid, agent, perm, &sid, &got);
    if (rc == AG_EINVAL) {
        return bad(r, w, "agentId", "No such agent in the project, or a bad permission.");
    }
    struct json_object *o = rc == 0 ? json_object_new_object() : NULL;
    rc = rc ? rc : o ? jsn_add_int(o, "sessionId", sid) : AG_ENOMEM;
    rc = rc ? rc : jsn_add_str(o, "agentId", got);
    rc = rc ? rc : jsn_add_str(o, "stream", arena_printf(r->ar, "/api/chat/sessions/%lld/stream", sid));
    return rc == 0 ? reply_owned(w, 201, o) : (json_object_put(o), rc);
}

/* A chat turn: the user's message is stored now (the no-JS page shows it at once), then the run. */
int
runs_chat_send(struct req *r, long long session_id, const char *text, long long *run_id)
{
    struct chat_session_row s;
    int rc = chat_db_session_get(r->app->db, r->ar, session_id, &s);
    rc = rc ? rc : runs_enqueue(r, s.project_id, session_id, text, s.permission, s.model, run_id);
    rc = rc ? rc : chat_db_message_add(r->app->db, session_id, *run_id, "user", text, NULL, NULL);
    return rc;
}

int
chat_api_message(struct req *r, struct resp *w)
{
    long long sid = 0, run = 0;
    const char *text = NULL;
    if (req_param_i64(r, "id", &sid) < 0) {
        return AG_ENOTFOUND;
    }
    if (field(r, "text", 1, INPUT_MAX, &text) < 0) {
        return bad(r, w, "text", "text is required (at most 20000 bytes).");
    }
    int rc = runs_chat_send(r, sid, text, &run);
    return rc ? rc : reply_started(r, w, run, sid);
}

int
chat_api_stop(struct req *r, struct resp *w)
{
    long long sid = 0, run = 0;
    int rc = req_param_i64(r, "id", &sid) == 0 ? chat_db_latest_run(r->app->db, sid, &run)
                                               : AG_ENOTFOUND;
    rc = rc ? rc : run ? 0 : AG_ENOTFOUND;
    return rc ? rc : stop_reply(r, w, run);
}
