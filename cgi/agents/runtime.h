/* SPDX-License-Identifier: MIT */
/* runtime.h - the agent runtime: executes a project spec (supervisor or react pattern) or one
 * chat turn against an LLM, with the built-in tools offered as function definitions, permission
 * modes (Safe/Ask/Dev), cancellation, and token/cost/elapsed accounting per agent and per run.
 * It knows nothing of SQL or HTTP: the caller supplies the LLM call, the event sink, the approval
 * wait and the tool executor as hooks (the runner uses llm_chat/events/approvals/tools_call; the
 * unit tests use fakes). */
#ifndef AG_RUNTIME_H
#define AG_RUNTIME_H

#include "../core/arena.h"
#include "../core/events.h"
#include "../engine/spec.h"
#include "../llm/llm.h"
#include "tools.h"

#define RT_DEFAULT_STEPS 8  /* LLM calls per task (supervisor), per run (react), per chat turn */
#define RT_CONTEXT_MAX   16384 /* bytes of one earlier task output passed on as context */

enum rt_permission { RT_SAFE = 0, RT_ASK, RT_DEV };

struct rt_usage {
    long tokens_in;
    long tokens_out;
    double cost; /* USD, from the catalogue's price table via llm_cost_usd */
    long elapsed_ms;
};

/* chat: one streamed completion, the contract of llm_chat (out filled, freed by the runtime). */
typedef int (*rt_chat_fn)(void *ctx, const struct llm_request *rq, llm_token_fn on_token,
                          void *tok_ctx, struct llm_result *out);
/* emit: persist one run.event (best effort: a failure is logged by the hook, never fatal). */
typedef void (*rt_emit_fn)(void *ctx, const struct run_event *ev);
/* approve (Ask mode): block until the user decides call_id: 1 approved, 0 denied, AG_EBUSY when
 * the run was cancelled meanwhile, other AG_E* on failure. */
typedef int (*rt_approve_fn)(void *ctx, const char *call_id, const char *tool, const char *args);
/* tool: the executor, same contract as tools_call. */
typedef int (*rt_tool_fn)(const struct tool_ctx *tc, const char *tool_id, struct json_object *args,
                          struct buf *result, char *err, size_t errcap);
/* agent: an agent's status changed (working, done, failed) with its usage so far. */
typedef void (*rt_agent_fn)(void *ctx, const char *agent_id, const char *status,
                            const struct rt_usage *u);

/* control (optional): called between steps, before each LLM call and each tool call. It holds
 * while the run is paused and returns 0 when it may go on, AG_EBUSY when it was cancelled. With
 * inbox non-NULL (before LLM calls only) it also hands over the messages the user sent into the
 * run since the last call: *inbox is an array of *n strings in ar. */
typedef int (*rt_control_fn)(void *ctx, struct arena *ar, const char ***inbox, size_t *n);

struct rt_hooks {
    rt_chat_fn chat;       /* required */
    rt_emit_fn emit;       /* required */
    rt_approve_fn approve; /* required for RT_ASK */
    rt_tool_fn tool;       /* NULL = tools_call */
    rt_agent_fn agent;     /* optional */
    void *ctx;
    rt_control_fn control; /* optional: Pause/Resume and messages from the user */
};

struct rt_run {
    const struct spec *spec;
    const char *input; /* run: extra instructions (may be ""); chat: the user's message */
    const char *model; /* model id for requests and prices; NULL = spec->model */
    enum rt_permission permission;
    const struct tool_ctx *tools;
    const volatile int *cancel; /* non-zero: stop (in-flight LLM/tool calls abort too) */
    int max_steps;              /* 0 = RT_DEFAULT_STEPS */
    int chat_agent;             /* >= 0: a chat turn with that agent; -1: run the spec */
    const struct llm_message *history; /* chat: earlier user/assistant messages (borrowed) */
    size_t n_history;
    const struct rt_hooks *hooks;
};

struct rt_result {
    struct rt_usage total;
    struct rt_usage agents[SPEC_MAX_AGENTS];
    char *output;    /* heap: the final answer (last task / react answer / chat reply) or NULL */
    int cancelled;   /* ended because *cancel was set */
    int step_limit;  /* ended because the step limit was reached without an answer */
    char error[256]; /* on failure: one line for the user */
};

/* runtime_run executes rr and fills *out (release with runtime_result_free, also after a
 * failure). 0 = finished; AG_EBUSY = cancelled; AG_EUPSTREAM = the LLM failed; AG_EINTERNAL =
 * step limit reached; AG_EINVAL = bad run (e.g. chat_agent out of range); AG_ENOMEM. */
int runtime_run(const struct rt_run *rr, struct rt_result *out) AG_MUST_CHECK;
void runtime_result_free(struct rt_result *r);
/* runtime_permission_parse: "safe" | "ask" | "dev"; AG_EINVAL otherwise. */
int runtime_permission_parse(const char *s, enum rt_permission *out) AG_MUST_CHECK;
const char *runtime_permission_name(enum rt_permission p);

#endif
