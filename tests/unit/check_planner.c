/* SPDX-License-Identifier: MIT */
/* check_planner.c - the keyword planner: whole-word matching (research is not search), roles,
 * agent counts, distinct tools, backward deps, determinism, hostile and huge ideas, and that
 * every plan passes spec_from_json. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../cgi/core/buf.h"
#include "../../cgi/engine/planner.h"

static const char *corpus[] = {
    "Research team that finds papers and writes summaries",
    "Search the web for papers on RAG. Read each PDF document. Write a summary and save file to "
    "disk! Review the summary for quality?",
    "A research crew that monitors arXiv for new agent-orchestration papers, summarizes the top "
    "5 daily, and emails a digest to the team.",
    "Hi",
    "Create a single agent that says hello",
    "Create a multi-agent system with 3 agents",
    "Classify customer support tickets, draft replies from our knowledge base, escalate urgent "
    "ones via the Jira API, and log metrics to the Postgres database. Then review weekly trends "
    "and plan improvements. Finally write a report and export it as CSV.",
    "Write a \"great\" summary of C:\\path\\file.txt with \"\"\" and {{ braces }} and <?cs var:x "
    "?>",
    "\xc3\x89"
    "crire un r\xc3\xa9sum\xc3\xa9 des nouvelles; puis l'envoyer. "
    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x80\x82\xe6\xac\xa1\xe3\x80\x82 \xf0\x9f\x9a\x80",
    "Plan a trip, research hotels, compare prices, write an itinerary, review it, code a "
    "booking script, and answer customer questions about it.",
    "e.g. analyse v1.2 of the API at example.com; then debug it",
    "!!!",
    "1. Search the web for news\n2. Summarize it\n3. Post to Slack",
};

static void
plan_ok(const char *idea, const struct plan_choices *c, struct spec *s)
{
    struct buf w = BUF_INIT;
    int rc = planner_plan(idea, c, s, &w);
    ck_assert_msg(rc == 0, "plan failed (%d) for: %s", rc, idea);
    buf_free(&w);
}

static char *
plan_text(const char *idea, const struct plan_choices *c)
{
    struct spec s;
    struct json_object *o = NULL;
    plan_ok(idea, c, &s);
    ck_assert_int_eq(spec_to_json(&s, &o), 0);
    char *text = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
    json_object_put(o);
    spec_free(&s);
    return text;
}

static int
has_tool(const struct spec *s, const char *id)
{
    for (int i = 0; i < s->n_tools; i++) {
        if (strcmp(s->tools[i].id, id) == 0) {
            return 1;
        }
    }
    return 0;
}

static int
agent_index(const struct spec *s, const char *id)
{
    for (int i = 0; i < s->n_agents; i++) {
        if (strcmp(s->agents[i].id, id) == 0) {
            return i;
        }
    }
    return -1;
}

/* Invariants every plan must hold, checked on the whole corpus. */
START_TEST(test_planner_invariants)
{
    for (size_t k = 0; k < AG_NELEM(corpus); k++) {
        struct spec s;
        plan_ok(corpus[k], NULL, &s);
        ck_assert(s.n_agents >= 1 && s.n_agents <= SPEC_MAX_AGENTS);
        ck_assert(s.n_tasks >= 1 && s.n_tasks <= SPEC_MAX_TASKS);
        ck_assert(spec_slug_ok(s.slug));
        int owner[SPEC_MAX_TOOLS] = {0};
        for (int a = 0; a < s.n_agents; a++) {
            ck_assert(spec_id_ok(s.agents[a].id));
            for (int t = 0; t < s.agents[a].n_tools; t++) {
                owner[s.agents[a].tools[t]]++;
            }
        }
        for (int t = 0; t < s.n_tools; t++) {
            ck_assert_int_eq(owner[t], 1); /* each tool belongs to exactly one agent */
        }
        for (int i = 0; i < s.n_tasks; i++) {
            ck_assert(spec_id_ok(s.tasks[i].id));
            ck_assert(spec_utf8_ok(s.tasks[i].description, strlen(s.tasks[i].description)));
            for (int d = 0; d < s.tasks[i].n_deps; d++) {
                ck_assert_int_lt(s.tasks[i].deps[d], i);
            }
        }
        /* the plan passes the same validation as API input, and round-trips */
        struct json_object *o = NULL, *o2 = NULL;
        struct spec back;
        const char *why = NULL;
        ck_assert_int_eq(spec_to_json(&s, &o), 0);
        ck_assert_msg(spec_from_json(o, &back, &why) == 0, "idea %zu: %s", k, why);
        ck_assert_int_eq(spec_to_json(&back, &o2), 0);
        ck_assert_str_eq(json_object_to_json_string(o), json_object_to_json_string(o2));
        json_object_put(o);
        json_object_put(o2);
        spec_free(&back);
        spec_free(&s);
    }
}
END_TEST

START_TEST(test_planner_deterministic)
{
    for (size_t k = 0; k < AG_NELEM(corpus); k++) {
        char *a = plan_text(corpus[k], NULL);
        char *b = plan_text(corpus[k], NULL);
        ck_assert_str_eq(a, b);
        free(a);
        free(b);
    }
}
END_TEST

START_TEST(test_planner_research_is_not_search)
{
    struct spec s;
    plan_ok("Research the history of jazz and write an essay about it", NULL, &s);
    ck_assert(!has_tool(&s, "web_search"));
    ck_assert_int_eq(s.n_agents, 2);
    ck_assert_str_eq(s.agents[0].id, "researcher");
    ck_assert_str_eq(s.agents[1].id, "writer");
    ck_assert_int_eq(s.n_tasks, 2);
    ck_assert_int_eq(s.tasks[1].deps[0], 0);
    spec_free(&s);
    plan_ok("Search the web for jazz history", NULL, &s);
    ck_assert(has_tool(&s, "web_search"));
    spec_free(&s);
    /* other substring traps of the reference: explain/plan, rapid/api, storage/rag, workflow */
    plan_ok("Explain rapid storage pricing in an interesting workflow", NULL, &s);
    ck_assert_int_eq(s.n_tools, 0);
    ck_assert_int_lt(agent_index(&s, "planner"), 0);
    spec_free(&s);
}
END_TEST

START_TEST(test_planner_tools_by_intent)
{
    struct spec s;
    plan_ok("Search the web for papers on RAG. Read each PDF document. Write a summary and "
            "save file to disk! Review the summary for quality?",
            NULL, &s);
    ck_assert(has_tool(&s, "web_search") && has_tool(&s, "pdf_reader"));
    ck_assert(has_tool(&s, "file_writer") && has_tool(&s, "vector_search"));
    int w = agent_index(&s, "writer");
    ck_assert_int_ge(w, 0);
    ck_assert_int_eq(s.agents[w].n_tools, 1);
    ck_assert_str_eq(s.tools[s.agents[w].tools[0]].id, "file_writer");
    ck_assert_int_ge(agent_index(&s, "reviewer"), 0);
    spec_free(&s);
    plan_ok("Answer questions with semantic search over our docs and query the SQL database", NULL,
            &s);
    ck_assert(!has_tool(&s, "web_search"));
    ck_assert(has_tool(&s, "vector_search") && has_tool(&s, "sql_query"));
    spec_free(&s);
}
END_TEST

START_TEST(test_planner_explicit_tools)
{
    struct plan_choices c = {.framework = "langgraph", .tools = {"sql", "http_client", NULL}};
    struct spec s;
    plan_ok("Research competitors and write a brief", &c, &s);
    ck_assert_int_eq(s.n_tools, 2);
    ck_assert_str_eq(s.tools[0].id, "sql_query");
    ck_assert_str_eq(s.tools[1].id, "http_client");
    ck_assert_str_eq(s.framework, "langgraph");
    spec_free(&s);
    struct plan_choices bad = {.tools = {"shell_exec", NULL}};
    ck_assert_int_eq(planner_plan("Do it", &bad, &s, NULL), AG_EINVAL);
}
END_TEST

START_TEST(test_planner_agent_counts)
{
    struct spec s;
    plan_ok("Create a single agent that researches and writes", NULL, &s);
    ck_assert_int_eq(s.n_agents, 1);
    spec_free(&s);
    plan_ok("Create a multi-agent system with 3 agents", NULL, &s);
    ck_assert_int_eq(s.n_agents, 3);
    spec_free(&s);
    plan_ok("A crew of five agents that writes blog posts", NULL, &s);
    ck_assert_int_eq(s.n_agents, 5);
    spec_free(&s);
    /* seven roles named: capped at six */
    plan_ok("Plan the launch. Research the market. Analyse the data. Write the copy. Code the "
            "site. Review everything. Answer customer questions.",
            NULL, &s);
    ck_assert_int_eq(s.n_agents, SPEC_MAX_AGENTS);
    ck_assert_int_eq(s.n_tasks, 7);
    spec_free(&s);
    plan_ok("Hi", NULL, &s);
    ck_assert_int_eq(s.n_agents, 1);
    ck_assert_str_eq(s.agents[0].id, "assistant");
    spec_free(&s);
}
END_TEST

START_TEST(test_planner_choices)
{
    struct spec s;
    struct buf w = BUF_INIT;
    struct plan_choices c = {.framework = "strands",
                             .hyperscaler = "aws",
                             .pattern = "react",
                             .permission = "dev",
                             .memory = 1,
                             .name = "My \"Team\""};
    ck_assert_int_eq(planner_plan("Research and write", &c, &s, &w), 0);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&w), "unsupported")); /* warned, not refused */
    ck_assert_int_eq(s.pattern, SPEC_REACT);
    ck_assert_str_eq(s.model, "claude-opus-4");
    ck_assert_str_eq(s.name, "My \"Team\"");
    ck_assert_str_eq(s.slug, "team"); /* "my" is a filler word */
    ck_assert_str_eq(s.permission, "dev");
    ck_assert_int_eq(s.memory, 1);
    spec_free(&s);
    buf_free(&w);
    plan_ok("Research", &(struct plan_choices){.framework = "react"}, &s);
    ck_assert_int_eq(s.pattern, SPEC_REACT); /* framework default */
    spec_free(&s);
    const struct plan_choices bad[] = {{.framework = "django"}, {.hyperscaler = "mars"},
                                       {.pattern = "swarm"},    {.model = "gpt-2"},
                                       {.permission = "root"},  {.name = "bad \xff"}};
    for (size_t i = 0; i < AG_NELEM(bad); i++) {
        ck_assert_int_eq(planner_plan("Research", &bad[i], &s, NULL), AG_EINVAL);
        ck_assert_ptr_null(s.name);
    }
}
END_TEST

START_TEST(test_planner_rejects_ideas)
{
    struct spec s;
    ck_assert_int_eq(planner_plan("", NULL, &s, NULL), AG_EINVAL);
    ck_assert_int_eq(planner_plan(" \t\n ", NULL, &s, NULL), AG_EINVAL);
    ck_assert_int_eq(planner_plan(NULL, NULL, &s, NULL), AG_EINVAL);
    ck_assert_int_eq(planner_plan("bad \xc3\x28 utf8", NULL, &s, NULL), AG_EINVAL);
    char *big = malloc(SPEC_IDEA_MAX + 2);
    memset(big, 'a', SPEC_IDEA_MAX + 1);
    big[SPEC_IDEA_MAX + 1] = '\0';
    ck_assert_int_eq(planner_plan(big, NULL, &s, NULL), AG_EINVAL);
    free(big);
}
END_TEST

/* A 10 kB idea of multi-byte text: texts are cut on character boundaries, tasks capped. */
START_TEST(test_planner_huge_idea)
{
    char *idea = malloc(SPEC_IDEA_MAX + 1);
    size_t n = 0;
    const char *unit = "Research \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x9a\x80 \"q\" \\ {{x}}, ";
    while (n + strlen(unit) + 2 < SPEC_IDEA_MAX) {
        memcpy(idea + n, unit, strlen(unit));
        n += strlen(unit);
        if (n % 7 == 0) {
            idea[n++] = '.';
            idea[n++] = ' ';
        }
    }
    idea[n] = '\0';
    struct spec s;
    plan_ok(idea, NULL, &s);
    ck_assert_int_le(s.n_tasks, SPEC_MAX_TASKS);
    for (int i = 0; i < s.n_tasks; i++) {
        size_t len = strlen(s.tasks[i].description);
        ck_assert_uint_le(len, SPEC_TEXT_MAX);
        ck_assert(spec_utf8_ok(s.tasks[i].description, len));
    }
    ck_assert(spec_utf8_ok(s.name, strlen(s.name)));
    ck_assert_str_eq(s.description, idea);
    spec_free(&s);
    /* the same with no separators at all: one giant word */
    memset(idea, 'x', SPEC_IDEA_MAX);
    idea[SPEC_IDEA_MAX] = '\0';
    plan_ok(idea, NULL, &s);
    ck_assert_uint_le(strlen(s.tasks[0].description), SPEC_TEXT_MAX);
    ck_assert_str_eq(s.slug, "agent_project");
    spec_free(&s);
    free(idea);
}
END_TEST

START_TEST(test_planner_hostile_text_kept)
{
    struct spec s;
    const char *idea =
        "Write a \"great\" summary of C:\\path with \"\"\" and {{ x }} <?cs var:y ?>";
    plan_ok(idea, NULL, &s);
    ck_assert_ptr_nonnull(strstr(s.tasks[0].description, "\"\"\""));
    ck_assert_ptr_nonnull(strstr(s.tasks[0].description, "{{ x }}"));
    ck_assert_ptr_nonnull(strstr(s.tasks[0].description, "<?cs"));
    ck_assert_ptr_nonnull(strstr(s.tasks[0].description, "C:\\path"));
    ck_assert_str_eq(s.description, idea);
    spec_free(&s);
}
END_TEST

START_TEST(test_planner_slugs)
{
    static const struct {
        const char *idea, *slug;
    } cases[] = {
        {"Class", "class_project"},
        {"Test", "test_project"},
        {"CrewAI", "crewai_project"},
        {"42 ways to research", "ways_research"},
        {"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "agent_project"},
        {"Build a research team that finds papers", "research_team_finds_papers"},
    };
    for (size_t i = 0; i < AG_NELEM(cases); i++) {
        struct spec s;
        plan_ok(cases[i].idea, NULL, &s);
        ck_assert_str_eq(s.slug, cases[i].slug);
        spec_free(&s);
    }
}
END_TEST

START_TEST(test_planner_sentences)
{
    struct spec s;
    plan_ok("e.g. analyse v1.2 of the API at example.com; then debug it", NULL, &s);
    ck_assert_int_eq(s.n_tasks, 2);
    ck_assert_ptr_nonnull(strstr(s.tasks[0].description, "v1.2 of the API at example.com"));
    ck_assert_str_eq(s.tasks[1].description, "Debug it");
    spec_free(&s);
    plan_ok("1. Search the web for news\n2. Summarize it\n3. Post to Slack", NULL, &s);
    ck_assert_int_eq(s.n_tasks, 3);
    ck_assert_str_eq(s.tasks[0].description, "Search the web for news");
    ck_assert(has_tool(&s, "http_client")); /* Slack */
    spec_free(&s);
}
END_TEST

Suite *
planner_suite(void)
{
    Suite *s = suite_create("planner");
    TCase *tc = tcase_create("planner");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_planner_invariants);
    tcase_add_test(tc, test_planner_deterministic);
    tcase_add_test(tc, test_planner_research_is_not_search);
    tcase_add_test(tc, test_planner_tools_by_intent);
    tcase_add_test(tc, test_planner_explicit_tools);
    tcase_add_test(tc, test_planner_agent_counts);
    tcase_add_test(tc, test_planner_choices);
    tcase_add_test(tc, test_planner_rejects_ideas);
    tcase_add_test(tc, test_planner_huge_idea);
    tcase_add_test(tc, test_planner_hostile_text_kept);
    tcase_add_test(tc, test_planner_slugs);
    tcase_add_test(tc, test_planner_sentences);
    suite_add_tcase(s, tc);
    return s;
}
