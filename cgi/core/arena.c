/* SPDX-License-Identifier: MIT */
/* arena.c - bump allocator in chained blocks, with a byte cap and deferred destructors.
 * ARENA_DEBUG makes every allocation its own malloc (chained), so ASan sees overflows. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE 16384
#define ALIGN      16

struct block {
    struct block *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    _Alignas(16) unsigned char mem[];
};

struct defer {
    struct defer *next;
    arena_free_fn fn;
    void *p;
};

struct arena {
    struct block *head;
    struct defer *defers;
    size_t cap;
    size_t total; /* bytes handed out (rounded), checked against cap */
};

static struct block *block_new(size_t size);

struct arena *
arena_new(size_t cap)
{
    struct arena *a = calloc(1, sizeof(*a));
    if (a) {
        a->cap = cap;
    }
    return a;
}

static struct block *
block_new(size_t size)
{
    struct block *b = malloc(sizeof(*b) + size);
    if (b) {
        b->next = NULL;
        b->size = size;
        b->used = 0;
    }
    return b;
}

void *
arena_alloc(struct arena *a, size_t n)
{
    size_t rounded = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (rounded < n || (a->cap && a->total + rounded > a->cap)) {
        return NULL;
    }
#ifdef ARENA_DEBUG
    struct block *b = block_new(n ? n : 1);
    if (!b) {
        return NULL;
    }
    b->next = a->head;
    a->head = b;
    a->total += rounded;
    memset(b->mem, 0, n);
    return b->mem;
#else
    struct block *b = a->head;
    if (!b || b->size - b->used < rounded) {
        size_t size = rounded > BLOCK_SIZE / 2 ? rounded : BLOCK_SIZE;
        struct block *nb = block_new(size);
        if (!nb) {
            return NULL;
        }
        if (size == BLOCK_SIZE || !b) {
            nb->next = b;
            a->head = nb;
        } else {
            /* big one-off block goes behind the current one, which keeps serving small ones */
            nb->next = b->next;
            b->next = nb;
        }
        b = nb;
    }
    void *p = b->mem + b->used;
    b->used += rounded;
    a->total += rounded;
    memset(p, 0, n);
    return p;
#endif
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return NULL;
    }
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p) {
        return NULL;
    }
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

int
arena_defer(struct arena *a, arena_free_fn fn, void *p)
{
    /* defer records live outside the cap so cleanup can always be registered */
    struct defer *d = malloc(sizeof(*d));
    if (!d) {
        fn(p);
        return AG_ENOMEM;
    }
    d->fn = fn;
    d->p = p;
    d->next = a->defers;
    a->defers = d;
    return 0;
}

size_t
arena_used(const struct arena *a)
{
    return a->total;
}

void
arena_reset(struct arena *a)
{
    while (a->defers) {
        struct defer *d = a->defers;
        a->defers = d->next;
        d->fn(d->p);
        free(d);
    }
    struct block *b = a->head;
    struct block *keep = NULL;
    while (b) {
        struct block *next = b->next;
#ifndef ARENA_DEBUG
        if (!keep && b->size == BLOCK_SIZE) {
            keep = b; /* keep one block so steady-state requests don't malloc */
            b->used = 0;
            b->next = NULL;
            b = next;
            continue;
        }
#endif
        free(b);
        b = next;
    }
    a->head = keep;
    a->total = 0;
}

void
arena_free(struct arena *a)
{
    if (!a) {
        return;
    }
    arena_reset(a);
    free(a->head);
    free(a);
}
