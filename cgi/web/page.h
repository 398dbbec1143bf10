/* SPDX-License-Identifier: MIT */
/* page.h - server-rendered pages: a dataset with the layout's common fields (title, active nav,
 * version, request id, user) and rendering of templates/web/<file> into the response. */
#ifndef AG_WEB_PAGE_H
#define AG_WEB_PAGE_H

#include "../core/tmpl.h"
#include "req.h"

struct resp;

/* page_new makes an HTML dataset registered on the request's arena (freed with it). */
int page_new(struct req *r, const char *title, const char *nav, struct tmpl **out) AG_MUST_CHECK;
/* page_render renders file (relative to templates/web) with t into w's body, status 200. */
int page_render(struct req *r, struct resp *w, struct tmpl *t, const char *file) AG_MUST_CHECK;
int page_render_error(struct req *r, struct resp *w, int status, const char *message) AG_MUST_CHECK;

#endif
