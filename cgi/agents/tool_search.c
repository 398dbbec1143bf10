/* SPDX-License-Identifier: MIT */
/* tool_search.c - the web_search tool: GET {endpoint}?q=...&format=json on a SearxNG-style endpoint
 * and return the top results {title, url, content}. The endpoint is set by an admin (Settings ->
 * Providers), so http_client's SSRF rules don't apply to it (it may be loopback); without one the
 * tool fails with a message saying so - never a made-up result. */
#include <string.h>

#include "../core/httpc.h"
#include "../core/jsn.h"
#include "tools_int.h"

#define MAX_QUERY 500

static int build_url(const char *endpoint, const char *q, struct buf *url);
static int pick_results(struct json_object *doc, int n, struct json_object *results);
static int fetch(const char *url, const struct tool_ctx *ctx, int n, struct json_object *results,
                 char *err, size_t errcap);

static int
build_url(const char *endpoint, const char *q, struct buf *url)
{
    int rc = buf_puts(url, endpoint);
    rc = rc ? rc : buf_puts(url, strchr(endpoint, '?') ? "&q=" : "?q=");
    rc = rc ? rc : tools_url_encode(url, q);
    rc = rc ? rc : buf_puts(url, "&format=json");
    return rc < 0 ? AG_ENOMEM : 0;
}

static int
pick_results(struct json_object *doc, int n, struct json_object *results)
{
    static const char *const fields[] = {"title", "url", "content"};
    struct json_object *arr = NULL;
    if (!json_object_object_get_ex(doc, "results", &arr) ||
        !json_object_is_type(arr, json_type_array)) {
        return AG_EUPSTREAM;
    }
    for (size_t i = 0;
         i < json_object_array_length(arr) && json_object_array_length(results) < (size_t)n; i++) {
        struct json_object *r = json_object_array_get_idx(arr, i), *hit, *v;
        if (!json_object_is_type(r, json_type_object) || !json_object_object_get_ex(r, "url", &v) ||
            !json_object_is_type(v, json_type_string)) {
            continue; /* skip entries without a URL */
        }
        if (!(hit = json_object_new_object())) {
            return AG_ENOMEM;
        }
        int rc = 0;
        for (size_t f = 0; f < AG_NELEM(fields) && rc == 0; f++) {
            const char *s = "";
            if (json_object_object_get_ex(r, fields[f], &v) &&
                json_object_is_type(v, json_type_string)) {
                s = json_object_get_string(v);
            }
            rc = tools_add_text(hit, fields[f], s, strnlen(s, 4000));
        }
        if (rc < 0 || json_object_array_add(results, hit) != 0) {
            json_object_put(hit);
            return AG_ENOMEM;
        }
    }
    return 0;
}

/* fetch asks the endpoint and fills results; err set on failure. */
static int
fetch(const char *url, const struct tool_ctx *ctx, int n, struct json_object *results, char *err,
      size_t errcap)
{
    static const char *const headers[] = {"Accept: application/json", NULL};
    struct tool_limits lim = tools_limits(ctx);
    struct httpc *http = NULL;
    struct httpc_resp resp;
    struct json_object *doc = NULL;
    memset(&resp, 0, sizeof(resp));
    int rc = httpc_new(&http);
    if (rc < 0) {
        return rc;
    }
    struct httpc_req rq = {.method = "GET",
                           .url = url,
                           .headers = headers,
                           .timeout_ms = lim.http_timeout_ms,
                           .max_response = lim.http_max_bytes,
                           .cancel = ctx->cancel};
    rc = httpc_do(http, &rq, &resp, NULL, NULL);
    if (rc < 0 && resp.cancelled) {
        rc = tools_fail(err, errcap, AG_EBUSY, "web_search: cancelled");
    } else if (rc < 0 && rc != AG_ENOMEM) {
        rc = tools_fail(err, errcap, AG_EUPSTREAM,
                        "web_search: the search endpoint is not reachable (%s)", ag_strerror(rc));
    } else if (rc == 0 && resp.status != 200) {
        rc = tools_fail(err, errcap, AG_EUPSTREAM,
                        "web_search: the search endpoint answered HTTP %ld", resp.status);
    } else if (rc == 0) {
        rc = jsn_parse(buf_cstr(&resp.body), resp.body.len, &doc) < 0
                 ? AG_EUPSTREAM
                 : pick_results(doc, n, results);
        if (rc == AG_EUPSTREAM) {
            rc = tools_fail(err, errcap, rc,
                            "web_search: the endpoint did not return SearxNG "
                            "JSON (is format=json enabled?)");
        }
    }
    json_object_put(doc);
    buf_free(&resp.body);
    httpc_free(http);
    return rc;
}

int
tools_search_run(const struct tool_ctx *ctx, struct json_object *args, struct json_object *out,
                 char *err, size_t errcap)
{
    static const char *const keys[] = {"query", "max_results", NULL};
    struct tool_limits lim = tools_limits(ctx);
    const char *q = NULL;
    long long n = 5;
    int rc = tools_check_keys(args, keys, err, errcap);
    rc = rc ? rc : tools_arg_str(args, "query", 1, MAX_QUERY, &q, err, errcap);
    if (rc == 0 && jsn_int(args, "max_results", 0, 1, 20, &n) < 0) {
        rc = tools_fail(err, errcap, AG_EINVAL, "\"max_results\" must be an integer from 1 to 20");
    }
    if (rc == 0 && (!ctx->search_endpoint || !*ctx->search_endpoint)) {
        rc = tools_fail(err, errcap, AG_EINTERNAL,
                        "web_search is not configured: set a SearxNG "
                        "endpoint in Settings \xe2\x86\x92 Providers");
    }
    if (rc < 0) {
        return rc;
    }
    n = n > lim.search_max_results ? lim.search_max_results : n;
    struct buf url = BUF_INIT;
    struct json_object *results = json_object_new_array();
    rc = results ? build_url(ctx->search_endpoint, q, &url) : AG_ENOMEM;
    rc = rc ? rc : fetch(buf_cstr(&url), ctx, (int)n, results, err, errcap);
    rc = rc ? rc : jsn_add_str(out, "query", q);
    if (rc == 0) {
        rc = jsn_add(out, "results", results); /* takes ownership */
        results = NULL;
    }
    json_object_put(results);
    buf_free(&url);
    return rc;
}
