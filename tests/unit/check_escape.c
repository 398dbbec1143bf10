/* SPDX-License-Identifier: MIT */
/* check_escape.c - property loops of every escaper over hostile strings: the Python literal
 * round-trips through a tiny decoder, YAML/TOML/JSON/Docker have no raw newline and balanced
 * quotes, Markdown has no raw markup, identifiers are validated, output is valid UTF-8. */
#include "../../cgi/core/tmpl.h"
#include "../../cgi/engine/escape.h"

#include <check.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

static char *big; /* 10 kB hostile string, built in setup */

static const char *const hostile[] = {
    "",
    "plain text",
    "He said \"hi\" and 'bye'",
    "back\\slash \\ trailing\\",
    "\"\"\" triple ''' quotes \"\"\"",
    "{{ jinja }} {% tag %} ${HOME} $(id) `id`",
    "<?cs var:Config.x ?> <?cs include:\"/etc/passwd\" ?>",
    "<script>alert(1)</script> & &amp;",
    "line1\nline2\r\nline3\ttab\x01\x02\x1b[31m\x7f",
    "# heading\n- item\n1. one\n> quote\n```code```",
    "emoji \xf0\x9f\xa4\x96\xf0\x9f\x9a\x80 family \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9",
    "\xe8\xab\x96\xe6\x96\x87 \xd9\x81\xd8\xb1\xd9\x8a\xd9\x82 Gr\xc3\xb6\xc3\x9f"
    "e",
    "bidi \xe2\x80\xae evil \xe2\x80\xac bom \xef\xbb\xbf ls \xe2\x80\xa8 ps \xe2\x80\xa9 c1 "
    "\xc2\x85",
    "invalid \xff\xfe \xc0\xaf \xe6\x97 \xed\xa0\x80 \xf4\x90\x80\x80 end\xc3",
    "\\N{BULLET} \\u0041 \\x41 %s %(x)s {0}",
    "yes: no\n- &a *a !!python/object:os.system",
    NULL,
};

typedef int (*esc_fn)(const char *, struct buf *);

static void
setup(void)
{
    size_t n = 10240;
    big = malloc(n + 1);
    ck_assert_ptr_nonnull(big);
    const char *pat = "\"\"\"\\{{<?cs \n\xf0\x9f\xa4\x96'$";
    size_t pl = strlen(pat);
    for (size_t i = 0; i < n; i++) {
        big[i] = pat[i % pl];
    }
    big[n] = '\0';
    ck_assert_int_eq(escape_register(), 0);
}

static void
teardown(void)
{
    free(big);
}

/* Valid UTF-8 check (no overlongs, no surrogates). */
static int
utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80             ? 0
                : (*p & 0xE0) == 0xC0 ? 1
                : (*p & 0xF0) == 0xE0 ? 2
                : (*p & 0xF8) == 0xF0 ? 3
                                      : -1;
        if (n < 0 || (n == 1 && *p < 0xC2)) {
            return 0;
        }
        long cp = n == 0 ? *p : *p & (0x3F >> n);
        for (int k = 1; k <= n; k++) {
            if ((p[k] & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (p[k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            return 0;
        }
        p += n + 1;
    }
    return 1;
}

static void
put_utf8(struct buf *b, long cp)
{
    char u[4];
    int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (n == 1) {
        u[0] = (char)cp;
    } else {
        for (int k = n - 1; k > 0; k--) {
            u[k] = (char)(0x80 | (cp & 0x3F));
            cp >>= 6;
        }
        u[0] = (char)((n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0) | cp);
    }
    ck_assert_int_eq(buf_append(b, u, (size_t)n), 0);
}

/* A tiny Python string-literal checker and decoder: the literal must be one double-quoted
 * token (no raw newline, every inner quote escaped) and decode to *out. */
static int
py_decode(const char *lit, struct buf *out)
{
    size_t n = strlen(lit);
    if (n < 2 || lit[0] != '"' || lit[n - 1] != '"') {
        return 0;
    }
    for (size_t i = 1; i < n - 1; i++) {
        unsigned char c = (unsigned char)lit[i];
        if (c == '"' || c == '\n' || c == '\r' || c >= 0x80) {
            return 0; /* raw quote or newline ends the literal; output must be ASCII */
        }
        if (c != '\\') {
            put_utf8(out, c);
            continue;
        }
        if (++i >= n - 1) {
            return 0; /* a trailing backslash would escape the closing quote */
        }
        char e = lit[i];
        int width = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
        if (width) {
            char hex[9] = {0};
            if (i + (size_t)width >= n) {
                return 0;
            }
            memcpy(hex, lit + i + 1, (size_t)width);
            put_utf8(out, strtol(hex, NULL, 16));
            i += (size_t)width;
        } else {
            const char *map = strchr("\\\\\"\"n\nr\rt\t", e);
            if (!map || ((map - "\\\\\"\"n\nr\rt\t") % 2) != 0) {
                return 0;
            }
            put_utf8(out, map[1]);
        }
    }
    return 1;
}

static void
check_quoted_line(const char *out)
{
    size_t n = strlen(out);
    ck_assert_uint_ge(n, 2);
    ck_assert_int_eq(out[0], '"');
    ck_assert_int_eq(out[n - 1], '"');
    ck_assert_ptr_null(strchr(out, '\n'));
    ck_assert_ptr_null(strchr(out, '\r'));
    for (size_t i = 1; i + 1 < n; i++) {
        if (out[i] == '\\') {
            i++; /* the escaped character */
        } else {
            ck_assert_msg(out[i] != '"', "unescaped quote in %s", out);
        }
    }
    ck_assert(utf8_ok(out));
}

/* Runs fn over every hostile string (and the 10 kB one), calling check on each output. */
static void
each_hostile(esc_fn fn, void (*check)(const char *in, const char *out))
{
    for (int i = 0;; i++) {
        const char *in = hostile[i] ? hostile[i] : big; /* the 10 kB string closes the list */
        struct buf out = BUF_INIT;
        ck_assert_int_eq(fn(in, &out), 0);
        check(in, buf_cstr(&out));
        buf_free(&out);
        if (!hostile[i]) {
            break;
        }
    }
}

static void
check_py(const char *in, const char *out)
{
    struct buf dec = BUF_INIT;
    ck_assert_msg(py_decode(out, &dec), "not a valid literal: %s", out);
    if (utf8_ok(in)) {
        ck_assert_str_eq(buf_cstr(&dec), in); /* round trip */
    }
    buf_free(&dec);
}

START_TEST(test_escape_py_round_trips)
{
    each_hostile(esc_py, check_py);
}
END_TEST

static void
check_pydoc(const char *in, const char *out)
{
    (void)in;
    ck_assert_ptr_null(strstr(out, "\"\"\""));
    ck_assert_ptr_null(strchr(out, '\r'));
    size_t n = strlen(out), slashes = 0;
    for (size_t i = 0; i < n; i++) {
        if (out[i] == '"') {
            ck_assert_msg(slashes % 2 == 1, "unescaped quote in docstring text");
        }
        slashes = out[i] == '\\' ? slashes + 1 : 0;
    }
    ck_assert_uint_eq(slashes % 2, 0); /* no trailing escape of the closing quotes */
    ck_assert(utf8_ok(out));
}

START_TEST(test_escape_pydoc_cannot_close_docstring)
{
    each_hostile(esc_pydoc, check_pydoc);
}
END_TEST

static void
check_line_only(const char *in, const char *out)
{
    (void)in;
    check_quoted_line(out);
}

START_TEST(test_escape_yaml_toml_are_one_quoted_line)
{
    each_hostile(esc_yaml, check_line_only);
    each_hostile(esc_toml, check_line_only);
}
END_TEST

static void
check_docker(const char *in, const char *out)
{
    (void)in;
    check_quoted_line(out);
    for (const char *p = strchr(out, '$'); p; p = strchr(p + 1, '$')) {
        ck_assert_int_eq(p[-1], '\\');
    }
}

START_TEST(test_escape_docker_no_newline_no_expansion)
{
    each_hostile(esc_docker, check_docker);
}
END_TEST

static void
check_json(const char *in, const char *out)
{
    check_quoted_line(out);
    ck_assert_ptr_null(strchr(out, '<'));
    struct json_object *o = json_tokener_parse(out);
    ck_assert_ptr_nonnull(o);
    ck_assert(json_object_is_type(o, json_type_string));
    if (utf8_ok(in)) {
        ck_assert_str_eq(json_object_get_string(o), in);
    }
    json_object_put(o);
}

START_TEST(test_escape_json_round_trips)
{
    each_hostile(esc_json, check_json);
}
END_TEST

static void
check_md(const char *in, const char *out)
{
    (void)in;
    ck_assert_ptr_null(strchr(out, '<'));
    ck_assert_ptr_null(strchr(out, '>'));
    ck_assert_ptr_null(strchr(out, '\n'));
    ck_assert_ptr_null(strstr(out, "<?cs"));
    for (const char *p = out; *p; p++) {
        if (*p == '\\') {
            ck_assert_int_ne(p[1], '\0');
            p++;
        } else {
            ck_assert_msg(!strchr("`*_[]#|", *p), "raw markup %c in %s", *p, out);
        }
    }
    ck_assert(utf8_ok(out));
}

START_TEST(test_escape_md_has_no_raw_markup)
{
    each_hostile(esc_md, check_md);
}
END_TEST

START_TEST(test_escape_ident_validates)
{
    static const char *const good[] = {"a", "research_task", "_x1", "Agent2", "match", NULL};
    static const char *const bad[] = {"",    "1x",       "a-b", "a b",  "class", "None",
                                      "x;y", "\xc3\xa9", "a.b", "../x", NULL};
    for (int i = 0; good[i]; i++) {
        struct buf out = BUF_INIT;
        ck_assert_int_eq(esc_ident(good[i], &out), 0);
        ck_assert_str_eq(buf_cstr(&out), good[i]);
        buf_free(&out);
    }
    for (int i = 0; bad[i]; i++) {
        struct buf out = BUF_INIT;
        ck_assert_int_eq(esc_ident(bad[i], &out), AG_EINVAL);
        buf_free(&out);
    }
    for (int i = 0; hostile[i]; i++) {
        struct buf out = BUF_INIT;
        ck_assert_int_eq(esc_ident(hostile[i], &out), AG_EINVAL);
        buf_free(&out);
    }
}
END_TEST

START_TEST(test_escape_filters_in_templates)
{
    struct tmpl *t = NULL;
    struct buf out = BUF_INIT;
    ck_assert_int_eq(tmpl_new(&t, TMPL_RAW), 0);
    ck_assert_int_eq(tmpl_set(t, "x", "a\"b\n<?cs var:y ?>"), 0);
    ck_assert_int_eq(tmpl_set(t, "bad", "not an id"), 0);
    ck_assert_int_eq(tmpl_render_string(t, "<?cs var:py(x) ?>|<?cs var:yaml(x) ?>", &out), 0);
    ck_assert_str_eq(buf_cstr(&out), "\"a\\\"b\\n<?cs var:y ?>\"|\"a\\\"b\\n<?cs var:y ?>\"");
    buf_reset(&out);
    ck_assert_int_lt(tmpl_render_string(t, "<?cs var:ident(bad) ?>", &out), 0);
    buf_free(&out);
    tmpl_free(t);
}
END_TEST

Suite *
escape_suite(void)
{
    Suite *s = suite_create("escape");
    TCase *tc = tcase_create("escapers");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_escape_py_round_trips);
    tcase_add_test(tc, test_escape_pydoc_cannot_close_docstring);
    tcase_add_test(tc, test_escape_yaml_toml_are_one_quoted_line);
    tcase_add_test(tc, test_escape_docker_no_newline_no_expansion);
    tcase_add_test(tc, test_escape_json_round_trips);
    tcase_add_test(tc, test_escape_md_has_no_raw_markup);
    tcase_add_test(tc, test_escape_ident_validates);
    tcase_add_test(tc, test_escape_filters_in_templates);
    suite_add_tcase(s, tc);
    return s;
}
