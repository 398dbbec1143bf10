/* SPDX-License-Identifier: MIT */
/* page_cache.h - a small per-worker cache of rendered pages for signed-in GETs whose rendering
 * is costly (the project list, the wizard's review). An entry is the page as one session saw it
 * for one URL; it is used only while the database is unchanged (SQLite's data version, which
 * counts this connection's writes and every other process's) and for at most a few seconds
 * (pages say "2 minutes ago"). Nothing is cached for anonymous callers or API keys. */
#ifndef AG_WEB_PAGE_CACHE_H
#define AG_WEB_PAGE_CACHE_H

#include "app.h"
#include "req.h"
#include "resp.h"

/* page_cache_serve fills w from the cache: 1 when it did, 0 when the page must be rendered. */
int page_cache_serve(struct req *r, struct resp *w);
/* page_cache_store keeps w's body for the next page_cache_serve of the same request. Call it
 * after rendering a 200 page; it does nothing otherwise. */
void page_cache_store(struct req *r, const struct resp *w);
/* page_cache_hits: pages this process served from its cache (tests, diagnostics). */
unsigned long long page_cache_hits(const struct app *app);

#endif
