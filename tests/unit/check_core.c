/* SPDX-License-Identifier: MIT */
/* check_core.c - arena, buf, crypt, jsn, cfg. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "../../cgi/core/arena.h"
#include "../../cgi/core/buf.h"
#include "../../cgi/core/cfg.h"
#include "../../cgi/core/crypt.h"
#include "../../cgi/core/jsn.h"

static int freed;
static void count_free(void *p) { (void)p; freed++; }

START_TEST(test_arena_alloc_zeroed_aligned)
{
    struct arena *a = arena_new(0);
    for (int i = 1; i < 5000; i += 37) {
        unsigned char *p = arena_alloc(a, (size_t)i);
        ck_assert_ptr_nonnull(p);
        ck_assert_uint_eq((uintptr_t)p % 16, 0);
        for (int k = 0; k < i; k++) {
            ck_assert_uint_eq(p[k], 0);
        }
        memset(p, 0xab, (size_t)i);
    }
    arena_free(a);
}
END_TEST

START_TEST(test_arena_cap_refuses)
{
    struct arena *a = arena_new(1024);
    ck_assert_ptr_nonnull(arena_alloc(a, 1000));
    ck_assert_ptr_null(arena_alloc(a, 100));
    arena_reset(a);
    ck_assert_ptr_nonnull(arena_alloc(a, 1000)); /* reset gives the budget back */
    ck_assert_ptr_null(arena_alloc(a, (size_t)-8)); /* overflow, not a wrap */
    arena_free(a);
}
END_TEST

START_TEST(test_arena_defer_runs_on_reset)
{
    struct arena *a = arena_new(0);
    freed = 0;
    ck_assert_int_eq(arena_defer(a, count_free, NULL), 0);
    ck_assert_int_eq(arena_defer(a, count_free, NULL), 0);
    arena_reset(a);
    ck_assert_int_eq(freed, 2);
    arena_reset(a);
    ck_assert_int_eq(freed, 2);
    ck_assert_str_eq(arena_printf(a, "%s-%d", "x", 42), "x-42");
    ck_assert_str_eq(arena_strndup(a, "abcdef", 3), "abc");
    arena_free(a);
}
END_TEST

START_TEST(test_arena_big_blocks)
{
    struct arena *a = arena_new(0);
    char *small = arena_strdup(a, "small");
    char *big = arena_alloc(a, 100000);
    ck_assert_ptr_nonnull(big);
    memset(big, 1, 100000);
    char *small2 = arena_strdup(a, "after");
    ck_assert_str_eq(small, "small");
    ck_assert_str_eq(small2, "after");
    ck_assert_uint_ge(arena_used(a), 100000);
    arena_free(a);
}
END_TEST

START_TEST(test_buf_grows_and_terminates)
{
    struct buf b = BUF_INIT;
    ck_assert_str_eq(buf_cstr(&b), "");
    for (int i = 0; i < 1000; i++) {
        ck_assert_int_eq(buf_printf(&b, "%d,", i), 0);
    }
    ck_assert_uint_eq(strlen(buf_cstr(&b)), b.len);
    ck_assert(strncmp(b.data, "0,1,2,", 6) == 0);
    ck_assert_int_eq(buf_append(&b, "\0x", 2), 0);
    ck_assert_uint_eq(b.data[b.len], 0);
    buf_reset(&b);
    ck_assert_uint_eq(b.len, 0);
    ck_assert_int_eq(buf_putc(&b, 'z'), 0);
    char *s = buf_steal(&b);
    ck_assert_str_eq(s, "z");
    ck_assert_ptr_null(b.data);
    free(s);
    buf_free(&b);
}
END_TEST

START_TEST(test_crypt_sha256_hmac_vectors)
{
    char hex[65];
    crypt_sha256_hex("abc", 3, hex);
    ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    unsigned char mac[32];
    ck_assert_int_eq(crypt_hmac_sha256("key", 3, "The quick brown fox jumps over the lazy dog", 43, mac), 0);
    crypt_hex(mac, 32, hex);
    ck_assert_str_eq(hex, "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
}
END_TEST

START_TEST(test_crypt_token_and_compare)
{
    char a[64], b[64];
    ck_assert_int_eq(crypt_token(a, sizeof(a), 32), 0);
    ck_assert_int_eq(crypt_token(b, sizeof(b), 32), 0);
    ck_assert_uint_eq(strlen(a), 43);
    ck_assert_str_ne(a, b);
    ck_assert_uint_eq(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), 43);
    ck_assert_int_eq(crypt_token(a, 10, 32), AG_ETOOBIG);
    ck_assert(crypt_streq("same", "same"));
    ck_assert(!crypt_streq("same", "samE"));
    ck_assert(!crypt_streq("same", "same1"));
    ck_assert(crypt_equal("abc", "abc", 3));
    char out[8];
    crypt_b64url((const unsigned char *)"\xfb\xff", 2, out);
    ck_assert_str_eq(out, "-_8");
}
END_TEST

START_TEST(test_jsn_parse_strict)
{
    struct json_object *o = NULL;
    ck_assert_int_eq(jsn_parse("{\"a\":\"x\",\"n\":5,\"b\":true}", 24, &o), 0);
    const char *s = NULL;
    long long n = 0;
    int b = 0;
    ck_assert_int_eq(jsn_str(o, "a", 1, 10, &s), 0);
    ck_assert_str_eq(s, "x");
    ck_assert_int_eq(jsn_str(o, "n", 1, 10, &s), AG_EINVAL);   /* wrong type */
    ck_assert_int_eq(jsn_str(o, "zz", 1, 10, &s), AG_EINVAL);  /* required, missing */
    ck_assert_int_eq(jsn_str(o, "zz", 0, 10, &s), 0);
    ck_assert_ptr_null(s);
    ck_assert_int_eq(jsn_int(o, "n", 1, 0, 4, &n), AG_EINVAL);  /* out of range */
    ck_assert_int_eq(jsn_int(o, "n", 1, 0, 9, &n), 0);
    ck_assert_int_eq(n, 5);
    ck_assert_int_eq(jsn_bool(o, "b", 1, &b), 0);
    ck_assert_int_eq(b, 1);
    struct buf out = BUF_INIT;
    ck_assert_int_eq(jsn_dump(o, &out), 0);
    ck_assert_str_eq(buf_cstr(&out), "{\"a\":\"x\",\"n\":5,\"b\":true}");
    buf_free(&out);
    json_object_put(o);
    ck_assert_int_eq(jsn_parse("{\"a\":1} x", 9, &o), AG_EINVAL);  /* trailing garbage */
    ck_assert_int_eq(jsn_parse("{\"a\":1", 6, &o), AG_EINVAL);     /* truncated */
    ck_assert_int_eq(jsn_parse("[1,]", 4, &o), AG_EINVAL);         /* strict */
    ck_assert_int_eq(jsn_parse("", 0, &o), AG_EINVAL);
}
END_TEST

START_TEST(test_cfg_file_and_env)
{
    char path[] = "/tmp/agcfgXXXXXX";
    int fd = mkstemp(path);
    const char *text = "# comment\n db_path = /x/y.db \nworkers=3\nlog_level = debug\n\n";
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    struct cfg c;
    char why[256];
    setenv("AGENTGEN_WORKERS", "5", 1);
    ck_assert_int_eq(cfg_load(&c, path, why, sizeof(why)), 0);
    ck_assert_str_eq(c.db_path, "/x/y.db");
    ck_assert_int_eq(c.workers, 5); /* environment wins over the file */
    ck_assert_int_eq(c.log_level, LOG_DEBUG);
    ck_assert_str_eq(c.web_socket, "/run/agent-generator/web.sock"); /* default kept */
    setenv("AGENTGEN_WORKERS", "many", 1);
    ck_assert_int_eq(cfg_load(&c, path, why, sizeof(why)), AG_EINVAL);
    ck_assert_ptr_nonnull(strstr(why, "AGENTGEN_WORKERS"));
    unsetenv("AGENTGEN_WORKERS");
    FILE *f = fopen(path, "a");
    fputs("no_such_key = 1\n", f);
    fclose(f);
    ck_assert_int_eq(cfg_load(&c, path, why, sizeof(why)), AG_EINVAL);
    ck_assert_ptr_nonnull(strstr(why, ":6:"));
    unlink(path);
    ck_assert_int_eq(cfg_load(&c, path, why, sizeof(why)), AG_ENOTFOUND);
    ck_assert_int_eq(cfg_set(&c, "cookie_secure", "maybe"), AG_EINVAL);
    ck_assert_int_eq(cfg_set(&c, "max_body", "10"), AG_EINVAL);
    /* runner_threads: 1..64, default 4, and settable from the environment like every key */
    cfg_defaults(&c);
    ck_assert_int_eq(c.runner_threads, 4);
    ck_assert_int_eq(cfg_set(&c, "runner_threads", "0"), AG_EINVAL);
    ck_assert_int_eq(cfg_set(&c, "runner_threads", "65"), AG_EINVAL);
    setenv("AGENTGEN_RUNNER_THREADS", "2", 1);
    ck_assert_int_eq(cfg_load(&c, "/dev/null", why, sizeof(why)), 0);
    unsetenv("AGENTGEN_RUNNER_THREADS");
    ck_assert_int_eq(c.runner_threads, 2);
}
END_TEST

Suite *
core_suite(void)
{
    Suite *s = suite_create("core");
    TCase *tc = tcase_create("arena");
    tcase_add_test(tc, test_arena_alloc_zeroed_aligned);
    tcase_add_test(tc, test_arena_cap_refuses);
    tcase_add_test(tc, test_arena_defer_runs_on_reset);
    tcase_add_test(tc, test_arena_big_blocks);
    suite_add_tcase(s, tc);
    tc = tcase_create("buf");
    tcase_add_test(tc, test_buf_grows_and_terminates);
    suite_add_tcase(s, tc);
    tc = tcase_create("crypt");
    tcase_add_test(tc, test_crypt_sha256_hmac_vectors);
    tcase_add_test(tc, test_crypt_token_and_compare);
    suite_add_tcase(s, tc);
    tc = tcase_create("jsn");
    tcase_add_test(tc, test_jsn_parse_strict);
    suite_add_tcase(s, tc);
    tc = tcase_create("cfg");
    tcase_add_test(tc, test_cfg_file_and_env);
    suite_add_tcase(s, tc);
    return s;
}
