/* SPDX-License-Identifier: MIT */
/* check_spec.c - spec JSON: round trip, and spec_from_json rejecting bad input (types, unknown
 * keys and refs, bad ids, cycles and forward deps, limits, lengths, invalid UTF-8). */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "../../cgi/core/jsn.h"
#include "../../cgi/engine/spec.h"

static const char *good =
    "{\"spec_version\":1,\"name\":\"Demo \\\"q\\\" \\\\ {{x}} <?cs ?> \xf0\x9f\x9a\x80\","
    "\"slug\":\"demo_project\",\"description\":\"An idea with \\\"\\\"\\\" and \\u00e9\","
    "\"framework\":\"crewai\",\"hyperscaler\":\"azure\",\"model\":\"gpt-5.1\","
    "\"pattern\":\"supervisor\",\"memory\":true,\"permission\":\"ask\","
    "\"tools\":[{\"id\":\"web_search\"},{\"id\":\"file_writer\"}],"
    "\"agents\":[{\"id\":\"researcher\",\"role\":\"Researcher\",\"goal\":\"Find\","
    "\"backstory\":\"\",\"model\":null,\"tools\":[\"web_search\"]},"
    "{\"id\":\"writer\",\"role\":\"Writer\",\"goal\":\"Write\",\"backstory\":\"b\","
    "\"model\":\"gpt-4o\",\"tools\":[\"file_writer\"]}],"
    "\"tasks\":[{\"id\":\"research_task\",\"description\":\"d1\",\"expected_output\":\"e1\","
    "\"agent\":\"researcher\",\"depends_on\":[]},"
    "{\"id\":\"write_task\",\"description\":\"d2\",\"expected_output\":\"e2\","
    "\"agent\":\"writer\",\"depends_on\":[\"research_task\"]},"
    "{\"id\":\"final_task\",\"description\":\"d3\",\"expected_output\":\"e3\","
    "\"agent\":\"writer\",\"depends_on\":[\"research_task\",\"write_task\"]}]}";

static struct json_object *
parse(const char *s)
{
    struct json_object *o = NULL;
    ck_assert_int_eq(jsn_parse(s, strlen(s), &o), 0);
    return o;
}

/* load parses `good`, applies a JSON-pointer-ish edit through fn, and runs spec_from_json. */
static int
load_edited(void (*fn)(struct json_object *root), const char **why)
{
    struct json_object *o = parse(good);
    if (fn) {
        fn(o);
    }
    struct spec s;
    int rc = spec_from_json(o, &s, why);
    if (rc == 0) {
        spec_free(&s);
    } else {
        ck_assert_int_eq(s.n_agents, 0); /* left empty */
        ck_assert_ptr_null(s.name);
    }
    json_object_put(o);
    return rc;
}

static struct json_object *
member(struct json_object *o, const char *key)
{
    struct json_object *v = NULL;
    ck_assert(json_object_object_get_ex(o, key, &v));
    return v;
}

static struct json_object *
task(struct json_object *root, int i)
{
    return json_object_array_get_idx(member(root, "tasks"), (size_t)i);
}

static struct json_object *
agent(struct json_object *root, int i)
{
    return json_object_array_get_idx(member(root, "agents"), (size_t)i);
}

START_TEST(test_spec_round_trip)
{
    struct json_object *o = parse(good), *o2 = NULL;
    struct spec s, s2;
    const char *why = "x";
    ck_assert_int_eq(spec_from_json(o, &s, &why), 0);
    ck_assert_ptr_null(why);
    ck_assert_int_eq(s.n_agents, 2);
    ck_assert_int_eq(s.n_tasks, 3);
    ck_assert_int_eq(s.tasks[2].n_deps, 2);
    ck_assert_int_eq(s.tasks[2].agent, 1);
    ck_assert_int_eq(s.agents[1].tools[0], 1);
    ck_assert_int_eq(s.memory, 1);
    ck_assert_str_eq(s.permission, "ask");
    ck_assert_ptr_nonnull(strstr(s.name, "{{x}}"));
    ck_assert_int_eq(spec_to_json(&s, &o2), 0);
    /* parse(good) has the canonical key order, so the text must match byte for byte */
    ck_assert_str_eq(json_object_to_json_string_ext(o2, JSON_C_TO_STRING_PLAIN),
                     json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
    ck_assert_int_eq(spec_from_json(o2, &s2, &why), 0);
    ck_assert_str_eq(s2.description, s.description);
    spec_free(&s);
    spec_free(&s2);
    ck_assert_ptr_null(s.name);
    spec_free(&s); /* twice is harmless */
    json_object_put(o);
    json_object_put(o2);
}
END_TEST

START_TEST(test_spec_aliases_and_defaults)
{
    struct json_object *o = parse(good);
    json_object_object_add(o, "framework", json_object_new_string("wxo"));
    json_object_object_del(o, "pattern");
    json_object_object_del(o, "permission");
    json_object_object_del(o, "memory");
    json_object_object_del(o, "hyperscaler");
    json_object_object_del(o, "spec_version");
    struct spec s;
    const char *why = NULL;
    ck_assert_int_eq(spec_from_json(o, &s, &why), 0);
    ck_assert_str_eq(s.framework, "watsonx_orchestrate");
    ck_assert_int_eq(s.pattern, SPEC_SUPERVISOR);
    ck_assert_str_eq(s.permission, "safe");
    ck_assert_ptr_null(s.hyperscaler);
    spec_free(&s);
    json_object_put(o);
}
END_TEST

static void
e_unknown_agent(struct json_object *r)
{
    json_object_object_add(task(r, 1), "agent", json_object_new_string("ghost"));
}
static void
e_cycle(struct json_object *r)
{
    struct json_object *d = json_object_new_array();
    json_object_array_add(d, json_object_new_string("final_task"));
    json_object_object_add(task(r, 0), "depends_on", d);
}
static void
e_self(struct json_object *r)
{
    struct json_object *d = json_object_new_array();
    json_object_array_add(d, json_object_new_string("write_task"));
    json_object_object_add(task(r, 1), "depends_on", d);
}
static void
e_forward(struct json_object *r)
{
    /* acyclic but pointing forward: task 0 -> task 2 while task 2 no longer needs task 0 */
    struct json_object *d = json_object_new_array();
    json_object_array_add(d, json_object_new_string("final_task"));
    json_object_object_add(task(r, 0), "depends_on", d);
    json_object_object_add(task(r, 2), "depends_on", json_object_new_array());
    json_object_object_add(task(r, 1), "depends_on", json_object_new_array());
}
static void
e_unknown_dep(struct json_object *r)
{
    struct json_object *d = json_object_new_array();
    json_object_array_add(d, json_object_new_string("nope"));
    json_object_object_add(task(r, 1), "depends_on", d);
}
static void
e_dup_dep(struct json_object *r)
{
    struct json_object *d = json_object_new_array();
    json_object_array_add(d, json_object_new_string("research_task"));
    json_object_array_add(d, json_object_new_string("research_task"));
    json_object_object_add(task(r, 1), "depends_on", d);
}
static void
e_bad_id(struct json_object *r)
{
    json_object_object_add(agent(r, 0), "id", json_object_new_string("Researcher-1"));
}
static void
e_keyword_id(struct json_object *r)
{
    json_object_object_add(task(r, 0), "id", json_object_new_string("class"));
}
static void
e_reserved_id(struct json_object *r)
{
    json_object_object_add(task(r, 0), "id", json_object_new_string("main"));
}
static void
e_dup_id(struct json_object *r)
{
    json_object_object_add(task(r, 2), "id", json_object_new_string("writer"));
}
static void
e_keyword_slug(struct json_object *r)
{
    json_object_object_add(r, "slug", json_object_new_string("import"));
}
static void
e_module_slug(struct json_object *r)
{
    json_object_object_add(r, "slug", json_object_new_string("crewai"));
}
static void
e_digit_slug(struct json_object *r)
{
    json_object_object_add(r, "slug", json_object_new_string("9lives"));
}
static void
e_unknown_tool(struct json_object *r)
{
    struct json_object *t = json_object_new_array();
    json_object_array_add(t, json_object_new_string("shell_exec"));
    json_object_object_add(agent(r, 0), "tools", t);
}
static void
e_tool_not_in_spec(struct json_object *r)
{
    struct json_object *t = json_object_new_array();
    json_object_array_add(t, json_object_new_string("sql_query"));
    json_object_object_add(agent(r, 0), "tools", t);
}
static void
e_catalogue_tool(struct json_object *r)
{
    struct json_object *t = json_object_new_object();
    json_object_object_add(t, "id", json_object_new_string("search")); /* wizard id, not ours */
    json_object_array_add(member(r, "tools"), t);
}
static void
e_too_many_agents(struct json_object *r)
{
    struct json_object *a = member(r, "agents");
    for (int i = 0; i < 6; i++) {
        char id[32];
        snprintf(id, sizeof id, "extra_%d", i);
        struct json_object *x = json_object_new_object();
        json_object_object_add(x, "id", json_object_new_string(id));
        json_object_object_add(x, "role", json_object_new_string("r"));
        json_object_object_add(x, "goal", json_object_new_string("g"));
        json_object_array_add(a, x);
    }
}
static void
e_no_tasks(struct json_object *r)
{
    json_object_object_add(r, "tasks", json_object_new_array());
}
static void
e_long_role(struct json_object *r)
{
    char big[SPEC_NAME_MAX + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    json_object_object_add(agent(r, 0), "role", json_object_new_string(big));
}
static void
e_bad_utf8(struct json_object *r)
{
    json_object_object_add(task(r, 0), "description", json_object_new_string("bad \xc3\x28"));
}
static void
e_nul(struct json_object *r)
{
    json_object_object_add(task(r, 0), "description", json_object_new_string_len("a\0b", 3));
}
static void
e_wrong_type_memory(struct json_object *r)
{
    json_object_object_add(r, "memory", json_object_new_string("yes"));
}
static void
e_wrong_type_agents(struct json_object *r)
{
    json_object_object_add(r, "agents", json_object_new_object());
}
static void
e_wrong_type_dep(struct json_object *r)
{
    struct json_object *d = json_object_new_array();
    json_object_array_add(d, json_object_new_int(0));
    json_object_object_add(task(r, 1), "depends_on", d);
}
static void
e_unknown_key(struct json_object *r)
{
    json_object_object_add(task(r, 0), "depends", json_object_new_array());
}
static void
e_unknown_framework(struct json_object *r)
{
    json_object_object_add(r, "framework", json_object_new_string("django"));
}
static void
e_unknown_model(struct json_object *r)
{
    json_object_object_add(agent(r, 1), "model", json_object_new_string("gpt-2"));
}
static void
e_bad_pattern(struct json_object *r)
{
    json_object_object_add(r, "pattern", json_object_new_string("swarm"));
}
static void
e_bad_permission(struct json_object *r)
{
    json_object_object_add(r, "permission", json_object_new_string("root"));
}
static void
e_bad_version(struct json_object *r)
{
    json_object_object_add(r, "spec_version", json_object_new_int(2));
}
static void
e_empty_goal(struct json_object *r)
{
    json_object_object_add(agent(r, 0), "goal", json_object_new_string(""));
}

START_TEST(test_spec_rejects)
{
    static const struct {
        void (*fn)(struct json_object *);
        const char *why; /* substring of the reason */
    } cases[] = {
        {e_unknown_agent, "agent"},
        {e_cycle, "cycle"},
        {e_self, "depends_on"},
        {e_forward, "earlier"},
        {e_unknown_dep, "depends_on"},
        {e_dup_dep, "depends_on"},
        {e_bad_id, "id"},
        {e_keyword_id, "id"},
        {e_reserved_id, "id"},
        {e_dup_id, "differ"},
        {e_keyword_slug, "slug"},
        {e_module_slug, "slug"},
        {e_digit_slug, "slug"},
        {e_unknown_tool, "tools"},
        {e_tool_not_in_spec, "tools"},
        {e_catalogue_tool, "tools"},
        {e_too_many_agents, "agents"},
        {e_no_tasks, "tasks"},
        {e_long_role, "role"},
        {e_bad_utf8, "UTF-8"},
        {e_nul, "UTF-8"},
        {e_wrong_type_memory, "memory"},
        {e_wrong_type_agents, "agents"},
        {e_wrong_type_dep, "depends_on"},
        {e_unknown_key, "tasks"},
        {e_unknown_framework, "framework"},
        {e_unknown_model, "model"},
        {e_bad_pattern, "pattern"},
        {e_bad_permission, "permission"},
        {e_bad_version, "spec_version"},
        {e_empty_goal, "goal"},
    };
    const char *why = NULL;
    ck_assert_int_eq(load_edited(NULL, &why), 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        why = NULL;
        int rc = load_edited(cases[i].fn, &why);
        ck_assert_msg(rc == AG_EINVAL, "case %zu accepted", i);
        ck_assert_msg(why && strstr(why, cases[i].why), "case %zu: why=%s", i, why);
    }
}
END_TEST

START_TEST(test_spec_not_an_object)
{
    const char *texts[] = {"[]", "\"spec\"", "42", "{}"};
    for (size_t i = 0; i < 4; i++) {
        struct json_object *o = json_tokener_parse(texts[i]);
        ck_assert_ptr_nonnull(o);
        struct spec s;
        const char *why = NULL;
        ck_assert_int_eq(spec_from_json(o, &s, &why), AG_EINVAL);
        ck_assert_ptr_nonnull(why);
        json_object_put(o);
    }
    struct spec s;
    ck_assert_int_eq(spec_from_json(NULL, &s, NULL), AG_EINVAL);
}
END_TEST

START_TEST(test_spec_rules)
{
    ck_assert(spec_id_ok("a"));
    ck_assert(spec_id_ok("research_task_2"));
    ck_assert(!spec_id_ok(""));
    ck_assert(!spec_id_ok("_x"));
    ck_assert(!spec_id_ok("2x"));
    ck_assert(!spec_id_ok("a-b"));
    ck_assert(!spec_id_ok("while"));
    ck_assert(!spec_id_ok("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")); /* 41 */
    ck_assert(spec_slug_ok("my_agents"));
    ck_assert(!spec_slug_ok("langgraph"));
    ck_assert(!spec_slug_ok("json"));
    ck_assert(spec_utf8_ok("h\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x9a\x80", 12));
    ck_assert(!spec_utf8_ok("\xc0\xaf", 2));         /* overlong */
    ck_assert(!spec_utf8_ok("\xed\xa0\x80", 3));     /* surrogate */
    ck_assert(!spec_utf8_ok("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
    ck_assert(!spec_utf8_ok("\xe6\x97", 2));         /* truncated */
    const char *s = "ab\xe6\x97\xa5";
    ck_assert_uint_eq(spec_utf8_clip(s, 5, 4), 2);
    ck_assert_uint_eq(spec_utf8_clip(s, 5, 5), 5);
    ck_assert_uint_eq(spec_utf8_clip(s, 5, 2), 2);
}
END_TEST

Suite *
spec_suite(void)
{
    Suite *s = suite_create("spec");
    TCase *tc = tcase_create("spec");
    tcase_add_test(tc, test_spec_round_trip);
    tcase_add_test(tc, test_spec_aliases_and_defaults);
    tcase_add_test(tc, test_spec_rejects);
    tcase_add_test(tc, test_spec_not_an_object);
    tcase_add_test(tc, test_spec_rules);
    suite_add_tcase(s, tc);
    return s;
}
