/* SPDX-License-Identifier: MIT */
/* check_spec_edit.c - agent edits on a planned spec: rename and re-role, remove (tasks and tools
 * go to the first agent), add (one closing task), the limits and bad names (nothing changes),
 * and that every edited spec still passes spec_from_json and the planner hook applies edits. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../cgi/core/buf.h"
#include "../../cgi/engine/planner.h"
#include "../../cgi/engine/spec_edit.h"

#define IDEA                                                                                       \
    "Search the web for papers on RAG, write a summary and review the summary for quality"

static void
plan(struct spec *s)
{
    struct plan_choices c = {0};
    c.tools[0] = "web_search";
    c.tools[1] = "file_writer";
    ck_assert_int_eq(planner_plan(IDEA, &c, s, NULL), 0);
    ck_assert_int_ge(s->n_agents, 3);
}

/* the spec is still one spec_from_json accepts */
static void
assert_valid(const struct spec *s)
{
    struct json_object *o = NULL;
    struct spec back = {0};
    const char *why = NULL;
    ck_assert_int_eq(spec_to_json(s, &o), 0);
    ck_assert_msg(spec_from_json(o, &back, &why) == 0, "invalid after edit: %s", why);
    spec_free(&back);
    json_object_put(o);
}

START_TEST(test_spec_edit_rename_remove_add)
{
    struct spec s;
    plan(&s);
    int n_tasks = s.n_tasks, n_tools = s.n_tools, tools_of_last = s.agents[s.n_agents - 1].n_tools;
    char *goal0 = strdup(s.agents[0].goal);
    /* keep 0 (renamed), drop the last, keep the middle ones, add one */
    struct spec_agent_edit e[SPEC_MAX_AGENTS];
    int n = 0, last = s.n_agents - 1;
    e[n++] = (struct spec_agent_edit){0, "scout", "Chief <scout> \"1\""};
    for (int a = 1; a < last; a++) {
        e[n++] = (struct spec_agent_edit){a, s.agents[a].id, s.agents[a].role};
    }
    e[n++] = (struct spec_agent_edit){SPEC_EDIT_NEW, "fact_checker", "Fact checker"};
    int tools0 = s.agents[0].n_tools;
    const char *why = NULL;
    ck_assert_int_eq(spec_edit_agents(&s, e, n, &why), 0);
    ck_assert_ptr_null(why);
    ck_assert_int_eq(s.n_agents, n);
    ck_assert_str_eq(s.agents[0].id, "scout");
    ck_assert_str_eq(s.agents[0].role, "Chief <scout> \"1\"");
    ck_assert_str_eq(s.agents[0].goal, goal0); /* what it does is kept */
    ck_assert_int_eq(s.agents[0].n_tools, tools0 + tools_of_last);
    ck_assert_int_eq(s.n_tools, n_tools);
    ck_assert_str_eq(s.agents[n - 1].id, "fact_checker");
    ck_assert_int_eq(s.agents[n - 1].n_tools, 0);
    /* the removed agent's task went to the first agent; the new one has the last task */
    ck_assert_int_eq(s.n_tasks, n_tasks + 1);
    for (int k = 0; k < s.n_tasks; k++) {
        ck_assert_int_lt(s.tasks[k].agent, s.n_agents);
    }
    ck_assert_int_eq(s.tasks[n_tasks - 1].agent, 0);
    ck_assert_str_eq(s.tasks[n_tasks].id, "fact_checker_task");
    ck_assert_int_eq(s.tasks[n_tasks].agent, n - 1);
    ck_assert_int_eq(s.tasks[n_tasks].n_deps, 1);
    ck_assert_int_eq(s.tasks[n_tasks].deps[0], n_tasks - 1);
    assert_valid(&s);
    free(goal0);
    spec_free(&s);
}
END_TEST

START_TEST(test_spec_edit_reorder_and_single)
{
    struct spec s;
    plan(&s);
    char *last_id = strdup(s.agents[s.n_agents - 1].id);
    struct spec_agent_edit one = {s.n_agents - 1, last_id, "Does everything"};
    const char *why = NULL;
    ck_assert_int_eq(spec_edit_agents(&s, &one, 1, &why), 0);
    ck_assert_int_eq(s.n_agents, 1);
    for (int k = 0; k < s.n_tasks; k++) {
        ck_assert_int_eq(s.tasks[k].agent, 0);
    }
    ck_assert_int_eq(s.agents[0].n_tools, s.n_tools); /* every tool still has its agent */
    assert_valid(&s);
    free(last_id);
    spec_free(&s);
}
END_TEST

START_TEST(test_spec_edit_rejects)
{
    static const struct {
        struct spec_agent_edit e[2];
        int n;
        const char *why;
    } bad[] = {
        {{{0, "a", "A"}}, 0, "Keep at least one agent."},
        {{{0, "", "A"}}, 1, "Every agent needs a name."},
        {{{0, NULL, "A"}}, 1, "Every agent needs a name."},
        {{{0, "<script>", "A"}}, 1, "Agent names are lower-case"},
        {{{0, "class", "A"}}, 1, "Agent names are lower-case"},
        {{{0, "crew", "A"}}, 1, "Agent names are lower-case"},
        {{{0, "Upper", "A"}}, 1, "Agent names are lower-case"},
        {{{0, "a", " \t"}}, 1, "Every agent needs a role"},
        {{{0, "a", "\xff\xfe"}}, 1, "Every agent needs a role"},
        {{{0, "a", "A"}, {0, "b", "B"}}, 2, "The plan changed"},
        {{{9, "a", "A"}}, 1, "The plan changed"},
        {{{-2, "a", "A"}}, 1, "The plan changed"},
        {{{0, "a", "A"}, {1, "a", "B"}}, 2, "Two agents have the same name."},
        {{{0, "research_task", "A"}}, 1, "already the name of a task"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct spec s;
        plan(&s);
        struct json_object *before = NULL;
        ck_assert_int_eq(spec_to_json(&s, &before), 0);
        const char *why = NULL;
        ck_assert_int_eq(spec_edit_agents(&s, bad[i].e, bad[i].n, &why), AG_EINVAL);
        ck_assert_msg(why && strstr(why, bad[i].why), "case %zu: %s", i, why ? why : "(null)");
        struct json_object *after = NULL;
        ck_assert_int_eq(spec_to_json(&s, &after), 0);
        ck_assert_msg(json_object_equal(before, after), "case %zu changed the spec", i);
        json_object_put(before);
        json_object_put(after);
        spec_free(&s);
    }
    /* 7 agents, and a name of 10 kB */
    struct spec s;
    plan(&s);
    struct spec_agent_edit seven[SPEC_MAX_AGENTS + 1];
    const char *ids[] = {"a", "b", "c", "d", "e", "f", "g"};
    for (int i = 0; i <= SPEC_MAX_AGENTS; i++) {
        seven[i] = (struct spec_agent_edit){SPEC_EDIT_NEW, ids[i], "R"};
    }
    const char *why = NULL;
    ck_assert_int_eq(spec_edit_agents(&s, seven, SPEC_MAX_AGENTS + 1, &why), AG_EINVAL);
    ck_assert_str_eq(why, "At most 6 agents.");
    char *big = malloc(10241);
    memset(big, 'x', 10240);
    big[10240] = '\0';
    struct spec_agent_edit huge = {0, big, "R"};
    ck_assert_int_eq(spec_edit_agents(&s, &huge, 1, &why), AG_EINVAL);
    huge = (struct spec_agent_edit){0, "a", big};
    ck_assert_int_eq(spec_edit_agents(&s, &huge, 1, &why), AG_EINVAL);
    ck_assert_str_eq(s.agents[0].id, "researcher");
    free(big);
    spec_free(&s);
}
END_TEST

START_TEST(test_spec_edit_task_ids_unique)
{
    struct spec s;
    plan(&s);
    /* a new agent whose natural task id is taken gets a numbered one */
    char *first = strdup(s.agents[0].id);
    struct spec_agent_edit e[2] = {{0, first, "R"}, {SPEC_EDIT_NEW, "research", "X"}};
    const char *why = NULL;
    ck_assert_int_eq(spec_edit_agents(&s, e, 2, &why), 0);
    ck_assert_str_eq(s.tasks[s.n_tasks - 1].id, "research_task_2");
    assert_valid(&s);
    free(first);
    spec_free(&s);
}
END_TEST

START_TEST(test_spec_edit_through_planner)
{
    struct plan_choices c = {0};
    struct spec_agent_edit e[] = {{0, "lead", "Lead"}, {SPEC_EDIT_NEW, "qa", "QA"}};
    c.agents = e;
    c.n_agents = 2;
    struct spec s;
    ck_assert_int_eq(planner_plan(IDEA, &c, &s, NULL), 0);
    ck_assert_int_eq(s.n_agents, 2);
    ck_assert_str_eq(s.agents[0].id, "lead");
    ck_assert_str_eq(s.agents[1].id, "qa");
    assert_valid(&s);
    spec_free(&s);
    /* a bad edit fails the plan with the reason in the warnings */
    struct buf w = BUF_INIT;
    e[1].id = "lead";
    ck_assert_int_eq(planner_plan(IDEA, &c, &s, &w), AG_EINVAL);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&w), "agents: Two agents have the same name."));
    ck_assert_int_eq(s.n_agents, 0);
    buf_free(&w);
}
END_TEST

Suite *spec_edit_suite(void);

Suite *
spec_edit_suite(void)
{
    Suite *s = suite_create("spec_edit");
    TCase *tc = tcase_create("edit");
    tcase_add_test(tc, test_spec_edit_rename_remove_add);
    tcase_add_test(tc, test_spec_edit_reorder_and_single);
    tcase_add_test(tc, test_spec_edit_rejects);
    tcase_add_test(tc, test_spec_edit_task_ids_unique);
    tcase_add_test(tc, test_spec_edit_through_planner);
    suite_add_tcase(s, tc);
    return s;
}
