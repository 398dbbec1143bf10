/* SPDX-License-Identifier: MIT */
/* check_sso.c - cgi/auth/sso.c without a provider: config sections (presets, defaults,
 * refusals), trusted proxy addresses, secret references, and the single-use login state
 * (replay, another browser, expiry). The protocols run end to end in tests/it/t_sso.sh. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../cgi/auth/auth.h"
#include "../../cgi/auth/sso.h"
#include "../../cgi/core/crypt.h"

static struct cfg cfg;
static struct sso_config sso;
static char why[256];

/* load writes text to a temp config file and loads cfg and sso from it */
static int
load(const char *text)
{
    char path[] = "/tmp/check_sso.XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    why[0] = '\0';
    int rc = cfg_load(&cfg, path, why, sizeof(why));
    unlink(path);
    return rc < 0 ? rc : sso_config_load(&cfg, &sso, why, sizeof(why));
}

START_TEST(test_sso_config_presets)
{
    ck_assert_int_eq(load("workers = 2\n[oidc.google]\npreset = google\ndiscovery_url =\nclient_id = abc\n"
                          "client_secret = env:G_SECRET\n"
                          "[oidc.corp]\npreset = entra\ntenant = 72f988bf-86f1-41af-91ab-2d7cd011db47\n"
                          "client_id = def\nclient_secret = file:/etc/x\ndefault_role = editor\n"
                          "token_auth = client_secret_basic\n"
                          "[github]\nclient_id = gh\nclient_secret = s3\n"),
                     0);
    ck_assert_int_eq(cfg.workers, 2);
    ck_assert_int_eq(sso.n, 3);
    const struct sso_provider *g = sso_find(&sso, "google");
    ck_assert_str_eq(g->issuer, "https://accounts.google.com");
    ck_assert_str_eq(g->discovery, "https://accounts.google.com/.well-known/openid-configuration");
    ck_assert_str_eq(g->display, "Google");
    ck_assert_str_eq(g->issuer_alt, "accounts.google.com");
    ck_assert_str_eq(g->scopes, "openid email profile");
    ck_assert_int_eq(g->default_role, AUTH_VIEWER);
    ck_assert_int_eq(g->basic_auth, 0);
    const struct sso_provider *e = sso_find(&sso, "corp");
    ck_assert_str_eq(e->issuer, "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0");
    ck_assert_str_eq(e->display, "Microsoft");
    ck_assert_int_eq(e->default_role, AUTH_EDITOR);
    ck_assert_int_eq(e->basic_auth, 1);
    const struct sso_provider *gh = sso_find(&sso, "github");
    ck_assert_int_eq(gh->kind, SSO_GITHUB);
    ck_assert_str_eq(gh->api_url, "https://api.github.com");
    ck_assert_str_eq(gh->token_url, "https://github.com/login/oauth/access_token");
    ck_assert_ptr_null(sso_find(&sso, "nope"));
    ck_assert_int_eq(sso.proxy.enabled, 0);
}
END_TEST

START_TEST(test_sso_config_refused)
{
    static const char *const bad[] = {
        "[oidc.x]\nissuer = https://idp\nclient_id = a\n",                    /* no secret */
        "[oidc.x]\nissuer = https://idp\nclient_secret = a\n",                /* no client id */
        "[oidc.x]\npreset = entra\nclient_id = a\nclient_secret = b\n",       /* no tenant */
        "[oidc.x]\npreset = okta\nclient_id = a\nclient_secret = b\n",
        "[oidc.x]\npreset = entra\ntenant = contoso.com\nclient_id = a\nclient_secret = b\n",
        "[oidc.x]\nissuer = http://idp.example.com\nclient_id = a\nclient_secret = b\n",
        "[oidc.x]\nissuer = https://idp\nclient_id = a\nclient_secret = b\ncolour = red\n",
        "[oidc.x]\nissuer = https://idp\nclient_id = a\nclient_secret = b\ndefault_role = god\n",
        "[oidc.x]\nissuer = https://idp\nclient_id = a\nclient_secret = b\nscopes = email\n",
        "[oidc.Bad!]\nissuer = https://idp\nclient_id = a\nclient_secret = b\n",
        "[oidc.github]\nissuer = https://idp\nclient_id = a\nclient_secret = b\n"
        "[github]\nclient_id = a\nclient_secret = b\n",
        "[proxy_auth]\nenabled = on\n",                                        /* no trusted */
        "[proxy_auth]\nenabled = yes\ntrusted = 10.0.0.1\n",
        "[proxy_auth]\nheader = X Remote\n",
        "[sso]\nx = 1\n",                                                     /* unknown */
        "[github]\nclient_id = a\nclient_secret = b\n[github]\nclient_id = c\n", /* twice */
        "[github]\nclient_id = a\nclient_id = b\n",                           /* key twice */
        "[github]\nworkers = 2\nclient_id = a\nclient_secret = b\n",
    };
    for (size_t i = 0; i < AG_NELEM(bad); i++) {
        ck_assert_msg(load(bad[i]) == AG_EINVAL, "accepted: %s", bad[i]);
        ck_assert_msg(why[0], "no reason for: %s", bad[i]);
    }
    /* the plain keys still work after a section-less file */
    ck_assert_int_eq(load("log_level = debug\n"), 0);
    ck_assert_int_eq(sso.n, 0);
}
END_TEST

START_TEST(test_sso_proxy_trusted)
{
    ck_assert_int_eq(load("[proxy_auth]\nenabled = on\nheader = X-Forwarded-User\nemail_header =\n"
                          "email_header = X-Forwarded-Email\ntrusted = 10.0.0.0/8 192.0.2.7 ::1\n"
                          "default_role = editor\n"),
                     0);
    ck_assert_int_eq(sso.proxy.enabled, 1);
    ck_assert_str_eq(sso.proxy.env_name, "HTTP_X_FORWARDED_USER");
    ck_assert_str_eq(sso.proxy.email_header, "HTTP_X_FORWARDED_EMAIL");
    ck_assert_int_eq(sso.proxy.default_role, AUTH_EDITOR);
    const char *t = sso.proxy.trusted;
    ck_assert(sso_addr_trusted(t, "10.1.2.3"));
    ck_assert(sso_addr_trusted(t, "192.0.2.7"));
    ck_assert(sso_addr_trusted(t, "::1"));
    ck_assert(!sso_addr_trusted(t, "192.0.2.8"));
    ck_assert(!sso_addr_trusted(t, "11.0.0.1"));
    ck_assert(!sso_addr_trusted(t, "127.0.0.1"));
    ck_assert(!sso_addr_trusted(t, ""));
    ck_assert(!sso_addr_trusted(t, "10.1.2.3x"));
    ck_assert(sso_addr_trusted("172.16.0.0/12", "172.31.255.255"));
    ck_assert(!sso_addr_trusted("172.16.0.0/12", "172.32.0.0"));
    ck_assert(sso_addr_trusted("fd00::/8", "fd12:3456::1"));
    ck_assert(!sso_addr_trusted("fd00::/8", "fe80::1"));
    ck_assert(!sso_addr_trusted("10.0.0.0/33", "10.0.0.1"));
    ck_assert(sso_addr_trusted("0.0.0.0/0", "203.0.113.5"));
}
END_TEST

START_TEST(test_sso_secret_refs)
{
    char out[64];
    setenv("CHECK_SSO_SECRET", "from-env", 1);
    ck_assert_int_eq(sso_secret("env:CHECK_SSO_SECRET", out, sizeof(out)), 0);
    ck_assert_str_eq(out, "from-env");
    ck_assert_int_eq(sso_secret("env:CHECK_SSO_NOT_SET", out, sizeof(out)), AG_ENOTFOUND);
    char path[] = "/tmp/check_sso_secret.XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_eq((int)write(fd, "from-file\n", 10), 10);
    close(fd);
    char ref[64];
    snprintf(ref, sizeof(ref), "file:%s", path);
    ck_assert_int_eq(sso_secret(ref, out, sizeof(out)), 0);
    ck_assert_str_eq(out, "from-file");
    unlink(path);
    ck_assert_int_eq(sso_secret(ref, out, sizeof(out)), AG_ENOTFOUND);
    ck_assert_int_eq(sso_secret("plain-value", out, sizeof(out)), 0);
    ck_assert_str_eq(out, "plain-value");
    ck_assert_int_eq(sso_secret("x", out, 1), AG_ETOOBIG);
}
END_TEST

/* the state of a started login: single use, bound to the browser, expires */
START_TEST(test_sso_state_single_use)
{
    struct db *db = NULL;
    int applied = 0;
    ck_assert_int_eq(db_open(":memory:", &db), 0);
    ck_assert_int_eq(db_migrate(db, "sql", &applied), 0);
    ck_assert_int_eq(load("[github]\nclient_id = gh-id\nclient_secret = s\n"
                          "authorize_url = http://127.0.0.1:9/authorize\n"),
                     0);
    const struct sso_provider *p = sso_find(&sso, "github");
    struct buf url = BUF_INIT;
    const char *reason = NULL;
    long long now = 1700000000;
    ck_assert_int_eq(sso_begin(db, NULL, p, "http://ag.test/cb", "browser-1", "/about", now, &url,
                               &reason),
                     0);
    const char *u = buf_cstr(&url);
    const char *want = "http://127.0.0.1:9/authorize?client_id=gh-id&redirect_uri="
                       "http%3A%2F%2Fag.test%2Fcb&scope=read%3Auser%20user%3Aemail&state=";
    ck_assert_msg(strncmp(u, want, strlen(want)) == 0, "%s", u);
    ck_assert_ptr_nonnull(strstr(u, "&code_challenge_method=S256"));
    const char *s = strstr(u, "&state=");
    ck_assert_ptr_nonnull(s);
    char state[64];
    snprintf(state, sizeof(state), "%.*s", (int)strcspn(s + 7, "&"), s + 7);
    ck_assert_int_eq((int)strlen(state), AUTH_TOKEN_LEN);

    struct sso_identity id;
    char next[64];
    /* another browser: refused, and the state is spent */
    ck_assert_int_eq(sso_finish(db, NULL, p, "http://ag.test/cb", "browser-2", state, "code", now + 5,
                                &id, next, sizeof(next), &reason),
                     AG_EFORBIDDEN);
    ck_assert_ptr_nonnull(strstr(reason, "another browser"));
    ck_assert_int_eq(sso_finish(db, NULL, p, "http://ag.test/cb", "browser-1", state, "code", now + 6,
                                &id, next, sizeof(next), &reason),
                     AG_EFORBIDDEN);
    ck_assert_ptr_nonnull(strstr(reason, "already used"));
    /* a fresh state: the stored row matches once, then never again; an old one expires */
    buf_reset(&url);
    ck_assert_int_eq(sso_begin(db, NULL, p, "http://ag.test/cb", "browser-1", "/x", now, &url, &reason), 0);
    s = strstr(buf_cstr(&url), "&state=");
    snprintf(state, sizeof(state), "%.*s", (int)strcspn(s + 7, "&"), s + 7);
    ck_assert_int_eq(sso_finish(db, NULL, p, "http://ag.test/cb", "browser-1", state, "code",
                                now + SSO_PENDING_TTL, &id, next, sizeof(next), &reason),
                     AG_EFORBIDDEN);
    ck_assert_ptr_nonnull(strstr(reason, "expired"));
    char hash[65], prov[48], bind[72];
    crypt_sha256_hex(state, strlen(state), hash);
    /* within its time the row is taken once (it was refused above only for being late) */
    ck_assert_int_eq(sso_db_pending_take(db, hash, now + 1, prov, sizeof(prov), bind, sizeof(bind),
                                         next, sizeof(next)),
                     0);
    ck_assert_str_eq(prov, "github");
    ck_assert_str_eq(next, "/x");
    ck_assert_int_eq(sso_db_pending_take(db, hash, now + 1, prov, sizeof(prov), bind, sizeof(bind),
                                         next, sizeof(next)),
                     AG_ENOTFOUND);
    ck_assert_int_eq(sso_finish(db, NULL, p, "http://ag.test/cb", "browser-1", NULL, "code", now, &id,
                                next, sizeof(next), &reason),
                     AG_EFORBIDDEN);
    buf_free(&url);
    db_close(db);
}
END_TEST

Suite *
sso_suite(void)
{
    Suite *s = suite_create("sso");
    TCase *tc = tcase_create("sso");
    tcase_add_test(tc, test_sso_config_presets);
    tcase_add_test(tc, test_sso_config_refused);
    tcase_add_test(tc, test_sso_proxy_trusted);
    tcase_add_test(tc, test_sso_secret_refs);
    tcase_add_test(tc, test_sso_state_single_use);
    suite_add_tcase(s, tc);
    return s;
}
