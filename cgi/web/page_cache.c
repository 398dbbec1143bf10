/* SPDX-License-Identifier: MIT */
/* page_cache.c - see page_cache.h. The key is a hash of everything a page is made from besides
 * the data: the URL (path and query), the user (id, name, role) and the session's CSRF token,
 * which the page's forms carry. Validity: the database's data version as the request first saw
 * it (req_data_version, before the page read anything), and a short age limit. */
#include "page_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../auth/auth.h"
#include "../core/buf.h"
#include "../core/crypt.h"

#define PAGE_CACHE_SLOTS  8
#define PAGE_CACHE_MAX    (256u << 10) /* bytes of one page kept; a bigger one is not cached */
#define PAGE_CACHE_MAX_MS 5000         /* "just now" and "1 minute ago" may lag this much */

struct page_slot {
    unsigned char key[CRYPT_SHA256_LEN];
    unsigned long long used; /* 0 = empty */
    unsigned int version;    /* req_data_version before the page was rendered */
    long long born_ms;
    struct buf body;
};

struct page_cache {
    struct page_slot slots[PAGE_CACHE_SLOTS];
    unsigned long long tick;
    unsigned long long hits;
    /* the miss being rendered: its key and the data version before any of its reads, so a
     * page that read data across a commit is stored as already stale */
    unsigned char miss_key[CRYPT_SHA256_LEN];
    unsigned int miss_version;
    int miss;
};

/* key: 0 and the hash when the request may use the cache, else 1 */
static int
key(struct req *r, unsigned char out[CRYPT_SHA256_LEN])
{
    if (!r->user || r->user->key_id || !r->csrf || strcmp(r->method, "GET") != 0) {
        return 1;
    }
    char id[32];
    snprintf(id, sizeof(id), "%lld", r->user->id);
    const char *fields[] = {"v1", r->path, r->query, id, r->user->name,
                            auth_role_name(r->user->role), r->csrf};
    return crypt_sha256_fields(fields, AG_NELEM(fields), out) == 0 ? 0 : 1;
}

static struct page_slot *
find(struct page_cache *pc, const unsigned char k[CRYPT_SHA256_LEN])
{
    for (int i = 0; pc && i < PAGE_CACHE_SLOTS; i++) {
        if (pc->slots[i].used && memcmp(pc->slots[i].key, k, CRYPT_SHA256_LEN) == 0) {
            return &pc->slots[i];
        }
    }
    return NULL;
}

int
page_cache_serve(struct req *r, struct resp *w)
{
    unsigned char k[CRYPT_SHA256_LEN];
    unsigned int v = 0;
    struct app *app = r->app;
    if (key(r, k) != 0 || req_data_version(r, &v) < 0) {
        return 0;
    }
    if (!app->page_cache && !(app->page_cache = calloc(1, sizeof(*app->page_cache)))) {
        return 0;
    }
    struct page_cache *pc = app->page_cache;
    struct page_slot *sl = find(pc, k);
    if (sl && sl->version == v && ag_mono_ms() - sl->born_ms <= PAGE_CACHE_MAX_MS) {
        buf_reset(&w->body);
        if (buf_append(&w->body, sl->body.data, sl->body.len) == 0) {
            sl->used = ++pc->tick;
            pc->hits++;
            w->status = 200;
            w->content_type = "text/html; charset=utf-8";
            pc->miss = 0;
            return 1;
        }
        buf_reset(&w->body);
    }
    memcpy(pc->miss_key, k, sizeof(k));
    pc->miss_version = v;
    pc->miss = 1;
    return 0;
}

void
page_cache_store(struct req *r, const struct resp *w)
{
    struct page_cache *pc = r->app->page_cache;
    unsigned char k[CRYPT_SHA256_LEN];
    if (!pc || !pc->miss || w->status != 200 || w->body.len > PAGE_CACHE_MAX || key(r, k) != 0 ||
        memcmp(k, pc->miss_key, sizeof(k)) != 0) {
        return;
    }
    pc->miss = 0;
    struct page_slot *sl = find(pc, k);
    if (!sl) { /* the least recently used slot (an empty one has used 0) */
        sl = &pc->slots[0];
        for (int i = 1; i < PAGE_CACHE_SLOTS; i++) {
            sl = pc->slots[i].used < sl->used ? &pc->slots[i] : sl;
        }
    }
    buf_reset(&sl->body);
    if (buf_append(&sl->body, w->body.data, w->body.len) < 0) {
        buf_free(&sl->body);
        sl->used = 0;
        return;
    }
    memcpy(sl->key, k, sizeof(k));
    sl->version = pc->miss_version;
    sl->born_ms = ag_mono_ms();
    sl->used = ++pc->tick;
}

unsigned long long
page_cache_hits(const struct app *app)
{
    return app->page_cache ? app->page_cache->hits : 0;
}
