/* SPDX-License-Identifier: MIT */
/* runtime_int.h - shared between runtime.c (patterns) and runtime_turn.c (one agent's
 * reason -> act -> observe loop). Not for other modules. */
#ifndef AG_RUNTIME_INT_H
#define AG_RUNTIME_INT_H

#include "../core/arena.h"
#include "runtime.h"

/* One agent working on one task (or a react run, or a chat turn): its message list and the
 * tool definitions it is offered. Strings live in ar (the run's arena). */
struct rt_turn {
    const struct rt_run *rr;
    struct rt_result *res;
    struct arena *ar;
    int agent;           /* index into spec->agents */
    const char *task_id; /* NULL for react/chat */
    struct llm_message *msgs;
    size_t n_msgs, cap_msgs;
    struct llm_tool_def defs[SPEC_MAX_TOOLS];
    struct json_object *schemas[SPEC_MAX_TOOLS];
    size_t n_defs;
};

/* rt_turn_init prepares the system prompt (role, goal, backstory, extra) and the tools. */
int rt_turn_init(struct rt_turn *t, const struct rt_run *rr, struct rt_result *res,
                 struct arena *ar, int agent, const char *task_id, const char *extra) AG_MUST_CHECK;
void rt_turn_done(struct rt_turn *t);
/* rt_turn_push appends a message (content copied into the arena). */
int rt_turn_push(struct rt_turn *t, enum llm_role role, const char *content) AG_MUST_CHECK;
/* rt_turn_loop runs LLM calls until one answers without tool calls (*answer, arena) or the step
 * limit. Returns as runtime_run. */
int rt_turn_loop(struct rt_turn *t, int max_steps, const char **answer) AG_MUST_CHECK;
/* rt_emit sends a run.event with the turn's agent and task filled in. */
void rt_emit(struct rt_turn *t, struct run_event *ev);
int rt_cancelled(const struct rt_run *rr);

#endif
