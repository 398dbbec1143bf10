/* SPDX-License-Identifier: MIT */
/* check_web.c - request parsing edge cases, the router (404/405, params), the route table walk,
 * and whole requests through web_handle in-process (headers, HTML vs JSON errors, 413). */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <time.h>

#include "../../cgi/auth/auth.h"
#include "../../cgi/core/jsn.h"
#include "../../cgi/web/dispatch.h"
#include "../../cgi/web/req.h"
#include "../../cgi/web/route.h"

static struct app app;
static struct arena *ar;
static char session_env[128]; /* "HTTP_COOKIE=ag_session=..." once sign_in() ran, else empty */

static void
setup(void)
{
    memset(&app, 0, sizeof(app));
    cfg_defaults(&app.cfg);
    snprintf(app.tmpl_root, sizeof(app.tmpl_root), "templates/web");
    ck_assert_int_eq(db_open(":memory:", &app.db), 0);
    int applied = 0;
    ck_assert_int_eq(db_migrate(app.db, "sql", &applied), 0);
    ck_assert_int_eq(db_latest_migration("sql", &app.schema_latest), 0);
    ar = arena_new(1 << 20);
    session_env[0] = '\0';
}

/* sign_in makes a viewer and a session; later run() calls carry its cookie */
static void
sign_in(void)
{
    long long id = 0, sid = 0;
    char token[AUTH_TOKEN_SIZE];
    ck_assert_int_eq(auth_db_user_add(app.db, "viewer", NULL, AUTH_VIEWER, NULL, &id), 0);
    ck_assert_int_eq(auth_session_create(app.db, id, time(NULL), "127.0.0.1", "check", token, &sid), 0);
    snprintf(session_env, sizeof(session_env), "HTTP_COOKIE=ag_session=%s", token);
}

static void
teardown(void)
{
    arena_free(ar);
    db_close(app.db);
}

/* run one request; returns the status, the whole response in out */
static int
run(const char *method, const char *uri, const char *ctype, const char *body, struct buf *out,
    const char *extra)
{
    char m[64], u[512], c[256], x[256];
    snprintf(m, sizeof(m), "REQUEST_METHOD=%s", method);
    snprintf(u, sizeof(u), "DOCUMENT_URI=%s", uri);
    snprintf(c, sizeof(c), "CONTENT_TYPE=%s", ctype ? ctype : "");
    snprintf(x, sizeof(x), "%s", extra ? extra : "X_NONE=1");
    char *envp[] = {m, u, c, x, session_env[0] ? session_env : NULL, NULL};
    buf_reset(out);
    arena_reset(ar);
    return web_handle(&app, ar, envp, body, body ? strlen(body) : 0, out);
}

START_TEST(test_req_urlencoded_and_decoding)
{
    struct req r = {0};
    r.ar = ar;
    const char q[] = "a=1&b=two+words&c=%3Cx%3E&empty=&flag&a=2&%E2%9C%93=ok";
    ck_assert_int_eq(req_parse_urlencoded(&r, q, strlen(q)), 0);
    ck_assert_str_eq(req_param(&r, "a"), "1"); /* first wins */
    ck_assert_str_eq(req_param(&r, "b"), "two words");
    ck_assert_str_eq(req_param(&r, "c"), "<x>");
    ck_assert_str_eq(req_param(&r, "empty"), "");
    ck_assert_str_eq(req_param(&r, "flag"), "");
    ck_assert_str_eq(req_param(&r, "\xe2\x9c\x93"), "ok");
    ck_assert_ptr_null(req_param(&r, "missing"));
    const char *s = NULL;
    ck_assert_int_eq(req_param_str(&r, "b", 1, 3, &s), AG_EINVAL); /* too long */
    ck_assert_int_eq(req_param_str(&r, "empty", 1, 3, &s), AG_EINVAL); /* required */
    long long n = 0;
    ck_assert_int_eq(req_param_i64(&r, "a", &n), 0);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(req_param_i64(&r, "b", &n), AG_EINVAL);
    struct req bad = {0};
    bad.ar = ar;
    ck_assert_int_eq(req_parse_urlencoded(&bad, "x=%zz", 5), AG_EINVAL);
    ck_assert_int_eq(req_parse_urlencoded(&bad, "x=%4", 4), AG_EINVAL);
    ck_assert_int_eq(req_parse_urlencoded(&bad, "x=%", 3), AG_EINVAL);
}
END_TEST

START_TEST(test_req_utf8)
{
    ck_assert(req_utf8_valid("plain", 5));
    ck_assert(req_utf8_valid("\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80", 9));
    ck_assert(!req_utf8_valid("\xc0\xaf", 2));         /* overlong */
    ck_assert(!req_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
    ck_assert(!req_utf8_valid("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
    ck_assert(!req_utf8_valid("\xe6\x97", 2));         /* truncated */
    ck_assert(!req_utf8_valid("\xff", 1));
}
END_TEST

START_TEST(test_req_cookies)
{
    struct req r = {0};
    r.ar = ar;
    ck_assert_int_eq(req_parse_cookies(&r, "a=1; sid=abc=def;b=;  c=3"), 0);
    ck_assert_str_eq(req_cookie(&r, "a"), "1");
    ck_assert_str_eq(req_cookie(&r, "sid"), "abc=def");
    ck_assert_str_eq(req_cookie(&r, "b"), "");
    ck_assert_str_eq(req_cookie(&r, "c"), "3");
    ck_assert_ptr_null(req_cookie(&r, "d"));
}
END_TEST

START_TEST(test_req_multipart)
{
    struct req r = {0};
    r.ar = ar;
    const char body[] = "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello\r\n"
                        "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                        "Content-Type: text/plain\r\n\r\nline1\r\nline2\r\n--XyZ--\r\n";
    ck_assert_int_eq(req_parse_multipart(&r, "multipart/form-data; boundary=XyZ", body, sizeof(body) - 1), 0);
    ck_assert_str_eq(req_param(&r, "title"), "Hello");
    const struct kv *f = req_param_kv(&r, "file");
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->value, "line1\r\nline2");
    ck_assert_str_eq(f->filename, "a.txt");
    ck_assert_str_eq(f->content_type, "text/plain");
    struct req bad = {0};
    bad.ar = ar;
    ck_assert_int_eq(req_parse_multipart(&bad, "multipart/form-data", body, sizeof(body) - 1), AG_EINVAL);
    const char trunc[] = "--XyZ\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nno end";
    ck_assert_int_eq(req_parse_multipart(&bad, "multipart/form-data; boundary=XyZ", trunc, sizeof(trunc) - 1), AG_EINVAL);
    const char noname[] = "--XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XyZ--";
    ck_assert_int_eq(req_parse_multipart(&bad, "multipart/form-data; boundary=XyZ", noname, sizeof(noname) - 1), AG_EINVAL);
}
END_TEST

START_TEST(test_route_patterns)
{
    struct req r = {0};
    r.ar = ar;
    ck_assert(route_pattern_match(&r, "/projects/:id/files", "/projects/42/files"));
    ck_assert_str_eq(req_param(&r, "id"), "42");
    ck_assert(!route_pattern_match(NULL, "/projects/:id", "/projects/"));
    ck_assert(!route_pattern_match(NULL, "/projects/:id", "/projects/1/x"));
    ck_assert(!route_pattern_match(NULL, "/about", "/about/"));
    ck_assert(route_pattern_match(NULL, "/", "/"));
    ck_assert(!route_pattern_match(NULL, "/", "/x"));
}
END_TEST

/* The table walk STYLE §6 asks for: no duplicates, every handler set, every route has exactly
 * one role, every non-GET route is CSRF-checked or says why not, JSON routes live under /api
 * or are probes. */
START_TEST(test_route_table_walk)
{
    for (int i = 0; i < n_routes; i++) {
        const struct route *a = &routes[i];
        ck_assert_msg(a->handler != NULL, "%s %s has no handler", a->method, a->pattern);
        unsigned roles = a->flags & (ROUTE_PUBLIC | ROUTE_AUTH | ROUTE_EDITOR | ROUTE_ADMIN);
        ck_assert_msg(roles && !(roles & (roles - 1)), "%s %s needs exactly one role", a->method, a->pattern);
        ck_assert_msg(a->pattern[0] == '/', "%s must start with /", a->pattern);
        /* issue 5 acceptance 4: a state-changing route is CSRF-checked (no NO_CSRF flag) or is
         * a JSON route that says why not; either way it has a role (checked above) */
        if (strcmp(a->method, "GET") != 0) {
            ck_assert_msg(!(a->flags & ROUTE_NO_CSRF) || (a->flags & ROUTE_JSON),
                          "%s %s: non-GET without CSRF must be a JSON route", a->method, a->pattern);
        }
        if (a->flags & ROUTE_NO_CSRF) {
            /* only state-changing JSON routes may skip CSRF (sign-in, token-authed calls) */
            ck_assert_msg(strcmp(a->method, "GET") != 0 && (a->flags & ROUTE_JSON),
                          "%s %s: NO_CSRF only for non-GET JSON routes", a->method, a->pattern);
        }
        for (int k = i + 1; k < n_routes; k++) {
            ck_assert_msg(strcmp(a->method, routes[k].method) || strcmp(a->pattern, routes[k].pattern),
                          "duplicate route %s %s", a->method, a->pattern);
        }
    }
}
END_TEST

/* Every /api route of the table is documented in templates/api/openapi.json with its method. */
START_TEST(test_route_openapi_in_step)
{
    FILE *f = fopen("templates/api/openapi.json", "rb");
    ck_assert_ptr_nonnull(f);
    struct buf text = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        ck_assert_int_eq(buf_append(&text, chunk, n), 0);
    }
    fclose(f);
    struct json_object *doc = NULL, *paths = NULL;
    ck_assert_int_eq(jsn_parse(text.data, text.len, &doc), 0);
    ck_assert(json_object_object_get_ex(doc, "paths", &paths));
    for (int i = 0; i < n_routes; i++) {
        if (strncmp(routes[i].pattern, "/api/", 5) != 0) {
            continue;
        }
        char path[256] = "";
        size_t o = 0;
        for (const char *p = routes[i].pattern; *p && o + 2 < sizeof(path);) {
            if (*p == ':' || *p == '*') {
                size_t len = strcspn(p + 1, "/");
                o += (size_t)snprintf(path + o, sizeof(path) - o, "{%.*s}", (int)len, p + 1);
                p += len + 1;
            } else {
                path[o++] = *p++;
                path[o] = '\0';
            }
        }
        char method[16];
        for (size_t k = 0; k < sizeof(method) - 1; k++) {
            method[k] = (char)tolower((unsigned char)routes[i].method[k]);
            if (!method[k]) {
                break;
            }
        }
        method[sizeof(method) - 1] = '\0';
        struct json_object *item = NULL;
        ck_assert_msg(json_object_object_get_ex(paths, path, &item), "%s missing from openapi.json", path);
        ck_assert_msg(json_object_object_get_ex(item, method, NULL), "%s %s missing from openapi.json",
                      routes[i].method, path);
    }
    json_object_put(doc);
    buf_free(&text);
}
END_TEST

START_TEST(test_web_security_headers_and_pages)
{
    struct buf out = BUF_INIT;
    sign_in(); /* "/" and "/about" are for signed-in users */
    ck_assert_int_eq(run("GET", "/", NULL, NULL, &out, NULL), 200);
    const char *s = buf_cstr(&out);
    ck_assert_ptr_nonnull(strstr(s, "Content-Security-Policy: default-src 'self'; script-src 'self';"));
    ck_assert_ptr_nonnull(strstr(s, "frame-ancestors 'none'"));
    ck_assert_ptr_nonnull(strstr(s, "X-Content-Type-Options: nosniff"));
    ck_assert_ptr_nonnull(strstr(s, "Referrer-Policy: same-origin"));
    ck_assert_ptr_nonnull(strstr(s, "X-Request-Id: "));
    ck_assert_ptr_null(strstr(s, "unsafe-inline"));
    ck_assert_int_eq(run("GET", "/about", NULL, NULL, &out, NULL), 200);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "SQLite"));
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "ClearSilver"));
    ck_assert_int_eq(run("GET", "/about", NULL, NULL, &out, "REQUEST_ID=00ff00ff00ff00ff00ff00ff00ff00ff"), 200);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "X-Request-Id: 00ff00ff00ff00ff00ff00ff00ff00ff\r\n"));
    ck_assert_int_eq(run("HEAD", "/about", NULL, NULL, &out, NULL), 200);
    ck_assert_ptr_null(strstr(buf_cstr(&out), "<html"));
    buf_free(&out);
}
END_TEST

START_TEST(test_web_404_405_html_and_json)
{
    struct buf out = BUF_INIT;
    sign_in();
    ck_assert_int_eq(run("GET", "/no/such/page", NULL, NULL, &out, NULL), 404);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "Content-Type: text/html"));
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "<h1>404 Not Found</h1>"));
    ck_assert_int_eq(run("GET", "/api/nothing", NULL, NULL, &out, NULL), 404);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "Content-Type: application/json"));
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "{\"error\":{\"code\":\"not_found\""));
    ck_assert_int_eq(run("POST", "/about", "application/x-www-form-urlencoded", "a=1", &out, NULL), 405);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "Allow: GET\r\n"));
    ck_assert_int_eq(run("DELETE", "/api/version", NULL, NULL, &out, NULL), 405);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "\"code\":\"method_not_allowed\""));
    ck_assert_int_eq(run("GET", "/about", NULL, NULL, &out, "HTTP_ACCEPT=application/json"), 200);
    buf_free(&out);
}
END_TEST

START_TEST(test_web_bad_bodies)
{
    struct buf out = BUF_INIT;
    ck_assert_int_eq(run("POST", "/api/version", "application/json", "{not json", &out, NULL), 400);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "\"code\":\"invalid\""));
    app.cfg.max_body = 8;
    ck_assert_int_eq(run("POST", "/api/version", "application/json", "{\"a\":\"0123456789\"}", &out, NULL), 413);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "\"code\":\"too_big\""));
    buf_free(&out);
}
END_TEST

START_TEST(test_web_health_probes)
{
    struct buf out = BUF_INIT;
    ck_assert_int_eq(run("GET", "/healthz", NULL, NULL, &out, NULL), 200);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "{\"status\":\"ok\""));
    ck_assert_int_eq(run("GET", "/livez", NULL, NULL, &out, NULL), 200);
    ck_assert_int_eq(run("GET", "/readyz", NULL, NULL, &out, NULL), 200);
    app.schema_latest++; /* the program expects a newer schema than the DB has */
    ck_assert_int_eq(run("GET", "/readyz", NULL, NULL, &out, NULL), 503);
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "\"status\":\"not_ready\""));
    buf_free(&out);
}
END_TEST

Suite *
web_suite(void)
{
    Suite *s = suite_create("web");
    TCase *tc = tcase_create("req");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_req_urlencoded_and_decoding);
    tcase_add_test(tc, test_req_utf8);
    tcase_add_test(tc, test_req_cookies);
    tcase_add_test(tc, test_req_multipart);
    suite_add_tcase(s, tc);
    tc = tcase_create("route");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_route_patterns);
    tcase_add_test(tc, test_route_table_walk);
    tcase_add_test(tc, test_route_openapi_in_step);
    suite_add_tcase(s, tc);
    tc = tcase_create("dispatch");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_web_security_headers_and_pages);
    tcase_add_test(tc, test_web_404_405_html_and_json);
    tcase_add_test(tc, test_web_bad_bodies);
    tcase_add_test(tc, test_web_health_probes);
    suite_add_tcase(s, tc);
    return s;
}
