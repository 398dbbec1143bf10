/* SPDX-License-Identifier: MIT */
/* oidc.c - OpenID Connect (authorization code + PKCE): discovery and JWKS cached per process
 * for SSO_META_TTL, the authorization URL, the token exchange (client_secret_post or _basic)
 * and the ID token check (jwt.c), with one JWKS refetch when the signing key is unknown (key
 * rotation). Codes, secrets and tokens are wiped after use and never logged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "../core/crypt.h"
#include "../core/jsn.h"
#include "../core/log.h"
#include "jwt.h"
#include "sso.h"

struct oidc_meta {
    char authorization_endpoint[512];
    char token_endpoint[512];
    char jwks_uri[512];
};

/* Process state: one entry per configured provider (workers restart on a config reload). */
static struct oidc_cache {
    char name[40];
    long long meta_at;
    struct oidc_meta meta;
    struct json_object *jwks;
    long long jwks_at;
} cache[SSO_MAX];

static struct oidc_cache *
cache_of(const struct sso_provider *p)
{
    struct oidc_cache *free_slot = NULL;
    for (size_t i = 0; i < AG_NELEM(cache); i++) {
        if (strcmp(cache[i].name, p->name) == 0) {
            return &cache[i];
        }
        if (!free_slot && !cache[i].name[0]) {
            free_slot = &cache[i];
        }
    }
    if (free_slot) {
        snprintf(free_slot->name, sizeof(free_slot->name), "%s", p->name);
    }
    return free_slot;
}

static int
meta_url(struct json_object *d, const char *key, char *out, size_t cap)
{
    const char *v = jsn_get_str(d, key);
    int n = v ? snprintf(out, cap, "%s", v) : -1;
    return n > 0 && (size_t)n < cap && sso_url_ok(out) ? 0 : AG_EINVAL;
}

static int
discover(struct httpc *h, const struct sso_provider *p, long long now, struct oidc_meta *m,
         const char **why)
{
    struct oidc_cache *c = cache_of(p);
    if (c && c->meta_at && now - c->meta_at < SSO_META_TTL) {
        *m = c->meta;
        return 0;
    }
    static const char *const hdrs[] = {"Accept: application/json", NULL};
    struct json_object *d = NULL;
    *why = "the provider's discovery document could not be fetched";
    int rc = sso_http_json(h, "GET", p->discovery, hdrs, NULL, &d);
    if (rc == 0) {
        const char *iss = jsn_get_str(d, "issuer");
        *why = "the provider's discovery document names another issuer";
        rc = iss && strcmp(iss, p->issuer) == 0 ? 0 : AG_EUPSTREAM;
    }
    if (rc == 0) {
        *why = "the provider's discovery document lacks https endpoints";
        if (meta_url(d, "authorization_endpoint", m->authorization_endpoint,
                     sizeof(m->authorization_endpoint)) < 0 ||
            meta_url(d, "token_endpoint", m->token_endpoint, sizeof(m->token_endpoint)) < 0 ||
            meta_url(d, "jwks_uri", m->jwks_uri, sizeof(m->jwks_uri)) < 0) {
            rc = AG_EUPSTREAM;
        }
    }
    json_object_put(d);
    if (rc < 0) {
        log_msg(LOG_WARNING, "m=sso provider=%s err=%s", p->name, *why);
        return AG_EUPSTREAM;
    }
    if (c) {
        c->meta = *m;
        c->meta_at = now;
    }
    return 0;
}

/* jwks: the cached key set (borrowed from the cache, or *owned when there is no cache slot),
 * fetched when missing, stale or force is set */
static int
jwks(struct httpc *h, const struct sso_provider *p, const struct oidc_meta *m, long long now,
     int force, struct json_object **out, struct json_object **owned)
{
    struct oidc_cache *c = cache_of(p);
    *owned = NULL;
    if (c && c->jwks && !force && now - c->jwks_at < SSO_META_TTL) {
        *out = c->jwks;
        return 0;
    }
    static const char *const hdrs[] = {"Accept: application/json", NULL};
    struct json_object *k = NULL, *keys = NULL;
    int rc = sso_http_json(h, "GET", m->jwks_uri, hdrs, NULL, &k);
    if (rc == 0 && (!json_object_object_get_ex(k, "keys", &keys) ||
                    !json_object_is_type(keys, json_type_array))) {
        rc = AG_EUPSTREAM;
    }
    if (rc < 0) {
        json_object_put(k);
        log_msg(LOG_WARNING, "m=sso provider=%s err=JWKS could not be fetched", p->name);
        return AG_EUPSTREAM;
    }
    if (c) {
        json_object_put(c->jwks);
        c->jwks = k;
        c->jwks_at = now;
    } else {
        *owned = k;
    }
    *out = k;
    return 0;
}

int
oidc_auth_url(struct httpc *h, const struct sso_provider *p, const char *redirect_uri,
              const char *state, const char *nonce, const char *challenge, long long now,
              struct buf *url, const char **why)
{
    struct oidc_meta m;
    int rc = discover(h, p, now, &m, why);
    if (rc == 0) {
        rc = buf_puts(url, m.authorization_endpoint);
    }
    if (rc == 0) {
        rc = sso_url_add(url, "response_type", "code");
    }
    if (rc == 0) {
        rc = sso_url_authorize(url, p, redirect_uri, state, challenge);
    }
    if (rc == 0) {
        rc = sso_url_add(url, "nonce", nonce);
    }
    return rc;
}


/* exchange: POST the code to the token endpoint; *id_token (heap, caller wipes and frees) */
static int
exchange(struct httpc *h, const struct sso_provider *p, const struct oidc_meta *m,
         const char *redirect_uri, const char *code, const char *verifier, char **id_token,
         const char **why)
{
    struct json_object *tok = NULL;
    *id_token = NULL;
    int rc = sso_token_post(h, p, m->token_endpoint, "authorization_code", redirect_uri, code,
                            verifier, "the provider refused the sign-in code", &tok, why);
    const char *idt = rc == 0 ? jsn_get_str(tok, "id_token") : NULL;
    if (rc == 0 && !idt) {
        *why = "the provider sent no ID token";
        rc = AG_EUPSTREAM;
    }
    if (rc == 0 && !(*id_token = strdup(idt))) {
        rc = AG_ENOMEM;
    }
    sso_wipe_json(tok);
    json_object_put(tok);
    return rc;
}

static void
identity_of(const struct sso_provider *p, struct json_object *claims, struct sso_identity *id)
{
    struct json_object *v = NULL;
    const char *email = jsn_get_str(claims, "email");
    snprintf(id->provider, sizeof(id->provider), "%s", p->issuer);
    snprintf(id->subject, sizeof(id->subject), "%s", jsn_get_str(claims, "sub"));
    if (email && strlen(email) < sizeof(id->email) && strchr(email, '@')) {
        snprintf(id->email, sizeof(id->email), "%s", email);
    }
    /* a boolean; some providers send the string "true" */
    if (json_object_object_get_ex(claims, "email_verified", &v)) {
        id->email_verified = json_object_is_type(v, json_type_boolean)
                                 ? json_object_get_boolean(v)
                                 : json_object_is_type(v, json_type_string) &&
                                       strcmp(json_object_get_string(v), "true") == 0;
    }
    id->email_verified = id->email_verified && id->email[0];
}

int
oidc_finish(struct httpc *h, const struct sso_provider *p, const char *redirect_uri,
            const char *code, const char *verifier, const char *nonce, long long now,
            struct sso_identity *id, const char **why)
{
    struct oidc_meta m;
    struct json_object *keys = NULL, *owned = NULL, *claims = NULL;
    char *id_token = NULL;
    int rc = discover(h, p, now, &m, why);
    if (rc == 0) {
        rc = exchange(h, p, &m, redirect_uri, code, verifier, &id_token, why);
    }
    if (rc == 0) {
        *why = "the provider's signing keys could not be fetched";
        rc = jwks(h, p, &m, now, 0, &keys, &owned);
    }
    struct jwt_expect ex = {p->issuer, p->issuer_alt[0] ? p->issuer_alt : NULL, p->client_id,
                            nonce, now};
    if (rc == 0) {
        rc = jwt_verify(id_token, keys, &ex, &claims, why);
    }
    if (rc == AG_ENOTFOUND) {
        /* a key we have not seen: the provider may have rotated its keys; fetch them once */
        json_object_put(owned);
        rc = jwks(h, p, &m, now, 1, &keys, &owned);
        rc = rc == 0 ? jwt_verify(id_token, keys, &ex, &claims, why) : rc;
        rc = rc == AG_ENOTFOUND ? AG_EFORBIDDEN : rc;
    }
    if (rc == 0) {
        identity_of(p, claims, id);
        *why = NULL;
    } else if (rc == AG_EFORBIDDEN) {
        log_msg(LOG_NOTICE, "m=sso provider=%s err=ID token refused: %s", p->name, *why);
    }
    if (id_token) {
        crypt_wipe(id_token, strlen(id_token));
        free(id_token);
    }
    json_object_put(owned);
    json_object_put(claims);
    return rc;
}
