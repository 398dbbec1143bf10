/* SPDX-License-Identifier: MIT */
/* check_runtime.c - cgi/agents/runtime with a scripted fake LLM and a fake tool executor:
 * supervisor order and context passing, react step limit, Safe mode refusing a write tool, Ask
 * mode, cancellation, and token/cost accounting per agent and per run. */
#include <check.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "../../cgi/agents/runtime.h"

#define MAX_CALLS 16

struct fake {
    const char *replies[MAX_CALLS]; /* "tool:<name>:<args>" makes a tool call, else text */
    int n_calls;
    char system[MAX_CALLS][512];
    char last_user[MAX_CALLS][1024];
    char last_msg[MAX_CALLS][256];
    int last_role[MAX_CALLS];
    int n_events, n_tokens, n_errors, n_approvals, tool_runs;
    long ev_tokens_in, ev_tokens_out; /* usage as the events report it */
    char errors[4][256];
    int approve;
    volatile int cancel;
    int n_control, n_control_inbox, n_user_msgs, control_rc;
    const char *inbox_at[MAX_CALLS]; /* message handed over before LLM call i */
};

static struct fake F;

static int
fake_chat(void *ctx, const struct llm_request *rq, llm_token_fn on_token, void *tok_ctx,
          struct llm_result *out)
{
    struct fake *f = ctx;
    int i = f->n_calls++;
    ck_assert_int_lt(i, MAX_CALLS);
    for (size_t m = 0; m < rq->n_messages; m++) {
        const struct llm_message *msg = &rq->messages[m];
        if (msg->role == LLM_SYSTEM) {
            snprintf(f->system[i], sizeof(f->system[i]), "%s", msg->content);
        } else if (msg->role == LLM_USER) {
            snprintf(f->last_user[i], sizeof(f->last_user[i]), "%s", msg->content);
        }
    }
    const struct llm_message *last = &rq->messages[rq->n_messages - 1];
    f->last_role[i] = last->role;
    snprintf(f->last_msg[i], sizeof(f->last_msg[i]), "%s", last->content ? last->content : "");
    out->prompt_tokens = 1000;
    out->completion_tokens = 500;
    const char *r = f->replies[i] ? f->replies[i] : "final";
    if (f->cancel) {
        out->cancelled = 1;
        return AG_EUPSTREAM;
    }
    if (strncmp(r, "tool:", 5) == 0) {
        const char *name = r + 5, *colon = strchr(name, ':');
        out->content = strdup("");
        out->tool_calls = calloc(1, sizeof(*out->tool_calls));
        out->tool_calls[0].id = strdup("call_1");
        out->tool_calls[0].name = strndup(name, (size_t)(colon - name));
        out->tool_calls[0].arguments = strdup(colon + 1);
        out->n_tool_calls = 1;
        return 0;
    }
    on_token(tok_ctx, r, 2);
    on_token(tok_ctx, r + 2, strlen(r) - 2);
    out->content = strdup(r);
    return 0;
}

static void
fake_emit(void *ctx, const struct run_event *ev)
{
    struct fake *f = ctx;
    f->n_events++;
    f->n_tokens += strcmp(ev->kind, EVK_TOKEN) == 0;
    f->ev_tokens_in += ev->tokens_in;
    f->ev_tokens_out += ev->tokens_out;
    f->n_approvals += strcmp(ev->kind, EVK_TOOL_APPROVAL) == 0;
    f->n_user_msgs += ev->from && strcmp(ev->from, "user") == 0;
    if (strcmp(ev->kind, EVK_ERROR) == 0 && f->n_errors < 4) {
        snprintf(f->errors[f->n_errors++], 256, "%s", ev->text ? ev->text : "");
    }
}

static int
fake_approve(void *ctx, const char *call_id, const char *tool, const char *args)
{
    (void)call_id, (void)tool, (void)args;
    return ((struct fake *)ctx)->approve;
}

static int
fake_tool(const struct tool_ctx *tc, const char *tool_id, struct json_object *args,
          struct buf *result, char *err, size_t errcap)
{
    (void)tc, (void)tool_id, (void)args, (void)err, (void)errcap;
    F.tool_runs++;
    return buf_puts(result, "{\"ok\":true}");
}

static int
fake_control(void *ctx, struct arena *ar, const char ***inbox, size_t *n)
{
    struct fake *f = ctx;
    f->n_control++;
    *n = 0;
    if (inbox && f->inbox_at[f->n_calls]) {
        f->n_control_inbox++;
        *inbox = arena_alloc(ar, sizeof(**inbox));
        (*inbox)[0] = f->inbox_at[f->n_calls];
        *n = 1;
    }
    return f->control_rc;
}

static const struct rt_hooks hooks = {fake_chat, fake_emit, fake_approve, fake_tool, NULL, &F,
                                      fake_control};

#define SPEC_JSON \
    "{\"spec_version\":1,\"name\":\"T\",\"slug\":\"t_proj\",\"description\":\"Test\"," \
    "\"framework\":\"crewai\",\"hyperscaler\":null,\"model\":\"gpt-5.1\",\"pattern\":\"%s\"," \
    "\"memory\":false,\"permission\":\"safe\",\"tools\":[{\"id\":\"file_writer\"}," \
    "{\"id\":\"sql_query\"}],\"agents\":[{\"id\":\"researcher\",\"role\":\"Researcher\"," \
    "\"goal\":\"Find\",\"backstory\":\"Careful\",\"model\":null,\"tools\":[\"sql_query\"]}," \
    "{\"id\":\"writer\",\"role\":\"Writer\",\"goal\":\"Write\",\"backstory\":\"Clear\"," \
    "\"model\":null,\"tools\":[\"file_writer\"]}],\"tasks\":[{\"id\":\"research_task\"," \
    "\"description\":\"Research\",\"expected_output\":\"Facts\",\"agent\":\"researcher\"," \
    "\"depends_on\":[]},{\"id\":\"writing_task\",\"description\":\"Write it\"," \
    "\"expected_output\":\"Text\",\"agent\":\"writer\",\"depends_on\":[\"research_task\"]}]}"

static struct spec S;

static void
load(const char *pattern)
{
    char text[2048];
    snprintf(text, sizeof(text), SPEC_JSON, pattern);
    struct json_object *o = json_tokener_parse(text);
    const char *why = NULL;
    ck_assert_ptr_nonnull(o);
    ck_assert_msg(spec_from_json(o, &S, &why) == 0, "spec: %s", why ? why : "?");
    json_object_put(o);
}

static void
setup(void)
{
    memset(&F, 0, sizeof(F));
    memset(&S, 0, sizeof(S));
}

static void
teardown(void)
{
    spec_free(&S);
}

static struct rt_run
run_of(enum rt_permission p)
{
    static struct tool_ctx tc;
    struct rt_run rr = {.spec = &S, .input = "the input", .permission = p, .tools = &tc,
                        .cancel = &F.cancel, .chat_agent = -1, .hooks = &hooks};
    return rr;
}

START_TEST(test_runtime_supervisor_order_and_context)
{
    load("supervisor");
    F.replies[0] = "research-output";
    F.replies[1] = "written-output";
    struct rt_run rr = run_of(RT_SAFE);
    struct rt_result res;
    ck_assert_int_eq(runtime_run(&rr, &res), 0);
    ck_assert_int_eq(F.n_calls, 2);
    ck_assert_ptr_nonnull(strstr(F.system[0], "You are Researcher"));
    ck_assert_ptr_nonnull(strstr(F.system[1], "You are Writer"));
    ck_assert_ptr_nonnull(strstr(F.last_user[0], "Task: Research"));
    ck_assert_ptr_nonnull(strstr(F.last_user[0], "the input"));
    ck_assert_ptr_nonnull(strstr(F.last_user[1], "Context from task research_task"));
    ck_assert_ptr_nonnull(strstr(F.last_user[1], "research-output"));
    ck_assert_str_eq(res.output, "written-output");
    ck_assert_int_eq(F.n_tokens, 4); /* two deltas per reply, each an event */
    runtime_result_free(&res);
}
END_TEST

START_TEST(test_runtime_react_step_limit)
{
    load("react");
    for (int i = 0; i < MAX_CALLS; i++) {
        F.replies[i] = "tool:sql_query:{\"query\":\"select 1\"}";
    }
    struct rt_run rr = run_of(RT_SAFE);
    rr.max_steps = 3;
    struct rt_result res;
    ck_assert_int_eq(runtime_run(&rr, &res), AG_EINTERNAL);
    ck_assert(res.step_limit);
    ck_assert_int_eq(F.n_calls, 3);
    ck_assert_int_eq(F.tool_runs, 3); /* read-only: allowed in Safe mode, result fed back */
    ck_assert_int_eq(F.last_role[1], LLM_TOOL);
    ck_assert_str_eq(F.last_msg[1], "{\"ok\":true}");
    ck_assert_ptr_nonnull(strstr(res.error, "step limit"));
    runtime_result_free(&res);
}
END_TEST

START_TEST(test_runtime_react_terminates_on_answer)
{
    load("react");
    F.replies[0] = "tool:sql_query:{\"query\":\"select 1\"}";
    F.replies[1] = "the answer";
    struct rt_run rr = run_of(RT_SAFE);
    struct rt_result res;
    ck_assert_int_eq(runtime_run(&rr, &res), 0);
    ck_assert_int_eq(F.n_calls, 2);
    ck_assert_str_eq(res.output, "the answer");
    ck_assert_ptr_nonnull(strstr(F.system[0], "1. Research"));
    runtime_result_free(&res);
}
END_TEST

START_TEST(test_runtime_safe_refuses_write_tool)
{
    load("supervisor");
    F.replies[0] = "facts";
    F.replies[1] = "tool:file_writer:{\"path\":\"a.txt\",\"content\":\"x\"}";
    F.replies[2] = "done anyway";
    struct rt_run rr = run_of(RT_SAFE);
    struct rt_result res;
    ck_assert_int_eq(runtime_run(&rr, &res), 0);
    ck_assert_int_eq(F.tool_runs, 0);
    ck_assert_int_eq(F.n_errors, 1);
    ck_assert_ptr_nonnull(strstr(F.errors[0], "Safe mode"));
    ck_assert_int_eq(F.last_role[2], LLM_TOOL); /* the refusal is fed back as the tool result */
    ck_assert_ptr_nonnull(strstr(F.last_msg[2], "Safe mode"));
    runtime_result_free(&res);
}
END_TEST

START_TEST(test_runtime_ask_and_dev)
{
    load("supervisor");
    F.replies[0] = "facts";
    F.replies[1] = "tool:file_writer:{\"path\":\"a.txt\",\"content\":\"x\"}";
    struct rt_run rr = run_of(RT_ASK);
    struct rt_result res;
    F.approve = 0; /* denied */
    ck_assert_int_eq(runtime_run(&rr, &res), 0);
    ck_assert_int_eq(F.n_approvals, 1);
    ck_assert_int_eq(F.tool_runs, 0);
    ck_assert_ptr_nonnull(strstr(F.last_msg[2], "denied"));
    runtime_result_free(&res);
    memset(&F, 0, sizeof(F));
    F.replies[0] = "facts";
    F.replies[1] = "tool:file_writer:{\"path\":\"a.txt\",\"content\":\"x\"}";
    F.approve = 1;
    ck_assert_int_eq(runtime_run(&rr, &res), 0);
    ck_assert_int_eq(F.tool_runs, 1);
    runtime_result_free(&res);
    memset(&F, 0, sizeof(F));
    F.replies[0] = "facts";
    F.replies[1] = "tool:file_writer:{\"path\":\"a.txt\",\"content\":\"x\"}";
    rr.permission = RT_DEV;
    ck_assert_int_eq(runtime_run(&rr, &res), 0);
    ck_assert_int_eq(F.n_approvals, 0);
    ck_assert_int_eq(F.tool_runs, 1);
    runtime_result_free(&res);
}
END_TEST

START_TEST(test_runtime_cost_accounting)
{
    load("supervisor");
    F.replies[0] = "tool:sql_query:{\"query\":\"select 1\"}";
    F.replies[1] = "facts";
    F.replies[2] = "text";
    struct rt_run rr = run_of(RT_SAFE);
    struct rt_result res;
    ck_assert_int_eq(runtime_run(&rr, &res), 0);
    double one = llm_cost_usd("gpt-5.1", 1000, 500);
    ck_assert(one > 0);
    ck_assert_int_eq(res.total.tokens_in, 3000);
    ck_assert_int_eq(res.total.tokens_out, 1500);
    ck_assert_int_eq(res.agents[0].tokens_in, 2000); /* researcher: two calls */
    ck_assert_int_eq(res.agents[1].tokens_in, 1000);
    ck_assert_double_eq_tol(res.total.cost, 3 * one, 1e-9);
    ck_assert_double_eq_tol(res.agents[0].cost + res.agents[1].cost, res.total.cost, 1e-9);
    /* every call's usage reaches the stream once, the tool-calling one too (live counters) */
    ck_assert_int_eq(F.ev_tokens_in, 3000);
    ck_assert_int_eq(F.ev_tokens_out, 1500);
    runtime_result_free(&res);
}
END_TEST

START_TEST(test_runtime_cancel)
{
    load("supervisor");
    F.cancel = 1;
    struct rt_run rr = run_of(RT_SAFE);
    struct rt_result res;
    ck_assert_int_eq(runtime_run(&rr, &res), AG_EBUSY);
    ck_assert(res.cancelled);
    ck_assert_int_eq(F.n_calls, 0);
    runtime_result_free(&res);
}
END_TEST

/* A message sent into the run lands in the next LLM request as a user message (after the tool
 * result it follows), is logged as a message from the user, and the hook runs before each LLM
 * call and each tool call. */
START_TEST(test_runtime_control_inbox)
{
    load("react");
    F.replies[0] = "tool:sql_query:{\"query\":\"select 1\"}";
    F.replies[1] = "the answer";
    F.inbox_at[1] = "focus on costs";
    struct rt_run rr = run_of(RT_SAFE);
    struct rt_result res;
    ck_assert_int_eq(runtime_run(&rr, &res), 0);
    ck_assert_int_eq(F.n_calls, 2);
    ck_assert_int_eq(F.last_role[1], LLM_USER);
    ck_assert_str_eq(F.last_msg[1], "focus on costs");
    ck_assert_int_eq(F.n_user_msgs, 1);
    ck_assert_int_eq(F.n_control, 3); /* two LLM calls, one tool call */
    ck_assert_int_eq(F.n_control_inbox, 1);
    runtime_result_free(&res);
}
END_TEST

/* Cancel while paused: the hook returns AG_EBUSY and the run ends cancelled, no LLM call. */
START_TEST(test_runtime_control_cancel)
{
    load("supervisor");
    F.control_rc = AG_EBUSY;
    struct rt_run rr = run_of(RT_SAFE);
    struct rt_result res;
    ck_assert_int_eq(runtime_run(&rr, &res), AG_EBUSY);
    ck_assert(res.cancelled);
    ck_assert_int_eq(F.n_calls, 0);
    runtime_result_free(&res);
}
END_TEST

Suite *
runtime_suite(void)
{
    Suite *s = suite_create("runtime");
    TCase *tc = tcase_create("runtime");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_runtime_supervisor_order_and_context);
    tcase_add_test(tc, test_runtime_react_step_limit);
    tcase_add_test(tc, test_runtime_react_terminates_on_answer);
    tcase_add_test(tc, test_runtime_safe_refuses_write_tool);
    tcase_add_test(tc, test_runtime_ask_and_dev);
    tcase_add_test(tc, test_runtime_cost_accounting);
    tcase_add_test(tc, test_runtime_cancel);
    tcase_add_test(tc, test_runtime_control_inbox);
    tcase_add_test(tc, test_runtime_control_cancel);
    suite_add_tcase(s, tc);
    return s;
}
