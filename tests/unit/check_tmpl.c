/* SPDX-License-Identifier: MIT */
/* check_tmpl.c - ClearSilver wrapper: HTML auto-escaping, raw mode, filters, errors. */
#include <check.h>
#include <string.h>

#include "../../cgi/core/tmpl.h"

static int
shout(const char *in, struct buf *out)
{
    for (const char *p = in; *p; p++) {
        if (buf_putc(out, (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p)) < 0) {
            return AG_ENOMEM;
        }
    }
    return 0;
}

static int
refuse(const char *in, struct buf *out)
{
    (void)out;
    return strchr(in, '!') ? AG_EINVAL : 0;
}

START_TEST(test_tmpl_html_escapes_var)
{
    struct tmpl *t = NULL;
    struct buf out = BUF_INIT;
    ck_assert_int_eq(tmpl_new(&t, TMPL_HTML), 0);
    ck_assert_int_eq(tmpl_set(t, "x", "<script>alert(\"1\")</script>&'"), 0);
    ck_assert_int_eq(tmpl_render_string(t, "[<?cs var:x ?>]", &out), 0);
    ck_assert_ptr_null(strstr(buf_cstr(&out), "<script>"));
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "&lt;script&gt;"));
    ck_assert_ptr_nonnull(strstr(buf_cstr(&out), "&quot;"));
    buf_free(&out);
    tmpl_free(t);
}
END_TEST

START_TEST(test_tmpl_raw_mode_and_filters)
{
    ck_assert_int_eq(tmpl_filter_register("shout", shout), 0);
    ck_assert_int_eq(tmpl_filter_register("refuse", refuse), 0);
    struct tmpl *t = NULL;
    struct buf out = BUF_INIT;
    ck_assert_int_eq(tmpl_new(&t, TMPL_RAW), 0);
    ck_assert_int_eq(tmpl_setf(t, "a<b", "items.%d.name", 3), 0);
    ck_assert_int_eq(tmpl_set_int(t, "n", -42), 0);
    ck_assert_str_eq(tmpl_get(t, "items.3.name"), "a<b");
    ck_assert_int_eq(tmpl_render_string(t, "<?cs var:items.3.name ?> <?cs var:shout(items.3.name) ?> <?cs var:n ?>", &out), 0);
    ck_assert_str_eq(buf_cstr(&out), "a<b A<B -42");
    buf_reset(&out);
    ck_assert_int_eq(tmpl_set(t, "bad", "no!"), 0);
    ck_assert_int_lt(tmpl_render_string(t, "<?cs var:refuse(bad) ?>", &out), 0);
    buf_free(&out);
    tmpl_free(t);
}
END_TEST

START_TEST(test_tmpl_errors)
{
    struct tmpl *t = NULL;
    struct buf out = BUF_INIT;
    ck_assert_int_eq(tmpl_new(&t, TMPL_HTML), 0);
    ck_assert_int_lt(tmpl_render(t, "templates/web", "no/such.cs", &out), 0);
    ck_assert_int_eq(tmpl_render_string(t, "<?cs if:x ?>unclosed", &out), AG_EINTERNAL);
    ck_assert_int_eq(tmpl_setf(t, "v", "%s", "this-name-is-way-too-long-------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------"), AG_EINVAL);
    buf_free(&out);
    tmpl_free(t);
}
END_TEST

Suite *
tmpl_suite(void)
{
    Suite *s = suite_create("tmpl");
    TCase *tc = tcase_create("render");
    tcase_add_test(tc, test_tmpl_html_escapes_var);
    tcase_add_test(tc, test_tmpl_raw_mode_and_filters);
    tcase_add_test(tc, test_tmpl_errors);
    suite_add_tcase(s, tc);
    return s;
}
