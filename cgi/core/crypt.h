/* SPDX-License-Identifier: MIT */
/* crypt.h - OpenSSL helpers: random tokens, SHA-256, HMAC-SHA256, constant-time compare,
 * hex and base64url. Callers wipe secrets with crypt_wipe. */
#ifndef AG_CRYPT_H
#define AG_CRYPT_H

#include <stddef.h>

#include "ag.h"

#define CRYPT_SHA256_LEN 32

int crypt_random(void *out, size_t n) AG_MUST_CHECK;
/* crypt_token writes a URL-safe random token of nbytes entropy (base64url, no padding) into
 * out (cap bytes incl. NUL). AG_ETOOBIG if out is too small. */
int crypt_token(char *out, size_t cap, size_t nbytes) AG_MUST_CHECK;
void crypt_sha256(const void *p, size_t n, unsigned char out[CRYPT_SHA256_LEN]);
/* crypt_sha256_fields: SHA-256 of the strings in order, each with its NUL (so no two lists
 * collide by joining); a NULL field counts as "". AG_ENOMEM on allocation failure. */
int crypt_sha256_fields(const char *const *fields, size_t n, unsigned char out[CRYPT_SHA256_LEN])
    AG_MUST_CHECK;
/* crypt_sha256_hex writes 64 hex chars + NUL into out. */
void crypt_sha256_hex(const void *p, size_t n, char out[2 * CRYPT_SHA256_LEN + 1]);
int crypt_hmac_sha256(const void *key, size_t klen, const void *p, size_t n,
                      unsigned char out[CRYPT_SHA256_LEN]) AG_MUST_CHECK;
/* crypt_equal compares n bytes in constant time: 1 if equal. */
int crypt_equal(const void *a, const void *b, size_t n);
/* crypt_streq compares two strings in time independent of their content: 1 if equal. */
int crypt_streq(const char *a, const char *b);
void crypt_hex(const unsigned char *p, size_t n, char *out); /* out has 2n+1 bytes */
/* base64url without padding; out needs 4*ceil(n/3)+1 bytes. Returns length written. */
size_t crypt_b64url(const unsigned char *p, size_t n, char *out);
/* crypt_b64url_decode decodes len chars of base64url (no padding, no other characters) into out
 * (cap bytes), *out_len bytes. AG_EINVAL for a bad character or length, AG_ETOOBIG when out is
 * too small (3 * len / 4 bytes is always enough). */
int crypt_b64url_decode(const char *s, size_t len, unsigned char *out, size_t cap,
                        size_t *out_len) AG_MUST_CHECK;
void crypt_wipe(void *p, size_t n);
/* crypt_wipe_buf wipes all of b's memory (its capacity, not only its length) and frees it. */
struct buf;
void crypt_wipe_buf(struct buf *b);
const char *crypt_version(void);

#endif
