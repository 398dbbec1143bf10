/* SPDX-License-Identifier: MIT */
/* cfg.c - defaults, "key = value" config file, AGENTGEN_<KEY> environment overrides. */
#include "cfg.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

static int set_str(char *dst, size_t cap, const char *v);
static int set_long(long *dst, const char *v, long lo, long hi);
static int parse_line(struct cfg *c, char *line);
static char *trim(char *s);

static const char *const keys[] = {
    "db_path",  "data_dir",      "share_dir",  "web_socket",      "stream_socket", "public_url",
    "cookie_secure", "cors_origins", "nginx_bin", "workers", "max_body", "max_request_mem", "log_level",
    "runner_threads",
};

void
cfg_defaults(struct cfg *c)
{
    memset(c, 0, sizeof(*c));
    snprintf(c->db_path, sizeof(c->db_path), "/var/lib/agent-generator/agentgen.db");
    snprintf(c->data_dir, sizeof(c->data_dir), "/var/lib/agent-generator");
    snprintf(c->share_dir, sizeof(c->share_dir), "%s", AG_SHAREDIR);
    snprintf(c->web_socket, sizeof(c->web_socket), "/run/agent-generator/web.sock");
    snprintf(c->stream_socket, sizeof(c->stream_socket), "/run/agent-generator/stream.sock");
    snprintf(c->cookie_secure, sizeof(c->cookie_secure), "auto");
    c->workers = 0;
    c->runner_threads = 4;
    c->max_body = 1048576;
    c->max_request_mem = 8 * 1048576;
    c->log_level = LOG_INFO;
}

static int
set_str(char *dst, size_t cap, const char *v)
{
    int n = snprintf(dst, cap, "%s", v);
    return (n < 0 || (size_t)n >= cap) ? AG_EINVAL : 0;
}

static int
set_long(long *dst, const char *v, long lo, long hi)
{
    char *end = NULL;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < lo || n > hi) {
        return AG_EINVAL;
    }
    *dst = n;
    return 0;
}

static int
set_level(int *dst, const char *v)
{
    static const struct {
        const char *name;
        int prio;
    } levels[] = {{"error", LOG_ERR}, {"warning", LOG_WARNING}, {"notice", LOG_NOTICE},
                  {"info", LOG_INFO}, {"debug", LOG_DEBUG}};
    for (size_t i = 0; i < AG_NELEM(levels); i++) {
        if (strcmp(v, levels[i].name) == 0) {
            *dst = levels[i].prio;
            return 0;
        }
    }
    return AG_EINVAL;
}

int
cfg_set(struct cfg *c, const char *key, const char *v)
{
#define STR(k)                                                                                     \
    if (strcmp(key, #k) == 0)                                                                      \
    return set_str(c->k, sizeof(c->k), v)
    STR(db_path);
    STR(data_dir);
    STR(share_dir);
    STR(web_socket);
    STR(stream_socket);
    STR(public_url);
    STR(nginx_bin);
    STR(cors_origins);
#undef STR
    if (strcmp(key, "cookie_secure") == 0) {
        if (strcmp(v, "auto") && strcmp(v, "on") && strcmp(v, "off")) {
            return AG_EINVAL;
        }
        return set_str(c->cookie_secure, sizeof(c->cookie_secure), v);
    }
    if (strcmp(key, "workers") == 0) {
        return set_long(&c->workers, v, 0, 256);
    }
    if (strcmp(key, "runner_threads") == 0) {
        return set_long(&c->runner_threads, v, 1, 64);
    }
    if (strcmp(key, "max_body") == 0) {
        return set_long(&c->max_body, v, 1024, 1L << 30);
    }
    if (strcmp(key, "max_request_mem") == 0) {
        return set_long(&c->max_request_mem, v, 65536, 1L << 31);
    }
    if (strcmp(key, "log_level") == 0) {
        return set_level(&c->log_level, v);
    }
    return AG_EINVAL;
}

static char *
trim(char *s)
{
    while (isspace((unsigned char)*s)) {
        s++;
    }
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) {
        s[--n] = '\0';
    }
    return s;
}

/* section_start: "[name]" with name of [A-Za-z0-9._-]; a repeated name is an error */
static int
section_start(struct cfg *c, char *s)
{
    size_t n = strlen(s);
    if (n < 3 || s[n - 1] != ']' || c->n_sections >= CFG_MAX_SECTIONS) {
        return AG_EINVAL;
    }
    s[n - 1] = '\0';
    char *name = trim(s + 1);
    if (!*name || strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
                      strlen(name)) {
        return AG_EINVAL;
    }
    for (int i = 0; i < c->n_sections; i++) {
        if (strcmp(c->sections[i].name, name) == 0) {
            return AG_EINVAL;
        }
    }
    struct cfg_section *sec = &c->sections[c->n_sections];
    memset(sec, 0, sizeof(*sec));
    if (set_str(sec->name, sizeof(sec->name), name) < 0) {
        return AG_EINVAL;
    }
    c->n_sections++;
    return 0;
}

/* section_set stores one key of a section; an empty value is the same as no line */
static int
section_set(struct cfg_section *sec, const char *key, const char *value)
{
    if (*key && !*value) {
        return 0;
    }
    if (!*key || sec->n >= CFG_SECTION_KEYS || cfg_section_get(sec, key)) {
        return AG_EINVAL;
    }
    struct cfg_kv *kv = &sec->kv[sec->n];
    if (set_str(kv->key, sizeof(kv->key), key) < 0 ||
        set_str(kv->value, sizeof(kv->value), value) < 0) {
        return AG_EINVAL;
    }
    sec->n++;
    return 0;
}

const char *
cfg_section_get(const struct cfg_section *s, const char *key)
{
    for (int i = 0; s && i < s->n; i++) {
        if (strcmp(s->kv[i].key, key) == 0) {
            return s->kv[i].value;
        }
    }
    return NULL;
}

static int
parse_line(struct cfg *c, char *line)
{
    char *s = trim(line);
    if (!*s || *s == '#') {
        return 0;
    }
    if (*s == '[') {
        return section_start(c, s);
    }
    char *eq = strchr(s, '=');
    if (!eq) {
        return AG_EINVAL;
    }
    *eq = '\0';
    if (c->n_sections > 0) {
        return section_set(&c->sections[c->n_sections - 1], trim(s), trim(eq + 1));
    }
    return cfg_set(c, trim(s), trim(eq + 1));
}

static int
load_env(struct cfg *c, char *why, size_t why_len)
{
    for (size_t i = 0; i < AG_NELEM(keys); i++) {
        char name[64] = "AGENTGEN_";
        size_t n = strlen(name);
        for (const char *k = keys[i]; *k && n + 1 < sizeof(name); k++) {
            name[n++] = (char)toupper((unsigned char)*k);
        }
        name[n] = '\0';
        const char *v = getenv(name);
        if (v && cfg_set(c, keys[i], v) < 0) {
            snprintf(why, why_len, "bad value in environment variable %s", name);
            return AG_EINVAL;
        }
    }
    return 0;
}

int
cfg_load(struct cfg *c, const char *path, char *why, size_t why_len)
{
    cfg_defaults(c);
    int explicit = 1;
    if (!path) {
        path = getenv("AGENTGEN_CONFIG");
    }
    if (!path || !*path) {
        path = CFG_DEFAULT_PATH;
        explicit = 0;
    }
    FILE *f = fopen(path, "r");
    if (!f && (explicit || errno != ENOENT)) {
        snprintf(why, why_len, "cannot open config %s: %s", path, strerror(errno));
        return explicit && errno == ENOENT ? AG_ENOTFOUND : AG_EINVAL;
    }
    if (f) {
        char line[1024];
        int lineno = 0;
        while (fgets(line, sizeof(line), f)) {
            lineno++;
            if (parse_line(c, line) < 0) {
                snprintf(why, why_len, "%s:%d: unknown key or bad value", path, lineno);
                fclose(f);
                return AG_EINVAL;
            }
        }
        fclose(f);
    }
    return load_env(c, why, why_len);
}

int
cfg_share_path(const struct cfg *c, const char *rel, char *out, size_t cap)
{
    int n = snprintf(out, cap, "%s/%s", c->share_dir, rel);
    return (n < 0 || (size_t)n >= cap) ? AG_ETOOBIG : 0;
}
