/* SPDX-License-Identifier: MIT */
/* crypt.c - thin OpenSSL helpers. No secret is ever logged here; callers wipe what they hold. */
#include "crypt.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "buf.h"

static int
b64url_value(char c)
{
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    return c == '-' ? 62 : c == '_' ? 63 : -1;
}

int
crypt_b64url_decode(const char *s, size_t len, unsigned char *out, size_t cap, size_t *out_len)
{
    if (len % 4 == 1) {
        return AG_EINVAL;
    }
    size_t need = len / 4 * 3 + (len % 4 ? len % 4 - 1 : 0);
    if (need > cap) {
        return AG_ETOOBIG;
    }
    unsigned acc = 0;
    int bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        int v = b64url_value(s[i]);
        if (v < 0) {
            return AG_EINVAL;
        }
        acc = (acc << 6 | (unsigned)v) & 0xffffff;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (unsigned char)(acc >> bits);
        }
    }
    /* the unused low bits of the last character must be zero (one encoding per value) */
    if (bits && (acc & ((1u << bits) - 1))) {
        return AG_EINVAL;
    }
    *out_len = o;
    return 0;
}

int
crypt_random(void *out, size_t n)
{
    if (n > 0x7fffffff) {
        return AG_EINVAL;
    }
    return RAND_bytes(out, (int)n) == 1 ? 0 : AG_EINTERNAL;
}

size_t
crypt_b64url(const unsigned char *p, size_t n, char *out)
{
    static const char tab[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t o = 0;
    size_t i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
        out[o++] = tab[(v >> 18) & 63];
        out[o++] = tab[(v >> 12) & 63];
        out[o++] = tab[(v >> 6) & 63];
        out[o++] = tab[v & 63];
    }
    if (n - i == 1) {
        unsigned v = (unsigned)p[i] << 16;
        out[o++] = tab[(v >> 18) & 63];
        out[o++] = tab[(v >> 12) & 63];
    } else if (n - i == 2) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;
        out[o++] = tab[(v >> 18) & 63];
        out[o++] = tab[(v >> 12) & 63];
        out[o++] = tab[(v >> 6) & 63];
    }
    out[o] = '\0';
    return o;
}

int
crypt_token(char *out, size_t cap, size_t nbytes)
{
    unsigned char raw[64];
    if (nbytes == 0 || nbytes > sizeof(raw) || cap < 4 * ((nbytes + 2) / 3) + 1) {
        return AG_ETOOBIG;
    }
    int rc = crypt_random(raw, nbytes);
    if (rc == 0) {
        crypt_b64url(raw, nbytes, out);
    }
    crypt_wipe(raw, sizeof(raw));
    return rc;
}

void
crypt_sha256(const void *p, size_t n, unsigned char out[CRYPT_SHA256_LEN])
{
    unsigned int len = CRYPT_SHA256_LEN;
    EVP_Digest(p, n, out, &len, EVP_sha256(), NULL);
}

void
crypt_hex(const unsigned char *p, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[p[i] >> 4];
        out[2 * i + 1] = hex[p[i] & 15];
    }
    out[2 * n] = '\0';
}

void
crypt_sha256_hex(const void *p, size_t n, char out[2 * CRYPT_SHA256_LEN + 1])
{
    unsigned char d[CRYPT_SHA256_LEN];
    crypt_sha256(p, n, d);
    crypt_hex(d, sizeof(d), out);
}

int
crypt_hmac_sha256(const void *key, size_t klen, const void *p, size_t n,
                  unsigned char out[CRYPT_SHA256_LEN])
{
    unsigned int len = CRYPT_SHA256_LEN;
    if (klen > 0x7fffffff) {
        return AG_EINVAL;
    }
    return HMAC(EVP_sha256(), key, (int)klen, p, n, out, &len) ? 0 : AG_EINTERNAL;
}

int
crypt_equal(const void *a, const void *b, size_t n)
{
    return CRYPTO_memcmp(a, b, n) == 0;
}

int
crypt_streq(const char *a, const char *b)
{
    /* hash both so the comparison time depends on neither length nor content */
    unsigned char da[CRYPT_SHA256_LEN], db[CRYPT_SHA256_LEN];
    crypt_sha256(a, strlen(a), da);
    crypt_sha256(b, strlen(b), db);
    return crypt_equal(da, db, sizeof(da)) && strlen(a) == strlen(b);
}

void
crypt_wipe(void *p, size_t n)
{
    OPENSSL_cleanse(p, n);
}

const char *
crypt_version(void)
{
    return OpenSSL_version(OPENSSL_VERSION);
}

void
crypt_wipe_buf(struct buf *b)
{
    if (b->data) {
        crypt_wipe(b->data, b->cap);
    }
    buf_free(b);
}

int
crypt_sha256_fields(const char *const *fields, size_t n, unsigned char out[CRYPT_SHA256_LEN])
{
    struct buf b = BUF_INIT;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *f = fields[i] ? fields[i] : "";
        rc = buf_append(&b, f, strlen(f) + 1);
    }
    if (rc == 0) {
        crypt_sha256(b.data, b.len, out);
    }
    buf_free(&b);
    return rc;
}
