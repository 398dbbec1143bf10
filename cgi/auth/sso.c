/* SPDX-License-Identifier: MIT */
/* sso.c - single sign-on common parts: the config sections (with the Google and Entra ID
 * presets), secret references, trusted proxy addresses, URL building, and the begin/finish
 * halves of a login with its single-use state. Protocols are in oidc.c and github.c. */
#include "sso.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/evp.h>

#include "../core/crypt.h"
#include "../core/jsn.h"
#include "../core/log.h"
#include "auth.h"

static int load_oidc(const struct cfg_section *s, struct sso_provider *p, char *why, size_t n);
static int load_github(const struct cfg_section *s, struct sso_provider *p, char *why, size_t n);
static int load_proxy(const struct cfg_section *s, struct sso_proxy *px, char *why, size_t n);

static int
copy(char *dst, size_t cap, const char *v)
{
    size_t n = v ? strlen(v) : 0;
    if (n >= cap) {
        return AG_EINVAL;
    }
    memmove(dst, v ? v : "", n);
    dst[n] = '\0';
    return 0;
}

static int
bad(char *why, size_t n, const char *section, const char *what)
{
    snprintf(why, n, "config [%s]: %s", section, what);
    return AG_EINVAL;
}

/* only_keys: every key of s is one of the NULL-terminated list */
static const char *
unknown_key(const struct cfg_section *s, const char *const *keys)
{
    for (int i = 0; i < s->n; i++) {
        int known = 0;
        for (const char *const *k = keys; *k && !known; k++) {
            known = strcmp(s->kv[i].key, *k) == 0;
        }
        if (!known) {
            return s->kv[i].key;
        }
    }
    return NULL;
}

static int
role_of(const struct cfg_section *s, int *role)
{
    const char *v = cfg_section_get(s, "default_role");
    *role = v ? auth_role_parse(v) : AUTH_VIEWER;
    return *role == AUTH_NONE ? AG_EINVAL : 0;
}

static int
load_oidc(const struct cfg_section *s, struct sso_provider *p, char *why, size_t n)
{
    static const char *const keys[] = {"preset",    "tenant",        "issuer",     "discovery_url",
                                       "client_id", "client_secret", "scopes",     "token_auth",
                                       "default_role", "display_name", NULL};
    const char *name = s->name + 5, *preset = cfg_section_get(s, "preset");
    const char *issuer = cfg_section_get(s, "issuer"), *k = unknown_key(s, keys);
    char buf[256] = "";
    if (k) {
        return bad(why, n, s->name, "unknown key (see agentgen.conf.example)");
    }
    p->kind = SSO_OIDC;
    if (!*name || strlen(name) >= sizeof(p->name) ||
        strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(name)) {
        return bad(why, n, s->name, "the name after oidc. must be 1-39 of a-z 0-9 _ -");
    }
    AG_IGNORE(copy(p->name, sizeof(p->name), name));
    if (preset && strcmp(preset, "google") == 0) {
        snprintf(buf, sizeof(buf), "https://accounts.google.com");
        /* Google's ID tokens carry either spelling of its issuer */
        AG_IGNORE(copy(p->issuer_alt, sizeof(p->issuer_alt), "accounts.google.com"));
        AG_IGNORE(copy(p->display, sizeof(p->display), "Google"));
    } else if (preset && strcmp(preset, "entra") == 0) {
        const char *tenant = cfg_section_get(s, "tenant");
        /* the GUID: with a domain name, discovery works but names the GUID issuer */
        if (!tenant || strlen(tenant) != 36 ||
            strspn(tenant, "0123456789abcdefABCDEF-") != 36) {
            return bad(why, n, s->name,
                       "preset = entra needs tenant = <directory (tenant) id, a GUID>");
        }
        snprintf(buf, sizeof(buf), "https://login.microsoftonline.com/%s/v2.0", tenant);
        AG_IGNORE(copy(p->display, sizeof(p->display), "Microsoft"));
    } else if (preset) {
        return bad(why, n, s->name, "preset must be google or entra");
    }
    if (issuer && copy(buf, sizeof(buf), issuer) < 0) {
        return bad(why, n, s->name, "issuer too long");
    }
    if (!*buf || !sso_url_ok(buf) || copy(p->issuer, sizeof(p->issuer), buf) < 0) {
        return bad(why, n, s->name, "issuer must be an https URL (or a preset)");
    }
    const char *disc = cfg_section_get(s, "discovery_url");
    char dbuf[600];
    size_t ilen = strlen(p->issuer);
    snprintf(dbuf, sizeof(dbuf), "%s%s.well-known/openid-configuration", p->issuer,
             ilen && p->issuer[ilen - 1] == '/' ? "" : "/");
    int rc = copy(p->discovery, sizeof(p->discovery), disc ? disc : dbuf);
    if (rc < 0 || !sso_url_ok(p->discovery)) {
        return bad(why, n, s->name, "discovery_url must be an https URL");
    }
    const char *auth = cfg_section_get(s, "token_auth");
    if (auth && strcmp(auth, "client_secret_basic") && strcmp(auth, "client_secret_post")) {
        return bad(why, n, s->name, "token_auth must be client_secret_post or client_secret_basic");
    }
    p->basic_auth = auth && strcmp(auth, "client_secret_basic") == 0;
    const char *scopes = cfg_section_get(s, "scopes");
    if (copy(p->scopes, sizeof(p->scopes), scopes ? scopes : "openid email profile") < 0 ||
        !strstr(p->scopes, "openid")) {
        return bad(why, n, s->name, "scopes must include openid");
    }
    return 0;
}

static int
load_github(const struct cfg_section *s, struct sso_provider *p, char *why, size_t n)
{
    static const char *const keys[] = {"client_id",     "client_secret", "default_role",
                                       "display_name",  "authorize_url", "token_url",
                                       "api_url",       "scopes",        NULL};
    if (unknown_key(s, keys)) {
        return bad(why, n, s->name, "unknown key (see agentgen.conf.example)");
    }
    const char *au = cfg_section_get(s, "authorize_url"), *tu = cfg_section_get(s, "token_url");
    const char *api = cfg_section_get(s, "api_url"), *sc = cfg_section_get(s, "scopes");
    p->kind = SSO_GITHUB;
    AG_IGNORE(copy(p->name, sizeof(p->name), "github"));
    AG_IGNORE(copy(p->display, sizeof(p->display), "GitHub"));
    AG_IGNORE(copy(p->issuer, sizeof(p->issuer), "github"));
    if (copy(p->authorize_url, sizeof(p->authorize_url),
             au ? au : "https://github.com/login/oauth/authorize") < 0 ||
        copy(p->token_url, sizeof(p->token_url),
             tu ? tu : "https://github.com/login/oauth/access_token") < 0 ||
        copy(p->api_url, sizeof(p->api_url), api ? api : "https://api.github.com") < 0 ||
        copy(p->scopes, sizeof(p->scopes), sc ? sc : "read:user user:email") < 0 ||
        !sso_url_ok(p->authorize_url) || !sso_url_ok(p->token_url) || !sso_url_ok(p->api_url)) {
        return bad(why, n, s->name, "authorize_url, token_url and api_url must be https URLs");
    }
    size_t len = strlen(p->api_url);
    if (len && p->api_url[len - 1] == '/') {
        p->api_url[len - 1] = '\0';
    }
    return 0;
}

static int
load_common(const struct cfg_section *s, struct sso_provider *p, char *why, size_t n)
{
    const char *id = cfg_section_get(s, "client_id"), *sec = cfg_section_get(s, "client_secret");
    const char *disp = cfg_section_get(s, "display_name");
    if (!id || !*id || copy(p->client_id, sizeof(p->client_id), id) < 0) {
        return bad(why, n, s->name, "client_id is required");
    }
    if (!sec || !*sec || copy(p->secret_ref, sizeof(p->secret_ref), sec) < 0) {
        return bad(why, n, s->name, "client_secret is required (env:NAME, file:/path or the value)");
    }
    if (disp && (!*disp || copy(p->display, sizeof(p->display), disp) < 0)) {
        return bad(why, n, s->name, "display_name must be 1-63 bytes");
    }
    if (!*p->display && copy(p->display, sizeof(p->display), p->name) < 0) {
        return AG_EINVAL;
    }
    if (role_of(s, &p->default_role) < 0) {
        return bad(why, n, s->name, "default_role must be viewer, editor or admin");
    }
    return 0;
}

static int
load_proxy(const struct cfg_section *s, struct sso_proxy *px, char *why, size_t n)
{
    static const char *const keys[] = {"enabled", "header", "email_header", "trusted",
                                       "default_role", NULL};
    if (unknown_key(s, keys)) {
        return bad(why, n, s->name, "unknown key (see agentgen.conf.example)");
    }
    const char *on = cfg_section_get(s, "enabled"), *h = cfg_section_get(s, "header");
    const char *eh = cfg_section_get(s, "email_header"), *t = cfg_section_get(s, "trusted");
    if (on && strcmp(on, "on") && strcmp(on, "off")) {
        return bad(why, n, s->name, "enabled must be on or off");
    }
    px->enabled = on && strcmp(on, "on") == 0;
    const char *names[2] = {h ? h : "X-Remote-User", eh};
    char *outs[2] = {px->env_name, px->email_header};
    if (copy(px->header, sizeof(px->header), names[0]) < 0) {
        return bad(why, n, s->name, "header too long");
    }
    for (int i = 0; i < 2; i++) {
        const char *v = names[i];
        size_t o = 0;
        if (!v) {
            continue;
        }
        if (!*v || strlen(v) > 60 || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") != strlen(v)) {
            return bad(why, n, s->name, "header names are letters, digits and -");
        }
        o = (size_t)snprintf(outs[i], 80, "HTTP_");
        for (; *v; v++) {
            outs[i][o++] = *v == '-' ? '_' : (char)toupper((unsigned char)*v);
        }
        outs[i][o] = '\0';
    }
    if (copy(px->trusted, sizeof(px->trusted), t) < 0 || (px->enabled && !*px->trusted)) {
        return bad(why, n, s->name, "trusted must list the proxy addresses when enabled = on");
    }
    const char *v = cfg_section_get(s, "default_role");
    px->default_role = v ? auth_role_parse(v) : AUTH_VIEWER;
    if (px->default_role == AUTH_NONE) {
        return bad(why, n, s->name, "default_role must be viewer, editor or admin");
    }
    return 0;
}

int
sso_config_load(const struct cfg *c, struct sso_config *out, char *why, size_t why_len)
{
    memset(out, 0, sizeof(*out));
    for (int i = 0; i < c->n_sections; i++) {
        const struct cfg_section *s = &c->sections[i];
        int rc;
        if (strcmp(s->name, "proxy_auth") == 0) {
            rc = load_proxy(s, &out->proxy, why, why_len);
        } else if (strncmp(s->name, "oidc.", 5) == 0 || strcmp(s->name, "github") == 0) {
            if (out->n >= SSO_MAX) {
                return bad(why, why_len, s->name, "too many sign-in providers");
            }
            struct sso_provider *p = &out->p[out->n];
            rc = s->name[0] == 'o' ? load_oidc(s, p, why, why_len)
                                   : load_github(s, p, why, why_len);
            rc = rc == 0 ? load_common(s, p, why, why_len) : rc;
            if (rc == 0 && sso_find(out, p->name)) {
                rc = bad(why, why_len, s->name, "a provider of that name exists already");
            }
            out->n += rc == 0;
        } else {
            rc = bad(why, why_len, s->name, "unknown section (oidc.NAME, github, proxy_auth)");
        }
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

const struct sso_provider *
sso_find(const struct sso_config *s, const char *name)
{
    for (int i = 0; name && i < s->n; i++) {
        if (strcmp(s->p[i].name, name) == 0) {
            return &s->p[i];
        }
    }
    return NULL;
}

int
sso_secret(const char *ref, char *out, size_t cap)
{
    int rc = 0;
    out[0] = '\0';
    if (strncmp(ref, "env:", 4) == 0) {
        const char *v = getenv(ref + 4);
        rc = v && *v ? copy(out, cap, v) : AG_ENOTFOUND;
    } else if (strncmp(ref, "file:", 5) == 0) {
        FILE *f = fopen(ref + 5, "r");
        if (!f) {
            return AG_ENOTFOUND;
        }
        if (!fgets(out, (int)cap, f)) {
            out[0] = '\0';
        }
        fclose(f);
        out[strcspn(out, "\r\n")] = '\0';
        rc = *out ? 0 : AG_ENOTFOUND;
    } else {
        rc = copy(out, cap, ref);
    }
    if (rc == AG_EINVAL) {
        rc = AG_ETOOBIG;
    }
    if (rc < 0) {
        crypt_wipe(out, cap);
    }
    return rc;
}

/* basic_header: "Authorization: Basic base64(id:secret)" (RFC 6749 2.3.1 form-encodes both
 * first; client ids and secrets are URL-safe in practice, and are encoded here anyway) */
static int
basic_header(const char *id, const char *secret, struct buf *out)
{
    struct buf pair = BUF_INIT;
    int rc = sso_url_encode(&pair, id);
    if (rc == 0) {
        rc = buf_putc(&pair, ':');
    }
    if (rc == 0) {
        rc = sso_url_encode(&pair, secret);
    }
    unsigned char *b64 = rc == 0 ? malloc(4 * (pair.len / 3 + 1) + 1) : NULL;
    if (rc == 0 && !b64) {
        rc = AG_ENOMEM;
    }
    if (rc == 0) {
        int n = EVP_EncodeBlock(b64, (const unsigned char *)pair.data, (int)pair.len);
        rc = buf_printf(out, "Authorization: Basic %.*s", n, (const char *)b64);
        crypt_wipe(b64, (size_t)n);
    }
    free(b64);
    crypt_wipe_buf(&pair);
    return rc;
}

void
sso_wipe_json(struct json_object *o)
{
    if (!o || !json_object_is_type(o, json_type_object)) {
        return;
    }
    json_object_object_foreach(o, k, v)
    {
        (void)k;
        if (json_object_is_type(v, json_type_string)) {
            crypt_wipe((void *)(size_t)json_object_get_string(v),
                       (size_t)json_object_get_string_len(v));
        }
    }
}

int
sso_token_post(struct httpc *h, const struct sso_provider *p, const char *token_url,
               const char *grant_type, const char *redirect_uri, const char *code,
               const char *verifier, const char *refused, struct json_object **out,
               const char **why)
{
    char secret[512];
    struct buf body = BUF_INIT, auth = BUF_INIT;
    *out = NULL;
    *why = "the client secret is not available (check client_secret)";
    int rc = sso_secret(p->secret_ref, secret, sizeof(secret));
    if (rc < 0) {
        log_msg(LOG_ERR, "m=sso provider=%s err=client secret reference unresolved", p->name);
        return AG_EUPSTREAM;
    }
    rc = grant_type ? sso_form_add(&body, "grant_type", grant_type) : 0;
    if (rc == 0) {
        rc = sso_form_add(&body, "code", code);
    }
    if (rc == 0) {
        rc = sso_form_add(&body, "redirect_uri", redirect_uri);
    }
    if (rc == 0) {
        rc = sso_form_add(&body, "code_verifier", verifier);
    }
    if (rc == 0) {
        rc = sso_form_add(&body, "client_id", p->client_id);
    }
    if (rc == 0 && !p->basic_auth) {
        rc = sso_form_add(&body, "client_secret", secret);
    }
    if (rc == 0 && p->basic_auth) {
        rc = basic_header(p->client_id, secret, &auth);
    }
    crypt_wipe(secret, sizeof(secret));
    const char *hdrs[] = {"Accept: application/json",
                          "Content-Type: application/x-www-form-urlencoded",
                          p->basic_auth ? buf_cstr(&auth) : NULL, NULL};
    if (rc == 0) {
        *why = refused;
        rc = sso_http_json(h, "POST", token_url, hdrs, buf_cstr(&body), out);
    }
    crypt_wipe_buf(&body);
    crypt_wipe_buf(&auth);
    return rc;
}

/* one_trusted: addr (binary, alen bytes) against "a.b.c.d", "a.b.c.d/n" or the IPv6 forms */
static int
one_trusted(const char *entry, size_t len, const unsigned char *addr, size_t alen)
{
    char text[64];
    unsigned char net[16];
    if (len == 0 || len >= sizeof(text)) {
        return 0;
    }
    memcpy(text, entry, len);
    text[len] = '\0';
    char *slash = strchr(text, '/');
    long bits = (long)alen * 8;
    if (slash) {
        char *end = NULL;
        *slash = '\0';
        errno = 0;
        bits = strtol(slash + 1, &end, 10);
        if (errno || !*(slash + 1) || *end || bits < 0 || bits > (long)alen * 8) {
            return 0;
        }
    }
    if (inet_pton(alen == 4 ? AF_INET : AF_INET6, text, net) != 1) {
        return 0;
    }
    size_t whole = (size_t)bits / 8;
    unsigned rest = (unsigned)bits % 8;
    if (memcmp(net, addr, whole) != 0) {
        return 0;
    }
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return rest == 0 || (net[whole] & mask) == (addr[whole] & mask);
}

int
sso_addr_trusted(const char *list, const char *addr)
{
    unsigned char bin[16];
    size_t alen = 4;
    if (!addr || !*addr) {
        return 0;
    }
    if (inet_pton(AF_INET, addr, bin) != 1) {
        alen = 16;
        if (inet_pton(AF_INET6, addr, bin) != 1) {
            return 0;
        }
    }
    while (list && *list) {
        list += strspn(list, " \t,");
        size_t len = strcspn(list, " \t,");
        if (one_trusted(list, len, bin, alen)) {
            return 1;
        }
        list += len;
    }
    return 0;
}

int
sso_url_ok(const char *url)
{
    char scheme[16], host[256];
    int port = 0;
    if (!url || httpc_url_split(url, scheme, sizeof(scheme), host, sizeof(host), &port) < 0) {
        return 0;
    }
    if (strcmp(scheme, "https") == 0) {
        return 1;
    }
    return strcmp(scheme, "http") == 0 &&
           (strncmp(host, "127.", 4) == 0 || strcmp(host, "localhost") == 0 ||
            strcmp(host, "::1") == 0);
}

int
sso_url_add(struct buf *url, const char *key, const char *value)
{
    int rc = buf_printf(url, "%c%s=", strchr(buf_cstr(url), '?') ? '&' : '?', key);
    return rc == 0 ? sso_url_encode(url, value) : rc;
}

int
sso_url_authorize(struct buf *url, const struct sso_provider *p, const char *redirect_uri,
                  const char *state, const char *challenge)
{
    const char *kv[][2] = {{"client_id", p->client_id},   {"redirect_uri", redirect_uri},
                           {"scope", p->scopes},          {"state", state},
                           {"code_challenge", challenge}, {"code_challenge_method", "S256"}};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof(kv) / sizeof(kv[0]); i++) {
        rc = sso_url_add(url, kv[i][0], kv[i][1]);
    }
    return rc;
}

int
sso_form_add(struct buf *body, const char *key, const char *value)
{
    int rc = body->len ? buf_putc(body, '&') : 0;
    if (rc == 0) {
        rc = buf_printf(body, "%s=", key);
    }
    return rc == 0 ? sso_url_encode(body, value) : rc;
}

int
sso_url_encode(struct buf *url, const char *value)
{
    int rc = 0;
    for (const unsigned char *p = (const unsigned char *)value; rc == 0 && *p; p++) {
        if (isalnum(*p) || strchr("-._~", *p)) {
            rc = buf_putc(url, (char)*p);
        } else {
            rc = buf_printf(url, "%%%02X", *p);
        }
    }
    return rc;
}

int
sso_http_json(struct httpc *h, const char *method, const char *url, const char *const *headers,
              const char *body, struct json_object **out)
{
    struct httpc_req rq = {0};
    struct httpc_resp resp = {0};
    rq.method = method;
    rq.url = url;
    rq.headers = headers;
    rq.body = body;
    rq.body_len = body ? strlen(body) : 0;
    rq.timeout_ms = 10000;
    rq.max_response = 1 << 20;
    *out = NULL;
    int rc = httpc_do(h, &rq, &resp, NULL, NULL);
    if (rc == 0 && (resp.status < 200 || resp.status > 299)) {
        log_msg(LOG_WARNING, "m=sso err=HTTP %ld from a provider endpoint", resp.status);
        rc = AG_EUPSTREAM;
    }
    if (rc == 0) {
        rc = jsn_parse(buf_cstr(&resp.body), resp.body.len, out);
    }
    crypt_wipe_buf(&resp.body); /* may hold tokens */
    return rc;
}

/* derive: base64url HMAC-SHA256(server secret, label "|" state): the nonce and the PKCE
 * verifier of a login, so neither needs storing */
static int
derive(struct db *db, const char *label, const char *state, char out[AUTH_TOKEN_SIZE])
{
    unsigned char key[32], mac[CRYPT_SHA256_LEN];
    char msg[128];
    int n = snprintf(msg, sizeof(msg), "sso-%s|%s", label, state);
    int rc = n > 0 && (size_t)n < sizeof(msg) ? auth_db_secret(db, key) : AG_EINVAL;
    if (rc == 0) {
        rc = crypt_hmac_sha256(key, sizeof(key), msg, (size_t)n, mac);
    }
    if (rc == 0) {
        out[crypt_b64url(mac, sizeof(mac), out)] = '\0';
    }
    crypt_wipe(key, sizeof(key));
    crypt_wipe(mac, sizeof(mac));
    return rc;
}

int
sso_begin(struct db *db, struct httpc *h, const struct sso_provider *p, const char *redirect_uri,
          const char *binding, const char *next, long long now, struct buf *url,
          const char **why)
{
    char state[AUTH_TOKEN_SIZE], nonce[AUTH_TOKEN_SIZE], verifier[AUTH_TOKEN_SIZE];
    char challenge[AUTH_TOKEN_SIZE], state_hash[65], binding_hash[65];
    unsigned char digest[CRYPT_SHA256_LEN];
    *why = "could not start the sign-in";
    int rc = crypt_token(state, sizeof(state), 32);
    if (rc == 0) {
        rc = derive(db, "nonce", state, nonce);
    }
    if (rc == 0) {
        rc = derive(db, "pkce", state, verifier);
    }
    if (rc == 0) {
        crypt_sha256(verifier, strlen(verifier), digest);
        challenge[crypt_b64url(digest, sizeof(digest), challenge)] = '\0';
        rc = p->kind == SSO_OIDC
                 ? oidc_auth_url(h, p, redirect_uri, state, nonce, challenge, now, url, why)
                 : github_auth_url(p, redirect_uri, state, challenge, url);
    }
    if (rc == 0) {
        crypt_sha256_hex(state, strlen(state), state_hash);
        crypt_sha256_hex(binding, strlen(binding), binding_hash);
        rc = sso_db_pending_add(db, state_hash, p->name, binding_hash, next, now + SSO_PENDING_TTL,
                                now);
    }
    crypt_wipe(state, sizeof(state));
    crypt_wipe(nonce, sizeof(nonce));
    crypt_wipe(verifier, sizeof(verifier));
    return rc;
}

int
sso_finish(struct db *db, struct httpc *h, const struct sso_provider *p, const char *redirect_uri,
           const char *binding, const char *state, const char *code, long long now,
           struct sso_identity *id, char *next, size_t next_cap, const char **why)
{
    char state_hash[65], binding_hash[65], provider[48], stored_binding[72];
    char nonce[AUTH_TOKEN_SIZE], verifier[AUTH_TOKEN_SIZE];
    memset(id, 0, sizeof(*id));
    *why = "the sign-in request is incomplete";
    if (!state || !*state || strlen(state) > 128 || !code || !*code || strlen(code) > 2048) {
        return AG_EFORBIDDEN;
    }
    crypt_sha256_hex(state, strlen(state), state_hash);
    int rc = sso_db_pending_take(db, state_hash, now, provider, sizeof(provider), stored_binding,
                                 sizeof(stored_binding), next, next_cap);
    if (rc == AG_ENOTFOUND) {
        *why = "this sign-in link was already used or has expired; start again";
        return AG_EFORBIDDEN;
    }
    if (rc < 0) {
        return rc;
    }
    crypt_sha256_hex(binding ? binding : "", binding ? strlen(binding) : 0, binding_hash);
    if (strcmp(provider, p->name) != 0 || !crypt_streq(binding_hash, stored_binding)) {
        *why = "the sign-in was started for another provider or in another browser";
        return AG_EFORBIDDEN;
    }
    rc = derive(db, "nonce", state, nonce);
    if (rc == 0) {
        rc = derive(db, "pkce", state, verifier);
    }
    if (rc == 0) {
        rc = p->kind == SSO_OIDC
                 ? oidc_finish(h, p, redirect_uri, code, verifier, nonce, now, id, why)
                 : github_finish(h, p, redirect_uri, code, verifier, id, why);
    }
    crypt_wipe(nonce, sizeof(nonce));
    crypt_wipe(verifier, sizeof(verifier));
    return rc;
}
