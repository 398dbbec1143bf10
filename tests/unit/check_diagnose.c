/* SPDX-License-Identifier: MIT */
/* check_diagnose.c - the compatibility rules: the documented examples (compat-data.md §6.4,
 * §7), every err and warn rule, and the full framework x hyperscaler / model x hyperscaler /
 * export matrices of §6.1-§6.3. */
#include <check.h>
#include <string.h>

#include "../../cgi/engine/diagnose.h"

static struct diag_row rows[DIAG_MAX_ROWS];
static int n_rows;

static int
run(const char *fw, const char *hs, const char *pattern, const char *model,
    const char *const *tools, int n_tools)
{
    struct diag_choices c = {fw, hs, pattern, model, tools, n_tools};
    return diagnose(&c, rows, DIAG_MAX_ROWS, &n_rows);
}

static const struct diag_row *
find(const char *category, const char *value)
{
    for (int i = 0; i < n_rows; i++) {
        if (strcmp(rows[i].category, category) == 0 &&
            (!value || strcmp(rows[i].value, value) == 0)) {
            return &rows[i];
        }
    }
    return NULL;
}

static void
expect(int i, const char *category, const char *value, const char *sub, enum diag_severity sev,
       int step)
{
    ck_assert_int_lt(i, n_rows);
    ck_assert_str_eq(rows[i].category, category);
    ck_assert_str_eq(rows[i].value, value);
    ck_assert_str_eq(rows[i].sub, sub);
    ck_assert_int_eq(rows[i].severity, sev);
    ck_assert_int_eq(rows[i].step, step);
}

START_TEST(test_diagnose_worked_example_langgraph)
{
    ck_assert_int_eq(run("langgraph", "azure", "supervisor", "gpt-5.1", NULL, 0), 0);
    ck_assert_int_eq(n_rows, 8);
    expect(0, "Framework", "LangGraph", "LangChain", DIAG_OK, 2);
    expect(1, "Hyperscaler", "Azure", "native", DIAG_OK, 2);
    expect(2, "Orchestration", "Supervisor", "native", DIAG_OK, 2);
    expect(3, "Model", "GPT-5.1", "openai \xc2\xb7 native", DIAG_OK, 2);
    const char *ex[] = {"azure-ai", "bedrock", "docker", "hf"};
    for (int i = 0; i < 4; i++) {
        expect(4 + i, "Export", ex[i], "available", DIAG_OK, 4);
    }
    ck_assert_int_eq(diagnose_worst(rows, n_rows), DIAG_OK);
}
END_TEST

START_TEST(test_diagnose_worked_example_strands)
{
    const char *tools[] = {"search", "voice", "pdf", "email"};
    ck_assert_int_eq(run("strands", "azure", "react", "gpt-5.1", tools, 4), 0);
    ck_assert_int_eq(n_rows, 11);
    expect(0, "Framework", "Strands", "AWS", DIAG_OK, 2);
    expect(1, "Hyperscaler", "Azure", "via adapter", DIAG_WARN, 2);
    expect(2, "Orchestration", "ReAct", "unsupported", DIAG_ERR, 2);
    expect(3, "Model", "GPT-5.1", "openai \xc2\xb7 native", DIAG_OK, 2);
    expect(4, "Tool", "search", "ok", DIAG_OK, 3);
    expect(5, "Tool", "voice", "requires Strands \xc2\xb7 adapter", DIAG_WARN, 3);
    expect(6, "Tool", "pdf", "ok", DIAG_OK, 3);
    expect(7, "Export", "azure-ai", "requires bedrock / docker", DIAG_ERR, 4);
    expect(8, "Export", "bedrock", "available", DIAG_OK, 4);
    expect(9, "Export", "docker", "available", DIAG_OK, 4);
    expect(10, "Export", "hf", "requires bedrock / docker", DIAG_ERR, 4);
    ck_assert_int_eq(diagnose_worst(rows, n_rows), DIAG_ERR);
}
END_TEST

/* The reference's backend tests (compat-data.md §7). */
START_TEST(test_diagnose_backend_cases)
{
    ck_assert_int_eq(run("autogen", NULL, NULL, NULL, NULL, 0), 0);
    ck_assert_int_eq(n_rows, 5); /* Framework + 4 exports */
    expect(0, "Framework", "AutoGen", "Microsoft", DIAG_OK, 2);
    ck_assert_int_eq(find("Export", "azure-ai")->severity, DIAG_OK);
    ck_assert_int_eq(find("Export", "bedrock")->severity, DIAG_ERR);
    ck_assert_str_eq(find("Export", "bedrock")->sub, "requires azure-ai / docker");
    ck_assert_int_eq(run("strands", "azure", NULL, NULL, NULL, 0), 0);
    ck_assert_int_eq(find("Hyperscaler", NULL)->severity, DIAG_WARN);
    ck_assert_int_eq(run("wxo", "ibm", NULL, NULL, NULL, 0), 0);
    ck_assert_str_eq(find("Hyperscaler", NULL)->sub, "native");
    ck_assert_int_eq(run("strands", NULL, "react", NULL, NULL, 0), 0);
    ck_assert_int_eq(find("Orchestration", NULL)->severity, DIAG_ERR);
    ck_assert_int_eq(run("langgraph", NULL, NULL, NULL, NULL, 0), 0);
    for (int i = 0; i < n_rows; i++) {
        ck_assert_int_eq(rows[i].severity, DIAG_OK);
    }
}
END_TEST

START_TEST(test_diagnose_warn_rules)
{
    /* adapter pattern -> warn */
    ck_assert_int_eq(run("crewai", NULL, "react", NULL, NULL, 0), 0);
    ck_assert_str_eq(find("Orchestration", NULL)->sub, "adapter");
    ck_assert_int_eq(find("Orchestration", NULL)->severity, DIAG_WARN);
    /* model not native on the chosen hyperscaler -> warn; no hyperscaler -> ok */
    ck_assert_int_eq(run("langgraph", "aws", NULL, "gpt-4o", NULL, 0), 0);
    ck_assert_str_eq(find("Model", NULL)->sub, "openai \xc2\xb7 via adapter");
    ck_assert_int_eq(find("Model", NULL)->severity, DIAG_WARN);
    ck_assert_int_eq(run("langgraph", NULL, NULL, "gpt-4o", NULL, 0), 0);
    ck_assert_int_eq(find("Model", NULL)->severity, DIAG_OK);
    /* unknown model -> no row; empty strings are "not chosen" */
    ck_assert_int_eq(run("langgraph", "", "", "local-private", NULL, 0), 0);
    ck_assert_int_eq(n_rows, 5);
    ck_assert_ptr_null(find("Model", NULL));
    /* voice is only a warning on strands */
    const char *tools[] = {"voice"};
    ck_assert_int_eq(run("crewai", NULL, NULL, NULL, tools, 1), 0);
    ck_assert_int_eq(find("Tool", "voice")->severity, DIAG_OK);
}
END_TEST

START_TEST(test_diagnose_err_exports_wxo)
{
    ck_assert_int_eq(run("watsonx_orchestrate", NULL, "react", NULL, NULL, 0), 0);
    ck_assert_int_eq(find("Orchestration", NULL)->severity, DIAG_ERR);
    const char *blocked[] = {"azure-ai", "bedrock", "hf"};
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(find("Export", blocked[i])->severity, DIAG_ERR);
        ck_assert_str_eq(find("Export", blocked[i])->sub, "requires watsonx / docker");
    }
    ck_assert_int_eq(find("Export", "docker")->severity, DIAG_OK);
    ck_assert_int_eq(run("react", NULL, "supervisor", NULL, NULL, 0), 0);
    ck_assert_int_eq(find("Orchestration", NULL)->severity, DIAG_ERR);
}
END_TEST

/* compat-data.md §6.1 and §6.2 as strings of o(k)/w(arn) over azure aws gcp ibm on_prem. */
START_TEST(test_diagnose_matrices)
{
    static const char *hs[] = {"azure", "aws", "gcp", "ibm", "on_prem"};
    static const struct {
        const char *id, *marks;
    } fw[] = {{"autogen", "owwwo"}, {"strands", "wowwo"}, {"langgraph", "ooooo"},
              {"crewai", "ooooo"},  {"wxo", "wwwow"},     {"crewflow", "ooowo"},
              {"react", "ooooo"},   {"llamaidx", "ooooo"}},
      model[] = {{"gpt-5.1", "owwww"},         {"gpt-4o", "owwww"},
                 {"claude-opus-4", "oowwo"},   {"claude-haiku-4", "oowwo"},
                 {"granite-3.1-70b", "wwwow"}, {"llama-3.1-70b", "wwwwo"},
                 {"qwen-2.5-1.5b", "wwwwo"}};
    for (size_t f = 0; f < AG_NELEM(fw); f++) {
        for (int h = 0; h < 5; h++) {
            ck_assert_int_eq(run(fw[f].id, hs[h], NULL, NULL, NULL, 0), 0);
            int want = fw[f].marks[h] == 'o' ? DIAG_OK : DIAG_WARN;
            ck_assert_int_eq(find("Hyperscaler", NULL)->severity, want);
            ck_assert_str_eq(find("Hyperscaler", NULL)->sub, want ? "via adapter" : "native");
        }
    }
    for (size_t m = 0; m < AG_NELEM(model); m++) {
        for (int h = 0; h < 5; h++) {
            ck_assert_int_eq(run("langgraph", hs[h], NULL, model[m].id, NULL, 0), 0);
            int want = model[m].marks[h] == 'o' ? DIAG_OK : DIAG_WARN;
            ck_assert_int_eq(find("Model", NULL)->severity, want);
        }
    }
}
END_TEST

START_TEST(test_diagnose_only_three_tools)
{
    const char *tools[] = {"a", "b", "c", "d", "e"};
    ck_assert_int_eq(run("crewai", NULL, NULL, NULL, tools, 5), 0);
    ck_assert_int_eq(n_rows, 1 + 3 + 4);
    ck_assert_ptr_null(find("Tool", "d"));
}
END_TEST

START_TEST(test_diagnose_rejects)
{
    ck_assert_int_eq(run("nope", NULL, NULL, NULL, NULL, 0), AG_EINVAL);
    ck_assert_int_eq(run(NULL, NULL, NULL, NULL, NULL, 0), AG_EINVAL);
    ck_assert_int_eq(run("crewai", "mars", NULL, NULL, NULL, 0), AG_EINVAL);
    ck_assert_int_eq(run("crewai", NULL, "swarm", NULL, NULL, 0), AG_EINVAL);
    struct diag_choices c = {"crewai", "azure", "react", "gpt-4o", NULL, 0};
    struct diag_row few[3];
    int n = -1;
    ck_assert_int_eq(diagnose(&c, few, 3, &n), AG_ETOOBIG);
    ck_assert_int_eq(n, 0);
}
END_TEST

START_TEST(test_diagnose_json)
{
    const char *tools[] = {"voice"};
    ck_assert_int_eq(run("strands", "gcp", "react", "gpt-4o", tools, 1), 0);
    struct json_object *a = NULL, *v = NULL;
    ck_assert_int_eq(diagnose_to_json(rows, n_rows, &a), 0);
    ck_assert_uint_eq(json_object_array_length(a), (size_t)n_rows);
    struct json_object *r = json_object_array_get_idx(a, 2);
    ck_assert(json_object_object_get_ex(r, "severity", &v));
    ck_assert_str_eq(json_object_get_string(v), "err");
    ck_assert(json_object_object_get_ex(r, "step", &v));
    ck_assert_int_eq(json_object_get_int(v), 2);
    ck_assert_str_eq(
        json_object_to_json_string_ext(json_object_array_get_idx(a, 0), JSON_C_TO_STRING_PLAIN),
        "{\"category\":\"Framework\",\"value\":\"Strands\",\"sub\":\"AWS\","
        "\"severity\":\"ok\",\"step\":2}");
    json_object_put(a);
    ck_assert_str_eq(diagnose_severity_name(DIAG_WARN), "warn");
    ck_assert_int_eq(diagnose_worst(rows, 0), DIAG_OK);
}
END_TEST

Suite *
diagnose_suite(void)
{
    Suite *s = suite_create("diagnose");
    TCase *tc = tcase_create("diagnose");
    tcase_add_test(tc, test_diagnose_worked_example_langgraph);
    tcase_add_test(tc, test_diagnose_worked_example_strands);
    tcase_add_test(tc, test_diagnose_backend_cases);
    tcase_add_test(tc, test_diagnose_warn_rules);
    tcase_add_test(tc, test_diagnose_err_exports_wxo);
    tcase_add_test(tc, test_diagnose_matrices);
    tcase_add_test(tc, test_diagnose_only_three_tools);
    tcase_add_test(tc, test_diagnose_rejects);
    tcase_add_test(tc, test_diagnose_json);
    suite_add_tcase(s, tc);
    return s;
}
