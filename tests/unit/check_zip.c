/* SPDX-License-Identifier: MIT */
/* check_zip.c - the archive is byte-identical across runs and input order, and is a valid zip:
 * headers parse, names are sorted under the prefix, entries inflate back with matching CRCs. */
#include "../../cgi/engine/zip.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static uint32_t
rd16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t
rd32(const unsigned char *p)
{
    return rd16(p) | rd16(p + 2) << 16;
}

static void
fill(struct gen_files *f, int reverse)
{
    static const char *const paths[] = {"src/pkg/main.py", "README.md", "run.sh", "empty.txt"};
    char big[5000];
    for (size_t i = 0; i < sizeof(big); i++) {
        big[i] = (char)('a' + (i * 7) % 26);
    }
    gen_files_init(f);
    for (int k = 0; k < 4; k++) {
        int i = reverse ? 3 - k : k;
        const char *content = i == 0   ? big
                              : i == 1 ? "# Title \xf0\x9f\xa4\x96\n"
                              : i == 2 ? "#!/bin/sh\n"
                                       : "";
        size_t len = i == 0 ? sizeof(big) : strlen(content);
        ck_assert_int_eq(gen_files_add(f, paths[i], content, len, i == 2 ? 0755 : 0644), 0);
    }
}

START_TEST(test_zip_deterministic)
{
    struct gen_files a, b;
    struct buf za = BUF_INIT, zb = BUF_INIT;
    fill(&a, 0);
    fill(&b, 1); /* same files, other order */
    ck_assert_int_eq(zip_build(&a, "proj", &za), 0);
    ck_assert_int_eq(zip_build(&b, "proj", &zb), 0);
    ck_assert_uint_eq(za.len, zb.len);
    ck_assert(memcmp(za.data, zb.data, za.len) == 0);
    buf_free(&za);
    buf_free(&zb);
    gen_files_free(&a);
    gen_files_free(&b);
}
END_TEST

START_TEST(test_zip_structure_and_content)
{
    struct gen_files f;
    struct buf z = BUF_INIT;
    fill(&f, 0);
    ck_assert_int_eq(zip_build(&f, "proj", &z), 0);
    const unsigned char *d = (const unsigned char *)z.data, *eocd = d + z.len - 22;
    ck_assert_uint_eq(rd32(eocd), 0x06054b50);
    ck_assert_uint_eq(rd16(eocd + 10), 4);
    const unsigned char *cd = d + rd32(eocd + 16);
    char prev[256] = "";
    for (int i = 0; i < 4; i++) {
        ck_assert_uint_eq(rd32(cd), 0x02014b50);
        uint32_t method = rd16(cd + 10), crc = rd32(cd + 16), csize = rd32(cd + 20);
        uint32_t usize = rd32(cd + 24), nlen = rd16(cd + 28), off = rd32(cd + 42);
        ck_assert_uint_eq(rd16(cd + 14), 0x0021); /* 1980-01-01 */
        ck_assert_uint_eq(rd16(cd + 12), 0);
        char name[256];
        memcpy(name, cd + 46, nlen);
        name[nlen] = '\0';
        ck_assert(strncmp(name, "proj/", 5) == 0 && strcmp(prev, name) < 0);
        const struct gen_file *g = gen_files_find(&f, name + 5);
        ck_assert_ptr_nonnull(g);
        ck_assert_uint_eq(rd32(cd + 38) >> 16, 0100000u | (unsigned)g->mode);
        const unsigned char *lh = d + off;
        ck_assert_uint_eq(rd32(lh), 0x04034b50);
        const unsigned char *data = lh + 30 + rd16(lh + 26) + rd16(lh + 28);
        unsigned char *out = malloc(usize + 1);
        uLongf got = usize;
        if (method == 8) {
            z_stream zs;
            memset(&zs, 0, sizeof(zs));
            ck_assert_int_eq(inflateInit2(&zs, -15), Z_OK);
            zs.next_in = (Bytef *)(uintptr_t)data;
            zs.avail_in = csize;
            zs.next_out = out;
            zs.avail_out = usize + 1;
            ck_assert_int_eq(inflate(&zs, Z_FINISH), Z_STREAM_END);
            got = zs.total_out;
            inflateEnd(&zs);
        } else {
            ck_assert_uint_eq(method, 0);
            memcpy(out, data, usize);
        }
        ck_assert_uint_eq(got, g->len);
        ck_assert(memcmp(out, g->content, g->len) == 0);
        ck_assert_uint_eq(crc, (uint32_t)crc32(0, out, (uInt)got));
        free(out);
        memcpy(prev, name, nlen + 1);
        cd += 46 + nlen + rd16(cd + 30) + rd16(cd + 32);
    }
    buf_free(&z);
    gen_files_free(&f);
}
END_TEST

START_TEST(test_zip_edge_cases)
{
    struct gen_files f;
    struct buf z = BUF_INIT;
    gen_files_init(&f);
    ck_assert_int_eq(zip_build(&f, NULL, &z), 0);
    ck_assert_uint_eq(z.len, 22); /* an empty archive is just the end record */
    buf_reset(&z);
    ck_assert_int_eq(zip_build(&f, "../up", &z), AG_EINVAL);
    ck_assert_int_eq(zip_build(&f, "a/b", &z), AG_EINVAL);
    buf_free(&z);
}
END_TEST

Suite *
zip_suite(void)
{
    Suite *s = suite_create("zip");
    TCase *tc = tcase_create("zip");
    tcase_add_test(tc, test_zip_deterministic);
    tcase_add_test(tc, test_zip_structure_and_content);
    tcase_add_test(tc, test_zip_edge_cases);
    suite_add_tcase(s, tc);
    return s;
}
