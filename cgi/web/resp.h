/* SPDX-License-Identifier: MIT */
/* resp.h - a buffered response: status, headers, cookies, body. Nothing reaches the client
 * until resp_write, so an error midway discards the partial body (Fossil's cgi_reply).
 * Security headers are added to every response by resp_write. */
#ifndef AG_WEB_RESP_H
#define AG_WEB_RESP_H

#include <json-c/json.h>

#include "../core/ag.h"
#include "../core/buf.h"
#include "req.h"

#define RESP_MAX_HEADERS 24

struct resp_header {
    const char *name;  /* arena or static */
    const char *value; /* arena or static */
};

struct resp {
    int status;
    const char *content_type;
    struct resp_header headers[RESP_MAX_HEADERS];
    int n_headers;
    struct buf body; /* heap; freed by resp_reset */
};

enum { COOKIE_HTTPONLY = 1, COOKIE_SECURE = 2, COOKIE_STRICT = 4 };

void resp_init(struct resp *w);
void resp_reset(struct resp *w); /* drops headers and body, frees the body memory */
int resp_header(struct resp *w, const char *name, const char *value) AG_MUST_CHECK;
/* resp_set_cookie: SameSite=Lax (Strict with COOKIE_STRICT), Path=/; max_age < 0 deletes. */
int resp_set_cookie(struct resp *w, struct req *r, const char *name, const char *value,
                    long max_age, int flags) AG_MUST_CHECK;
int resp_redirect(struct resp *w, int status, const char *location) AG_MUST_CHECK;
/* resp_redirect_provider: 302 to an absolute http(s) URL that the application built from its
 * own config (a sign-in provider's authorization endpoint). Never pass a URL from the request. */
int resp_redirect_provider(struct resp *w, const char *url) AG_MUST_CHECK;
/* resp_json replies with the compact JSON text of o (borrowed). */
int resp_json(struct resp *w, int status, struct json_object *o) AG_MUST_CHECK;
/* resp_error replaces the response with an error page (HTML) or {"error":{code,message,field}}. */
void resp_error(struct resp *w, struct req *r, int err, const char *message, const char *field);
/* resp_serialize writes status line headers (CGI style "Status: ...") and body into out. */
int resp_serialize(struct resp *w, struct req *r, struct buf *out) AG_MUST_CHECK;
const char *resp_reason(int status);

#endif
