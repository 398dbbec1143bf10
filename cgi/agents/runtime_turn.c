/* SPDX-License-Identifier: MIT */
/* runtime_turn.c - one agent's reason -> act -> observe loop: call the LLM with the agent's
 * tools, run the tool calls it makes (subject to the permission mode), feed the results back,
 * and stop at the first reply without tool calls (the explicit answer) or at the step limit. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/jsn.h"
#include "runtime_int.h"

static int on_token(void *ctx, const char *text, size_t len);
static int llm_step(struct rt_turn *t, struct llm_result *lr);
static int push_assistant(struct rt_turn *t, const struct llm_result *lr);
static int run_call(struct rt_turn *t, const struct llm_tool_call *c);
static int allowed_tool(const struct rt_turn *t, const char *name);
static int permit(struct rt_turn *t, const struct llm_tool_call *c, char *why, size_t cap);
static int push_tool(struct rt_turn *t, const char *call_id, const char *content);
static int control(struct rt_turn *t, int take_inbox);

int
rt_cancelled(const struct rt_run *rr)
{
    return rr->cancel && *rr->cancel;
}

void
rt_emit(struct rt_turn *t, struct run_event *ev)
{
    ev->agent = t->rr->spec->agents[t->agent].id;
    ev->task = t->task_id;
    t->rr->hooks->emit(t->rr->hooks->ctx, ev);
}

int
rt_turn_init(struct rt_turn *t, const struct rt_run *rr, struct rt_result *res, struct arena *ar,
             int agent, const char *task_id, const char *extra)
{
    const struct spec *s = rr->spec;
    const struct spec_agent *a = &s->agents[agent];
    memset(t, 0, sizeof(*t));
    t->rr = rr;
    t->res = res;
    t->ar = ar;
    t->agent = agent;
    t->task_id = task_id;
    for (int i = 0; i < a->n_tools && t->n_defs < SPEC_MAX_TOOLS; i++) {
        const char *id = s->tools[a->tools[i]].id;
        const char *schema = tools_schema(id);
        if (!schema) {
            continue; /* a catalogue tool without a built-in implementation */
        }
        struct json_object *o = NULL;
        if (jsn_parse(schema, strlen(schema), &o) < 0) {
            return AG_EINTERNAL;
        }
        t->schemas[t->n_defs] = o;
        t->defs[t->n_defs].name = id;
        t->defs[t->n_defs].description = tools_description(id);
        t->defs[t->n_defs].parameters = o;
        t->n_defs++;
    }
    char *sys = arena_printf(ar,
                             "You are %s.\nYour goal: %s\nBackstory: %s\n%s%s"
                             "When you have the final answer, reply with it directly and call no "
                             "tool.",
                             a->role, a->goal, a->backstory, extra ? extra : "", extra ? "\n" : "");
    return sys ? rt_turn_push(t, LLM_SYSTEM, sys) : AG_ENOMEM;
}

void
rt_turn_done(struct rt_turn *t)
{
    for (size_t i = 0; i < t->n_defs; i++) {
        json_object_put(t->schemas[i]);
    }
    t->n_defs = 0;
}

static int
grow(struct rt_turn *t)
{
    if (t->n_msgs < t->cap_msgs) {
        return 0;
    }
    size_t cap = t->cap_msgs ? t->cap_msgs * 2 : 16;
    struct llm_message *m = arena_alloc(t->ar, cap * sizeof(*m));
    if (!m) {
        return AG_ENOMEM;
    }
    if (t->n_msgs) {
        memcpy(m, t->msgs, t->n_msgs * sizeof(*m));
    }
    t->msgs = m;
    t->cap_msgs = cap;
    return 0;
}

int
rt_turn_push(struct rt_turn *t, enum llm_role role, const char *content)
{
    if (grow(t) < 0) {
        return AG_ENOMEM;
    }
    struct llm_message *m = &t->msgs[t->n_msgs];
    memset(m, 0, sizeof(*m));
    m->role = role;
    m->content = content ? arena_strdup(t->ar, content) : NULL;
    if (content && !m->content) {
        return AG_ENOMEM;
    }
    t->n_msgs++;
    return 0;
}

static int
push_tool(struct rt_turn *t, const char *call_id, const char *content)
{
    int rc = rt_turn_push(t, LLM_TOOL, content);
    if (rc == 0) {
        t->msgs[t->n_msgs - 1].tool_call_id = arena_strdup(t->ar, call_id);
        rc = t->msgs[t->n_msgs - 1].tool_call_id ? 0 : AG_ENOMEM;
    }
    return rc;
}

static int
on_token(void *ctx, const char *text, size_t len)
{
    struct rt_turn *t = ctx;
    struct run_event ev = {.kind = EVK_TOKEN};
    ev.text = arena_strndup(t->ar, text, len);
    if (ev.text) {
        rt_emit(t, &ev);
    }
    return rt_cancelled(t->rr) ? 1 : 0;
}

/* One LLM call with accounting (per agent and total) into t->res. */
static int
llm_step(struct rt_turn *t, struct llm_result *lr)
{
    const struct rt_run *rr = t->rr;
    struct llm_request rq = {0};
    rq.model = rr->model ? rr->model : rr->spec->model;
    rq.messages = t->msgs;
    rq.n_messages = t->n_msgs;
    rq.tools = t->n_defs ? t->defs : NULL;
    rq.n_tools = t->n_defs;
    rq.cancel = rr->cancel;
    long long t0 = ag_mono_ms();
    int rc = rr->hooks->chat(rr->hooks->ctx, &rq, on_token, t, lr);
    long ms = (long)(ag_mono_ms() - t0);
    double cost = llm_cost_usd(rq.model, lr->prompt_tokens, lr->completion_tokens);
    struct rt_usage *u[2] = {&t->res->agents[t->agent], &t->res->total};
    for (int i = 0; i < 2; i++) {
        u[i]->tokens_in += lr->prompt_tokens;
        u[i]->tokens_out += lr->completion_tokens;
        u[i]->cost += cost;
        u[i]->elapsed_ms += ms;
    }
    if (rr->hooks->agent) { /* live usage: the console's table follows every call */
        rr->hooks->agent(rr->hooks->ctx, rr->spec->agents[t->agent].id, "working",
                         &t->res->agents[t->agent]);
    }
    if (rc < 0 && (lr->cancelled || rt_cancelled(rr))) {
        t->res->cancelled = 1;
        return AG_EBUSY;
    }
    if (rc < 0) {
        snprintf(t->res->error, sizeof(t->res->error), "LLM call failed: %.200s",
                 lr->error[0] ? lr->error : ag_strerror(rc));
        return rc == AG_ENOMEM ? rc : AG_EUPSTREAM;
    }
    struct run_event ev = {.kind = lr->n_tool_calls ? EVK_THOUGHT : EVK_MESSAGE};
    ev.text = lr->content;
    ev.tokens_in = lr->prompt_tokens;
    ev.tokens_out = lr->completion_tokens;
    ev.cost = cost;
    ev.elapsed_ms = ms;
    if (lr->n_tool_calls && lr->content && !*lr->content) {
        ev.text = NULL; /* a call that only asked for tools: logged for its time and tokens */
    }
    rt_emit(t, &ev);
    return 0;
}

static int
push_assistant(struct rt_turn *t, const struct llm_result *lr)
{
    int rc = rt_turn_push(t, LLM_ASSISTANT, lr->n_tool_calls && !*lr->content ? NULL : lr->content);
    if (rc < 0 || !lr->n_tool_calls) {
        return rc;
    }
    struct llm_tool_call *calls = arena_alloc(t->ar, lr->n_tool_calls * sizeof(*calls));
    if (!calls) {
        return AG_ENOMEM;
    }
    for (size_t i = 0; i < lr->n_tool_calls; i++) {
        calls[i].id = arena_strdup(t->ar, lr->tool_calls[i].id ? lr->tool_calls[i].id : "");
        calls[i].name = arena_strdup(t->ar, lr->tool_calls[i].name ? lr->tool_calls[i].name : "");
        calls[i].arguments = arena_strdup(t->ar, lr->tool_calls[i].arguments
                                                     ? lr->tool_calls[i].arguments : "{}");
        if (!calls[i].id || !calls[i].name || !calls[i].arguments) {
            return AG_ENOMEM;
        }
    }
    t->msgs[t->n_msgs - 1].tool_calls = calls;
    t->msgs[t->n_msgs - 1].n_tool_calls = lr->n_tool_calls;
    return 0;
}

static int
allowed_tool(const struct rt_turn *t, const char *name)
{
    for (size_t i = 0; i < t->n_defs; i++) {
        if (strcmp(t->defs[i].name, name) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Permission check: 1 = run it, 0 = refused (why says so), AG_EBUSY = cancelled. */
static int
permit(struct rt_turn *t, const struct llm_tool_call *c, char *why, size_t cap)
{
    const struct rt_run *rr = t->rr;
    if (!allowed_tool(t, c->name)) {
        snprintf(why, cap, "tool %s is not available to this agent", c->name);
        return 0;
    }
    if (rr->permission == RT_SAFE && !tools_is_read_only(c->name)) {
        snprintf(why, cap, "Safe mode allows read-only tools only; %s can change things", c->name);
        return 0;
    }
    if (rr->permission != RT_ASK) {
        return 1;
    }
    struct run_event ev = {.kind = EVK_TOOL_APPROVAL, .tool = c->name, .call_id = c->id,
                           .args = c->arguments, .text = "waiting for approval"};
    rt_emit(t, &ev);
    int rc = rr->hooks->approve ? rr->hooks->approve(rr->hooks->ctx, c->id, c->name, c->arguments)
                                : 0;
    if (rc == 0) {
        snprintf(why, cap, "the user denied the call to %s", c->name);
    }
    return rc;
}

/* Between two steps: hold while paused; before an LLM call (take_inbox), add each message the
 * user sent into the run to this agent's context as a user message, and log it. A user message
 * never lands between an assistant's tool calls and their results: those are pushed by then. */
static int
control(struct rt_turn *t, int take_inbox)
{
    const struct rt_run *rr = t->rr;
    const char **inbox = NULL;
    size_t n = 0;
    int rc = rr->hooks->control ? rr->hooks->control(rr->hooks->ctx, t->ar,
                                                     take_inbox ? &inbox : NULL, &n)
                                : 0;
    if (rc == AG_EBUSY || rt_cancelled(rr)) {
        t->res->cancelled = 1;
        return AG_EBUSY;
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = rt_turn_push(t, LLM_USER, inbox[i]);
        struct run_event ev = {.kind = EVK_MESSAGE, .text = inbox[i], .from = "user"};
        if (rc == 0) {
            rt_emit(t, &ev);
        }
    }
    return rc == AG_ENOMEM ? rc : 0; /* a failed inbox read is retried at the next step */
}

/* Runs one tool call (or refuses it) and pushes the tool message the LLM sees next. */
static int
run_call(struct rt_turn *t, const struct llm_tool_call *c)
{
    char why[256] = "";
    struct run_event ev = {.kind = EVK_TOOL_INVOKE, .tool = c->name, .call_id = c->id,
                           .args = c->arguments};
    if (control(t, 0) < 0) {
        return AG_EBUSY;
    }
    rt_emit(t, &ev);
    int rc = permit(t, c, why, sizeof(why));
    if (rc == AG_EBUSY || rt_cancelled(t->rr)) {
        t->res->cancelled = 1;
        return AG_EBUSY;
    }
    struct buf out = BUF_INIT;
    struct json_object *args = NULL;
    if (rc == 1 && jsn_parse(c->arguments, strlen(c->arguments), &args) < 0) {
        snprintf(why, sizeof(why), "the arguments of %s are not valid JSON", c->name);
        rc = 0;
    }
    if (rc == 1) {
        rt_tool_fn fn = t->rr->hooks->tool ? t->rr->hooks->tool : tools_call;
        rc = fn(t->rr->tools, c->name, args, &out, why, sizeof(why)) == 0 ? 1 : 0;
    }
    json_object_put(args);
    if (rt_cancelled(t->rr)) {
        buf_free(&out);
        t->res->cancelled = 1;
        return AG_EBUSY;
    }
    struct run_event res = {.kind = rc == 1 ? EVK_TOOL_RESULT : EVK_ERROR, .tool = c->name,
                            .call_id = c->id, .args = c->arguments};
    res.result = rc == 1 ? buf_cstr(&out) : NULL;
    res.text = rc == 1 ? NULL : why;
    rt_emit(t, &res);
    const char *err = "{\"error\":\"refused\"}";
    if (rc != 1) {
        struct json_object *e = json_object_new_object();
        struct buf eb = BUF_INIT;
        if (e && jsn_add_str(e, "error", why) == 0 && jsn_dump(e, &eb) == 0) {
            const char *copy = arena_strdup(t->ar, buf_cstr(&eb));
            err = copy ? copy : err;
        }
        buf_free(&eb);
        json_object_put(e);
    }
    rc = push_tool(t, c->id, rc == 1 ? buf_cstr(&out) : err);
    buf_free(&out);
    return rc;
}

int
rt_turn_loop(struct rt_turn *t, int max_steps, const char **answer)
{
    *answer = NULL;
    for (int step = 0; step < max_steps; step++) {
        if (rt_cancelled(t->rr)) {
            t->res->cancelled = 1;
            return AG_EBUSY;
        }
        int rc = control(t, 1);
        if (rc < 0) {
            return rc;
        }
        struct llm_result lr = {0};
        rc = llm_step(t, &lr);
        rc = rc ? rc : push_assistant(t, &lr);
        size_t n_calls = lr.n_tool_calls;
        llm_result_free(&lr);
        if (rc < 0) {
            return rc;
        }
        struct llm_message *said = &t->msgs[t->n_msgs - 1];
        if (n_calls == 0) {
            *answer = said->content ? said->content : "";
            return 0;
        }
        const struct llm_tool_call *calls = said->tool_calls; /* arena copies */
        for (size_t i = 0; i < n_calls; i++) {
            rc = run_call(t, &calls[i]);
            if (rc < 0) {
                return rc;
            }
        }
    }
    t->res->step_limit = 1;
    snprintf(t->res->error, sizeof(t->res->error),
             "step limit reached: no final answer after %d LLM calls", max_steps);
    return AG_EINTERNAL;
}
