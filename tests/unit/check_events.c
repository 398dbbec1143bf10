/* SPDX-License-Identifier: MIT */
/* check_events.c - cgi/core/events: contiguous seq per stream, replay after a seq, the global
 * feed, SSE rendering, and the JSON shapes of run.event / run.done; plus runs_db stop/approvals. */
#include <check.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "../../cgi/agents/runs_db.h"
#include "../../cgi/core/events.h"

static struct db *db;

static void
setup(void)
{
    int applied = 0;
    ck_assert_int_eq(db_open(":memory:", &db), 0);
    ck_assert_int_eq(db_migrate(db, "sql", &applied), 0);
}

static void
teardown(void)
{
    db_close(db);
}

struct seen {
    long long seqs[64];
    char streams[64][16];
    int n;
};

static int
collect(void *ctx, const struct event_row *e)
{
    struct seen *s = ctx;
    s->seqs[s->n] = e->seq;
    snprintf(s->streams[s->n], sizeof(s->streams[0]), "%s", e->stream);
    s->n++;
    return 0;
}

START_TEST(test_events_contiguous_seq)
{
    long long seq = 0;
    for (int i = 1; i <= 5; i++) {
        ck_assert_int_eq(events_append(db, "run:1", EV_RUN_EVENT, "{}", &seq), 0);
        ck_assert_int_eq(seq, i);
        ck_assert_int_eq(events_append(db, "run:2", EV_RUN_EVENT, "{}", &seq), 0);
        ck_assert_int_eq(seq, i);
    }
    /* inside a caller's transaction too */
    ck_assert_int_eq(db_tx_begin(db), 0);
    ck_assert_int_eq(events_append(db, "run:1", EV_RUN_DONE, "{}", &seq), 0);
    ck_assert_int_eq(db_tx_commit(db), 0);
    ck_assert_int_eq(seq, 6);
    struct seen s = {0};
    ck_assert_int_eq(events_after(db, "run:1", 3, 0, collect, &s), 0);
    ck_assert_int_eq(s.n, 3);
    ck_assert_int_eq(s.seqs[0], 4);
    ck_assert_int_eq(s.seqs[2], 6);
    ck_assert_int_eq(events_last_seq(db, "run:2", &seq), 0);
    ck_assert_int_eq(seq, 5);
    ck_assert_int_eq(events_append(db, "", EV_RUN_EVENT, "{}", &seq), AG_EINVAL);
}
END_TEST

START_TEST(test_events_feed_global_order)
{
    long long last = -1;
    ck_assert_int_eq(events_feed_last(db, &last), 0);
    ck_assert_int_eq(last, 0);
    ck_assert_int_eq(events_append(db, "run:1", EV_RUN_EVENT, "{}", NULL), 0);
    ck_assert_int_eq(events_append(db, "run:2", EV_RUN_EVENT, "{}", NULL), 0);
    ck_assert_int_eq(events_append(db, "run:1", EV_RUN_EVENT, "{}", NULL), 0);
    struct seen s = {0};
    ck_assert_int_eq(events_feed_after(db, 1, 0, collect, &s), 0);
    ck_assert_int_eq(s.n, 2);
    ck_assert_str_eq(s.streams[0], "run:2");
    ck_assert_str_eq(s.streams[1], "run:1");
    ck_assert_int_eq(s.seqs[1], 2);
}
END_TEST

START_TEST(test_events_sse_rendering)
{
    struct buf b = BUF_INIT;
    struct event_row e = {.seq = 7, .type = "run.event", .data = "{\"a\":1}"};
    ck_assert_int_eq(events_sse(&e, &b), 0);
    ck_assert_str_eq(buf_cstr(&b), "id: 7\nevent: run.event\ndata: {\"a\":1}\n\n");
    buf_reset(&b);
    e.data = "line1\nline2";
    ck_assert_int_eq(events_sse(&e, &b), 0);
    ck_assert_str_eq(buf_cstr(&b), "id: 7\nevent: run.event\ndata: line1\ndata: line2\n\n");
    buf_free(&b);
    ck_assert(events_is_terminal("run.done"));
    ck_assert(!events_is_terminal("run.event"));
}
END_TEST

START_TEST(test_events_json_shapes)
{
    struct buf b = BUF_INIT;
    struct run_event ev = {.kind = EVK_TOOL_INVOKE, .agent = "writer", .tool = "file_writer",
                           .call_id = "c1", .args = "{\"path\":\"a\"}"};
    ck_assert_int_eq(events_run_event_json(42, &ev, &b), 0);
    struct json_object *o = json_tokener_parse(buf_cstr(&b)), *e = NULL, *v = NULL;
    ck_assert_ptr_nonnull(o);
    ck_assert_int_eq(json_object_get_int(json_object_object_get(o, "runId")), 42);
    ck_assert(json_object_object_get_ex(o, "event", &e));
    ck_assert_str_eq(json_object_get_string(json_object_object_get(e, "kind")), "tool.invoke");
    ck_assert(json_object_object_get_ex(e, "args", &v) && json_object_is_type(v, json_type_object));
    ck_assert(json_object_object_get_ex(e, "ts", &v) && json_object_get_int64(v) > 0);
    const char *keys[] = {"agent", "task", "text", "tool", "result", "tokens"};
    for (size_t i = 0; i < 6; i++) {
        ck_assert_msg(json_object_object_get_ex(e, keys[i], NULL), "missing %s", keys[i]);
    }
    json_object_put(o);
    buf_reset(&b);
    ck_assert_int_eq(events_run_done_json(42, "done", 10, 5, 0.25, 1200, NULL, &b), 0);
    o = json_tokener_parse(buf_cstr(&b));
    ck_assert(json_object_get_boolean(json_object_object_get(o, "ok")));
    ck_assert_int_eq(json_object_get_int(json_object_object_get(o, "tokens")), 15);
    ck_assert_int_eq(json_object_get_int(json_object_object_get(o, "elapsedMs")), 1200);
    ck_assert(json_object_get_double(json_object_object_get(o, "cost")) == 0.25);
    json_object_put(o);
    buf_free(&b);
}
END_TEST

static long long
make_run(void)
{
    long long pid = 0, run = 0;
    sqlite3_stmt *st = NULL;
    ck_assert_int_eq(db_prepare(db,
                                "INSERT INTO projects (name, slug, idea, framework, pattern, model,"
                                " spec_json) VALUES ('p', 'p', 'i', 'crewai', 'supervisor', 'm', '{}')"
                                " RETURNING id",
                                &st),
                     0);
    ck_assert_int_eq(db_step(st), 1);
    pid = db_col_int(st, 0);
    ck_assert_int_eq(db_step(st), 0);
    db_stmt_done(st);
    struct run_new n = {.project_id = pid, .kind = "run", .permission = "ask", .input = "x"};
    ck_assert_int_eq(runs_db_create(db, &n, &run), 0);
    return run;
}

START_TEST(test_events_stop_queued_run_at_once)
{
    long long run = make_run();
    int now = 0;
    ck_assert_int_eq(runs_db_stop(db, run, &now), 0);
    ck_assert_int_eq(now, 1);
    struct seen s = {0};
    char stream[EVENTS_STREAM_MAX];
    ck_assert_int_eq(events_stream_name("run", run, stream, sizeof(stream)), 0);
    ck_assert_int_eq(events_after(db, stream, 0, 0, collect, &s), 0);
    ck_assert_int_eq(s.n, 1); /* run.done */
    ck_assert_int_eq(runs_db_stop(db, run, &now), AG_ECONFLICT);
    ck_assert_int_eq(runs_db_stop(db, run + 100, &now), AG_ENOTFOUND);
}
END_TEST

START_TEST(test_events_approvals)
{
    long long run = make_run();
    char st[16];
    ck_assert_int_eq(approvals_db_decide(db, run, 0, "c1", 1), AG_ENOTFOUND);
    ck_assert_int_eq(approvals_db_request(db, run, "c1", "file_writer", "{}"), 0);
    ck_assert_int_eq(approvals_db_state(db, run, "c1", st, sizeof(st)), 0);
    ck_assert_str_eq(st, "pending");
    ck_assert_int_eq(approvals_db_decide(db, run, 0, "c1", 0), 0);
    ck_assert_int_eq(approvals_db_state(db, run, "c1", st, sizeof(st)), 0);
    ck_assert_str_eq(st, "denied");
    ck_assert_int_eq(approvals_db_decide(db, run, 0, "c1", 1), AG_ENOTFOUND); /* decided */
}
END_TEST

Suite *
events_suite(void)
{
    Suite *s = suite_create("events");
    TCase *tc = tcase_create("events");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_events_contiguous_seq);
    tcase_add_test(tc, test_events_feed_global_order);
    tcase_add_test(tc, test_events_sse_rendering);
    tcase_add_test(tc, test_events_json_shapes);
    tcase_add_test(tc, test_events_stop_queued_run_at_once);
    tcase_add_test(tc, test_events_approvals);
    suite_add_tcase(s, tc);
    return s;
}
