/* SPDX-License-Identifier: MIT */
/* runtime.c - the patterns: supervisor (tasks in dependency order, each by its agent, earlier
 * outputs as context), react (one agent loops reason -> act -> observe over the whole goal) and a
 * chat turn (one agent, the session's history, the user's message). The loop itself is in
 * runtime_turn.c. */
#include "runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "runtime_int.h"

static int run_supervisor(const struct rt_run *rr, struct rt_result *res, struct arena *ar);
static int run_react(const struct rt_run *rr, struct rt_result *res, struct arena *ar);
static int run_chat(const struct rt_run *rr, struct rt_result *res, struct arena *ar);
static int task_prompt(const struct rt_run *rr, int task, const char *const *outputs,
                       struct buf *b);
static void agent_status(const struct rt_run *rr, struct rt_result *res, int agent,
                         const char *status);

int
runtime_permission_parse(const char *s, enum rt_permission *out)
{
    static const char *const names[] = {"safe", "ask", "dev"};
    for (int i = 0; s && i < 3; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = (enum rt_permission)i;
            return 0;
        }
    }
    return AG_EINVAL;
}

const char *
runtime_permission_name(enum rt_permission p)
{
    return p == RT_DEV ? "dev" : p == RT_ASK ? "ask" : "safe";
}

static void
agent_status(const struct rt_run *rr, struct rt_result *res, int agent, const char *status)
{
    if (rr->hooks->agent) {
        rr->hooks->agent(rr->hooks->ctx, rr->spec->agents[agent].id, status, &res->agents[agent]);
    }
}

static void
status_event(struct rt_turn *t, const char *text)
{
    struct run_event ev = {.kind = EVK_STATUS, .text = text};
    rt_emit(t, &ev);
}

/* The user message of task i: its description, expected output, the run's input, and the
 * outputs of the tasks it depends on (all earlier ones when it declares none). */
static int
task_prompt(const struct rt_run *rr, int task, const char *const *outputs, struct buf *b)
{
    const struct spec_task *k = &rr->spec->tasks[task];
    int rc = buf_printf(b, "Task: %s\nExpected output: %s\n", k->description, k->expected_output);
    if (rc == 0 && rr->input && *rr->input) {
        rc = buf_printf(b, "\nInput from the user:\n%s\n", rr->input);
    }
    int deps[SPEC_MAX_TASKS], n = 0;
    for (int i = 0; i < k->n_deps; i++) {
        deps[n++] = k->deps[i];
    }
    for (int i = 0; k->n_deps == 0 && i < task; i++) {
        deps[n++] = i;
    }
    for (int i = 0; rc == 0 && i < n; i++) {
        const char *o = outputs[deps[i]] ? outputs[deps[i]] : "";
        size_t len = strlen(o);
        rc = buf_printf(b, "\nContext from task %s:\n%.*s\n", rr->spec->tasks[deps[i]].id,
                        (int)(len > RT_CONTEXT_MAX ? RT_CONTEXT_MAX : len), o);
    }
    return rc;
}

static int
run_supervisor(const struct rt_run *rr, struct rt_result *res, struct arena *ar)
{
    const char *outputs[SPEC_MAX_TASKS] = {0};
    int steps = rr->max_steps > 0 ? rr->max_steps : RT_DEFAULT_STEPS;
    int rc = 0;
    for (int i = 0; rc == 0 && i < rr->spec->n_tasks; i++) {
        const struct spec_task *k = &rr->spec->tasks[i];
        struct rt_turn t;
        struct buf b = BUF_INIT;
        rc = rt_turn_init(&t, rr, res, ar, k->agent, k->id, NULL);
        rc = rc ? rc : task_prompt(rr, i, outputs, &b);
        rc = rc ? rc : rt_turn_push(&t, LLM_USER, buf_cstr(&b));
        buf_free(&b);
        if (rc == 0) {
            char *msg = arena_printf(ar, "%s works on task %s (%d of %d)",
                                     rr->spec->agents[k->agent].role, k->id, i + 1,
                                     rr->spec->n_tasks);
            status_event(&t, msg ? msg : "working");
            agent_status(rr, res, k->agent, "working");
            rc = rt_turn_loop(&t, steps, &outputs[i]);
            agent_status(rr, res, k->agent, rc == 0 ? "done" : "failed");
        }
        rt_turn_done(&t);
    }
    if (rc == 0 && rr->spec->n_tasks > 0) {
        res->output = strdup(outputs[rr->spec->n_tasks - 1]);
        rc = res->output ? 0 : AG_ENOMEM;
    }
    return rc;
}

/* react: the first task's agent gets the whole plan and loops until it answers. */
static int
run_react(const struct rt_run *rr, struct rt_result *res, struct arena *ar)
{
    const struct spec *s = rr->spec;
    int agent = s->n_tasks > 0 ? s->tasks[0].agent : 0;
    struct buf plan = BUF_INIT;
    int rc = buf_puts(&plan, "Work step by step: think, use a tool when it helps, observe its "
                             "result, and repeat. The plan:\n");
    for (int i = 0; rc == 0 && i < s->n_tasks; i++) {
        rc = buf_printf(&plan, "%d. %s (expected: %s)\n", i + 1, s->tasks[i].description,
                        s->tasks[i].expected_output);
    }
    struct rt_turn t = {0};
    rc = rc ? rc : rt_turn_init(&t, rr, res, ar, agent, NULL, buf_cstr(&plan));
    buf_free(&plan);
    if (rc < 0) {
        rt_turn_done(&t);
        return rc;
    }
    rc = rt_turn_push(&t, LLM_USER, rr->input && *rr->input ? rr->input : s->description);
    const char *answer = NULL;
    if (rc == 0) {
        status_event(&t, "react loop started");
        agent_status(rr, res, agent, "working");
        rc = rt_turn_loop(&t, rr->max_steps > 0 ? rr->max_steps : RT_DEFAULT_STEPS, &answer);
        agent_status(rr, res, agent, rc == 0 ? "done" : "failed");
    }
    if (rc == 0) {
        res->output = strdup(answer);
        rc = res->output ? 0 : AG_ENOMEM;
    }
    rt_turn_done(&t);
    return rc;
}

static int
run_chat(const struct rt_run *rr, struct rt_result *res, struct arena *ar)
{
    struct rt_turn t;
    int rc = rt_turn_init(&t, rr, res, ar, rr->chat_agent, NULL, NULL);
    for (size_t i = 0; rc == 0 && i < rr->n_history; i++) {
        rc = rt_turn_push(&t, rr->history[i].role, rr->history[i].content);
    }
    rc = rc ? rc : rt_turn_push(&t, LLM_USER, rr->input ? rr->input : "");
    const char *answer = NULL;
    if (rc == 0) {
        agent_status(rr, res, rr->chat_agent, "working");
        rc = rt_turn_loop(&t, rr->max_steps > 0 ? rr->max_steps : RT_DEFAULT_STEPS, &answer);
        agent_status(rr, res, rr->chat_agent, rc == 0 ? "done" : "failed");
    }
    if (rc == 0) {
        res->output = strdup(answer);
        rc = res->output ? 0 : AG_ENOMEM;
    }
    rt_turn_done(&t);
    return rc;
}

int
runtime_run(const struct rt_run *rr, struct rt_result *out)
{
    memset(out, 0, sizeof(*out));
    const struct spec *s = rr->spec;
    if (!s || s->n_agents < 1 || !rr->hooks || !rr->hooks->chat || !rr->hooks->emit ||
        rr->chat_agent >= s->n_agents) {
        snprintf(out->error, sizeof(out->error), "the run has no agents to execute");
        return AG_EINVAL;
    }
    struct arena *ar = arena_new(0);
    if (!ar) {
        return AG_ENOMEM;
    }
    int rc;
    if (rr->chat_agent >= 0) {
        rc = run_chat(rr, out, ar);
    } else if (s->pattern == SPEC_REACT) {
        rc = run_react(rr, out, ar);
    } else {
        rc = run_supervisor(rr, out, ar);
    }
    arena_free(ar);
    if (out->cancelled) {
        snprintf(out->error, sizeof(out->error), "cancelled by the user");
        return AG_EBUSY;
    }
    if (rc == AG_ENOMEM && !out->error[0]) {
        snprintf(out->error, sizeof(out->error), "out of memory");
    }
    return rc;
}

void
runtime_result_free(struct rt_result *r)
{
    free(r->output);
    r->output = NULL;
}
