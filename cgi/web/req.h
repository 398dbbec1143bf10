/* SPDX-License-Identifier: MIT */
/* req.h - one parsed request. Owns an arena (borrowed from the worker) from which every string
 * here is allocated. Built from FastCGI params (or a test's envp) plus the body. */
#ifndef AG_WEB_REQ_H
#define AG_WEB_REQ_H

#include <json-c/json.h>
#include <stddef.h>

#include "../core/ag.h"
#include "../core/arena.h"
#include "app.h"

struct kv {
    const char *name;
    const char *value; /* NUL-terminated; may also contain NULs for file uploads (use len) */
    size_t len;
    const char *filename;     /* multipart file parts only */
    const char *content_type; /* multipart parts only */
};

struct route;
struct auth_user;

struct req {
    struct app *app;
    struct arena *ar;
    char **envp; /* FastCGI params, "NAME=value" */
    const char *method;
    const char *path; /* decoded path without the query */
    const char *query;
    const char *content_type;
    const char *remote_addr;
    const char *rid; /* request id, also sent as X-Request-Id */
    const char *body;
    size_t body_len;
    struct kv *params; /* route, then query, then form fields (first match wins in getters) */
    int n_params;
    int cap_params;
    struct kv *cookies;
    int n_cookies;
    struct json_object *json; /* parsed JSON body (owned via arena_defer) or NULL */
    const struct route *route;
    const struct auth_user *user; /* set by auth_gate (arena memory); NULL when anonymous */
    const char *csrf;             /* CSRF token for forms (csrf.token), or NULL */
    unsigned int data_version;    /* req_data_version's answer, once asked */
    int data_version_ok;
};

/* req_init parses envp + body into r (arena memory). AG_EINVAL for a malformed body (bad JSON,
 * bad multipart), AG_ETOOBIG for one over max_body, AG_ENOMEM past the arena cap. The request is
 * still usable for an error reply afterwards (method/path are set first). */
int req_init(struct req *r, struct app *app, struct arena *ar, char **envp, const char *body,
             size_t body_len) AG_MUST_CHECK;
/* req_data_version: the database's data version (db_data_version) as this request first saw it,
 * before it read anything through the caches that use it; one read transaction per request. */
int req_data_version(struct req *r, unsigned int *v) AG_MUST_CHECK;
/* req_env returns a FastCGI parameter (e.g. "HTTP_ORIGIN") or NULL. Borrowed. */
const char *req_env(const struct req *r, const char *name);
const char *req_header(const struct req *r, const char *name); /* "Origin" -> HTTP_ORIGIN */
const char *req_cookie(const struct req *r, const char *name);
/* req_param returns the first value of name or NULL. */
const char *req_param(const struct req *r, const char *name);
const struct kv *req_param_kv(const struct req *r, const char *name);
/* req_param_str: value of minlen..maxlen bytes (UTF-8 checked); missing + !required -> *out NULL. */
int req_param_str(const struct req *r, const char *name, int required, size_t maxlen,
                  const char **out) AG_MUST_CHECK;
int req_param_i64(const struct req *r, const char *name, long long *out) AG_MUST_CHECK;
int req_add_param(struct req *r, const char *name, const char *value, size_t len) AG_MUST_CHECK;
/* req_wants_json: /api paths and Accept: application/json (without text/html). */
int req_wants_json(const struct req *r);

/* Parsers, exported for the unit tests. All use arena memory. */
int req_parse_urlencoded(struct req *r, const char *s, size_t len) AG_MUST_CHECK;
int req_parse_cookies(struct req *r, const char *header) AG_MUST_CHECK;
int req_parse_multipart(struct req *r, const char *ctype, const char *body, size_t len)
    AG_MUST_CHECK;
/* url_decode decodes %XX and (form) '+' into arena memory; NULL on bad escapes. */
char *req_url_decode(struct arena *ar, const char *s, size_t len, int plus_is_space, size_t *out_len);
int req_utf8_valid(const char *s, size_t len);

#endif
