/* SPDX-License-Identifier: MIT */
/* github.c - GitHub OAuth (not OpenID Connect): authorize -> code -> access token (JSON reply
 * asked for with Accept) -> GET /user and /user/emails; the identity is the numeric user id and
 * the primary verified address. The base URLs are configurable (GitHub Enterprise, tests). The
 * access token is wiped after the two calls and never logged. */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "../core/crypt.h"
#include "../core/log.h"
#include "sso.h"

int
github_auth_url(const struct sso_provider *p, const char *redirect_uri, const char *state,
                const char *challenge, struct buf *url)
{
    int rc = buf_puts(url, p->authorize_url);
    if (rc == 0) {
        rc = sso_url_authorize(url, p, redirect_uri, state, challenge);
    }
    if (rc == 0) {
        rc = sso_url_add(url, "allow_signup", "false");
    }
    return rc;
}

/* token: the access token for code into out (caller wipes) */
static int
token(struct httpc *h, const struct sso_provider *p, const char *redirect_uri, const char *code,
      const char *verifier, char *out, size_t cap, const char **why)
{
    struct json_object *tok = NULL, *v = NULL;
    int rc = sso_token_post(h, p, p->token_url, NULL, redirect_uri, code, verifier,
                            "GitHub refused the sign-in code", &tok, why);
    /* GitHub answers 200 with {"error": ...} for a bad code */
    if (rc == 0 && (!json_object_object_get_ex(tok, "access_token", &v) ||
                    !json_object_is_type(v, json_type_string) ||
                    snprintf(out, cap, "%s", json_object_get_string(v)) >= (int)cap)) {
        rc = AG_EFORBIDDEN;
    }
    sso_wipe_json(tok);
    json_object_put(tok);
    return rc;
}

/* primary_email: the primary, verified address of /user/emails */
static void
primary_email(struct json_object *list, struct sso_identity *id)
{
    size_t n = json_object_is_type(list, json_type_array) ? json_object_array_length(list) : 0;
    for (size_t i = 0; i < n; i++) {
        struct json_object *e = json_object_array_get_idx(list, i), *a = NULL, *pr = NULL,
                           *ve = NULL;
        if (json_object_object_get_ex(e, "email", &a) && json_object_is_type(a, json_type_string) &&
            json_object_object_get_ex(e, "primary", &pr) && json_object_get_boolean(pr) &&
            json_object_object_get_ex(e, "verified", &ve) && json_object_get_boolean(ve) &&
            (size_t)json_object_get_string_len(a) < sizeof(id->email)) {
            snprintf(id->email, sizeof(id->email), "%s", json_object_get_string(a));
            id->email_verified = 1;
            return;
        }
    }
}

int
github_finish(struct httpc *h, const struct sso_provider *p, const char *redirect_uri,
              const char *code, const char *verifier, struct sso_identity *id, const char **why)
{
    char access[512], authz[600];
    struct json_object *user = NULL, *emails = NULL, *v = NULL;
    int rc = token(h, p, redirect_uri, code, verifier, access, sizeof(access), why);
    if (rc < 0) {
        return rc;
    }
    snprintf(authz, sizeof(authz), "Authorization: Bearer %s", access);
    crypt_wipe(access, sizeof(access));
    const char *hdrs[] = {"Accept: application/vnd.github+json", authz,
                          "X-GitHub-Api-Version: 2022-11-28", NULL};
    char url[600];
    snprintf(url, sizeof(url), "%s/user", p->api_url);
    *why = "GitHub did not return the user";
    rc = sso_http_json(h, "GET", url, hdrs, NULL, &user);
    if (rc == 0 && (!json_object_object_get_ex(user, "id", &v) ||
                    !json_object_is_type(v, json_type_int) || json_object_get_int64(v) <= 0)) {
        rc = AG_EUPSTREAM;
    }
    if (rc == 0) {
        snprintf(id->provider, sizeof(id->provider), "github");
        snprintf(id->subject, sizeof(id->subject), "%lld", (long long)json_object_get_int64(v));
        snprintf(url, sizeof(url), "%s/user/emails", p->api_url);
        /* without the user:email scope this is 403/404: the account is then linked by id only */
        if (sso_http_json(h, "GET", url, hdrs, NULL, &emails) == 0) {
            primary_email(emails, id);
        }
        *why = NULL;
    }
    crypt_wipe(authz, sizeof(authz));
    json_object_put(user);
    json_object_put(emails);
    return rc;
}
