/* SPDX-License-Identifier: MIT */
/* jwt.c - RS256/384/512 JWT verification against a JWKS with OpenSSL 3 (the RSA key is built
 * from the JWK's n and e with OSSL_PARAM_BLD + EVP_PKEY_fromdata), then the ID token claims.
 * Only the algorithms of an allow-list are accepted, so "none" and HS256-with-the-public-key
 * confusions are refused before any key is touched. */
#include "jwt.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "../core/crypt.h"
#include "../core/jsn.h"

#define JWT_MIN_RSA_BITS 2048

struct jwt_parts {
    const char *header; /* base64url segments of token; signed = header "." payload */
    size_t header_len;
    const char *payload;
    size_t payload_len;
    const char *sig;
    size_t sig_len;
};

static int split(const char *token, struct jwt_parts *p);
static int decode_json(const char *s, size_t len, struct json_object **out);
static const EVP_MD *alg_md(const char *alg);
static int find_key(struct json_object *jwks, const char *kid, const char *alg,
                    struct json_object **jwk);
static int rsa_key(struct json_object *jwk, EVP_PKEY **out);
static int verify_sig(const struct jwt_parts *p, const EVP_MD *md, EVP_PKEY *key);
static int check_claims(struct json_object *c, const struct jwt_expect *ex, const char **why);

static int
split(const char *token, struct jwt_parts *p)
{
    size_t len = strnlen(token, JWT_MAX_LEN + 1);
    const char *d1 = memchr(token, '.', len);
    const char *d2 = d1 ? memchr(d1 + 1, '.', len - (size_t)(d1 + 1 - token)) : NULL;
    if (len > JWT_MAX_LEN || !d1 || !d2 || memchr(d2 + 1, '.', len - (size_t)(d2 + 1 - token))) {
        return AG_EINVAL;
    }
    p->header = token;
    p->header_len = (size_t)(d1 - token);
    p->payload = d1 + 1;
    p->payload_len = (size_t)(d2 - d1 - 1);
    p->sig = d2 + 1;
    p->sig_len = len - (size_t)(d2 + 1 - token);
    return p->header_len && p->payload_len && p->sig_len ? 0 : AG_EINVAL;
}

static int
decode_json(const char *s, size_t len, struct json_object **out)
{
    size_t cap = len / 4 * 3 + 3, n = 0;
    unsigned char *raw = malloc(cap);
    int rc = raw ? crypt_b64url_decode(s, len, raw, cap, &n) : AG_ENOMEM;
    if (rc == 0) {
        rc = jsn_parse((const char *)raw, n, out);
    }
    if (rc == 0 && !json_object_is_type(*out, json_type_object)) {
        json_object_put(*out);
        *out = NULL;
        rc = AG_EINVAL;
    }
    free(raw);
    return rc;
}

static const EVP_MD *
alg_md(const char *alg)
{
    if (!alg) {
        return NULL;
    }
    if (strcmp(alg, "RS256") == 0) {
        return EVP_sha256();
    }
    if (strcmp(alg, "RS384") == 0) {
        return EVP_sha384();
    }
    return strcmp(alg, "RS512") == 0 ? EVP_sha512() : NULL;
}

/* find_key: the RSA signing key named kid (any RSA signing key when kid is NULL and the set
 * holds exactly one). A key that states another "alg" or a "use" other than sig is skipped. */
static int
find_key(struct json_object *jwks, const char *kid, const char *alg, struct json_object **jwk)
{
    struct json_object *keys = NULL;
    if (!jwks || !json_object_object_get_ex(jwks, "keys", &keys) ||
        !json_object_is_type(keys, json_type_array)) {
        return AG_ENOTFOUND;
    }
    int found = 0;
    size_t n = json_object_array_length(keys);
    for (size_t i = 0; i < n; i++) {
        struct json_object *k = json_object_array_get_idx(keys, i);
        const char *kty = jsn_get_str(k, "kty"), *use = jsn_get_str(k, "use");
        const char *kalg = jsn_get_str(k, "alg"), *kkid = jsn_get_str(k, "kid");
        if (!kty || strcmp(kty, "RSA") != 0 || (use && strcmp(use, "sig") != 0) ||
            (kalg && strcmp(kalg, alg) != 0)) {
            continue;
        }
        if (kid ? (kkid && strcmp(kkid, kid) == 0) : 1) {
            *jwk = k;
            found++;
            if (kid) {
                break;
            }
        }
    }
    return found == 1 ? 0 : AG_ENOTFOUND;
}

static BIGNUM *
member_bn(struct json_object *jwk, const char *key)
{
    const char *s = jsn_get_str(jwk, key);
    unsigned char raw[1024];
    size_t n = 0;
    if (!s || crypt_b64url_decode(s, strlen(s), raw, sizeof(raw), &n) < 0 || n == 0) {
        return NULL;
    }
    return BN_bin2bn(raw, (int)n, NULL);
}

static int
rsa_key(struct json_object *jwk, EVP_PKEY **out)
{
    BIGNUM *n = member_bn(jwk, "n"), *e = member_bn(jwk, "e");
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *ctx = NULL;
    int rc = AG_EINVAL;
    *out = NULL;
    if (!n || !e || !bld || !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) ||
        !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e)) {
        goto out;
    }
    params = OSSL_PARAM_BLD_to_param(bld);
    ctx = params ? EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL) : NULL;
    if (!ctx || EVP_PKEY_fromdata_init(ctx) != 1 ||
        EVP_PKEY_fromdata(ctx, out, EVP_PKEY_PUBLIC_KEY, params) != 1) {
        goto out;
    }
    if (EVP_PKEY_get_bits(*out) < JWT_MIN_RSA_BITS) {
        EVP_PKEY_free(*out);
        *out = NULL;
        goto out;
    }
    rc = 0;
out:
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(n);
    BN_free(e);
    return rc;
}

static int
verify_sig(const struct jwt_parts *p, const EVP_MD *md, EVP_PKEY *key)
{
    unsigned char sig[1024];
    size_t sig_len = 0;
    if (crypt_b64url_decode(p->sig, p->sig_len, sig, sizeof(sig), &sig_len) < 0) {
        return AG_EFORBIDDEN;
    }
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t signed_len = p->header_len + 1 + p->payload_len;
    int ok = ctx && EVP_DigestVerifyInit(ctx, NULL, md, NULL, key) == 1 &&
             EVP_DigestVerify(ctx, sig, sig_len, (const unsigned char *)p->header, signed_len) == 1;
    EVP_MD_CTX_free(ctx);
    return ok ? 0 : AG_EFORBIDDEN;
}

/* num_claim: a numeric claim (integer or real) in *v; 0 when present, AG_ENOTFOUND if absent,
 * AG_EINVAL when of another type. */
static int
num_claim(struct json_object *c, const char *key, long long *v)
{
    struct json_object *o = NULL;
    if (!json_object_object_get_ex(c, key, &o)) {
        return AG_ENOTFOUND;
    }
    if (!json_object_is_type(o, json_type_int) && !json_object_is_type(o, json_type_double)) {
        return AG_EINVAL;
    }
    *v = json_object_get_int64(o);
    return 0;
}

static int
audience_ok(struct json_object *c, const char *audience)
{
    struct json_object *aud = NULL;
    const char *azp = jsn_get_str(c, "azp");
    if (!json_object_object_get_ex(c, "aud", &aud)) {
        return 0;
    }
    if (azp && strcmp(azp, audience) != 0) {
        return 0;
    }
    if (json_object_is_type(aud, json_type_string)) {
        return strcmp(json_object_get_string(aud), audience) == 0;
    }
    if (!json_object_is_type(aud, json_type_array)) {
        return 0;
    }
    size_t n = json_object_array_length(aud);
    int has = 0;
    for (size_t i = 0; i < n; i++) {
        struct json_object *a = json_object_array_get_idx(aud, i);
        has |= json_object_is_type(a, json_type_string) &&
               strcmp(json_object_get_string(a), audience) == 0;
    }
    /* several audiences: the token must say it was issued to us (Core 3.1.3.7 items 4-5) */
    return has && (n == 1 || azp);
}

static int
check_claims(struct json_object *c, const struct jwt_expect *ex, const char **why)
{
    long long exp = 0, iat = 0, nbf = 0;
    const char *iss = jsn_get_str(c, "iss"), *sub = jsn_get_str(c, "sub");
    const char *nonce = jsn_get_str(c, "nonce");
    int rc_nbf = num_claim(c, "nbf", &nbf);
    *why = "wrong issuer";
    if (!iss || (strcmp(iss, ex->issuer) != 0 && (!ex->issuer_alt || strcmp(iss, ex->issuer_alt) != 0))) {
        return AG_EFORBIDDEN;
    }
    *why = "wrong audience";
    if (!audience_ok(c, ex->audience)) {
        return AG_EFORBIDDEN;
    }
    *why = "no subject";
    if (!sub || !*sub || strlen(sub) > 255) {
        return AG_EFORBIDDEN;
    }
    *why = "expired";
    if (num_claim(c, "exp", &exp) < 0 || exp + JWT_LEEWAY <= ex->now) {
        return AG_EFORBIDDEN;
    }
    *why = "issued in the future";
    if (num_claim(c, "iat", &iat) < 0 || iat > ex->now + JWT_LEEWAY) {
        return AG_EFORBIDDEN;
    }
    *why = "not yet valid";
    if (rc_nbf == AG_EINVAL || (rc_nbf == 0 && nbf > ex->now + JWT_LEEWAY)) {
        return AG_EFORBIDDEN;
    }
    *why = "nonce mismatch";
    if (ex->nonce && (!nonce || !crypt_streq(nonce, ex->nonce))) {
        return AG_EFORBIDDEN;
    }
    *why = NULL;
    return 0;
}

int
jwt_verify(const char *token, struct json_object *jwks, const struct jwt_expect *ex,
           struct json_object **claims, const char **why)
{
    struct jwt_parts p;
    struct json_object *header = NULL, *body = NULL, *jwk = NULL;
    EVP_PKEY *key = NULL;
    const EVP_MD *md = NULL;
    int rc = AG_EFORBIDDEN;
    *claims = NULL;
    *why = "malformed token";
    if (!token || split(token, &p) < 0 || decode_json(p.header, p.header_len, &header) < 0) {
        goto out;
    }
    const char *alg = jsn_get_str(header, "alg");
    *why = "signature algorithm not allowed";
    if (!(md = alg_md(alg))) {
        goto out;
    }
    *why = "unknown signing key";
    rc = find_key(jwks, jsn_get_str(header, "kid"), alg, &jwk);
    if (rc < 0) {
        goto out;
    }
    rc = AG_EFORBIDDEN;
    *why = "unusable signing key";
    if (rsa_key(jwk, &key) < 0) {
        goto out;
    }
    *why = "bad signature";
    if (verify_sig(&p, md, key) < 0) {
        goto out;
    }
    *why = "malformed token";
    if (decode_json(p.payload, p.payload_len, &body) < 0) {
        goto out;
    }
    rc = check_claims(body, ex, why);
    if (rc == 0) {
        *claims = body;
        body = NULL;
    }
out:
    EVP_PKEY_free(key);
    json_object_put(header);
    json_object_put(body);
    return rc;
}
