/* SPDX-License-Identifier: MIT */
/* jwt.h - verification of a signed JWT (RS256, RS384 or RS512; "none" and HMAC are refused)
 * against a JWK Set, and the ID token checks of OpenID Connect Core 3.1.3.7: issuer, audience
 * (and azp), expiry, not-before, issued-at and nonce. No HTTP here: the caller fetches the
 * JWKS (cgi/auth/oidc.c). The token is never logged. */
#ifndef AG_AUTH_JWT_H
#define AG_AUTH_JWT_H

#include <json-c/json.h>

#include "../core/ag.h"

#define JWT_MAX_LEN 16384 /* longer tokens are refused unparsed */
#define JWT_LEEWAY  60    /* seconds of clock skew allowed on exp, nbf and iat */

struct jwt_expect {
    const char *issuer;   /* exact "iss" */
    const char *issuer_alt; /* another accepted "iss" (Google's "accounts.google.com"), or NULL */
    const char *audience; /* our client_id: "aud" (string or array) must hold it */
    const char *nonce;    /* exact "nonce"; NULL = not checked */
    long long now;        /* unix seconds */
};

/* jwt_verify checks token's signature with the key of jwks named by its "kid" (or the only RSA
 * key when the token names none), then the claims. 0 and *claims (owned by the caller:
 * json_object_put) when everything holds; AG_ENOTFOUND when jwks has no key for the token (the
 * caller may refetch the JWKS once and retry); AG_EFORBIDDEN otherwise. *why is a short static
 * reason in both failure cases (never a token fragment). */
int jwt_verify(const char *token, struct json_object *jwks, const struct jwt_expect *ex,
               struct json_object **claims, const char **why) AG_MUST_CHECK;

#endif
