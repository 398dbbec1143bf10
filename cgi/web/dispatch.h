/* SPDX-License-Identifier: MIT */
/* dispatch.h - one request in, one serialized CGI-style response out. No I/O here, so the unit
 * tests drive the whole router in-process with a fake envp. */
#ifndef AG_WEB_DISPATCH_H
#define AG_WEB_DISPATCH_H

#include "../core/arena.h"
#include "../core/buf.h"
#include "app.h"

/* web_handle routes the request and appends the full response (headers + body) to out.
 * body_len > cfg.max_body (body then NULL) yields 413. Returns the HTTP status sent. */
int web_handle(struct app *app, struct arena *ar, char **envp, const char *body, size_t body_len,
               struct buf *out);

#endif
