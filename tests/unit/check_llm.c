/* SPDX-License-Identifier: MIT */
/* check_llm.c - cgi/llm without a network: the SSE parser under every chunk split, tool-call
 * delta assembly, error mapping and key scrubbing, the backoff schedule, request shapes, cost.
 * The HTTP paths (retries, cancel, IAM, pairing) run against tests/fakes in tests/it/t_llm.sh. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cgi/core/buf.h"
#include "../../cgi/core/jsn.h"
#include "../../cgi/llm/llm.h"
#include "../../cgi/llm/llm_int.h"
#include "../../cgi/llm/llm_sse.h"

/* ---- SSE ------------------------------------------------------------------------------- */

static const char sse_input[] = "\xEF\xBB\xBF: heartbeat comment\r\n"
                                "event: message\r\n"
                                "data: {\"a\":\"\xC3\xA9\xE2\x9C\x93\"}\r\n"
                                "\r\n"
                                "data: line1\n"
                                "data: line2\n"
                                "\n"
                                "id: 7\rdata: cr-only\r\r"
                                "data:nospace\n"
                                "retry: 10\n\n"
                                ":only a comment\n\n"
                                "event: error\ndata: boom\n\n"
                                "data\n\n"
                                "data: [DONE]\n\n";

static const char sse_expected[] = "message|{\"a\":\"\xC3\xA9\xE2\x9C\x93\"}\n"
                                   "message|line1\nline2\n"
                                   "message|cr-only\n"
                                   "message|nospace\n"
                                   "error|boom\n"
                                   "message|\n"
                                   "message|[DONE]\n";

static int
collect(void *ctx, const char *event, const char *data, size_t len)
{
    struct buf *b = ctx;
    ck_assert_uint_eq(strlen(data), len);
    return buf_printf(b, "%s|%s\n", event, data) < 0 ? AG_ENOMEM : 0;
}

/* feed sse_input cut at a and b (a <= b) and return what the callback saw */
static void
feed_split(size_t a, size_t b, struct buf *out)
{
    struct llm_sse s;
    size_t n = sizeof(sse_input) - 1;
    llm_sse_init(&s, collect, out);
    ck_assert_int_eq(llm_sse_feed(&s, sse_input, a), 0);
    ck_assert_int_eq(llm_sse_feed(&s, sse_input + a, b - a), 0);
    ck_assert_int_eq(llm_sse_feed(&s, sse_input + b, n - b), 0);
    ck_assert_int_eq(llm_sse_finish(&s), 0);
    llm_sse_free(&s);
}

START_TEST(test_llm_sse_every_split)
{
    size_t n = sizeof(sse_input) - 1;
    struct buf out = BUF_INIT;
    for (size_t a = 0; a <= n; a++) {
        for (size_t b = a; b <= n; b += (a % 7 == 0 ? 1 : 5)) {
            buf_reset(&out);
            feed_split(a, b, &out);
            if (strcmp(buf_cstr(&out), sse_expected) != 0) {
                ck_abort_msg("split %zu/%zu gave:\n%s", a, b, buf_cstr(&out));
            }
        }
    }
    buf_free(&out);
}
END_TEST

START_TEST(test_llm_sse_byte_by_byte_and_eof)
{
    struct buf out = BUF_INIT;
    struct llm_sse s;
    llm_sse_init(&s, collect, &out);
    for (size_t i = 0; i < sizeof(sse_input) - 1; i++) {
        ck_assert_int_eq(llm_sse_feed(&s, sse_input + i, 1), 0);
    }
    ck_assert_int_eq(llm_sse_finish(&s), 0);
    ck_assert_str_eq(buf_cstr(&out), sse_expected);
    llm_sse_free(&s);
    /* a stream cut without its blank line still delivers the last event */
    buf_reset(&out);
    llm_sse_init(&s, collect, &out);
    ck_assert_int_eq(llm_sse_feed(&s, "data: tail", 10), 0);
    ck_assert_uint_eq(out.len, 0);
    ck_assert_int_eq(llm_sse_finish(&s), 0);
    ck_assert_str_eq(buf_cstr(&out), "message|tail\n");
    llm_sse_free(&s);
    buf_free(&out);
}
END_TEST

static int
stop_at_second(void *ctx, const char *event, const char *data, size_t len)
{
    int *n = ctx;
    (void)event, (void)data, (void)len;
    return ++*n == 2 ? AG_EUPSTREAM : 0;
}

START_TEST(test_llm_sse_callback_stops)
{
    struct llm_sse s;
    int n = 0;
    llm_sse_init(&s, stop_at_second, &n);
    ck_assert_int_eq(llm_sse_feed(&s, "data: 1\n\ndata: 2\n\ndata: 3\n\n", 27), AG_EUPSTREAM);
    ck_assert_int_eq(n, 2);
    llm_sse_free(&s);
}
END_TEST

/* ---- stream assembly ------------------------------------------------------------------- */

struct tokens {
    int calls;
    struct buf text;
    int abort_at;
};

static int
on_token(void *ctx, const char *text, size_t len)
{
    struct tokens *t = ctx;
    t->calls++;
    ck_assert_int_eq(buf_append(&t->text, text, len), 0);
    return t->abort_at && t->calls >= t->abort_at;
}

static int
feed_all(struct llm_acc *a, const char *const *chunks)
{
    for (; *chunks; chunks++) {
        int rc = llm_acc_data(a, "message", *chunks, strlen(*chunks));
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

START_TEST(test_llm_acc_content_and_usage)
{
    static const char *const chunks[] = {
        "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo \xC3\xA9\"}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}}", "[DONE]",
        NULL};
    struct tokens t = {0, BUF_INIT, 0};
    struct llm_acc a;
    struct llm_result r;
    memset(&r, 0, sizeof(r));
    llm_acc_init(&a, on_token, &t);
    ck_assert_int_eq(feed_all(&a, chunks), 0);
    ck_assert_int_eq(a.done, 1);
    ck_assert_int_eq(llm_acc_take(&a, &r), 0);
    ck_assert_int_eq(t.calls, 2); /* empty deltas are not tokens */
    ck_assert_str_eq(buf_cstr(&t.text), "Hello \xC3\xA9");
    ck_assert_str_eq(r.content, "Hello \xC3\xA9");
    ck_assert_str_eq(r.finish_reason, "stop");
    ck_assert_int_eq(r.prompt_tokens, 12);
    ck_assert_int_eq(r.completion_tokens, 3);
    ck_assert_uint_eq(r.n_tool_calls, 0);
    llm_acc_free(&a);
    llm_result_free(&r);
    buf_free(&t.text);
}
END_TEST

START_TEST(test_llm_acc_tool_call_deltas)
{
    static const char *const chunks[] = {
        "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,"
        "\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
        "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
        "\"function\":{\"arguments\":\"{\\\"ci\"}}]}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\","
        "\"function\":{\"name\":\"clock\",\"arguments\":\"{}\"}}]}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
        "\"function\":{\"arguments\":\"ty\\\":\\\"Paris\\\"}\"}}]}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}", "[DONE]",
        NULL};
    struct llm_acc a;
    struct llm_result r;
    memset(&r, 0, sizeof(r));
    llm_acc_init(&a, NULL, NULL);
    ck_assert_int_eq(feed_all(&a, chunks), 0);
    ck_assert_int_eq(a.started, 1);
    ck_assert_int_eq(llm_acc_take(&a, &r), 0);
    ck_assert_uint_eq(r.n_tool_calls, 2);
    ck_assert_str_eq(r.tool_calls[0].id, "call_a");
    ck_assert_str_eq(r.tool_calls[0].name, "get_weather");
    ck_assert_str_eq(r.tool_calls[0].arguments, "{\"city\":\"Paris\"}");
    ck_assert_str_eq(r.tool_calls[1].id, "call_b");
    ck_assert_str_eq(r.tool_calls[1].arguments, "{}");
    ck_assert_str_eq(r.finish_reason, "tool_calls");
    ck_assert_str_eq(r.content, "");
    llm_acc_free(&a);
    llm_result_free(&r);
}
END_TEST

/* Ollama sends parallel calls all at index 0, told apart by their ids. */
START_TEST(test_llm_acc_reused_index)
{
    static const char *const chunks[] = {
        "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\","
        "\"function\":{\"name\":\"a\",\"arguments\":\"{\\\"x\\\":1}\"}}]}}]}",
        "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c2\","
        "\"function\":{\"name\":\"b\",\"arguments\":\"{}\"}}]}}]}",
        "{\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\"}]}", NULL};
    struct llm_acc a;
    struct llm_result r;
    memset(&r, 0, sizeof(r));
    llm_acc_init(&a, NULL, NULL);
    ck_assert_int_eq(feed_all(&a, chunks), 0);
    ck_assert_int_eq(llm_acc_take(&a, &r), 0);
    ck_assert_uint_eq(r.n_tool_calls, 2);
    ck_assert_str_eq(r.tool_calls[0].arguments, "{\"x\":1}");
    ck_assert_str_eq(r.tool_calls[1].name, "b");
    llm_acc_free(&a);
    llm_result_free(&r);
}
END_TEST

START_TEST(test_llm_acc_errors)
{
    struct llm_acc a;
    struct tokens t = {0, BUF_INIT, 1};
    const char *err = "{\"error\":{\"message\":\"model overloaded\",\"type\":\"server_error\"}}";
    llm_acc_init(&a, NULL, NULL);
    ck_assert_int_eq(llm_acc_data(&a, "message", err, strlen(err)), AG_EUPSTREAM);
    ck_assert_str_eq(a.error, "stream error: model overloaded");
    llm_acc_free(&a);
    llm_acc_init(&a, NULL, NULL);
    ck_assert_int_eq(llm_acc_data(&a, "message", "{not json", 9), AG_EINVAL);
    ck_assert_int_eq(llm_acc_data(&a, "error", "plain failure", 13), AG_EUPSTREAM);
    ck_assert_str_eq(a.error, "stream error: plain failure");
    llm_acc_free(&a);
    /* the token callback can stop the stream */
    const char *tok = "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]}";
    llm_acc_init(&a, on_token, &t);
    ck_assert_int_eq(llm_acc_data(&a, "message", tok, strlen(tok)), AG_EUPSTREAM);
    ck_assert_str_eq(a.error, "aborted by caller");
    llm_acc_free(&a);
    buf_free(&t.text);
}
END_TEST

/* ---- errors, backoff, cost ------------------------------------------------------------- */

START_TEST(test_llm_error_mapping)
{
    static const struct {
        const char *body;
        const char *want;
    } cases[] = {
        {"{\"error\":{\"message\":\"Incorrect API key provided: sk-SECRET42\"}}",
         "HTTP 401: Incorrect API key provided: ***"},
        {"{\"error\":\"bad thing\"}", "HTTP 401: bad thing"},
        {"{\"errors\":[{\"code\":\"x\",\"message\":\"wx says no\"}],\"trace\":\"t\"}",
         "HTTP 401: wx says no"},
        {"{\"errorCode\":\"BXNIM0415E\",\"errorMessage\":\"Provided API key could not be found.\"}",
         "HTTP 401: Provided API key could not be found."},
        {"{\"detail\":\"Pairing code expired\"}", "HTTP 401: Pairing code expired"},
        {"<html>\nGateway sk-SECRET42\n</html>", "HTTP 401: <html> Gateway *** </html>"},
        {"", "HTTP 401"},
    };
    char out[256];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        llm_error_text(401, cases[i].body, strlen(cases[i].body), "sk-SECRET42", out, sizeof(out));
        ck_assert_str_eq(out, cases[i].want);
    }
    ck_assert(llm_status_retryable(429));
    ck_assert(llm_status_retryable(500));
    ck_assert(llm_status_retryable(503));
    ck_assert(llm_status_retryable(408));
    ck_assert(!llm_status_retryable(400));
    ck_assert(!llm_status_retryable(401));
    ck_assert(!llm_status_retryable(404));
    ck_assert(!llm_status_retryable(200));
}
END_TEST

START_TEST(test_llm_scrub)
{
    char s[64] = "k=abcdef and abcdef again";
    llm_scrub(s, "abcdef");
    ck_assert_str_eq(s, "k=*** and *** again");
    char t[16] = "xyxyx";
    llm_scrub(t, "xy");
    ck_assert_str_eq(t, "****x");
    char u[16] = "***";
    llm_scrub(u, "***"); /* must terminate */
    ck_assert_str_eq(u, "***");
    llm_scrub(u, NULL);
    llm_scrub(u, "");
    ck_assert_str_eq(u, "***");
}
END_TEST

START_TEST(test_llm_backoff_schedule)
{
    static const unsigned rnds[] = {0, 1, 77, 4096, 0xffffffffu};
    for (int attempt = 0; attempt < 10; attempt++) {
        long d = 500;
        for (int i = 0; i < attempt; i++) {
            d = d * 2 > LLM_BACKOFF_CAP_MS ? LLM_BACKOFF_CAP_MS : d * 2;
        }
        for (size_t k = 0; k < sizeof(rnds) / sizeof(rnds[0]); k++) {
            long w = llm_backoff_ms(attempt, 0, 0, rnds[k]);
            ck_assert_int_ge(w, d / 2);
            ck_assert_int_le(w, d);
        }
    }
    ck_assert_int_eq(llm_backoff_ms(0, 100, 0, 0), 50);   /* equal jitter: half at rnd 0 */
    ck_assert_int_eq(llm_backoff_ms(2, 100, 0, 200), 400); /* and the full step at the top */
    ck_assert_int_eq(llm_backoff_ms(3, 100, 2000, 5), 2000); /* Retry-After wins */
    ck_assert_int_eq(llm_backoff_ms(0, 100, 600000, 5), LLM_RETRY_AFTER_MAX_MS);
    ck_assert_int_le(llm_backoff_ms(60, 1000, 0, 0xffffffffu), LLM_BACKOFF_CAP_MS);
}
END_TEST

START_TEST(test_llm_cost)
{
    ck_assert_double_eq_tol(llm_cost_usd("gpt-4o", 1000000, 1000000), 12.5, 1e-9);
    ck_assert_double_eq_tol(llm_cost_usd("gpt-4o", 1000, 500), 0.0025 + 0.005, 1e-12);
    ck_assert_double_eq_tol(llm_cost_usd("ibm/granite-3.1-70b", 1000000, 0), 3.0, 1e-9);
    ck_assert_double_eq_tol(llm_cost_usd("qwen-2.5-1.5b", 5000, 5000), 0.0, 1e-12);
    ck_assert_double_eq_tol(llm_cost_usd("no-such-model", 5000, 5000), 0.0, 1e-12);
    ck_assert_double_eq_tol(llm_cost_usd(NULL, 5000, 5000), 0.0, 1e-12);
    ck_assert_double_eq_tol(llm_cost_usd("gpt-4o", -5, -1), 0.0, 1e-12);
}
END_TEST

/* ---- request shapes -------------------------------------------------------------------- */

START_TEST(test_llm_urls)
{
    char url[512];
    struct llm_provider p = {.kind = LLM_OPENAI, .base_url = "http://127.0.0.1:9/v1/"};
    enum llm_kind k;
    ck_assert_int_eq(llm_build_url(&p, "m", url, sizeof(url)), 0);
    ck_assert_str_eq(url, "http://127.0.0.1:9/v1/chat/completions");
    p.kind = LLM_OLLABRIDGE;
    ck_assert_int_eq(llm_build_url(&p, "m", url, sizeof(url)), 0);
    ck_assert_str_eq(url, "http://127.0.0.1:9/v1/chat/completions");
    p.base_url = "https://bridge.example";
    ck_assert_int_eq(llm_build_url(&p, "m", url, sizeof(url)), 0);
    ck_assert_str_eq(url, "https://bridge.example/v1/chat/completions");
    p = (struct llm_provider){.kind = LLM_AZURE, .base_url = "https://x.openai.azure.com"};
    ck_assert_int_eq(llm_build_url(&p, "gpt4o-prod", url, sizeof(url)), 0);
    ck_assert_str_eq(url, "https://x.openai.azure.com/openai/deployments/gpt4o-prod/chat/"
                          "completions?api-version=" LLM_AZURE_VERSION);
    ck_assert_int_eq(llm_build_url(&p, "../admin?x", url, sizeof(url)), AG_EINVAL);
    p = (struct llm_provider){.kind = LLM_WATSONX, .base_url = "https://us-south.ml.cloud.ibm.com",
                              .api_version = "2025-02-11"};
    ck_assert_int_eq(llm_build_url(&p, "ibm/granite", url, sizeof(url)), 0);
    ck_assert_str_eq(url, "https://us-south.ml.cloud.ibm.com/ml/v1/text/chat_stream?version=2025-02-11");
    p.base_url = "ftp://nope";
    ck_assert_int_eq(llm_build_url(&p, "m", url, sizeof(url)), AG_EINVAL);
    p.base_url = "http://h/x";
    ck_assert_int_eq(llm_build_url(&p, "m", url, 10), AG_ETOOBIG);
    ck_assert_int_eq(llm_kind_parse("ollama", &k), 0);
    ck_assert_int_eq(k, LLM_OPENAI);
    ck_assert_int_eq(llm_kind_parse("watsonx", &k), 0);
    ck_assert_int_eq(k, LLM_WATSONX);
    ck_assert_int_eq(llm_kind_parse("bedrock", &k), AG_EINVAL);
    ck_assert_str_eq(llm_kind_name(LLM_OLLABRIDGE), "ollabridge");
}
END_TEST

static struct json_object *
body_of(const struct llm_provider *p, const struct llm_request *rq, int want)
{
    struct buf b = BUF_INIT;
    struct json_object *o = NULL;
    ck_assert_int_eq(llm_build_body(p, rq, "m1", &b), want);
    if (want == 0) {
        ck_assert_int_eq(jsn_parse(b.data, b.len, &o), 0);
    }
    buf_free(&b);
    return o;
}

START_TEST(test_llm_bodies)
{
    char id[] = "call_1", name[] = "get_weather", args[] = "{\"city\":\"Paris\"}";
    struct llm_tool_call call = {id, name, args};
    struct llm_message msgs[] = {
        {.role = LLM_SYSTEM, .content = "be brief"},
        {.role = LLM_USER, .content = "weather?"},
        {.role = LLM_ASSISTANT, .tool_calls = &call, .n_tool_calls = 1},
        {.role = LLM_TOOL, .content = "{\"temp\":21}", .tool_call_id = "call_1"},
    };
    struct json_object *schema = json_tokener_parse("{\"type\":\"object\"}");
    struct llm_tool_def tool = {"get_weather", "Weather now", schema};
    struct llm_request rq = {.messages = msgs, .n_messages = 4, .tools = &tool, .n_tools = 1,
                             .max_tokens = 64};
    struct llm_provider p = {.kind = LLM_OPENAI, .base_url = "http://h/v1"};
    struct json_object *o = body_of(&p, &rq, 0);
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
    ck_assert_ptr_nonnull(strstr(s, "\"model\":\"m1\""));
    ck_assert_ptr_nonnull(strstr(s, "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
    ck_assert_ptr_nonnull(strstr(s, "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":"
                                    "[{\"id\":\"call_1\",\"type\":\"function\",\"function\":"
                                    "{\"name\":\"get_weather\",\"arguments\":"
                                    "\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}"));
    ck_assert_ptr_nonnull(strstr(s, "{\"role\":\"tool\",\"content\":\"{\\\"temp\\\":21}\","
                                    "\"tool_call_id\":\"call_1\"}"));
    ck_assert_ptr_nonnull(strstr(s, "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
                                    "\"get_weather\",\"description\":\"Weather now\","
                                    "\"parameters\":{\"type\":\"object\"}}}]"));
    ck_assert_ptr_nonnull(strstr(s, "\"max_tokens\":64"));
    ck_assert_ptr_null(strstr(s, "temperature"));
    json_object_put(o);
    /* watsonx: model_id + project_id, no stream flag, user content as typed parts */
    p = (struct llm_provider){.kind = LLM_WATSONX, .base_url = "http://h", .project_id = "p-1"};
    rq.has_temperature = 1;
    rq.temperature = 0.5;
    o = body_of(&p, &rq, 0);
    s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
    ck_assert_ptr_nonnull(strstr(s, "\"model_id\":\"m1\",\"project_id\":\"p-1\""));
    ck_assert_ptr_nonnull(strstr(s, "{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                                    "\"text\":\"weather?\"}]}"));
    ck_assert_ptr_null(strstr(s, "\"stream\""));
    ck_assert_ptr_nonnull(strstr(s, "\"temperature\":0.5"));
    json_object_put(o);
    p.project_id = NULL;
    ck_assert_ptr_null(body_of(&p, &rq, AG_EINVAL));
    /* a tool answer must name its call */
    p.kind = LLM_OPENAI;
    msgs[3].tool_call_id = NULL;
    ck_assert_ptr_null(body_of(&p, &rq, AG_EINVAL));
    json_object_put(schema);
}
END_TEST

START_TEST(test_llm_chat_rejects_bad_input)
{
    struct llm_client *c = NULL;
    struct llm_result r;
    struct llm_message m = {.role = LLM_USER, .content = "hi"};
    struct llm_provider p = {.kind = LLM_AZURE, .base_url = "http://127.0.0.1:9",
                             .api_key = "k-SECRET"};
    struct llm_request rq = {.messages = &m, .n_messages = 1};
    char tok[8];
    ck_assert_int_eq(llm_client_new(&c), 0);
    ck_assert_int_eq(llm_chat(c, &p, &rq, NULL, NULL, &r), AG_EINVAL); /* no model */
    llm_result_free(&r);
    rq.model = "bad/deployment";
    ck_assert_int_eq(llm_chat(c, &p, &rq, NULL, NULL, &r), AG_EINVAL);
    ck_assert_int_eq(r.attempts, 0);
    llm_result_free(&r);
    ck_assert_int_eq(llm_ollabridge_pair(c, "http://127.0.0.1:9", "x", tok, sizeof(tok)),
                     AG_EINVAL); /* code too short: refused before any request */
    ck_assert_int_eq(llm_ollabridge_pair(c, "file:///etc", "GKEV-8985", tok, sizeof(tok)),
                     AG_EINVAL);
    llm_client_free(c);
}
END_TEST

Suite *
llm_suite(void)
{
    Suite *s = suite_create("llm");
    TCase *t = tcase_create("sse");
    tcase_add_test(t, test_llm_sse_every_split);
    tcase_add_test(t, test_llm_sse_byte_by_byte_and_eof);
    tcase_add_test(t, test_llm_sse_callback_stops);
    suite_add_tcase(s, t);
    t = tcase_create("stream");
    tcase_add_test(t, test_llm_acc_content_and_usage);
    tcase_add_test(t, test_llm_acc_tool_call_deltas);
    tcase_add_test(t, test_llm_acc_reused_index);
    tcase_add_test(t, test_llm_acc_errors);
    suite_add_tcase(s, t);
    t = tcase_create("errors");
    tcase_add_test(t, test_llm_error_mapping);
    tcase_add_test(t, test_llm_scrub);
    tcase_add_test(t, test_llm_backoff_schedule);
    tcase_add_test(t, test_llm_cost);
    suite_add_tcase(s, t);
    t = tcase_create("requests");
    tcase_add_test(t, test_llm_urls);
    tcase_add_test(t, test_llm_bodies);
    tcase_add_test(t, test_llm_chat_rejects_bad_input);
    suite_add_tcase(s, t);
    return s;
}
