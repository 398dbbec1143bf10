/* SPDX-License-Identifier: MIT */
/* resp.c - buffered responses, cookies, redirects, error bodies and the security headers. */
#include "resp.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../core/jsn.h"
#include "../core/tmpl.h"
#include "../core/log.h"
#include "page.h"

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                          "object-src 'none'; base-uri 'none'; form-action 'self'; "
                          "frame-ancestors 'none'";

void
resp_init(struct resp *w)
{
    memset(w, 0, sizeof(*w));
    w->status = 200;
    w->content_type = "text/html; charset=utf-8";
}

void
resp_reset(struct resp *w)
{
    buf_free(&w->body);
    resp_init(w);
}

int
resp_header(struct resp *w, const char *name, const char *value)
{
    if (w->n_headers >= RESP_MAX_HEADERS || strpbrk(value, "\r\n") || strpbrk(name, "\r\n:")) {
        return AG_EINVAL;
    }
    w->headers[w->n_headers].name = name;
    w->headers[w->n_headers].value = value;
    w->n_headers++;
    return 0;
}

static int
cookie_secure(struct req *r)
{
    const char *mode = r->app ? r->app->cfg.cookie_secure : "auto";
    if (strcmp(mode, "on") == 0) {
        return 1;
    }
    if (strcmp(mode, "off") == 0) {
        return 0;
    }
    const char *https = req_env(r, "HTTPS");
    const char *scheme = req_env(r, "REQUEST_SCHEME");
    return (https && strcmp(https, "on") == 0) || (scheme && strcmp(scheme, "https") == 0);
}

int
resp_set_cookie(struct resp *w, struct req *r, const char *name, const char *value, long max_age,
                int flags)
{
    if (strpbrk(value, ";,\r\n ") || strpbrk(name, "=;,\r\n ")) {
        return AG_EINVAL;
    }
    int secure = (flags & COOKIE_SECURE) || cookie_secure(r);
    const char *v = arena_printf(r->ar, "%s=%s; Path=/; Max-Age=%ld%s%s; SameSite=%s", name,
                                 max_age < 0 ? "" : value, max_age < 0 ? 0 : max_age,
                                 (flags & COOKIE_HTTPONLY) ? "; HttpOnly" : "",
                                 secure ? "; Secure" : "", (flags & COOKIE_STRICT) ? "Strict" : "Lax");
    return v ? resp_header(w, "Set-Cookie", v) : AG_ENOMEM;
}

int
resp_redirect(struct resp *w, int status, const char *location)
{
    /* only local paths: an open redirect is never made here */
    if (location[0] != '/' || location[1] == '/' || location[1] == '\\') {
        return AG_EINVAL;
    }
    w->status = status;
    buf_reset(&w->body);
    return resp_header(w, "Location", location);
}

int
resp_redirect_provider(struct resp *w, const char *url)
{
    if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) {
        return AG_EINVAL;
    }
    w->status = 302;
    buf_reset(&w->body);
    return resp_header(w, "Location", url);
}

int
resp_json(struct resp *w, int status, struct json_object *o)
{
    w->status = status;
    w->content_type = "application/json";
    buf_reset(&w->body);
    int rc = jsn_dump(o, &w->body);
    if (rc == 0) {
        rc = buf_putc(&w->body, '\n');
    }
    return rc;
}

const char *
resp_reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return status < 500 ? "Error" : "Internal Server Error";
    }
}

static void
error_json(struct resp *w, int status, const char *code, const char *message, const char *field)
{
    struct json_object *o = json_object_new_object();
    struct json_object *e = json_object_new_object();
    int rc = (o && e) ? 0 : AG_ENOMEM;
    if (rc == 0) {
        rc = jsn_add_str(e, "code", code);
    }
    if (rc == 0) {
        rc = jsn_add_str(e, "message", message);
    }
    if (rc == 0 && field) {
        rc = jsn_add_str(e, "field", field);
    }
    if (rc == 0) {
        rc = jsn_add(o, "error", e);
        e = NULL;
    }
    if (rc == 0) {
        rc = resp_json(w, status, o);
    }
    json_object_put(e);
    json_object_put(o);
    if (rc < 0) {
        w->status = status;
        w->content_type = "application/json";
        buf_reset(&w->body);
        AG_IGNORE(buf_puts(&w->body, "{\"error\":{\"code\":\"internal\",\"message\":\"error\"}}\n"));
    }
}

void
resp_error(struct resp *w, struct req *r, int err, const char *message, const char *field)
{
    int status = err > 0 ? err : ag_http_status(err);
    const char *code = err > 0 ? (status == 422 ? "unprocessable" : "error") : ag_strerror(err);
    if (!message) {
        message = resp_reason(status);
    }
    /* keep headers that must survive (Allow on 405); drop the body */
    buf_reset(&w->body);
    if (req_wants_json(r)) {
        error_json(w, status, code, message, field);
        return;
    }
    w->status = status;
    w->content_type = "text/html; charset=utf-8";
    if (page_render_error(r, w, status, message) < 0) {
        buf_reset(&w->body);
        w->content_type = "text/plain; charset=utf-8";
        AG_IGNORE(buf_printf(&w->body, "%d %s\n", status, resp_reason(status)));
    }
}

int
resp_serialize(struct resp *w, struct req *r, struct buf *out)
{
    int rc = buf_printf(out, "Status: %d %s\r\nContent-Type: %s\r\n", w->status,
                        resp_reason(w->status), w->content_type);
    if (rc == 0) {
        rc = buf_printf(out,
                        "Content-Security-Policy: %s\r\nX-Content-Type-Options: nosniff\r\n"
                        "X-Frame-Options: DENY\r\nReferrer-Policy: same-origin\r\n"
                        "Cross-Origin-Opener-Policy: same-origin\r\nX-Request-Id: %s\r\n",
                        csp, r->rid ? r->rid : "-");
    }
    int has_cache = 0;
    for (int i = 0; rc == 0 && i < w->n_headers; i++) {
        has_cache |= strcasecmp(w->headers[i].name, "Cache-Control") == 0;
        rc = buf_printf(out, "%s: %s\r\n", w->headers[i].name, w->headers[i].value);
    }
    if (rc == 0 && !has_cache) {
        rc = buf_puts(out, "Cache-Control: no-store\r\n");
    }
    if (rc == 0) {
        rc = buf_printf(out, "Content-Length: %zu\r\n\r\n", w->body.len);
    }
    if (rc == 0 && strcmp(r->method, "HEAD") != 0) {
        rc = buf_append(out, buf_cstr(&w->body), w->body.len);
    }
    return rc;
}
