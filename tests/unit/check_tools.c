/* SPDX-License-Identifier: MIT */
/* check_tools.c - the built-in agent tools (cgi/agents/tools*.c): http_client SSRF refusals and a
 * real request to an allow-listed loopback fake, file_writer confinement, sql_query read-only
 * guard, vector_search ranking and hostile queries, pdf_reader on a PDF written here, web_search
 * against tests/fakes/searx_fake.py. Each test gets a fresh temporary folder. */
#include <check.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../cgi/agents/tools.h"
#include "../../cgi/core/buf.h"
#include "../../cgi/core/httpc.h"
#include "../../cgi/core/jsn.h"

static char tmp[64];
static char run_dir[128];
static char err[512];
static struct buf out;
static struct json_object *res; /* parsed result of the last call() */
static pid_t fake_pid;
static int fake_out = -1;

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    (void)st, (void)flag, (void)f;
    return remove(p);
}

static void
setup(void)
{
    snprintf(tmp, sizeof(tmp), "/tmp/ag_tools_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
    snprintf(run_dir, sizeof(run_dir), "%s/run", tmp);
    ck_assert_int_eq(mkdir(run_dir, 0750), 0);
    buf_init(&out);
    res = NULL;
    fake_pid = 0;
    fake_out = -1;
    err[0] = '\0';
    ck_assert_int_eq(httpc_global_init(), 0);
}

static void
teardown(void)
{
    if (fake_pid > 0) {
        kill(fake_pid, SIGTERM);
        waitpid(fake_pid, NULL, 0);
    }
    if (fake_out >= 0) {
        close(fake_out);
    }
    json_object_put(res);
    buf_free(&out);
    nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* call runs tool with JSON args text; on success res holds the parsed result. */
static int
call(const struct tool_ctx *ctx, const char *tool, const char *args_json)
{
    struct json_object *args = NULL;
    ck_assert_int_eq(jsn_parse(args_json, strlen(args_json), &args), 0);
    json_object_put(res);
    res = NULL;
    buf_reset(&out);
    int rc = tools_call(ctx, tool, args, &out, err, sizeof(err));
    json_object_put(args);
    if (rc == 0) {
        ck_assert_int_eq(jsn_parse(out.data, out.len, &res), 0);
    } else {
        ck_assert_msg(err[0] != '\0', "error without a message");
    }
    return rc;
}

static const char *
res_str(const char *key)
{
    struct json_object *v = NULL;
    ck_assert_msg(json_object_object_get_ex(res, key, &v), "no %s in %s", key, out.data);
    return json_object_get_string(v);
}

static long long
res_int(const char *key)
{
    struct json_object *v = NULL;
    ck_assert_msg(json_object_object_get_ex(res, key, &v), "no %s in %s", key, out.data);
    return json_object_get_int64(v);
}

/* start_fake runs tests/fakes/searx_fake.py --port 0 and returns its port. */
static int
start_fake(void)
{
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    fake_pid = fork();
    ck_assert_int_ge(fake_pid, 0);
    if (fake_pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        execlp("python3", "python3", "tests/fakes/searx_fake.py", "--port", "0", (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    /* Read up to the newline, and keep the pipe open until teardown: the fake may write its line in
     * pieces, and a closed pipe would kill it with EPIPE. */
    char line[32] = {0};
    size_t n = 0;
    while (n < sizeof(line) - 1 && read(p[0], line + n, 1) == 1 && line[n] != '\n') {
        n++;
    }
    fake_out = p[0];
    ck_assert_uint_gt(n, 0);
    int port = (int)strtol(line, NULL, 10);
    ck_assert_int_gt(port, 0);
    return port;
}

static void
write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, n, f), n);
    fclose(f);
}

/* ---------- registry ---------- */

START_TEST(test_tools_schema_and_flags)
{
    static const char *const ids[] = {"http_client",   "file_writer", "sql_query",
                                      "vector_search", "pdf_reader",  "web_search"};
    for (size_t i = 0; i < AG_NELEM(ids); i++) {
        const char *s = tools_schema(ids[i]);
        struct json_object *o = NULL;
        ck_assert_ptr_nonnull(s);
        ck_assert_ptr_nonnull(tools_description(ids[i]));
        ck_assert_int_eq(jsn_parse(s, strlen(s), &o), 0);
        json_object_put(o);
    }
    ck_assert_ptr_null(tools_schema("rm_rf"));
    ck_assert_int_eq(tools_is_read_only("sql_query"), 1);
    ck_assert_int_eq(tools_is_read_only("pdf_reader"), 1);
    ck_assert_int_eq(tools_is_read_only("file_writer"), 0);
    ck_assert_int_eq(tools_is_read_only("http_client"), 0);
    ck_assert_int_eq(tools_is_read_only("nope"), 0);
    struct tool_ctx ctx = {0};
    ck_assert_int_eq(call(&ctx, "rm_rf", "{}"), AG_ENOTFOUND);
    ck_assert_int_eq(call(&ctx, "file_writer", "{\"path\":\"a\",\"content\":\"b\",\"x\":1}"),
                     AG_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "unknown argument"));
}
END_TEST

/* ---------- http_client ---------- */

START_TEST(test_tools_http_refuses_internal)
{
    static const char *const metadata_listed[] = {"169.254.169.254", "0.0.0.0", NULL};
    struct tool_ctx ctx = {.http_allow_public = 1};
    static const char *const urls[] = {
        "http://127.0.0.1:9/",
        "http://127.1.2.3/x",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://localhost:9/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://[fd00:ec2::254]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::]/",
        "http://224.0.0.1/",
        "http://100.100.100.200/",
    };
    for (size_t i = 0; i < AG_NELEM(urls); i++) {
        char args[256];
        snprintf(args, sizeof(args), "{\"url\":\"%s\"}", urls[i]);
        ck_assert_msg(call(&ctx, "http_client", args) == AG_EFORBIDDEN, "%s: %s", urls[i], err);
    }
    /* Metadata and unspecified addresses stay refused even when allow-listed. */
    ctx.http_allow_hosts = metadata_listed;
    ck_assert_int_eq(call(&ctx, "http_client", "{\"url\":\"http://169.254.169.254/\"}"),
                     AG_EFORBIDDEN);
    ck_assert_int_eq(call(&ctx, "http_client", "{\"url\":\"http://0.0.0.0/\"}"), AG_EFORBIDDEN);
}
END_TEST

START_TEST(test_tools_http_refuses_scheme_and_unlisted)
{
    struct tool_ctx ctx = {.http_allow_public = 1};
    ck_assert_int_eq(call(&ctx, "http_client", "{\"url\":\"file:///etc/passwd\"}"), AG_EFORBIDDEN);
    ck_assert_int_eq(call(&ctx, "http_client", "{\"url\":\"gopher://example.com/\"}"),
                     AG_EFORBIDDEN);
    ck_assert_int_eq(call(&ctx, "http_client", "{\"url\":\"not a url\"}"), AG_EFORBIDDEN);
    ck_assert_int_eq(call(&ctx, "http_client", "{\"url\":\"http://\"}"), AG_EINVAL);
    ctx.http_allow_public = 0; /* strict allow-list, empty */
    ck_assert_int_eq(call(&ctx, "http_client", "{\"url\":\"http://example.com/\"}"), AG_EFORBIDDEN);
    ck_assert_ptr_nonnull(strstr(err, "allow-list"));
    ctx.http_allow_public = 1;
    ck_assert_int_eq(call(&ctx, "http_client",
                          "{\"url\":\"http://example.com/"
                          "\",\"headers\":{\"X-A\":\"1\\r\\nHost: x\"}}"),
                     AG_EINVAL);
    ck_assert_int_eq(call(&ctx, "http_client",
                          "{\"url\":\"http://example.com/\",\"headers\":{\"Host\":\"evil\"}}"),
                     AG_EINVAL);
    ck_assert_int_eq(
        call(&ctx, "http_client", "{\"url\":\"http://example.com/\",\"method\":\"TRACE\"}"),
        AG_EINVAL);
}
END_TEST

START_TEST(test_tools_http_allow_listed_loopback)
{
    static const char *const allow[] = {"127.0.0.1", NULL};
    static const char *const allow_name[] = {"LOCALHOST", NULL};
    struct tool_ctx ctx = {.http_allow_hosts = allow};
    int port = start_fake();
    char args[512];
    snprintf(args, sizeof(args), "{\"url\":\"http://127.0.0.1:%d/hello\"}", port);
    ck_assert_msg(call(&ctx, "http_client", args) == 0, "%s", err);
    ck_assert_int_eq(res_int("status"), 200);
    ck_assert_str_eq(res_str("body"), "hello from fake");
    ck_assert_ptr_nonnull(strstr(res_str("content_type"), "text/plain"));
    ck_assert_str_eq(res_str("truncated"), "false");
    /* A name that resolves to loopback: refused until the name itself is listed. */
    snprintf(args, sizeof(args), "{\"url\":\"http://localhost:%d/hello\"}", port);
    ck_assert_int_eq(call(&ctx, "http_client", args), AG_EFORBIDDEN);
    ctx.http_allow_hosts = allow_name;
    ck_assert_msg(call(&ctx, "http_client", args) == 0, "%s", err);
    ck_assert_str_eq(res_str("body"), "hello from fake");
    /* POST with a body and a header. */
    ctx.http_allow_hosts = allow;
    snprintf(args, sizeof(args),
             "{\"url\":\"http://127.0.0.1:%d/"
             "echo\",\"method\":\"POST\",\"body\":\"ping\","
             "\"headers\":{\"X-Test\":\"yes\",\"Content-Type\":\"text/plain\"}}",
             port);
    ck_assert_msg(call(&ctx, "http_client", args) == 0, "%s", err);
    ck_assert_ptr_nonnull(strstr(res_str("body"), "\"body\": \"ping\""));
    ck_assert_ptr_nonnull(strstr(res_str("body"), "\"x_test\": \"yes\""));
}
END_TEST

START_TEST(test_tools_http_redirects_and_cap)
{
    static const char *const allow[] = {"127.0.0.1", NULL};
    struct tool_ctx ctx = {.http_allow_hosts = allow, .http_allow_public = 1};
    int port = start_fake();
    char args[512];
    /* Followed (and re-checked) when the target is allowed. */
    snprintf(args, sizeof(args),
             "{\"url\":\"http://127.0.0.1:%d/redirect?to=http://127.0.0.1:%d/hello\"}", port, port);
    ck_assert_msg(call(&ctx, "http_client", args) == 0, "%s", err);
    ck_assert_int_eq(res_int("status"), 200);
    ck_assert_str_eq(res_str("body"), "hello from fake");
    /* A redirect to the metadata address or an unlisted loopback name is refused. */
    snprintf(args, sizeof(args),
             "{\"url\":\"http://127.0.0.1:%d/redirect?to=http://169.254.169.254/"
             "latest/\"}",
             port);
    ck_assert_int_eq(call(&ctx, "http_client", args), AG_EFORBIDDEN);
    snprintf(args, sizeof(args),
             "{\"url\":\"http://127.0.0.1:%d/redirect?to=http://localhost:%d/hello\"}", port, port);
    ck_assert_int_eq(call(&ctx, "http_client", args), AG_EFORBIDDEN);
    /* Redirects off: the 3xx comes back with its location. */
    ctx.limits.http_max_redirects = -1;
    snprintf(args, sizeof(args), "{\"url\":\"http://127.0.0.1:%d/redirect?to=/hello\"}", port);
    ck_assert_msg(call(&ctx, "http_client", args) == 0, "%s", err);
    ck_assert_int_eq(res_int("status"), 302);
    ck_assert_ptr_nonnull(strstr(res_str("location"), "/hello"));
    /* Size cap: the body is cut and flagged. */
    ctx.limits.http_max_bytes = 1000;
    snprintf(args, sizeof(args), "{\"url\":\"http://127.0.0.1:%d/big?n=50000\"}", port);
    ck_assert_msg(call(&ctx, "http_client", args) == 0, "%s", err);
    ck_assert_uint_eq(strlen(res_str("body")), 1000);
    ck_assert_str_eq(res_str("truncated"), "true");
}
END_TEST

static int
refuse_all(void *ctx, const struct sockaddr *sa, socklen_t len)
{
    (void)sa, (void)len;
    ++*(int *)ctx;
    return -1;
}

/* The httpc hooks http_client relies on: CURLOPT_RESOLVE replaces DNS for the name, and the
 * connect-time check can veto the address libcurl actually uses. */
START_TEST(test_tools_httpc_pin_hooks)
{
    int port = start_fake(), vetoed = 0;
    char url[128], pin[128];
    snprintf(url, sizeof(url), "http://pinned.invalid:%d/hello", port);
    snprintf(pin, sizeof(pin), "pinned.invalid:%d:127.0.0.1", port);
    const char *resolve[] = {pin, NULL};
    struct httpc *h = NULL;
    struct httpc_resp resp;
    ck_assert_int_eq(httpc_new(&h), 0);
    struct httpc_req rq = {.method = "GET", .url = url, .resolve = resolve, .no_proxy = 1};
    ck_assert_int_eq(httpc_do(h, &rq, &resp, NULL, NULL), 0);
    ck_assert_str_eq(buf_cstr(&resp.body), "hello from fake");
    buf_free(&resp.body);
    rq.sock_check = refuse_all;
    rq.sock_ctx = &vetoed;
    httpc_free(h);
    ck_assert_int_eq(httpc_new(&h), 0); /* no pooled connection to reuse */
    ck_assert_int_eq(httpc_do(h, &rq, &resp, NULL, NULL), AG_EUPSTREAM);
    ck_assert_int_ge(vetoed, 1);
    httpc_free(h);
}
END_TEST

/* ---------- file_writer ---------- */

START_TEST(test_tools_file_refuses_escapes)
{
    struct tool_ctx ctx = {.run_dir = run_dir};
    char outside[160], lnk[200];
    static const char *const bad[] = {
        "{\"path\":\"../x\",\"content\":\"a\"}",
        "{\"path\":\"/etc/x\",\"content\":\"a\"}",
        "{\"path\":\"a/../../x\",\"content\":\"a\"}",
        "{\"path\":\"notes/../../x\",\"content\":\"a\"}",
        "{\"path\":\"a\\u0000b\",\"content\":\"a\"}",
        "{\"path\":\"\",\"content\":\"a\"}",
        "{\"path\":\"out/x\",\"content\":\"a\"}",
        "{\"path\":\"victim\",\"content\":\"a\"}",
    };
    /* Symlinks inside the run folder pointing outside it: a folder and a file. */
    snprintf(outside, sizeof(outside), "%s/outside", tmp);
    ck_assert_int_eq(mkdir(outside, 0750), 0);
    snprintf(lnk, sizeof(lnk), "%s/out", run_dir);
    ck_assert_int_eq(symlink(outside, lnk), 0);
    snprintf(outside, sizeof(outside), "%s/secret.txt", tmp);
    write_file(outside, "keep", 4);
    snprintf(lnk, sizeof(lnk), "%s/victim", run_dir);
    ck_assert_int_eq(symlink(outside, lnk), 0);
    for (size_t i = 0; i < AG_NELEM(bad); i++) {
        int rc = call(&ctx, "file_writer", bad[i]);
        ck_assert_msg(rc == AG_EFORBIDDEN || rc == AG_EINVAL, "%s -> %d", bad[i], rc);
    }
    struct stat st;
    ck_assert_int_eq(stat(outside, &st), 0);
    ck_assert_int_eq(st.st_size, 4); /* untouched */
    snprintf(lnk, sizeof(lnk), "%s/outside/x", tmp);
    ck_assert_int_ne(access(lnk, F_OK), 0);
    /* A hard link to an outside file is refused too, before anything is truncated. */
    snprintf(lnk, sizeof(lnk), "%s/hard", run_dir);
    ck_assert_int_eq(link(outside, lnk), 0);
    ck_assert_int_eq(call(&ctx, "file_writer", "{\"path\":\"hard\",\"content\":\"x\"}"),
                     AG_EFORBIDDEN);
    ck_assert_int_eq(stat(outside, &st), 0);
    ck_assert_int_eq(st.st_size, 4);
}
END_TEST

START_TEST(test_tools_file_writes_inside)
{
    struct tool_ctx ctx = {.run_dir = run_dir, .limits = {.file_max_bytes = 10}};
    char path[200], got[32] = {0};
    ck_assert_msg(call(&ctx, "file_writer", "{\"path\":\"notes/a.txt\",\"content\":\"hello\"}") ==
                      0,
                  "%s", err);
    ck_assert_str_eq(res_str("path"), "notes/a.txt");
    ck_assert_int_eq(res_int("bytes"), 5);
    ck_assert_int_eq(call(&ctx, "file_writer",
                          "{\"path\":\"./notes//a.txt\",\"content\":\"!\",\"append\":true}"),
                     0);
    ck_assert_str_eq(res_str("path"), "notes/a.txt");
    snprintf(path, sizeof(path), "%s/notes/a.txt", run_dir);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fread(got, 1, sizeof(got) - 1, f), 6);
    fclose(f);
    ck_assert_str_eq(got, "hello!");
    ck_assert_int_eq(call(&ctx, "file_writer",
                          "{\"path\":\"notes/a.txt\",\"content\":\"12345\",\"append\":true}"),
                     AG_ETOOBIG);
    ck_assert_int_eq(call(&ctx, "file_writer", "{\"path\":\"b\",\"content\":\"12345678901\"}"),
                     AG_EINVAL);
    ck_assert_int_eq(call(&ctx, "file_writer", "{\"path\":\"notes\",\"content\":\"x\"}"),
                     AG_EINVAL); /* a folder */
    struct tool_ctx none = {0};
    ck_assert_int_eq(call(&none, "file_writer", "{\"path\":\"a\",\"content\":\"x\"}"),
                     AG_EINTERNAL);
}
END_TEST

/* ---------- sql_query ---------- */

static void
make_sql_db(char *path, size_t cap)
{
    sqlite3 *db = NULL;
    snprintf(path, cap, "%s/data.db", tmp);
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_int_eq(
        sqlite3_exec(db,
                     "CREATE TABLE t(a INTEGER, b TEXT, c REAL);"
                     "INSERT INTO t VALUES (1,'one',1.5),(2,'two',NULL),(3,'three',3);",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
}

START_TEST(test_tools_sql_refuses_writes)
{
    char path[128], args[512];
    make_sql_db(path, sizeof(path));
    struct tool_ctx ctx = {.sql_db = path};
    static const char *const bad[] = {
        "INSERT INTO t VALUES (4,'x',0)",
        "UPDATE t SET a = 0",
        "DELETE FROM t",
        "DROP TABLE t",
        "CREATE TABLE u(x)",
        "ATTACH DATABASE '/tmp/ag_attack.db' AS x",
        "PRAGMA writable_schema=1",
        "PRAGMA journal_mode=DELETE",
        "SELECT 1; SELECT 2",
        "SELECT 1; DROP TABLE t",
        "SELECT load_extension('/tmp/x.so')",
        "WITH x AS (SELECT 1) DELETE FROM t",
        "BEGIN",
        "VACUUM",
        "",
    };
    for (size_t i = 0; i < AG_NELEM(bad); i++) {
        snprintf(args, sizeof(args), "{\"query\":\"%s\"}", bad[i]);
        int rc = call(&ctx, "sql_query", args);
        ck_assert_msg(rc == AG_EFORBIDDEN || rc == AG_EINVAL, "%s -> %d", bad[i], rc);
    }
    ck_assert_int_ne(access("/tmp/ag_attack.db", F_OK), 0);
    ck_assert_int_eq(call(&ctx, "sql_query", "{\"query\":\"SELECT count(*) FROM t\"}"), 0);
    ck_assert_ptr_nonnull(strstr(out.data, "\"rows\":[[3]]"));
    struct tool_ctx none = {0};
    ck_assert_int_eq(call(&none, "sql_query", "{\"query\":\"SELECT 1\"}"), AG_EINTERNAL);
}
END_TEST

START_TEST(test_tools_sql_select_rows)
{
    char path[128];
    make_sql_db(path, sizeof(path));
    struct tool_ctx ctx = {.sql_db = path, .limits = {.sql_max_rows = 2, .sql_timeout_ms = 300}};
    ck_assert_msg(call(&ctx, "sql_query",
                       "{\"query\":\"SELECT a, b, c FROM t WHERE a >= ? ORDER BY "
                       "a; -- done\","
                       "\"params\":[2]}") == 0,
                  "%s", err);
    ck_assert_str_eq(out.data, "{\"columns\":[\"a\",\"b\",\"c\"],\"rows\":[[2,\"two\",null],"
                               "[3,\"three\",3.0]],\"row_count\":2,\"truncated\":false}");
    ck_assert_int_eq(call(&ctx, "sql_query", "{\"query\":\"SELECT a FROM t ORDER BY a\"}"), 0);
    ck_assert_int_eq(res_int("row_count"), 2);
    ck_assert_str_eq(res_str("truncated"), "true");
    ck_assert_int_eq(call(&ctx, "sql_query", "{\"query\":\"PRAGMA table_info(t)\"}"), 0);
    ck_assert_int_eq(call(&ctx, "sql_query",
                          "{\"query\":\"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 "
                          "FROM c) SELECT count(*) FROM c\"}"),
                     AG_EBUSY);
    ck_assert_int_eq(call(&ctx, "sql_query", "{\"query\":\"SELECT nope FROM t\"}"), AG_EINVAL);
    volatile int stop = 1; /* the runner's Stop button */
    ctx.cancel = &stop;
    ctx.limits.sql_timeout_ms = 10000;
    ck_assert_int_eq(call(&ctx, "sql_query",
                          "{\"query\":\"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 "
                          "FROM c) SELECT count(*) FROM c\"}"),
                     AG_EBUSY);
    ck_assert_ptr_nonnull(strstr(err, "cancelled"));
}
END_TEST

/* ---------- vector_search ---------- */

START_TEST(test_tools_vector_ranks_and_survives)
{
    char db[128];
    long long id = 0, sqlite_id = 0;
    snprintf(db, sizeof(db), "%s/docs.db", tmp);
    struct tool_ctx ctx = {.docs_db = db, .docs_project = 7};
    ck_assert_int_eq(call(&ctx, "vector_search", "{\"query\":\"anything\"}"), 0); /* no file */
    ck_assert_str_eq(out.data, "{\"query\":\"anything\",\"results\":[]}");
    ck_assert_int_eq(tools_docs_add(db, 7, "Gardening", "Tomatoes need sun and water.", &id), 0);
    ck_assert_int_eq(tools_docs_add(db, 7, "SQLite notes",
                                    "FTS5 gives SQLite full text search with BM25 ranking.",
                                    &sqlite_id),
                     0);
    ck_assert_int_eq(tools_docs_add(db, 7, "Cooking", "Search the pantry for full jars.", &id), 0);
    ck_assert_int_eq(tools_docs_add(db, 8, "Other project", "SQLite full text search BM25", &id),
                     0);
    ck_assert_msg(call(&ctx, "vector_search", "{\"query\":\"sqlite full text search\",\"k\":3}") ==
                      0,
                  "%s", err);
    struct json_object *results = json_object_object_get(res, "results");
    ck_assert_int_eq(json_object_array_length(results), 2); /* project 8 is not visible */
    struct json_object *first = json_object_array_get_idx(results, 0);
    ck_assert_int_eq(json_object_get_int64(json_object_object_get(first, "id")), sqlite_id);
    ck_assert_ptr_nonnull(
        strstr(json_object_get_string(json_object_object_get(first, "snippet")), "[SQLite]"));
    static const char *const hostile[] = {
        "{\"query\":\"\\\"\"}",     "{\"query\":\"*\"}",          "{\"query\":\"NEAR(\"}",
        "{\"query\":\"OR AND\"}",   "{\"query\":\"title:x OR\"}", "{\"query\":\"a\\\"b) NOT (\"}",
        "{\"query\":\"^sqlite*\"}", "{\"query\":\"-- ; DROP\"}",  "{\"query\":\"\\u00e9t\\u00e9\"}",
    };
    for (size_t i = 0; i < AG_NELEM(hostile); i++) {
        ck_assert_msg(call(&ctx, "vector_search", hostile[i]) == 0, "%s: %s", hostile[i], err);
    }
    ck_assert_int_eq(call(&ctx, "vector_search", "{\"query\":\"^sqlite*\"}"), 0);
    ck_assert_int_ge(json_object_array_length(json_object_object_get(res, "results")), 1);
    ck_assert_int_eq(tools_docs_delete(db, sqlite_id), 0);
    ck_assert_int_eq(tools_docs_delete(db, sqlite_id), AG_ENOTFOUND);
    struct tool_ctx none = {0};
    ck_assert_int_eq(call(&none, "vector_search", "{\"query\":\"x\"}"), AG_EINTERNAL);
}
END_TEST

/* ---------- pdf_reader ---------- */

/* write_pdf writes a one-page "Hello PDF" with a correct xref table. */
static void
write_pdf(const char *path)
{
    static const char *const objs[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        NULL, /* the content stream, below */
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    static const char content[] = "BT /F1 24 Tf 20 100 Td (Hello PDF) Tj ET";
    char stream[128];
    long offs[5];
    struct buf b = BUF_INIT;
    snprintf(stream, sizeof(stream), "<< /Length %zu >>\nstream\n%s\nendstream", strlen(content),
             content);
    ck_assert_int_eq(buf_puts(&b, "%PDF-1.4\n"), 0);
    for (int i = 0; i < 5; i++) {
        offs[i] = (long)b.len;
        ck_assert_int_eq(
            buf_printf(&b, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i] ? objs[i] : stream), 0);
    }
    long xref = (long)b.len;
    ck_assert_int_eq(buf_puts(&b, "xref\n0 6\n0000000000 65535 f \n"), 0);
    for (int i = 0; i < 5; i++) {
        ck_assert_int_eq(buf_printf(&b, "%010ld 00000 n \n", offs[i]), 0);
    }
    ck_assert_int_eq(
        buf_printf(&b, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", xref), 0);
    write_file(path, b.data, b.len);
    buf_free(&b);
}

START_TEST(test_tools_pdf_extracts)
{
    char path[200], uploads[160];
    snprintf(path, sizeof(path), "%s/docs", run_dir);
    ck_assert_int_eq(mkdir(path, 0750), 0);
    snprintf(path, sizeof(path), "%s/docs/hello.pdf", run_dir);
    write_pdf(path);
    snprintf(uploads, sizeof(uploads), "%s/uploads", tmp);
    ck_assert_int_eq(mkdir(uploads, 0750), 0);
    snprintf(path, sizeof(path), "%s/up.pdf", uploads);
    write_pdf(path);
    struct tool_ctx ctx = {.run_dir = run_dir, .upload_dir = uploads};
    ck_assert_msg(call(&ctx, "pdf_reader", "{\"path\":\"docs/hello.pdf\"}") == 0, "%s", err);
    ck_assert_ptr_nonnull(strstr(res_str("text"), "Hello PDF"));
    ck_assert_int_eq(res_int("pages"), 1);
    ck_assert_str_eq(res_str("truncated"), "false");
    ck_assert_msg(call(&ctx, "pdf_reader", "{\"path\":\"up.pdf\"}") == 0, "%s", err);
    ck_assert_ptr_nonnull(strstr(res_str("text"), "Hello PDF"));
    ctx.limits.pdf_max_bytes = 3;
    ck_assert_int_eq(call(&ctx, "pdf_reader", "{\"path\":\"docs/hello.pdf\"}"), 0);
    ck_assert_str_eq(res_str("text"), "Hel");
    ck_assert_str_eq(res_str("truncated"), "true");
    volatile int stop = 1;
    ctx.cancel = &stop;
    ck_assert_int_eq(call(&ctx, "pdf_reader", "{\"path\":\"docs/hello.pdf\"}"), AG_EBUSY);
}
END_TEST

START_TEST(test_tools_pdf_refuses)
{
    char path[200], lnk[200];
    struct tool_ctx ctx = {.run_dir = run_dir};
    snprintf(path, sizeof(path), "%s/outside.pdf", tmp);
    write_pdf(path);
    snprintf(lnk, sizeof(lnk), "%s/link.pdf", run_dir);
    ck_assert_int_eq(symlink(path, lnk), 0);
    ck_assert_int_eq(call(&ctx, "pdf_reader", "{\"path\":\"../outside.pdf\"}"), AG_EFORBIDDEN);
    ck_assert_int_eq(call(&ctx, "pdf_reader", "{\"path\":\"link.pdf\"}"), AG_EFORBIDDEN);
    ck_assert_int_eq(call(&ctx, "pdf_reader", "{\"path\":\"/etc/passwd\"}"), AG_EFORBIDDEN);
    ck_assert_int_eq(call(&ctx, "pdf_reader", "{\"path\":\"missing.pdf\"}"), AG_ENOTFOUND);
    snprintf(path, sizeof(path), "%s/notes.txt", run_dir);
    write_file(path, "just text\n", 10);
    ck_assert_int_eq(call(&ctx, "pdf_reader", "{\"path\":\"notes.txt\"}"), AG_EINVAL);
    ck_assert_ptr_nonnull(strstr(err, "not a PDF"));
    snprintf(path, sizeof(path), "%s/broken.pdf", run_dir);
    write_file(path, "%PDF-1.4\ngarbage\n", 17);
    ck_assert_int_eq(call(&ctx, "pdf_reader", "{\"path\":\"broken.pdf\"}"), AG_EUPSTREAM);
    ck_assert_ptr_nonnull(strstr(err, "could not be read"));
}
END_TEST

/* ---------- web_search ---------- */

START_TEST(test_tools_search)
{
    struct tool_ctx ctx = {0};
    char endpoint[128];
    ck_assert_int_eq(call(&ctx, "web_search", "{\"query\":\"x\"}"), AG_EINTERNAL);
    ck_assert_ptr_nonnull(strstr(err, "web_search is not configured"));
    int port = start_fake();
    snprintf(endpoint, sizeof(endpoint), "http://127.0.0.1:%d/search", port);
    ctx.search_endpoint = endpoint; /* loopback is fine: admin-configured */
    ck_assert_msg(call(&ctx, "web_search", "{\"query\":\"c & d?\",\"max_results\":3}") == 0, "%s",
                  err);
    struct json_object *results = json_object_object_get(res, "results");
    ck_assert_int_eq(json_object_array_length(results), 3);
    struct json_object *r0 = json_object_array_get_idx(results, 0);
    ck_assert_str_eq(json_object_get_string(json_object_object_get(r0, "title")),
                     "Result 1 for c & d?");
    ck_assert_str_eq(json_object_get_string(json_object_object_get(r0, "url")),
                     "https://example.org/1");
    ck_assert_ptr_nonnull(json_object_object_get(r0, "content"));
    snprintf(endpoint, sizeof(endpoint), "http://127.0.0.1:%d/notjson", port);
    ck_assert_int_eq(call(&ctx, "web_search", "{\"query\":\"x\"}"), AG_EUPSTREAM);
    snprintf(endpoint, sizeof(endpoint), "http://127.0.0.1:%d/missing", port);
    ck_assert_int_eq(call(&ctx, "web_search", "{\"query\":\"x\"}"), AG_EUPSTREAM);
}
END_TEST

Suite *
tools_suite(void)
{
    Suite *s = suite_create("tools");
    struct {
        const char *name;
        const TTest *test;
    } cases[] = {
        {"schema", test_tools_schema_and_flags},
        {"http_refuses_internal", test_tools_http_refuses_internal},
        {"http_refuses_scheme", test_tools_http_refuses_scheme_and_unlisted},
        {"http_allow_listed", test_tools_http_allow_listed_loopback},
        {"http_redirects", test_tools_http_redirects_and_cap},
        {"httpc_pin_hooks", test_tools_httpc_pin_hooks},
        {"file_refuses", test_tools_file_refuses_escapes},
        {"file_writes", test_tools_file_writes_inside},
        {"sql_refuses", test_tools_sql_refuses_writes},
        {"sql_select", test_tools_sql_select_rows},
        {"vector", test_tools_vector_ranks_and_survives},
        {"pdf_extracts", test_tools_pdf_extracts},
        {"pdf_refuses", test_tools_pdf_refuses},
        {"search", test_tools_search},
    };
    for (size_t i = 0; i < AG_NELEM(cases); i++) {
        TCase *tc = tcase_create(cases[i].name);
        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_set_timeout(tc, 20);
        tcase_add_test(tc, cases[i].test);
        suite_add_tcase(s, tc);
    }
    return s;
}
