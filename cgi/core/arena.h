/* SPDX-License-Identifier: MIT */
/* arena.h - request-lifetime memory. Everything allocated from an arena dies at arena_reset().
 * Library objects are registered with arena_defer() so every error path frees them.
 * With ARENA_DEBUG each allocation is its own malloc, so ASan sees overflows. */
#ifndef AG_ARENA_H
#define AG_ARENA_H

#include <stddef.h>

#include "ag.h"

struct arena;

typedef void (*arena_free_fn)(void *p);

/* arena_new makes an arena that refuses to grow past cap bytes (0 = no cap). NULL on OOM. */
struct arena *arena_new(size_t cap);
/* arena_alloc returns zeroed, max-aligned memory, or NULL past the cap or on OOM. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) AG_PRINTF(2, 3);
/* arena_defer runs fn(p) at the next reset/free, last registered first. AG_ENOMEM if it could
 * not register, in which case fn(p) has already been called. */
int arena_defer(struct arena *a, arena_free_fn fn, void *p);
size_t arena_used(const struct arena *a);
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

#endif
