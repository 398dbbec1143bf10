/* SPDX-License-Identifier: MIT */
/* check_catalog.c - the catalogue tables (counts, ids, relations copied from compat-data.md)
 * and the JSON document GET /api/compatibility serves. */
#include <check.h>
#include <string.h>

#include "../../cgi/engine/catalog.h"

START_TEST(test_catalog_counts_and_order)
{
    size_t n = 0;
    const struct cat_hyperscaler *hs = catalog_hyperscalers(&n);
    ck_assert_uint_eq(n, 5);
    const char *hs_ids[] = {"azure", "aws", "gcp", "ibm", "on_prem"};
    for (size_t i = 0; i < n; i++) {
        ck_assert_str_eq(hs[i].id, hs_ids[i]);
    }
    ck_assert_str_eq(hs[4].label, "On-prem");
    const struct cat_framework *fw = catalog_frameworks(&n);
    ck_assert_uint_eq(n, 8);
    const char *fw_ids[] = {"autogen",     "strands", "langgraph", "crewai", "watsonx_orchestrate",
                            "crewai_flow", "react",   "llamaindex"};
    for (size_t i = 0; i < n; i++) {
        ck_assert_str_eq(fw[i].id, fw_ids[i]);
    }
    catalog_patterns(&n);
    ck_assert_uint_eq(n, 2);
    const struct cat_model *m = catalog_models(&n);
    ck_assert_uint_eq(n, 7);
    ck_assert_str_eq(m[0].id, "gpt-5.1");
    ck_assert_str_eq(m[0].label, "GPT-5.1");
    ck_assert_str_eq(m[6].id, "qwen-2.5-1.5b");
    catalog_exports(&n);
    ck_assert_uint_eq(n, 7);
    const struct cat_tool *t = catalog_tools(&n);
    ck_assert_uint_ge(n, 6);
    const char *tool_ids[] = {"web_search", "pdf_reader",  "http_client",
                              "sql_query",  "file_writer", "vector_search"};
    for (size_t i = 0; i < AG_NELEM(tool_ids); i++) {
        ck_assert_ptr_nonnull(catalog_tool(tool_ids[i]));
    }
    ck_assert_int_eq(t[0].read_only, 1);
    ck_assert_int_eq(catalog_tool("file_writer")->permission, CAT_PERM_WRITE);
    ck_assert_int_eq(catalog_tool("file_writer")->read_only, 0);
    ck_assert_str_eq(catalog_permission_name(catalog_tool("web_search")->permission), "network");
}
END_TEST

START_TEST(test_catalog_lookups_and_aliases)
{
    ck_assert_str_eq(catalog_framework("wxo")->id, "watsonx_orchestrate");
    ck_assert_str_eq(catalog_framework("crewflow")->id, "crewai_flow");
    ck_assert_str_eq(catalog_framework("llamaidx")->id, "llamaindex");
    ck_assert_ptr_null(catalog_framework("nope"));
    ck_assert_ptr_null(catalog_framework(NULL));
    ck_assert_str_eq(catalog_tool("search")->id, "web_search");
    ck_assert_str_eq(catalog_tool("fs")->id, "file_writer");
    ck_assert_ptr_null(catalog_tool("voice"));
    ck_assert_int_eq(catalog_pattern_index("supervisor"), 0);
    ck_assert_int_eq(catalog_pattern_index("react"), 1);
    ck_assert_int_eq(catalog_pattern_index("graph"), -1);
    ck_assert_ptr_null(catalog_hyperscaler("On-prem"));
    ck_assert_ptr_nonnull(catalog_model("claude-haiku-4"));
    ck_assert_ptr_null(catalog_model("gpt-4"));
}
END_TEST

/* PATTERN_BY_FW (compat-data.md §4.1), row by row. */
START_TEST(test_catalog_pattern_support)
{
    static const struct {
        const char *fw, *sup, *react;
    } want[] = {
        {"langgraph", "native", "native"},    {"autogen", "native", "adapter"},
        {"strands", "native", "unsupported"}, {"crewai", "native", "adapter"},
        {"crewflow", "native", "adapter"},    {"react", "unsupported", "native"},
        {"wxo", "native", "unsupported"},     {"llamaidx", "adapter", "native"},
    };
    for (size_t i = 0; i < AG_NELEM(want); i++) {
        const struct cat_framework *fw = catalog_framework(want[i].fw);
        ck_assert_str_eq(catalog_support_name(catalog_support(fw, "supervisor")), want[i].sup);
        ck_assert_str_eq(catalog_support_name(catalog_support(fw, "react")), want[i].react);
    }
    ck_assert_int_eq(catalog_support(catalog_framework("crewai"), "bogus"), CAT_UNSUPPORTED);
    ck_assert_int_eq(catalog_default_pattern(catalog_framework("react")), 1);
    ck_assert_int_eq(catalog_default_pattern(catalog_framework("crewai")), 0);
}
END_TEST

/* Native hyperscaler lists per hyperscaler (compat-data.md §6.6). */
START_TEST(test_catalog_native_counts)
{
    static const struct {
        const char *hs;
        int n;
    } want[] = {{"azure", 6}, {"aws", 6}, {"gcp", 5}, {"ibm", 5}, {"on_prem", 7}};
    size_t n = 0;
    const struct cat_framework *fw = catalog_frameworks(&n);
    for (size_t k = 0; k < AG_NELEM(want); k++) {
        int count = 0;
        for (size_t i = 0; i < n; i++) {
            count += catalog_framework_native(&fw[i], want[k].hs);
        }
        ck_assert_int_eq(count, want[k].n);
    }
    ck_assert(catalog_model_native(catalog_model("claude-opus-4"), "on_prem"));
    ck_assert(!catalog_model_native(catalog_model("gpt-4o"), "aws"));
    ck_assert(catalog_export_allowed(catalog_framework("crewai"), "bedrock"));
    ck_assert(!catalog_export_allowed(catalog_framework("autogen"), "bedrock"));
}
END_TEST

START_TEST(test_catalog_default_model)
{
    const struct cat_framework *lg = catalog_framework("langgraph");
    ck_assert_str_eq(catalog_default_model(lg, "azure"), "gpt-5.1");
    ck_assert_str_eq(catalog_default_model(lg, "ibm"), "granite-3.1-70b");
    ck_assert_str_eq(catalog_default_model(lg, NULL), "claude-opus-4");
    ck_assert_str_eq(catalog_default_model(catalog_framework("autogen"), NULL), "gpt-5.1");
    ck_assert_str_eq(catalog_default_model(catalog_framework("wxo"), NULL), "granite-3.1-70b");
    size_t n = 0;
    const struct cat_model *m = catalog_models(&n);
    for (size_t i = 0; i < n; i++) {
        ck_assert(m[i].usd_in_per_mtok >= 0 && m[i].usd_out_per_mtok >= m[i].usd_in_per_mtok);
        ck_assert_ptr_nonnull(m[i].price_source);
    }
}
END_TEST

START_TEST(test_catalog_json)
{
    struct json_object *o = NULL, *v = NULL;
    ck_assert_int_eq(catalog_to_json(&o), 0);
    const char *keys[] = {"hyperscalers",
                          "vendors",
                          "philosophies",
                          "frameworks",
                          "orchestration_patterns",
                          "models",
                          "tools",
                          "export_targets",
                          "export_by_framework",
                          "pattern_by_framework"};
    for (size_t i = 0; i < AG_NELEM(keys); i++) {
        ck_assert_msg(json_object_object_get_ex(o, keys[i], &v), "missing %s", keys[i]);
    }
    json_object_object_get_ex(o, "frameworks", &v);
    ck_assert_uint_eq(json_object_array_length(v), 8);
    struct json_object *fw = json_object_array_get_idx(v, 2), *pat = NULL, *x = NULL;
    ck_assert(json_object_object_get_ex(fw, "pattern", &pat));
    ck_assert(json_object_object_get_ex(pat, "summary", &x));
    json_object_object_get_ex(o, "models", &v);
    ck_assert(json_object_object_get_ex(json_object_array_get_idx(v, 0), "contextWindow", &x));
    ck_assert_str_eq(json_object_get_string(x), "256k");
    json_object_object_get_ex(o, "export_by_framework", &v);
    ck_assert(json_object_object_get_ex(v, "crewai", &x));
    ck_assert_str_eq(json_object_get_string(x), "*");
    ck_assert(json_object_object_get_ex(v, "strands", &x));
    ck_assert_uint_eq(json_object_array_length(x), 4);
    json_object_object_get_ex(o, "pattern_by_framework", &v);
    json_object_object_get_ex(v, "react", &x);
    json_object_object_get_ex(x, "supervisor", &x);
    ck_assert_str_eq(json_object_get_string(x), "unsupported");
    /* Same data, same bytes. */
    struct json_object *o2 = NULL;
    ck_assert_int_eq(catalog_to_json(&o2), 0);
    ck_assert_str_eq(json_object_to_json_string(o), json_object_to_json_string(o2));
    json_object_put(o);
    json_object_put(o2);
}
END_TEST

Suite *
catalog_suite(void)
{
    Suite *s = suite_create("catalog");
    TCase *tc = tcase_create("catalog");
    tcase_add_test(tc, test_catalog_counts_and_order);
    tcase_add_test(tc, test_catalog_lookups_and_aliases);
    tcase_add_test(tc, test_catalog_pattern_support);
    tcase_add_test(tc, test_catalog_native_counts);
    tcase_add_test(tc, test_catalog_default_model);
    tcase_add_test(tc, test_catalog_json);
    suite_add_tcase(s, tc);
    return s;
}
