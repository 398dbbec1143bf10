/* SPDX-License-Identifier: MIT */
/* zip.c - writes PKZIP archives (local headers, central directory, end record) with fixed
 * metadata so that identical files give identical bytes. Deflate and CRC-32 come from zlib.
 * No zip64, no extra fields, no data descriptors. */
#include "zip.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define DOS_DATE_1980 0x0021 /* 1980-01-01: (0 << 9) | (1 << 5) | 1 */
#define DOS_TIME_0    0x0000
#define FLAG_UTF8     0x0800
#define METHOD_STORE  0
#define METHOD_DEFL   8
#define MADE_BY_UNIX  ((3 << 8) | 20)

struct entry {
    const struct gen_file *file;
    uint32_t crc;
    uint32_t csize;
    uint32_t offset;
    uint16_t method;
};

static int put16(struct buf *b, uint32_t v);
static int put32(struct buf *b, uint32_t v);
static int deflate_raw(const struct gen_file *f, struct buf *out);
static int cmp_entries(const void *a, const void *b);
static int local_header(struct buf *out, const struct entry *e, const char *name, size_t nlen);
static int central_header(struct buf *out, const struct entry *e, const char *name, size_t nlen);
static int entry_name(const char *prefix, const char *path, struct buf *name);
static int end_record(struct buf *out, size_t n, size_t cd_len, size_t cd_start);

static int
put16(struct buf *b, uint32_t v)
{
    unsigned char x[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    return buf_append(b, x, 2);
}

static int
put32(struct buf *b, uint32_t v)
{
    unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    return buf_append(b, x, 4);
}

/* Raw deflate (no zlib header) at level 9: output depends only on the input and zlib. */
static int
deflate_raw(const struct gen_file *f, struct buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    if (deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return AG_EINTERNAL;
    }
    uLong bound = deflateBound(&z, (uLong)f->len);
    unsigned char *dst = malloc(bound);
    if (!dst) {
        deflateEnd(&z);
        return AG_ENOMEM;
    }
    z.next_in = (Bytef *)(uintptr_t)f->content; /* zlib does not write through next_in */
    z.avail_in = (uInt)f->len;
    z.next_out = dst;
    z.avail_out = (uInt)bound;
    int zrc = deflate(&z, Z_FINISH);
    int rc = zrc == Z_STREAM_END ? buf_append(out, dst, z.total_out) : AG_EINTERNAL;
    deflateEnd(&z);
    free(dst);
    return rc;
}

static int
cmp_entries(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    return strcmp(x->file->path, y->file->path);
}

static int
local_header(struct buf *out, const struct entry *e, const char *name, size_t nlen)
{
    int rc = put32(out, 0x04034b50);
    rc = rc ? rc : put16(out, 20); /* version needed */
    rc = rc ? rc : put16(out, FLAG_UTF8);
    rc = rc ? rc : put16(out, e->method);
    rc = rc ? rc : put16(out, DOS_TIME_0);
    rc = rc ? rc : put16(out, DOS_DATE_1980);
    rc = rc ? rc : put32(out, e->crc);
    rc = rc ? rc : put32(out, e->csize);
    rc = rc ? rc : put32(out, (uint32_t)e->file->len);
    rc = rc ? rc : put16(out, (uint32_t)nlen);
    rc = rc ? rc : put16(out, 0); /* extra length */
    return rc ? rc : buf_append(out, name, nlen);
}

static int
central_header(struct buf *out, const struct entry *e, const char *name, size_t nlen)
{
    uint32_t mode = 0100000u | (e->file->mode == 0755 ? 0755u : 0644u); /* regular file */
    int rc = put32(out, 0x02014b50);
    rc = rc ? rc : put16(out, MADE_BY_UNIX);
    rc = rc ? rc : put16(out, 20);
    rc = rc ? rc : put16(out, FLAG_UTF8);
    rc = rc ? rc : put16(out, e->method);
    rc = rc ? rc : put16(out, DOS_TIME_0);
    rc = rc ? rc : put16(out, DOS_DATE_1980);
    rc = rc ? rc : put32(out, e->crc);
    rc = rc ? rc : put32(out, e->csize);
    rc = rc ? rc : put32(out, (uint32_t)e->file->len);
    rc = rc ? rc : put16(out, (uint32_t)nlen);
    rc = rc ? rc : put16(out, 0); /* extra */
    rc = rc ? rc : put16(out, 0); /* comment */
    rc = rc ? rc : put16(out, 0); /* disk */
    rc = rc ? rc : put16(out, 0); /* internal attributes */
    rc = rc ? rc : put32(out, mode << 16);
    rc = rc ? rc : put32(out, e->offset);
    return rc ? rc : buf_append(out, name, nlen);
}

static int
entry_name(const char *prefix, const char *path, struct buf *name)
{
    buf_reset(name);
    if (prefix && *prefix) {
        int rc = buf_puts(name, prefix);
        rc = rc ? rc : buf_putc(name, '/');
        if (rc < 0) {
            return rc;
        }
    }
    int rc = buf_puts(name, path);
    return rc ? rc : (name->len > 0xFFFF ? AG_ETOOBIG : 0);
}

/* The end-of-central-directory record. */
static int
end_record(struct buf *out, size_t n, size_t cd_len, size_t cd_start)
{
    int rc = put32(out, 0x06054b50);
    rc = rc ? rc : put16(out, 0); /* this disk */
    rc = rc ? rc : put16(out, 0); /* disk of the central directory */
    rc = rc ? rc : put16(out, (uint32_t)n);
    rc = rc ? rc : put16(out, (uint32_t)n);
    rc = rc ? rc : put32(out, (uint32_t)cd_len);
    rc = rc ? rc : put32(out, (uint32_t)cd_start);
    return rc ? rc : put16(out, 0); /* comment length */
}

int
zip_build(const struct gen_files *files, const char *prefix, struct buf *out)
{
    if (prefix &&
        (strcmp(prefix, ".") == 0 || strcmp(prefix, "..") == 0 ||
         strspn(prefix, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") !=
             strlen(prefix))) {
        return AG_EINVAL;
    }
    if (files->n > 0xFFFF) {
        return AG_ETOOBIG;
    }
    struct entry *ents = calloc(files->n ? files->n : 1, sizeof(*ents));
    if (!ents) {
        return AG_ENOMEM;
    }
    for (size_t i = 0; i < files->n; i++) {
        ents[i].file = &files->items[i];
    }
    qsort(ents, files->n, sizeof(*ents), cmp_entries);
    struct buf name = BUF_INIT, packed = BUF_INIT;
    size_t start = out->len;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < files->n; i++) {
        struct entry *e = &ents[i];
        const struct gen_file *f = e->file;
        buf_reset(&packed);
        rc = f->len > 0xFFFFFFF0u ? AG_ETOOBIG : deflate_raw(f, &packed);
        rc = rc ? rc : entry_name(prefix, f->path, &name);
        if (rc < 0) {
            break;
        }
        int store = packed.len >= f->len;
        e->method = store ? METHOD_STORE : METHOD_DEFL;
        e->crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)f->content, (uInt)f->len);
        e->csize = (uint32_t)(store ? f->len : packed.len);
        e->offset = (uint32_t)(out->len - start);
        rc =
            out->len - start > 0xFFFFFFF0u ? AG_ETOOBIG : local_header(out, e, name.data, name.len);
        rc = rc ? rc : buf_append(out, store ? f->content : packed.data, e->csize);
    }
    size_t cd_start = out->len - start;
    for (size_t i = 0; rc == 0 && i < files->n; i++) {
        rc = entry_name(prefix, ents[i].file->path, &name);
        rc = rc ? rc : central_header(out, &ents[i], name.data, name.len);
    }
    size_t cd_len = out->len - start - cd_start;
    if (rc == 0 && (cd_start > 0xFFFFFFF0u || cd_len > 0xFFFFFFF0u)) {
        rc = AG_ETOOBIG;
    }
    rc = rc ? rc : end_record(out, files->n, cd_len, cd_start);
    buf_free(&name);
    buf_free(&packed);
    free(ents);
    return rc;
}
