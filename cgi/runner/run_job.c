/* SPDX-License-Identifier: MIT */
/* run_job.c - executes a run or chat-turn job: loads the run, its project's spec and its LLM
 * provider, runs the agent runtime with hooks that append events (and wake the stream
 * responder), wait for approvals and save per-agent accounting, while a watcher thread renews
 * the job's lease and turns a cancel request into the runtime's cancel flag within 100 ms.
 * Every path ends the run done, failed or cancelled with one run.done event. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "../agents/runs_db.h"
#include "../agents/runtime.h"
#include "../core/events.h"
#include "../core/jsn.h"
#include "../core/log.h"
#include "runner.h"

struct exec {
    struct db *db;
    struct runner *rn;
    const struct cfg *cfg;
    const struct job *job;
    struct arena *ar;
    struct run_row run;
    char stream[EVENTS_STREAM_MAX];
    char run_dir[600];
    volatile int cancel;
    volatile int pause;   /* the user asked the run to hold (jobs.pause, polled by the watcher) */
    volatile int release; /* the runner is stopping: hand the job back instead of finishing */
    volatile int done;    /* tells the watcher to stop */
    pthread_t watcher;
    int has_watcher;
    struct spec spec;
    int has_spec;
    struct llm_client *llm;
    struct llm_provider prov;
    char key[1024];
    const char *model;
    long long t0;
};

static int release(struct exec *x);

static void
append(struct exec *x, const char *type, const struct buf *b)
{
    if (events_append(x->db, x->stream, type, buf_cstr(b), NULL) < 0) {
        log_msg(LOG_ERR, "m=runner run=%lld err=cannot append event", x->run.id);
    }
    events_wake(x->cfg->data_dir);
}

static void
emit_hook(void *ctx, const struct run_event *ev)
{
    struct exec *x = ctx;
    struct buf b = BUF_INIT;
    if (events_run_event_json(x->run.id, ev, &b) == 0) {
        append(x, EV_RUN_EVENT, &b);
    }
    buf_free(&b);
    /* the chat transcript keeps tool cards for the no-JS thread */
    if (x->run.session_id && (strcmp(ev->kind, EVK_TOOL_RESULT) == 0 ||
                              (strcmp(ev->kind, EVK_ERROR) == 0 && ev->tool))) {
        AG_IGNORE(chat_db_message_add(x->db, x->run.session_id, x->run.id, "tool",
                                      ev->result ? ev->result : ev->text, ev->tool, ev->args));
    }
}

static void
status(struct exec *x, const char *kind, const char *text)
{
    struct run_event ev = {.kind = kind, .text = text};
    emit_hook(x, &ev);
}

static void
agent_hook(void *ctx, const char *agent_id, const char *st, const struct rt_usage *u)
{
    struct exec *x = ctx;
    AG_IGNORE(runs_db_agent_save(x->db, x->run.id, agent_id, st, u->tokens_in, u->tokens_out,
                                 u->cost, u->elapsed_ms));
}

static int
chat_hook(void *ctx, const struct llm_request *rq, llm_token_fn on_token, void *tok_ctx,
          struct llm_result *out)
{
    struct exec *x = ctx;
    return llm_chat(x->llm, &x->prov, rq, on_token, tok_ctx, out);
}

/* Ask mode: record the pending call, show the run as waiting, poll until decided/cancelled. */
static int
approve_hook(void *ctx, const char *call_id, const char *tool, const char *args)
{
    struct exec *x = ctx;
    int rc = approvals_db_request(x->db, x->run.id, call_id, tool, args);
    rc = rc ? rc : runs_db_set_state(x->db, x->run.id, "waiting");
    char st[16] = "pending";
    while (rc == 0 && strcmp(st, "pending") == 0) {
        if (x->cancel) {
            rc = AG_EBUSY;
            break;
        }
        usleep(RUNNER_POLL_MS * 1000);
        rc = approvals_db_state(x->db, x->run.id, call_id, st, sizeof(st));
    }
    AG_IGNORE(runs_db_set_state(x->db, x->run.id, "running"));
    return rc < 0 ? rc : strcmp(st, "approved") == 0;
}

static void
control_event(struct exec *x, const char *type, const char *state)
{
    struct buf b = BUF_INIT;
    if (events_run_control_json(x->run.id, state, &b) == 0) {
        append(x, type, &b);
    }
    buf_free(&b);
}

/* Between two steps: hold while the user has the run paused (cancel and a stopping runner still
 * end the hold within RUNNER_POLL_MS), then hand over the messages the user sent into it. */
static int
control_hook(void *ctx, struct arena *ar, const char ***inbox, size_t *n)
{
    struct exec *x = ctx;
    if (x->pause && !x->cancel) {
        AG_IGNORE(runs_db_set_paused(x->db, x->run.id, 1));
        control_event(x, EV_RUN_PAUSED, "paused");
        log_msg(LOG_INFO, "m=runner run=%lld paused", x->run.id);
        while (x->pause && !x->cancel) {
            usleep(RUNNER_POLL_MS * 1000);
        }
        AG_IGNORE(runs_db_set_paused(x->db, x->run.id, 0));
        if (!x->cancel) {
            control_event(x, EV_RUN_RESUMED, "running");
        }
    }
    if (x->cancel) {
        return AG_EBUSY;
    }
    *n = 0;
    return inbox ? runs_db_inbox_take(x->db, ar, x->run.id, inbox, n) : 0;
}

static void *
watch(void *arg)
{
    struct exec *x = arg;
    struct db *db = NULL;
    if (db_open(x->cfg->db_path, &db) < 0) {
        log_msg(LOG_ERR, "m=runner err=watcher cannot open the database");
        return NULL;
    }
    long long renewed = ag_mono_ms();
    while (!x->done) {
        int cancel = 0, pause = 0;
        int renew = ag_mono_ms() - renewed >= RUNNER_RENEW_MS;
        if (jobs_db_poll(db, x->job->id, renew ? RUNNER_LEASE_S : 0, &cancel, &pause) == 0) {
            x->pause = pause;
            x->cancel = x->cancel || cancel;
        }
        if (atomic_load(&x->rn->stopping) && !x->cancel) {
            x->release = 1;
            x->cancel = 1;
        }
        renewed = renew ? ag_mono_ms() : renewed;
        usleep(RUNNER_POLL_MS * 1000);
    }
    db_close(db);
    return NULL;
}

/* The provider of the run (or the default), its key resolved from "env:NAME". */
static int
load_provider(struct exec *x, char *why, size_t cap)
{
    struct provider_row p;
    int rc = providers_db_get(x->db, x->ar, x->run.provider_id, &p);
    if (rc == AG_ENOTFOUND) {
        snprintf(why, cap, "no LLM provider is configured: add one in Settings > Providers");
        return rc;
    }
    enum llm_kind kind = LLM_OPENAI;
    if (rc == 0 && llm_kind_parse(p.kind, &kind) < 0) {
        snprintf(why, cap, "provider %s has an unknown kind", p.name);
        rc = AG_EINVAL;
    }
    if (rc == 0 && strncmp(p.api_key_ref, "env:", 4) == 0) {
        const char *v = getenv(p.api_key_ref + 4);
        if (!v || snprintf(x->key, sizeof(x->key), "%s", v) >= (int)sizeof(x->key)) {
            snprintf(why, cap, "the key reference of provider %s is not set in the runner's "
                     "environment", p.name);
            rc = AG_EINVAL;
        }
    } else if (rc == 0 && *p.api_key_ref) {
        snprintf(why, cap, "provider %s: key references must look like env:NAME", p.name);
        rc = AG_EINVAL;
    }
    if (rc < 0) {
        return rc;
    }
    x->prov.kind = kind;
    x->prov.base_url = p.base_url;
    x->prov.api_key = x->key;
    x->prov.api_version = *p.api_version ? p.api_version : NULL;
    x->prov.project_id = *p.project_ref ? p.project_ref : NULL;
    x->prov.timeout_ms = 120000;
    x->prov.max_retries = 2;
    x->model = *x->run.model ? x->run.model : *p.default_model ? p.default_model : NULL;
    x->prov.model = x->model;
    return llm_client_new(&x->llm);
}

static int
load_spec(struct exec *x, char *why, size_t cap)
{
    const char *text = NULL;
    struct json_object *o = NULL;
    const char *bad = NULL;
    int rc = runs_db_project_spec(x->db, x->ar, x->run.project_id, &text);
    rc = rc ? rc : jsn_parse(text, strlen(text), &o);
    rc = rc ? rc : spec_from_json(o, &x->spec, &bad);
    json_object_put(o);
    if (rc < 0) {
        snprintf(why, cap, "the project's spec cannot be run: %s", bad ? bad : ag_strerror(rc));
        return rc;
    }
    x->has_spec = 1;
    if (!x->model) {
        x->model = x->spec.model;
        x->prov.model = x->model;
    }
    return 0;
}

/* Ends the run: state, totals, the job, and the run.done event. */
static int
finish(struct exec *x, const char *state, const char *output, const char *error,
       const struct rt_usage *u)
{
    long long ms = ag_mono_ms() - x->t0;
    struct rt_usage none = {0};
    u = u ? u : &none;
    int rc = runs_db_finish(x->db, x->run.id, state, output, error, u->tokens_in, u->tokens_out,
                            u->cost, ms);
    if (x->run.session_id && output && strcmp(state, "done") == 0) {
        AG_IGNORE(chat_db_message_add(x->db, x->run.session_id, x->run.id, "assistant", output,
                                      NULL, NULL));
    }
    struct buf b = BUF_INIT;
    if (events_run_done_json(x->run.id, state, u->tokens_in, u->tokens_out, u->cost, (long)ms,
                             error, &b) == 0) {
        append(x, EV_RUN_DONE, &b);
    }
    buf_free(&b);
    log_msg(LOG_INFO, "m=runner run=%lld state=%s ms=%lld", x->run.id, state, ms);
    return rc < 0 ? rc : 1;
}

/* Chat: the agent of the session and the earlier turns (not this run's own user message). */
static int
chat_setup(struct exec *x, struct rt_run *rr, char *why, size_t cap)
{
    struct chat_session_row s;
    struct chat_message_row *rows = NULL;
    int n = 0;
    int rc = chat_db_session_get(x->db, x->ar, x->run.session_id, &s);
    rc = rc ? rc : chat_db_messages(x->db, x->ar, x->run.session_id, &rows, &n);
    if (rc < 0) {
        snprintf(why, cap, "the chat session is gone");
        return rc;
    }
    rr->chat_agent = 0;
    for (int i = 0; i < x->spec.n_agents; i++) {
        if (strcmp(x->spec.agents[i].id, s.agent_id) == 0) {
            rr->chat_agent = i;
        }
    }
    struct llm_message *h = arena_alloc(x->ar, sizeof(*h) * (size_t)(n ? n : 1));
    if (!h) {
        return AG_ENOMEM;
    }
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        int user = strcmp(rows[i].role, "user") == 0;
        if (rows[i].run_id == x->run.id || (!user && strcmp(rows[i].role, "assistant") != 0)) {
            continue;
        }
        h[k].role = user ? LLM_USER : LLM_ASSISTANT;
        h[k++].content = rows[i].content;
    }
    rr->history = h;
    rr->n_history = k;
    return 0;
}

static int
execute(struct exec *x)
{
    char why[256] = "";
    enum rt_permission perm = RT_SAFE;
    AG_IGNORE(runtime_permission_parse(x->run.permission, &perm));
    int rc = load_provider(x, why, sizeof(why));
    rc = rc ? rc : load_spec(x, why, sizeof(why));
    struct rt_run rr = {.spec = &x->spec, .input = x->run.input, .model = x->model,
                        .permission = perm, .cancel = &x->cancel, .chat_agent = -1};
    if (rc == 0 && x->run.session_id) {
        rc = chat_setup(x, &rr, why, sizeof(why));
    }
    if (rc == 0 && mkdir(x->run_dir, 0750) < 0 && errno != EEXIST) {
        snprintf(why, sizeof(why), "cannot create the run's folder");
        rc = AG_EINTERNAL;
    }
    if (rc < 0) {
        status(x, EVK_ERROR, why[0] ? why : ag_strerror(rc));
        return finish(x, "failed", NULL, why[0] ? why : ag_strerror(rc), NULL);
    }
    struct tool_ctx tc = {.run_dir = x->run_dir, .cancel = &x->cancel, .http_allow_public = 1};
    struct rt_hooks hooks = {.chat = chat_hook, .emit = emit_hook, .approve = approve_hook,
                             .agent = agent_hook, .control = control_hook, .ctx = x};
    rr.tools = &tc;
    rr.hooks = &hooks;
    struct rt_result res;
    rc = runtime_run(&rr, &res);
    if (rc == AG_EBUSY && x->release) {
        runtime_result_free(&res);
        return release(x);
    }
    const char *state = rc == 0 ? "done" : rc == AG_EBUSY ? "cancelled" : "failed";
    if (rc < 0) {
        status(x, rc == AG_EBUSY ? EVK_STATUS : EVK_ERROR, res.error);
    }
    rc = finish(x, state, res.output, rc == 0 ? NULL : res.error, &res.total);
    runtime_result_free(&res);
    return rc;
}

/* The runner is stopping: the run goes back to the queue and starts again on the next claim
 * (its job attempt is not counted). A run the user cancelled meanwhile ends cancelled. */
static int
release(struct exec *x)
{
    int cancel = 0;
    if (jobs_db_poll(x->db, x->job->id, 0, &cancel, NULL) == 0 && cancel) {
        status(x, EVK_STATUS, "cancelled by the user");
        return finish(x, "cancelled", NULL, "cancelled by the user", NULL);
    }
    status(x, EVK_STATUS, "the runner is stopping: this run goes back to the queue and starts "
           "again from the beginning when a runner picks it up");
    int rc = runs_db_set_state(x->db, x->run.id, "queued");
    rc = rc ? rc : jobs_db_release(x->db, x->job->id);
    log_msg(LOG_INFO, "m=runner run=%lld released", x->run.id);
    return rc < 0 ? rc : 1;
}

/* A reclaimed job: say that the earlier attempt was interrupted; give up past the limit. */
static int
recover(struct exec *x)
{
    char msg[200];
    if (x->job->attempts > RUNNER_MAX_ATTEMPTS) {
        snprintf(msg, sizeof(msg), "the runner stopped while working on this run %d times; "
                 "giving up", x->job->attempts - 1);
        status(x, EVK_ERROR, msg);
        return finish(x, "failed", NULL, msg, NULL);
    }
    snprintf(msg, sizeof(msg), "the previous attempt was interrupted (the runner stopped); "
             "starting again, attempt %d of %d", x->job->attempts, RUNNER_MAX_ATTEMPTS);
    status(x, EVK_STATUS, msg);
    return 0;
}

static int
start(struct exec *x)
{
    const char *term[] = {"done", "failed", "cancelled"};
    for (size_t i = 0; i < AG_NELEM(term); i++) {
        if (strcmp(x->run.state, term[i]) == 0) { /* finished but the job was not: close it */
            return jobs_db_finish(x->db, x->job->id, term[i], NULL) < 0 ? AG_EDB : 1;
        }
    }
    int rc = x->job->attempts > 1 ? recover(x) : 0;
    if (rc != 0) {
        return rc;
    }
    int cancel = 0, pause = 0;
    if (jobs_db_poll(x->db, x->job->id, RUNNER_LEASE_S, &cancel, &pause) == 0) {
        x->pause = pause; /* paused while queued: hold before the first step */
    }
    if (cancel) {
        status(x, EVK_STATUS, "cancelled by the user");
        return finish(x, "cancelled", NULL, "cancelled by the user", NULL);
    }
    if (runs_db_set_state(x->db, x->run.id, "running") < 0) {
        return AG_EDB;
    }
    status(x, EVK_STATUS, x->run.session_id ? "chat turn started" : "run started");
    x->has_watcher = pthread_create(&x->watcher, NULL, watch, x) == 0;
    rc = execute(x);
    x->done = 1;
    if (x->has_watcher) {
        pthread_join(x->watcher, NULL);
    }
    return rc;
}

int
run_job_exec(struct db *db, struct runner *rn, const struct job *job)
{
    const struct cfg *cfg = rn->cfg;
    struct exec *x = calloc(1, sizeof(*x));
    char *end = NULL;
    long long id = strtoll(job->ref, &end, 10);
    if (!x || !(x->ar = arena_new(0))) {
        free(x);
        return AG_ENOMEM;
    }
    x->db = db;
    x->rn = rn;
    x->cfg = cfg;
    x->job = job;
    x->t0 = ag_mono_ms();
    int rc = end && *end == '\0' && id > 0 ? runs_db_get(db, x->ar, id, &x->run) : AG_ENOTFOUND;
    if (rc == AG_ENOTFOUND) {
        rc = jobs_db_finish(db, job->id, "failed", "the run of this job no longer exists");
        rc = rc < 0 ? rc : 1;
    } else if (rc == 0) {
        AG_IGNORE(events_stream_name("run", id, x->stream, sizeof(x->stream)));
        snprintf(x->run_dir, sizeof(x->run_dir), "%s/runs", cfg->data_dir);
        AG_IGNORE(mkdir(x->run_dir, 0750) < 0);
        snprintf(x->run_dir, sizeof(x->run_dir), "%s/runs/%lld", cfg->data_dir, id);
        rc = start(x);
    }
    OPENSSL_cleanse(x->key, sizeof(x->key));
    llm_client_free(x->llm);
    if (x->has_spec) {
        spec_free(&x->spec);
    }
    arena_free(x->ar);
    free(x);
    return rc;
}
