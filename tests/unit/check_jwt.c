/* SPDX-License-Identifier: MIT */
/* check_jwt.c - cgi/auth/jwt.c against tokens signed here with a fresh OpenSSL RSA key: a good
 * token, then tampered payload and signature, wrong aud/iss, expired, not yet valid, alg none
 * and HS256, unknown kid, several audiences without azp, and a small RSA key. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "../../cgi/auth/jwt.h"
#include "../../cgi/core/crypt.h"

static EVP_PKEY *key;
static struct json_object *jwks;
static const long long NOW = 1700000000;
static char tok[8192];

static void
b64(const void *p, size_t n, char *out)
{
    out[crypt_b64url(p, n, out)] = '\0';
}

static struct json_object *
jwk_of(EVP_PKEY *k, const char *kid)
{
    BIGNUM *n = NULL, *e = NULL;
    unsigned char nb[1024], eb[16];
    char ns[2048], es[32];
    ck_assert(EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_N, &n));
    ck_assert(EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_E, &e));
    b64(nb, (size_t)BN_bn2bin(n, nb), ns);
    b64(eb, (size_t)BN_bn2bin(e, eb), es);
    BN_free(n);
    BN_free(e);
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "kty", json_object_new_string("RSA"));
    json_object_object_add(o, "use", json_object_new_string("sig"));
    json_object_object_add(o, "kid", json_object_new_string(kid));
    json_object_object_add(o, "n", json_object_new_string(ns));
    json_object_object_add(o, "e", json_object_new_string(es));
    return o;
}

static void
setup(void)
{
    key = EVP_RSA_gen(2048);
    ck_assert_ptr_nonnull(key);
    jwks = json_object_new_object();
    struct json_object *keys = json_object_new_array();
    json_object_array_add(keys, jwk_of(key, "k1"));
    json_object_object_add(jwks, "keys", keys);
}

static void
teardown(void)
{
    EVP_PKEY_free(key);
    json_object_put(jwks);
}

/* sign makes tok from a header and payload (JSON text) signed with k and md (NULL: no
 * signature, for alg none). */
static void
sign(EVP_PKEY *k, const EVP_MD *md, const char *header, const char *payload)
{
    char h[1024], p[2048];
    b64(header, strlen(header), h);
    b64(payload, strlen(payload), p);
    int n = snprintf(tok, sizeof(tok), "%s.%s", h, p);
    unsigned char sig[1024];
    size_t sig_len = sizeof(sig);
    if (md) {
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        ck_assert(EVP_DigestSignInit(ctx, NULL, md, NULL, k) == 1);
        ck_assert(EVP_DigestSign(ctx, sig, &sig_len, (unsigned char *)tok, (size_t)n) == 1);
        EVP_MD_CTX_free(ctx);
    } else {
        memcpy(sig, "x", 1);
        sig_len = 1;
    }
    tok[n++] = '.';
    b64(sig, sig_len, tok + n);
}

static char payload[1024];

static const char *
claims(const char *aud, const char *iss, long long exp, const char *extra)
{
    snprintf(payload, sizeof(payload),
             "{\"iss\":\"%s\",\"sub\":\"u-42\",\"aud\":%s,\"exp\":%lld,\"iat\":%lld,"
             "\"nonce\":\"n0nce\",\"email\":\"a@example.com\",\"email_verified\":true%s}",
             iss, aud, exp, NOW - 10, extra ? extra : "");
    return payload;
}

static int
verify(const char **why)
{
    struct jwt_expect ex = {"https://idp.test", "idp.test", "client-1", "n0nce", NOW};
    struct json_object *c = NULL;
    int rc = jwt_verify(tok, jwks, &ex, &c, why);
    if (rc == 0) {
        struct json_object *sub = NULL;
        ck_assert(json_object_object_get_ex(c, "sub", &sub));
        ck_assert_str_eq(json_object_get_string(sub), "u-42");
    }
    json_object_put(c);
    return rc;
}

#define HDR(alg, kid) "{\"alg\":\"" alg "\",\"kid\":\"" kid "\",\"typ\":\"JWT\"}"

START_TEST(test_jwt_valid_rs256_384_512)
{
    const char *why = NULL;
    sign(key, EVP_sha256(), HDR("RS256", "k1"), claims("\"client-1\"", "https://idp.test", NOW + 300, NULL));
    ck_assert_int_eq(verify(&why), 0);
    sign(key, EVP_sha384(), HDR("RS384", "k1"), claims("[\"client-1\"]", "https://idp.test", NOW + 300, NULL));
    ck_assert_int_eq(verify(&why), 0);
    sign(key, EVP_sha512(), HDR("RS512", "k1"),
         claims("[\"client-1\",\"other\"]", "https://idp.test", NOW + 300, ",\"azp\":\"client-1\""));
    ck_assert_int_eq(verify(&why), 0);
    /* expired 30 s ago: inside the leeway */
    sign(key, EVP_sha256(), HDR("RS256", "k1"), claims("\"client-1\"", "https://idp.test", NOW - 30, NULL));
    ck_assert_int_eq(verify(&why), 0);
}
END_TEST

START_TEST(test_jwt_tampered)
{
    const char *why = NULL;
    sign(key, EVP_sha256(), HDR("RS256", "k1"), claims("\"client-1\"", "https://idp.test", NOW + 300, NULL));
    /* payload swapped for another (sub changed), signature kept */
    char *d1 = strchr(tok, '.'), *d2 = strchr(d1 + 1, '.');
    char other[1024], forged[8192];
    const char *body = claims("\"client-1\"", "https://idp.test", NOW + 300, ",\"admin\":true");
    b64(body, strlen(body), other);
    snprintf(forged, sizeof(forged), "%.*s.%s%s", (int)(d1 - tok), tok, other, d2);
    char good[8192];
    snprintf(good, sizeof(good), "%s", tok);
    snprintf(tok, sizeof(tok), "%s", forged);
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    ck_assert_str_eq(why, "bad signature");
    /* one signature character changed */
    snprintf(tok, sizeof(tok), "%s", good);
    char *last = tok + strlen(tok) - 5;
    *last = *last == 'A' ? 'B' : 'A';
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    ck_assert_str_eq(why, "bad signature");
    /* signed by another key under the same kid */
    EVP_PKEY *k2 = EVP_RSA_gen(2048);
    sign(k2, EVP_sha256(), HDR("RS256", "k1"), claims("\"client-1\"", "https://idp.test", NOW + 300, NULL));
    EVP_PKEY_free(k2);
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    /* garbage */
    snprintf(tok, sizeof(tok), "a.b");
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    ck_assert_str_eq(why, "malformed token");
    size_t glen = strlen(good);
    memcpy(tok, good, glen);
    memcpy(tok + glen, ".", 2); /* a fourth segment */
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
}
END_TEST

START_TEST(test_jwt_claims_refused)
{
    const char *why = NULL;
    sign(key, EVP_sha256(), HDR("RS256", "k1"), claims("\"client-2\"", "https://idp.test", NOW + 300, NULL));
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    ck_assert_str_eq(why, "wrong audience");
    sign(key, EVP_sha256(), HDR("RS256", "k1"), claims("[\"client-1\",\"other\"]", "https://idp.test", NOW + 300, NULL));
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    ck_assert_str_eq(why, "wrong audience");
    sign(key, EVP_sha256(), HDR("RS256", "k1"), claims("\"client-1\"", "https://idp.test", NOW + 300, ",\"azp\":\"other\""));
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    sign(key, EVP_sha256(), HDR("RS256", "k1"), claims("\"client-1\"", "https://evil.test", NOW + 300, NULL));
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    ck_assert_str_eq(why, "wrong issuer");
    /* the alternative spelling is accepted (Google sends either) */
    sign(key, EVP_sha256(), HDR("RS256", "k1"), claims("\"client-1\"", "idp.test", NOW + 300, NULL));
    ck_assert_int_eq(verify(&why), 0);
    sign(key, EVP_sha256(), HDR("RS256", "k1"), claims("\"client-1\"", "https://idp.test", NOW - 61, NULL));
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    ck_assert_str_eq(why, "expired");
    sign(key, EVP_sha256(), HDR("RS256", "k1"), claims("\"client-1\"", "https://idp.test", NOW + 300, ",\"nbf\":1700000100"));
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    ck_assert_str_eq(why, "not yet valid");
    const char *nonce = "{\"iss\":\"https://idp.test\",\"sub\":\"u-42\",\"aud\":\"client-1\","
                        "\"exp\":1700000300,\"iat\":1700000000,\"nonce\":\"other\"}";
    sign(key, EVP_sha256(), HDR("RS256", "k1"), nonce);
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    ck_assert_str_eq(why, "nonce mismatch");
    const char *noexp = "{\"iss\":\"https://idp.test\",\"sub\":\"u-42\",\"aud\":\"client-1\","
                        "\"iat\":1700000000,\"nonce\":\"n0nce\"}";
    sign(key, EVP_sha256(), HDR("RS256", "k1"), noexp);
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    ck_assert_str_eq(why, "expired");
}
END_TEST

START_TEST(test_jwt_alg_and_keys)
{
    const char *why = NULL;
    const char *ok = claims("\"client-1\"", "https://idp.test", NOW + 300, NULL);
    sign(key, NULL, "{\"alg\":\"none\"}", ok);
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    ck_assert_str_eq(why, "signature algorithm not allowed");
    /* HS256 keyed with something public must not pass either */
    sign(key, NULL, HDR("HS256", "k1"), ok);
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    ck_assert_str_eq(why, "signature algorithm not allowed");
    sign(key, EVP_sha256(), HDR("RS256", "k9"), ok);
    ck_assert_int_eq(verify(&why), AG_ENOTFOUND);
    ck_assert_str_eq(why, "unknown signing key");
    /* no kid and one key: that key */
    sign(key, EVP_sha256(), "{\"alg\":\"RS256\"}", ok);
    ck_assert_int_eq(verify(&why), 0);
    /* a 1024-bit key is refused even when the JWKS lists it */
    EVP_PKEY *small = EVP_RSA_gen(1024);
    struct json_object *keys = NULL;
    json_object_object_get_ex(jwks, "keys", &keys);
    json_object_array_add(keys, jwk_of(small, "small"));
    sign(small, EVP_sha256(), HDR("RS256", "small"), ok);
    EVP_PKEY_free(small);
    ck_assert_int_eq(verify(&why), AG_EFORBIDDEN);
    ck_assert_str_eq(why, "unusable signing key");
}
END_TEST

START_TEST(test_jwt_b64url_decode)
{
    unsigned char out[16];
    size_t n = 0;
    ck_assert_int_eq(crypt_b64url_decode("aGVsbG8", 7, out, sizeof(out), &n), 0);
    ck_assert_int_eq((int)n, 5);
    ck_assert(memcmp(out, "hello", 5) == 0);
    ck_assert_int_eq(crypt_b64url_decode("-_8", 3, out, sizeof(out), &n), 0);
    ck_assert_int_eq((int)n, 2);
    ck_assert_int_eq(out[0], 0xfb);
    ck_assert_int_eq(out[1], 0xff);
    ck_assert_int_eq(crypt_b64url_decode("aGVsbG8=", 8, out, sizeof(out), &n), AG_EINVAL);
    ck_assert_int_eq(crypt_b64url_decode("a", 1, out, sizeof(out), &n), AG_EINVAL);
    ck_assert_int_eq(crypt_b64url_decode("aGVsbG9", 7, out, sizeof(out), &n), AG_EINVAL);
    ck_assert_int_eq(crypt_b64url_decode("aGVsbG8", 7, out, 4, &n), AG_ETOOBIG);
}
END_TEST

Suite *
jwt_suite(void)
{
    Suite *s = suite_create("jwt");
    TCase *tc = tcase_create("jwt");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_jwt_valid_rs256_384_512);
    tcase_add_test(tc, test_jwt_tampered);
    tcase_add_test(tc, test_jwt_claims_refused);
    tcase_add_test(tc, test_jwt_alg_and_keys);
    tcase_add_test(tc, test_jwt_b64url_decode);
    suite_add_tcase(s, tc);
    return s;
}
