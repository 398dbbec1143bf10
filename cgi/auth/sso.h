/* SPDX-License-Identifier: MIT */
/* sso.h - single sign-on without HTTP handlers: the [oidc.NAME], [github] and [proxy_auth]
 * config sections, client secret references, trusted proxy addresses, and the two halves of a
 * browser login (sso_begin: state + PKCE + nonce and the provider's URL; sso_finish: the state
 * taken once, the code exchanged, the identity proved). Protocol details live in oidc.c
 * (OpenID Connect) and github.c (GitHub OAuth). Secrets, codes and tokens are never logged and
 * are wiped after use. */
#ifndef AG_AUTH_SSO_H
#define AG_AUTH_SSO_H

#include <stddef.h>

#include "../core/ag.h"
#include "../core/buf.h"
#include "../core/cfg.h"
#include "../core/db.h"
#include "../core/httpc.h"

struct json_object;

#define SSO_MAX         6
#define SSO_PENDING_TTL 600 /* seconds a started login may take */
#define SSO_META_TTL    3600 /* discovery document and JWKS cache, per process */

enum sso_kind { SSO_OIDC = 1, SSO_GITHUB = 2 };

struct sso_provider {
    int kind;
    char name[40];     /* URL segment: /auth/sso/NAME */
    char display[64];  /* "Sign in with DISPLAY" */
    char issuer[256];  /* OIDC: exact "iss"; also the identities.provider of its users */
    char issuer_alt[64]; /* also accepted as "iss" (the google preset), or "" */
    char discovery[512];
    char client_id[256];
    char secret_ref[512]; /* "env:NAME", "file:/path" or the secret itself */
    char scopes[256];
    int basic_auth;       /* client_secret_basic instead of client_secret_post */
    int default_role;     /* AUTH_* for accounts created on first login */
    char authorize_url[512]; /* GitHub */
    char token_url[512];
    char api_url[512];
};

struct sso_proxy {
    int enabled;
    char header[64];      /* "X-Remote-User" */
    char env_name[80];    /* its FastCGI name: "HTTP_X_REMOTE_USER" */
    char email_header[80]; /* FastCGI name of an optional e-mail header, "" = none */
    char trusted[512];    /* space-separated addresses and CIDR blocks */
    int default_role;
};

struct sso_config {
    int n;
    struct sso_provider p[SSO_MAX];
    struct sso_proxy proxy;
};

/* What a provider proved about the person. */
struct sso_identity {
    char provider[256]; /* identities.provider: the OIDC issuer, "github" or "proxy" */
    char subject[256];
    char email[256];
    int email_verified;
};

/* sso_config_load reads the SSO sections of c (presets applied, values checked).
 * AG_EINVAL with why set for a bad or incomplete section. */
int sso_config_load(const struct cfg *c, struct sso_config *out, char *why, size_t why_len)
    AG_MUST_CHECK;
/* sso_find: the provider called name, or NULL. */
const struct sso_provider *sso_find(const struct sso_config *s, const char *name);
/* sso_secret resolves a secret reference into out. AG_ENOTFOUND when the variable or file is
 * missing or empty, AG_ETOOBIG when it does not fit. The caller wipes out. */
int sso_secret(const char *ref, char *out, size_t cap) AG_MUST_CHECK;
/* sso_addr_trusted: 1 when addr (IPv4 or IPv6 text) equals an entry of list or lies in one of
 * its CIDR blocks ("10.0.0.0/8", "::1/128"). */
int sso_addr_trusted(const char *list, const char *addr);
/* sso_url_ok: 1 for an https URL, or an http one to a loopback host (development, tests). */
int sso_url_ok(const char *url);
/* sso_url_encode appends value percent-encoded (all but A-Z a-z 0-9 - . _ ~). */
int sso_url_encode(struct buf *b, const char *value) AG_MUST_CHECK;
/* sso_url_add appends "&key=value" ("?" first when url has none) with value percent-encoded. */
int sso_url_add(struct buf *url, const char *key, const char *value) AG_MUST_CHECK;
/* sso_url_authorize appends what every authorization request carries (OIDC and GitHub):
 * client_id, redirect_uri, scope, state and the PKCE S256 challenge. */
int sso_url_authorize(struct buf *url, const struct sso_provider *p, const char *redirect_uri,
                      const char *state, const char *challenge) AG_MUST_CHECK;
/* sso_form_add appends "key=value" to a form body, "&" first unless the body is empty. */
int sso_form_add(struct buf *body, const char *key, const char *value) AG_MUST_CHECK;

/* sso_begin starts a login: a random state stored (hashed, with the browser binding, the page
 * to return to and an expiry), and *url (arena-free heap buf) set to the provider's
 * authorization URL carrying state, PKCE S256 challenge and (OIDC) nonce. */
int sso_begin(struct db *db, struct httpc *h, const struct sso_provider *p,
              const char *redirect_uri, const char *binding, const char *next, long long now,
              struct buf *url, const char **why) AG_MUST_CHECK;
/* sso_finish completes a login: the state is taken (single use; it must be this provider's
 * and this browser's and not expired), the code exchanged for tokens and the identity proved.
 * 0 with *id and next (the page to return to); AG_EFORBIDDEN with *why (static text, never a
 * token) for a refusal; AG_EUPSTREAM when the provider could not be reached. */
int sso_finish(struct db *db, struct httpc *h, const struct sso_provider *p,
               const char *redirect_uri, const char *binding, const char *state,
               const char *code, long long now, struct sso_identity *id, char *next,
               size_t next_cap, const char **why) AG_MUST_CHECK;

/* ---- protocols (oidc.c, github.c); pkce/nonce are derived by sso.c ---- */
int oidc_auth_url(struct httpc *h, const struct sso_provider *p, const char *redirect_uri,
                  const char *state, const char *nonce, const char *challenge, long long now,
                  struct buf *url, const char **why) AG_MUST_CHECK;
int oidc_finish(struct httpc *h, const struct sso_provider *p, const char *redirect_uri,
                const char *code, const char *verifier, const char *nonce, long long now,
                struct sso_identity *id, const char **why) AG_MUST_CHECK;
int github_auth_url(const struct sso_provider *p, const char *redirect_uri, const char *state,
                    const char *challenge, struct buf *url) AG_MUST_CHECK;
int github_finish(struct httpc *h, const struct sso_provider *p, const char *redirect_uri,
                  const char *code, const char *verifier, struct sso_identity *id,
                  const char **why) AG_MUST_CHECK;
/* sso_token_post: the authorization-code grant (RFC 6749 4.1.3) at token_url: code,
 * redirect_uri, the PKCE code_verifier and the client id and secret (in the body, or as HTTP
 * Basic when p->basic_auth), led by grant_type when given (GitHub's endpoint gets none). The
 * JSON reply in *out (caller: sso_wipe_json, then put). *why says what failed; refused is the
 * reason when the endpoint says no. */
int sso_token_post(struct httpc *h, const struct sso_provider *p, const char *token_url,
                   const char *grant_type, const char *redirect_uri, const char *code,
                   const char *verifier, const char *refused, struct json_object **out,
                   const char **why) AG_MUST_CHECK;
/* sso_wipe_json overwrites the string members of a token reply (tokens) before it is put. */
void sso_wipe_json(struct json_object *o);
/* sso_http_json: one request whose 2xx reply must be a JSON object (*out, caller puts).
 * AG_EUPSTREAM for transport errors and other statuses, AG_EINVAL for a non-JSON body. */
int sso_http_json(struct httpc *h, const char *method, const char *url,
                  const char *const *headers, const char *body, struct json_object **out)
    AG_MUST_CHECK;

/* ---- SQL (sso_db.c) ---- */
int sso_db_pending_add(struct db *db, const char *state_hash, const char *provider,
                       const char *binding_hash, const char *next, long long expires_at,
                       long long now) AG_MUST_CHECK;
/* sso_db_pending_take deletes the unexpired row of state_hash and returns its fields;
 * AG_ENOTFOUND when there is none (used, expired or never made). */
int sso_db_pending_take(struct db *db, const char *state_hash, long long now, char *provider,
                        size_t provider_cap, char *binding_hash, size_t binding_cap, char *next,
                        size_t next_cap) AG_MUST_CHECK;

#endif
