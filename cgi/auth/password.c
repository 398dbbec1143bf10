/* SPDX-License-Identifier: MIT */
/* password.c - password hashing with scrypt (OpenSSL EVP_PBE_scrypt), stored as a PHC-style
 * string "$scrypt$ln=14,r=8,p=1$<salt>$<hash>" (base64url, no padding), constant-time verify.
 *
 * Work factor: N = 2^14, r = 8, p = 1 (16 MiB, 83-124 ms per hash measured on the 2-core dev
 * machine). N = 2^15 measured 286 ms and 32 MiB, above both the ~100 ms sign-in budget and a
 * web worker's 16 MiB; N = 2^13 (42 ms) would halve an offline attacker's cost for no need.
 * The parameters live in each stored string, so raising them later only affects new hashes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "../core/crypt.h"
#include "auth.h"

#define SCRYPT_LN   14
#define SCRYPT_R    8
#define SCRYPT_P    1
#define SCRYPT_MEM  (64ull << 20) /* OpenSSL's maxmem: room for ln up to 15 with r=8 */
#define SALT_LEN    16
#define HASH_LEN    32

static int b64url_decode(const char *s, size_t len, unsigned char *out, size_t cap, size_t *n);
static int derive(const char *pw, const unsigned char *salt, size_t salt_len, int ln, int r,
                  int p, unsigned char *out, size_t out_len);

/* A valid hash of a random password, verified against when the user does not exist. */
static const char dummy_phc[] = "$scrypt$ln=14,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA"
                                "$rSHT5YQ6AcnDBDL7G2qjIh2TXlPq0upMKMDkC8rUzdI";

int
auth_password_policy(const char *pw)
{
    size_t n = pw ? strlen(pw) : 0;
    return n >= AUTH_PASSWORD_MIN && n <= AUTH_PASSWORD_MAX ? 0 : AG_EINVAL;
}

static int
derive(const char *pw, const unsigned char *salt, size_t salt_len, int ln, int r, int p,
       unsigned char *out, size_t out_len)
{
    if (ln < 10 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 4) {
        return AG_EINVAL;
    }
    int ok = EVP_PBE_scrypt(pw, strlen(pw), salt, salt_len, 1ull << ln, (uint64_t)r,
                            (uint64_t)p, SCRYPT_MEM, out, out_len);
    return ok == 1 ? 0 : AG_EINTERNAL;
}

int
auth_password_hash(const char *pw, char *out, size_t cap)
{
    unsigned char salt[SALT_LEN];
    unsigned char hash[HASH_LEN];
    char salt64[4 * ((SALT_LEN + 2) / 3) + 1];
    char hash64[4 * ((HASH_LEN + 2) / 3) + 1];
    int rc = crypt_random(salt, sizeof(salt));
    if (rc == 0) {
        rc = derive(pw, salt, sizeof(salt), SCRYPT_LN, SCRYPT_R, SCRYPT_P, hash, sizeof(hash));
    }
    if (rc == 0) {
        crypt_b64url(salt, sizeof(salt), salt64);
        crypt_b64url(hash, sizeof(hash), hash64);
        int n = snprintf(out, cap, "$scrypt$ln=%d,r=%d,p=%d$%s$%s", SCRYPT_LN, SCRYPT_R, SCRYPT_P,
                         salt64, hash64);
        rc = (n < 0 || (size_t)n >= cap) ? AG_ETOOBIG : 0;
    }
    crypt_wipe(hash, sizeof(hash));
    crypt_wipe(hash64, sizeof(hash64));
    return rc;
}

static int
b64url_decode(const char *s, size_t len, unsigned char *out, size_t cap, size_t *n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    unsigned acc = 0;
    int bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        const char *p = s[i] ? strchr(tab, s[i]) : NULL;
        if (!p) {
            return AG_EINVAL;
        }
        acc = (acc << 6) | (unsigned)(p - tab);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o >= cap) {
                return AG_EINVAL;
            }
            out[o++] = (unsigned char)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    *n = o;
    return 0;
}

int
auth_password_verify(const char *pw, const char *phc)
{
    int ln = 0, r = 0, p = 0, off = 0;
    int known = phc != NULL && *phc;
    const char *s = known ? phc : dummy_phc;
    if (sscanf(s, "$scrypt$ln=%d,r=%d,p=%d$%n", &ln, &r, &p, &off) != 3 || off == 0) {
        return AG_EINVAL;
    }
    const char *salt64 = s + off;
    const char *dollar = strchr(salt64, '$');
    unsigned char salt[64], want[64], got[64];
    size_t salt_len = 0, want_len = 0;
    int rc = dollar ? 0 : AG_EINVAL;
    if (rc == 0) {
        rc = b64url_decode(salt64, (size_t)(dollar - salt64), salt, sizeof(salt), &salt_len);
    }
    if (rc == 0) {
        rc = b64url_decode(dollar + 1, strlen(dollar + 1), want, sizeof(want), &want_len);
    }
    if (rc == 0 && (salt_len < 8 || want_len < 16)) {
        rc = AG_EINVAL;
    }
    if (rc == 0) {
        rc = derive(pw, salt, salt_len, ln, r, p, got, want_len);
    }
    if (rc == 0) {
        rc = crypt_equal(got, want, want_len) && known ? 0 : AG_EFORBIDDEN;
    }
    crypt_wipe(got, sizeof(got));
    crypt_wipe(want, sizeof(want));
    return rc;
}

int
auth_password_generate(char out[AUTH_GENPASS_SIZE])
{
    /* 20 characters from 57 unambiguous letters and digits: ~116 bits; unbiased by rejection */
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    const size_t n_alpha = sizeof(alphabet) - 1;
    unsigned char raw[64];
    size_t o = 0;
    while (o < 20) {
        int rc = crypt_random(raw, sizeof(raw));
        if (rc < 0) {
            return rc;
        }
        for (size_t i = 0; i < sizeof(raw) && o < 20; i++) {
            if (raw[i] < 256 - (256 % n_alpha)) {
                out[o++] = alphabet[raw[i] % n_alpha];
            }
        }
    }
    out[o] = '\0';
    crypt_wipe(raw, sizeof(raw));
    return 0;
}
