/* SPDX-License-Identifier: MIT */
/* req.c - request parsing: FastCGI params, query and urlencoded forms, multipart/form-data,
 * cookies, JSON bodies. Everything lands in the request's arena; nothing is logged. */
#include "req.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/db.h"
#include "../core/jsn.h"
#include "app.h"

static int hexval(int c);
static const char *find_mem(const char *hay, size_t hlen, const char *needle, size_t nlen);
static int parse_part(struct req *r, const char *p, size_t len);
static const char *header_attr(struct arena *ar, const char *h, const char *attr);

const char *
req_env(const struct req *r, const char *name)
{
    size_t n = strlen(name);
    for (char **e = r->envp; e && *e; e++) {
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=') {
            return *e + n + 1;
        }
    }
    return NULL;
}

const char *
req_header(const struct req *r, const char *name)
{
    char env[128] = "HTTP_";
    size_t i = 5;
    for (const char *p = name; *p && i + 1 < sizeof(env); p++) {
        env[i++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
    }
    env[i] = '\0';
    return req_env(r, env);
}

static int
hexval(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c = tolower(c);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

char *
req_url_decode(struct arena *ar, const char *s, size_t len, int plus_is_space, size_t *out_len)
{
    char *out = arena_alloc(ar, len + 1);
    if (!out) {
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '%') {
            int hi = i + 1 < len ? hexval((unsigned char)s[i + 1]) : -1;
            int lo = i + 2 < len ? hexval((unsigned char)s[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                return NULL;
            }
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else if (s[i] == '+' && plus_is_space) {
            out[o++] = ' ';
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    if (out_len) {
        *out_len = o;
    }
    return out;
}

/* req_utf8_valid: strict UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF). */
int
req_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = p[i];
        size_t n;
        unsigned cp;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            n = 1, cp = c & 0x1f, min = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            n = 2, cp = c & 0x0f, min = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            n = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return 0;
        }
        if (len - i <= n) {
            return 0;
        }
        for (size_t k = 1; k <= n; k++) {
            if ((p[i + k] & 0xc0) != 0x80) {
                return 0;
            }
            cp = cp << 6 | (p[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return 0;
        }
        i += n + 1;
    }
    return 1;
}

int
req_add_param(struct req *r, const char *name, const char *value, size_t len)
{
    if (r->n_params == r->cap_params) {
        int cap = r->cap_params ? r->cap_params * 2 : 16;
        if (cap > 1024) {
            return AG_ETOOBIG;
        }
        struct kv *nv = arena_alloc(r->ar, sizeof(*nv) * (size_t)cap);
        if (!nv) {
            return AG_ENOMEM;
        }
        if (r->n_params) {
            memcpy(nv, r->params, sizeof(*nv) * (size_t)r->n_params);
        }
        r->params = nv;
        r->cap_params = cap;
    }
    struct kv *kv = &r->params[r->n_params++];
    memset(kv, 0, sizeof(*kv));
    kv->name = name;
    kv->value = value;
    kv->len = len;
    return 0;
}

int
req_parse_urlencoded(struct req *r, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && s[end] != '&' && s[end] != ';') {
            end++;
        }
        const char *eq = memchr(s + i, '=', end - i);
        size_t klen = eq ? (size_t)(eq - (s + i)) : end - i;
        if (klen > 0) {
            size_t vlen = 0;
            char *k = req_url_decode(r->ar, s + i, klen, 1, NULL);
            char *v = eq ? req_url_decode(r->ar, eq + 1, (size_t)(s + end - eq - 1), 1, &vlen)
                         : arena_strdup(r->ar, "");
            if (!k || !v) {
                return AG_EINVAL;
            }
            int rc = req_add_param(r, k, v, vlen);
            if (rc < 0) {
                return rc;
            }
        }
        i = end + 1;
    }
    return 0;
}

int
req_parse_cookies(struct req *r, const char *h)
{
    int cap = 1;
    for (const char *p = h; *p; p++) {
        cap += *p == ';';
    }
    if (cap > 64) {
        cap = 64; /* more cookies than that are ignored */
    }
    r->cookies = arena_alloc(r->ar, sizeof(struct kv) * (size_t)cap);
    if (!r->cookies) {
        return AG_ENOMEM;
    }
    const char *p = h;
    while (*p && r->n_cookies < cap) {
        while (*p == ' ' || *p == ';') {
            p++;
        }
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (eq && eq > p) {
            struct kv *kv = &r->cookies[r->n_cookies++];
            memset(kv, 0, sizeof(*kv));
            kv->name = arena_strndup(r->ar, p, (size_t)(eq - p));
            kv->value = arena_strndup(r->ar, eq + 1, len - (size_t)(eq - p) - 1);
            kv->len = strlen(kv->value ? kv->value : "");
            if (!kv->name || !kv->value) {
                return AG_ENOMEM;
            }
        }
        p += len;
    }
    return 0;
}

const char *
req_cookie(const struct req *r, const char *name)
{
    for (int i = 0; i < r->n_cookies; i++) {
        if (strcmp(r->cookies[i].name, name) == 0) {
            return r->cookies[i].value;
        }
    }
    return NULL;
}

static const char *
find_mem(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
    if (nlen == 0 || hlen < nlen) {
        return NULL;
    }
    return memmem(hay, hlen, needle, nlen);
}

/* header_attr finds attr="value" (or attr=value) in a header line; arena copy or NULL. */
static const char *
header_attr(struct arena *ar, const char *h, const char *attr)
{
    size_t alen = strlen(attr);
    for (const char *p = h; (p = strcasestr(p, attr)) != NULL; p += alen) {
        if ((p != h && p[-1] != ' ' && p[-1] != ';') || p[alen] != '=') {
            continue;
        }
        const char *v = p + alen + 1;
        if (*v == '"') {
            const char *q = strchr(v + 1, '"');
            return q ? arena_strndup(ar, v + 1, (size_t)(q - v - 1)) : NULL;
        }
        size_t n = strcspn(v, "; \r\n");
        return arena_strndup(ar, v, n);
    }
    return NULL;
}

static int
parse_part(struct req *r, const char *p, size_t len)
{
    const char *sep = find_mem(p, len, "\r\n\r\n", 4);
    if (!sep) {
        return AG_EINVAL;
    }
    char *headers = arena_strndup(r->ar, p, (size_t)(sep - p));
    if (!headers) {
        return AG_ENOMEM;
    }
    const char *cd = strcasestr(headers, "content-disposition:");
    if (!cd) {
        return AG_EINVAL;
    }
    const char *name = header_attr(r->ar, cd, "name");
    if (!name || !*name) {
        return AG_EINVAL;
    }
    const char *filename = header_attr(r->ar, cd, "filename");
    const char *ct = strcasestr(headers, "content-type:");
    size_t vlen = len - (size_t)(sep + 4 - p);
    char *value = arena_strndup(r->ar, sep + 4, vlen);
    if (!value) {
        return AG_ENOMEM;
    }
    int rc = req_add_param(r, name, value, vlen);
    if (rc == 0) {
        struct kv *kv = &r->params[r->n_params - 1];
        kv->filename = filename;
        if (ct) {
            ct += strlen("content-type:");
            while (*ct == ' ') {
                ct++;
            }
            kv->content_type = arena_strndup(r->ar, ct, strcspn(ct, "\r\n"));
        }
    }
    return rc;
}

int
req_parse_multipart(struct req *r, const char *ctype, const char *body, size_t len)
{
    const char *boundary = header_attr(r->ar, ctype, "boundary");
    if (!boundary || !*boundary || strlen(boundary) > 70) {
        return AG_EINVAL;
    }
    char *delim = arena_printf(r->ar, "--%s", boundary);
    if (!delim) {
        return AG_ENOMEM;
    }
    size_t dlen = strlen(delim);
    const char *p = find_mem(body, len, delim, dlen);
    if (!p) {
        return AG_EINVAL;
    }
    const char *end = body + len;
    for (;;) {
        p += dlen;
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
            return 0; /* closing delimiter */
        }
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n') {
            return AG_EINVAL;
        }
        p += 2;
        char *next_delim = arena_printf(r->ar, "\r\n%s", delim);
        if (!next_delim) {
            return AG_ENOMEM;
        }
        const char *q = find_mem(p, (size_t)(end - p), next_delim, dlen + 2);
        if (!q) {
            return AG_EINVAL;
        }
        int rc = parse_part(r, p, (size_t)(q - p));
        if (rc < 0) {
            return rc;
        }
        p = q + 2;
    }
}

const struct kv *
req_param_kv(const struct req *r, const char *name)
{
    for (int i = 0; i < r->n_params; i++) {
        if (strcmp(r->params[i].name, name) == 0) {
            return &r->params[i];
        }
    }
    return NULL;
}

const char *
req_param(const struct req *r, const char *name)
{
    const struct kv *kv = req_param_kv(r, name);
    return kv ? kv->value : NULL;
}

int
req_param_str(const struct req *r, const char *name, int required, size_t maxlen, const char **out)
{
    const struct kv *kv = req_param_kv(r, name);
    *out = NULL;
    if (!kv || kv->len == 0) {
        return required ? AG_EINVAL : 0;
    }
    if (kv->len > maxlen || memchr(kv->value, 0, kv->len) || !req_utf8_valid(kv->value, kv->len)) {
        return AG_EINVAL;
    }
    *out = kv->value;
    return 0;
}

int
req_param_i64(const struct req *r, const char *name, long long *out)
{
    const char *s = req_param(r, name);
    if (!s || !*s) {
        return AG_EINVAL;
    }
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end) {
        return AG_EINVAL;
    }
    *out = v;
    return 0;
}

int
req_wants_json(const struct req *r)
{
    if (r->path && (strncmp(r->path, "/api/", 5) == 0 || strcmp(r->path, "/api") == 0)) {
        return 1;
    }
    const char *accept = req_header(r, "Accept");
    return accept && strstr(accept, "application/json") && !strstr(accept, "text/html");
}

static int
parse_body(struct req *r)
{
    const char *ct = r->content_type;
    if (!r->body_len || !ct) {
        return 0;
    }
    if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
        return req_parse_urlencoded(r, r->body, r->body_len);
    }
    if (strncasecmp(ct, "multipart/form-data", 19) == 0) {
        return req_parse_multipart(r, ct, r->body, r->body_len);
    }
    if (strncasecmp(ct, "application/json", 16) == 0) {
        int rc = jsn_parse(r->body, r->body_len, &r->json);
        if (rc == 0 && arena_defer(r->ar, jsn_put_v, r->json) < 0) {
            r->json = NULL;
            return AG_ENOMEM;
        }
        return rc;
    }
    return 0;
}

int
req_init(struct req *r, struct app *app, struct arena *ar, char **envp, const char *body,
         size_t body_len)
{
    memset(r, 0, sizeof(*r));
    r->app = app;
    r->ar = ar;
    r->envp = envp;
    r->method = req_env(r, "REQUEST_METHOD");
    r->method = r->method ? r->method : "GET";
    r->content_type = req_env(r, "CONTENT_TYPE");
    r->remote_addr = req_env(r, "REMOTE_ADDR");
    r->body = body ? body : "";
    r->body_len = body_len;
    const char *uri = req_env(r, "DOCUMENT_URI");
    if (!uri) {
        uri = req_env(r, "SCRIPT_NAME"); /* plain CGI */
    }
    r->path = uri && *uri == '/' ? uri : "/";
    r->query = req_env(r, "QUERY_STRING");
    if (app && (long long)body_len > app->cfg.max_body) {
        return AG_ETOOBIG;
    }
    int rc = 0;
    if (r->query && *r->query) {
        rc = req_parse_urlencoded(r, r->query, strlen(r->query));
    }
    const char *cookie = req_env(r, "HTTP_COOKIE");
    if (rc == 0 && cookie) {
        rc = req_parse_cookies(r, cookie);
    }
    if (rc == 0) {
        rc = parse_body(r);
    }
    return rc;
}

int
req_data_version(struct req *r, unsigned int *v)
{
    if (!r->data_version_ok) {
        int rc = db_data_version(r->app->db, &r->data_version);
        if (rc < 0) {
            return rc;
        }
        r->data_version_ok = 1;
    }
    *v = r->data_version;
    return 0;
}
