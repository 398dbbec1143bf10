/* SPDX-License-Identifier: MIT */
/* hub.h - the stream responder's fan-out: ONE reader thread tails the global event feed (woken
 * by the runner's datagram, else every HUB_POLL_MS) into a ring of recent events, each rendered
 * once as SSE text, and writes new events straight to the subscribers parked with it (below).
 * A subscriber thread replays (after Last-Event-ID) through the shared auxiliary connection,
 * copies out ring entries of its stream until caught up, then parks; it falls back to a replay
 * if the ring let go of entries it had not seen. The ring is bounded in slots and bytes, and an
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
#define HUB_TICK_S      3         /* the reader looks for parked subscribers due a heartbeat */
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

/* A subscriber that is caught up parks its connection with the reader, which then writes the
 * stream's new events to it directly (one non-blocking send of a FastCGI stdout record per
 * event): no thread wakes per event. The subscriber's thread gets the connection back for
 * anything else: the stream's end, a gap (it replays), the ring having let go of what it had
 * not seen, a send that would block (it writes the rest, blocking), a dead client, or stop.
 * Heartbeats of parked subscribers are written by the reader too. */
struct hub_park {
    struct hub_park *prev, *next;
    const char *stream;
    int fd;                  /* the FastCGI connection (libfcgi's stream flushed, idle) */
    int req_id;              /* its FastCGI request id */
    long long last;          /* last seq sent */
    unsigned long long pos;  /* next ring slot to look at */
    long long quiet_since;   /* CLOCK_MONOTONIC seconds of the last write */
    int finished;            /* terminal event sent */
    int gone;                /* a send failed: the client is gone */
    struct buf pending;      /* the unsent rest of a record: the thread writes it */
    int back;                /* futex word: 1 once handed back */
};

/* Subscriber threads read the ring under ring_lock's read side, all at once; only the reader
 * thread changes it (write side), so the reader itself reads it without locking. */
struct hub {
    const struct cfg *cfg;
    pthread_rwlock_t ring_lock; /* ring, first_slot, ring_bytes; next_slot's writes */
    struct hub_entry ring[HUB_RING];
    unsigned long long first_slot; /* oldest entry still held; older slots were let go */
    unsigned long long next_slot;  /* entries ever added; slot s lives at ring[s % HUB_RING] */
    size_t ring_bytes;
    pthread_mutex_t mu; /* n_subs, left, left_at */
    int n_subs;
    int left;          /* a stream thread ended since the last trim: its memory may be returned */
    long long left_at; /* when the last one did (CLOCK_MONOTONIC seconds) */
    volatile int stopping;
    struct db *reader_db; /* the reader thread's own connection */
    long long cursor;     /* last events_feed id read */
    int wake_fd;
    pthread_t reader;
    pthread_mutex_t park_mu; /* parked */
    struct hub_park *parked;
    struct buf rec;          /* the reader's scratch record */
    pthread_mutex_t aux_mu; /* aux_db: replays and auth lookups, one at a time */
    struct db *aux_db;
};

/* hub_start opens both connections, binds the wake socket and starts the reader. AG_E*. */
int hub_start(struct hub *h, const struct cfg *cfg) AG_MUST_CHECK;
/* hub_stop ends the reader, wakes every subscriber (they close) and frees the ring. */
void hub_stop(struct hub *h);
/* hub_park hands p (caught up to p->pos, its output flushed) to the reader and sleeps until it
 * is handed back; returns at once when the ring moved past p->pos meanwhile. */
void hub_park(struct hub *h, struct hub_park *p);
/* hub_thread_done: a stream thread freed its request and is about to exit (main.c); the
 * reader returns freed memory once they stopped coming for HUB_TRIM_S. */
void hub_thread_done(struct hub *h);
/* hub_serve answers an SSE request for a run or chat stream (uri already known to be one).
 * 1 when it was ours, 0 when uri is not a hub stream. */
int hub_serve(struct hub *h, FCGX_Request *fr, const char *uri);

#endif
