/* SPDX-License-Identifier: MIT */
/* cfg.h - configuration: built-in defaults, then the file (/etc/agent-generator/agentgen.conf or
 * $AGENTGEN_CONFIG), then environment overrides AGENTGEN_<KEY>. "key = value" lines, '#' comments.
 * "[name]" starts a section (e.g. [oidc.google], [github], [proxy_auth]) whose lines are kept as
 * raw key/value pairs for the module that owns them (cgi/auth/sso.c); the plain keys must come
 * before the first section. Process lifetime; read by main.c (agentgen-web again on SIGHUP). */
#ifndef AG_CFG_H
#define AG_CFG_H

#include <stddef.h>

#include "ag.h"

#define CFG_DEFAULT_PATH "/etc/agent-generator/agentgen.conf"
#define CFG_MAX_SECTIONS 8
#define CFG_SECTION_KEYS 16

struct cfg_kv {
    char key[32];
    char value[512];
};

struct cfg_section {
    char name[48];
    int n;
    struct cfg_kv kv[CFG_SECTION_KEYS];
};

struct cfg {
    char db_path[512];
    char data_dir[512];
    char share_dir[512]; /* holds templates/, static/, sql/ */
    char web_socket[256];
    char stream_socket[256];
    char public_url[256]; /* "" = derived from the request */
    char cookie_secure[8]; /* auto | on | off */
    char cors_origins[1024]; /* space-separated origins allowed cross-origin ("" = none) */
    char nginx_bin[256];  /* for version reporting; "" = search PATH */
    long workers;         /* 0 = 2 x cores */
    long runner_threads;  /* jobs agentgen-runner executes at once (one thread each) */
    long max_body;        /* bytes of a request body the app accepts */
    long max_request_mem; /* bytes of arena per request */
    int log_level;        /* syslog priority */
    int n_sections;
    struct cfg_section sections[CFG_MAX_SECTIONS];
};

/* cfg_load fills c from defaults, the file at path (NULL = $AGENTGEN_CONFIG or the default path;
 * a missing default file is fine, a missing explicit file is AG_ENOTFOUND), then the
 * environment. AG_EINVAL with *why set (static text, or a line buffer in c) on a bad line. */
int cfg_load(struct cfg *c, const char *path, char *why, size_t why_len) AG_MUST_CHECK;
/* cfg_set sets one key from text; AG_EINVAL for an unknown key or a bad value. */
int cfg_set(struct cfg *c, const char *key, const char *value) AG_MUST_CHECK;
void cfg_defaults(struct cfg *c);
/* cfg_section_get: the value of key in section s, or NULL. Borrowed. */
const char *cfg_section_get(const struct cfg_section *s, const char *key);
/* cfg_path joins share_dir and a relative path into out. */
int cfg_share_path(const struct cfg *c, const char *rel, char *out, size_t cap) AG_MUST_CHECK;

#endif
