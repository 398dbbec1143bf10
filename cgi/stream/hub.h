/* SPDX-License-Identifier: MIT */
/* hub.h - the stream responder's fan-out: ONE reader thread tails the global event feed (woken
 * by the runner's datagram, else every HUB_POLL_MS) into a ring of recent events, each rendered
 * once as SSE text, and broadcasts a condition variable; each subscriber thread copies out the
 * entries of its own stream. No subscriber queries the database while live; they only replay
 * (after Last-Event-ID) through the shared auxiliary connection, and fall back to a replay if
 * the ring let go of entries they had not seen. The ring is bounded in slots and bytes, and an
 * idle reader lets old entries go and returns freed memory to the system (malloc_trim), so an
 * idle responder stays small after a burst. */
#ifndef AG_STREAM_HUB_H
#define AG_STREAM_HUB_H

#include <fcgiapp.h>
#include <pthread.h>

#include "../core/buf.h"
#include "../core/cfg.h"
#include "../core/db.h"

#define HUB_RING        4096      /* slots of recent events */
#define HUB_RING_BYTES  (4 << 20) /* and at most this much rendered text in them */
#define HUB_KEEP_S      30        /* an idle responder lets older entries go (they replay) */
#define HUB_TRIM_S      1         /* trim once stream threads stopped ending this long ago */
#define HUB_TRIM_EVERY_S 5        /* and not more often than this */
#define HUB_POLL_MS     50        /* reader's fallback poll when no wake-up arrives */
#define HUB_HEARTBEAT_S 15        /* comment line to idle clients (proxies keep the connection) */
#define HUB_TICK_S      3         /* sleeping subscribers look at their heartbeat deadline */
#define HUB_MAX_SUBS    4000

/* One event as every subscriber sends it: rendered once by the reader. */
struct hub_entry {
    long long seq;
    long long added; /* CLOCK_MONOTONIC seconds */
    char *stream;    /* heap block: the stream name, then the SSE text */
    const char *sse; /* "id: ..\nevent: ..\ndata: ..\n\n", inside that block */
    size_t len;      /* of sse */
    int terminal;
};

/* Waking 1,000 subscribers with a condition variable would make each re-take its mutex in turn,
 * a convoy of one context switch per subscriber before the last one writes. Instead the ring
 * is read under a read lock, all at once, and subscribers sleep on a futex word (gen) that the
 * reader bumps after each batch. */
struct hub {
    const struct cfg *cfg;
    pthread_rwlock_t ring_lock; /* ring, first_slot, ring_bytes; next_slot's writes */
    struct hub_entry ring[HUB_RING];
    unsigned long long first_slot; /* oldest entry still held; older slots were let go */
    unsigned long long next_slot;  /* entries ever added; slot s lives at ring[s % HUB_RING] */
    size_t ring_bytes;
    int gen; /* futex word: bumped (and woken) after the ring grew and on stop */
    pthread_mutex_t mu; /* n_subs, left, left_at */
    int n_subs;
    int left;          /* a stream thread ended since the last trim: its memory may be returned */
    long long left_at; /* when the last one did (CLOCK_MONOTONIC seconds) */
    volatile int stopping;
    struct db *reader_db; /* the reader thread's own connection */
    long long cursor;     /* last events_feed id read */
    int wake_fd;
    pthread_t reader;
    pthread_mutex_t aux_mu; /* aux_db: replays and auth lookups, one at a time */
    struct db *aux_db;
};

/* hub_start opens both connections, binds the wake socket and starts the reader. AG_E*. */
int hub_start(struct hub *h, const struct cfg *cfg) AG_MUST_CHECK;
/* hub_stop ends the reader, wakes every subscriber (they close) and frees the ring. */
void hub_stop(struct hub *h);
/* hub_wait sleeps until the ring holds a slot at or past pos, the hub stops, or the
 * CLOCK_MONOTONIC deadline passes (then 1, up to HUB_TICK_S late). */
int hub_wait(struct hub *h, unsigned long long pos, const struct timespec *deadline);
/* hub_thread_done: a stream thread freed its request and is about to exit (main.c); the
 * reader returns freed memory once they stopped coming for HUB_TRIM_S. */
void hub_thread_done(struct hub *h);
/* hub_serve answers an SSE request for a run or chat stream (uri already known to be one).
 * 1 when it was ours, 0 when uri is not a hub stream. */
int hub_serve(struct hub *h, FCGX_Request *fr, const char *uri);

#endif
